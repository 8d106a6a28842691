"""Refused cells, located as the user sees them, and the dialog that lists them.

Paste, clear and fill-down are all-or-nothing: when any cell is refused, nothing is written and
this dialog lists every refusal (row, column, value, reason) so all can be fixed at once.
Display only: never write to the database here.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
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


# Rows are fitted to their wrapped text only for lists a person reads; longer ones stay one line.
FIT_ROWS_LIMIT = 500
VALUE_COLUMN_MAX = 240


class CellErrorDialog(QDialog):
    """Lists every refused value of a paste, clear or fill so the user can fix them at once.

    Resizable (size grip); the reason column takes the spare width and wraps, so a long reason is
    read in full; Copy puts the list on the clipboard as a table for Excel/WPS.
    """

    def __init__(
        self, parent: QWidget | None, title: str, summary: str, errors: list[CellError]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)
        self.errors = errors
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(errors), 4, self)
        self.headers = [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Reason")]
        self.table.setHorizontalHeaderLabels(self.headers)
        for i, error in enumerate(errors):
            for j, text in enumerate(self._cells(error)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(i, j, item)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()  # a short error list, not the grid
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), VALUE_COLUMN_MAX))
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Stretching the reason column does not report a resize; refit after the layout settles.
        self._refit = QTimer(self, singleShot=True, interval=0, timeout=self._fit_rows)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        copy = buttons.addButton(self.tr("Copy list"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_list)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self._size_to_screen()

    @staticmethod
    def _cells(error: CellError) -> tuple[str, str, str, str]:
        return (error.row, error.column, error.value, error.reason)

    def _size_to_screen(self) -> None:
        screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 900, 420
        if available is not None:
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.8))
        self.resize(width, height)

    def _fit_rows(self, *_args: object) -> None:
        if self.table.rowCount() <= FIT_ROWS_LIMIT:
            self.table.resizeRowsToContents()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refit.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit.start()

    def list_text(self) -> str:
        """The list as tab-separated text with its header row."""
        lines = ["\t".join(self.headers)]
        lines += [
            "\t".join(cell.replace("\t", " ") for cell in self._cells(e)) for e in self.errors
        ]
        return "\n".join(lines)

    def copy_list(self) -> None:
        QGuiApplication.clipboard().setText(self.list_text())
