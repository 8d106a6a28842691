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
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.operations import announce, perform
from app.settings import Option
from app.tasks import TaskHandle, run_task
from importers.issues import column_letter
from importers.plan_import import ImportPreview, PlanDiff, analyze, diff_plan, write_new_plan
from importers.projects import FIELD_LABELS, PROJECT_SCHEMA
from importers.safety import ImportLimits
from services.operations import OpChanges, Operation, run_op
from services.parsing import format_money
from services.query import plans
from services.tasks import Cancelled, TaskState
from views.import_merge import ChangeRow, MergeImportCommand, MergePreview, change_rows
from views.import_problems import ProblemsPage
from widgets.form_parts import browse_row
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
        self.summary = QLabel(self.tr("No file chosen."), self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(self._source_form())
        layout.addWidget(self.summary)
        layout.addWidget(self._preview_tabs(), 1)
        layout.addWidget(self._buttons())
        self._enable_import()
        self._target_changed()

    def _source_form(self) -> QFormLayout:
        """Which file, into which plan (a new one, or merged into an existing one)."""
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(
            self.tr("Type or paste the path of an Excel, WPS or CSV file, or choose one…")
        )
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.editingFinished.connect(self._path_typed)
        file_row = browse_row(self.path_edit, self.browse, self)
        self.target = QComboBox(self)
        self.target.addItem(self.tr("A new plan"), NEW_PLAN)
        with self.ctx.session() as session:
            for plan in plans(session):
                self.target.addItem(self.tr("Merge into: %1").replace("%1", plan.title), plan.id)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.title_edit = QLineEdit(self)
        form = QFormLayout()
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("Import into:"), self.target)
        form.addRow(self.tr("New plan title:"), self.title_edit)
        return form

    def _preview_tabs(self) -> QTabWidget:
        """What the reading found: sections, the column mapping, problems, the merge's changes."""
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
        header = self.sections_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sections_table.verticalHeader().setVisible(False)
        self.sections_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems = ProblemsPage(self)
        self.problems.export_button.clicked.connect(self.export_issues)
        self.issue_model, self.issue_view = self.problems.model, self.problems.view
        self.merge_preview = MergePreview(self)
        self.merge_preview.selectionChanged.connect(self._enable_import)
        self.change_model, self.changes_view = self.merge_preview.model, self.merge_preview.view
        self.check_buttons = self.merge_preview.check_buttons
        self.selection_label = self.merge_preview.selection_label
        self.tabs.addTab(self.sections_table, self.tr("Sections"))
        self.tabs.addTab(self.columns_table, self.tr("Columns"))
        self.tabs.addTab(self.problems, self.tr("Problems"))
        self.tabs.addTab(self.merge_preview, self.tr("Changes"))
        return self.tabs

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

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
            ready = ready and self.diff is not None and self.merge_preview.count_checked() > 0
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
        self.problems.show_issues(p.issues)
        self.tabs.setTabText(2, self.tr("Problems (%1)").replace("%1", str(len(p.issues))))

    def export_issues(self) -> None:
        """Every problem, in the order the table shows them."""
        if self.preview is not None:
            self.problems.export_csv()

    # ------------------------------------------------------------ merge preview

    def _cancel_diff(self) -> None:
        """Forget the diff and drop any running comparison's result."""
        _supersede(self._diff_task)
        self._diff_task = None
        self._diff_generation += 1
        self.diff = None
        self._diff_note = ""
        self.merge_preview.clear()
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
            return diff, change_rows(diff)

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
        self.merge_preview.show_diff(diff, rows)
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

    def check_all(self, kind: str, checked: bool) -> None:
        self.merge_preview.check_all(kind, checked)

    def _accepted_keys(self) -> tuple[set[int], set[int]]:
        return self.merge_preview.accepted_keys()

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
