"""The status-bar figures: rows shown, rows selected, and the planned investment of each.

Money is shown as 万元 with thousands separators ("67,619.88 万元") and, from 1 亿元 up, also in
亿元 ("≈ 6.76 亿元"), via services.parsing.format_money / format_yi. The widget only displays
figures it is given; the sums themselves are computed in SQL by the caller.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from services.parsing import format_money, format_yi

YI = Decimal(10000)  # 1 亿元 = 10,000 万元


def money_text(amount: Decimal | None) -> str:
    """ "67,619.88 万元（6.76 亿元）" — 亿元 added only from 1 亿元 up, where it reads better.

    None means the sum is still being computed (a million-row SUM runs off the GUI thread).
    """
    if amount is None:
        return "…"
    if amount >= YI:
        return (
            QCoreApplication.translate("StatusSummary", "%1 ×10k CNY (%2 ×100M CNY)")
            .replace("%1", format_money(amount))
            .replace("%2", format_yi(amount))
        )
    return QCoreApplication.translate("StatusSummary", "%1 ×10k CNY").replace(
        "%1", format_money(amount)
    )


class StatusSummary(QWidget):
    """Two groups of figures: the filtered rows and the selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_label = QLabel(self)
        self.rows_label.setObjectName("rowsLabel")
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("selectionLabel")
        for label in (self.rows_label, self.selection_label):
            # A narrow window clips the figures instead of refusing to shrink.
            label.setMinimumWidth(40)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(10)
        layout.addWidget(self.selection_label)
        separator = QFrame(self)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(separator)
        layout.addWidget(self.rows_label)
        self._rows: tuple[int, Decimal] = (0, Decimal(0))
        self._selection: tuple[int, Decimal] = (0, Decimal(0))
        self._render()

    def set_rows(self, count: int, amount: Decimal | None) -> None:
        self._rows = (count, amount)
        self._render()

    def set_selection(self, count: int, amount: Decimal | None) -> None:
        self._selection = (count, amount)
        self._render()

    def text(self) -> str:
        return f"{self.selection_label.text()} | {self.rows_label.text()}"

    def _render(self) -> None:
        count, amount = self._rows
        self.rows_label.setText(
            self.tr("%n row(s), planned %1", "", count).replace("%1", money_text(amount))
        )
        count, amount = self._selection
        if count:
            self.selection_label.setText(
                self.tr("%n selected, planned %1", "", count).replace("%1", money_text(amount))
            )
        else:
            self.selection_label.setText(self.tr("Nothing selected"))
