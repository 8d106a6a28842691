"""File ▸ Export: the official layout, a flat table or CSV, of the plan or of the current view.

Only wires exports.official_xlsx / exports.flat to widgets; the export runs in a worker
(app.tasks.run_task) with progress and Cancel. Never build SQL here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.settings import Option
from exports.flat import export_csv, export_flat_xlsx
from exports.official_xlsx import OfficialOptions, export_official
from services.query import ProjectFilter, plan_info
from widgets.button_task import run_from_button
from widgets.form_parts import browse_row, browse_save_as, choice_box
from widgets.written_message import show_written

LAST_FORMAT = Option("impex/export_format", str, "official", "last export format")
LAST_EXPORT_DIR = Option("impex/export_directory", str, "", "folder of the last export")
CSV_ENCODING = Option("impex/csv_encoding", str, "utf-8-sig", "CSV export encoding")
SUBTOTALS = Option("impex/export_subtotals", bool, False, "小计 rows in the official export")

FORMATS = ("official", "flat", "csv")
SUFFIX = {"official": ".xlsx", "flat": ".xlsx", "csv": ".csv"}


def run_export(
    state,
    session_factory,
    fmt: str,
    plan_id: int,
    flt: ProjectFilter,
    out: str,
    options: OfficialOptions,
    encoding: str,
) -> int:
    """The worker's job: one export in its own session."""
    with session_factory() as session:
        if fmt == "official":
            return export_official(state, session, plan_id, out, flt=flt, options=options)
        if fmt == "flat":
            return export_flat_xlsx(state, session, flt, out)
        return export_csv(state, session, flt, out, encoding=encoding)


class ExportDialog(QDialog):
    exported = Signal(str)

    def __init__(self, parent: QWidget | None, ctx: AppContext, flt: ProjectFilter | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.flt = flt or ProjectFilter(plan_id=ctx.plan_id)
        self.plan_id = self.flt.plan_id if self.flt.plan_id is not None else ctx.plan_id
        with ctx.session() as session:
            plan = plan_info(session, self.plan_id)
            self.plan_title = plan.title if plan else ""
        self.setWindowTitle(self.tr("Export"))

        kinds = QGroupBox(self.tr("Format"), self)
        self.format_group = QButtonGroup(self)
        kinds_layout = QVBoxLayout(kinds)
        labels = {
            "official": self.tr("Official layout (附件1, .xlsx) — for documents"),
            "flat": self.tr("Flat table (.xlsx) — one row per project, for analysis"),
            "csv": self.tr("CSV — flat table as text"),
        }
        for index, key in enumerate(FORMATS):
            button = QRadioButton(labels[key], kinds)
            self.format_group.addButton(button, index)
            kinds_layout.addWidget(button)
        self.format_group.button(
            FORMATS.index(LAST_FORMAT.value) if LAST_FORMAT.value in FORMATS else 0
        ).setChecked(True)
        self.format_group.idToggled.connect(lambda *_: self._format_changed())

        self.subtotals = QCheckBox(self.tr("Subtotal (小计) after each section"), self)
        self.subtotals.setChecked(SUBTOTALS.value)
        self.grand_total = QCheckBox(self.tr("Total (合计) row"), self)
        self.grand_total.setChecked(True)
        self.rectifications = QCheckBox(self.tr("Rectification list as 附件2"), self)
        self.rectifications.setChecked(True)
        self.encoding = choice_box(
            self,
            [
                (self.tr("UTF-8 with BOM (Excel, WPS)"), "utf-8-sig"),
                (self.tr("GB18030 (older Excel)"), "gb18030"),
            ],
            CSV_ENCODING.value,
        )
        self.scope = choice_box(
            self,
            [
                (self.tr("The whole plan"), "plan"),
                (self.tr("Only the projects the grid shows (current filter)"), "filter"),
            ],
        )
        if self.flt == ProjectFilter(plan_id=self.plan_id):
            self.scope.setEnabled(False)

        self.path_edit = QLineEdit(self)
        path_row = browse_row(self.path_edit, self.browse, self)

        form = QFormLayout()
        form.addRow(self.tr("Plan:"), QLineEdit(self.plan_title, self, readOnly=True))
        form.addRow(self.tr("Projects:"), self.scope)
        form.addRow("", self.subtotals)
        form.addRow("", self.grand_total)
        form.addRow("", self.rectifications)
        form.addRow(self.tr("CSV encoding:"), self.encoding)
        form.addRow(self.tr("Save as:"), path_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(kinds)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._format_changed()

    @property
    def fmt(self) -> str:
        return FORMATS[max(0, self.format_group.checkedId())]

    def _format_changed(self) -> None:
        official = self.fmt == "official"
        for box in (self.subtotals, self.grand_total, self.rectifications):
            box.setEnabled(official)
        self.encoding.setEnabled(self.fmt == "csv")
        directory = LAST_EXPORT_DIR.value or str(Path.home())
        current = self.path_edit.text()
        stem = Path(current).stem if current else (self.plan_title or "export")
        folder = str(Path(current).parent) if current else directory
        self.path_edit.setText(str(Path(folder) / (stem + SUFFIX[self.fmt])))

    def browse(self) -> None:
        suffix = SUFFIX[self.fmt]
        pattern = (
            self.tr("Excel workbook (*.xlsx)") if suffix == ".xlsx" else self.tr("CSV (*.csv)")
        )
        browse_save_as(self.path_edit, self.tr("Export"), pattern, suffix)

    def run(self) -> None:
        out = self.path_edit.text().strip()
        if not out or self.plan_id is None:
            return
        if not Path(out).parent.is_dir():
            QMessageBox.warning(self, self.tr("Export"), self.tr("The folder does not exist."))
            return
        LAST_FORMAT.set(self.fmt)
        LAST_EXPORT_DIR.set(str(Path(out).parent))
        CSV_ENCODING.set(self.encoding.currentData())
        SUBTOTALS.set(self.subtotals.isChecked())
        flt = (
            self.flt
            if self.scope.currentData() == "filter"
            else ProjectFilter(plan_id=self.plan_id)
        )
        options = replace(
            OfficialOptions(),
            subtotals=self.subtotals.isChecked(),
            grand_total=self.grand_total.isChecked(),
            rectifications=self.rectifications.isChecked(),
        )
        run_from_button(
            self.export_button,
            self.tr("Exporting"),
            self.tr("Export failed"),
            run_export,
            self.ctx.session_factory,
            self.fmt,
            self.plan_id,
            flt,
            out,
            options,
            self.encoding.currentData(),
            on_done=lambda count: self._done(out, count),
        )

    def _done(self, out: str, count: object = None) -> None:
        self.exported.emit(out)
        self.accept()
        rows = count if isinstance(count, int) else 0
        show_written(
            self.parentWidget(),
            self.tr("Export"),
            self.tr("%n project(s) written to %1.", "", rows).replace("%1", Path(out).name),
            out,
        )


def run_export_dialog(
    parent: QWidget | None, ctx: AppContext, flt: ProjectFilter | None
) -> str | None:
    """Show the dialog modally; returns the written file or None."""
    dialog = ExportDialog(parent, ctx, flt)
    written: list[str] = []
    dialog.exported.connect(written.append)
    dialog.exec()
    return written[0] if written else None
