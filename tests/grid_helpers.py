"""The grid tests' shared fixtures (the sample plan in a shown ProjectGrid) and user actions."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from app.context import AppContext
from db import session_factory
from models import Project
from services import ledger
from services.query import ProjectFilter
from widgets.project_grid import ProjectGrid

INVEST = "planned_investment_wan"


@pytest.fixture
def ctx(qapp, engine, sample_plan):
    return AppContext(engine, session_factory(engine), QUndoStack(), plan_id=sample_plan.id)


def show_grid(qtbot, ctx, plan_id: int, width: int = 1400, height: int = 600) -> ProjectGrid:
    """A ProjectGrid on the plan, shown and exposed like a user's window."""
    widget = ProjectGrid(ctx)
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.set_filter(ProjectFilter(plan_id=plan_id))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def grid(qtbot, ctx, sample_plan):
    return show_grid(qtbot, ctx, sample_plan.id)


@pytest.fixture(autouse=True)
def quiet_errors(shown_errors):
    return shown_errors


def db_value(ctx, pid, field):
    with ctx.session() as s:
        project = s.get(Project, pid)
        if field in ("owners", "period"):
            return ledger.field_value(project, field)
        return getattr(project, field)


def row_of(grid, name):
    with grid.ctx.session() as s:
        pid = s.scalar(select(Project.id).where(Project.name == name))
    return grid.model.rows_of([pid])[pid], pid


def column_of(grid, key):
    return grid.model.column_index(key)


def select_cells(grid, top, left, bottom, right):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    model = grid.model
    selection = QItemSelection(model.index(top, left), model.index(bottom, right))
    grid.view.selectionModel().setCurrentIndex(
        model.index(top, left), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    grid.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def select_row(grid, row):
    select_cells(grid, row, 0, row, grid.model.columnCount() - 1)


def open_editor(qtbot, grid, row, column):
    QApplication.processEvents()  # let closed editors be deleted
    index = grid.model.index(row, column)
    grid.view.setCurrentIndex(index)
    grid.view.edit(index)
    editors = [w for w in grid.view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def type_text(editor, text):
    """Type like a user, non-ASCII included (QTest's key clicks only know ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )
