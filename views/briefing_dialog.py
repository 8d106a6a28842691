"""File ▸ Briefing: the PDF briefing (简报) of the plan, the current filter or the selection.

Only wires exports.briefing to widgets: the choices (scope, page orientation, chapters,
watermark, office, dates, output file) are remembered through app.settings Options, the PDF is
built in a worker (app.tasks.run_task) with progress and Cancel, and opened when done.
Never build SQL or lay out PDF pages here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.settings import Option
from app.tasks import run_task
from exports.briefing_options import CHAPTERS, WATERMARK, BriefingOptions, BriefingResult
from services.query import ProjectFilter, plan_info, totals, totals_for_ids

ORIENTATION = Option("briefing/orientation", str, "portrait", "A4 portrait or landscape pages")
CHAPTER_CHOICE = Option("briefing/chapters", list, list(CHAPTERS), "chapters of the briefing")
WATERMARK_ON = Option("briefing/watermark", bool, False, "print the watermark")
WATERMARK_TEXT = Option("briefing/watermark_text", str, WATERMARK, "watermark text")
OFFICE = Option("briefing/office", str, "", "issuing office on the cover ('' = plan issuer)")
SCOPE = Option("briefing/scope", str, "plan", "plan, filter or selection")
DIRECTORY = Option("briefing/directory", str, "", "folder of the last briefing")
OPEN_WHEN_DONE = Option("briefing/open_when_done", bool, True, "open the PDF when it is ready")

# A selection is passed to SQL as an id list; beyond this SQLite's parameter limit is near.
SELECTION_LIMIT = 20_000


def run_briefing(state, session_factory, options: BriefingOptions, out: str) -> BriefingResult:
    """The worker's job: one briefing in its own session."""
    from exports.briefing import build_briefing

    with session_factory() as session:
        return build_briefing(state, session, options, out)


def open_file(path: str) -> None:
    """Open the finished PDF in the system viewer (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))


class BriefingDialog(QDialog):
    created = Signal(object)  # BriefingResult

    def __init__(
        self,
        parent: QWidget | None,
        ctx: AppContext,
        flt: ProjectFilter | None,
        selected_ids: list[int] | None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.flt = flt or ProjectFilter(plan_id=ctx.plan_id)
        self.plan_id = self.flt.plan_id if self.flt.plan_id is not None else ctx.plan_id
        self.selected = list(selected_ids or [])
        self.result: BriefingResult | None = None
        with ctx.session() as session:
            plan = plan_info(session, self.plan_id)
            self.plan_title = plan.title if plan else ""
            self.plan_issuer = (plan.issuer or "") if plan else ""
            whole = totals(session, ProjectFilter(plan_id=self.plan_id)).projects
            filtered = totals(session, self._scoped_filter()).projects
            chosen = (
                totals_for_ids(session, self.selected[:SELECTION_LIMIT]).projects
                if self.selected
                else 0
            )
        self.setWindowTitle(self.tr("PDF Briefing"))

        self.scope = QComboBox(self)
        self.scope.addItem(
            self.tr("The whole plan (%1 projects)").replace("%1", f"{whole:,}"), "plan"
        )
        self.scope.addItem(
            self.tr("The current filter (%1 projects)").replace("%1", f"{filtered:,}"), "filter"
        )
        self.scope.addItem(
            self.tr("The selected projects (%1)").replace("%1", f"{len(self.selected):,}"),
            "selection",
        )
        model = self.scope.model()
        if self._scoped_filter() == ProjectFilter(plan_id=self.plan_id):
            model.item(1).setEnabled(False)
        if not chosen or len(self.selected) > SELECTION_LIMIT:
            model.item(2).setEnabled(False)
            if len(self.selected) > SELECTION_LIMIT:
                model.item(2).setToolTip(
                    self.tr("More than %1 selected projects: use a filter instead.").replace(
                        "%1", f"{SELECTION_LIMIT:,}"
                    )
                )
        wanted = self.scope.findData(SCOPE.value)
        if wanted < 0 or not model.item(wanted).isEnabled():
            wanted = 0
        self.scope.setCurrentIndex(wanted)

        self.portrait = QRadioButton(self.tr("A4 portrait"), self)
        self.landscape = QRadioButton(self.tr("A4 landscape"), self)
        orientation = QButtonGroup(self)
        orientation.addButton(self.portrait)
        orientation.addButton(self.landscape)
        (self.landscape if ORIENTATION.value == "landscape" else self.portrait).setChecked(True)
        pages_row = QHBoxLayout()
        pages_row.addWidget(self.portrait)
        pages_row.addWidget(self.landscape)
        pages_row.addStretch(1)

        chapters_box = QGroupBox(self.tr("Chapters (printed only when they have data)"), self)
        grid = QGridLayout(chapters_box)
        labels = {
            "summary": self.tr("Summary and key figures"),
            "charts": self.tr("Charts: sections, lead units, towns, years"),
            "behind": self.tr("Projects behind schedule"),
            "indicators": self.tr("Indicators and targets"),
            "rectifications": self.tr("Rectification list"),
            "units": self.tr("Projects by responsible unit"),
            "projects": self.tr("Project table (landscape)"),
        }
        remembered = set(CHAPTER_CHOICE.value)
        self.chapter_boxes: dict[str, QCheckBox] = {}
        for index, key in enumerate(CHAPTERS):
            box = QCheckBox(labels[key], chapters_box)
            box.setChecked(key in remembered)
            box.toggled.connect(self._update_buttons)
            grid.addWidget(box, index // 2, index % 2)
            self.chapter_boxes[key] = box

        self.watermark = QCheckBox(self.tr("Watermark:"), self)
        self.watermark.setChecked(WATERMARK_ON.value)
        self.watermark_text = QLineEdit(WATERMARK_TEXT.value or WATERMARK, self)
        self.watermark_text.setEnabled(self.watermark.isChecked())
        self.watermark.toggled.connect(self.watermark_text.setEnabled)
        watermark_row = QHBoxLayout()
        watermark_row.addWidget(self.watermark)
        watermark_row.addWidget(self.watermark_text, 1)

        self.office = QLineEdit(OFFICE.value or self.plan_issuer, self)
        self.office.setPlaceholderText(self.tr("Issuing office shown on the cover"))
        self.briefing_date = QDateEdit(QDate.currentDate(), self)
        self.briefing_date.setCalendarPopup(True)
        self.briefing_date.setDisplayFormat("yyyy-MM-dd")
        self.as_of_latest = QCheckBox(self.tr("As of the latest progress return"), self)
        self.as_of_latest.setChecked(True)
        self.as_of = QDateEdit(QDate.currentDate(), self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setEnabled(False)
        self.as_of_latest.toggled.connect(lambda latest: self.as_of.setEnabled(not latest))
        as_of_row = QHBoxLayout()
        as_of_row.addWidget(self.as_of_latest)
        as_of_row.addWidget(self.as_of, 1)

        self.path_edit = QLineEdit(self._default_path(), self)
        self.path_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.open_when_done = QCheckBox(self.tr("Open the PDF when it is ready"), self)
        self.open_when_done.setChecked(OPEN_WHEN_DONE.value)

        form = QFormLayout()
        form.addRow(self.tr("Plan:"), QLineEdit(self.plan_title, self, readOnly=True))
        form.addRow(self.tr("Projects:"), self.scope)
        form.addRow(self.tr("Pages:"), pages_row)
        form.addRow("", QLabel(self.tr("Wide tables are always printed on A4 landscape."), self))
        form.addRow("", watermark_row)
        form.addRow(self.tr("Office:"), self.office)
        form.addRow(self.tr("Briefing date:"), self.briefing_date)
        form.addRow(self.tr("Progress:"), as_of_row)
        form.addRow(self.tr("Save as:"), path_row)
        form.addRow("", self.open_when_done)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = buttons.addButton(
            self.tr("Create PDF"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(chapters_box)
        layout.addWidget(buttons)
        self._update_buttons()

    # ---------------------------------------------------------------- choices

    def _scoped_filter(self) -> ProjectFilter:
        from dataclasses import replace

        return replace(self.flt, plan_id=self.plan_id)

    def _default_path(self) -> str:
        folder = DIRECTORY.value or str(Path.home())
        name = f"{self.plan_title or 'briefing'}-简报-{date.today():%Y%m%d}.pdf"
        # Titles may hold characters a file name cannot.
        name = "".join("_" if c in '\\/:*?"<>|' else c for c in name)
        return str(Path(folder) / name)

    def chapters(self) -> frozenset[str]:
        return frozenset(k for k, box in self.chapter_boxes.items() if box.isChecked())

    def options(self) -> BriefingOptions:
        scope = self.scope.currentData()
        flt: ProjectFilter | None = None
        if scope == "filter":
            flt = self._scoped_filter()
        elif scope == "selection":
            flt = ProjectFilter(plan_id=self.plan_id, ids=tuple(self.selected))
        watermark = self.watermark_text.text().strip() if self.watermark.isChecked() else None
        return BriefingOptions(
            plan_id=self.plan_id,
            flt=flt,
            orientation="landscape" if self.landscape.isChecked() else "portrait",
            chapters=self.chapters(),
            watermark=watermark or None,
            briefing_date=self.briefing_date.date().toPython(),
            as_of=None if self.as_of_latest.isChecked() else self.as_of.date().toPython(),
            office=self.office.text().strip() or None,
        )

    def _remember(self) -> None:
        ORIENTATION.set("landscape" if self.landscape.isChecked() else "portrait")
        CHAPTER_CHOICE.set([k for k in CHAPTERS if k in self.chapters()])
        WATERMARK_ON.set(self.watermark.isChecked())
        WATERMARK_TEXT.set(self.watermark_text.text().strip() or WATERMARK)
        office = self.office.text().strip()
        OFFICE.set("" if office == self.plan_issuer else office)
        SCOPE.set(self.scope.currentData())
        DIRECTORY.set(str(Path(self.path_edit.text()).parent))
        OPEN_WHEN_DONE.set(self.open_when_done.isChecked())

    def _update_buttons(self) -> None:
        ready = bool(self.chapters()) and bool(self.path_edit.text().strip())
        self.create_button.setEnabled(ready and self.plan_id is not None)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("PDF Briefing"), self.path_edit.text(), self.tr("PDF document (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.path_edit.setText(path)

    # ---------------------------------------------------------------- running

    def run(self) -> None:
        out = self.path_edit.text().strip()
        if not out or self.plan_id is None or not self.chapters():
            return
        if not out.lower().endswith(".pdf"):
            out += ".pdf"
            self.path_edit.setText(out)
        if not Path(out).parent.is_dir():
            QMessageBox.warning(
                self, self.tr("PDF Briefing"), self.tr("The folder does not exist.")
            )
            return
        self._remember()
        self.create_button.setEnabled(False)
        self.handle = run_task(
            self,
            self.tr("Creating the briefing"),
            run_briefing,
            self.ctx.session_factory,
            self.options(),
            out,
            on_done=self._done,
            on_error=lambda exc, _tb: self._failed(exc),
            on_cancelled=self._cancelled,
        )

    def _done(self, result: BriefingResult) -> None:
        self.result = result
        self.created.emit(result)
        if self.open_when_done.isChecked():
            open_file(str(result.path))
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.create_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Briefing failed"), str(exc))

    def _cancelled(self) -> None:
        self.create_button.setEnabled(True)  # the builder leaves no partial file behind


def run_briefing_dialog(
    parent: QWidget | None,
    ctx: AppContext,
    flt: ProjectFilter | None,
    selected_ids: list[int] | None = None,
) -> BriefingResult | None:
    """Show the dialog modally; returns what was written, or None."""
    dialog = BriefingDialog(parent, ctx, flt, selected_ids)
    dialog.exec()
    return dialog.result
