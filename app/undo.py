"""The grid's undo steps: edit, paste, insert, delete, move — each one operation.

Each command is an app.operations.OpCommand: `forward` calls the record source's bulk write,
`backward` replays the inverse that write returned, both through the same writer in one
transaction. A paste of 10,000 cells is one step and one transaction both ways.
Never build SQL here; never show widgets.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.context import AppContext
from app.operations import OpCommand
from app.version_book import VersionBook
from services.errors import LedgerError, StaleRowError
from services.ledger import ChangeSet
from services.operations import Operation
from services.records import InsertPoint, MoveRun, RecordSource
from services.writer import VersionScope

MERGE_SECONDS = 2.0  # consecutive typing in one cell within this window is one undo step
_SET_CELL_ID = 0x6C01  # QUndoCommand.id() of single-cell edits (the only mergeable kind)


class RecordCommand(OpCommand):
    """A step on one record source (the project grid or a tracking table).

    On a source with row versions every step says which version of each row it is based on:
    the first run what the grid read, undo and redo what this session's own latest write of
    the row left (app.version_book: the later steps of the stack, undone before this one, and
    the session's imports, merges and rollovers moved the versions on too). A row changed by
    someone else in between refuses the step (StaleRowError), so undo never overwrites another
    user's later change unseen.
    """

    def __init__(self, ctx: AppContext, source: RecordSource, text: str) -> None:
        super().__init__(ctx, text)
        # A source whose writes depend on what the tab shows (the progress grid's period)
        # gives a copy held as it is now: undo must write where the edit was made.
        self.source = source.pinned() if hasattr(source, "pinned") else source
        self.versioned = getattr(source, "supports_versions", False)
        self.scope: VersionScope | None = source.version_scope() if self.versioned else None

    def versions_now(self, op: Operation, ids: Iterable[int]) -> dict[int, int]:
        """The versions the next step (undo or redo) must find, read in this transaction."""
        ids = list(ids)
        if self.scope is None or not ids:
            return {}
        found = self.scope.read(op.session, ids)
        VersionBook.of(self.ctx).note(self.scope, found)
        return found

    def expecting(self, own: dict[int, int]) -> dict[int, int]:
        """What the rows of `own` must be at: this session's latest write of each row."""
        if self.scope is None:
            return own
        return VersionBook.of(self.ctx).expected(self.scope, own)

    def refused_as_stale(self, exc: StaleRowError, *, undoing: bool) -> LedgerError:
        rows = "、".join(f"#{i}" for i in sorted(exc.current)[:10])
        if undoing:
            text = QCoreApplication.translate(
                "Undo",
                "Undo refused: another user changed these rows after your edit ({rows}). "
                "Their change was kept and nothing was undone.",
            )
        else:
            text = QCoreApplication.translate(
                "Undo",
                "Redo refused: another user changed these rows after the undo ({rows}). "
                "Their change was kept and nothing was redone.",
            )
        refusal = StepRefused(text.format(rows=rows))
        refusal.stale = exc
        return refusal


class StepRefused(LedgerError):
    """An undo or redo refused because another user changed the rows since (see `stale`)."""

    stale: StaleRowError | None = None


class SetFieldsCommand(RecordCommand):
    """Edit, paste, fill-down, clear: {id: {field: value}} through source.set_fields."""

    def __init__(
        self,
        ctx: AppContext,
        source: RecordSource,
        changes: dict[int, dict[str, object]],
        text: str,
        expected: dict[int, int] | None = None,
    ) -> None:
        """`expected`: the version of each row the values were typed over (as the grid read it)."""
        super().__init__(ctx, source, text)
        self.changes = changes
        self.inverse: dict[int, dict[str, object]] = {}
        self.expected = dict(expected or {})  # what the next forward must find
        self._undo_expects: dict[int, int] = {}  # what the next backward must find
        self._stamp = time.monotonic()
        cells = [(pid, key) for pid, values in changes.items() for key in values]
        self._cell = cells[0] if len(cells) == 1 else None

    def _write(self, op: Operation, changes: dict, expected: dict[int, int]) -> ChangeSet:
        if not self.versioned:
            return self.source.set_fields(op.session, changes)
        return self.source.set_fields(op.session, changes, expected=expected or None)

    def forward(self, op: Operation) -> ChangeSet:
        expected = self.expecting(self.expected) if self.inverse else self.expected
        try:
            change = self._write(op, self.changes, expected)
        except StaleRowError as exc:
            if not self.applied and self.inverse:  # a redo: say so; a first run: the grid does
                raise self.refused_as_stale(exc, undoing=False) from exc
            raise
        if change:
            self.inverse = change.inverse
            self._undo_expects = self.versions_now(op, change.changed_ids)
        return change

    def backward(self, op: Operation) -> ChangeSet:
        try:
            change = self._write(op, self.inverse, self.expecting(self._undo_expects))
        except StaleRowError as exc:
            raise self.refused_as_stale(exc, undoing=True) from exc
        self.expected = self.versions_now(op, self.inverse)
        return change

    def id(self) -> int:
        return _SET_CELL_ID if self._cell is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldsCommand) or other._cell != self._cell:
            return False
        if not other.applied:
            return False
        if other._stamp - self._stamp > MERGE_SECONDS or other.source is not self.source:
            return False
        # Keep our inverse (the value before the first keystroke), take their new value.
        self.changes, self._stamp = other.changes, other._stamp
        self._undo_expects = other._undo_expects
        return True


class InsertRowsCommand(RecordCommand):
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
        self._undo_expects: dict[int, int] = {}

    def forward(self, op: Operation) -> None:
        if self._snapshot is None:
            self.ids = self.source.insert(op.session, self.where, self.values_list)
        else:
            self.ids = self.source.restore(op.session, self._snapshot)
        self._undo_expects = self.versions_now(op, self.ids)

    def backward(self, op: Operation) -> None:
        self._snapshot = _delete(
            self, op, self.ids, self.expecting(self._undo_expects), undoing=True
        )


def _delete(
    command: RecordCommand,
    op: Operation,
    ids: list[int],
    expected: dict[int, int],
    *,
    undoing: bool | None,
) -> object:
    """Delete rows, refusing when one was changed since `expected` was read. `undoing`:
    True/False say which step a refusal names; None (a first run) leaves it to the grid."""
    if not command.versioned:
        return command.source.delete(op.session, ids)
    try:
        return command.source.delete(op.session, ids, expected=expected or None)
    except StaleRowError as exc:
        if undoing is None:
            raise
        raise command.refused_as_stale(exc, undoing=undoing) from exc


class DeleteRowsCommand(RecordCommand):
    """Delete records; undo restores them with their ids, owners and dependent rows."""

    def __init__(
        self,
        ctx: AppContext,
        source: RecordSource,
        ids: Sequence[int],
        text: str,
        expected: dict[int, int] | None = None,
    ) -> None:
        """`expected`: the version of each row as the grid read it (a row changed since by
        someone else is not deleted unseen)."""
        super().__init__(ctx, source, text)
        self.ids = list(ids)
        self.expected = dict(expected or {})
        self._snapshot: object = None

    def forward(self, op: Operation) -> None:
        redo = False if self._snapshot is not None else None
        expected = self.expected if redo is None else self.expecting(self.expected)
        self._snapshot = _delete(self, op, self.ids, expected, undoing=redo)

    def backward(self, op: Operation) -> None:
        self.source.restore(op.session, self._snapshot)
        self.expected = self.versions_now(op, self.ids)


class MoveRowsCommand(RecordCommand):
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

    def forward(self, op: Operation) -> None:
        self._inverse = self.source.move(op.session, self.runs)

    def backward(self, op: Operation) -> None:
        self.source.move(op.session, self._inverse)


class CompositeCommand(RecordCommand):
    """Several steps as one undo step and one transaction (a paste that also appends rows):
    a failure in a later part rolls back the earlier ones with it."""

    def __init__(
        self, ctx: AppContext, source: RecordSource, parts: list[RecordCommand], text: str
    ) -> None:
        super().__init__(ctx, source, text)
        self.parts = parts

    def forward(self, op: Operation) -> None:
        for part in self.parts:
            part.forward(op)

    def backward(self, op: Operation) -> None:
        for part in reversed(self.parts):
            part.backward(op)
