"""The real main window on a temp database, driven with pytest-qt (offscreen).

Covers the shell: plans tree with counts and totals, tree → grid filtering, the quick filter,
status-bar sums, the details panel (owners round trip and undo), section commands with undo,
the empty state, remembered settings and the keyboard shortcuts.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QKeySequence, QUndoStack  # noqa: E402

SECTION_COUNTS = [3, 17, 12, 9, 12, 3]


@pytest.fixture(autouse=True)
def drain_background_work(qtbot):
    """Background recounts must finish before the test's database goes away."""
    yield
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(10)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    from app import settings

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    yield
    settings.use_settings_file(str(tmp_path / "settings-after.ini"))


def make_window(qtbot, engine, *, size=True):
    from app.context import AppContext
    from db import session_factory
    from views.main_window import MainWindow

    ctx = AppContext(engine, session_factory(engine), QUndoStack())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    if size:
        window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    settle_tree(qtbot, window)
    return window


def settle_tree(qtbot, window) -> None:
    """Wait for the tree's background recount of counts and sums."""
    qtbot.waitUntil(lambda: not window.plan_tree.totals_pending(), timeout=5000)


@pytest.fixture
def window(qtbot, engine, sample_plan):
    return make_window(qtbot, engine)


def grid_rows(window) -> int:
    model = window.grid.view.model()
    return model.rowCount()


def wait_rows(qtbot, window, count: int) -> None:
    qtbot.waitUntil(lambda: grid_rows(window) == count, timeout=3000)


def open_details_of_row(qtbot, window, row: int) -> int:
    """Wait for the sample's rows, make `row` current and wait until the details show it."""
    wait_rows(qtbot, window, 56)
    view = window.grid.view
    view.setCurrentIndex(view.model().index(row, 2))
    project_id = window.grid.current_project_id()
    qtbot.waitUntil(lambda: window.details.project_id == project_id, timeout=2000)
    return project_id


def owners_in_db(window, project_id):
    from services.query import rows_for_ids

    with window.ctx.session() as session:
        return rows_for_ids(session, [project_id])[0].owners


def test_tree_shows_six_sections_with_counts_and_totals(window, sample_plan):
    rows = window.plan_tree.section_rows(sample_plan.id)
    assert [count for _id, _name, count, _amount in rows] == SECTION_COUNTS
    names = [name for _id, name, _count, _amount in rows]
    assert names[2] == "(三)深入打好碧水保卫战"
    assert rows[2][3] == "40,363.88"
    plan_index = window.plan_tree.index_of(sample_plan.id)
    assert plan_index.siblingAtColumn(1).data() == "56"
    assert plan_index.siblingAtColumn(2).data() == "67,619.88"
    assert window.current_plan_id() == sample_plan.id
    assert window.centre.currentWidget() is window.tabs


def test_clicking_a_section_filters_the_grid(qtbot, window, sample_plan):
    wait_rows(qtbot, window, 56)
    section_id = window.plan_tree.section_rows(sample_plan.id)[2][0]
    index = window.plan_tree.index_of(sample_plan.id, section_id)
    view = window.plan_tree.view
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_rows(qtbot, window, 12)
    assert window.grid.filter().section_ids == (section_id,)
    assert window.filter_bar.section_id() == section_id
    qtbot.waitUntil(lambda: "40,363.88" in window.summary.rows_label.text(), timeout=3000)
    # Back to the plan: all rows again.
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(window.plan_tree.index_of(sample_plan.id)).center(),
    )
    wait_rows(qtbot, window, 56)
    assert window.grid.filter().section_ids == ()


def test_filter_bar_section_choice_moves_the_tree(qtbot, window, sample_plan):
    section_id = window.plan_tree.section_rows(sample_plan.id)[1][0]
    combo = window.filter_bar.section
    combo.setCurrentIndex(combo.findData(section_id))
    wait_rows(qtbot, window, 17)
    assert window.plan_tree.current_scope() == (sample_plan.id, section_id)


def test_quick_filter_is_debounced_and_matches_owners(qtbot, window):
    wait_rows(qtbot, window, 56)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.filter_bar.quick.hasFocus(), timeout=2000)
    qtbot.keyClicks(window.filter_bar.quick, "VOCs")
    # Debounced: nothing is queried while the user is still typing.
    assert window.grid.filter().text == ""
    qtbot.waitUntil(lambda: window.grid.filter().text == "VOCs", timeout=3000)
    from services.query import ProjectFilter, totals

    def expected(text):
        with window.ctx.session() as session:
            flt = ProjectFilter(plan_id=window.current_plan_id(), text=text)
            return totals(session, flt).projects

    assert 0 < expected("VOCs") < 56
    wait_rows(qtbot, window, expected("VOCs"))
    # Owners match too (typed as an IME would commit it: one insert).
    window.filter_bar.quick.clear()
    window.filter_bar.quick.insert("邹区镇")
    qtbot.waitUntil(lambda: window.grid.filter().text == "邹区镇", timeout=3000)
    assert 0 < expected("邹区镇") < 56
    wait_rows(qtbot, window, expected("邹区镇"))
    assert window.filter_bar.count_label.text()
    # Esc clears the box, a second Esc returns to the table.
    qtbot.keyClick(window.filter_bar.quick, Qt.Key.Key_Escape)
    wait_rows(qtbot, window, 56)
    assert window.filter_bar.quick.text() == ""
    qtbot.keyClick(window.filter_bar.quick, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.grid.view.hasFocus(), timeout=2000)
    window.filter_bar.year.setValue(2023)
    window.filter_bar.clear_button.click()
    assert window.filter_bar.year.value() == 1989  # "any year"


def test_status_and_year_filter(qtbot, window):
    wait_rows(qtbot, window, 56)
    # The status bar is debounced (drag-selecting stays smooth): wait for it.
    qtbot.waitUntil(lambda: "67,619.88" in window.summary.rows_label.text(), timeout=3000)
    assert "6.76" in window.summary.rows_label.text()  # 亿元
    assert "56" in window.summary.rows_label.text()
    window.filter_bar.year.setValue(2025)
    from services.query import ProjectFilter, totals

    with window.ctx.session() as session:
        expected = totals(session, ProjectFilter(plan_id=window.current_plan_id(), year=2025))
    wait_rows(qtbot, window, expected.projects)
    assert window.grid.filter().year == 2025


def test_selection_sum_in_status_bar(qtbot, window):
    wait_rows(qtbot, window, 56)
    view = window.grid.view
    model = view.model()
    view.setFocus()
    view.setCurrentIndex(model.index(0, 2))
    view.selectionModel().select(
        model.index(0, 0),
        view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
    )
    view.selectionModel().select(
        model.index(1, 0),
        view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
    )
    from services.query import totals_for_ids

    ids = window.grid.selected_ids()
    assert len(ids) == 2
    with window.ctx.session() as session:
        expected = totals_for_ids(session, ids)
    from services.parsing import format_money

    qtbot.waitUntil(
        lambda: (
            format_money(expected.planned_investment_wan) in window.summary.selection_label.text()
        ),
        timeout=3000,
    )


def test_details_owners_round_trip_and_undo(qtbot, window):
    from models import OwnerRole

    project_id = open_details_of_row(qtbot, window, 3)
    before = owners_in_db(window, project_id)
    assert window.details.owners.value() == [(n, OwnerRole(r)) for n, r in before]

    editor = window.details.owners
    # The alias "资规分局" completes and saves as the unit's full name.
    editor.picker.setText("资规")
    assert "钟楼自然资源和规划分局" in editor.picker.refresh_completions()
    assert editor.add_owner("资规分局")
    editor.table.selectRow(editor.table.rowCount() - 1)
    editor.move_current(-1)
    assert window.details.save_button.isEnabled()
    qtbot.mouseClick(window.details.save_button, Qt.MouseButton.LeftButton)

    after = owners_in_db(window, project_id)
    assert len(after) == len(before) + 1
    assert after[-2] == ("钟楼自然资源和规划分局", OwnerRole.COOPERATING)
    assert window.ctx.undo_stack.count() == 1
    assert not window.details.save_button.isEnabled()

    window.actions_by_key["undo"].trigger()
    assert owners_in_db(window, project_id) == before
    qtbot.waitUntil(lambda: len(window.details.owners.value()) == len(before), timeout=2000)
    window.actions_by_key["redo"].trigger()
    assert owners_in_db(window, project_id) == after


def test_details_refuses_bad_values_and_shows_why(qtbot, window):
    open_details_of_row(qtbot, window, 0)
    money = window.details.editors["planned_investment_wan"]
    money.setText("-5")
    money.textEdited.emit("-5")
    assert window.details.save() is False
    assert window.details.error.isVisible()
    assert window.ctx.undo_stack.count() == 0
    window.details.revert()
    assert not window.details.error.isVisible()


def test_section_commands_are_undoable(qtbot, window, sample_plan):
    tree = window.plan_tree
    tree.select(sample_plan.id)
    tree.add_section("(七)其他")
    assert len(tree.section_rows(sample_plan.id)) == 7
    new_id = tree.section_rows(sample_plan.id)[-1][0]
    tree.select(sample_plan.id, new_id)
    tree.rename_section("(七)其他工作")
    assert tree.section_rows(sample_plan.id)[-1][1] == "(七)其他工作"
    tree.move_section(-1)
    assert tree.section_rows(sample_plan.id)[5][1] == "(七)其他工作"
    tree.delete_section()
    assert len(tree.section_rows(sample_plan.id)) == 6
    stack = window.ctx.undo_stack
    assert stack.count() == 4
    stack.undo()  # delete
    assert tree.section_rows(sample_plan.id)[5][1] == "(七)其他工作"
    stack.undo()  # move
    stack.undo()  # rename
    assert tree.section_rows(sample_plan.id)[-1][1] == "(七)其他"
    stack.undo()  # add
    settle_tree(qtbot, window)
    assert [r[2] for r in tree.section_rows(sample_plan.id)] == SECTION_COUNTS
    for _ in range(4):
        stack.redo()
    assert len(tree.section_rows(sample_plan.id)) == 6


def test_section_with_projects_is_not_deleted(qtbot, window, sample_plan, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args))
    tree = window.plan_tree
    tree.select(sample_plan.id, tree.section_rows(sample_plan.id)[0][0])
    tree.delete_section()
    assert shown
    assert len(tree.section_rows(sample_plan.id)) == 6
    assert window.ctx.undo_stack.count() == 0


def test_plan_properties_edit_is_undoable(qtbot, window, sample_plan):
    from app.operations import perform
    from views.plan_dialog import EditPlanCommand

    command = EditPlanCommand(window.ctx, sample_plan.id, {"doc_number": "钟政办发〔2023〕18号"})
    assert perform(window.ctx, command)
    assert "18号" in window.plan_tree.info.text()
    window.ctx.undo_stack.undo()
    assert "17号" in window.plan_tree.info.text()


def test_empty_database_offers_the_sample(qtbot, engine):
    window = make_window(qtbot, engine)
    assert window.centre.currentWidget() is window.empty_state
    assert window.current_plan_id() is None
    qtbot.mouseClick(window.sample_button, Qt.MouseButton.LeftButton)
    assert window.centre.currentWidget() is window.tabs
    settle_tree(qtbot, window)
    assert [r[2] for r in window.plan_tree.section_rows(window.current_plan_id())] == (
        SECTION_COUNTS
    )
    assert window.current_plan_id() is not None
    wait_rows(qtbot, window, 56)
    qtbot.waitUntil(lambda: "67,619.88" in window.summary.rows_label.text(), timeout=3000)


def test_new_plan_with_sections(qtbot, engine):
    from services.errors import ValidationError
    from services.query import plans as list_plans
    from views.plan_dialog import create_plan_with_sections

    window = make_window(qtbot, engine)
    values = {
        "title": "2024年测试方案",
        "region": "钟楼区",
        "year_start": 2024,
        "year_end": 2024,
        "doc_number": None,
        "issuer": None,
        "issue_date": None,
        "notes": None,
    }
    # A refused section refuses the whole plan: no plan without its sections is left behind.
    with pytest.raises(ValidationError):
        create_plan_with_sections(window.ctx, values, ["(一)甲", "  "])
    with window.ctx.session() as session:
        assert list_plans(session) == []
    assert window.centre.currentWidget() is not window.tabs
    plan_id = create_plan_with_sections(window.ctx, values, ["(一)甲", "(二)乙"])
    assert window.centre.currentWidget() is window.tabs  # the change notice alone did it
    assert [r[1] for r in window.plan_tree.section_rows(plan_id)] == ["(一)甲", "(二)乙"]


def test_settings_remember_plan_and_geometry(qtbot, engine, sample_plan):
    from views.main_window import GEOMETRY, LAST_PLAN

    first = make_window(qtbot, engine)
    # Just above the window's minimum and inside the offscreen screen, so nothing clamps it.
    size = (first.minimumSizeHint().width() + 17, first.minimumSizeHint().height() + 211)
    first.resize(*size)
    first.close()
    assert LAST_PLAN.value == sample_plan.id
    assert not GEOMETRY.value.isEmpty()
    second = make_window(qtbot, engine, size=False)
    assert second.current_plan_id() == sample_plan.id
    assert (second.size().width(), second.size().height()) == size


def test_keyboard_shortcuts_and_plan_actions(window):
    undo = window.actions_by_key["undo"].shortcuts()
    redo = window.actions_by_key["redo"].shortcuts()
    assert QKeySequence("Ctrl+Z") in undo
    assert QKeySequence("Ctrl+Y") in redo and QKeySequence("Ctrl+Shift+Z") in redo
    assert window.actions_by_key["filter"].shortcut() == QKeySequence("Ctrl+F")
    window._update_actions()
    assert window._plan_id is not None
    for key in ("import", "export", "briefing", "rollover", "compare"):
        assert window.actions_by_key[key].isEnabled()


def test_ctrl_number_switches_tabs(qtbot, window):
    actions = {a.objectName(): a for a in window.menus["view"].actions()}
    assert actions["tab_projects"].shortcut() == QKeySequence("Ctrl+1")
    assert actions["tab_dashboard"].shortcut() == QKeySequence("Ctrl+2")
    if window.tabs.spec("dashboard").factory is not None:
        actions["tab_dashboard"].trigger()
        assert window.tabs.currentWidget() is window.tab_widget("dashboard")
    actions["tab_projects"].trigger()
    assert window.tabs.currentIndex() == 0


def test_add_tab_hook_builds_lazily_and_follows_the_plan(qtbot, window, sample_plan):
    from PySide6.QtWidgets import QLabel

    built = []

    class Probe(QLabel):
        def __init__(self):
            super().__init__("probe")
            self.plans = []
            built.append(self)

        def set_plan(self, plan_id):
            self.plans.append(plan_id)

    window.add_tab("probe", "Probe", Probe)
    assert built == []
    window.show_tab("probe")
    assert len(built) == 1 and built[0].plans == [sample_plan.id]
    assert window.tab_widget("probe") is built[0]


def test_drill_down_from_a_tab_filters_the_grid(qtbot, window, sample_plan):
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    from services.query import ProjectFilter

    class Dashboardish(QWidget):
        drillDown = Signal(object)

        def __init__(self):
            super().__init__()
            self.filters = []

        def set_filter(self, flt):
            self.filters.append(flt)

    window.add_tab("probe", "Probe", Dashboardish)
    probe = window.tab_widget("probe")
    assert probe.filters[-1].plan_id == sample_plan.id
    section_id = window.plan_tree.section_rows(sample_plan.id)[3][0]
    probe.drillDown.emit(ProjectFilter(plan_id=sample_plan.id, section_ids=(section_id,)))
    wait_rows(qtbot, window, 9)
    assert "(四)" in window.statusBar().currentMessage()
    assert window.plan_tree.current_scope() == (sample_plan.id, section_id)
    assert probe.filters[-1].section_ids == (section_id,)


def test_language_choice_is_stored_for_the_next_start(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.i18n import LANGUAGE

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    english = window.findChild(type(window.actions_by_key["undo"]), "language_en")
    english.trigger()
    assert LANGUAGE.value == "en"


def test_typed_options_round_trip(tmp_path):
    from PySide6.QtCore import QByteArray

    from app import settings
    from app.settings import Option

    flag = Option("test/flag", bool, False)
    count = Option("test/count", int, 7)
    names = Option("test/names", list, [])
    blob = Option("test/blob", QByteArray, QByteArray())
    assert (flag.value, count.value, names.value) == (False, 7, [])
    flag.set(True)
    count.set(42)
    names.set(["甲", "乙"])
    blob.set(QByteArray(b"\x00\x01"))
    settings.sync()
    # A fresh reader of the same INI file sees typed values, not strings.
    settings.use_settings_file(str(tmp_path / "settings.ini"))
    assert flag.value is True and count.value == 42 and names.value == ["甲", "乙"]
    assert bytes(blob.value) == b"\x00\x01"
    settings.settings().setValue("test/count", "not a number")
    assert count.value == 7  # a broken value falls back to the default
    with pytest.raises(ValueError):
        Option("test/count", str, "x")


def test_run_gui_reports_a_database_that_cannot_open(tmp_path, monkeypatch, qapp):
    from PySide6.QtWidgets import QMessageBox

    from app.i18n import remove_translators
    from views.start import run_gui

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()))
    try:
        assert run_gui(str(tmp_path)) == 1  # a directory is not a database
    finally:
        remove_translators()
    assert shown and "is a directory" in shown[0] and str(tmp_path) in shown[0]


def test_grid_edits_update_tree_totals_and_details(qtbot, window, sample_plan):
    from app.operations import perform
    from app.undo import SetFieldsCommand

    project_id = open_details_of_row(qtbot, window, 0)
    perform(
        window.ctx,
        SetFieldsCommand(
            window.ctx,
            window.grid.source,
            {project_id: {"planned_investment_wan": "1700"}},
            "edit",
        ),
    )  # 700.00 → 1,700.00 in section (一)
    qtbot.waitUntil(
        lambda: window.plan_tree.section_rows(sample_plan.id)[0][3] == "3,880.00", timeout=3000
    )
    assert window.details.editors["planned_investment_wan"].text() == "1700.00"
    qtbot.waitUntil(lambda: "68,619.88" in window.summary.rows_label.text(), timeout=3000)


def test_leaving_a_project_saves_its_details(qtbot, window):
    first = open_details_of_row(qtbot, window, 0)
    view = window.grid.view
    content = window.details.editors["content"]
    content.setPlainText("第一行\n第二行")
    assert window.details.is_dirty()
    view.setCurrentIndex(view.model().index(1, 2))
    qtbot.waitUntil(lambda: window.details.project_id != first, timeout=2000)
    from services.query import rows_for_ids

    with window.ctx.session() as session:
        assert rows_for_ids(session, [first])[0].content == "第一行\n第二行"
    assert window.ctx.undo_stack.count() == 1


def test_new_plan_dialog_keeps_input_after_an_error(qtbot, window, sample_plan, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from views.plan_dialog import DEFAULT_SECTIONS, PlanDialog

    attempts = []

    def fake_exec(dialog):
        attempts.append(dialog.error.text())
        if len(attempts) == 1:
            dialog.title.setText(sample_plan.title)  # taken: refused, dialog stays open
        else:
            assert dialog.title.text() == sample_plan.title  # what was typed is still there
            dialog.title.setText("2024年钟楼区生态文明建设工作方案")
            dialog.year_start.setValue(2024)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PlanDialog, "exec", fake_exec)
    window.actions_by_key["new_plan"].trigger()
    assert len(attempts) == 2 and "同名" in attempts[1]
    plan_id = window.current_plan_id()
    assert plan_id != sample_plan.id
    assert [r[1] for r in window.plan_tree.section_rows(plan_id)] == DEFAULT_SECTIONS
    settle_tree(qtbot, window)
    assert window.centre.currentWidget() is window.tabs
