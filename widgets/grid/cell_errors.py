"""Refused cells, located as the user sees them, and the dialog that lists them.

Paste, clear and fill-down are all-or-nothing: when any cell is refused, nothing is written and
this dialog lists every refusal (row, column, value, reason) so all can be fixed at once.
Display only: never write to the database here.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class CellError:
    """One refused cell, located the way the user sees it (row number, column title)."""

    row: str
    column: str
    value: str
    reason: str


class CellErrorDialog(QDialog):
    """Lists every refused value of a paste, clear or fill so the user can fix them at once."""

    def __init__(
        self, parent: QWidget | None, title: str, summary: str, errors: list[CellError]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors = errors
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(errors), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Reason")]
        )
        for i, error in enumerate(errors):
            for j, text in enumerate((error.row, error.column, error.value, error.reason)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, j, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()  # a short error list, not the grid
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(720, 320)
