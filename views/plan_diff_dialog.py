"""Plan diff dialog (版本比对): compare this plan with another edition, export the differences.

The other edition defaults to the plan this one was rolled over from. Changed fields, added
and removed projects are listed on three tabs; Export writes them to .xlsx or .csv.
Never build SQL here: services.plan_diff compares, exports.plan_diff writes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from app.context import AppContext
from app.tasks import run_task
from exports.plan_diff import FIELD_HEADERS, export_plan_diff
from services import plan_diff
from services.query import plan_info
from services.query import plans as list_plans
from widgets.form_parts import hbox, save_path, vbox


class PlanDiffDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext, plan_id: int) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.diff: plan_diff.PlanDiff | None = None
        self.setWindowTitle(self.tr("Compare plans"))
        self.other = QComboBox(self)
        with ctx.session() as session:
            plan = plan_info(session, plan_id)
            previous = plan.previous_plan_id if plan else None
            for item in list_plans(session):
                if item.id != plan_id:
                    self.other.addItem(item.title, item.id)
            self.this_title = plan.title if plan else ""
        if previous is not None:
            self.other.setCurrentIndex(max(0, self.other.findData(previous)))
        compare = QPushButton(self.tr("Compare"), self)
        compare.clicked.connect(self.compare)
        top = hbox(QLabel(self.tr("Earlier edition"), self), (self.other, 1), compare)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.changed = self._table(
            [
                self.tr("Section"),
                self.tr("Project"),
                self.tr("Field"),
                self.tr("Old value"),
                self.tr("New value"),
            ]
        )
        self.added = self._table(
            [self.tr("Section"), self.tr("No."), self.tr("Project"), self.tr("Planned")]
        )
        self.removed = self._table(
            [self.tr("Section"), self.tr("No."), self.tr("Project"), self.tr("Planned")]
        )
        self.tabs.addTab(self.changed, self.tr("Changed"))
        self.tabs.addTab(self.added, self.tr("Added"))
        self.tabs.addTab(self.removed, self.tr("Removed"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        self.export_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        vbox(self, top, self.summary, (self.tabs, 1), buttons)
        self.resize(960, 600)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def field_label(self, key: str) -> str:
        return FIELD_HEADERS.get(key, key)

    def compare(self, *, wait: bool = False) -> None:
        other = self.other.currentData()
        if other is None:
            return

        def work(state):
            with self.ctx.session() as session:
                return plan_diff.diff_plans(state, session, other, self.plan_id)

        if wait:  # tests and small plans: straight through
            self.show_diff(work(None))
            return
        run_task(
            self,
            self.tr("Comparing…"),
            work,
            on_done=self.show_diff,
            on_error=lambda exc, _tb: QMessageBox.warning(self, self.windowTitle(), str(exc)),
        )

    def show_diff(self, diff: plan_diff.PlanDiff) -> None:
        self.diff = diff
        self.summary.setText(
            self.tr(
                "{matched} projects matched; {changed} field changes, {added} added, "
                "{removed} removed."
            ).format(
                matched=diff.matched,
                changed=len(diff.changed),
                added=len(diff.added),
                removed=len(diff.removed),
            )
        )
        self._fill(
            self.changed,
            [
                [c.section, c.name, self.field_label(c.field), c.old_text, c.new_text]
                for c in diff.changed
            ],
        )
        for table, refs in ((self.added, diff.added), (self.removed, diff.removed)):
            self._fill(
                table,
                [[r.section, r.seq_label or "", r.name, r.planned_investment_wan] for r in refs],
            )
        self.tabs.setTabText(0, self.tr("Changed ({n})").format(n=len(diff.changed)))
        self.tabs.setTabText(1, self.tr("Added ({n})").format(n=len(diff.added)))
        self.tabs.setTabText(2, self.tr("Removed ({n})").format(n=len(diff.removed)))
        self.export_button.setEnabled(True)

    def _fill(self, table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text if len(text) > 20 else "")
                table.setItem(r, c, item)
        for column, width in enumerate((190, 220, 110, 200)[: table.columnCount() - 1]):
            table.setColumnWidth(column, width)

    def export(self, path: str | None = None) -> str | None:
        if self.diff is None:
            return None
        path = save_path(
            self,
            path,
            self.tr("Export differences"),
            self.tr("plan-differences.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if not path:
            return None
        export_plan_diff(None, self.diff, path)
        return path


def run_plan_diff_dialog(parent: QWidget | None, ctx: AppContext, plan_id: int) -> None:
    dialog = PlanDiffDialog(parent, ctx, plan_id)
    if dialog.other.count():
        dialog.compare()
    dialog.exec()
