"""The tracking views on the sample plan, driven like a user would (offscreen Qt)."""

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QUndoStack
from sqlalchemy import func, select

from app.context import AppContext
from db import session_factory
from models import Plan, ProgressReport, Project
from services import indicators, ledger, progress, rectifications
from services.audit import project_history
from tests import grid_helpers
from tests.import_helpers import build_workbook

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(qapp, engine, sample_plan, tmp_path):
    from app import settings

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    context = AppContext(engine, session_factory(engine), QUndoStack(), plan_id=sample_plan.id)
    yield context
    # Views still alive until qtbot's teardown must not hear from a deleted stack.
    if context.undo_stack.receivers("2indexChanged(int)"):
        context.undo_stack.indexChanged.disconnect()
    settings.use_settings_file(None)


# Error pop-ups are recorded, not shown (the grid tests' fixture).
quiet_errors = grid_helpers.quiet_errors


def _show(qtbot, widget, plan_id):
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.set_plan(plan_id)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _select(view, top, left, bottom, right):
    model = view.model()
    view.setCurrentIndex(model.index(top, left))
    selection = QItemSelection(model.index(top, left), model.index(bottom, right))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_indicators_edit_actual_undo_redo(qtbot, ctx, sample_plan):
    from views.tracking_views import IndicatorsView

    view = _show(qtbot, IndicatorsView(ctx), sample_plan.id)
    model = view.model
    assert model.rowCount() == 14
    assert model.index(0, model.column_index("direction")).data() == "≤"
    actual = model.column_index("actual")
    assert model.setData(model.index(1, actual), "80.2")
    assert model.index(1, model.column_index("met")).data() == "Met"
    assert "1" in view.summary.text()
    ctx.undo_stack.undo()
    assert model.index(1, actual).data() == ""
    with ctx.session() as s:
        assert indicators.indicator_counts(s, sample_plan.id)["met"] == 0
    ctx.undo_stack.redo()
    assert model.index(1, actual).data() == "80.2"
    # A bad value is refused and nothing is pushed.
    before = ctx.undo_stack.count()
    _select(view.view, 0, actual, 0, actual)
    assert not view.view.paste("很好")
    assert ctx.undo_stack.count() == before


def test_indicators_period_switch_keeps_values_apart(qtbot, ctx, sample_plan):
    from views.tracking_views import IndicatorsView

    view = _show(qtbot, IndicatorsView(ctx), sample_plan.id)
    actual = view.model.column_index("actual")
    view.period.setCurrentText("2023Q2")
    view._period_changed()
    assert view.model.setData(view.model.index(0, actual), "33")
    view.period.setCurrentText("2023")
    view._period_changed()
    assert view.model.index(0, actual).data() == ""
    with ctx.session() as s:
        [first, *_] = indicators.indicator_statuses(s, sample_plan.id, "2023Q2")
    assert first.actual == Decimal("33")


def test_rectifications_paste_status_and_evidence(qtbot, ctx, sample_plan):
    from views.tracking_views import RectificationsView

    view = _show(qtbot, RectificationsView(ctx), sample_plan.id)
    model = view.model
    status = model.column_index("status")
    assert model.index(0, status).data() == "Open"
    _select(view.view, 0, status, 0, status)
    # Closing without evidence is refused as a whole, with the reason listed.
    assert not view.view.paste("已销号\r\n")
    assert view.view.last_error_dialog is not None
    view.view.last_error_dialog.close()
    _select(view.view, 0, status, 1, status)
    evidence = model.column_index("evidence")
    _select(view.view, 0, evidence, 0, evidence)
    assert view.view.paste("现场核查照片\r\n")
    _select(view.view, 0, status, 0, status)
    assert view.view.paste("已销号\r\n")
    assert model.index(0, status).data() == "Closed"
    assert model.index(0, model.column_index("closed_on")).data() == date.today().isoformat()
    assert "1" in view.summary.text().split()[0]
    ctx.undo_stack.undo()
    assert model.index(0, status).data() == "Open"
    # Filter narrows the rows in SQL.
    view.search.setText("梧桐河")
    assert model.rowCount() == 1


def test_key_tasks_insert_into_empty_table_link_and_undo(qtbot, ctx, sample_plan):
    from views.tracking_views import KeyTasksView

    view = _show(qtbot, KeyTasksView(ctx), sample_plan.id)
    assert view.model.rowCount() == 0
    [tid] = view.view.insert_rows()
    assert view.model.rowCount() == 1
    task = view.model.column_index("task")
    lead = view.model.column_index("lead")
    _select(view.view, 0, task, 0, task)
    assert view.view.paste("推进VOCs治理\t资规分局\t区发改局、工信局\r\n")
    assert view.model.index(0, lead).data() == "钟楼自然资源和规划分局"
    view.link_search.setText("口袋公园")
    view._find_projects()
    assert view.candidates.count() == 5
    view.view.setCurrentIndex(view.model.index(0, task))
    view.candidates.item(0).setSelected(True)
    view.candidates.item(1).setSelected(True)
    assert view.link_selected()
    assert view.links.count() == 2
    assert view.model.index(0, view.model.column_index("projects")).data() == "2"
    ctx.undo_stack.undo()
    assert view.links.count() == 0
    ctx.undo_stack.undo()  # the paste
    assert view.model.index(0, lead).data() == ""
    ctx.undo_stack.undo()  # the insert
    assert view.model.rowCount() == 0
    ctx.undo_stack.redo()
    assert view.model.rowCount() == 1 and view.model.id_at(0) == tid


def test_failed_link_undo_is_reported_and_keeps_the_history(qtbot, ctx, sample_plan, quiet_errors):
    from services.key_tasks import KEY_TASK_TABLE
    from views.tracking_views import KeyTasksView

    view = _show(qtbot, KeyTasksView(ctx), sample_plan.id)
    [tid] = view.view.insert_rows()
    view.link_search.setText("口袋公园")
    view._find_projects()
    view.view.setCurrentIndex(view.model.index(0, view.model.column_index("task")))
    view.candidates.item(0).setSelected(True)
    assert view.link_selected()
    stack = ctx.undo_stack
    with ctx.session() as session:  # another window deletes the task meanwhile
        KEY_TASK_TABLE.delete_rows(session, [tid])
    stack.undo()
    assert quiet_errors and quiet_errors[0][0] == "Undo failed"
    # The link step is still the one to undo; the history did not move past it.
    qtbot.waitUntil(lambda: stack.index() == 2)
    assert stack.count() == 2 and stack.undoText() == "Link projects to task"


def test_progress_entry_for_one_unit_paste_and_undo(qtbot, ctx, sample_plan):
    from views.tracking_views import ProgressView

    view = _show(qtbot, ProgressView(ctx), sample_plan.id)
    qtbot.waitUntil(lambda: view.unit.count() > 1, timeout=5000)  # units load off-thread
    view.period.setCurrentText("2023Q2")
    view._period_changed()
    index = next(
        i for i in range(view.unit.count()) if view.unit.itemText(i).startswith("区住建局")
    )
    view.unit.setCurrentIndex(index)
    model = view.model
    assert model.rowCount() == 9
    completed = model.column_index("completed_investment_wan")
    _select(view.view, 0, completed, 0, completed)
    # Excel rows: completed, progress %, status, narrative.
    assert view.view.paste("2000\t50%\t在建\t管网铺设过半\r\n100\t10\t未开工\t\r\n")
    schedule_col = model.column_index("schedule")
    assert model.index(0, model.column_index("progress_pct")).data() == "50%"
    assert model.index(1, schedule_col).data().startswith("Behind")
    pids = [model.id_at(0), model.id_at(1)]
    with ctx.session() as s:
        reports = progress.reports_for_period(s, "2023Q2", pids)
        assert reports[pids[0]].completed_investment_wan == Decimal("2000.00")
        assert s.get(Project, pids[0]).status.value == "in_progress"
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    with ctx.session() as s:
        assert s.scalar(select(func.count()).select_from(ProgressReport)) == 0
    # Completed above planned is refused until confirmed.
    assert not view.view.paste("99999\r\n")
    assert view.view.last_error_dialog is not None


def test_progress_import_return_through_the_view(qtbot, ctx, sample_plan, tmp_path):
    from views.tracking_views import ProgressView

    view = _show(qtbot, ProgressView(ctx), sample_plan.id)
    qtbot.waitUntil(lambda: view.unit.count() > 1, timeout=5000)  # units load off-thread
    view.period.setCurrentText("2023Q3")
    view._period_changed()
    header = ["序号", "项目名称", "进展情况", "完成投资", "完成比例"]
    row = ["1", "光伏发电试点区建设", "并网发电", "1800", "90"]
    path = build_workbook(tmp_path / "return.xlsx", {"Sheet": [header, row]})
    view.import_return(str(path))
    qtbot.waitUntil(lambda: ctx.undo_stack.count() == 1, timeout=5000)
    with ctx.session() as s:
        pid = s.scalar(select(Project.id).where(Project.name == "光伏发电试点区建设"))
        assert progress.reports_for_period(s, "2023Q3", [pid])[pid].progress_pct == Decimal("90.00")
    ctx.undo_stack.undo()
    with ctx.session() as s:
        assert progress.reports_for_period(s, "2023Q3", [pid]) == {}


def test_audit_view_lists_and_restores(qtbot, ctx, sample_plan):
    from views.audit_view import AuditHistoryView

    with ctx.session() as s:
        pid = s.scalar(select(Project.id).where(Project.name == "光伏发电试点区建设"))
        ledger.set_fields(s, {pid: {"planned_investment_wan": "2100"}}, user="张三")
        progress.set_reports(s, "2023Q2", {pid: {"progress_pct": "40"}}, user="李四")
    view = AuditHistoryView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_project(pid)
    assert view.table.rowCount() >= 2
    texts = [view.table.item(r, 3).text() for r in range(view.table.rowCount())]
    assert "2023Q2 Progress %" in texts and "Planned investment" in texts
    row = texts.index("Planned investment")
    view.table.selectRow(row)
    assert view.restore_button.isEnabled()
    assert view.restore_selected()
    with ctx.session() as s:
        assert s.get(Project, pid).planned_investment_wan == Decimal("2000.00")
        assert project_history(s, pid)[0].old_value == "2100.00"
    ctx.undo_stack.undo()
    with ctx.session() as s:
        assert s.get(Project, pid).planned_investment_wan == Decimal("2100.00")


def test_rollover_dialog_creates_and_undo_removes(qtbot, ctx, sample_plan):
    from views.rollover_dialog import RolloverDialog

    with ctx.session() as s:
        ids = list(s.scalars(select(Project.id).where(Project.plan_id == sample_plan.id)))
        progress.set_reports(s, "2023Q4", {i: {"status": "已建成"} for i in ids[:50]})
    dialog = RolloverDialog(None, ctx, sample_plan.id)
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "2024年钟楼区生态文明建设工作方案"
    assert dialog.table.rowCount() == 56
    assert "6" in dialog.summary.text()
    dialog.create()
    new_id = dialog.result_plan_id
    with ctx.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(Project).where(Project.plan_id == new_id))
            == 6
        )
    ctx.undo_stack.undo()
    with ctx.session() as s:
        assert s.get(Plan, new_id) is None
    ctx.undo_stack.redo()
    with ctx.session() as s:
        assert s.get(Plan, new_id).previous_plan_id == sample_plan.id


def test_plan_diff_dialog_compares_and_exports(qtbot, ctx, sample_plan, tmp_path):
    from services import rollover
    from views.plan_diff_dialog import PlanDiffDialog

    with ctx.session() as s:
        new_id = rollover.rollover(None, s, sample_plan.id).plan_id
    dialog = PlanDiffDialog(None, ctx, new_id)
    qtbot.addWidget(dialog)
    assert dialog.other.currentData() == sample_plan.id
    dialog.compare(wait=True)
    assert dialog.changed.rowCount() == len(dialog.diff.changed) > 0
    assert dialog.added.rowCount() == 0
    path = dialog.export(str(tmp_path / "diff.xlsx"))
    assert openpyxl.load_workbook(path)["变更"].max_row == len(dialog.diff.changed) + 1


def test_schedule_column_in_project_grid(qtbot, ctx, sample_plan):
    from services.query import ProjectFilter
    from services.records import unregister_project_column
    from views.tracking_views import decorate_project_grid, register_schedule_column
    from widgets.project_grid import ProjectGrid

    register_schedule_column()
    try:
        grid = ProjectGrid(ctx)
        qtbot.addWidget(grid)
        decorate_project_grid(grid)
        grid.set_filter(ProjectFilter(plan_id=sample_plan.id))
        column = grid.model.column_index("schedule")
        text = grid.model.index(0, column).data()
        assert text.startswith(("Overdue", "No report", "Behind", "On track", "Done"))
    finally:
        unregister_project_column("schedule")


def test_rectification_counts_update_summary(qtbot, ctx, sample_plan):
    from views.tracking_views import RectificationsView

    view = _show(qtbot, RectificationsView(ctx), sample_plan.id)
    with ctx.session() as s:
        ids = list(rectifications.RectificationSource(sample_plan.id).ids(s, None))[:3]
    view.view.select_ids(ids)
    assert len(view.view.selected_ids()) == 3


def test_progress_summary_counts_arrive_off_thread(qtbot, ctx, sample_plan):
    from views.tracking_views import ProgressView

    with ctx.session() as s:
        pid = s.scalar(select(Project.id).where(Project.name == "光伏发电试点区建设"))
        progress.set_reports(s, "2023Q2", {pid: {"progress_pct": "10"}})
    view = _show(qtbot, ProgressView(ctx), sample_plan.id)
    qtbot.waitUntil(lambda: view.unit.count() > 1, timeout=5000)  # units load off-thread
    view.period.setCurrentText("2023Q2")
    view._period_changed()
    qtbot.waitUntil(lambda: view.summary.text().startswith("1/56"), timeout=5000)
    assert "1 behind" in view.summary.text()


def test_empty_key_tasks_tab_says_how_to_fill_it(qtbot, ctx, sample_plan, monkeypatch):
    from views.tracking_views import KeyTasksView

    view = _show(qtbot, KeyTasksView(ctx), sample_plan.id)
    assert view.is_empty_state()
    texts = " ".join(label.text() for label in view.empty_page.findChildren(type(view.status)))
    assert "分解表" in texts  # where key tasks come from
    asked = []
    monkeypatch.setattr(view, "import_table", lambda: asked.append(True))
    view.empty_import_button.click()
    assert asked == [True]
    view.empty_add_button.click()  # typing them in shows the grid with a first row
    assert view.model.rowCount() == 1 and not view.is_empty_state()
    view.search.setText("没有这个任务")  # a search that finds nothing keeps the grid
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=3000)
    assert not view.is_empty_state()


def test_sample_plan_carries_all_its_indicators(session, sample_plan):
    from models import Indicator

    rows = session.scalars(
        select(Indicator).where(Indicator.plan_id == sample_plan.id).order_by(Indicator.position)
    ).all()
    assert len(rows) == 14
    qualitative = [r.name for r in rows if r.unit == "是否完成"]
    assert qualitative == [
        "臭氧污染得到初步遏制",
        "市考以上断面消除劣Ⅴ类",
        "重点建设用地安全利用得到有效保障",
        "生态质量指数持续提升",
    ]
    assert {r.name: str(r.target) for r in rows}["重点工程累计减排量：挥发性有机物(VOCs)"] == "443"


def test_empty_key_tasks_text_is_shown_in_full(qtbot, ctx, sample_plan):
    from PySide6.QtWidgets import QLabel

    from views.tracking_views import KeyTasksView

    view = _show(qtbot, KeyTasksView(ctx), sample_plan.id)
    [text] = [label for label in view.empty_page.findChildren(QLabel) if label.wordWrap()]
    qtbot.waitUntil(lambda: text.height() > 0, timeout=2000)
    assert text.height() >= text.heightForWidth(text.width())  # no line cut off
