"""The 问题排查 tab: rectification items (附件2), closed one by one (销号) with a date and an
evidence note."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from app.context import AppContext
from app.undo import SetFieldsCommand
from services import rectifications
from views.tracking_views.schedule_lights import LIGHT_COLORS, TintDelegate
from views.tracking_views.tab import TrackingTab
from widgets.form_parts import date_edit


class RectificationsView(TrackingTab):
    """附件2 问题排查汇总表, closed one by one (销号) with a date and an evidence note."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, rectifications.RectificationSource(), parent)
        self.view.new_row_values = lambda: {"description": self.tr("New issue")}
        self.model.set_headers(
            {
                "seq_label": self.tr("No."),
                "category": self.tr("Category"),
                "description": self.tr("Description"),
                "towns": self.tr("Towns / streets"),
                "deadline": self.tr("Deadline"),
                "status": self.tr("Status"),
                "closed_on": self.tr("Closed on"),
                "evidence": self.tr("Evidence"),
            }
        )
        self.model.set_choice_labels(
            "status",
            {
                "open": self.tr("Open"),
                "in_progress": self.tr("In progress"),
                "closed": self.tr("Closed"),
            },
        )
        self.close_button = self.add_button(self.tr("Close selected (销号)…"), self.close_selected)
        self.view.setItemDelegateForColumn(
            self.model.column_index("status"), TintDelegate(self.model, _status_color, self.view)
        )

    def close_selected(self) -> bool:
        ids = self.view.selected_ids()
        if not ids:
            self.status.setText(self.tr("Select the issues to close first."))
            return False
        dialog = CloseDialog(self, len(ids))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        values = {
            "status": "closed",
            "closed_on": dialog.date.date().toPython(),
            "evidence": dialog.evidence.toPlainText().strip(),
        }
        command = SetFieldsCommand(
            self.ctx,
            self.source,
            {i: dict(values) for i in ids},
            self.tr("Close {count} issue(s)").format(count=len(ids)),
        )
        return self.run_command(command, self.tr("Close refused"))

    def update_summary(self) -> None:
        if self.plan_id is None:
            self.summary.clear()
            return
        with self.ctx.session() as session:
            counts = rectifications.rectification_counts(session, self.plan_id)
        self.summary.setText(
            self.tr(
                "{closed} of {total} closed · {in_progress} in progress · {overdue} overdue"
            ).format(**counts)
        )


def _status_color(record) -> QColor | None:
    """Closed is green; past its deadline and not closed is red; in progress yellow."""
    status = record.values.get("status")
    deadline = record.values.get("deadline")
    if status is not None and status.value == "closed":
        return LIGHT_COLORS["green"]
    if deadline is not None and deadline < date.today():
        return LIGHT_COLORS["red"]
    if status is not None and status.value == "in_progress":
        return LIGHT_COLORS["yellow"]
    return None


class CloseDialog(QDialog):
    def __init__(self, parent: QWidget, count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close issues (销号)"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("{count} issue(s) will be closed.").format(count=count)))
        self.date = date_edit(self)
        form.addRow(self.tr("Closed on"), self.date)
        self.evidence = QPlainTextEdit(self)
        self.evidence.setPlaceholderText(self.tr("Evidence: inspection, photos, documents…"))
        form.addRow(self.tr("Evidence"), self.evidence)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.evidence.toPlainText().strip():
            QMessageBox.information(
                self, self.windowTitle(), self.tr("Closing needs an evidence note.")
            )
            return
        self.accept()
