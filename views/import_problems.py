"""The Problems tab of File ▸ Import: every located error and warning of a reading (sheet, row,
column, header, value, reason), sortable, and saved as CSV for the department that sent it.

A ListTableModel over the preview's list: 100,000 problems cost one model reset.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFileDialog, QPushButton, QVBoxLayout, QWidget

from importers.issues import ImportIssue, issues_to_csv
from widgets.list_table_model import RIGHT, ListColumn, ListTableModel, list_table_view, natural_key

_ERROR_BRUSH = QBrush(QColor("#b3261e"))
_WARNING_BRUSH = QBrush(QColor("#8a5a00"))
# Measuring more rows than this would read rows the user never looks at.
_MEASURED_ROWS = 2000


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


class ProblemsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        level = {True: self.tr("Error"), False: self.tr("Warning")}
        self.model = ListTableModel(
            [
                ListColumn(
                    self.tr("Level"),
                    lambda i: level[i.is_error],
                    lambda i: 0 if i.is_error else 1,
                    foreground=lambda i: _ERROR_BRUSH if i.is_error else _WARNING_BRUSH,
                ),
                ListColumn(self.tr("Sheet"), lambda i: i.sheet, lambda i: i.sheet),
                ListColumn(
                    self.tr("Row"),
                    lambda i: "" if i.row is None else str(i.row),
                    lambda i: -1 if i.row is None else i.row,
                    RIGHT,
                ),
                ListColumn(
                    self.tr("Column"),
                    lambda i: i.column or "",
                    lambda i: (len(i.column or ""), i.column or ""),  # Z before AA
                ),
                ListColumn(
                    self.tr("Header"), lambda i: _one_line(i.header), lambda i: _one_line(i.header)
                ),
                ListColumn(
                    self.tr("Value"),
                    lambda i: _one_line(i.value),
                    lambda i: natural_key(i.value),
                    tooltip=lambda i: i.value if i.value and len(i.value) > 20 else None,
                ),
                ListColumn(
                    self.tr("Reason"),
                    lambda i: i.reason,
                    lambda i: i.reason,
                    tooltip=lambda i: i.reason if len(i.reason) > 30 else None,
                ),
            ],
            self,
        )
        self.view = list_table_view(self.model, self)
        self.view.setSortingEnabled(True)
        # QHeaderView starts descending; errors (sort key 0) belong on top, in file order.
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.export_button = QPushButton(self.tr("Export problems to CSV…"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_issues(self, issues: list[ImportIssue]) -> None:
        self.model.set_rows(issues)  # one reset, whatever the count; sorted as shown
        if len(issues) <= _MEASURED_ROWS:
            self.view.resizeColumnsToContents()
        else:
            for column, width in enumerate((60, 140, 70, 50, 160, 140)):
                self.view.setColumnWidth(column, width)

    def export_csv(self) -> None:
        """Every problem, in the order the table shows them."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export problems"), "problems.csv", self.tr("CSV (*.csv)")
        )
        if path:
            rows: list[ImportIssue] = self.model.rows()
            Path(path).write_text(issues_to_csv(rows), encoding="utf-8-sig")
