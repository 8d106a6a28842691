"""Read-only cells in the grid: greyed, refused before any write is tried, and saying why.

services.edit_rights answers for the signed-in user (viewer: nothing; editor: progress,
status and notes of its units' projects; admin and SQLite: everything); on the office server
the database is still the final judge, and a write it refuses is a clear message.
"""

from __future__ import annotations

import itertools
import os
import urllib.parse

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from app.context import AppContext
from cli.main import main
from db import open_database, session_factory
from models import Organization, OwnerRole, Project, ProjectOwner
from services.edit_rights import EditRights, Refusal, rights_for
from services.query import ProjectFilter
from tests import pg_databases
from widgets.project_grid import ProjectGrid

pytestmark = pytest.mark.gui

NOT_OWNER = "your unit is neither the lead nor a cooperating unit of this project"


def _grid(qtbot, engine, plan_id):
    ctx = AppContext(engine, session_factory(engine), QUndoStack(), plan_id=plan_id)
    grid = ProjectGrid(ctx)
    qtbot.addWidget(grid)
    grid.resize(1200, 500)
    grid.set_filter(ProjectFilter(plan_id=plan_id))
    grid.show()
    grid.model.record(0)
    return grid


def _projects(session) -> tuple[str, int, int]:
    """A unit, a project it leads, and a project it has no part in."""
    lead = session.execute(
        select(Organization.name, ProjectOwner.project_id)
        .join(Organization, Organization.id == ProjectOwner.organization_id)
        .where(ProjectOwner.role == OwnerRole.LEAD)
        .order_by(ProjectOwner.project_id)
    ).first()
    unit, own = lead
    other = session.scalar(
        select(Project.id)
        .where(~Project.owners.any(ProjectOwner.organization.has(Organization.name == unit)))
        .order_by(Project.id)
    )
    return unit, own, other


def _cell(grid, pid, key):
    row = grid.model.rows_of([pid])[pid]
    return grid.model.index(row, grid.model.column_index(key))


def _remarks(grid, pid):
    with grid.ctx.session() as s:
        return s.get(Project, pid).remarks


@pytest.fixture
def editor_grid(qtbot, engine, session, sample_plan):
    unit, own, other = _projects(session)
    grid = _grid(qtbot, engine, sample_plan.id)
    grid.view.set_rights(EditRights("editor", "zhujian", frozenset({unit})))
    return grid, own, other


def test_sqlite_ledger_is_all_editable(qtbot, engine, sample_plan):
    grid = _grid(qtbot, engine, sample_plan.id)
    assert grid.view.rights.everything
    index = grid.model.index(0, grid.model.column_index("remarks"))
    assert index.flags() & Qt.ItemFlag.ItemIsEditable


def test_other_units_project_is_greyed_refused_and_says_why(qtbot, editor_grid):
    grid, _own, other = editor_grid
    index = _cell(grid, other, "remarks")
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert NOT_OWNER in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None  # greyed
    before = _remarks(grid, other)
    with qtbot.waitSignal(grid.view.statusMessage) as said:
        assert not grid.model.setData(index, "越权修改")
    assert NOT_OWNER in said.args[0]
    assert _remarks(grid, other) == before and grid.ctx.undo_stack.count() == 0
    with qtbot.waitSignal(grid.view.statusMessage) as said:
        grid.view.setCurrentIndex(index)  # the status bar says why when the cell is reached
    assert NOT_OWNER in said.args[0]


def test_editor_writes_notes_of_its_units_project_but_not_its_money(editor_grid):
    grid, own, _other = editor_grid
    remarks = _cell(grid, own, "remarks")
    assert remarks.flags() & Qt.ItemFlag.ItemIsEditable
    assert grid.model.setData(remarks, "本季度已完工")
    assert _remarks(grid, own) == "本季度已完工"
    money = _cell(grid, own, "planned_investment_wan")
    assert not money.flags() & Qt.ItemFlag.ItemIsEditable
    assert "editors may change only the progress" in money.data(Qt.ItemDataRole.ToolTipRole)


def test_paste_and_row_edits_over_read_only_cells_are_refused_with_the_reason(editor_grid):
    grid, _own, other = editor_grid
    index = _cell(grid, other, "remarks")
    # Select explicitly: a bare setCurrentIndex() selects according to the keyboard modifiers
    # Qt last saw, which another test in this worker may have left held down.
    select = QItemSelectionModel.SelectionFlag.ClearAndSelect
    grid.view.selectionModel().setCurrentIndex(index, select)
    before = _remarks(grid, other)
    assert not grid.view.paste("越权粘贴\n")
    dialog = grid.view.last_error_dialog
    assert [e.reason for e in dialog.errors] == [grid.view.refusal_text(Refusal.NOT_OWNER)]
    assert _remarks(grid, other) == before
    assert grid.view.insert_rows() == []
    assert not grid.view.delete_rows()
    with grid.ctx.session() as s:
        assert s.get(Project, other) is not None


def test_viewer_edits_nothing(qtbot, engine, sample_plan):
    grid = _grid(qtbot, engine, sample_plan.id)
    grid.view.set_rights(EditRights("viewer", "guest"))
    index = grid.model.index(0, grid.model.column_index("remarks"))
    assert "may only view" in index.data(Qt.ItemDataRole.ToolTipRole)
    remarks = grid.model.column_index("remarks")
    selection = QItemSelection(grid.model.index(0, remarks), grid.model.index(1, remarks))
    grid.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    before = [_remarks(grid, grid.model.id_at(row)) for row in (0, 1)]
    assert not grid.view.fill_down()
    assert "may only view" in grid.view.last_error_dialog.errors[0].reason
    assert not grid.view.clear_cells()
    assert "may only view" in grid.view.last_error_dialog.errors[0].reason
    assert [_remarks(grid, grid.model.id_at(row)) for row in (0, 1)] == before


# ---------------------------------------------------------------- on the office server

_logins = itertools.count()


def _as(url: str, login: str, password: str) -> str:
    parts = urllib.parse.urlsplit(url)
    netloc = f"{login}:{password}@{parts.hostname}:{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


@pytest.fixture
def editor_on_server(request, monkeypatch):
    """The sample ledger on a server after `server init`, and an editor of 区住建局."""
    if not os.environ.get("GREENLEDGER_TEST_PG_URL"):
        pytest.skip("GREENLEDGER_TEST_PG_URL not set (no PostgreSQL server for the tests)")
    # The process id too: a server reused by a second run still holds the first run's logins.
    login = f"t_ro_editor_{os.getpid()}_{next(_logins)}"
    monkeypatch.setenv("GREENLEDGER_PASSWORD", "Secret-123")
    with pg_databases.fresh_database(request.node.name, "sample") as url:
        assert main(["server", "init", "--db", url]) == 0
        add = ["user", "add", login, "--role", "editor", "--unit", "住建局", "--db", url]
        assert main(add) == 0
        engine = open_database(_as(url, login, "Secret-123"))
        try:
            yield engine
        finally:
            engine.dispose()
            pg_databases.drop_database(urllib.parse.urlsplit(url).path.lstrip("/"))
            with pg_databases.admin_connection() as admin:
                admin.execute(f'DROP ROLE IF EXISTS "{login}"')


def test_server_editor_sees_its_rights_and_the_database_stays_the_judge(qtbot, editor_on_server):
    engine = editor_on_server
    with session_factory(engine)() as session:
        rights = rights_for(session)
        unit, _own, _other = _projects(session)
        plan_id = session.scalar(select(Project.plan_id).limit(1))
        own = session.scalar(
            select(ProjectOwner.project_id)
            .join(Organization, Organization.id == ProjectOwner.organization_id)
            .where(Organization.name == "区住建局", ProjectOwner.role == OwnerRole.LEAD)
            .order_by(ProjectOwner.project_id)
        )
    assert rights.role == "editor" and rights.units == frozenset({"区住建局"})
    grid = _grid(qtbot, engine, plan_id)
    assert grid.view.rights == rights
    assert grid.model.setData(_cell(grid, own, "remarks"), "住建局填报")
    assert _remarks(grid, own) == "住建局填报"
    # A grid that believed it could (wrong rights) is still refused by the server, in words.
    grid.view.set_rights(EditRights("admin", "confused"))
    assert not grid.model.setData(_cell(grid, own, "planned_investment_wan"), "1.00")
    dialog = grid.view.last_error_dialog
    assert "refused the write" in dialog.summary.text()
    assert unit  # the sample has lead units
