"""方案 ▸ 分发填报表: make a return round — name, deadline, units, fields, output folder.

Making the sheets runs on a worker with progress and Cancel; the services record the round
and what was sent (views.returns_menu puts the entry in the Plan menu). Never build SQL here.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.tasks import run_blocking
from services import progress, returns
from services.errors import LedgerError
from services.return_fields import DEFAULT_FIELDS, RETURN_FIELDS
from services.tasks import Cancelled
from widgets.form_parts import browse_row, checkable_item, date_edit


class MakeRoundDialog(QDialog):
    """Round name (its period is read from it), deadline, units, fields, output folder."""

    def __init__(self, parent: QWidget | None, ctx: AppContext, plan_id: int) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.made = None
        self.setWindowTitle(self.tr("Distribute return sheets"))
        self.resize(640, 600)
        today = date.today()
        self.name_edit = QLineEdit(returns.default_round_name(today), self)
        self.period_label = QLabel(self)
        self.deadline_edit = date_edit(self, today + timedelta(days=14))
        self.folder_edit = QLineEdit(str(Path.home() / "填报表"), self)
        folder_row = browse_row(self.folder_edit, self._browse, self)

        self.fields_list = QListWidget(self)
        for key, spec in RETURN_FIELDS.items():
            checkable_item(self.fields_list, spec.header, key, checked=key in DEFAULT_FIELDS)
        self.units_list = QListWidget(self)
        with ctx.session() as session:
            units = returns.plan_units(session, plan_id)
        for _oid, name, count in units:
            text = self.tr("%1 (%2 projects)").replace("%1", name).replace("%2", str(count))
            checkable_item(self.units_list, text, name)
        all_units = QPushButton(self.tr("All"), self)
        no_units = QPushButton(self.tr("None"), self)
        all_units.clicked.connect(lambda: self._check_units(True))
        no_units.clicked.connect(lambda: self._check_units(False))
        unit_buttons = QHBoxLayout()
        unit_buttons.addWidget(all_units)
        unit_buttons.addWidget(no_units)
        unit_buttons.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Round name"), self.name_edit)
        form.addRow(self.tr("Reporting period"), self.period_label)
        form.addRow(self.tr("Deadline"), self.deadline_edit)
        form.addRow(self.tr("Output folder"), folder_row)
        lists = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel(self.tr("Fields the units fill in"), self))
        left.addWidget(self.fields_list)
        right.addWidget(QLabel(self.tr("Units"), self))
        right.addWidget(self.units_list)
        right.addLayout(unit_buttons)
        lists.addLayout(left, 1)
        lists.addLayout(right, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Make sheets"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name_edit.textChanged.connect(self._update_period)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(buttons)
        self._update_period()

    def _check_units(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.units_list.count()):
            self.units_list.item(row).setCheckState(state)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Output folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _update_period(self) -> None:
        try:
            label = progress.parse_report_period(self.name_edit.text()).label
        except ValueError:
            self.period_label.setText(
                self.tr("— (the name must say the quarter or month, e.g. 2023年第一季度)")
            )
            self.ok_button.setEnabled(False)
            return
        self.period_label.setText(label)
        self.ok_button.setEnabled(True)

    def checked(self, widget: QListWidget) -> list[str]:
        return [
            widget.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(widget.count())
            if widget.item(r).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        units, fields = self.checked(self.units_list), self.checked(self.fields_list)
        if not units or not fields:
            QMessageBox.information(
                self, self.windowTitle(), self.tr("Choose at least one unit and one field.")
            )
            return
        qdate = self.deadline_edit.date()
        deadline = date(qdate.year(), qdate.month(), qdate.day())
        name, folder = self.name_edit.text(), Path(self.folder_edit.text())
        try:
            self.made = run_blocking(
                self,
                self.tr("Making return sheets"),
                self._make,
                name,
                deadline,
                fields,
                units,
                folder,
            )
        except Cancelled:
            return
        except (LedgerError, OSError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        QMessageBox.information(
            self,
            self.windowTitle(),
            self.tr("%1 sheets written to %2, with the ZIP %3 and the notice %4.")
            .replace("%1", str(len(self.made.sheets)))
            .replace("%2", str(folder))
            .replace("%3", self.made.zip_path.name)
            .replace("%4", self.made.notice_path.name),
        )
        super().accept()

    def _make(self, state, name, deadline, fields, units, folder):
        from exports.return_sheets import make_round

        with self.ctx.session() as session:
            round_ = returns.open_round(
                session, self.plan_id, name, deadline=deadline, fields=fields
            )
            return make_round(session, round_, folder, units, state)


def run_make_dialog(parent: QWidget | None, ctx: AppContext, plan_id: int):
    dialog = MakeRoundDialog(parent, ctx, plan_id)
    dialog.exec()
    return dialog.made
