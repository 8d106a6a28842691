"""The real ProjectGrid on the sample plan, driven like a user would (offscreen Qt)."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from app import operations
from app.context import AppContext
from db import session_factory
from models import OwnerRole, Project
from services import ledger
from services.operations import run_op
from services.parsing import Period
from services.query import ProjectFilter, Sort
from services.tsv import format_tsv, parse_tsv
from widgets.project_grid import ProjectGrid

pytestmark = pytest.mark.gui

INVEST = "planned_investment_wan"


@pytest.fixture
def ctx(qapp, engine, sample_plan):
    return AppContext(engine, session_factory(engine), QUndoStack(), plan_id=sample_plan.id)


@pytest.fixture
def grid(qtbot, ctx, sample_plan):
    widget = ProjectGrid(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.set_filter(ProjectFilter(plan_id=sample_plan.id))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture(autouse=True)
def _quiet_errors(monkeypatch):
    shown = []
    monkeypatch.setattr(operations, "error_handler", lambda title, exc: shown.append((title, exc)))
    return shown


def _db(ctx, pid, field):
    with ctx.session() as s:
        project = s.get(Project, pid)
        if field in ("owners", "period"):
            return ledger.field_value(project, field)
        return getattr(project, field)


def _row_of(grid, name):
    with grid.ctx.session() as s:
        pid = s.scalar(select(Project.id).where(Project.name == name))
    return grid.model.rows_of([pid])[pid], pid


def _col(grid, key):
    return grid.model.column_index(key)


def _select(grid, top, left, bottom, right):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    model = grid.model
    selection = QItemSelection(model.index(top, left), model.index(bottom, right))
    grid.view.selectionModel().setCurrentIndex(
        model.index(top, left), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    grid.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def _select_row(grid, row):
    _select(grid, row, 0, row, grid.model.columnCount() - 1)


def _open_editor(qtbot, grid, row, column):
    QApplication.processEvents()  # let closed editors be deleted
    index = grid.model.index(row, column)
    grid.view.setCurrentIndex(index)
    grid.view.edit(index)
    editors = [w for w in grid.view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def _type(editor, text):
    """Type like a user, non-ASCII included (QTest's key clicks only know ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


# ---------------------------------------------------------------- showing


def test_shows_sample_lazily_with_formatted_money(grid):
    model = grid.model
    assert model.rowCount() == 56
    assert model.page_fetches <= 1  # one page painted, not 56 row queries
    row, _pid = _row_of(grid, "光伏发电试点区建设")
    index = model.index(row, _col(grid, INVEST))
    assert index.data() == "2,000.00"
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers[:3] == ["No.", "Project type", "Project name"]
    stats = grid.stats()
    assert (stats.filtered_projects, stats.filtered_investment_wan) == (56, Decimal("67619.88"))


def test_unset_money_shows_slash(grid):
    row, pid = _row_of(grid, "光伏发电试点区建设")
    grid.view.setCurrentIndex(grid.model.index(row, _col(grid, INVEST)))
    assert grid.view.clear_cells()
    assert _db(grid.ctx, pid, INVEST) is None
    assert grid.model.index(row, _col(grid, INVEST)).data() == "/"


# ---------------------------------------------------------------- editing


def test_edit_cell_through_editor_writes_db_and_moves_down(qtbot, grid):
    row, pid = _row_of(grid, "光伏发电试点区建设")
    editor = _open_editor(qtbot, grid, row, _col(grid, INVEST))
    editor.clear()
    qtbot.keyClicks(editor, "2,500.5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _db(grid.ctx, pid, INVEST) == Decimal("2500.50")
    assert grid.model.index(row, _col(grid, INVEST)).data() == "2,500.50"
    assert grid.view.currentIndex().row() == row + 1
    assert grid.ctx.undo_stack.count() == 1
    assert grid.stats().filtered_investment_wan == Decimal("68120.38")


def test_invalid_edit_refused_visibly_and_editor_stays(qtbot, grid):
    row, pid = _row_of(grid, "光伏发电试点区建设")
    editor = _open_editor(qtbot, grid, row, _col(grid, INVEST))
    messages = []
    grid.view.statusMessage.connect(messages.append)
    editor.clear()
    qtbot.keyClicks(editor, "-5")
    assert "负" in editor.toolTip() and "d93025" in editor.styleSheet()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.isVisible()  # still editing: the value is not dropped
    assert messages and "负" in messages[-1]
    assert _db(grid.ctx, pid, INVEST) == Decimal("2000.00")
    assert grid.ctx.undo_stack.count() == 0


def test_period_editor_accepts_office_spellings(qtbot, grid):
    row, pid = _row_of(grid, "光伏发电试点区建设")
    for text, expected in (("2022年-2024年", (2022, 2024)), ("2022—2025", (2022, 2025))):
        editor = _open_editor(qtbot, grid, row, _col(grid, "period"))
        editor.clear()
        _type(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert (_db(grid.ctx, pid, "start_year"), _db(grid.ctx, pid, "end_year")) == expected


def test_owner_completion_uses_aliases(qtbot, grid):
    row, _pid = _row_of(grid, "光伏发电试点区建设")
    editor = _open_editor(qtbot, grid, row, _col(grid, "owners"))
    editor.clear()
    _type(editor, "区发改局、资规")
    names = editor.completer_popup.model().stringList()
    assert "钟楼自然资源和规划分局" in names
    editor._insert("钟楼自然资源和规划分局")
    assert editor.text() == "区发改局、钟楼自然资源和规划分局"


def test_undo_redo_round_trip_and_merge_typing(grid):
    row, pid = _row_of(grid, "光伏发电试点区建设")
    index = grid.model.index(row, _col(grid, "quantity"))
    stack = grid.ctx.undo_stack
    assert grid.model.setData(index, "5")
    assert grid.model.setData(index, "6")  # same cell again: merged into one step
    assert stack.count() == 1
    assert _db(grid.ctx, pid, "quantity") == 6
    stack.undo()
    assert _db(grid.ctx, pid, "quantity") == 1
    assert index.data() == "1"
    stack.redo()
    assert _db(grid.ctx, pid, "quantity") == 6
    assert index.data() == "6"


# ---------------------------------------------------------------- paste


def _block_values(grid, top, left, height, width):
    out = []
    for r in range(height):
        pid = grid.model.id_at(top + r)
        out.append([_db(grid.ctx, pid, grid.model.column(left + c).key) for c in range(width)])
    return out


def test_paste_with_bad_value_changes_nothing_and_lists_error(grid):
    top, left = 4, _col(grid, "quantity")  # quantity, investment, period, owners
    before = _block_values(grid, top, left, 3, 4)
    _select(grid, top, left, top, left)
    text = format_tsv(
        [
            ["3", "100", "2023", "区住建局"],
            ["4", "-7", "2023-2024", "区发改局"],
            ["5", "300.25", "2025-2023", "区发改局、北港街道"],
        ]
    )
    assert not grid.view.paste(text)
    assert _block_values(grid, top, left, 3, 4) == before
    dialog = grid.view.last_error_dialog
    assert dialog is not None and dialog.isVisible()
    rows = [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]
    assert rows[0][:3] == [str(top + 2), "Planned investment (10k yuan)", "-7"]
    assert "负" in rows[0][3]
    assert rows[1][:3] == [str(top + 3), "Construction period", "2025-2023"]
    assert "Nothing was changed" in dialog.summary.text()
    assert grid.ctx.undo_stack.count() == 0


def test_paste_block_is_one_undo_step(grid):
    top, left = 4, _col(grid, "quantity")
    before = _block_values(grid, top, left, 3, 4)
    text = "3\t100\t2023\t区住建局\r\n4\t200.5\t2022—2024\t区发改局\r\n5\t/\t2023年\t资规分局\r\n"
    _select(grid, top, left, top, left)
    assert grid.view.paste(text)
    after = _block_values(grid, top, left, 3, 4)
    assert after[0][:3] == [3, Decimal("100.00"), Period(2023, 2023)]
    assert after[1][2] == Period(2022, 2024)
    assert after[1][1] == Decimal("200.50")
    assert after[2][1] is None
    assert after[2][3] == [("钟楼自然资源和规划分局", OwnerRole.LEAD)]
    assert grid.ctx.undo_stack.count() == 1
    grid.ctx.undo_stack.undo()
    assert _block_values(grid, top, left, 3, 4) == before
    grid.ctx.undo_stack.redo()
    assert _block_values(grid, top, left, 3, 4) == after


def test_paste_single_value_fills_selection(grid):
    col = _col(grid, "status")
    _select(grid, 0, col, 5, col)
    assert grid.view.paste("在建\r\n")
    assert {_db(grid.ctx, grid.model.id_at(r), "status").value for r in range(6)} == {"in_progress"}
    assert grid.model.index(0, col).data() == "In progress"


def test_paste_beyond_last_row_asks_then_adds_rows(grid, monkeypatch):
    model = grid.model
    last = model.rowCount() - 1
    text = "末行\t9\r\n新项目甲\t1\r\n新项目乙\t2\r\n"
    grid.view.setCurrentIndex(model.index(last, _col(grid, "name")))
    monkeypatch.setattr(grid.view, "confirm", lambda title, body: False)
    assert not grid.view.paste(text)
    assert model.rowCount() == 56
    monkeypatch.setattr(grid.view, "confirm", lambda title, body: True)
    assert grid.view.paste(text)
    assert model.rowCount() == 58
    assert [model.index(r, _col(grid, "name")).data() for r in range(56, 58)] == [
        "新项目甲",
        "新项目乙",
    ]
    assert model.index(57, _col(grid, "content")).data() == "2"
    assert grid.ctx.undo_stack.count() == 1
    grid.ctx.undo_stack.undo()
    assert model.rowCount() == 56
    assert model.index(last, _col(grid, "name")).data() != "末行"


def test_paste_that_adds_rows_failing_half_way_changes_nothing(grid, db_path, monkeypatch):
    """Acceptance: the paste's cell edits and its new rows are one transaction."""
    import sqlite3

    from services.errors import LedgerError

    def dump():
        with sqlite3.connect(db_path) as con:
            return "\n".join(con.iterdump())

    real_insert = ledger.insert_projects

    def insert_then_fail(*args, **kwargs):
        real_insert(*args, **kwargs)  # the new rows are written, the edits before them too
        raise LedgerError("injected failure")

    model = grid.model
    last = model.rowCount() - 1
    grid.view.setCurrentIndex(model.index(last, _col(grid, "name")))
    monkeypatch.setattr(grid.view, "confirm", lambda title, body: True)
    monkeypatch.setattr(ledger, "insert_projects", insert_then_fail)
    before = dump()
    assert not grid.view.paste("末行\t9\r\n新项目甲\t1\r\n")
    assert dump() == before
    assert grid.ctx.undo_stack.count() == 0 and model.rowCount() == 56


def test_a_history_jump_stops_at_the_step_that_cannot_be_undone(qtbot, grid, _quiet_errors):
    stack = grid.ctx.undo_stack
    quantity = _col(grid, "quantity")
    rows = [_row_of(grid, name) for name in ("光伏发电试点区建设", "VOCs源头替代", "储罐综合整治")]
    for row, _pid in rows:
        grid.model.setData(grid.model.index(row, quantity), "9")
    (_r1, first), (_r2, second), (_r3, third) = rows
    with grid.ctx.session() as s:
        ledger.delete_projects(s, [second])
    stack.setIndex(0)  # the history view: undo all three at once
    assert [title for title, _exc in _quiet_errors] == ["Undo failed"]
    qtbot.waitUntil(lambda: stack.index() == 2)
    assert _db(grid.ctx, third, "quantity") != 9  # undone before the failing step
    assert _db(grid.ctx, first, "quantity") == 9  # never reached: still as edited


def test_failed_redo_is_reported_and_leaves_the_history_where_it_was(qtbot, grid, _quiet_errors):
    row, pid = _row_of(grid, "光伏发电试点区建设")
    grid.model.setData(grid.model.index(row, _col(grid, "quantity")), "9")
    stack = grid.ctx.undo_stack
    stack.undo()
    with grid.ctx.session() as s:
        ledger.delete_projects(s, [pid])
    stack.redo()
    assert _quiet_errors and _quiet_errors[0][0] == "Redo failed"
    qtbot.waitUntil(lambda: stack.index() == 0)
    assert stack.count() == 1 and stack.canRedo()


def test_paste_too_wide_refused(grid):
    model = grid.model
    grid.view.setCurrentIndex(model.index(0, model.columnCount() - 1))
    assert not grid.view.paste("a\tb\r\n")
    assert "2 columns wide" in grid.view.last_error_dialog.summary.text()


# ---------------------------------------------------------------- copy


def test_copy_gives_excel_tsv(grid):
    row, _pid = _row_of(grid, "光伏发电试点区建设")
    name, content = _col(grid, "name"), _col(grid, "content")
    _select(grid, row, name, row + 1, _col(grid, INVEST))
    assert grid.view.copy_selection()
    text = QGuiApplication.clipboard().text()
    assert text.endswith("\r\n") and text.count("\r\n") >= 2
    rows = parse_tsv(text)
    assert len(rows) == 2 and len(rows[0]) == _col(grid, INVEST) - name + 1
    assert rows[0][0] == "光伏发电试点区建设" and rows[0][-1] == "2000.00"
    full = grid.model.index(row, content).data(Qt.ItemDataRole.EditRole)
    assert rows[0][1] == full
    if "\n" in full:
        assert '"' in text  # multi-line cells are quoted the way Excel does
    assert "<table" in QGuiApplication.clipboard().mimeData().html()


def test_copy_then_paste_round_trip_is_no_change(grid):
    _select(grid, 0, 0, 9, grid.model.columnCount() - 1)
    grid.view.copy_selection()
    # Everything copied (money, periods, owners, status labels) pastes back as the same values.
    assert grid.view.paste() is False
    assert grid.view.last_error_dialog is None
    assert grid.ctx.undo_stack.count() == 0


def test_ctrl_c_key_copies(qtbot, grid):
    row, _pid = _row_of(grid, "光伏发电试点区建设")
    grid.view.setFocus()
    _select(grid, row, _col(grid, "name"), row, _col(grid, "name"))
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(grid.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "光伏发电试点区建设\r\n"


# ---------------------------------------------------------------- fill, clear


def test_fill_down_is_one_step(grid):
    col_q, col_p = _col(grid, "quantity"), _col(grid, "period")
    _select(grid, 10, col_q, 14, col_p)
    top_id = grid.model.id_at(10)
    expected = (_db(grid.ctx, top_id, "quantity"), _db(grid.ctx, top_id, INVEST))
    before = [_db(grid.ctx, grid.model.id_at(r), "quantity") for r in range(11, 15)]
    assert grid.view.fill_down()
    for r in range(11, 15):
        pid = grid.model.id_at(r)
        assert (_db(grid.ctx, pid, "quantity"), _db(grid.ctx, pid, INVEST)) == expected
    assert grid.ctx.undo_stack.count() == 1
    grid.ctx.undo_stack.undo()
    assert [_db(grid.ctx, grid.model.id_at(r), "quantity") for r in range(11, 15)] == before


def test_ctrl_d_key_fills_down(qtbot, grid):
    col = _col(grid, "remarks")
    grid.model.setData(grid.model.index(0, col), "备注A")
    _select(grid, 0, col, 3, col)
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert {_db(grid.ctx, grid.model.id_at(r), "remarks") for r in range(4)} == {"备注A"}


def test_clear_refuses_name_and_clears_others(grid):
    _select(grid, 2, _col(grid, "name"), 3, _col(grid, "quantity"))
    names = [_db(grid.ctx, grid.model.id_at(r), "name") for r in (2, 3)]
    assert not grid.view.clear_cells()
    errors = grid.view.last_error_dialog.errors
    assert [(e.row, e.column) for e in errors] == [("3–4", "Project name")]
    assert [_db(grid.ctx, grid.model.id_at(r), "name") for r in (2, 3)] == names
    _select(grid, 2, _col(grid, "content"), 3, _col(grid, "quantity"))
    assert grid.view.clear_cells()
    assert _db(grid.ctx, grid.model.id_at(2), "quantity") is None
    assert grid.ctx.undo_stack.count() == 1
    grid.ctx.undo_stack.undo()
    assert _db(grid.ctx, grid.model.id_at(2), "quantity") is not None


# ---------------------------------------------------------------- rows


def test_delete_and_undo_restores_ids_and_owners(grid):
    row, pid = _row_of(grid, "储罐综合整治")
    owners = _db(grid.ctx, pid, "owners")
    _select_row(grid, row)
    assert grid.view.delete_rows()
    assert grid.model.rowCount() == 55
    with grid.ctx.session() as s:
        assert s.get(Project, pid) is None
    grid.ctx.undo_stack.undo()
    assert grid.model.rowCount() == 56
    assert _db(grid.ctx, pid, "owners") == owners
    assert _row_of(grid, "储罐综合整治")[0] == row
    assert grid.current_project_id() == pid
    grid.ctx.undo_stack.redo()
    assert grid.model.rowCount() == 55


def test_insert_row_below_and_undo(grid):
    _select(grid, 5, 0, 5, 0)
    ids = grid.view.insert_rows(below=True)
    assert len(ids) == 1 and grid.model.id_at(6) == ids[0]
    assert grid.model.index(6, _col(grid, "name")).data() == "New project"
    assert grid.view.currentIndex().column() == _col(grid, "name")
    assert grid.view.currentIndex().row() == 6
    grid.ctx.undo_stack.undo()
    assert grid.model.rowCount() == 56
    grid.ctx.undo_stack.redo()
    assert grid.model.id_at(6) == ids[0]


def test_rows_inserted_into_a_big_table_are_selected_when_its_ids_arrive(qtbot, grid):
    grid.model.ASYNC_ROWS = 20  # the 56 sample rows count as big: re-reads run in background
    _select(grid, 5, 0, 5, 0)
    ids = grid.view.insert_rows(below=True)
    qtbot.waitUntil(lambda: not grid.model.is_loading(), timeout=5000)
    assert grid.model.id_at(6) == ids[0]
    assert grid.view.selected_ids() == ids


def test_move_rows_up_down_and_between_sections(grid):
    model = grid.model
    order = list(model.ids())
    _select_row(grid, 5)
    assert grid.view.move_rows(-1)
    assert list(model.ids())[4:6] == [order[5], order[4]]
    assert grid.current_project_id() == order[5]
    grid.ctx.undo_stack.undo()
    assert list(model.ids()) == order
    # The first row of section 2 moves up into the end of section 1.
    with grid.ctx.session() as s:
        sections = [s.get(Project, pid).section_id for pid in order]
    boundary = next(i for i in range(1, 56) if sections[i] != sections[i - 1])
    _select_row(grid, boundary)
    assert grid.view.move_rows(-1)
    assert list(model.ids()) == order  # same visual order, but now in the earlier section
    assert _db(grid.ctx, order[boundary], "section_id") == sections[0]
    grid.ctx.undo_stack.undo()
    assert _db(grid.ctx, order[boundary], "section_id") == sections[boundary]
    # Move to another section's end, then undo.
    _select_row(grid, 0)
    assert grid.view.move_to_group(sections[-1])
    assert model.id_at(55) == order[0]
    grid.ctx.undo_stack.undo()
    assert list(model.ids()) == order


def test_move_refused_while_sorted(grid, monkeypatch):
    informed = []
    monkeypatch.setattr(grid.view, "inform", informed.append)
    grid.set_sort(Sort(INVEST))
    _select_row(grid, 3)
    assert not grid.view.move_rows(1)
    assert informed


# ---------------------------------------------------------------- sort, filter, stats


def test_sort_by_investment_header_keeps_current_by_id(qtbot, grid):
    row, pid = _row_of(grid, "光伏发电试点区建设")
    grid.view.setCurrentIndex(grid.model.index(row, 2))
    header = grid.view.horizontalHeader()
    col = _col(grid, INVEST)
    header.sectionClicked.emit(col)  # ascending
    header.sectionClicked.emit(col)  # descending
    assert grid.model.sort_state() == Sort(INVEST, True)
    amounts = [_db(grid.ctx, grid.model.id_at(r), INVEST) for r in range(56)]
    values = [a for a in amounts if a is not None]
    assert values == sorted(values, reverse=True)
    assert amounts.index(None) == len(values) if None in amounts else True
    assert grid.current_project_id() == pid
    assert header.isSortIndicatorShown()
    header.sectionClicked.emit(col)  # back to table order
    assert grid.model.sort_state() is None and not header.isSortIndicatorShown()


def test_filter_and_selection_stats(qtbot, grid, sample_plan):
    grid.set_filter(ProjectFilter(plan_id=sample_plan.id, text="VOCs"))
    count = grid.model.rowCount()
    assert 0 < count < 56
    names = [grid.model.index(r, _col(grid, "name")).data() for r in range(count)]
    contents = [grid.model.index(r, _col(grid, "content")).data() for r in range(count)]
    types = [grid.model.index(r, _col(grid, "project_type")).data() for r in range(count)]
    assert all("VOCs" in " ".join(t) for t in zip(names, contents, types, strict=True))
    with qtbot.waitSignal(grid.selectionStatsChanged, timeout=2000) as blocker:
        _select_row(grid, 0)
    stats = blocker.args[0]
    assert stats.projects == 1
    assert stats.planned_investment_wan == _db(grid.ctx, grid.model.id_at(0), INVEST)
    assert stats.filtered_projects == count
    with qtbot.waitSignal(grid.selectionStatsChanged, timeout=2000) as blocker:
        grid.view.selectAll()
    assert blocker.args[0].planned_investment_wan == stats.filtered_investment_wan


def test_current_project_signal(qtbot, grid):
    with qtbot.waitSignal(grid.currentProjectChanged, timeout=1000) as blocker:
        grid.view.setCurrentIndex(grid.model.index(7, 2))
    assert blocker.args == [grid.model.id_at(7)]


def test_external_change_refreshes_only_changed_rows(grid):
    blocks = []
    grid.model.dataChanged.connect(lambda a, b, *_: blocks.append((a.row(), b.row())))
    ids = [grid.model.id_at(r) for r in (2, 3, 4, 9)]
    changes = run_op(
        grid.ctx,
        lambda op: ledger.set_fields(op.session, {pid: {"remarks": "外部修改"} for pid in ids}),
        label="edit",
    )
    operations.announce(grid.ctx, changes)
    assert blocks == [(2, 4), (9, 9)]
    assert grid.model.index(9, _col(grid, "remarks")).data() == "外部修改"


def test_failed_undo_is_reported_and_leaves_the_history_where_it_was(qtbot, grid, _quiet_errors):
    row, pid = _row_of(grid, "光伏发电试点区建设")
    grid.model.setData(grid.model.index(row, _col(grid, "remarks")), "备注")
    grid.model.setData(grid.model.index(row, _col(grid, "quantity")), "9")
    stack = grid.ctx.undo_stack
    with grid.ctx.session() as s:  # someone deletes the project behind the grid's back
        ledger.delete_projects(s, [pid])
    stack.undo()
    assert _quiet_errors and _quiet_errors[0][0] == "Undo failed"
    # The step that could not be undone is still the next one to undo; nothing was skipped.
    qtbot.waitUntil(lambda: stack.index() == 2)
    assert stack.count() == 2 and stack.undoText() == stack.command(1).text()


def test_large_table_reads_only_visible_pages(qtbot, ctx, sample_plan):
    with ctx.session() as s:
        section = s.scalar(select(Project.section_id).where(Project.plan_id == sample_plan.id))
        ledger.insert_projects(s, section, None, [{"name": f"P{i}"} for i in range(3000)])
    widget = ProjectGrid(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.set_filter(ProjectFilter(plan_id=sample_plan.id))
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.model.rowCount() == 3056
    widget.view.scrollToBottom()
    QApplication.processEvents()
    assert widget.model.page_fetches <= 4
    assert widget.model.cached_rows() <= 4 * widget.model.PAGE_SIZE


def test_big_tables_reload_in_background_latest_wins(qtbot, grid):
    model = grid.model
    model.ASYNC_ROWS = 10  # treat the sample as "big"
    row, pid = _row_of(grid, "光伏发电试点区建设")
    grid.view.setCurrentIndex(model.index(row, 2))
    with qtbot.waitSignal(model.loadingChanged, timeout=5000, check_params_cb=lambda b: not b):
        model.set_sort(Sort(INVEST))
        model.set_sort(Sort(INVEST, descending=True))  # supersedes the first request
        assert model.is_loading()
        assert model.rowCount() == 56  # old rows stay on screen meanwhile
    assert model.sort_state() == Sort(INVEST, True)
    amounts = [_db(grid.ctx, model.id_at(r), INVEST) for r in range(56)]
    values = [a for a in amounts if a is not None]
    assert values == sorted(values, reverse=True)
    assert grid.current_project_id() == pid


def test_registered_column_shows_read_only(grid):
    from services.records import register_project_column, unregister_project_column

    register_project_column("flag", lambda s, ids: {i: "behind" for i in ids}, title="Flag")
    try:
        grid.refresh_columns()
        col = grid.model.column_index("flag")
        assert grid.model.columnCount() == 14  # 11 official, 牵头单位, 配合单位, the flag
        assert grid.model.index(0, col).data() == "behind"
        assert not grid.model.flags(grid.model.index(0, col)) & Qt.ItemFlag.ItemIsEditable
        _select(grid, 0, col, 0, col)
        assert not grid.view.paste("on_track\r\n")
        assert grid.view.last_error_dialog.errors[0].reason == "This column is read-only."
    finally:
        unregister_project_column("flag")


def test_first_load_of_a_big_table_paints_its_head_then_fills_in(
    qtbot, ctx, sample_plan, monkeypatch
):
    from widgets.grid.table_model import LazyTableModel

    # 56 sample rows stand in for a million: the head is 10 rows, the rest arrive in background.
    monkeypatch.setattr(LazyTableModel, "HEAD_ROWS", 10)
    widget = ProjectGrid(ctx)
    qtbot.addWidget(widget)
    widget.set_filter(ProjectFilter(plan_id=sample_plan.id))
    assert widget.model.rowCount() == 10
    assert widget.model.index(0, _col(widget, "name")).data() == "工业绿色制造体系"
    qtbot.waitUntil(lambda: widget.model.rowCount() == 56, timeout=5000)
    assert not widget.model.is_loading()
    # Once the table has been big, narrowing and clearing a filter read in the background:
    # the old rows stay until the new list is there (the GUI never waits for every id).
    widget.model.ASYNC_ROWS = 20
    widget.set_filter(ProjectFilter(plan_id=sample_plan.id, text="口袋公园"))
    assert widget.model.rowCount() == 56 and widget.model.is_loading()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 5, timeout=5000)
    widget.set_filter(ProjectFilter(plan_id=sample_plan.id))
    assert widget.model.rowCount() == 5 and widget.model.is_loading()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 56, timeout=5000)


def test_refused_paste_dialog_is_resizable_and_shows_each_reason_in_full(qtbot, qapp):
    from widgets.grid.cell_errors import CellError, CellErrorDialog

    reason = (
        "建设期限格式不对：应写成“2023”或“2022-2024”，开始年份不能晚于结束年份，"
        "也不能写成“长期”或“持续推进”；请改正后重新粘贴。"
    )
    errors = [
        CellError("5", "建设期限", "2025-2023", reason),
        CellError("6", "数量", "x", "须为整数"),
    ]
    dialog = CellErrorDialog(None, "粘贴被拒绝", "没有做任何修改。", errors)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(30)  # the rows are fitted once the layout has settled
    assert dialog.isSizeGripEnabled() and dialog.minimumWidth() < dialog.width()
    table = dialog.table
    rect = table.visualRect(table.model().index(0, 3))
    needed = table.fontMetrics().boundingRect(
        0, 0, rect.width() - 8, 10_000, Qt.TextFlag.TextWordWrap, reason
    )
    assert rect.height() >= needed.height(), "the reason is cut off"
    assert rect.right() <= table.viewport().width()  # no need to scroll sideways to read it
    dialog.resize(dialog.width() - 300, dialog.height())  # narrower: the rows grow again
    qtbot.wait(30)
    narrower = table.visualRect(table.model().index(0, 3))
    assert narrower.height() > rect.height()
    dialog.copy_list()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0].split("\t")[3] == "Reason" and copied[1].split("\t")[3] == reason


def _scroll_right(qtbot, grid, pixels=600):
    grid.view.horizontalScrollBar().setValue(pixels)
    qtbot.waitUntil(lambda: grid.view.frozen_view().isVisible(), timeout=2000)


def test_number_and_name_stay_in_view_when_scrolling_right(qtbot, grid):
    view = grid.view
    frozen = view.frozen_view()
    assert not frozen.isVisible()  # nothing to cover before scrolling
    _scroll_right(qtbot, grid)
    shown = [c for c in range(grid.model.columnCount()) if not frozen.isColumnHidden(c)]
    assert shown == [_col(grid, "seq_label"), _col(grid, "name")]
    assert frozen.x() == view.verticalHeader().width() + view.frameWidth()
    assert frozen.width() >= view.columnWidth(shown[0]) + view.columnWidth(shown[1])
    # Rows stay level with the grid when it scrolls down.
    view.verticalScrollBar().setValue(20)
    assert frozen.verticalScrollBar().value() == 20
    index = grid.model.index(view.rowAt(5), _col(grid, "name"))
    assert frozen.visualRect(index).top() == view.visualRect(index).top()
    # Scrolled back to the start, the grid shows its own columns again.
    view.horizontalScrollBar().setValue(0)
    assert not frozen.isVisible()


def test_typing_into_a_frozen_cell_edits_it_where_it_is_seen(qtbot, grid):
    view = grid.view
    _scroll_right(qtbot, grid)
    before = view.horizontalScrollBar().value()
    row, pid = _row_of(grid, "储罐综合整治")
    view.setFocus()
    view.setCurrentIndex(grid.model.index(row, _col(grid, "name")))
    assert view.horizontalScrollBar().value() == before  # the frozen cell is already in view
    qtbot.keyClick(view, "T")  # the first key opens the editor (QTest types ASCII only)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.frozen_view().isAncestorOf(editor)
    qtbot.keyClicks(editor, "ank")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _db(grid.ctx, pid, "name") == "Tank"


def test_moving_left_brings_a_column_out_from_under_the_frozen_ones(qtbot, grid):
    view = grid.view
    _scroll_right(qtbot, grid, 600)
    content = grid.model.index(0, _col(grid, "content"))
    assert view.visualRect(content).left() < view.frozen_view().frozen_width()  # hidden
    view.setCurrentIndex(content)
    assert view.frozen_view().isVisible()
    assert view.visualRect(content).left() == view.frozen_view().frozen_width()


def test_column_chooser_hides_columns_and_the_layout_is_kept_per_table(qtbot, ctx, grid):
    layout = grid.view.column_layout
    menu = layout.build_menu()
    menu.findChild(QAction, "column_remarks").setChecked(False)
    assert grid.view.isColumnHidden(_col(grid, "remarks"))
    grid.view.setColumnWidth(_col(grid, "content"), 333)
    layout.save()
    again = ProjectGrid(ctx)
    qtbot.addWidget(again)
    assert again.view.isColumnHidden(_col(again, "remarks"))
    assert again.view.columnWidth(_col(again, "content")) == 333
    assert "remarks" in layout.hidden_keys()
    # Unfreezing is remembered too; Reset brings back every column at its default width.
    menu.findChild(QAction, "freeze_columns").setChecked(False)
    assert ProjectGrid(ctx).view.column_layout.is_frozen() is False
    layout.build_menu().findChild(QAction, "reset_columns").trigger()
    assert not grid.view.isColumnHidden(_col(grid, "remarks")) and layout.is_frozen()
    assert (
        grid.view.columnWidth(_col(grid, "content"))
        == grid.model.column(_col(grid, "content")).width
    )


def test_the_last_visible_column_cannot_be_hidden(grid):
    layout = grid.view.column_layout
    keys = [c.key for c in grid.model.columns()]
    for key in keys:
        layout.set_hidden(key, True)
    assert len(layout.hidden_keys()) == len(keys) - 1


def test_lead_and_cooperating_columns_edit_the_owner_roles(qtbot, grid):
    row, pid = _row_of(grid, "工业绿色制造体系")
    lead = grid.model.index(row, _col(grid, "lead_units"))
    assert lead.data() == "区工信局"
    assert grid.model.index(row, _col(grid, "cooperating_units")).data() == "经开区"
    _select(grid, row, lead.column(), row, lead.column())
    assert grid.view.paste("区发改局\r\n")
    assert _db(grid.ctx, pid, "owners") == [
        ("区发改局", OwnerRole.LEAD),
        ("经开区", OwnerRole.COOPERATING),
    ]
    assert grid.model.index(row, _col(grid, "owners")).data() == "区发改局、经开区"
    grid.ctx.undo_stack.undo()
    assert _db(grid.ctx, pid, "owners")[0] == ("区工信局", OwnerRole.LEAD)


def test_headers_read_in_full_in_either_language(grid):
    from widgets.grid.column_layout import HEADER_WIDTH_LIMIT

    header = grid.view.horizontalHeader()
    for i in range(grid.model.columnCount()):
        title = grid.model.header_title(i)
        needed = header.fontMetrics().horizontalAdvance(title) + 12
        assert grid.view.columnWidth(i) >= min(needed, HEADER_WIDTH_LIMIT), title


def test_print_the_table_or_the_selection_on_the_official_page(qtbot, grid, tmp_path):
    import subprocess

    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter

    from widgets.grid.grid_printer import collect, official_printer, render

    printer = official_printer()
    layout = printer.pageLayout()
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    assert layout.pageSize().name() == "A4"
    grid.view.print_title = "2023年钟楼区生态文明建设工作方案"
    everything = collect(grid.view, grid.view.print_title)
    assert len(everything.rows) == 56 and everything.headers[0] == "No."
    out = tmp_path / "grid.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    pages = render(printer, everything)
    assert pages >= 3
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())  # pdftotext breaks lines inside cells
    assert "工业绿色制造体系" in flat and "—2—" in flat
    assert flat.count("Projectname") == pages  # the header row on every page
    # Two rows, three columns selected: only they are printed.
    _select(grid, 2, _col(grid, "name"), 3, _col(grid, "quantity"))
    picked = collect(grid.view, "")
    assert picked.headers == ["Project name", "Main construction content", "Quantity"]
    assert [row[0] for row in picked.rows] == [
        grid.model.index(2, _col(grid, "name")).data(),
        grid.model.index(3, _col(grid, "name")).data(),
    ]
    preview = grid.view.print_preview()
    qtbot.addWidget(preview)
    assert preview.isVisible()
    preview.close()
