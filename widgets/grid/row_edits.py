"""Inserting, deleting and moving rows of the grid (one part of SpreadsheetView).

Rows move up/down across sections too, or to the end of another section; a move is only
offered in the table's own order. Each is one undo step.
"""

from __future__ import annotations

from app.undo import (
    DeleteRowsCommand,
    InsertRowsCommand,
    MoveRowsCommand,
)
from services.records import InsertPoint, MoveRun, MoveTarget


class RowEditsMixin:
    """Row inserts, deletes and moves of a SpreadsheetView."""

    def insert_rows(self, *, below: bool = False, count: int | None = None) -> list[int]:
        """Insert as many new rows as are selected (or `count`) above or below the selection."""
        if self._rows_locked():
            return []
        blocks = self.selected_row_blocks()
        model = self.grid_model
        if blocks and model.rowCount():
            row = blocks[-1][1] if below else blocks[0][0]
            where = InsertPoint(anchor_id=model.id_at(row), after=below)
            count = count or sum(b - t + 1 for t, b in blocks)
        else:
            where = self._append_point()
            count = count or 1
            if where is None:
                self.inform(self.tr("There is no section to add rows to."))
                return []
        values = [dict(self.new_row_values()) for _ in range(count)]
        command = InsertRowsCommand(
            self.ctx,
            self.source,
            where,
            values,
            self.tr("Insert {count} row(s)").format(count=count),
        )
        if not self._run(command, self.tr("Insert refused")):
            return []
        name_column = next((i for i, c in enumerate(model.columns()) if not c.nullable), 0)
        self.select_ids(command.ids)
        found = model.rows_of(command.ids[:1])
        if found:
            self.setCurrentIndex(model.index(found[command.ids[0]], name_column))
        return command.ids

    def delete_rows(self) -> bool:
        ids = self.selected_ids()
        if not ids or self._rows_locked():
            return False
        rows = [row for top, bottom in self.selected_row_blocks() for row in range(top, bottom + 1)]
        command = DeleteRowsCommand(
            self.ctx,
            self.source,
            ids,
            self.tr("Delete {count} row(s)").format(count=len(ids)),
            expected=self.grid_model.seen_versions(rows),
        )
        if self._run(command, self.tr("Delete refused")):
            self.statusMessage.emit(
                self.tr("Deleted {count} row(s); Ctrl+Z brings them back.").format(count=len(ids))
            )
            return True
        return False

    def _rows_locked(self) -> bool:
        reason = self.rows_refusal()
        if reason is not None:
            self.statusMessage.emit(reason)
        return reason is not None

    def move_rows(self, step: int) -> bool:
        """Move the selected block of rows one row up (-1) or down (+1), across sections too."""
        if self._rows_locked():
            return False
        model = self.grid_model
        if model.sort_state() is not None:
            self.inform(
                self.tr(
                    "Rows can only be moved in the table's own order. Click the sorted "
                    "column's header until the arrow disappears."
                )
            )
            return False
        blocks = self.selected_row_blocks()
        if len(blocks) != 1:
            self.statusMessage.emit(self.tr("Select one block of adjacent rows to move."))
            return False
        first, last = blocks[0]
        neighbour = first - 1 if step < 0 else last + 1
        if not 0 <= neighbour < model.rowCount():
            self.statusMessage.emit(self.tr("The rows are already at the edge."))
            return False
        ids = list(model.ids()[first : last + 1])
        edge = model.record(first if step < 0 else last)
        other = model.record(neighbour)
        if edge is None or other is None:
            return False
        other_id, other_group = self.source.row_id(other), self.source.group_id(other)
        same = other_group == self.source.group_id(edge)
        # Up: before the row above (or at the end of its section when that is another one).
        # Down: after the row below (or at the start of the next section).
        if step < 0:
            target = (
                MoveTarget(other_group, before_id=other_id) if same else MoveTarget(other_group)
            )
        else:
            target = (
                MoveTarget(other_group, after_id=other_id)
                if same
                else MoveTarget(other_group, before_id=other_id)
            )
        text = self.tr("Move rows up") if step < 0 else self.tr("Move rows down")
        return self._run(
            MoveRowsCommand(self.ctx, self.source, [MoveRun(tuple(ids), target)], text),
            self.tr("Move refused"),
        )

    def move_to_group(self, group_id: int) -> bool:
        """Move the selected rows to the end of another group (section)."""
        ids = self.selected_ids()
        if not ids or self._rows_locked():
            return False
        command = MoveRowsCommand(
            self.ctx,
            self.source,
            [MoveRun(tuple(ids), MoveTarget(group_id))],
            self.tr("Move rows to section"),
        )
        return self._run(command, self.tr("Move refused"))
