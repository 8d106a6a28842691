"""Undo as data: one QUndoCommand per user action, replaying the service's own inverse.

Every command does its first run in `execute()` *before* it is pushed (so a refused write raises
in the caller, where it can be shown, instead of inside QUndoStack.push where an exception
would be lost), and `redo()` skips that first call. Undo calls the same bulk service with the
inverse the service returned: a paste of 10,000 cells is one step and one transaction both ways.
After every do, undo and redo the command tells the change bus what changed.
Never build SQL here; never show widgets except the error message of a failed undo/redo.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox

from app.context import AppContext
from services.ledger import ChangeSet
from services.records import InsertPoint, MoveRun, RecordSource

MERGE_SECONDS = 2.0  # consecutive typing in one cell within this window is one undo step
_SET_CELL_ID = 0x6C01  # QUndoCommand.id() of single-cell edits (the only mergeable kind)


def _show_error(title: str, exc: Exception) -> None:
    QMessageBox.warning(QApplication.activeWindow(), title, str(exc))


# Replaceable (tests, or a main window that prefers its status bar).
error_handler: Callable[[str, Exception], None] = _show_error


class LedgerCommand(QUndoCommand):
    """Base class: subclasses implement `_do()` and `_undo()`, each returning a ChangeSet
    (fields changed) or None (rows added, removed or moved: views refetch their id lists)."""

    def __init__(self, ctx: AppContext, source: RecordSource, text: str) -> None:
        super().__init__(text)
        self.ctx, self.source = ctx, source
        self._skip_redo = False

    def execute(self) -> ChangeSet | None:
        """First run; raises (LedgerError, ValidationError) and then must not be pushed."""
        change = self._do()
        self._skip_redo = True
        self.notify(change)
        return change

    def executed_elsewhere(self) -> None:
        """The first run happened on a worker (a long merge): push without running it again."""
        self._skip_redo = True
        self.notify(None)

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guard(self._do, QCoreApplication.translate("Undo", "Redo failed"))

    def undo(self) -> None:
        self._guard(self._undo, QCoreApplication.translate("Undo", "Undo failed"))

    def _guard(self, work: Callable[[], ChangeSet | None], title: str) -> None:
        try:
            change = work()
        except Exception as exc:
            # QUndoStack drops an obsolete command after undo/redo: the history stays honest.
            self.setObsolete(True)
            self.notify(None)
            error_handler(title, exc)
            return
        self.notify(change)

    def notify(self, change: ChangeSet | None) -> None:
        if self.source.topic == "projects":
            self.ctx.bus.projectsChanged.emit(change)
        else:
            self.ctx.bus.trackingChanged.emit(self.source.topic)

    def _do(self) -> ChangeSet | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _undo(self) -> ChangeSet | None:  # pragma: no cover - abstract
        raise NotImplementedError


class SetFieldsCommand(LedgerCommand):
    """Edit, paste, fill-down, clear: {id: {field: value}} through source.set_fields."""

    def __init__(
        self,
        ctx: AppContext,
        source: RecordSource,
        changes: dict[int, dict[str, object]],
        text: str,
    ) -> None:
        super().__init__(ctx, source, text)
        self.changes = changes
        self.inverse: dict[int, dict[str, object]] = {}
        self._stamp = time.monotonic()
        cells = [(pid, key) for pid, values in changes.items() for key in values]
        self._cell = cells[0] if len(cells) == 1 else None

    def _write(self, changes: dict[int, dict[str, object]]) -> ChangeSet:
        with self.ctx.session() as session:
            return self.source.set_fields(session, changes)

    def _do(self) -> ChangeSet:
        change = self._write(self.changes)
        if change:
            self.inverse = change.inverse
        return change

    def _undo(self) -> ChangeSet:
        return self._write(self.inverse)

    def id(self) -> int:
        return _SET_CELL_ID if self._cell is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldsCommand) or other._cell != self._cell:
            return False
        if other._stamp - self._stamp > MERGE_SECONDS or other.source is not self.source:
            return False
        # Keep our inverse (the value before the first keystroke), take their new value.
        self.changes, self._stamp = other.changes, other._stamp
        return True


class InsertRowsCommand(LedgerCommand):
    """Insert records; undo deletes them, redo restores them with the same ids."""

    def __init__(
        self,
        ctx: AppContext,
        source: RecordSource,
        where: InsertPoint,
        values_list: list[dict[str, object]],
        text: str,
    ) -> None:
        super().__init__(ctx, source, text)
        self.where, self.values_list = where, values_list
        self.ids: list[int] = []
        self._snapshot: object = None

    def _do(self) -> None:
        with self.ctx.session() as session:
            if self._snapshot is None:
                self.ids = self.source.insert(session, self.where, self.values_list)
            else:
                self.ids = self.source.restore(session, self._snapshot)

    def _undo(self) -> None:
        with self.ctx.session() as session:
            self._snapshot = self.source.delete(session, self.ids)


class DeleteRowsCommand(LedgerCommand):
    """Delete records; undo restores them with their ids, owners and dependent rows."""

    def __init__(
        self, ctx: AppContext, source: RecordSource, ids: Sequence[int], text: str
    ) -> None:
        super().__init__(ctx, source, text)
        self.ids = list(ids)
        self._snapshot: object = None

    def _do(self) -> None:
        with self.ctx.session() as session:
            self._snapshot = self.source.delete(session, self.ids)

    def _undo(self) -> None:
        with self.ctx.session() as session:
            self.source.restore(session, self._snapshot)


class MoveRowsCommand(LedgerCommand):
    """Move records within or between groups (sections); undo puts each back by neighbour."""

    def __init__(
        self, ctx: AppContext, source: RecordSource, runs: list[MoveRun], text: str
    ) -> None:
        super().__init__(ctx, source, text)
        self.runs = runs
        self._inverse: list[MoveRun] = []

    @property
    def ids(self) -> list[int]:
        return [pid for run in self.runs for pid in run.ids]

    def _do(self) -> None:
        with self.ctx.session() as session:
            self._inverse = self.source.move(session, self.runs)

    def _undo(self) -> None:
        with self.ctx.session() as session:
            self.source.move(session, self._inverse)


class CompositeCommand(LedgerCommand):
    """Several commands as one undo step (paste that also appends rows).

    Each part is its own transaction; if a later part fails, the earlier ones are undone
    before the error is raised, so the database ends as it began.
    """

    def __init__(
        self, ctx: AppContext, source: RecordSource, parts: list[LedgerCommand], text: str
    ) -> None:
        super().__init__(ctx, source, text)
        self.parts = parts

    def _do(self) -> None:
        done: list[LedgerCommand] = []
        try:
            for part in self.parts:
                part._do()
                done.append(part)
        except Exception:
            for part in reversed(done):
                part._undo()
            raise

    def _undo(self) -> None:
        for part in reversed(self.parts):
            part._undo()


def push(ctx: AppContext, command: LedgerCommand) -> bool:
    """Run a command and put it on the undo stack. Raises if the service refused it.

    Returns False (and pushes nothing) when the write changed nothing, e.g. a retyped value.
    """
    change = command.execute()
    if isinstance(command, SetFieldsCommand) and not change:
        return False
    ctx.undo_stack.push(command)
    return True
