"""Audit history (修改记录) of one project: who changed what and when, newest first.

Shows the project's own field edits, its progress reports, milestones and task links, as the
audit trail recorded them. "Restore this value" writes an old value of a project field or of
a progress report back through the normal undo stack (so it can itself be undone).
Never build SQL here: services.audit reads the history.
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from app.context import AppContext
from app.operations import listen, perform
from app.undo import SetFieldsCommand
from services.audit import AuditRow, project_history
from services.errors import LedgerError
from services.fields import FIELDS
from services.progress import REPORT_PARSERS
from services.progress_grid import ProgressSource
from services.records import ProjectSource
from widgets.form_parts import hbox, vbox
from widgets.read_only_table import read_only_table


class AuditHistoryView(QWidget):
    """The history of one project; `set_project(project_id)` switches it."""

    COLUMNS = ("When", "Who", "Action", "Field", "Old value", "New value")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: int | None = None
        self.rows: list[AuditRow] = []
        self._dirty = False
        self.table = read_only_table(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Field"),
                self.tr("Old value"),
                self.tr("New value"),
            ],
            self,
        )
        self.table.verticalHeader().hide()
        for column, width in enumerate((128, 70, 56, 150, 140)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.info = QLabel(self)
        self.restore_button = QPushButton(self.tr("Restore this old value"), self)
        self.restore_button.setToolTip(
            self.tr("Writes the old value back; Ctrl+Z undoes it like any edit.")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        layout = vbox(self, (self.table, 1), hbox((self.info, 1), self.restore_button))
        layout.setContentsMargins(0, 0, 0, 0)
        listen(ctx, self, projects=lambda _change: self.refresh())
        listen(ctx, self, tracking=lambda _topic: self.refresh())
        self._update_buttons()

    def set_project(self, project_id: int | None) -> None:
        self.project_id = project_id
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        if not force and not self.isVisible():
            self._dirty = True  # re-read when shown: a hidden panel never queries
            return
        self._dirty = False
        self.rows = []
        if self.project_id is not None:
            with self.ctx.session() as session:
                self.rows = project_history(session, self.project_id)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = (
                # Stored in UTC; shown in the computer's local time.
                row.at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                row.user,
                self.action_label(row.action),
                self.field_label(row),
                row.old_value or "",
                row.new_value or "",
            )
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text if len(text) > 20 else "")
                self.table.setItem(r, c, item)
        self.info.setText(self.tr("{count} change(s)").format(count=len(self.rows)))
        self._update_buttons()

    def action_label(self, action: str) -> str:
        return {
            "insert": self.tr("Added"),
            "update": self.tr("Changed"),
            "delete": self.tr("Deleted"),
            "import": self.tr("Imported"),
        }.get(action, action)

    def field_label(self, row: AuditRow) -> str:
        labels = {
            "seq_label": self.tr("No."),
            "project_type": self.tr("Project type"),
            "name": self.tr("Project name"),
            "content": self.tr("Main construction content"),
            "quantity": self.tr("Quantity"),
            "planned_investment_wan": self.tr("Planned investment"),
            "period": self.tr("Construction period"),
            "owners": self.tr("Responsible units"),
            "status": self.tr("Status"),
            "construction_kind": self.tr("New/continued"),
            "remarks": self.tr("Remarks"),
            "carried_from_id": self.tr("Carried over from"),
            "progress_pct": self.tr("Progress %"),
            "completed_investment_wan": self.tr("Completed investment"),
            "over_plan_confirmed": self.tr("Over plan confirmed"),
            "narrative": self.tr("Progress narrative"),
            "problems": self.tr("Problems"),
            "next_steps": self.tr("Next steps"),
            "reporter": self.tr("Reporter"),
            "reported_on": self.tr("Reported on"),
            "milestones": self.tr("Milestones"),
            "key_task": self.tr("Key task link"),
        }
        field = row.field or ""
        if row.entity == "progress_report" and "/" in field:
            period, key = field.split("/", 1)
            return f"{period} {labels.get(key, key)}"
        if row.entity == "progress_report":
            return self.tr("{period} report").format(period=field)
        return labels.get(field, field)

    def selected_row(self) -> AuditRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _restorable(self, row: AuditRow | None) -> bool:
        if row is None or row.action != "update" or not row.field:
            return False
        if row.entity == "project":
            return row.field in FIELDS
        if row.entity == "progress_report" and "/" in row.field:
            return row.field.split("/", 1)[1] in REPORT_PARSERS
        return False

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self._restorable(self.selected_row()))

    def restore_selected(self) -> bool:
        row = self.selected_row()
        if not self._restorable(row):
            return False
        old = row.old_value or ""
        if row.entity == "project":
            source = ProjectSource()
            changes = {row.entity_id: {row.field: old}}
        else:
            period, key = row.field.split("/", 1)
            source = ProgressSource(period)
            changes = {row.entity_id: {key: old}}
        command = SetFieldsCommand(
            self.ctx,
            source,
            changes,
            self.tr("Restore {field}").format(field=self.field_label(row)),
        )
        try:
            return perform(self.ctx, command)
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("Restore refused"), str(exc))
            return False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
