"""PDF briefing (简报) of a plan or of the current filter: cover, contents, summary, charts,
the project table and the optional chapters, with Chinese fonts embedded.

    build_briefing(state, session, BriefingOptions(plan_id=...), "out.pdf") -> BriefingResult

The figures come from services (aggregates, summary, schedule) in a few GROUP BY queries; the
project table streams rows a window at a time while pages are laid out, so a 10,000-project
briefing stays within memory and is laid out in a single pass (see briefing_doc). The PDF is
written to a temporary file beside the target and renamed at the end: a cancelled or failed
run never leaves a half-written briefing behind.

Headless: never import Qt here (the dialog in views/briefing_dialog.py runs this in a worker).
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
)
from sqlalchemy.orm import Session

from exports import briefing_charts, briefing_tables
from exports.briefing_data import BriefingData
from exports.briefing_doc import Bookmark, BriefingDoc, TableOfContents, TocEntry, geometry
from exports.briefing_figures import prepare
from exports.briefing_fonts import ACCENT, para, register_fonts, styles
from exports.briefing_options import CHAPTERS, WATERMARK, BriefingOptions, BriefingResult
from exports.briefing_text import cn_date, summary_paragraphs
from exports.safety import atomic_output
from services.parsing import format_money
from services.query import ProjectFilter, project_ids
from services.tasks import TaskState, gc_paused

WIDE_CHAPTERS = frozenset({"behind", "projects"})
NUMERALS = "一二三四五六七八九十"
__all__ = ["CHAPTERS", "WATERMARK", "BriefingOptions", "BriefingResult", "build_briefing"]


def _heading(text: str, style, key: str, level: int) -> list[Flowable]:
    return [Bookmark(key, text, level), para(text, style)]


class _Builder:
    """Turns BriefingData into a platypus story, one chapter method each."""

    def __init__(self, state: TaskState, session: Session, data: BriefingData, options) -> None:
        self.state, self.session, self.data, self.options = state, session, data, options
        self.st = styles()
        self.table_st = styles(0.96)
        self.body_geo, self.wide_geo = geometry(options.orientation)
        self.toc: list[TocEntry] = []
        self.timings: dict[str, float] = {}
        self.rows_done = 0
        self.rows_total = max(data.key.projects, 1)

    # ------------------------------------------------------------ which chapters have data

    def chapters(self) -> list[str]:
        d, wanted = self.data, self.options.chapters
        has = {
            "summary": True,
            "charts": any(briefing_charts.chart_data(d, c.kind) for c in briefing_charts.CHARTS),
            "behind": d.tracking is not None and bool(d.tracking.behind),
            "indicators": bool(d.indicators),
            "rectifications": bool(d.rectifications),
            "units": bool(d.units),
            "projects": d.key.projects > 0,
        }
        return [key for key in CHAPTERS if key in wanted and has[key]]

    # ------------------------------------------------------------ cover and contents

    def cover(self) -> list[Flowable]:
        d, st, o = self.data, self.st, self.options
        plan = d.plan
        flow: list[Flowable] = [Spacer(1, self.body_geo.frame_height * 0.16)]
        flow.append(para(plan.title, st.cover_title))
        flow.append(Spacer(1, 10))
        flow.append(para(o.subtitle, st.cover_meta))
        flow.append(
            HRFlowable(width="55%", thickness=1.6, color=ACCENT, spaceBefore=14, spaceAfter=10)
        )
        if not d.whole_plan:
            flow.append(para(f"（范围：{d.scope_label}）", st.cover_note))
        flow.append(Spacer(1, self.body_geo.frame_height * 0.12))
        lines = []
        if plan.region:
            lines.append(f"区域：{plan.region}")
        if plan.doc_number:
            lines.append(f"文号：{plan.doc_number}")
        if plan.issue_date:
            lines.append(f"印发日期：{cn_date(plan.issue_date)}")
        lines.append(
            f"项目：{d.key.projects:,}项　计划投资：{format_money(d.key.planned_investment_wan)}万元"
        )
        for line in lines:
            flow.append(para(line, st.cover_meta))
        flow.append(Spacer(1, self.body_geo.frame_height * 0.1))
        office = o.office or plan.issuer or ""
        if office:
            flow.append(para(office, st.cover_meta, bold=True))
        flow.append(para(cn_date(o.briefing_date or date.today()), st.cover_meta))
        flow.append(Spacer(1, 18))
        flow.append(para("本简报由 GreenLedger 绿色台账根据台账数据自动生成", st.cover_note))
        return flow

    def contents(self, chapters: list[str]) -> list[Flowable]:
        for n, key in enumerate(chapters):
            self.toc.append(TocEntry(key, self._chapter_title(n, key), 0))
            if key == "projects":
                for s in self.data.sections:
                    if s.projects:
                        self.toc.append(TocEntry(f"s{s.section_id}", s.name, 1))
        return [
            para("目　录", self.st.h1),
            Spacer(1, 6),
            TableOfContents(self.toc, self.st),
        ]

    @staticmethod
    def _chapter_title(n: int, key: str) -> str:
        return f"{NUMERALS[n]}、{CHAPTERS[key]}"

    # ------------------------------------------------------------ chapters

    def summary(self, title: str) -> list[Flowable]:
        d, st = self.data, self.st
        width = self.body_geo.frame_width
        flow = _heading(title, st.h1, "summary", 0)
        for text in summary_paragraphs(d):
            flow.append(para(text, st.body))
        flow.append(CondPageBreak(150))
        flow.append(para("（一）主要指标", st.h2))
        flow.append(briefing_tables.key_figures_table(d, st, width))
        if d.sections:
            flow.append(CondPageBreak(120))
            flow.append(para("（二）分重点任务情况", st.h2))
            flow.append(briefing_tables.sections_table(d, self.table_st, width))
            flow.append(para("单位：万元；占比为占计划总投资的比例。", st.note))
        return flow

    def charts(self, title: str) -> list[Flowable]:
        st = self.st
        flow = _heading(title, st.h1, "charts", 0)
        width = self.body_geo.frame_width
        # Two charts share a portrait page; a landscape page takes one at a time.
        max_height = self.body_geo.frame_height * (0.4 if width < 600 else 0.8)
        drawn = briefing_charts.drawn_charts(self.data, self.timings, before=self.state.check)
        for number, (spec, figure) in enumerate(drawn, 1):
            chart = briefing_charts.ChartFlowable(figure, width, max_height)
            caption = para(f"图{number}　{spec.title}", st.figure_caption)
            flow.append(KeepTogether([chart, caption]))
        return flow

    def units(self, title: str) -> list[Flowable]:
        note = (
            "各责任单位作为牵头单位和配合单位（含建设主体）承担的项目数及其计划投资；"
            "一个项目的计划投资计入每个参与单位，因此各行不可相加。"
        )
        return self._table_chapter(title, "units", briefing_tables.units_table, self.body_geo, note)

    def _table_chapter(self, title: str, anchor: str, table, geo, note: str | None = None):
        """A chapter that is a heading, an optional note and one table of the data."""
        flow = _heading(title, self.st.h1, anchor, 0)
        if note:
            flow.append(para(note, self.st.note))
            flow.append(Spacer(1, 4))
        flow.append(table(self.data, self.table_st, geo.frame_width, geo.frame_height))
        return flow

    def indicators(self, title: str) -> list[Flowable]:
        st = self.st
        flow = _heading(title, st.h1, "indicators", 0)
        flow.append(
            briefing_tables.indicators_table(self.data, self.table_st, self.body_geo.frame_width)
        )
        flow.append(para("实际值取最近一期填报数；未填报的指标显示“待评估”。", st.note))
        return flow

    def rectifications(self, title: str) -> list[Flowable]:
        return self._table_chapter(
            title, "rectifications", briefing_tables.rectifications_table, self.body_geo
        )

    def behind(self, title: str) -> list[Flowable]:
        track = self.data.tracking
        if track is None:  # the chapter is only offered when there is tracking data
            raise ValueError("the behind chapter needs the tracking figures")
        note = (
            f"截至{cn_date(track.as_of)}，慢于序时进度或逾期未完成的项目共"
            f"{len(track.behind)}项（红色：逾期或严重滞后；黄色：滞后）。"
            "序时进度按建设期限线性计算，实际进度取最近一期进展填报。"
        )
        return self._table_chapter(
            title, "behind", briefing_tables.behind_table, self.wide_geo, note
        )

    def projects(self, title: str) -> list[Flowable]:
        st, tst = self.st, self.table_st
        d = self.data
        width, height = self.wide_geo.frame_width, self.wide_geo.frame_height
        table_title = d.plan.table_title or f"{d.plan.title}工程项目表"
        note = f"{table_title}（单位：万元；责任单位中黑体为牵头单位）"
        if not d.whole_plan:
            note += f"；范围：{d.scope_label}"
        # The chapter heading rides with the first section's table, like each section heading:
        # neither can be left alone at the foot of a page.
        lead: list[Flowable] = [*_heading(title, st.h1, "projects", 0), para(note, st.note)]
        flow: list[Flowable] = []
        sections = [s for s in d.sections if s.projects]
        grand_total = briefing_tables.total_row(
            "合计", d.key.projects, d.key.planned_investment_wan, tst, "total"
        )
        for s in sections:
            ids = project_ids(self.session, _with_section(d.flt, s.section_id))
            closing = [
                briefing_tables.total_row(
                    "小计", s.projects, s.planned_investment_wan, tst, "subtotal"
                )
            ]
            if s is sections[-1]:
                # The grand total closes the last section's table: it never stands alone.
                closing.append(grand_total)
            rows = briefing_tables.project_rows(
                self.session, ids, tst, closing, self.state, self._rows_laid_out
            )
            label = f"{s.name}（{s.projects:,}项，{format_money(s.planned_investment_wan)}万元）"
            caption = [*lead, Bookmark(f"s{s.section_id}", s.name, 1), para(label, st.h2)]
            lead = []
            flow.append(briefing_tables.project_table(rows, tst, width, height, caption))
        return flow

    def _rows_laid_out(self, count: int) -> None:
        self.rows_done += count
        self.state.progress(self.rows_done, self.rows_total, "排版工程项目表")

    # ------------------------------------------------------------ the whole story

    def story(self) -> tuple[list[Flowable], list[str]]:
        chapters = self.chapters()
        story: list[Flowable] = [*self.cover(), NextPageTemplate("body"), PageBreak()]
        story += self.contents(chapters)
        template = "body"
        for n, key in enumerate(chapters):
            wanted = "wide" if key in WIDE_CHAPTERS else "body"
            if wanted != template or n == 0:
                story += [NextPageTemplate(wanted), PageBreak()]
                template = wanted
            else:
                story.append(CondPageBreak(self.body_geo.frame_height * 0.3))
                story.append(Spacer(1, 10))
            started = time.perf_counter()
            story += getattr(self, key)(self._chapter_title(n, key))
            self.timings[f"story_{key}"] = time.perf_counter() - started
        return story, chapters


def _with_section(flt: ProjectFilter, section_id: int) -> ProjectFilter:
    return replace(flt, section_ids=(section_id,))


def build_briefing(
    state: TaskState | None,
    session: Session,
    options: BriefingOptions,
    out_path: str | os.PathLike,
) -> BriefingResult:
    """Write the briefing to `out_path` (atomically) and say what was printed: a .docx is the
    Word copy, a .pdf is laid out in `options.style` (公文 or modern)."""
    # Laying out allocates objects fast enough for full collections that walk every module
    # the process has loaded (≈ 0.2 s of a warm 56-project briefing); it leaves little garbage.
    with gc_paused():
        return _build(state, session, options, Path(out_path))


def _build(state: TaskState | None, session: Session, options, out: Path) -> BriefingResult:
    if out.suffix.lower() == ".docx":
        from exports.briefing_docx import build_docx  # python-docx: only for the Word copy

        return build_docx(state or TaskState(), session, options, out)
    if options.style == "gongwen":
        from exports.briefing_gongwen import build_gongwen  # its faces and styles: 公文 only

        return build_gongwen(state or TaskState(), session, options, out)
    state = state or TaskState()
    started = time.perf_counter()
    register_fonts()
    data, figures, timings = prepare(state, session, options)
    builder = _Builder(state, session, data, options)
    t = time.perf_counter()
    story, chapters = builder.story()
    timings["story"] = time.perf_counter() - t
    plan = data.plan
    subject = "生态文明建设工程项目简报" + ("" if data.whole_plan else f"（{data.scope_label}）")
    with atomic_output(out) as tmp:
        doc = BriefingDoc(
            str(tmp),
            orientation=options.orientation,
            header_text=f"{plan.title} · {options.subtitle}",
            watermark=options.watermark,
            title=f"{plan.title} {options.subtitle}",
            author=options.office or plan.issuer or "GreenLedger",
            subject=subject,
            keywords="生态文明建设, 工程项目, 简报, " + (plan.region or ""),
        )
        t = time.perf_counter()
        doc.build_story(story, [e.key for e in builder.toc])
        timings["layout"] = time.perf_counter() - t
    timings.update(builder.timings)
    state.progress(builder.rows_total, builder.rows_total, "")
    return BriefingResult(
        out,
        doc.pages_drawn,
        data.key.projects,
        tuple(chapters),
        time.perf_counter() - started,
        timings,
        figures.as_of,
        figures,
    )
