"""The frame every tracking tab shares: a grid over one services RecordSource with a quick
filter, a tool row and a status line, refreshed from the change bus; and the pick-and-import
flow whose refusals are shown cell by cell. Never build SQL here: everything goes through
services.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.operations import listen, perform
from app.tasks import run_task
from services import progress
from services.errors import LedgerError
from services.progress import ReportPeriod
from services.tasks import Cancelled
from services.tracking_source import TrackingFilter
from widgets.form_parts import open_path
from widgets.grid.table_model import LazyTableModel
from widgets.grid.table_view import CellError, CellErrorDialog, SpreadsheetView

# Kept in view while scrolling right (the row's number and what it is), where a table has them.
FROZEN_KEYS = ("seq_label", "name", "task")


class TrackingTab(QWidget):
    """A grid over one tracking RecordSource with a quick filter and a tool row."""

    topic = "tracking"

    def __init__(self, ctx: AppContext, source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self.plan_id: int | None = None
        self.model = LazyTableModel(ctx.session, source, None, self)
        self.view = SpreadsheetView(ctx, self.model, self)
        keys = [column.key for column in source.columns()]
        self.view.remember_layout(source.topic, [k for k in FROZEN_KEYS if k in keys])
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(QCoreApplication.translate("TrackingTab", "Filter…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.summary = QLabel(self)
        self.tools = QHBoxLayout()
        self.tools.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.tools)
        layout.addWidget(self.view, 1)
        # Bottom line: feedback on the left, the tab's figures on the right.
        self.status = QLabel(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.summary)
        layout.addLayout(bottom)
        self.view.statusMessage.connect(self.status.setText)
        listen(
            ctx,
            self,
            structure=self._on_structure_changed,
            projects=self._on_projects_changed,
            tracking=self._on_tracking_changed,
        )

    def add_button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        self.tools.addWidget(button)
        return button

    def set_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.source.plan_id = plan_id
        self._apply_filter()

    def current_filter(self):
        if self.plan_id is None:
            return None
        return TrackingFilter(self.plan_id, self.search.text())

    def _apply_filter(self) -> None:
        flt = self.current_filter()
        if flt is None:
            self.model.set_filter(TrackingFilter(-1))
        else:
            self.model.set_filter(flt)
        self.update_summary()

    def _on_tracking_changed(self, topic: str) -> None:
        if topic == self.source.topic and self.plan_id is not None:
            self.model.reload()
            self.update_summary()

    def _on_structure_changed(self) -> None:
        if self.plan_id is not None:
            self.model.reload()
            self.update_summary()

    def _on_projects_changed(self, change) -> None:
        """Tabs that list projects (progress) refresh the changed rows."""

    def update_summary(self) -> None:
        pass

    def run_command(self, command, title: str) -> bool:
        try:
            return perform(self.ctx, command)
        except LedgerError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False

    # ---------------------------------------------------------------- a period to show

    def add_period_choice(self, tooltip: str) -> QComboBox:
        """An editable list of periods (2023, 2023Q2, 2023-05): choosing or typing one calls
        `use_period(text)`, which the tab defines, and shows the grid for it."""
        self.period = QComboBox(self)
        self.period.setEditable(True)
        self.period.setToolTip(tooltip)
        self.period.lineEdit().editingFinished.connect(self._period_changed)
        self.period.activated.connect(lambda _i: self._period_changed())
        return self.period

    def fill_periods(self, periods: list[str], current: str) -> None:
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems(periods)
        self.period.setCurrentText(current)
        self.period.blockSignals(False)
        self.use_period(current)

    def use_period(self, text: str) -> bool:
        raise NotImplementedError

    def parse_period(self, text: str) -> ReportPeriod | None:
        """The period `text` names; None (and why, in the status line) when it names none."""
        try:
            return progress.parse_report_period(text)
        except ValueError as exc:
            self.status.setText(str(exc))
            return None

    def _period_changed(self) -> None:
        if self.use_period(self.period.currentText()):
            self.model.reload()
            self.update_summary()

    def run_quietly(self, work, on_done) -> None:
        """`work` on a worker without a progress dialog (figures that follow the grid)."""
        run_task(self, "", work, on_done=on_done, show_dialog=False)

    # ---------------------------------------------------------------- importing

    def _import_file(self, title: str, path: str | None, make_command, on_done) -> None:
        """Ask for a table (unless `path` is given) and import it as one undo step:
        `make_command(plan_id, path)` gives the OpCommand, run on a worker with progress and
        Cancel; located errors are shown, nothing is written. Then `on_done(command, path)`."""
        if self.plan_id is None:
            return
        path = open_path(
            self,
            path,
            title,
            "",
            QCoreApplication.translate("TrackingTab", "Tables (*.xlsx *.xlsm *.xls *.ods *.csv)"),
        )
        if not path:
            return
        command = make_command(self.plan_id, path).in_background(
            self, QCoreApplication.translate("TrackingTab", "Importing…")
        )
        try:
            perform(self.ctx, command)
        except Cancelled:
            return
        except Exception as exc:
            show_import_errors(self, exc)
            return
        on_done(command, path)


def show_import_errors(parent: QWidget, exc: Exception) -> None:
    issues = getattr(exc, "issues", None)
    title = QCoreApplication.translate("TrackingViews", "Import refused")
    if not issues:
        QMessageBox.warning(parent, title, str(exc))
        return
    errors = [
        CellError(
            f"{i.sheet} {i.row or ''}".strip(),
            f"{i.column or ''} {i.header or ''}".strip(),
            i.value or "",
            i.reason
            if i.is_error
            else QCoreApplication.translate("TrackingViews", "Warning: {reason}").format(
                reason=i.reason
            ),
        )
        for i in issues
    ]
    dialog = CellErrorDialog(
        parent,
        title,
        QCoreApplication.translate(
            "TrackingViews", "Nothing was written. Fix these cells and import again."
        ),
        errors,
    )
    dialog.exec()
