"""File ▸ Import: preview a table, correct its column mapping, then import it all or nothing.

The dialog only wires importers.plan_import to widgets: analysis, the comparison with an existing
plan (diff_plan) and the write of a new plan run in a worker (app.tasks.run_task, progress +
Cancel; cancel = nothing written; a newer request supersedes an older one, whose answer is
dropped). A merge into an existing plan is one undoable step (MergeImportCommand) and only ever
applies the diff of the current preview. Problems and the merge preview are ListTableModels
over the Python lists (100,000 rows = one model reset). Column mappings the user corrects are
remembered per header signature. Never build SQL here, never parse cells here.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
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
from app.operations import OpCommand, announce, perform
from app.settings import Option
from app.tasks import TaskHandle, run_task
from importers.issues import ImportIssue, column_letter, issues_to_csv
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
from importers.safety import ImportLimits
from services.operations import OpChanges, Operation, run_op
from services.parsing import format_money
from services.query import plans
from services.tasks import Cancelled, TaskState
from widgets.list_table_model import RIGHT, ListColumn, ListTableModel, natural_key
from widgets.written_message import show_written

COLUMN_MAPPINGS = Option(
    "impex/column_mappings", str, "{}", "import column mappings by header signature (JSON)"
)
LAST_DIRECTORY = Option("impex/last_directory", str, "", "folder of the last imported file")
MAX_FILE_MB = Option("impex/max_import_mb", int, 200, "refuse import files larger than this (MB)")


def import_limits() -> ImportLimits:
    """The size ceiling from the settings (the CLI's --max-size-mb); zip-bomb guards as built in."""
    return ImportLimits(max_file_bytes=max(1, MAX_FILE_MB.value) * 1024 * 1024)


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


class MergeImportCommand(OpCommand):
    """A returned sheet merged into a plan: one undo step for all its new rows and changed
    cells, one transaction each way."""

    def __init__(
        self,
        ctx: AppContext,
        diff: PlanDiff,
        accept_new: set[int],
        accept_changed: set[int],
        text: str,
    ):
        super().__init__(ctx, text)
        self.diff, self.accept_new, self.accept_changed = diff, accept_new, accept_changed
        self.result: MergeResult | None = None

    def forward(self, op: Operation) -> None:
        self.result = apply_diff(
            op.session,
            self.diff,
            accept_new=self.accept_new,
            accept_changed=self.accept_changed,
            state=op.state,
        )

    def backward(self, op: Operation) -> None:
        undo_merge(op.session, self.result)


_ERROR_BRUSH = QBrush(QColor("#b3261e"))
_WARNING_BRUSH = QBrush(QColor("#8a5a00"))
_KIND_ORDER = {"new": 0, "changed": 1, "missing": 2}

# A merge preview row: ("new", index in diff.new, ParsedProject),
# ("changed", project id, ChangedProject) or ("missing", project id, (section, name)).
ChangeRow = tuple[str, int, object]


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _change_rows(diff: PlanDiff) -> list[ChangeRow]:
    """New rows first, then changed, then missing: the list positions the check buttons use."""
    rows: list[ChangeRow] = [("new", i, parsed) for i, parsed in enumerate(diff.new)]
    rows += [("changed", c.project_id, c) for c in diff.changed]
    rows += [("missing", pid, (section, name)) for pid, section, name in diff.missing]
    return rows


def _change_section(row: ChangeRow) -> str:
    kind, _key, payload = row
    return payload[0] if kind == "missing" else payload.section


def _change_name(row: ChangeRow) -> str:
    kind, _key, payload = row
    return payload[1] if kind == "missing" else payload.name


def _change_details(row: ChangeRow) -> str:
    kind, _key, payload = row
    if kind == "new":
        return format_money(payload.planned_investment_wan)
    if kind == "changed":
        return "; ".join(
            f"{FIELD_LABELS.get(k, k)}: {_show(old)} → {_show(new)}"
            for k, (old, new) in payload.changes.items()
        )
    return ""


class ImportDialog(QDialog):
    analyzed = Signal()  # a (re-)analysis finished: tests and the screenshot wait on it
    diff_ready = Signal()  # the merge preview finished computing (or failed, or was cancelled)
    imported = Signal(object)  # plan id

    def __init__(self, parent: QWidget | None, ctx: AppContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: ImportPreview | None = None
        self.diff: PlanDiff | None = None  # always the diff of self.preview into the target
        self.overrides = remembered_mappings()
        # A newer request supersedes an older one: results carry their generation number and
        # are dropped unless it is still current.
        self._analysis_generation = 0
        self._analysis_task: TaskHandle | None = None
        self._diff_generation = 0
        self._diff_task: TaskHandle | None = None
        self._diff_note = ""  # why there is no diff yet (comparing, cancelled, failed)
        self.setWindowTitle(self.tr("Import a table"))
        self.resize(980, 640)

        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(
            self.tr("Type or paste the path of an Excel, WPS or CSV file, or choose one…")
        )
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.editingFinished.connect(self._path_typed)
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

        level = {True: self.tr("Error"), False: self.tr("Warning")}
        self.issue_model = ListTableModel(
            [
                ListColumn(
                    self.tr("Level"),
                    lambda i: level[i.is_error],
                    lambda i: 0 if i.is_error else 1,
                    foreground=lambda i: _ERROR_BRUSH if i.is_error else _WARNING_BRUSH,
                ),
                ListColumn(self.tr("Sheet"), lambda i: i.sheet, lambda i: i.sheet),
                ListColumn(
                    self.tr("Row"),
                    lambda i: "" if i.row is None else str(i.row),
                    lambda i: -1 if i.row is None else i.row,
                    RIGHT,
                ),
                ListColumn(
                    self.tr("Column"),
                    lambda i: i.column or "",
                    lambda i: (len(i.column or ""), i.column or ""),  # Z before AA
                ),
                ListColumn(
                    self.tr("Header"), lambda i: _one_line(i.header), lambda i: _one_line(i.header)
                ),
                ListColumn(
                    self.tr("Value"),
                    lambda i: _one_line(i.value),
                    lambda i: natural_key(i.value),
                    tooltip=lambda i: i.value if i.value and len(i.value) > 20 else None,
                ),
                ListColumn(
                    self.tr("Reason"),
                    lambda i: i.reason,
                    lambda i: i.reason,
                    tooltip=lambda i: i.reason if len(i.reason) > 30 else None,
                ),
            ],
            self,
        )
        self.issue_view = QTableView(self)
        self.issue_view.setModel(self.issue_model)
        self.issue_view.setSortingEnabled(True)
        # QHeaderView starts descending; errors (sort key 0) belong on top, in file order.
        self.issue_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.issue_view.horizontalHeader().setStretchLastSection(True)
        self.issue_view.verticalHeader().setVisible(False)
        self.issue_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.issue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issue_view.setWordWrap(False)
        export_issues = QPushButton(self.tr("Export problems to CSV…"), self)
        export_issues.clicked.connect(self.export_issues)
        issues_page = QWidget(self)
        issues_layout = QVBoxLayout(issues_page)
        issues_layout.setContentsMargins(0, 0, 0, 0)
        issues_layout.addWidget(self.issue_view)
        issues_layout.addWidget(export_issues, 0, Qt.AlignmentFlag.AlignRight)

        kind_text = {
            "new": self.tr("New"),
            "changed": self.tr("Changed"),
            "missing": self.tr("Not in file (kept)"),
        }
        self.change_model = ListTableModel(
            [
                ListColumn(
                    self.tr("Change"), lambda r: kind_text[r[0]], lambda r: _KIND_ORDER[r[0]]
                ),
                ListColumn(self.tr("Section"), _change_section, _change_section),
                ListColumn(self.tr("Project"), _change_name, _change_name),
                ListColumn(
                    self.tr("Details"),
                    _change_details,
                    tooltip=lambda r: _change_details(r) if r[0] == "changed" else None,
                ),
            ],
            self,
            checkable=lambda r: r[0] != "missing",
        )
        self.change_model.dataChanged.connect(self._update_selection)
        self.change_model.modelReset.connect(self._update_selection)
        self.change_model.modelReset.connect(self._enable_check_buttons)
        self.changes_view = QTableView(self)
        self.changes_view.setModel(self.change_model)
        self.changes_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.changes_view.setSortingEnabled(True)  # off until a header is clicked: diff order
        self.changes_view.horizontalHeader().setStretchLastSection(True)
        self.changes_view.verticalHeader().setVisible(False)
        self.changes_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.changes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes_view.setWordWrap(False)
        self.check_buttons: dict[tuple[str, bool], QPushButton] = {}
        check_row = QHBoxLayout()
        for kind, checked, text in (
            ("new", True, self.tr("Check all new")),
            ("new", False, self.tr("Uncheck all new")),
            ("changed", True, self.tr("Check all changed")),
            ("changed", False, self.tr("Uncheck all changed")),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, k=kind, on=checked: self.check_all(k, on))
            check_row.addWidget(button)
            self.check_buttons[(kind, checked)] = button
        self.selection_label = QLabel(self)
        check_row.addStretch(1)
        check_row.addWidget(self.selection_label)
        changes_page = QWidget(self)
        changes_layout = QVBoxLayout(changes_page)
        changes_layout.setContentsMargins(0, 0, 0, 0)
        changes_layout.addWidget(self.changes_view)
        changes_layout.addLayout(check_row)

        self.tabs.addTab(self.sections_table, self.tr("Sections"))
        self.tabs.addTab(self.columns_table, self.tr("Columns"))
        self.tabs.addTab(issues_page, self.tr("Problems"))
        self.tabs.addTab(changes_page, self.tr("Changes"))

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
        self._update_selection()
        self._enable_check_buttons()
        self._target_changed()

    def done(self, result: int) -> None:
        """Closing stops a reading or comparison still running; late answers are dropped."""
        _supersede(self._analysis_task)
        _supersede(self._diff_task)
        self._analysis_generation += 1
        self._diff_generation += 1
        super().done(result)

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

    def _path_typed(self) -> None:
        """A typed or pasted path (Explorer's "Copy as path" adds quotes; ~ is the home)."""
        text = self.path_edit.text().strip().strip('"').strip("'")
        if not text:
            return
        path = Path(text).expanduser()
        if self.preview is not None and Path(str(self.preview.path)) == path:
            return  # the file shown already (Enter again, or focus leaving the field)
        if not path.is_file():
            self.summary.setText(self.tr("No such file: %1").replace("%1", str(path)))
            self.import_button.setEnabled(False)
            return
        LAST_DIRECTORY.set(str(path.parent))
        self.set_path(path)

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))
        self.reanalyze()

    def reanalyze(self) -> None:
        path = self.path_edit.text()
        if not path:
            return
        self.import_button.setEnabled(False)
        self._cancel_diff()  # its preview is about to be replaced
        _supersede(self._analysis_task)
        self._analysis_generation += 1
        generation = self._analysis_generation
        self.summary.setText(self.tr("Reading %1…").replace("%1", Path(path).name))
        overrides, limits = self.overrides, import_limits()

        def current(callback):  # an older reading's answer is not wanted any more
            return lambda *values: (
                callback(*values) if generation == self._analysis_generation else None
            )

        self._analysis_task = run_task(
            self,
            self.tr("Reading the table"),
            lambda state: analyze(state, path, limits=limits, overrides=overrides),
            on_done=current(self._analyzed),
            on_error=current(self._failed),
            on_cancelled=current(lambda: self.summary.setText(self.tr("Reading cancelled."))),
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
        merging = self.target.currentData() != NEW_PLAN
        if p.errors:
            text += " " + self.tr(
                "Fix the errors (see Problems) — nothing will be imported until then."
            )
            self.tabs.setCurrentIndex(2)
        elif merging and self.diff is None:
            text += " " + self._diff_note
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
        self._enable_import()

    def _enable_import(self) -> None:
        """A new plan needs a clean preview; a merge needs the diff of this very preview (never
        a stale one, never none) and at least one checked row."""
        p = self.preview
        ready = p is not None and p.ok and bool(p.projects or p.rectifications)
        if self.target.currentData() != NEW_PLAN:
            ready = ready and self.diff is not None and self.change_model.count_checked() > 0
        self.import_button.setEnabled(ready)

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
        self.issue_model.set_rows(p.issues)  # one reset, whatever the count; sorted as shown
        if len(p.issues) <= 2000:
            self.issue_view.resizeColumnsToContents()
        else:  # measuring would read rows the user never looks at
            for column, width in enumerate((60, 140, 70, 50, 160, 140)):
                self.issue_view.setColumnWidth(column, width)
        self.tabs.setTabText(2, self.tr("Problems (%1)").replace("%1", str(len(p.issues))))

    def export_issues(self) -> None:
        """Every problem, in the order the table shows them."""
        if self.preview is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export problems"), "problems.csv", self.tr("CSV (*.csv)")
        )
        if path:
            rows: list[ImportIssue] = self.issue_model.rows()
            Path(path).write_text(issues_to_csv(rows), encoding="utf-8-sig")

    # ------------------------------------------------------------ merge preview

    def _cancel_diff(self) -> None:
        """Forget the diff and drop any running comparison's result."""
        _supersede(self._diff_task)
        self._diff_task = None
        self._diff_generation += 1
        self.diff = None
        self._diff_note = ""
        if self.change_model.rowCount():
            self.change_model.set_rows([])
        self.tabs.setTabText(3, self.tr("Changes"))

    def _compute_diff(self) -> None:
        """Compare the preview with the target plan in a worker; the newest request wins."""
        self._cancel_diff()
        plan_id = self.target.currentData()
        if plan_id == NEW_PLAN or self.preview is None or not self.preview.ok:
            return
        preview, factory = self.preview, self.ctx.session_factory
        generation = self._diff_generation

        def work(state: TaskState) -> tuple[PlanDiff, list[ChangeRow]]:
            with factory() as session:
                diff = diff_plan(session, preview, plan_id, state=state)  # progress + Cancel
            return diff, _change_rows(diff)

        self._diff_note = self.tr("Comparing with the plan…")
        self._diff_task = run_task(
            self,
            self.tr("Comparing with the plan"),
            work,
            on_done=lambda result: self._diffed(generation, *result),
            on_error=lambda exc, _trace: self._diff_failed(generation, exc),
            on_cancelled=lambda: self._diff_cancelled(generation),
        )
        if self._diff_task.dialog is not None:  # say so at once, not when diff_plan returns
            self._diff_task.dialog.canceled.connect(lambda: self._diff_cancelled(generation))

    def _diffed(self, generation: int, diff: PlanDiff, rows: list[ChangeRow]) -> None:
        if generation != self._diff_generation:
            return
        self._diff_task = None
        self.diff = diff
        self.change_model.set_rows(rows)
        self.changes_view.setColumnWidth(0, 150)
        self.changes_view.setColumnWidth(1, 200)
        self.changes_view.setColumnWidth(2, 260)
        self.tabs.setTabText(3, self.tr("Changes (%1)").replace("%1", str(len(rows))))
        self._update_summary()
        self.diff_ready.emit()

    def _diff_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._diff_generation:
            return
        self._diff_task = None
        self._diff_note = self.tr("Could not compare with the plan: %1").replace("%1", str(exc))
        self._update_summary()
        self.diff_ready.emit()

    def _diff_cancelled(self, generation: int) -> None:
        if generation != self._diff_generation:
            return
        self._diff_generation += 1  # the worker may still finish: its result is not wanted
        self._diff_task = None
        self._diff_note = self.tr("Comparison cancelled: choose the plan again to compare.")
        self._update_summary()
        self.diff_ready.emit()

    def _bounds(self, kind: str) -> tuple[int, int]:
        """List positions of the new or changed rows in the merge preview."""
        if self.diff is None:
            return 0, 0
        new = len(self.diff.new)
        return (0, new) if kind == "new" else (new, new + len(self.diff.changed))

    def check_all(self, kind: str, checked: bool) -> None:
        """Check or uncheck every new (kind "new") or changed ("changed") row at once."""
        self.change_model.set_checked(checked, *self._bounds(kind))

    def _update_selection(self, *_args) -> None:
        new_start, new_stop = self._bounds("new")
        changed_start, changed_stop = self._bounds("changed")
        text = self.tr("Selected: %1 of %2 new, %3 of %4 changed.")
        for key, value in (
            ("%1", self.change_model.count_checked(new_start, new_stop)),
            ("%2", new_stop - new_start),
            ("%3", self.change_model.count_checked(changed_start, changed_stop)),
            ("%4", changed_stop - changed_start),
        ):
            text = text.replace(key, str(value))
        self.selection_label.setText(text if self.diff is not None else "")
        self._enable_import()

    def _enable_check_buttons(self) -> None:
        for (kind, _checked), button in self.check_buttons.items():
            start, stop = self._bounds(kind)
            button.setEnabled(stop > start)

    def _accepted_keys(self) -> tuple[set[int], set[int]]:
        """Indexes into diff.new and project ids of diff.changed whose rows are checked."""
        new, changed = set(), set()
        for kind, key, _payload in self.change_model.checked_rows():
            (new if kind == "new" else changed).add(key)
        return new, changed

    # ------------------------------------------------------------ import

    def run_import(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        plan_id = self.target.currentData()
        if plan_id != NEW_PLAN:
            if self.diff is None or self.diff.plan_id != plan_id:
                return  # still comparing (or it failed): nothing to apply yet
            self._merge(plan_id)
            return
        title = self.title_edit.text().strip() or self.preview.title
        preview = self.preview
        ctx = self.ctx

        def work(state):
            def write(op: Operation):
                return write_new_plan(state, op.session, preview, title)

            return run_op(ctx, write, label="import", state=state)

        self.import_button.setEnabled(False)
        run_task(
            self,
            self.tr("Importing"),
            work,
            on_done=self._written,
            on_error=lambda exc, _t: self._write_failed(exc),
            on_cancelled=self._write_cancelled,
        )

    def _merge(self, plan_id: int) -> None:
        """Apply the checked rows as one undo step, on a worker (a 100k-row merge takes
        seconds) with progress and Cancel. Cancel or a refusal writes nothing."""
        diff, (new, changed) = self.diff, self._accepted_keys()
        text = self.tr("Import %1").replace("%1", self.preview.path.name)
        command = MergeImportCommand(self.ctx, diff, new, changed, text)
        command.in_background(self, self.tr("Importing"))
        self.import_button.setEnabled(False)
        try:
            perform(self.ctx, command)
        except Cancelled:
            self._write_cancelled()
            return
        except Exception as exc:
            self._write_failed(exc)
            return
        self.imported.emit(plan_id)
        self.accept()
        show_written(
            self.parentWidget(),
            self.tr("Import"),
            self.tr("Merged into the plan: %1 new and %2 changed project(s).")
            .replace("%1", str(len(new)))
            .replace("%2", str(len(changed))),
            self.preview.path,
            file_button=False,
        )

    def _written(self, changes: OpChanges) -> None:
        announce(self.ctx, changes)
        report = changes.value
        self.imported.emit(report.plan_id)
        self.accept()
        source = self.preview.path if self.preview is not None else self.path_edit.text()
        show_written(
            self.parentWidget(),
            self.tr("Import"),
            self.tr("%n project(s) imported into “%1”.", "", report.projects).replace(
                "%1", report.title
            ),
            source,
            file_button=False,
        )

    def _write_failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Import failed"), str(exc))

    def _write_cancelled(self) -> None:
        self.import_button.setEnabled(True)
        self.summary.setText(self.tr("Import cancelled: nothing was written."))


def _supersede(handle: TaskHandle | None) -> None:
    """Ask a running task to stop and take its progress dialog away; its result is ignored."""
    if handle is None or handle.done:
        return
    handle.cancel()
    if handle.dialog is not None:
        handle.dialog.reset()


def _show(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, list):
        return "、".join(name for name, _role in value)
    return str(getattr(value, "label", value))


def run_import_dialog(
    parent: QWidget | None, ctx: AppContext, path: str | Path | None = None
) -> int | None:
    """Show the dialog modally (on `path` when given); returns the plan imported into, or None."""
    dialog = ImportDialog(parent, ctx)
    if path is not None:
        dialog.set_path(path)
    result: list[int] = []
    dialog.imported.connect(result.append)
    dialog.exec()
    if result:
        ctx.bus.planSelected.emit(result[0])
        return result[0]
    return None
