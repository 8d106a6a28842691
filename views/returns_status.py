"""方案 ▸ 填报情况: a round's units × 未发 / 已发 / 已回 / 逾期 / 有问题, the 催报 list, and the
plan's rounds side by side. Reads services.returns only; never builds SQL.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from services import returns

STATE_COLORS = {
    returns.NOT_SENT: "#eeeeee",
    returns.SENT: "#e3eefa",
    returns.RETURNED: "#dcefdc",
    returns.LATE: "#f9d6d5",
    returns.PROBLEM: "#fde9c4",
}


def _stamp(text: str | None) -> str:
    return (text or "").replace("T", " ")[:16]


class RoundStatusView(QWidget):
    def __init__(self, ctx: AppContext, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.status: returns.RoundStatus | None = None
        self.today: date | None = None  # None = today; tests and screenshots pin a day
        self.round_combo = QComboBox(self)
        self.round_combo.currentIndexChanged.connect(self.refresh)
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(self.refresh)
        self.chase_button = QPushButton(self.tr("Export reminder list…"), self)
        self.chase_button.clicked.connect(self.export_chase)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Round"), self))
        top.addWidget(self.round_combo, 1)
        top.addWidget(refresh)
        top.addWidget(self.chase_button)
        self.units = self._table(
            [
                self.tr("Unit"),
                self.tr("State"),
                self.tr("Projects"),
                self.tr("Sent file"),
                self.tr("Sent at"),
                self.tr("Returned file"),
                self.tr("Received at"),
                self.tr("Rows changed"),
                self.tr("Cells refused"),
                self.tr("Awaiting approval"),
                self.tr("Days late"),
            ]
        )
        self.units.itemSelectionChanged.connect(self._show_problems)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rounds = self._table(
            [
                self.tr("Round"),
                self.tr("Period"),
                self.tr("Deadline"),
                returns.NOT_SENT,
                returns.SENT,
                returns.RETURNED,
                returns.LATE,
                returns.PROBLEM,
                self.tr("Rows changed"),
                self.tr("Cells refused"),
            ]
        )
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.problems)
        lower_layout.addWidget(QLabel(self.tr("All rounds of this plan"), self))
        lower_layout.addWidget(self.rounds)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.units)
        splitter.addWidget(lower)
        splitter.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(splitter, 1)
        self.reload_rounds()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def reload_rounds(self) -> None:
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        with self.ctx.session() as session:
            for round_ in returns.rounds(session, self.plan_id):
                self.round_combo.addItem(f"{round_.name} ({round_.period})", round_.name)
        self.round_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        name = self.round_combo.currentData()
        with self.ctx.session() as session:
            round_ = returns.find_round(session, self.plan_id, name) if name else None
            self.status = returns.round_status(session, round_, self.today) if round_ else None
            history = returns.compare_rounds(session, self.plan_id, self.today)
        self._fill_units()
        self._fill_rounds(history)

    def _fill_units(self) -> None:
        status = self.status
        self.units.setRowCount(0)
        self.chase_button.setEnabled(bool(status and status.late))
        if status is None:
            self.counts.setText(
                self.tr("No return round yet: use Plan ▸ Distribute Return Sheets.")
            )
            return
        deadline = status.deadline.isoformat() if status.deadline else "—"
        parts = [
            f'<span style="background:{STATE_COLORS[s]}">&nbsp;{s} <b>{n}</b>&nbsp;</span>'
            for s, n in status.counts().items()
        ]
        self.counts.setText(self.tr("Deadline %1").replace("%1", deadline) + "　" + " ".join(parts))
        self.units.setRowCount(len(status.units))
        for r, unit in enumerate(status.units):
            last = unit.receipts[-1] if unit.receipts else {}
            values = [
                unit.unit,
                unit.state,
                unit.projects,
                unit.sent_file or "",
                unit.sent_at.isoformat(timespec="minutes").replace("T", " ")
                if unit.sent_at
                else "",
                last.get("file", ""),
                _stamp(last.get("at")),
                unit.rows_changed if unit.receipts else "",
                unit.cells_refused if unit.receipts else "",
                unit.pending if unit.receipts else "",
                unit.late_days or "",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c == 1:
                    item.setBackground(QBrush(QColor(STATE_COLORS[unit.state])))
                self.units.setItem(r, c, item)

    def _fill_rounds(self, history: list[dict]) -> None:
        self.rounds.setRowCount(len(history))
        for r, line in enumerate(history):
            counts = line["counts"]
            values = [
                line["round"],
                line["period"],
                line["deadline"] or "",
                *(counts[s] for s in returns.STATES),
                line["rows_changed"],
                line["cells_refused"],
            ]
            for c, value in enumerate(values):
                self.rounds.setItem(r, c, QTableWidgetItem(str(value)))

    def _show_problems(self) -> None:
        rows = {i.row() for i in self.units.selectedItems()}
        if not self.status or len(rows) != 1:
            self.problems.clear()
            return
        unit = self.status.units[rows.pop()]
        lines = [p.get("text") or p.get("reason", "") for p in unit.problems]
        self.problems.setText("\n".join(lines[:30]) if lines else "")

    def export_chase(self) -> None:
        if not self.status:
            return
        out, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export reminder list"),
            str(Path.home() / f"{self.status.name}催报名单.xlsx"),
            self.tr("Excel (*.xlsx);;PDF (*.pdf)"),
        )
        if out:
            self.write_chase(Path(out))

    def write_chase(self, out: Path) -> Path:
        from exports.return_chase import write_chase

        try:
            return write_chase(self.status, out)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export reminder list"), str(exc))
            raise


class RoundStatusDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext, plan_id: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return round state"))
        self.resize(1180, 680)
        self.view = RoundStatusView(ctx, plan_id, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)


def run_status_dialog(parent: QWidget | None, ctx: AppContext, plan_id: int) -> None:
    RoundStatusDialog(parent, ctx, plan_id).exec()
