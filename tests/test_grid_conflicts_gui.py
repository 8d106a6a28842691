"""No lost update in the grid: two app sessions on one ledger edit the same cell.

Two ProjectGrids, each with its own context (undo stack, change bus, connections) like two
clerks' copies of the app on one SQLite file or one PostgreSQL database. The second save is
refused as stale and the conflict dialog lets the clerk keep theirs or mine; undo never
overwrites the other clerk's later change; a save lost with the connection is kept and
retried, and written once.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.context import AppContext
from db import open_database, session_factory
from models import AuditEntry, Project
from services.query import ProjectFilter
from widgets.grid.table_model import _PENDING_BG
from widgets.project_grid import ProjectGrid

pytestmark = [pytest.mark.gui, pytest.mark.backends]


def _grid(qtbot, engine, plan_id, author):
    ctx = AppContext(engine, session_factory(engine), QUndoStack(), plan_id=plan_id, author=author)
    grid = ProjectGrid(ctx)
    qtbot.addWidget(grid)
    grid.resize(1200, 500)
    grid.set_filter(ProjectFilter(plan_id=plan_id))
    grid.show()
    return grid


@pytest.fixture
def clerks(qtbot, engine, db_target, sample_plan, shown_errors):
    """Clerk A and clerk B, each with the grid open on the same ledger."""
    other = open_database(db_target)
    a = _grid(qtbot, engine, sample_plan.id, "clerk_a")
    b = _grid(qtbot, other, sample_plan.id, "clerk_b")
    for grid in (a, b):
        grid.model.record(0)  # both have read the first rows
    yield a, b
    for grid in (a, b):  # no selection summary may run once the database is gone
        grid._stats_timer.stop()
        grid.setParent(None)
    other.dispose()


def _edit(grid, key, text, row=0):
    index = grid.model.index(row, grid.model.column_index(key))
    return grid.model.setData(index, text)


def _value(grid, key, row=0):
    pid = grid.model.id_at(row)
    with grid.ctx.session() as s:
        return getattr(s.get(Project, pid), key)


def _writes(grid, key, row=0) -> list[tuple[str, str]]:
    pid = grid.model.id_at(row)
    with grid.ctx.session() as s:
        return s.execute(
            select(AuditEntry.user, AuditEntry.new_value)
            .where(AuditEntry.entity_id == pid, AuditEntry.field == key)
            .order_by(AuditEntry.id)
        ).all()


def _author(grid, name):
    """Who the audit trail names: the app's author on SQLite, the database login on a server."""
    url = grid.ctx.engine.url
    return name if url.get_backend_name() == "sqlite" else url.username


def test_same_cell_one_conflict_dialog_keep_mine(clerks):
    a, b = clerks
    before = _value(a, "remarks")
    assert _edit(a, "remarks", "甲：已开工")
    assert not _edit(b, "remarks", "乙：未开工")  # refused as stale: nothing written yet
    assert _value(a, "remarks") == "甲：已开工"
    dialog = b.view.last_conflict_dialog
    assert dialog is not None and dialog.isVisible()
    [cell] = dialog.conflict.fields
    assert (cell.before, cell.theirs, cell.mine) == (before or "", "甲：已开工", "乙：未开工")
    assert cell.who == _author(a, "clerk_a") and cell.when is not None
    assert dialog.table.item(0, 3).text() == "甲：已开工"
    assert cell.who in dialog.table.item(0, 4).text()
    # Until the clerk decides, what they typed stays in the cell, marked as unsaved.
    index = b.model.index(0, b.model.column_index("remarks"))
    assert index.data() == "乙：未开工"
    assert index.data(Qt.ItemDataRole.BackgroundRole) == _PENDING_BG

    dialog.choose_all(mine=True)
    dialog.accept()
    assert _value(a, "remarks") == "乙：未开工"
    assert index.data(Qt.ItemDataRole.BackgroundRole) != _PENDING_BG
    # Zero lost: both saves are in the history, the second made knowingly on top of the first.
    assert [v for _u, v in _writes(a, "remarks")][-2:] == ["甲：已开工", "乙：未开工"]
    assert b.ctx.undo_stack.count() == 1  # the re-save is one undo step
    b.ctx.undo_stack.undo()
    assert _value(a, "remarks") == "甲：已开工"  # undo goes back to theirs, not to "before"


def test_keep_theirs_writes_nothing_and_cancel_keeps_what_was_typed(clerks):
    a, b = clerks
    assert _edit(a, "remarks", "甲：已开工")
    assert not _edit(b, "remarks", "乙：未开工")
    dialog = b.view.last_conflict_dialog
    dialog.reject()  # decide later
    index = b.model.index(0, b.model.column_index("remarks"))
    assert index.data() == "乙：未开工"
    assert index.data(Qt.ItemDataRole.EditRole) == "乙：未开工"  # offered again when edited
    assert "another user" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert _value(a, "remarks") == "甲：已开工"
    b.view.selectRow(0)
    menu = b.view.build_context_menu()
    [discard] = [x for x in menu.actions() if x.text() == "Discard unsaved values"]
    discard.trigger()  # the clerk gives up their value: the database's shows again
    assert index.data() == "甲：已开工" and not b.model.pending

    # Second try: the same conflict again, this time the clerk keeps theirs.
    assert _edit(a, "remarks", "甲：已完工")
    assert not _edit(b, "remarks", "乙：未开工")
    dialog = b.view.last_conflict_dialog
    assert dialog.conflict.fields[0].theirs == "甲：已完工"
    dialog.choose(0, mine=False)
    dialog.accept()
    assert _value(a, "remarks") == "甲：已完工"
    assert index.data() == "甲：已完工"  # the grid shows theirs, nothing pending
    assert [v for _u, v in _writes(a, "remarks")].count("乙：未开工") == 0
    assert b.ctx.undo_stack.count() == 0


def test_other_fields_of_the_row_merge_without_asking(clerks):
    a, b = clerks
    assert _edit(a, "remarks", "甲改备注")
    assert _edit(b, "content", "乙改内容")  # stale row, but not a field A changed
    assert b.view.last_conflict_dialog is None
    assert _value(a, "remarks") == "甲改备注" and _value(a, "content") == "乙改内容"


def test_undo_after_another_users_change_is_refused_and_the_stack_stays(
    qtbot, clerks, shown_errors
):
    a, b = clerks
    assert _edit(a, "remarks", "甲：已开工")
    b.model.reload()  # B sees A's value, then writes over it knowingly
    assert _edit(b, "remarks", "乙：复核后改")
    stack = a.ctx.undo_stack
    assert stack.index() == 1
    stack.undo()
    qtbot.wait(50)  # the stack's index is put back on the next turn of the event loop
    assert stack.index() == 1 and stack.count() == 1
    assert _value(a, "remarks") == "乙：复核后改"  # B's later change is not overwritten
    [(title, exc)] = shown_errors
    assert title == "Undo failed"
    assert "another user changed these rows after your edit" in str(exc)


def test_own_later_steps_do_not_block_undo(clerks):
    a, _b = clerks
    before = _value(a, "remarks")
    assert _edit(a, "remarks", "一")
    assert _edit(a, "content", "二")
    a.view.insert_rows()
    stack = a.ctx.undo_stack
    while stack.canUndo():
        stack.undo()
    assert _value(a, "remarks") == before and stack.index() == 0


def test_delete_of_a_row_changed_meanwhile_is_refused(clerks):
    a, b = clerks
    pid = b.model.id_at(0)
    assert _edit(a, "remarks", "甲：已开工")
    b.view.selectRow(0)
    assert not b.view.delete_rows()
    with b.ctx.session() as s:
        assert s.get(Project, pid) is not None
    assert "changed by another user" in b.view.last_error_dialog.errors[0].reason


class _Network:
    """Sessions whose commit is lost with the connection: before it reaches the database
    ("before") or after it did ("after", the acknowledgement is what is lost)."""

    def __init__(self, factory):
        self.factory, self.lost = factory, None

    def __call__(self):
        session = self.factory()
        if self.lost is not None:
            commit, lost = session.commit, self.lost

            def failing_commit():
                if lost == "after":
                    commit()
                raise OperationalError("COMMIT", {}, ConnectionError("server closed"), True)

            session.commit = failing_commit
        return session


@pytest.mark.parametrize("lost", ["before", "after"])
def test_a_save_lost_with_the_connection_is_kept_retried_and_written_once(qtbot, clerks, lost):
    _a, b = clerks
    start = _value(b, "row_version")
    network = _Network(b.ctx.session_factory)
    b.ctx.session_factory = network
    network.lost = lost
    assert not _edit(b, "remarks", "断网时输入")
    index = b.model.index(0, b.model.column_index("remarks"))
    assert index.data() == "断网时输入"  # kept and marked, not lost
    assert index.data(Qt.ItemDataRole.BackgroundRole) == _PENDING_BG
    assert b.view.pending_saves() == 1 and b.view._retry_timer.isActive()

    network.lost = None  # the connection is back
    if lost == "before":
        b.view.retry_pending()  # what the timer does every few seconds
    else:  # a change notice (here another edit in the window) shows the database answers
        assert _edit(b, "content", "恢复后另一处修改", row=1)
        qtbot.waitUntil(lambda: b.view.pending_saves() == 0)
    assert b.view.pending_saves() == 0 and not b.view._retry_timer.isActive()
    assert _value(b, "remarks") == "断网时输入"
    assert [v for _u, v in _writes(b, "remarks")].count("断网时输入") == 1
    assert index.data(Qt.ItemDataRole.BackgroundRole) != _PENDING_BG
    assert _value(b, "row_version") == start + 1  # one write, on the version both tries expected


def test_details_form_save_after_another_users_change_is_refused_and_keeps_the_typing(
    qtbot, clerks
):
    from views.project_details import ProjectDetails

    a, b = clerks
    pid = b.model.id_at(0)
    form = ProjectDetails(b.ctx)
    qtbot.addWidget(form)
    form.set_project(pid)
    assert _edit(a, "remarks", "甲：已开工")
    form.editors["remarks"].setPlainText("乙在详情里写的")
    assert not form.save()
    assert "changed by someone else" in form.error.text()
    assert form.editors["remarks"].toPlainText() == "乙在详情里写的"  # nothing typed is lost
    assert _value(a, "remarks") == "甲：已开工"
    form.reload()  # the clerk looks at the new value, types again: saved on the fresh version
    form.editors["remarks"].setPlainText("乙在详情里写的")
    assert form.save() and _value(a, "remarks") == "乙在详情里写的"


def test_a_tracking_table_conflict_names_the_field_and_keeps_mine(
    qtbot, engine, db_target, sample_plan
):
    """The tracking tables (here the rectifications) go through the same grid and writer."""
    from services.rectifications import RectificationSource
    from services.tracking_source import TrackingFilter
    from widgets.grid.table_model import LazyTableModel
    from widgets.grid.table_view import SpreadsheetView

    other = open_database(db_target)

    def table(engine_, author):
        ctx = AppContext(engine_, session_factory(engine_), QUndoStack(), author=author)
        model = LazyTableModel(ctx.session, RectificationSource(sample_plan.id))
        view = SpreadsheetView(ctx, model)
        qtbot.addWidget(view)
        model.set_filter(TrackingFilter(sample_plan.id))
        model.record(0)
        return model, view

    try:
        (model_a, _view_a), (model_b, view_b) = table(engine, "clerk_a"), table(other, "clerk_b")
        notes = model_a.column_index("evidence")
        assert model_a.setData(model_a.index(0, notes), "甲：已整改")
        assert not model_b.setData(model_b.index(0, notes), "乙：未整改")
        dialog = view_b.last_conflict_dialog
        [cell] = dialog.conflict.fields
        assert (cell.theirs, cell.mine) == ("甲：已整改", "乙：未整改") and cell.who
        dialog.choose_all(mine=True)
        dialog.accept()
        model_a.reload()
        assert model_a.index(0, notes).data() == "乙：未整改"
    finally:
        other.dispose()


def test_selecting_rows_while_the_server_is_out_of_reach_does_not_raise(qtbot, clerks, monkeypatch):
    """The status bar's selection sum waits for the server; the count still shows."""
    _a, b = clerks

    def unreachable(*_args):
        raise OperationalError("SELECT", {}, ConnectionError("server closed"), True)

    monkeypatch.setattr(b.source, "totals_for_ids", unreachable)
    b.view.selectRow(0)
    stats = b.stats()
    assert stats.projects == 1 and stats.planned_investment_wan is None
