"""Fill-down (Ctrl+D) and clearing cells (Del) of the grid (one part of SpreadsheetView).

Both are one write of many cells through the view's undo command: all or nothing.
"""

from __future__ import annotations

from widgets.grid.cell_errors import CellError


class FillClearMixin:
    """Fill-down and clear of a SpreadsheetView."""

    def fill_down(self) -> bool:
        """Copy the top cell of each selected column into the selected cells below it."""
        rect = self.selection_rect()
        if rect is None or rect[2] == rect[0]:
            self.statusMessage.emit(self.tr("Select a range of at least two rows to fill down."))
            return False
        top, left, bottom, right = rect
        model = self.grid_model
        record = model.record(top)
        keys = [model.column(c).key for c in range(left, right + 1) if model.column(c).editable]
        if record is None or not keys:
            self.statusMessage.emit(self.tr("Nothing to fill: the selected columns are read-only."))
            return False
        values = {key: self.source.value(record, key) for key in keys}
        ids = model.ids()[top + 1 : bottom + 1]
        changes = {pid: dict(values) for pid in ids}
        title = self.tr("Fill down refused")
        if self.refuse_locked(changes, title):
            return False
        command = self.edit_command(changes, self.tr("Fill down {rows} rows").format(rows=len(ids)))
        if self._run(command, title):
            self.statusMessage.emit(self.tr("Filled {rows} rows.").format(rows=len(ids)))
            return True
        return False

    def clear_cells(self) -> bool:
        """Del: empty every selected editable cell, or nothing if one column may not be empty."""
        model = self.grid_model
        cells: dict[int, list[tuple[int, int]]] = {}  # column → row blocks
        ranges = list(self.selectionModel().selection())
        if not ranges and self.currentIndex().isValid():
            c = self.currentIndex()
            cells[c.column()] = [(c.row(), c.row())]
        for r in ranges:
            for column in range(r.left(), r.right() + 1):
                cells.setdefault(column, []).append((r.top(), r.bottom()))
        errors: list[CellError] = []
        changes: dict[int, dict[str, object]] = {}
        for column_no, blocks in sorted(cells.items()):
            column = model.column(column_no)
            if not column.editable:
                continue
            try:
                self.source.parse(column.key, "")
            except ValueError as exc:
                first = min(t for t, _ in blocks) + 1
                last = max(b for _, b in blocks) + 1
                rows = str(first) if first == last else f"{first}–{last}"
                errors.append(CellError(rows, model.header_title(column_no), "", str(exc)))
                continue
            for top, bottom in blocks:
                for pid in model.ids()[top : bottom + 1]:
                    changes.setdefault(pid, {})[column.key] = ""
        title = self.tr("Clear refused")
        if errors:
            self.show_errors(
                title,
                self.tr(
                    "These columns cannot be empty; nothing was cleared. To remove whole rows use Delete rows."
                ),
                errors,
            )
            return False
        if not changes or self.refuse_locked(changes, title):
            return False
        return self._run(self.edit_command(changes, self.tr("Clear cells")), title)
