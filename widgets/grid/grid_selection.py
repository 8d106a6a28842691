"""Selection by record id (one part of SpreadsheetView): rectangles, row blocks, and the
selection and current row kept across reloads, sorts and undo.

Rows are handled as (first, last) blocks and ids are found in one pass over the model's id
array: never one query per selected row, never a walk over all rows of a big selection.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
)

from app.undo import (
    DeleteRowsCommand,
    InsertRowsCommand,
    MoveRowsCommand,
)
from widgets.grid.table_model import contiguous_blocks

RESTORE_SELECTION_LIMIT = 20_000  # larger selections are not re-found row by row after a reload


class SelectionMixin:
    """Selection and current row of a SpreadsheetView, kept by record id."""

    def selection_rect(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) of a rectangular selection, the current cell if none,
        or None when the selection is not one rectangle."""
        ranges = list(self.selectionModel().selection())
        if not ranges:
            current = self.currentIndex()
            if not current.isValid():
                return None
            return current.row(), current.column(), current.row(), current.column()
        top = min(r.top() for r in ranges)
        bottom = max(r.bottom() for r in ranges)
        left = min(r.left() for r in ranges)
        right = max(r.right() for r in ranges)
        cells = sum(r.width() * r.height() for r in ranges)
        if cells != (bottom - top + 1) * (right - left + 1):
            return None
        return top, left, bottom, right

    def selected_row_blocks(self) -> list[tuple[int, int]]:
        """Selected rows as merged (first, last) blocks; the current row if nothing is selected."""
        spans = sorted((r.top(), r.bottom()) for r in self.selectionModel().selection())
        if not spans:
            current = self.currentIndex()
            return [(current.row(), current.row())] if current.isValid() else []
        merged: list[tuple[int, int]] = []
        for top, bottom in spans:
            if merged and top <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
            else:
                merged.append((top, bottom))
        return merged

    def selected_ids(self) -> list[int]:
        ids = self.grid_model.ids()
        out: list[int] = []
        for top, bottom in self.selected_row_blocks():
            out.extend(ids[top : bottom + 1])
        return out

    def selected_count(self) -> int:
        return sum(b - t + 1 for t, b in self.selected_row_blocks())

    def current_id(self) -> int | None:
        current = self.currentIndex()
        if not current.isValid() or current.row() >= self.grid_model.rowCount():
            return None
        return self.grid_model.id_at(current.row())

    def select_ids(
        self, ids: list[int], column: int | None = None, *, last_column: int | None = None
    ) -> None:
        """Select the rows of `ids` (columns `column..last_column`, or whole rows).

        While the id list is being re-read in the background (a big table after an insert or
        a paste), the rows are selected when it arrives.
        """
        if self.grid_model.is_loading():
            self._pending_selection = (list(ids), column, last_column)
            return
        rows = sorted(self.grid_model.rows_of(ids).values())
        self._select_rows(rows, column, last_column)

    def _select_pending(self) -> None:
        if self._pending_selection is not None and not self.grid_model.is_loading():
            ids, column, last_column = self._pending_selection
            self._pending_selection = None
            self.select_ids(ids, column, last_column=last_column)

    def _select_rows(self, rows: list[int], column: int | None, last_column: int | None) -> None:
        model = self.grid_model
        selection = QItemSelection()
        left = 0 if column is None else column
        right = (
            model.columnCount() - 1
            if column is None
            else (last_column if last_column is not None else column)
        )
        for first, last in contiguous_blocks(rows):
            selection.select(model.index(first, left), model.index(last, right))
        if rows:
            self.selectionModel().setCurrentIndex(
                model.index(rows[0], left), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _save_state(self) -> None:
        current = self.currentIndex()
        rect_cols = None
        ranges = list(self.selectionModel().selection())
        if ranges:
            rect_cols = (min(r.left() for r in ranges), max(r.right() for r in ranges))
        ids = self.selected_ids() if self.selected_count() <= RESTORE_SELECTION_LIMIT else []
        current_id = self.current_id()
        self._saved = (
            current_id,
            current.column() if current.isValid() else 0,
            ids,
            rect_cols,
            current.row(),
        )

    def _restore_state(self) -> None:
        if self._saved is None:
            return
        current_id, column, ids, rect_cols, old_row = self._saved
        self._saved = None
        model = self.grid_model
        if model.rowCount() == 0:
            self.currentIdChanged.emit(None)
            return
        found = model.rows_of([*ids, *([current_id] if current_id is not None else [])])
        if ids and rect_cols:
            self._select_rows(
                sorted(found[i] for i in ids if i in found), rect_cols[0], rect_cols[1]
            )
        if current_id in found:
            row = found[current_id]
        else:  # the current row went away (deleted): stay at the same height
            row = min(max(old_row, 0), model.rowCount() - 1)
        self.selectionModel().setCurrentIndex(
            model.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        if not ids:
            self.selectionModel().select(
                model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.scrollTo(model.index(row, column))
        self.currentIdChanged.emit(self.current_id())

    def _undo_index_changed(self, index: int) -> None:
        """After undo/redo of a row command, select the rows it brought back or moved."""
        previous, self._stack_index = self._stack_index, index
        stack = self.ctx.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self):
            return  # the stack is being destroyed (application exit)
        if index < previous:
            command, wanted = stack.command(index), (DeleteRowsCommand, MoveRowsCommand)
        elif index > previous and index > 0:
            command, wanted = stack.command(index - 1), (InsertRowsCommand, MoveRowsCommand)
        else:
            return
        if isinstance(command, wanted) and command.source is self.source:
            ids = list(command.ids)
            found = self.grid_model.rows_of(ids[:RESTORE_SELECTION_LIMIT])
            if found:
                self._select_rows(sorted(found.values()), None, None)
                first = min(found.values())
                column = max(self.currentIndex().column(), 0)
                self.selectionModel().setCurrentIndex(
                    self.grid_model.index(first, column), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                self.scrollTo(self.grid_model.index(first, column))

    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.row() != previous.row():
            self.currentIdChanged.emit(self.current_id())
