"""The grid's undo steps: edit, paste, insert, delete, move — each one operation.

Each command is an app.operations.OpCommand: `forward` calls the record source's bulk write,
`backward` replays the inverse that write returned, both through the same writer in one
transaction. A paste of 10,000 cells is one step and one transaction both ways.
Never build SQL here; never show widgets.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from app.context import AppContext
from app.operations import OpCommand
from services.ledger import ChangeSet
from services.operations import Operation
from services.records import InsertPoint, MoveRun, RecordSource

MERGE_SECONDS = 2.0  # consecutive typing in one cell within this window is one undo step
_SET_CELL_ID = 0x6C01  # QUndoCommand.id() of single-cell edits (the only mergeable kind)


class RecordCommand(OpCommand):
    """A step on one record source (the project grid or a tracking table)."""

    def __init__(self, ctx: AppContext, source: RecordSource, text: str) -> None:
        super().__init__(ctx, text)
        self.source = source


class SetFieldsCommand(RecordCommand):
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

    def forward(self, op: Operation) -> ChangeSet:
        change = self.source.set_fields(op.session, self.changes)
        if change:
            self.inverse = change.inverse
        return change

    def backward(self, op: Operation) -> ChangeSet:
        return self.source.set_fields(op.session, self.inverse)

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

    def forward(self, op: Operation) -> None:
        if self._snapshot is None:
            self.ids = self.source.insert(op.session, self.where, self.values_list)
        else:
            self.ids = self.source.restore(op.session, self._snapshot)

    def backward(self, op: Operation) -> None:
        self._snapshot = self.source.delete(op.session, self.ids)


class DeleteRowsCommand(RecordCommand):
    """Delete records; undo restores them with their ids, owners and dependent rows."""

    def __init__(
        self, ctx: AppContext, source: RecordSource, ids: Sequence[int], text: str
    ) -> None:
        super().__init__(ctx, source, text)
        self.ids = list(ids)
        self._snapshot: object = None

    def forward(self, op: Operation) -> None:
        self._snapshot = self.source.delete(op.session, self.ids)

    def backward(self, op: Operation) -> None:
        self.source.restore(op.session, self._snapshot)


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
