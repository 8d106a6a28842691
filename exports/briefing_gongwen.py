"""The 公文-style PDF briefing (GB/T 9704-2012 as it applies to a 简报 or 汇报材料).

A4 with the standard type area (156 × 225 mm; margins 37 / 35 / 28 / 26 mm), 22 lines of 28
characters of 仿宋 3号; title in 小标宋 2号; "一、" 黑体, "（一）" 楷体, "1." 仿宋 bold;
page numbers "— 1 —" in 宋体 4号, odd pages right and even pages left, one character in from
the type area; an optional red 报头 (name, 期号, 编印单位, date, red rule) — without it an
unnumbered cover — and the 版记 (报送 / 抄送 / 印发) closing the text. The project table is a
landscape 附件1 (title, 单位：万元, header repeated on every page, subtotals per section, 合计);
附件2 lists the projects behind each key figure, and every figure in the text links there.

Headless (reportlab); the figures come from exports.briefing_figures.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from sqlalchemy.orm import Session

from exports import briefing_charts, briefing_tables
from exports.briefing_celltext import CellText
from exports.briefing_data import BriefingData
from exports.briefing_figures import (
    LIST_HEADER,
    Figure,
    OfficeFigures,
    prepare,
    project_list_values,
    traced_lists,
)
from exports.briefing_fonts import INK, styles
from exports.briefing_gongwen_fonts import (
    BOTTOM,
    FANG,
    LEFT,
    PAGE_NO_SIZE,
    PITCH,
    RED,
    RIGHT,
    SONG,
    TOP,
    TYPE_H,
    TYPE_W,
    FauxBold,
    gongwen_styles,
    gpara,
    markup_in,
)
from exports.briefing_office_text import Block, office_blocks
from exports.briefing_options import BriefingResult
from exports.briefing_stream import Num, RowSpec, StreamTable
from exports.briefing_text import cn_date
from exports.safety import atomic_output
from services.query import project_ids
from services.tasks import TaskState

# Landscape 附件 pages: the same type area turned (225 × 156 mm), binding edge at the top.
WIDE_LEFT, WIDE_BOTTOM = 37 * mm, 28 * mm
WIDE_W, WIDE_H = TYPE_H, TYPE_W
PAGE_NO_DROP = 7 * mm  # GB/T 9704 7.5: the dashes sit 7 mm below the type area
ATTACHMENT_PROJECTS = "工程项目表"
ATTACHMENT_SOURCES = "关键数据对应项目清单"


@dataclass(frozen=True)
class Masthead:
    """The red 报头 of a 简报: its name, 期号, 编印单位 and date."""

    name: str = "生态文明建设工作简报"
    issue: str = ""  # "第3期"; "" prints none
    office: str = ""
    day: date | None = None


@dataclass(frozen=True)
class Distribution:
    """The 版记: who receives the briefing (报送 upward, 抄送 sideways) and who printed it."""

    to: str = ""
    cc: str = ""
    office: str = ""
    day: date | None = None


class Anchor(Flowable):
    """An invisible link target and outline entry."""

    def __init__(self, key: str, title: str | None = None, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, PITCH)
        if self.title:
            self.canv.addOutlineEntry(self.title, self.key, self.level, closed=self.level > 0)


class MastheadFlowable(Flowable):
    """The 报头: the red name, the 期号, then 编印单位 left and date right over a red rule."""

    def __init__(self, masthead: Masthead) -> None:
        super().__init__()
        self.m = masthead
        st = gongwen_styles()
        self.name = Paragraph(markup_in(masthead.name, st.masthead.fontName), st.masthead)
        self.issue = gpara(masthead.issue, st.masthead_issue) if masthead.issue else None

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        _, self.name_h = self.name.wrap(availWidth, availHeight)
        self.issue_h = self.issue.wrap(availWidth, availHeight)[1] if self.issue else 0
        self.height = self.name_h + self.issue_h + PITCH * 1.6
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        y = self.height - self.name_h
        self.name.drawOn(canv, 0, y)
        if self.issue:
            y -= self.issue_h
            self.issue.drawOn(canv, 0, y)
        y -= PITCH * 0.9
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(FANG, 16)
        if self.m.office:
            canv.drawString(16, y, f"{self.m.office}编")
        if self.m.day:
            canv.drawRightString(self.width - 16, y, cn_date(self.m.day))
        canv.setStrokeColor(RED)
        canv.setLineWidth(1.4)
        canv.line(0, y - 10, self.width, y - 10)
        canv.restoreState()


class AtFoot(Flowable):
    """Flowables drawn at the foot of the current page (or of the next, when they do not fit):
    the 版记 sits at the bottom of the last page of the text."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content = content

    def _measure(self, availWidth: float) -> float:
        return sum(f.wrap(availWidth, 1e6)[1] for f in self.content)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.needed = self._measure(availWidth)
        self.height = availHeight if availHeight >= self.needed else self.needed
        return self.width, self.height

    def draw(self) -> None:
        y = self.needed
        for flowable in self.content:
            _, h = flowable.wrap(self.width, 1e6)
            y -= h
            flowable.drawOn(self.canv, 0, y)


class Rule(Flowable):
    def __init__(self, thickness: float) -> None:
        super().__init__()
        self.thickness = thickness

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = 4
        return availWidth, 4

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, 2, self.width, 2)


class GongwenDoc(BaseDocTemplate):
    """Page templates "cover", "body" (portrait type area) and "wide" (landscape 附件)."""

    def __init__(self, target, *, has_cover: bool, **meta) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=LEFT,
            rightMargin=RIGHT,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            initialFontName=FANG,
            initialFontSize=16,
            initialLeading=PITCH,
            creator="GreenLedger 绿色台账",
            producer="GreenLedger (reportlab)",
            lang="zh-CN",
            **meta,
        )
        self.has_cover = has_cover
        self.pages_drawn = 0

        def frame(name, x, y, w, h):
            return Frame(x, y, w, h, 0, 0, 0, 0, id=name)

        cover = PageTemplate("cover", [frame("cover", LEFT, BOTTOM, TYPE_W, TYPE_H)])
        body = PageTemplate(
            "body", [frame("body", LEFT, BOTTOM, TYPE_W, TYPE_H)], onPage=self._page_number
        )
        wide = PageTemplate(
            "wide",
            [frame("wide", WIDE_LEFT, WIDE_BOTTOM, WIDE_W, WIDE_H)],
            onPage=self._page_number,
            pagesize=landscape(A4),
        )
        # The first template is the first page's: the cover, or the body page with the 报头.
        self.addPageTemplates([cover, body, wide] if has_cover else [body, cover, wide])

    def page_number(self) -> int:
        return self.page - (1 if self.has_cover else 0)

    def beforeDocument(self) -> None:
        from reportlab.pdfbase.pdfdoc import PDFPageLabel

        if self.has_cover:
            self.canv.addPageLabel(0, prefix="封面")
            self.canv.addPageLabel(1, style=PDFPageLabel.ARABIC, start=1)

    def afterPage(self) -> None:
        self.pages_drawn = self.page

    def _page_number(self, canv, doc) -> None:
        """ "— 7 —" in 宋体 4号: odd pages at the right, even at the left, one character in."""
        width, height = canv._pagesize
        wide = width > height
        left = WIDE_LEFT if wide else LEFT
        right = left + (WIDE_W if wide else TYPE_W)
        bottom = WIDE_BOTTOM if wide else BOTTOM
        n = self.page_number()
        text = f"— {n} —"
        text_w = stringWidth(text, SONG, PAGE_NO_SIZE)
        baseline = bottom - PAGE_NO_DROP - PAGE_NO_SIZE * 0.62
        x = right - PAGE_NO_SIZE - text_w if n % 2 else left + PAGE_NO_SIZE
        canv.saveState()
        canv.setFont(SONG, PAGE_NO_SIZE)
        canv.setFillColor(INK)
        canv.drawString(x, baseline, text)
        canv.restoreState()


# ---------------------------------------------------------------- text


def _figure_markup(figure: Figure, face: str) -> str:
    text = markup_in(figure.text(), face)
    if figure.appendix and figure.project_ids:  # an empty list has no appendix to go to
        return f'<a href="#{figure.appendix}" color="#1a1a1a">{text}</a>'
    return text


def block_paragraph(block: Block) -> Flowable:
    st = gongwen_styles()
    style = {
        "h1": st.h1,
        "h2": st.h2,
        "h3": st.h3,
        "body": st.body,
        "plain": st.body,
        "attachments": st.plain,
        "attachments-more": ParagraphStyle(
            "gw-att-more", parent=st.plain, leftIndent=3 * 16 * 0.987
        ),
    }[block.kind]
    if block.kind == "attachments":
        style = ParagraphStyle("gw-att", parent=st.plain, firstLineIndent=2 * 16 * 0.987)
    face = style.fontName
    text = "".join(
        _figure_markup(s, face) if isinstance(s, Figure) else markup_in(s, face)
        for s in block.segments
    )
    cls = FauxBold if block.kind == "h3" else Paragraph
    return cls(text, style)


# ---------------------------------------------------------------- the 附件 tables


def _section_row(name: str, st) -> RowSpec:
    return RowSpec(
        [CellText(name, st.cell, bold=True), *([None] * 7)], kind="section", spans=((0, 7),)
    )


def project_table_rows(
    state: TaskState, session: Session, data: BriefingData, st, on_window
) -> Iterator[RowSpec]:
    """附件1 as one table: a row per section, its projects, its 小计; the 合计 at the end."""
    from dataclasses import replace

    for s in data.sections:
        if not s.projects:
            continue
        yield _section_row(s.name, st)
        ids = project_ids(session, replace(data.flt, section_ids=(s.section_id,)))
        closing = [
            briefing_tables.total_row("小计", s.projects, s.planned_investment_wan, st, "subtotal")
        ]
        yield from briefing_tables.project_rows(session, ids, st, closing, state, on_window)
    yield briefing_tables.total_row(
        "合计", data.key.projects, data.key.planned_investment_wan, st, "total"
    )


def project_list_table(session: Session, ids: tuple[int, ...], as_of: date, width: float, height):
    """The projects behind a figure with their progress at `as_of`."""
    st = styles(0.96)
    rows = [
        RowSpec(
            [
                Num(n, align="center"),
                CellText(name, st.cell),
                CellText(lead, st.cell),
                *(Num(v) for v in numbers),
                Num(state, align="center"),
            ]
        )
        for n, name, lead, *numbers, state in project_list_values(session, ids, as_of)
    ]
    widths = briefing_tables._widths(width, [30, None, 120, 70, 76, 56, 56, 66])
    header = [Paragraph(markup_in(h, st.head.fontName), st.head) for h in LIST_HEADER]
    return StreamTable(header, widths, rows, font_size=st.cell.fontSize, max_line_height=height)


# ---------------------------------------------------------------- the story


class GongwenBuilder:
    def __init__(
        self,
        state: TaskState,
        session: Session,
        data: BriefingData,
        figures: OfficeFigures,
        *,
        title: str,
        masthead: Masthead | None,
        distribution: Distribution | None,
        with_charts: bool = True,
    ) -> None:
        self.state, self.session, self.data, self.figures = state, session, data, figures
        self.title, self.masthead, self.distribution = title, masthead, distribution
        self.with_charts = with_charts
        self.timings: dict[str, float] = {}
        self.rows_done = 0

    def attachments(self) -> list[str]:
        names = []
        if self.data.key.projects:
            names.append(ATTACHMENT_PROJECTS)
        if self._traced():
            names.append(ATTACHMENT_SOURCES)
        return names

    def _traced(self) -> list[tuple[str, str, tuple[int, ...]]]:
        return traced_lists(self.figures)

    def cover(self) -> list[Flowable]:
        st = gongwen_styles()
        office = self.distribution.office if self.distribution else ""
        day = (self.masthead.day if self.masthead else None) or date.today()
        flow: list[Flowable] = [Spacer(1, TYPE_H * 0.25), gpara(self.title, st.title)]
        flow.append(Spacer(1, TYPE_H * 0.3))
        if office:
            flow.append(gpara(office, st.masthead_issue))
        flow.append(gpara(cn_date(day), st.masthead_issue))
        return flow

    def body(self) -> list[Flowable]:
        st = gongwen_styles()
        flow: list[Flowable] = []
        if self.masthead is not None:
            flow.append(MastheadFlowable(self.masthead))
            flow.append(Spacer(1, PITCH * 0.6))
        flow.append(Anchor("text", self.title))
        flow.append(gpara(self.title, st.title))
        blocks = office_blocks(self.data, self.figures, self.attachments())
        charts_after = next((i for i, b in enumerate(blocks) if b.kind == "h1" and i > 0), None)
        for i, block in enumerate(blocks):
            if i == charts_after and self.with_charts:
                flow += self.charts()
            if block.kind in ("h1", "h2", "h3"):
                flow.append(CondPageBreak(PITCH * 3))
            if block.kind == "attachments":
                flow.append(Spacer(1, PITCH))
            flow.append(block_paragraph(block))
        if self.distribution is not None:
            flow.append(AtFoot(self.版记(self.distribution)))
        return flow

    def charts(self) -> list[Flowable]:
        st = gongwen_styles()
        caption = ParagraphStyle("gw-caption", parent=st.note, alignment=1)
        flow: list[Flowable] = []
        drawn = briefing_charts.drawn_charts(self.data, self.timings, briefing_charts.CHARTS[:2])
        for number, (spec, figure) in enumerate(drawn, 1):
            chart = briefing_charts.ChartFlowable(figure, TYPE_W, TYPE_H * 0.36)
            flow.append(KeepTogether([chart, gpara(f"图{number}　{spec.title}", caption)]))
        return flow

    def 版记(self, d: Distribution) -> list[Flowable]:
        st = gongwen_styles()
        note = ParagraphStyle(
            "gw-banji", parent=st.plain, fontSize=14, leading=PITCH * 0.9, leftIndent=14
        )
        flow: list[Flowable] = [Rule(1.0)]
        if d.to:
            flow.append(gpara(f"报送：{d.to}", note))
        if d.cc:
            if d.to:
                flow.append(Rule(0.5))
            flow.append(gpara(f"抄送：{d.cc}", note))
        flow.append(Rule(0.5))
        day = cn_date(d.day or date.today())
        gap = "&nbsp;" * 4 if d.office else ""
        flow.append(
            Paragraph(markup_in(d.office, FANG) + gap + markup_in(f"{day}印发", FANG), note)
        )
        flow.append(Rule(1.0))
        return flow

    def attachment_projects(self) -> list[Flowable]:
        st = gongwen_styles()
        tst = styles(0.96)
        table_title = self.data.plan.table_title or f"{self.data.plan.title}工程项目表"
        unit = ParagraphStyle("gw-unit", parent=st.note, alignment=TA_RIGHT)

        def laid_out(count: int) -> None:
            self.rows_done += count
            self.state.progress(self.rows_done, max(self.data.key.projects, 1), "排版工程项目表")

        caption = [
            Anchor("att-projects", "附件1　" + ATTACHMENT_PROJECTS),
            gpara("附件1", st.attachment_label),
            gpara(table_title, st.attachment_title),
            gpara("单位：万元", unit),
        ]
        rows = project_table_rows(self.state, self.session, self.data, tst, laid_out)
        return [briefing_tables.project_table(rows, tst, WIDE_W, WIDE_H, caption)]

    def attachment_sources(self, number: int) -> list[Flowable]:
        st = gongwen_styles()
        flow: list[Flowable] = [
            Anchor("att-sources", f"附件{number}　{ATTACHMENT_SOURCES}"),
            gpara(f"附件{number}", st.attachment_label),
            gpara(ATTACHMENT_SOURCES, st.attachment_title),
            gpara(
                f"下列清单与正文数据一一对应，截至{cn_date(self.figures.as_of)}；单位：万元。",
                st.note,
            ),
        ]
        for k, (anchor, heading, ids) in enumerate(self._traced(), 1):
            self.state.check()
            flow.append(CondPageBreak(120))
            if anchor == "att-behind-1":
                flow.append(Anchor("att-behind"))  # the total behind / overdue figures
            flow.append(Anchor(anchor, heading, 1))
            flow.append(gpara(f"（{_cn(k)}）{heading}（{len(ids)}个）", st.h2))
            flow.append(project_list_table(self.session, ids, self.figures.as_of, WIDE_W, WIDE_H))
            flow.append(Spacer(1, 8))
        return flow

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        if self.masthead is None:
            story += [*self.cover(), NextPageTemplate("body"), PageBreak()]
        story += self.body()
        number = 0
        if self.data.key.projects:
            number += 1
            story += [NextPageTemplate("wide"), PageBreak(), *self.attachment_projects()]
        if self._traced():
            number += 1
            story += [NextPageTemplate("wide"), PageBreak(), *self.attachment_sources(number)]
        return story


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if n <= 10 else str(n)


def build_gongwen(state: TaskState, session: Session, options, out) -> BriefingResult:
    """Write the 公文-style PDF (see the module docstring) and return a BriefingResult."""

    started = time.perf_counter()
    data, figures, timings = prepare(state, session, options)
    plan = data.plan
    office = options.office or plan.issuer or ""
    day = options.briefing_date or date.today()
    title = f"{plan.title}{options.subtitle.removesuffix('简报')}"
    masthead = (
        Masthead(options.masthead_name, options.issue, office, day) if options.masthead else None
    )
    distribution = Distribution(options.send_to, options.copy_to, office, day)
    builder = GongwenBuilder(
        state,
        session,
        data,
        figures,
        title=title,
        masthead=masthead,
        distribution=distribution,
        with_charts="charts" in options.chapters,
    )
    t = time.perf_counter()
    story = builder.story()
    timings["story"] = time.perf_counter() - t
    with atomic_output(out) as tmp:
        doc = GongwenDoc(
            str(tmp),
            has_cover=masthead is None,
            title=title,
            author=office or "GreenLedger",
            subject="生态文明建设工程项目简报",
        )
        t = time.perf_counter()
        doc.build(story)
        timings["layout"] = time.perf_counter() - t
    timings.update(builder.timings)
    return BriefingResult(
        out,
        doc.pages_drawn,
        data.key.projects,
        tuple(builder.attachments()),
        time.perf_counter() - started,
        timings,
        figures.as_of,
        figures,
    )
