"""Copy and paste like Excel/WPS (one part of SpreadsheetView).

Ctrl+C puts the selected rectangle on the clipboard as TSV and HTML; Ctrl+V checks a whole
TSV block first (every refusal located by row, column and value) and writes it as one undo
step and one transaction, adding rows at the end when the block is taller than the table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QMimeData,
    Qt,
)
from PySide6.QtGui import QGuiApplication

from app.undo import (
    CompositeCommand,
    InsertRowsCommand,
    RecordCommand,
)
from services.records import InsertPoint
from services.tsv import format_html, format_tsv, parse_tsv, rectangular
from widgets.grid.cell_errors import CellError


class ClipboardMixin:
    """Copy and paste of a SpreadsheetView."""

    def copy_selection(self) -> bool:
        rect = self.selection_rect()
        if rect is None:
            self.statusMessage.emit(self.tr("Copy needs one rectangular selection."))
            return False
        top, left, bottom, right = rect
        model = self.grid_model
        columns = [model.column(c) for c in range(left, right + 1)]
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            records = model.records(range(top, bottom + 1))
            rows = [
                [model.copy_text(record, c) if record is not None else "" for c in columns]
                for record in records
            ]
        finally:
            QGuiApplication.restoreOverrideCursor()
        mime = QMimeData()
        mime.setText(format_tsv(rows))
        mime.setHtml(format_html(rows))
        QGuiApplication.clipboard().setMimeData(mime)
        self.statusMessage.emit(
            self.tr("Copied {rows} × {columns} cells.").format(rows=len(rows), columns=len(columns))
        )
        return True

    def paste(self, text: str | None = None) -> bool:
        """Paste a TSV block at the current cell: all cells are checked first, then one write."""
        placed = self._paste_block(QGuiApplication.clipboard().text() if text is None else text)
        if placed is None:
            return False
        block, top, left = placed
        model = self.grid_model
        height, width = len(block), len(block[0])
        title = self.tr("Paste refused")
        existing = max(0, min(height, model.rowCount() - top))
        extra = height - existing
        if extra and not self.confirm(
            self.tr("Add rows?"),
            self.tr(
                "The pasted block has {extra} more rows than the table below the current cell. Add {extra} new rows at the end and paste into them?"
            ).format(extra=extra),
        ):
            self.statusMessage.emit(self.tr("Paste cancelled; nothing was changed."))
            return False
        errors: list[CellError] = []
        records = model.records(range(top, top + existing))
        changes = self._pasted_changes(block, top, left, records, errors)
        new_rows = self._pasted_rows(block[existing:], top + existing, left, errors)
        if errors:
            self.show_errors(
                title,
                self.tr("{count} value(s) cannot be pasted. Nothing was changed.").format(
                    count=len(errors)
                ),
                errors,
            )
            return False
        description = self.tr("Paste {rows} × {columns} cells").format(rows=height, columns=width)
        parts = self._paste_parts(changes, records, new_rows, description)
        if not parts:
            return False
        command = (
            parts[0]
            if len(parts) == 1
            else CompositeCommand(self.ctx, self.source, parts, description)
        )
        pasted_ids = list(model.ids()[top : top + existing])
        if not self._run(command, title):
            return False
        if new_rows and isinstance(parts[-1], InsertRowsCommand):
            pasted_ids += parts[-1].ids
        self.select_ids(pasted_ids, left, last_column=left + width - 1)
        self.statusMessage.emit(
            self.tr("Pasted {rows} × {columns} cells.").format(rows=height, columns=width)
        )
        return True

    def _paste_block(self, text: str) -> tuple[list[list[str]], int, int] | None:
        """The TSV block and where it goes (top, left), or None (said why)."""
        block = rectangular(parse_tsv(text))
        if not block or not block[0]:
            self.statusMessage.emit(self.tr("The clipboard is empty."))
            return None
        rect = self.selection_rect()
        if rect is None:
            self.statusMessage.emit(self.tr("Paste needs one rectangular selection."))
            return None
        top, left, bottom, right = rect
        if len(block) == 1 and len(block[0]) == 1 and (bottom > top or right > left):
            # One value into a selected range fills the range, as in Excel.
            block = [[block[0][0]] * (right - left + 1) for _ in range(bottom - top + 1)]
        width, columns = len(block[0]), self.grid_model.columnCount()
        if left + width > columns:
            self.show_errors(
                self.tr("Paste refused"),
                self.tr(
                    "The pasted block is {width} columns wide but only {room} columns remain to the right. Nothing was changed."
                ).format(width=width, room=columns - left),
                [],
            )
            return None
        return block, top, left

    def _pasted_changes(
        self, block: list[list[str]], top: int, left: int, records: list, errors: list[CellError]
    ) -> dict[int, dict[str, object]]:
        """The cells pasted over existing rows, checked ({id: {key: text}})."""
        model = self.grid_model
        changes: dict[int, dict[str, object]] = {}
        for i, record in enumerate(records):
            pid = model.id_at(top + i)
            for j, text in enumerate(block[i]):
                cell = self._check_cell(record, top + i, left + j, text, errors)
                if cell is not None and record is not None:
                    changes.setdefault(pid, {})[cell[0]] = cell[1]
            if record is None:
                errors.append(
                    CellError(str(top + i + 1), "", "", self.tr("This row was deleted meanwhile."))
                )
        return changes

    def _pasted_rows(
        self, block: list[list[str]], first_row: int, left: int, errors: list[CellError]
    ) -> list[dict[str, object]]:
        """The values of new rows a block taller than the table adds at its end, checked."""
        if block and self.rows_refusal() is not None:
            errors.append(CellError(str(first_row + 1), "", "", self.rows_refusal()))
            return []
        new_rows: list[dict[str, object]] = []
        for i, texts in enumerate(block):
            values = dict(self.new_row_values())
            for j, text in enumerate(texts):
                cell = self._check_cell(None, first_row + i, left + j, text, errors)
                if cell is not None:
                    values[cell[0]] = cell[1]
            new_rows.append(values)
        return new_rows

    def _paste_parts(
        self, changes: dict, records: list, new_rows: list, description: str
    ) -> list[RecordCommand]:
        parts: list[RecordCommand] = []
        if changes:
            read = {self.source.row_id(r): r for r in records if r is not None}
            parts.append(self.edit_command(changes, description, records=read))
        if new_rows:
            where = self._append_point()
            if where is None:
                self.inform(self.tr("There is no section to add rows to."))
                return []
            parts.append(InsertRowsCommand(self.ctx, self.source, where, new_rows, description))
        return parts

    def _check_cell(
        self, record: Any, row: int, column_no: int, text: str, errors: list[CellError]
    ) -> tuple[str, str] | None:
        """Validate one pasted cell; returns (key, text) to write, or None (error or no-op)."""
        column = self.grid_model.column(column_no)
        where = (str(row + 1), self.grid_model.header_title(column_no))
        if not column.editable:
            current = "" if record is None else self.grid_model.copy_text(record, column)
            if text != current and text != "":
                errors.append(CellError(*where, text, self.tr("This column is read-only.")))
            return None
        reason = None if record is None else self.lock_of(record, column.key)
        if reason is not None:
            if text != self.grid_model.copy_text(record, column):
                errors.append(CellError(*where, text, reason))
            return None
        try:
            self.source.parse(column.key, text)
        except ValueError as exc:
            errors.append(CellError(*where, text, str(exc)))
            return None
        return column.key, text

    def _append_point(self) -> InsertPoint | None:
        model = self.grid_model
        if model.rowCount():
            return InsertPoint(anchor_id=model.id_at(model.rowCount() - 1), after=True)
        with self.ctx.session() as session:
            groups = self.source.groups(session, model.filter())
        return InsertPoint(group_id=groups[0][0]) if groups else None
