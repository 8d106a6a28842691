"""File ▸ Import: preview a table, correct its column mapping, then import it all or nothing.

The dialog only wires importers.plan_import to widgets: analysis and the write of a new plan run
in a worker (app.tasks.run_task, progress + Cancel; cancel = nothing written); a merge into an
existing plan is one undoable step (MergeImportCommand). Column mappings the user corrects are
remembered per header signature. Never build SQL here, never parse cells here.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.settings import Option
from app.tasks import run_task
from app.undo import LedgerCommand, push
from importers.issues import column_letter, issues_to_csv
from importers.plan_import import (
    ImportPreview,
    MergeResult,
    PlanDiff,
    analyze,
    apply_diff,
    diff_plan,
    undo_merge,
    write_new_plan,
)
from importers.projects import FIELD_LABELS, PROJECT_SCHEMA
from services.parsing import format_money
from services.query import plans
from services.records import ProjectSource

COLUMN_MAPPINGS = Option(
    "impex/column_mappings", str, "{}", "import column mappings by header signature (JSON)"
)
LAST_DIRECTORY = Option("impex/last_directory", str, "", "folder of the last imported file")
NEW_PLAN = -1


def remembered_mappings() -> dict[str, dict[int, str | None]]:
    try:
        raw = json.loads(COLUMN_MAPPINGS.value)
        return {sig: {int(c): k for c, k in cols.items()} for sig, cols in raw.items()}
    except (ValueError, AttributeError, TypeError):
        return {}


def remember_mapping(signature: str, mapping: dict[int, str | None]) -> None:
    saved = remembered_mappings()
    saved[signature] = mapping
    COLUMN_MAPPINGS.set(json.dumps(saved, ensure_ascii=False))


class MergeImportCommand(LedgerCommand):
    """A returned sheet merged into a plan: one undo step for all its new rows and changed cells."""

    def __init__(
        self,
        ctx: AppContext,
        diff: PlanDiff,
        accept_new: set[int],
        accept_changed: set[int],
        text: str,
    ):
        super().__init__(ctx, ProjectSource(), text)
        self.diff, self.accept_new, self.accept_changed = diff, accept_new, accept_changed
        self.result: MergeResult | None = None

    def _do(self) -> None:
        with self.ctx.session() as session:
            self.result = apply_diff(
                session, self.diff, accept_new=self.accept_new, accept_changed=self.accept_changed
            )
        self.ctx.bus.structureChanged.emit()

    def _undo(self) -> None:
        if self.result is not None:
            with self.ctx.session() as session:
                undo_merge(session, self.result)
        self.ctx.bus.structureChanged.emit()


def _item(value: object, sort_value: object | None = None) -> QStandardItem:
    item = QStandardItem("" if value is None else str(value))
    item.setEditable(False)
    if sort_value is not None:
        item.setData(sort_value, Qt.ItemDataRole.UserRole)
    return item


class ImportDialog(QDialog):
    analyzed = Signal()  # a (re-)analysis finished: tests and the screenshot wait on it
    imported = Signal(object)  # plan id

    def __init__(self, parent: QWidget | None, ctx: AppContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: ImportPreview | None = None
        self.diff: PlanDiff | None = None
        self.overrides = remembered_mappings()
        self.setWindowTitle(self.tr("Import a table"))
        self.resize(980, 640)

        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(self.tr("Choose an Excel, WPS or CSV file…"))
        self.path_edit.setReadOnly(True)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        self.target = QComboBox(self)
        self.target.addItem(self.tr("A new plan"), NEW_PLAN)
        with ctx.session() as session:
            for plan in plans(session):
                self.target.addItem(self.tr("Merge into: %1").replace("%1", plan.title), plan.id)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.title_edit = QLineEdit(self)
        form = QFormLayout()
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("Import into:"), self.target)
        form.addRow(self.tr("New plan title:"), self.title_edit)

        self.summary = QLabel(self.tr("No file chosen."), self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.tabs = QTabWidget(self)
        self.columns_table = QTableWidget(0, 5, self)
        self.columns_table.setHorizontalHeaderLabels(
            [
                self.tr("Column"),
                self.tr("Header in file"),
                self.tr("Imported as"),
                self.tr("First row"),
                self.tr("Sheet · header row"),
            ]
        )
        header = self.columns_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.columns_table.verticalHeader().setVisible(False)
        self.sections_table = QTableWidget(0, 3, self)
        self.sections_table.setHorizontalHeaderLabels(
            [self.tr("Section"), self.tr("Projects"), self.tr("Planned (10k yuan)")]
        )
        self.sections_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.sections_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.sections_table.verticalHeader().setVisible(False)
        self.sections_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.issue_model = QStandardItemModel(0, 7, self)
        self.issue_model.setHorizontalHeaderLabels(
            [
                self.tr("Level"),
                self.tr("Sheet"),
                self.tr("Row"),
                self.tr("Column"),
                self.tr("Header"),
                self.tr("Value"),
                self.tr("Reason"),
            ]
        )
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.issue_model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.issue_view = QTableView(self)
        self.issue_view.setModel(proxy)
        self.issue_view.setSortingEnabled(True)
        # QHeaderView starts descending; errors (sort key 0) belong on top.
        self.issue_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.issue_view.horizontalHeader().setStretchLastSection(True)
        self.issue_view.verticalHeader().setVisible(False)
        self.issue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        export_issues = QPushButton(self.tr("Export problems to CSV…"), self)
        export_issues.clicked.connect(self.export_issues)
        issues_page = QWidget(self)
        issues_layout = QVBoxLayout(issues_page)
        issues_layout.setContentsMargins(0, 0, 0, 0)
        issues_layout.addWidget(self.issue_view)
        issues_layout.addWidget(export_issues, 0, Qt.AlignmentFlag.AlignRight)

        self.changes_table = QTableWidget(0, 4, self)
        self.changes_table.setHorizontalHeaderLabels(
            [self.tr("Change"), self.tr("Section"), self.tr("Project"), self.tr("Details")]
        )
        self.changes_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.changes_table.verticalHeader().setVisible(False)

        self.tabs.addTab(self.sections_table, self.tr("Sections"))
        self.tabs.addTab(self.columns_table, self.tr("Columns"))
        self.tabs.addTab(issues_page, self.tr("Problems"))
        self.tabs.addTab(self.changes_table, self.tr("Changes"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._target_changed()

    # ------------------------------------------------------------ analysis

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a table"),
            LAST_DIRECTORY.value,
            self.tr("Tables (*.xlsx *.xlsm *.xls *.ods *.csv)"),
        )
        if path:
            LAST_DIRECTORY.set(str(Path(path).parent))
            self.set_path(path)

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))
        self.reanalyze()

    def reanalyze(self) -> None:
        path = self.path_edit.text()
        if not path:
            return
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Reading %1…").replace("%1", Path(path).name))
        run_task(
            self,
            self.tr("Reading the table"),
            lambda state: analyze(state, path, overrides=self.overrides),
            on_done=self._analyzed,
            on_error=self._failed,
            on_cancelled=lambda: self.summary.setText(self.tr("Reading cancelled.")),
        )

    def _analyzed(self, preview: ImportPreview) -> None:
        self.preview = preview
        if not self.title_edit.isModified():
            self.title_edit.setText(preview.title)
        self._fill_sections(preview)
        self._fill_columns(preview)
        self._fill_issues(preview)
        self._compute_diff()
        self._update_summary()
        self.analyzed.emit()

    def _failed(self, exc: Exception, _trace: str) -> None:
        self.summary.setText(self.tr("Could not read the file: %1").replace("%1", str(exc)))
        self.analyzed.emit()

    def _target_changed(self) -> None:
        self.title_edit.setEnabled(self.target.currentData() == NEW_PLAN)
        self.tabs.setTabEnabled(3, self.target.currentData() != NEW_PLAN)
        if self.preview is not None:
            self._compute_diff()
            self._update_summary()

    def _update_summary(self) -> None:
        p = self.preview
        if p is None:
            return
        text = self.tr("%1 projects in %2 sections, %3 (10k yuan); %4 rectification items.")
        for key, value in (
            ("%1", str(len(p.projects))),
            ("%2", str(len(p.sections()))),
            ("%3", format_money(p.total_wan)),
            ("%4", str(len(p.rectifications))),
        ):
            text = text.replace(key, value)
        text += " " + self.tr("%1 errors, %2 warnings.").replace("%1", str(len(p.errors))).replace(
            "%2", str(len(p.warnings))
        )
        if p.errors:
            text += " " + self.tr(
                "Fix the errors (see Problems) — nothing will be imported until then."
            )
            self.tabs.setCurrentIndex(2)
        elif self.diff is not None:
            text += " " + self.tr("Merge: %1 new, %2 changed, %3 unchanged, %4 not in the file.")
            for key, value in (
                ("%1", len(self.diff.new)),
                ("%2", len(self.diff.changed)),
                ("%3", self.diff.unchanged),
                ("%4", len(self.diff.missing)),
            ):
                text = text.replace(key, str(value))
            if self.diff.rectifications_skipped:
                text += " " + self.tr(
                    "The %1 rectification items are imported into new plans only."
                ).replace("%1", str(self.diff.rectifications_skipped))
        self.summary.setText(text)
        self.import_button.setEnabled(p.ok and bool(p.projects or p.rectifications))

    def _fill_sections(self, p: ImportPreview) -> None:
        rows = p.sections()
        self.sections_table.setRowCount(len(rows) + 1)
        for r, s in enumerate(rows):
            self._set_row(
                self.sections_table,
                r,
                [s.name, str(s.projects), format_money(s.planned_investment_wan)],
            )
        self._set_row(
            self.sections_table,
            len(rows),
            [self.tr("Total"), str(len(p.projects)), format_money(p.total_wan)],
        )

    @staticmethod
    def _set_row(table: QTableWidget, row: int, values: list[str]) -> None:
        for col, value in enumerate(values):
            item = QTableWidgetItem(value)
            if col > 0 and table.columnCount() == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, col, item)

    def _fill_columns(self, p: ImportPreview) -> None:
        self.columns_table.setRowCount(0)
        for block in p.blocks:
            if block.schema is not PROJECT_SCHEMA:
                continue
            by_col = {col: key for key, col in block.columns.items()}
            for col, header in enumerate(block.raw_headers):
                row = self.columns_table.rowCount()
                self.columns_table.insertRow(row)
                self.columns_table.setItem(row, 0, QTableWidgetItem(column_letter(col)))
                self.columns_table.setItem(row, 1, QTableWidgetItem(" ".join(header.split())))
                example = block.example_row[col] if col < len(block.example_row) else ""
                self.columns_table.setItem(row, 3, QTableWidgetItem(" ".join(example.split())[:80]))
                self.columns_table.setItem(
                    row, 4, QTableWidgetItem(f"{block.sheet} · {block.header_row}")
                )
                combo = QComboBox(self.columns_table)
                combo.setMinimumWidth(150)
                combo.addItem(self.tr("(not imported)"), None)
                for key in PROJECT_SCHEMA.keys:
                    combo.addItem(FIELD_LABELS.get(key, key), key)
                combo.setCurrentIndex(max(0, combo.findData(by_col.get(col))))
                combo.currentIndexChanged.connect(
                    lambda _i, sig=block.signature, c=col, box=combo: self._remap(
                        sig, c, box.currentData()
                    )
                )
                self.columns_table.setCellWidget(row, 2, combo)
        self.columns_table.resizeColumnToContents(0)

    def _remap(self, signature: str, col: int, key: str | None) -> None:
        current = {}
        for block in self.preview.blocks if self.preview else []:
            if block.signature == signature:
                current = {c: k for k, c in block.columns.items()}
        current = {c: k for c, k in current.items() if k != key}
        current[col] = key
        self.overrides[signature] = current
        remember_mapping(signature, current)
        self.reanalyze()

    def _fill_issues(self, p: ImportPreview) -> None:
        self.issue_model.removeRows(0, self.issue_model.rowCount())
        for issue in p.issues:
            level = self.tr("Error") if issue.is_error else self.tr("Warning")
            self.issue_model.appendRow(
                [
                    _item(level, 0 if issue.is_error else 1),
                    _item(issue.sheet, issue.sheet),
                    _item(issue.row, issue.row if issue.row is not None else -1),
                    _item(issue.column, f"{len(issue.column or ''):02d}{issue.column or ''}"),
                    _item(" ".join((issue.header or "").split()), issue.header or ""),
                    _item(issue.value, issue.value or ""),
                    _item(issue.reason, issue.reason),
                ]
            )
        self.issue_view.resizeColumnsToContents()
        self.tabs.setTabText(2, self.tr("Problems (%1)").replace("%1", str(len(p.issues))))

    def export_issues(self) -> None:
        if self.preview is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export problems"), "problems.csv", self.tr("CSV (*.csv)")
        )
        if path:
            Path(path).write_text(issues_to_csv(self.preview.issues), encoding="utf-8-sig")

    # ------------------------------------------------------------ merge preview

    def _compute_diff(self) -> None:
        self.diff = None
        self.changes_table.setRowCount(0)
        plan_id = self.target.currentData()
        if plan_id == NEW_PLAN or self.preview is None or not self.preview.ok:
            return
        with self.ctx.session() as session:
            self.diff = diff_plan(session, self.preview, plan_id)
        rows: list[tuple[str, str, str, str, object]] = []
        for index, parsed in enumerate(self.diff.new):
            money = format_money(parsed.planned_investment_wan)
            rows.append((self.tr("New"), parsed.section, parsed.name, money, ("new", index)))
        for changed in self.diff.changed:
            details = "; ".join(
                f"{FIELD_LABELS.get(k, k)}: {_show(old)} → {_show(new)}"
                for k, (old, new) in changed.changes.items()
            )
            rows.append(
                (
                    self.tr("Changed"),
                    changed.section,
                    changed.name,
                    details,
                    ("changed", changed.project_id),
                )
            )
        for _pid, section, name in self.diff.missing:
            rows.append((self.tr("Not in file (kept)"), section, name, "", None))
        self.changes_table.setRowCount(len(rows))
        for r, (kind, section, name, details, key) in enumerate(rows):
            first = QTableWidgetItem(kind)
            if key is not None:
                first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                first.setCheckState(Qt.CheckState.Checked)
                first.setData(Qt.ItemDataRole.UserRole, key)
            self.changes_table.setItem(r, 0, first)
            for c, value in enumerate((section, name, details), start=1):
                self.changes_table.setItem(r, c, QTableWidgetItem(value))
        self.changes_table.resizeColumnToContents(0)

    def _accepted_keys(self) -> tuple[set[int], set[int]]:
        new, changed = set(), set()
        for r in range(self.changes_table.rowCount()):
            item = self.changes_table.item(r, 0)
            key = item.data(Qt.ItemDataRole.UserRole)
            if key and item.checkState() == Qt.CheckState.Checked:
                (new if key[0] == "new" else changed).add(key[1])
        return new, changed

    # ------------------------------------------------------------ import

    def run_import(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        plan_id = self.target.currentData()
        if plan_id != NEW_PLAN and self.diff is not None:
            new, changed = self._accepted_keys()
            command = MergeImportCommand(
                self.ctx,
                self.diff,
                new,
                changed,
                self.tr("Import %1").replace("%1", self.preview.path.name),
            )
            try:
                push(self.ctx, command)
            except Exception as exc:  # a refused write: the plan is unchanged
                QMessageBox.warning(self, self.tr("Import failed"), str(exc))
                return
            self.imported.emit(plan_id)
            self.accept()
            return
        title = self.title_edit.text().strip() or self.preview.title
        preview = self.preview
        factory = self.ctx.session_factory

        def work(state):
            with factory() as session:
                return write_new_plan(state, session, preview, title)

        self.import_button.setEnabled(False)
        run_task(
            self,
            self.tr("Importing"),
            work,
            on_done=self._written,
            on_error=lambda exc, _t: self._write_failed(exc),
            on_cancelled=self._write_cancelled,
        )

    def _written(self, report) -> None:
        self.ctx.bus.structureChanged.emit()
        self.ctx.bus.projectsChanged.emit(None)
        self.imported.emit(report.plan_id)
        self.accept()

    def _write_failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Import failed"), str(exc))

    def _write_cancelled(self) -> None:
        self.import_button.setEnabled(True)
        self.summary.setText(self.tr("Import cancelled: nothing was written."))


def _show(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, list):
        return "、".join(name for name, _role in value)
    return str(getattr(value, "label", value))


def run_import_dialog(parent: QWidget | None, ctx: AppContext) -> int | None:
    """Show the dialog modally; returns the id of the plan imported into, or None."""
    dialog = ImportDialog(parent, ctx)
    result: list[int] = []
    dialog.imported.connect(result.append)
    dialog.exec()
    if result:
        ctx.bus.planSelected.emit(result[0])
        return result[0]
    return None
