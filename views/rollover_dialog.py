"""Year rollover dialog (年度结转): preview what carries forward, then create next year's plan.

The preview lists every project with its planned, completed and remaining money and whether it
carries (not done by the end of the plan's year). Creating the plan is one undo step: undo
deletes the new plan with everything in it, redo puts it back with the same ids.
Never build SQL here: services.rollover does the work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.context import AppContext
from app.operations import OpCommand, perform
from services import rollover
from services.errors import LedgerError
from services.operations import Operation
from services.parsing import format_money
from services.query import plan_info
from widgets.form_parts import vbox


class RolloverCommand(OpCommand):
    """The created plan as one undo step; redo puts the deleted plan back with the same ids."""

    def __init__(
        self, ctx: AppContext, plan_id: int, options: rollover.RolloverOptions, text: str
    ) -> None:
        """`text` may hold "{title}": the new plan's title once it is known."""
        super().__init__(ctx, text)
        self.old_plan_id, self.options, self._template = plan_id, options, text
        self.result: rollover.RolloverResult | None = None
        self._snapshot: rollover.PlanSnapshot | None = None

    def forward(self, op: Operation) -> None:
        if self._snapshot is None:
            self.result = rollover.rollover(None, op.session, self.old_plan_id, self.options)
            self.setText(self._template.format(title=self.result.title))
        else:
            rollover.restore_plan_snapshot(op.session, self._snapshot)

    def backward(self, op: Operation) -> None:
        self._snapshot = rollover.delete_plan(op.session, self.result.plan_id)


class RolloverDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext, plan_id: int) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.result_plan_id: int | None = None
        self.setWindowTitle(self.tr("Roll over to next year"))
        with ctx.session() as session:
            plan = plan_info(session, plan_id)
            if plan is None:
                raise LedgerError(self.tr("No such plan."))
            last = plan.year_end or plan.year_start
            self.old_title, self.old_year = plan.title, plan.year_start
            self.preview = rollover.preview(session, plan_id)
        form, summary, table = self._form(last + 1), self._summary(), self._preview_table()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create plan"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        vbox(self, form, summary, (table, 1), buttons)
        self.resize(820, 560)

    def _form(self, year: int) -> QFormLayout:
        """The new plan's year and title, and what it takes over besides the projects."""
        form = QFormLayout()
        self.year = QSpinBox(self)
        self.year.setRange(1990, 2100)
        self.year.setValue(year)
        self.year.valueChanged.connect(self._year_changed)
        self.title = QLineEdit(rollover.next_title(self.old_title, self.old_year, year), self)
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Title of the new plan"), self.title)
        self.indicators = QCheckBox(self.tr("Copy the indicators (targets to review)"), self)
        self.tasks = QCheckBox(self.tr("Copy the key tasks"), self)
        self.rectifications = QCheckBox(self.tr("Carry the rectifications not closed yet"), self)
        for box in (self.indicators, self.tasks, self.rectifications):
            box.setChecked(True)
            form.addRow(box)
        return form

    def _summary(self) -> QLabel:
        carried = [p for p in self.preview if p.carried]
        remaining = sum((p.remaining_wan for p in carried if p.remaining_wan), start=0)
        self.summary = QLabel(
            self.tr(
                "{carried} of {total} projects carry forward as continued (续建) with "
                "{money} (10k yuan) remaining; {done} are done and stay behind."
            ).format(
                carried=len(carried),
                total=len(self.preview),
                money=format_money(remaining if remaining else None, blank="0.00"),
                done=len(self.preview) - len(carried),
            ),
            self,
        )
        self.summary.setWordWrap(True)
        return self.summary

    def _preview_table(self) -> QTableWidget:
        """Each project with what it carries forward; the ones that are done greyed."""
        self.table = QTableWidget(len(self.preview), 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Project"),
                self.tr("Planned"),
                self.tr("Completed"),
                self.tr("Remaining"),
                self.tr("Carries"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        muted = QColor("#8a8a8a")
        for row, item in enumerate(self.preview[:5000]):  # a preview, not the whole ledger
            cells = [
                item.name,
                format_money(item.planned_wan),
                format_money(item.completed_wan, blank=""),
                format_money(item.remaining_wan) if item.carried else "",
                self.tr("Yes") if item.carried else self.tr("Done"),
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in (1, 2, 3):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if not item.carried:
                    cell.setForeground(muted)
                self.table.setItem(row, column, cell)
        self.table.setColumnWidth(0, 300)
        return self.table

    def _year_changed(self, year: int) -> None:
        self.title.setText(rollover.next_title(self.old_title, self.old_year, year))

    def options(self) -> rollover.RolloverOptions:
        return rollover.RolloverOptions(
            title=self.title.text().strip(),
            year=self.year.value(),
            copy_indicators=self.indicators.isChecked(),
            copy_key_tasks=self.tasks.isChecked(),
            carry_rectifications=self.rectifications.isChecked(),
        )

    def create(self) -> None:
        text = self.tr("Roll over to {title}")
        command = RolloverCommand(self.ctx, self.plan_id, self.options(), text)
        try:
            perform(self.ctx, command)
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.result_plan_id = command.result.plan_id
        self.accept()


def run_rollover_dialog(parent: QWidget | None, ctx: AppContext, plan_id: int) -> int | None:
    """Show the dialog; returns the new plan's id, or None when cancelled."""
    dialog = RolloverDialog(parent, ctx, plan_id)
    dialog.exec()
    return dialog.result_plan_id
