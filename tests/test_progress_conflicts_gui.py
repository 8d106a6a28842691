"""No lost update in the progress entry grid (进度填报), and undo that knows its own writes.

Two ProgressViews, each with its own context (undo stack, change bus, connections) like two
clerks' copies of the app on one SQLite file or one PostgreSQL database, both on the same
period. A report or milestone saved by one makes the other's edit of that row stale: the
conflict dialog of the project grid shows theirs / mine and keeps what was typed; undo never
overwrites the other clerk's later change. A clerk's own import between their edit and its
undo is their own write: the undo goes through.
"""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from app import operations
from app.context import AppContext
from db import open_database, session_factory
from models import AuditEntry
from services import progress, schedule
from widgets.grid.table_model import _PENDING_BG

pytestmark = [pytest.mark.gui, pytest.mark.backends]

PERIOD = "2023Q3"
PROJECT = "光伏发电试点区建设"  # a sample project, named in the returned sheet below


def _view(qtbot, engine, plan_id, author):
    from views.tracking_views import ProgressView

    ctx = AppContext(engine, session_factory(engine), QUndoStack(), plan_id=plan_id, author=author)
    view = ProgressView(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 600)
    view.set_plan(plan_id, wait=True)
    view.period.setCurrentText(PERIOD)
    view._period_changed()
    view.show()
    view.model.record(0)  # the clerk has read the first rows
    return view


@pytest.fixture
def clerks(qtbot, engine, db_target, sample_plan, shown_errors, tmp_path):
    from app import settings

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    other = open_database(db_target)
    a = _view(qtbot, engine, sample_plan.id, "clerk_a")
    b = _view(qtbot, other, sample_plan.id, "clerk_b")
    yield a, b
    for view in (a, b):
        view.setParent(None)
        if view.ctx.undo_stack.receivers("2indexChanged(int)"):
            view.ctx.undo_stack.indexChanged.disconnect()
    other.dispose()
    settings.use_settings_file(None)


def _edit(view, key, text, row=0):
    model = view.model
    return model.setData(model.index(row, model.column_index(key)), text)


def _report(view, key, row=0):
    pid = view.model.id_at(row)
    with view.ctx.session() as s:
        report = progress.reports_for_period(s, PERIOD, [pid]).get(pid)
        return None if report is None else getattr(report, key)


def _row_of(view, name):
    model = view.model
    column = model.column_index("name")
    return next(r for r in range(model.rowCount()) if model.index(r, column).data() == name)


def test_same_report_cell_one_conflict_dialog_zero_lost(clerks):
    a, b = clerks
    assert _edit(a, "narrative", "甲：管网铺设过半")
    assert not _edit(b, "narrative", "乙：尚未开工")  # refused as stale: nothing written
    assert _report(a, "narrative") == "甲：管网铺设过半"
    dialog = b.view.last_conflict_dialog
    assert dialog is not None and dialog.isVisible()
    [cell] = dialog.conflict.fields
    assert (cell.theirs, cell.mine) == ("甲：管网铺设过半", "乙：尚未开工")
    assert cell.who is not None and cell.when is not None  # from the audit trail
    index = b.model.index(0, b.model.column_index("narrative"))
    assert index.data() == "乙：尚未开工"  # what B typed stays, marked unsaved
    assert index.data(Qt.ItemDataRole.BackgroundRole) == _PENDING_BG

    dialog.choose_all(mine=True)
    dialog.accept()
    assert _report(a, "narrative") == "乙：尚未开工"
    pid = a.model.id_at(0)
    with a.ctx.session() as s:
        written = s.scalars(
            select(AuditEntry.new_value)
            .where(AuditEntry.entity_id == pid, AuditEntry.field == f"{PERIOD}/narrative")
            .order_by(AuditEntry.id)
        ).all()
    assert written[-2:] == ["甲：管网铺设过半", "乙：尚未开工"]  # both saves are history
    b.ctx.undo_stack.undo()
    assert _report(a, "narrative") == "甲：管网铺设过半"  # undo goes back to theirs


def test_other_report_field_merges_without_asking(clerks):
    a, b = clerks
    assert _edit(a, "narrative", "甲写进展")
    assert _edit(b, "problems", "乙写问题")  # the row is stale, but not the field
    assert b.view.last_conflict_dialog is None
    assert _report(a, "narrative") == "甲写进展" and _report(a, "problems") == "乙写问题"


def test_milestones_saved_by_another_user_make_the_row_stale(clerks):
    a, b = clerks
    assert _edit(a, "milestones", "2023-06 30%; 2023-12 100%")
    assert not _edit(b, "milestones", "2023-09 50%")
    [cell] = b.view.last_conflict_dialog.conflict.fields
    assert cell.theirs == "2023-06-30 30%；2023-12-31 100%"
    assert cell.mine == "2023-09 50%"
    pid = a.model.id_at(0)
    with a.ctx.session() as s:
        assert len(schedule.milestones_for(s, [pid])[pid]) == 2  # A's milestones kept


def test_undo_after_another_users_change_is_refused_and_the_stack_stays(
    qtbot, clerks, shown_errors
):
    a, b = clerks
    assert _edit(a, "narrative", "甲：已开工")
    b.model.reload()  # B sees A's value, then writes over it knowingly
    assert _edit(b, "narrative", "乙：复核后改")
    stack = a.ctx.undo_stack
    stack.undo()
    qtbot.wait(50)  # the stack's index is put back on the next turn of the event loop
    assert stack.index() == 1 and stack.count() == 1
    assert _report(a, "narrative") == "乙：复核后改"  # B's later change is not overwritten
    [(title, exc)] = shown_errors
    assert title == "Undo failed"
    assert "another user changed these rows after your edit" in str(exc)


def _return_sheet(tmp_path, narrative):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "项目名称", "进展情况", "完成投资", "完成比例"])
    sheet.append(["1", PROJECT, narrative, "1800", "90"])
    path = tmp_path / "return.xlsx"
    book.save(path)
    return path


def test_own_import_between_an_edit_and_its_undo_does_not_block_it(
    qtbot, clerks, shown_errors, tmp_path
):
    a, _b = clerks
    row = _row_of(a, PROJECT)
    stack = a.ctx.undo_stack
    assert _edit(a, "narrative", "先在表里填的", row=row)
    a.import_return(str(_return_sheet(tmp_path, "报表里的进展")))
    qtbot.waitUntil(lambda: stack.count() == 2, timeout=5000)
    assert _report(a, "narrative", row=row) == "报表里的进展"
    stack.undo()  # the import
    stack.undo()  # the edit: the import was this session's own write
    qtbot.wait(50)
    assert not shown_errors and stack.index() == 0
    assert _report(a, "narrative", row=row) is None
    stack.redo()
    stack.redo()
    assert not shown_errors and stack.index() == 2
    assert _report(a, "narrative", row=row) == "报表里的进展"


def test_import_then_edit_then_undo_and_redo_in_one_session(qtbot, clerks, shown_errors, tmp_path):
    a, _b = clerks
    row = _row_of(a, PROJECT)
    stack = a.ctx.undo_stack
    a.import_return(str(_return_sheet(tmp_path, "报表里的进展")))
    qtbot.waitUntil(lambda: stack.count() == 1, timeout=5000)
    assert _edit(a, "narrative", "核对后改", row=row)
    stack.undo()
    assert _report(a, "narrative", row=row) == "报表里的进展"
    stack.undo()
    stack.redo()  # the import again: the edit's row moves on, by this session's own write
    stack.redo()
    qtbot.wait(50)
    assert not shown_errors and stack.index() == 2
    assert _report(a, "narrative", row=row) == "核对后改"


def test_undo_after_switching_period_writes_the_period_of_the_edit(qtbot, clerks, shown_errors):
    a, _b = clerks
    row = _row_of(a, PROJECT)
    pid = a.model.id_at(row)
    assert _edit(a, "narrative", "三季度的进展", row=row)
    assert _edit(a, "narrative", "三季度的进展（改）", row=row)
    a.period.setCurrentText("2023Q4")
    a._period_changed()
    assert _edit(a, "narrative", "四季度的进展", row=_row_of(a, PROJECT))
    stack = a.ctx.undo_stack
    stack.undo()
    stack.undo()  # the third-quarter edit, while the tab shows the fourth quarter
    qtbot.wait(50)
    assert not shown_errors and stack.index() == 0
    with a.ctx.session() as s:
        assert progress.reports_for_period(s, PERIOD, [pid]) == {}
        assert progress.reports_for_period(s, "2023Q4", [pid]) == {}
    stack.redo()
    with a.ctx.session() as s:
        assert progress.reports_for_period(s, PERIOD, [pid])[pid].narrative == "三季度的进展（改）"
        assert progress.reports_for_period(s, "2023Q4", [pid]) == {}


def test_project_grid_undo_after_own_merge_is_not_refused(
    qtbot, engine, sample_plan, shown_errors, tmp_path
):
    """The project grid's side of the same record: a merge of a returned plan sheet writes
    through the row writer, which tells this session's record the versions it left."""
    from importers.plan_import import analyze, diff_plan
    from models import Project
    from services.query import ProjectFilter
    from services.sample import sample_workbook_path
    from services.tasks import TaskState
    from views.import_merge import MergeImportCommand
    from widgets.project_grid import ProjectGrid

    ctx = AppContext(engine, session_factory(engine), QUndoStack(), plan_id=sample_plan.id)
    grid = ProjectGrid(ctx)
    qtbot.addWidget(grid)
    grid.set_filter(ProjectFilter(plan_id=sample_plan.id))
    model = grid.model
    names = model.column_index("name")
    row = next(
        r for r in range(model.rowCount()) if model.index(r, names).data() == "工业绿色制造体系"
    )
    pid = model.id_at(row)
    assert model.setData(model.index(row, model.column_index("remarks")), "先改备注")

    book = openpyxl.load_workbook(sample_workbook_path())
    book.worksheets[0]["F5"] = 750  # the returned sheet changes that project's amount
    book.save(tmp_path / "returned.xlsx")
    with ctx.session() as s:
        diff = diff_plan(s, analyze(TaskState(), tmp_path / "returned.xlsx"), sample_plan.id)
    [changed] = diff.changed
    assert changed.project_id == pid
    operations.perform(ctx, MergeImportCommand(ctx, diff, set(), {pid}, "merge"))
    stack = ctx.undo_stack
    stack.undo()  # the merge
    stack.undo()  # the edit: the merge was this session's own write of the row
    qtbot.wait(50)
    assert not shown_errors and stack.index() == 0
    with ctx.session() as s:
        project = s.get(Project, pid)
        assert project.remarks != "先改备注" and project.planned_investment_wan == 700
    grid._stats_timer.stop()
    grid.setParent(None)
