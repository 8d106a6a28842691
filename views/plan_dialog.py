"""Creating a plan (工作方案) and editing its metadata: title, region, years, 文号, issuer, date, notes.

`run_new_plan_dialog(parent, ctx)` creates a plan through services.plans.create_plan, with the
sections typed one per line; `run_edit_plan_dialog(parent, ctx, plan_id)` edits the metadata as
one undo step. Errors from the service are shown in the dialog, which stays open so nothing
typed is lost. This module never touches projects.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.operations import OpCommand, perform, run_and_announce
from services import plans as plan_service
from services.errors import LedgerError, ValidationError
from services.operations import Operation
from services.plans import DEFAULT_SECTIONS
from services.query import PlanInfo, plan_info
from widgets.form_parts import date_edit

METADATA = plan_service.PLAN_FIELDS


class EditPlanCommand(OpCommand):
    """Plan metadata edit; undo writes the old values back."""

    def __init__(self, ctx: AppContext, plan_id: int, new: dict) -> None:
        super().__init__(ctx, QCoreApplication.translate("PlanDialog", "Edit plan properties"))
        self.plan_id, self.new = plan_id, new
        self.old: dict = {}

    def forward(self, op: Operation) -> None:
        self.old = plan_service.update_plan(op.session, self.plan_id, self.new)

    def backward(self, op: Operation) -> None:
        plan_service.update_plan(op.session, self.plan_id, self.old)


class PlanDialog(QDialog):
    """The form; `values()` returns typed metadata, `section_names()` the sections of a new plan."""

    def __init__(self, parent: QWidget | None, plan: PlanInfo | None = None) -> None:
        super().__init__(parent)
        self.is_new = plan is None
        self.setWindowTitle(self.tr("New Plan") if self.is_new else self.tr("Plan Properties"))
        self.setMinimumWidth(520)
        this_year = QDate.currentDate().year()

        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("e.g. 2024年钟楼区生态文明建设工作方案"))
        self.region = QLineEdit(self)
        self.region.setPlaceholderText(self.tr("e.g. 钟楼区"))
        self.year_start = QSpinBox(self)
        self.year_start.setRange(1990, 2100)
        self.year_start.setValue(this_year)
        self.year_end = QSpinBox(self)
        self.year_end.setRange(1990, 2100)
        self.year_end.setValue(this_year)
        self.year_start.valueChanged.connect(
            lambda v: self.year_end.setValue(max(v, self.year_end.value()))
        )
        self.doc_number = QLineEdit(self)
        self.doc_number.setPlaceholderText(self.tr("e.g. 钟政办发〔2023〕17号"))
        self.issuer = QLineEdit(self)
        self.has_issue_date = QCheckBox(self.tr("Issued on"), self)
        self.issue_date = date_edit(self, enabled=False)
        self.has_issue_date.toggled.connect(self.issue_date.setEnabled)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)

        years = QHBoxLayout()
        years.addWidget(self.year_start)
        years.addWidget(QLabel("–", self))
        years.addWidget(self.year_end)
        years.addStretch(1)
        issued = QHBoxLayout()
        issued.addWidget(self.has_issue_date)
        issued.addWidget(self.issue_date)
        issued.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Region:"), self.region)
        form.addRow(self.tr("&Years:"), years)
        form.addRow(self.tr("&Document number:"), self.doc_number)
        form.addRow(self.tr("&Issuer:"), self.issuer)
        form.addRow(self.tr("Issue date:"), issued)
        form.addRow(self.tr("&Notes:"), self.notes)
        self.sections: QPlainTextEdit | None = None
        if self.is_new:
            self.sections = QPlainTextEdit(self)
            self.sections.setTabChangesFocus(True)
            self.sections.setPlainText("\n".join(DEFAULT_SECTIONS))
            self.sections.setToolTip(self.tr("One section (campaign) per line, in order."))
            form.addRow(self.tr("&Sections:"), self.sections)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if plan is not None:
            self._load(plan)

    def _load(self, plan: PlanInfo) -> None:
        self.title.setText(plan.title)
        self.region.setText(plan.region or "")
        self.year_start.setValue(plan.year_start)
        self.year_end.setValue(plan.year_end or plan.year_start)
        self.doc_number.setText(plan.doc_number or "")
        self.issuer.setText(plan.issuer or "")
        if plan.issue_date:
            self.has_issue_date.setChecked(True)
            self.issue_date.setDate(QDate(plan.issue_date))
        self.notes.setPlainText(plan.notes or "")

    def values(self) -> dict[str, object]:
        issue: date | None = None
        if self.has_issue_date.isChecked():
            issue = self.issue_date.date().toPython()
        return {
            "title": self.title.text().strip(),
            "region": self.region.text().strip() or None,
            "year_start": self.year_start.value(),
            "year_end": self.year_end.value(),
            "doc_number": self.doc_number.text().strip() or None,
            "issuer": self.issuer.text().strip() or None,
            "issue_date": issue,
            "notes": self.notes.toPlainText().strip() or None,
        }

    def section_names(self) -> list[str]:
        if self.sections is None:
            return []
        return [line.strip() for line in self.sections.toPlainText().splitlines() if line.strip()]

    def show_error(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            text = "\n".join(e.reason for e in exc.errors)
        else:
            text = str(exc)
        self.error.setText(text)
        self.error.show()


def create_plan_with_sections(ctx: AppContext, values: dict, sections: list[str]) -> int:
    """Create the plan and its sections in one operation; returns the plan id."""

    def create(op: Operation) -> int:
        plan = plan_service.create_plan(
            op.session,
            values["title"],
            values["year_start"],
            values["year_end"],
            region=values["region"],
            doc_number=values["doc_number"],
            issuer=values["issuer"],
            issue_date=values["issue_date"],
            notes=values["notes"],
        )
        for name in sections:
            plan_service.add_section(op.session, plan.id, name)
        return plan.id

    return run_and_announce(ctx, create, label="new plan").value


def run_new_plan_dialog(parent: QWidget | None, ctx: AppContext) -> int | None:
    """Ask for a new plan's metadata and sections; returns the new plan id, or None."""
    dialog = PlanDialog(parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            plan_id = create_plan_with_sections(ctx, dialog.values(), dialog.section_names())
        except LedgerError as exc:
            dialog.show_error(exc)
            continue
        return plan_id
    return None


def run_edit_plan_dialog(parent: QWidget | None, ctx: AppContext, plan_id: int) -> bool:
    """Edit a plan's metadata as one undo step; True if something changed."""
    with ctx.session() as session:
        plan = plan_info(session, plan_id)
        if plan is None:
            return False
        dialog = PlanDialog(parent, plan)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            return perform(ctx, EditPlanCommand(ctx, plan_id, dialog.values()))
        except LedgerError as exc:
            dialog.show_error(exc)
    return False
