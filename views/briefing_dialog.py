"""File ▸ Briefing: the briefing (简报) of the plan, the current filter or the selection.

Only wires exports.briefing to widgets: the choices (format PDF / Word, style 公文 / modern,
报头 and 版记, scope, page orientation, chapters, watermark, office, dates, output file) are
remembered through app.settings Options, the document is built in a worker
(app.tasks.run_task) with progress and Cancel, and opened when done. "Key figures…" lists the
briefing's figures; double-clicking one shows the projects behind it in the grid.
Never build SQL or lay out pages here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.settings import Option
from exports.briefing_options import CHAPTERS, WATERMARK, BriefingOptions, BriefingResult
from services.query import ProjectFilter, plan_info, totals, totals_for_ids
from widgets.button_task import run_from_button
from widgets.form_parts import browse_row, browse_save_as, choice_box, date_edit, hbox

ORIENTATION = Option("briefing/orientation", str, "portrait", "A4 portrait or landscape pages")
CHAPTER_CHOICE = Option("briefing/chapters", list, list(CHAPTERS), "chapters of the briefing")
WATERMARK_ON = Option("briefing/watermark", bool, False, "print the watermark")
WATERMARK_TEXT = Option("briefing/watermark_text", str, WATERMARK, "watermark text")
OFFICE = Option("briefing/office", str, "", "issuing office on the cover ('' = plan issuer)")
SCOPE = Option("briefing/scope", str, "plan", "plan, filter or selection")
DIRECTORY = Option("briefing/directory", str, "", "folder of the last briefing")
OPEN_WHEN_DONE = Option("briefing/open_when_done", bool, True, "open the PDF when it is ready")
FORMAT = Option("briefing/format", str, "pdf", "pdf or docx (Word)")
STYLE = Option("briefing/style", str, "gongwen", "PDF layout: gongwen (GB/T 9704) or modern")
MASTHEAD = Option("briefing/masthead", bool, False, "公文: print the red 报头")
MASTHEAD_NAME = Option("briefing/masthead_name", str, "生态文明建设工作简报", "报头 name")
SEND_TO = Option("briefing/send_to", str, "", "版记 报送")
COPY_TO = Option("briefing/copy_to", str, "", "版记 抄送")

# A selection is passed to SQL as an id list; beyond this SQLite's parameter limit is near.
SELECTION_LIMIT = 20_000


def run_briefing(state, session_factory, options: BriefingOptions, out: str) -> BriefingResult:
    """The worker's job: one briefing in its own session."""
    from exports.briefing import build_briefing

    with session_factory() as session:
        return build_briefing(state, session, options, out)


def key_figures(state, session_factory, options: BriefingOptions):
    """The worker's job for "Key figures…": the briefing's figures without laying it out."""
    from exports.briefing_figures import prepare

    with session_factory() as session:
        return prepare(state, session, options)[1]


def open_file(path: str) -> None:
    """Open the finished PDF in the system viewer (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))


class BriefingDialog(QDialog):
    created = Signal(object)  # BriefingResult
    showProjects = Signal(object)  # ProjectFilter: the projects behind a figure

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
        counts = self._read_plan()
        self.setWindowTitle(self.tr("Briefing"))
        form = QFormLayout()
        plan_field = QLineEdit(self.plan_title, self, readOnly=True)
        plan_field.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes to what can change
        form.addRow(self.tr("Plan:"), plan_field)
        form.addRow(self.tr("Projects:"), self._scope_choice(*counts))
        self._add_format_rows(form)
        self._add_page_rows(form)
        self._add_issue_rows(form)
        self._add_output_rows(form)
        self.figure_list = QListWidget(self)
        self.figure_list.setToolTip(
            self.tr("Double-click a figure to show its projects in the grid")
        )
        self.figure_list.itemActivated.connect(self._figure_activated)
        self.figure_list.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._chapters_box())
        layout.addWidget(self.figure_list)
        layout.addWidget(self._buttons())
        self.format.currentIndexChanged.connect(self._format_changed)
        self.style.currentIndexChanged.connect(self._format_changed)
        self.masthead.toggled.connect(self._format_changed)
        self._format_changed()
        self._update_buttons()

    # ---------------------------------------------------------------- the form

    def _read_plan(self) -> tuple[int, int, int]:
        """The plan's title and issuer; how many projects the plan, the filter and the
        selection hold."""
        with self.ctx.session() as session:
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
        return whole, filtered, chosen

    def _scope_choice(self, whole: int, filtered: int, chosen: int) -> QComboBox:
        """The plan, the filter or the selection; a scope with nothing in it is disabled."""
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
        return self.scope

    def _add_format_rows(self, form: QFormLayout) -> None:
        """PDF or Word, 公文 or modern, and the 公文's 报头 and 版记."""
        self.format = choice_box(
            self,
            [(self.tr("PDF"), "pdf"), (self.tr("Word (.docx, editable)"), "docx")],
            FORMAT.value,
        )
        self.style = choice_box(
            self,
            [
                (self.tr("Official document (公文, GB/T 9704)"), "gongwen"),
                (self.tr("Modern (cover, contents, key figures)"), "modern"),
            ],
            STYLE.value,
        )
        self.masthead = QCheckBox(self.tr("Red masthead (报头):"), self)
        self.masthead.setChecked(MASTHEAD.value)
        self.masthead_name = QLineEdit(MASTHEAD_NAME.value, self)
        self.issue = QLineEdit(self)
        self.issue.setPlaceholderText(self.tr("Issue, e.g. 第3期"))
        self.send_to = QLineEdit(SEND_TO.value, self)
        self.send_to.setPlaceholderText(self.tr("报送: leaders and offices above"))
        self.copy_to = QLineEdit(COPY_TO.value, self)
        self.copy_to.setPlaceholderText(self.tr("抄送: departments, towns and streets"))
        form.addRow(self.tr("Format:"), hbox(self.format, (self.style, 1)))
        form.addRow("", hbox(self.masthead, (self.masthead_name, 2), (self.issue, 1)))
        form.addRow(self.tr("Send to:"), self.send_to)
        form.addRow(self.tr("Copy to:"), self.copy_to)

    def _add_page_rows(self, form: QFormLayout) -> None:
        """The modern layout's page orientation and watermark."""
        self.portrait = QRadioButton(self.tr("A4 portrait"), self)
        self.landscape = QRadioButton(self.tr("A4 landscape"), self)
        orientation = QButtonGroup(self)
        orientation.addButton(self.portrait)
        orientation.addButton(self.landscape)
        (self.landscape if ORIENTATION.value == "landscape" else self.portrait).setChecked(True)
        self.watermark = QCheckBox(self.tr("Watermark:"), self)
        self.watermark.setChecked(WATERMARK_ON.value)
        self.watermark_text = QLineEdit(WATERMARK_TEXT.value or WATERMARK, self)
        self.watermark_text.setEnabled(self.watermark.isChecked())
        self.watermark.toggled.connect(self.watermark_text.setEnabled)
        form.addRow(self.tr("Pages:"), hbox(self.portrait, self.landscape, None))
        form.addRow("", QLabel(self.tr("Wide tables are always printed on A4 landscape."), self))
        form.addRow("", hbox(self.watermark, (self.watermark_text, 1)))

    def _add_issue_rows(self, form: QFormLayout) -> None:
        """Who issues the briefing, on which day, and the day progress is judged at."""
        self.office = QLineEdit(OFFICE.value or self.plan_issuer, self)
        self.office.setPlaceholderText(self.tr("Issuing office shown on the cover"))
        self.briefing_date = date_edit(self)
        self.as_of_latest = QCheckBox(
            self.tr("As of the plan's default day (today, or its latest return once it is over)"),
            self,
        )
        self.as_of_latest.setChecked(True)
        self.as_of = date_edit(self, enabled=False)
        self.as_of_latest.toggled.connect(lambda latest: self.as_of.setEnabled(not latest))
        form.addRow(self.tr("Office:"), self.office)
        form.addRow(self.tr("Briefing date:"), self.briefing_date)
        form.addRow(self.tr("Progress:"), hbox(self.as_of_latest, (self.as_of, 1)))

    def _add_output_rows(self, form: QFormLayout) -> None:
        self.path_edit = QLineEdit(self._default_path(), self)
        self.path_edit.textChanged.connect(self._update_buttons)
        self.open_when_done = QCheckBox(self.tr("Open the document when it is ready"), self)
        self.open_when_done.setChecked(OPEN_WHEN_DONE.value)
        form.addRow(self.tr("Save as:"), browse_row(self.path_edit, self.browse, self))
        form.addRow("", self.open_when_done)

    def _chapters_box(self) -> QGroupBox:
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
        return chapters_box

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.figures_button = buttons.addButton(
            self.tr("Key figures…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.figures_button.clicked.connect(self.show_figures)
        self.create_button = buttons.addButton(
            self.tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        return buttons

    # ---------------------------------------------------------------- choices

    def _scoped_filter(self) -> ProjectFilter:
        from dataclasses import replace

        return replace(self.flt, plan_id=self.plan_id)

    def suffix(self) -> str:
        return "." + self.format.currentData()

    def _format_changed(self) -> None:
        """Word is always 公文; the 报头 and 版记 belong to 公文, orientation and watermark to
        the modern layout; the file name follows the format."""
        word = self.format.currentData() == "docx"
        self.style.setEnabled(not word)
        gongwen = word or self.style.currentData() == "gongwen"
        self.masthead.setEnabled(gongwen)
        self.masthead_name.setEnabled(gongwen and self.masthead.isChecked())
        self.issue.setEnabled(gongwen and self.masthead.isChecked())
        self.send_to.setEnabled(gongwen)
        self.copy_to.setEnabled(gongwen)
        for widget in (self.portrait, self.landscape, self.watermark):
            widget.setEnabled(not gongwen)
        self.watermark_text.setEnabled(not gongwen and self.watermark.isChecked())
        path = Path(self.path_edit.text()) if hasattr(self, "path_edit") else None
        if path and path.suffix.lower() in (".pdf", ".docx") and path.suffix != self.suffix():
            self.path_edit.setText(str(path.with_suffix(self.suffix())))

    def _default_path(self) -> str:
        folder = DIRECTORY.value or str(Path.home())
        name = f"{self.plan_title or 'briefing'}-简报-{date.today():%Y%m%d}{self.suffix()}"
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
            style=self.style.currentData(),
            masthead=self.masthead.isChecked(),
            masthead_name=self.masthead_name.text().strip() or MASTHEAD_NAME.default,
            issue=self.issue.text().strip(),
            send_to=self.send_to.text().strip(),
            copy_to=self.copy_to.text().strip(),
        )

    def _remember(self) -> None:
        FORMAT.set(self.format.currentData())
        STYLE.set(self.style.currentData())
        MASTHEAD.set(self.masthead.isChecked())
        MASTHEAD_NAME.set(self.masthead_name.text().strip() or MASTHEAD_NAME.default)
        SEND_TO.set(self.send_to.text().strip())
        COPY_TO.set(self.copy_to.text().strip())
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
        kinds = (
            self.tr("Word document (*.docx)")
            if self.suffix() == ".docx"
            else self.tr("PDF document (*.pdf)")
        )
        browse_save_as(self.path_edit, self.tr("Briefing"), kinds, self.suffix())

    # ---------------------------------------------------------------- key figures

    def show_figures(self) -> None:
        if self.plan_id is None:
            return
        self.figure_handle = run_from_button(
            self.figures_button,
            self.tr("Counting the key figures"),
            self.tr("Briefing failed"),
            key_figures,
            self.ctx.session_factory,
            self.options(),
            on_done=self._figures_ready,
        )

    def _figures_ready(self, figures) -> None:
        self.figures_button.setEnabled(True)
        self.figure_list.clear()
        for figure in figures.figures.values():
            text = f"{figure.label}：{figure.value}{figure.unit}"
            if figure.project_ids:
                text += "  " + self.tr("(%n project(s))", "", len(figure.project_ids))
            item = QListWidgetItem(text, self.figure_list)
            item.setData(Qt.ItemDataRole.UserRole, tuple(figure.project_ids))
            item.setToolTip(f"{figure.rule}\n{figure.source}")
            if not figure.project_ids:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.figure_list.show()

    def _figure_activated(self, item: QListWidgetItem) -> None:
        ids = item.data(Qt.ItemDataRole.UserRole)
        if ids:
            self.showProjects.emit(ProjectFilter(plan_id=self.plan_id, ids=tuple(ids)))
            self.reject()  # the grid shows them now

    # ---------------------------------------------------------------- running

    def run(self) -> None:
        out = self.path_edit.text().strip()
        if not out or self.plan_id is None or not self.chapters():
            return
        if not out.lower().endswith(self.suffix()):
            out += self.suffix()
            self.path_edit.setText(out)
        if not Path(out).parent.is_dir():
            QMessageBox.warning(self, self.tr("Briefing"), self.tr("The folder does not exist."))
            return
        self._remember()
        self.handle = run_from_button(
            self.create_button,
            self.tr("Creating the briefing"),
            self.tr("Briefing failed"),
            run_briefing,
            self.ctx.session_factory,
            self.options(),
            out,
            on_done=self._done,
        )

    def _done(self, result: BriefingResult) -> None:
        self.result = result
        self.created.emit(result)
        if self.open_when_done.isChecked():
            open_file(str(result.path))
        self.accept()


def run_briefing_dialog(
    parent: QWidget | None,
    ctx: AppContext,
    flt: ProjectFilter | None,
    selected_ids: list[int] | None = None,
) -> BriefingResult | None:
    """Show the dialog modally; returns what was written, or None."""
    dialog = BriefingDialog(parent, ctx, flt, selected_ids)
    drill = getattr(parent, "drill_down", None)
    if drill is not None:  # the main window: a figure's projects open in its grid
        dialog.showProjects.connect(drill)
    dialog.exec()
    return dialog.result
