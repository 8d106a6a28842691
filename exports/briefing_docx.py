"""The briefing as an editable Word document (.docx), in the 公文 layout of the PDF.

Real Word styles, so the office restyles the whole paper in one place: Title (小标宋 2号),
Heading 1 (黑体, "一、"), Heading 2 (楷体, "（一）"), Heading 3 (仿宋 bold, "1."), Normal (仿宋 3号,
fixed 28.95 pt line pitch, two-character first-line indent) and "GL Table" for table text.
The margins are GB/T 9704's; page numbers are PAGE fields "— N —", odd pages right and even
pages left. Tables are Word tables (附件1 lists every project, header row repeated on every
page); charts are PNG pictures. The font names are the ones Chinese offices have installed
(仿宋, 黑体, 楷体, 宋体, 方正小标宋简体); Word and WPS substitute what a machine lacks.

Headless: python-docx and matplotlib, no Qt.
"""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from sqlalchemy.orm import Session

from exports import briefing_charts, briefing_figures
from exports.briefing_data import BriefingData, period_label
from exports.briefing_gongwen import ATTACHMENT_PROJECTS, ATTACHMENT_SOURCES
from exports.briefing_office_text import Block, office_blocks
from exports.briefing_options import BriefingResult
from exports.briefing_tables import PROJECT_HEADER, owner_segments
from exports.briefing_text import cn_date
from exports.safety import atomic_output
from services.parsing import format_money
from services.query import project_ids, rows_for_ids
from services.tasks import TaskState

FANG, HEI, KAI, SONG, TITLE = "仿宋", "黑体", "楷体", "宋体", "方正小标宋简体"
PITCH = Pt(28.95)  # 225 mm / 22 lines
RED = RGBColor(0xD4, 0x00, 0x00)
WINDOW = 500
TABLE_STYLE = "GL Table"


def _fonts(target, face: str, size: float, *, bold: bool = False, color=None) -> None:
    """Set a style's or run's font for Latin and East Asian text alike."""
    font = target.font
    font.name = face
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = color or RGBColor(0, 0, 0)
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), face)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _paragraph_format(style, *, indent: bool, align=WD_ALIGN_PARAGRAPH.JUSTIFY) -> None:
    pf = style.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = PITCH
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = align
    pf.keep_with_next = style.name.startswith("Heading")
    ind = style.element.get_or_add_pPr()
    if indent:  # two characters, whatever the font size (Word's 首行缩进 2 字符)
        node = OxmlElement("w:ind")
        node.set(qn("w:firstLineChars"), "200")
        ind.append(node)


def define_styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, FANG, 16)
    _paragraph_format(normal, indent=True)
    title = styles["Title"]
    _fonts(title, TITLE, 22)
    _paragraph_format(title, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_after = Pt(29)
    # The built-in Title has a bottom border; a 公文 title has none.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    for name, face, bold in (
        ("Heading 1", HEI, False),
        ("Heading 2", KAI, False),
        ("Heading 3", FANG, True),
    ):
        style = styles[name]
        _fonts(style, face, 16, bold=bold)
        style.font.italic = False
        _paragraph_format(style, indent=True)
    table = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    _fonts(table, SONG, 10.5)
    table.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    table.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    table.paragraph_format.first_line_indent = Pt(0)
    tpr = table.element.get_or_add_pPr()
    for node in tpr.findall(qn("w:ind")):
        tpr.remove(node)


def _page_geometry(section, *, wide: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if wide else (Mm(210), Mm(297))
    if wide:
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE) whose result Word computes when the page is laid out."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for node in (begin, code, separate, shown, end):
        run._r.append(node)
    _fonts(run, SONG, 14)


def page_numbers(doc, section) -> None:
    """ "— PAGE —" in 宋体 4号: right on odd pages, left on even pages, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles["Normal"]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.left_indent = fmt.right_indent = Pt(14)
        for text in ("— ", None, " —"):
            if text is None:
                _field(paragraph, "PAGE")
            else:
                _fonts(paragraph.add_run(text), SONG, 14)


def _border(paragraph, side: str, size_eighths: int, color: str = "000000") -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), color)
    borders.append(line)


def _no_indent(paragraph) -> None:
    paragraph.paragraph_format.first_line_indent = Pt(0)


class DocxBuilder:
    def __init__(
        self, state, session, data: BriefingData, figures: briefing_figures.OfficeFigures, options
    ):
        self.state, self.session, self.data, self.figures = state, session, data, figures
        self.options = options
        self.doc = Document()
        define_styles(self.doc)
        self.pictures = 0
        self.timings: dict[str, float] = {}

    # ------------------------------------------------------------ text

    def masthead(self, office: str, day: date) -> None:
        doc, o = self.doc, self.options
        name = doc.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _no_indent(name)
        name.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _fonts(name.add_run(o.masthead_name), TITLE, 40, color=RED)
        if o.issue:
            issue = doc.add_paragraph(o.issue)
            issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _no_indent(issue)
        line = doc.add_paragraph()
        _no_indent(line)
        line.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(16), alignment=2)  # right
        line.paragraph_format.left_indent = Pt(16)
        line.add_run(f"{office}编\t{cn_date(day)}" if office else f"\t{cn_date(day)}")
        _border(line, "bottom", 16, "D40000")
        doc.add_paragraph()

    def block(self, block: Block) -> None:
        style = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}.get(block.kind, "Normal")
        paragraph = self.doc.add_paragraph(style=style)
        if block.kind == "attachments-more":
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.left_indent = Pt(16 * 5)
        for segment in block.segments:
            paragraph.add_run(
                segment.text() if isinstance(segment, briefing_figures.Figure) else segment
            )

    def charts(self) -> None:
        if "charts" not in self.options.chapters:
            return
        drawn = briefing_charts.drawn_charts(self.data, self.timings, briefing_charts.CHARTS[:2])
        for spec, figure in drawn:
            started = time.perf_counter()
            png = io.BytesIO()
            figure.savefig(png, format="png", dpi=200)
            self.timings[f"chart_{spec.kind}"] += time.perf_counter() - started  # and its PNG
            self.pictures += 1
            holder = self.doc.add_paragraph()
            _no_indent(holder)
            holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            holder.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            holder.add_run().add_picture(io.BytesIO(png.getvalue()), width=Mm(150))
            caption = self.doc.add_paragraph(f"图{self.pictures}　{spec.title}")
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _no_indent(caption)
            for run in caption.runs:
                run.font.size = Pt(12)

    def 版记(self, office: str, day: date) -> None:
        o = self.options
        lines = []
        if o.send_to:
            lines.append(f"报送：{o.send_to}")
        if o.copy_to:
            lines.append(f"抄送：{o.copy_to}")
        lines.append(f"{office}　　{cn_date(day)}印发")
        self.doc.add_paragraph()
        for n, text in enumerate(lines):
            paragraph = self.doc.add_paragraph(text)
            _no_indent(paragraph)
            paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(
                14
            )
            for run in paragraph.runs:
                run.font.size = Pt(14)
            if n == 0:
                _border(paragraph, "top", 8)
            _border(paragraph, "bottom", 8 if n == len(lines) - 1 else 4)

    # ------------------------------------------------------------ tables

    def _table(self, header: tuple[str, ...], widths_mm: Sequence[float]):
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        row = table.rows[0]
        trpr = row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
        repeat.set(qn("w:val"), "true")
        trpr.append(repeat)
        for cell, text, width in zip(row.cells, header, widths_mm, strict=True):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            paragraph.style = self.doc.styles[TABLE_STYLE]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fonts(paragraph.add_run(text), HEI, 10.5)
        return table

    def _row(self, table, values: list[str], *, bold: bool = False, merge: tuple = ()):
        # Row.cells walks every cell of the whole table (python-docx): quadratic over a
        # 10,000-row table. The new row's own cells are all that is needed.
        row = table.add_row()
        cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
        for cell, value in zip(cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.style = self.doc.styles[TABLE_STYLE]
            if value:
                run = paragraph.add_run(value)
                run.bold = bold
        for first, last in merge:
            merged = cells[first].merge(cells[last])
            # merge() keeps every cell's paragraph: drop the empty ones.
            for extra in merged.paragraphs[1:]:
                if not extra.text:
                    extra._p.getparent().remove(extra._p)
        return cells

    def attachment_label(self, number: int, title: str) -> None:
        self.doc.add_section()
        _page_geometry(self.doc.sections[-1], wide=True)
        label = self.doc.add_paragraph(f"附件{number}")
        _no_indent(label)
        for run in label.runs:
            _fonts(run, HEI, 16)
        self.doc.add_paragraph(title, style="Title")

    def projects_attachment(self, number: int) -> None:
        d = self.data
        self.attachment_label(number, d.plan.table_title or f"{d.plan.title}工程项目表")
        unit = self.doc.add_paragraph("单位：万元")
        unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        widths = [10, 22, 36, 72, 12, 20, 16, 37]
        table = self._table(PROJECT_HEADER, widths)
        for s in d.sections:
            if not s.projects:
                continue
            self._row(table, [s.name, *[""] * 7], bold=True, merge=((0, 7),))
            ids = project_ids(self.session, replace(d.flt, section_ids=(s.section_id,)))
            for start in range(0, len(ids), WINDOW):
                self.state.check()
                for row in rows_for_ids(self.session, ids[start : start + WINDOW]):
                    owners = "".join(t for t, _ in owner_segments(row.owners))
                    self._row(
                        table,
                        [
                            row.seq_label or "",
                            row.project_type or "",
                            row.name,
                            row.content or "",
                            "" if row.quantity is None else f"{row.quantity:,}",
                            format_money(row.planned_investment_wan),
                            period_label(row.start_year, row.end_year),
                            owners,
                        ],
                    )
            self._row(
                table,
                [
                    f"小计（{s.projects}项）",
                    *[""] * 4,
                    format_money(s.planned_investment_wan),
                    "",
                    "",
                ],
                bold=True,
                merge=((0, 4), (6, 7)),
            )
        self._row(
            table,
            [
                f"合计（{d.key.projects}项）",
                *[""] * 4,
                format_money(d.key.planned_investment_wan),
                "",
                "",
            ],
            bold=True,
            merge=((0, 4), (6, 7)),
        )

    def sources_attachment(self, number: int, lists) -> None:
        self.attachment_label(number, ATTACHMENT_SOURCES)
        as_of = self.figures.as_of
        note = self.doc.add_paragraph(
            f"下列清单与正文数据一一对应，截至{cn_date(as_of)}；单位：万元。"
        )
        _no_indent(note)
        for k, (_anchor, heading, ids) in enumerate(lists, 1):
            self.doc.add_paragraph(
                f"（{'一二三四五六七八九十'[k - 1] if k <= 10 else k}）{heading}（{len(ids)}个）",
                style="Heading 2",
            )
            table = self._table(briefing_figures.LIST_HEADER, [12, 70, 40, 22, 24, 18, 18, 21])
            for values in briefing_figures.project_list_values(self.session, ids, as_of):
                self._row(table, values)

    # ------------------------------------------------------------ the document

    def build(self) -> None:
        d, o = self.data, self.options
        office = o.office or d.plan.issuer or ""
        day = o.briefing_date or date.today()
        section = self.doc.sections[0]
        _page_geometry(section, wide=False)
        page_numbers(self.doc, section)
        if o.masthead:
            self.masthead(office, day)
        title = f"{d.plan.title}{o.subtitle.removesuffix('简报')}"
        self.doc.add_paragraph(title, style="Title")
        lists = self.traced()
        attachments = ([ATTACHMENT_PROJECTS] if d.key.projects else []) + (
            [ATTACHMENT_SOURCES] if lists else []
        )
        blocks = office_blocks(d, self.figures, attachments)
        for i, block in enumerate(blocks):
            if block.kind == "h1" and i > 0 and self.pictures == 0:
                self.charts()
            self.block(block)
        self.版记(office, day)
        number = 0
        if d.key.projects:
            number += 1
            self.projects_attachment(number)
        if lists:
            number += 1
            self.sources_attachment(number, lists)
        props = self.doc.core_properties
        props.title, props.author = title, office or "GreenLedger"
        props.subject = "生态文明建设工程项目简报"
        props.comments = f"截至{self.figures.as_of.isoformat()}；GreenLedger 绿色台账生成"

    def traced(self) -> list[tuple[str, str, tuple[int, ...]]]:
        return briefing_figures.traced_lists(self.figures)


def build_docx(state: TaskState, session: Session, options, out) -> BriefingResult:
    """Write the Word copy to `out` (atomically) and return a BriefingResult."""

    started = time.perf_counter()
    data, figures, timings = briefing_figures.prepare(state, session, options)
    builder = DocxBuilder(state, session, data, figures, options)
    t = time.perf_counter()
    builder.build()
    timings["document"] = time.perf_counter() - t
    with atomic_output(out) as tmp:
        t = time.perf_counter()
        builder.doc.save(str(tmp))
        timings["save"] = time.perf_counter() - t
    timings.update(builder.timings)
    return BriefingResult(
        out,
        0,  # Word lays out the pages itself
        data.key.projects,
        tuple(n for n in ("projects", "sources") if n),
        time.perf_counter() - started,
        timings,
        figures.as_of,
        figures,
    )
