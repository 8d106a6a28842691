"""Year-round tracking tabs: indicators, key tasks, rectifications and progress entry.

Each view is a thin shell over the shared grid machinery (widgets.grid LazyTableModel +
SpreadsheetView over a services RecordSource), so validation, copy/paste from Excel, fill-down,
clear, insert/delete/move rows and undo behave exactly as in the project table. Every view has
`set_plan(plan_id)`; the main window keeps it in step with the plan tree. Writes go through the
undo stack (app.undo) and are announced on the change bus; views refresh on the bus.

`register_schedule_column()` adds the schedule flag (滞后 25%/50%) to the project grid and
`decorate_project_grid(grid)` colors it there; the progress view colors its own.
Never build SQL here: everything goes through services.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.operations import OpCommand, listen, perform
from app.settings import Option
from app.tasks import run_task
from app.undo import SetFieldsCommand
from services import indicators, key_tasks, progress, progress_grid, rectifications, schedule
from services.errors import LedgerError
from services.operations import Operation
from services.query import ProjectFilter, plan_info
from services.tasks import Cancelled
from services.tracking_source import TrackingFilter
from widgets.empty_state import empty_state_page
from widgets.grid.table_model import LazyTableModel
from widgets.grid.table_view import CellError, CellErrorDialog, SpreadsheetView

SCHEDULE_RULE = Option(
    "tracking/schedule_rule", str, "default", "traffic-light preset: default/yinchuan/sanya/tianjin"
)
SCHEDULE_TOLERANCE = Option(
    "tracking/tolerance_points", float, 10.0, "points behind 序时进度 that count as behind"
)

LIGHT_COLORS = {
    "green": QColor("#d8f0dc"),
    "yellow": QColor("#fff1b8"),
    "red": QColor("#f8d0cc"),
}
FLAG_COLORS = {"done": QColor("#cfe6f7"), "no_report": QColor("#eeeeee")}


def configured_rule() -> schedule.LightRule:
    """The office's traffic-light rule from the settings (a preset, or default + tolerance)."""
    key = SCHEDULE_RULE.value
    if key in schedule.PRESETS and key != "default":
        return schedule.PRESETS[key]
    try:
        return schedule.rule_for(SCHEDULE_TOLERANCE.value)
    except ValueError:
        return schedule.PRESETS["default"]


def apply_configured_rule() -> schedule.LightRule:
    rule = configured_rule()
    schedule.set_default_rule(rule)
    return rule


def flag_label(flag: str) -> str:
    return {
        "on_track": QCoreApplication.translate("TrackingViews", "On track"),
        "behind": QCoreApplication.translate("TrackingViews", "Behind"),
        "overdue": QCoreApplication.translate("TrackingViews", "Overdue"),
        "done": QCoreApplication.translate("TrackingViews", "Done"),
        "no_report": QCoreApplication.translate("TrackingViews", "No report"),
    }.get(flag, flag)


def schedule_label(status: schedule.ScheduleStatus | None) -> str:
    if status is None:
        return ""
    text = flag_label(status.flag)
    if status.expected_pct is None:
        return text
    actual = "—" if status.actual_pct is None else f"{status.actual_pct.normalize():f}%"
    return f"{text} {actual}/{status.expected_pct.normalize():f}%"


def schedule_color(status: schedule.ScheduleStatus | None) -> QColor | None:
    if status is None:
        return None
    if status.flag in FLAG_COLORS:
        return FLAG_COLORS[status.flag]
    return LIGHT_COLORS.get(status.light or "")


# ---------------------------------------------------------------- the schedule column


def register_schedule_column() -> None:
    """Add the read-only 序时进度 flag column to project grids created from now on."""
    from services.records import register_project_column

    apply_configured_rule()

    def fetch(session, ids):
        # The plan's as-of day, not today: a 2023 plan opened in 2026 is not all 逾期.
        return schedule.schedule_for_ids(session, ids, schedule.as_of_for_ids(session, ids))

    register_project_column(
        "schedule",
        fetch,
        title=QCoreApplication.translate("TrackingViews", "Schedule"),
        to_text=schedule_label,
        width=150,
    )


class TintDelegate(QStyledItemDelegate):
    """Paints a cell's background from its record (traffic light, met / not met, overdue)."""

    def __init__(self, model: LazyTableModel, color_of, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.color_of = model, color_of

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        record = self.model.record(index.row())
        color = self.color_of(record) if record is not None else None
        if color is not None:
            # The style paints this brush; a fill under it would be painted over.
            option.backgroundBrush = QBrush(color)


def schedule_delegate(model: LazyTableModel, parent: QWidget) -> TintDelegate:
    return TintDelegate(model, lambda r: schedule_color(model.source.value(r, "schedule")), parent)


def decorate_project_grid(grid) -> None:
    """Color the schedule column of a widgets.project_grid.ProjectGrid, if it has one."""
    try:
        column = grid.model.column_index("schedule")
    except KeyError:
        return
    grid.view.setItemDelegateForColumn(column, schedule_delegate(grid.model, grid.view))


# ---------------------------------------------------------------- a tracking tab


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

    # ---------------------------------------------------------------- indicators

    def _import_file(self, title: str, path: str | None, make_command, on_done) -> None:
        """Ask for a table (unless `path` is given) and import it as one undo step:
        `make_command(plan_id, path)` gives the OpCommand, run on a worker with progress and
        Cancel; located errors are shown, nothing is written. Then `on_done(command, path)`."""
        if self.plan_id is None:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, title, "", self.tr("Tables (*.xlsx *.xlsm *.xls *.ods *.csv)")
            )
        if not path:
            return
        command = make_command(self.plan_id, path).in_background(self, self.tr("Importing…"))
        try:
            perform(self.ctx, command)
        except Cancelled:
            return
        except Exception as exc:
            show_import_errors(self, exc)
            return
        on_done(command, path)


class IndicatorsView(TrackingTab):
    """工作目标: name, unit, direction, target and the actual value of a chosen period."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, indicators.IndicatorSource(None, str(date.today().year)), parent)
        self.period = QComboBox(self)
        self.period.setEditable(True)
        self.period.setToolTip(
            self.tr("Period of the actual values: 2023 (year end), 2023Q2, 2023-05")
        )
        self.period.lineEdit().editingFinished.connect(self._period_changed)
        self.period.activated.connect(lambda _i: self._period_changed())
        self.tools.insertWidget(0, QLabel(self.tr("Actual values for"), self))
        self.tools.insertWidget(1, self.period)
        self.view.new_row_values = lambda: {"name": self.tr("New indicator")}
        self.source.met_labels = {True: self.tr("Met"), False: self.tr("Not met")}
        self.model.set_headers(
            {
                "name": self.tr("Indicator"),
                "unit": self.tr("Unit"),
                "direction": self.tr("Direction"),
                "target": self.tr("Target"),
                "actual": self.tr("Actual"),
                "met": self.tr("Met"),
                "notes": self.tr("Notes"),
            }
        )
        self.model.set_choice_labels("direction", {"<=": "≤", ">=": "≥", "=": "="})
        met = {True: LIGHT_COLORS["green"], False: LIGHT_COLORS["red"]}
        self.view.setItemDelegateForColumn(
            self.model.column_index("met"),
            TintDelegate(self.model, lambda r: met.get(r.values.get("met")), self.view),
        )

    def set_plan(self, plan_id: int | None) -> None:
        periods: list[str] = []
        if plan_id is not None:
            with self.ctx.session() as session:
                plan = plan_info(session, plan_id)
                year = plan.year_end or plan.year_start if plan else date.today().year
                periods = indicators.indicator_periods(session, plan_id)
            defaults = [str(year), f"{year}Q4", f"{year}Q3", f"{year}Q2", f"{year}Q1"]
            periods = list(dict.fromkeys(periods + defaults))
            self.period.blockSignals(True)
            self.period.clear()
            self.period.addItems(periods)
            self.period.setCurrentText(str(year))
            self.period.blockSignals(False)
            self._use_period(str(year))
        super().set_plan(plan_id)

    def _use_period(self, text: str) -> bool:
        try:
            label = progress.parse_report_period(text).label
        except ValueError as exc:
            self.status.setText(str(exc))
            return False
        if label != self.source.period:
            self.source.period = label
            self.source.table = indicators.indicator_table(label)
        return True

    def _period_changed(self) -> None:
        if self._use_period(self.period.currentText()):
            self.model.reload()
            self.update_summary()

    def update_summary(self) -> None:
        if self.plan_id is None:
            self.summary.clear()
            return
        with self.ctx.session() as session:
            counts = indicators.indicator_counts(session, self.plan_id, self.source.period)
        self.summary.setText(self.tr("{met} of {total} indicators met").format(**counts))


# ---------------------------------------------------------------- rectifications


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
        self.date = QDateEdit(date.today(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
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


# ---------------------------------------------------------------- key tasks


class LinkCommand(OpCommand):
    """Link/unlink projects to a key task; undo swaps the two lists."""

    def __init__(self, ctx: AppContext, task_id: int, add: list[int], remove: list[int], text: str):
        super().__init__(ctx, text)
        self.task_id, self.add, self.remove = task_id, add, remove

    def forward(self, op: Operation) -> None:
        # Only the links that really changed are kept: undo must not drop older ones.
        self.add, self.remove = key_tasks.set_links(op.session, self.task_id, self.add, self.remove)

    def backward(self, op: Operation) -> None:
        key_tasks.set_links(op.session, self.task_id, self.remove, self.add)


class KeyTasksView(TrackingTab):
    """重点任务 / 责任分解表 with lead and cooperating units, and the projects implementing each."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, key_tasks.KeyTaskSource(), parent)
        self.view.new_row_values = lambda: {"task": self.tr("New task")}
        self.model.set_headers(
            {
                "seq_label": self.tr("No."),
                "campaign": self.tr("Work area"),
                "task": self.tr("Task"),
                "lead": self.tr("Lead unit"),
                "cooperating": self.tr("Cooperating units"),
                "projects": self.tr("Linked projects"),
            }
        )
        self.add_button(self.tr("Import table…"), self.import_table)
        self.add_button(self.tr("Export table…"), self.export_table)
        # The linked projects of the current task, beside the grid.
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.links_title = QLabel(self.tr("Projects implementing the task"), side)
        self.links = QListWidget(side)
        self.links.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.link_search = QLineEdit(side)
        self.link_search.setPlaceholderText(self.tr("Find a project to link…"))
        self.link_search.returnPressed.connect(self._find_projects)
        self.candidates = QListWidget(side)
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        buttons = QHBoxLayout()
        self.link_button = QPushButton(self.tr("Link"), side)
        self.link_button.clicked.connect(self.link_selected)
        self.unlink_button = QPushButton(self.tr("Unlink"), side)
        self.unlink_button.clicked.connect(self.unlink_selected)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        for widget in (self.links_title, self.links, self.link_search, self.candidates):
            side_layout.addWidget(widget)
        side_layout.addLayout(buttons)
        layout = self.layout()
        layout.removeWidget(self.view)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        # Empty, the tab says where key tasks come from instead of showing a blank grid.
        self.pages = QStackedWidget(self)
        self.pages.addWidget(splitter)
        self.empty_page = self._build_empty_page()
        self.pages.addWidget(self.empty_page)
        layout.insertWidget(1, self.pages, 1)
        self.view.currentIdChanged.connect(self._show_links)
        self.model.modelReset.connect(self._update_empty_state)
        self.model.rowsInserted.connect(self._update_empty_state)
        self.model.rowsRemoved.connect(self._update_empty_state)

    def _build_empty_page(self) -> QWidget:
        self.empty_import_button = QPushButton(self.tr("Import the decomposition table…"), self)
        self.empty_import_button.clicked.connect(lambda _checked=False: self.import_table())
        self.empty_add_button = QPushButton(self.tr("Type them in"), self)
        self.empty_add_button.clicked.connect(lambda _checked=False: self.view.insert_rows())
        return empty_state_page(
            QWidget(self),
            self.tr("No key tasks yet"),
            self.tr(
                "The plan's key tasks (重点任务) come from its responsibility decomposition "
                "table (工作任务责任分解表: 序号 | 工作内容 | 工作任务 | 牵头单位 | 配合单位). "
                "Import that table from Excel or WPS; each task can then be linked to the "
                "projects that carry it out."
            ),
            [self.empty_import_button, self.empty_add_button],
            title_scale=1.4,
            button_gap=14,
        )

    def is_empty_state(self) -> bool:
        return self.pages.currentWidget() is self.empty_page

    def _update_empty_state(self, *_args: object) -> None:
        # A search that finds nothing keeps the grid (and the search box) in view.
        empty = self.model.rowCount() == 0 and not self.search.text().strip()
        self.pages.setCurrentWidget(self.empty_page if empty else self.pages.widget(0))

    def _show_links(self, task_id=None) -> None:
        task_id = task_id if task_id is not None else self.view.current_id()
        self.links.clear()
        if task_id is None:
            return
        with self.ctx.session() as session:
            for pid, name, seq in key_tasks.linked_projects(session, task_id):
                item = QListWidgetItem(f"{seq or ''} {name}".strip(), self.links)
                item.setData(Qt.ItemDataRole.UserRole, pid)

    def _on_tracking_changed(self, topic: str) -> None:
        super()._on_tracking_changed(topic)
        if topic == "tasks":
            self._show_links()

    def _find_projects(self) -> None:
        from services.query import project_ids, rows_for_ids

        self.candidates.clear()
        if self.plan_id is None:
            return
        with self.ctx.session() as session:
            ids = project_ids(
                session, ProjectFilter(plan_id=self.plan_id, text=self.link_search.text())
            )
            for row in rows_for_ids(session, ids[:200]):  # a pick list, never the whole table
                item = QListWidgetItem(f"{row.seq_label or ''} {row.name}".strip(), self.candidates)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setToolTip(row.content or "")

    def link_selected(self) -> bool:
        task_id = self.view.current_id()
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.candidates.selectedItems()]
        if task_id is None or not ids:
            return False
        command = LinkCommand(self.ctx, task_id, ids, [], self.tr("Link projects to task"))
        return self.run_command(command, self.tr("Link projects to task"))

    def unlink_selected(self) -> bool:
        task_id = self.view.current_id()
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.links.selectedItems()]
        if task_id is None or not ids:
            return False
        command = LinkCommand(self.ctx, task_id, [], ids, self.tr("Unlink projects from task"))
        return self.run_command(command, self.tr("Unlink projects from task"))

    def import_table(self, path: str | None = None) -> None:
        from importers.key_tasks import import_key_tasks

        def command(plan_id: int, path: str) -> ImportedRowsCommand:
            def load(op: Operation) -> list[int]:
                _checked, ids = import_key_tasks(op.state, op.session, plan_id, path)
                return ids

            return ImportedRowsCommand(self.ctx, self.source, load, self.tr("Import key tasks"))

        def done(command: ImportedRowsCommand, _path: str) -> None:
            count = len(command.ids)
            self.status.setText(self.tr("{count} task(s) imported.").format(count=count))

        self._import_file(self.tr("Import decomposition table"), path, command, done)

    def export_table(self, path: str | None = None) -> None:
        from exports.key_tasks import export_key_tasks

        if self.plan_id is None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export decomposition table"),
                self.tr("decomposition.xlsx"),
                self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
            )
        if not path:
            return
        plan_id = self.plan_id
        title = self.tr("Responsibility decomposition table")

        def work(state):
            with self.ctx.session() as session:
                return export_key_tasks(state, session, plan_id, path, title)

        run_task(
            self,
            self.tr("Exporting…"),
            work,
            on_done=lambda p: self.status.setText(self.tr("Saved {path}").format(path=p)),
            on_error=lambda exc, _tb: QMessageBox.warning(self, title, str(exc)),
        )


class ImportedRowsCommand(OpCommand):
    """An import that inserts rows: `load(op)` imports and returns the new ids; undo deletes
    them, redo restores them with the same ids."""

    def __init__(self, ctx: AppContext, source, load, text: str) -> None:
        super().__init__(ctx, text)
        self.source, self.load = source, load
        self.ids: list[int] = []
        self._snapshot = None

    def forward(self, op: Operation) -> None:
        if self._snapshot is None:
            self.ids = self.load(op)
        else:
            self.source.restore(op.session, self._snapshot)

    def backward(self, op: Operation) -> None:
        self._snapshot = self.source.delete(op.session, self.ids)


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


# ---------------------------------------------------------------- progress


class ProgressView(TrackingTab):
    """Enter a period's progress for one unit's projects; import a returned progress sheet."""

    unitChanged = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        rule = apply_configured_rule()
        today = date.today()
        super().__init__(
            ctx, progress_grid.ProgressSource(progress.period_for_date(today), rule), parent
        )
        self.unit = QComboBox(self)
        self.unit.setMinimumWidth(200)
        self.unit.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.period = QComboBox(self)
        self.period.setEditable(True)
        self.period.setToolTip(self.tr("Reporting period: 2023Q2 (quarter) or 2023-05 (month)"))
        self.period.lineEdit().editingFinished.connect(self._period_changed)
        self.period.activated.connect(lambda _i: self._period_changed())
        self.rule = QComboBox(self)
        for key, label in (
            ("default", self.tr("Behind > 10 points")),
            ("yinchuan", self.tr("Yinchuan rule")),
            ("sanya", self.tr("Sanya rule")),
            ("tianjin", self.tr("Tianjin rule")),
        ):
            self.rule.addItem(label, key)
        self.rule.setCurrentIndex(max(0, self.rule.findData(SCHEDULE_RULE.value)))
        self.rule.setToolTip(self.tr("Traffic-light thresholds (红黄绿灯)"))
        self.rule.currentIndexChanged.connect(self._rule_changed)
        for position, widget in enumerate(
            (
                QLabel(self.tr("Unit"), self),
                self.unit,
                QLabel(self.tr("Period"), self),
                self.period,
                self.rule,
            )
        ):
            self.tools.insertWidget(position, widget)
        self.add_button(self.tr("Import return…"), self.import_return)
        self.source.schedule_label = schedule_label
        self.view.setItemDelegateForColumn(
            self.model.column_index("schedule"), schedule_delegate(self.model, self.view)
        )
        self.model.set_headers(
            {
                "seq_label": self.tr("No."),
                "name": self.tr("Project name"),
                "owners": self.tr("Responsible units"),
                "planned_investment_wan": self.tr("Planned (10k yuan)"),
                "period": self.tr("Construction period"),
                "previous_completed": self.tr("Completed before"),
                "completed_investment_wan": self.tr("Completed (10k yuan, cumulative)"),
                "progress_pct": self.tr("Progress %"),
                "status": self.tr("Status"),
                "narrative": self.tr("Progress narrative"),
                "problems": self.tr("Problems"),
                "next_steps": self.tr("Next steps"),
                "reporter": self.tr("Reporter"),
                "reported_on": self.tr("Reported on"),
                "over_plan_confirmed": self.tr("Over plan confirmed"),
                "milestones": self.tr("Milestones"),
                "schedule": self.tr("Schedule"),
            }
        )
        self.model.set_choice_labels(
            "status",
            {
                "planned": self.tr("Planned"),
                "in_progress": self.tr("In progress"),
                "done": self.tr("Done"),
                "suspended": self.tr("Suspended"),
            },
        )

    def set_plan(self, plan_id: int | None, *, wait: bool = False) -> None:
        """Show a plan: the grid at once, the unit list and reported periods when their
        grouped queries are back (seconds at 1,000,000 projects, off the GUI thread)."""
        self.plan_id = plan_id
        self._plan_generation = getattr(self, "_plan_generation", 0) + 1
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), None)
        self.unit.blockSignals(False)
        if plan_id is not None:
            with self.ctx.session() as session:
                plan = plan_info(session, plan_id)
                first, last = plan.year_start, plan.year_end or plan.year_start
            quarters = [f"{year}Q{q}" for year in range(first, last + 1) for q in range(1, 5)]
            # This quarter, kept inside the plan's years, until the reported periods arrive.
            today = min(max(date.today(), date(first, 1, 1)), date(last, 12, 31))
            self._fill_periods(quarters, progress.period_for_date(today).label)
            generation = self._plan_generation

            def work(_state):
                with self.ctx.session() as session:
                    units = progress.units_of_plan(session, plan_id)
                    return units, progress.reported_periods(session, plan_id), quarters

            if wait:
                self._plan_loaded(generation, work(None))
            else:
                run_task(
                    self,
                    "",
                    work,
                    on_done=lambda result: self._plan_loaded(generation, result),
                    show_dialog=False,
                )
        self._apply_filter()

    def _fill_periods(self, periods: list[str], current: str) -> None:
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems(periods)
        self.period.setCurrentText(current)
        self.period.blockSignals(False)
        self._use_period(current)

    def _plan_loaded(self, generation: int, result) -> None:
        if generation != self._plan_generation:
            return  # another plan was chosen meanwhile
        units, reported, quarters = result
        self.unit.blockSignals(True)
        for oid, name, count in units:
            self.unit.addItem(f"{name} ({count})", oid)
        self.unit.blockSignals(False)
        if reported:  # the newest reported period is where work continues
            self._fill_periods(list(dict.fromkeys(reported + quarters)), reported[0])
            self.model.reload()
            self.update_summary()

    def set_unit(self, organization_id: int | None) -> None:
        self.unit.setCurrentIndex(max(0, self.unit.findData(organization_id)))

    def current_filter(self):
        if self.plan_id is None:
            return None
        return ProjectFilter(
            plan_id=self.plan_id, owner_id=self.unit.currentData(), text=self.search.text()
        )

    def _apply_filter(self) -> None:
        flt = self.current_filter()
        self.model.set_filter(flt if flt is not None else ProjectFilter(ids=()))
        self.update_summary()

    def _use_period(self, text: str) -> bool:
        try:
            period = progress.parse_report_period(text)
        except ValueError as exc:
            self.status.setText(str(exc))
            return False
        self.source.period = period
        return True

    def _period_changed(self) -> None:
        if self._use_period(self.period.currentText()):
            self.model.reload()
            self.update_summary()

    def _rule_changed(self) -> None:
        key = self.rule.currentData()
        SCHEDULE_RULE.set(key)
        self.source.rule = apply_configured_rule()
        self.model.reload()
        self.update_summary()

    def _on_projects_changed(self, change) -> None:
        if self.plan_id is not None:
            self.model.apply_change(change)  # only the changed rows that are on screen
            self.update_summary()

    def update_summary(self) -> None:
        """Counts over the whole filter run off the GUI thread (seconds at 1,000,000
        projects); the newest request wins, older answers are dropped."""
        flt = self.current_filter()
        self._summary_generation = getattr(self, "_summary_generation", 0) + 1
        if flt is None:
            self.summary.clear()
            return
        generation, as_of, rule = self._summary_generation, self.source.period.end, self.source.rule

        def work(_state):
            with self.ctx.session() as session:
                return schedule.schedule_counts(session, flt, as_of, rule=rule)

        run_task(
            self,
            "",
            work,
            on_done=lambda counts: self._show_counts(generation, counts),
            show_dialog=False,
        )

    def _show_counts(self, generation: int, counts: schedule.ScheduleCounts) -> None:
        if generation != self._summary_generation:
            return
        self.summary.setText(
            self.tr(
                "{reported}/{projects} reported · {behind} behind · {overdue} overdue · "
                "{completed} (10k yuan) completed"
            ).format(
                reported=counts.reported,
                projects=counts.projects,
                behind=counts.behind,
                overdue=counts.overdue,
                completed=f"{counts.completed_investment_wan:,.2f}",
            )
        )

    def import_return(self, path: str | None = None) -> None:
        from importers.progress import import_progress

        period = self.source.period

        def command(plan_id: int, path: str) -> ReportsImportCommand:
            def load(op: Operation):
                return import_progress(op.state, op.session, plan_id, path, period)

            text = self.tr("Import progress return {name}").format(name=Path(path).name)
            return ReportsImportCommand(self.ctx, load, text)

        def done(command: ReportsImportCommand, _path: str) -> None:
            self.status.setText(
                self.tr("{count} project(s) updated for {period}.").format(
                    count=command.updated, period=command.period.label
                )
            )

        self._import_file(self.tr("Import progress return"), path, command, done)


class ReportsImportCommand(OpCommand):
    """An imported return: `load(op)` checks and writes the file (-> (checked, changeset));
    undo applies the inverse, redo writes the imported values again."""

    def __init__(self, ctx: AppContext, load, text: str) -> None:
        super().__init__(ctx, text)
        self.load = load
        self.period = None
        self.changes: dict = {}
        self.inverse: dict = {}
        self.updated = 0

    def forward(self, op: Operation) -> None:
        if self.period is None:
            checked, change = self.load(op)
            self.period, self.changes = checked.period, checked.changes
        else:
            change = progress.set_reports(op.session, self.period, self.changes)
        self.inverse, self.updated = change.inverse, len(change.changed_ids)

    def backward(self, op: Operation) -> None:
        progress.set_reports(op.session, self.period, self.inverse)
