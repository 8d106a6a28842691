"""What a PDF briefing (简报) can be asked for, and what building one reports back.

Kept apart from exports/briefing.py so that the CLI parser and the GUI dialog can list the
chapters and build options without importing reportlab, matplotlib or SQLAlchemy. Plain data;
no Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI parser imports this module: keep SQLAlchemy out of its start-up
    from services.query import ProjectFilter

# Chapter keys in printed order, with their titles. "projects" goes last: it is the long
# appendix; the meeting reads the summary, charts and the lists of problems first.
CHAPTERS: dict[str, str] = {
    "summary": "总体情况",
    "charts": "投资结构",
    "behind": "滞后项目清单",
    "indicators": "工作目标指标",
    "rectifications": "问题整改清单",
    "units": "责任单位统计",
    "projects": "工程项目表",
}
WATERMARK = "内部资料 注意保存"
STYLES = ("gongwen", "modern")  # 公文 (GB/T 9704) or the modern layout with cover and contents
FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class BriefingOptions:
    plan_id: int
    flt: ProjectFilter | None = None  # None = the whole plan; a filter or a selection (ids=...)
    orientation: str = "portrait"  # body pages; wide tables are always A4 landscape
    chapters: frozenset[str] = frozenset(CHAPTERS)
    watermark: str | None = None  # e.g. WATERMARK
    briefing_date: date | None = None  # printed on the cover; default today
    as_of: date | None = None  # progress "as of"; default the latest progress return
    office: str | None = None  # issuing office on the cover; default the plan's issuer
    subtitle: str = "工程项目实施情况简报"
    style: str = "modern"  # one of STYLES (the Word copy is always 公文)
    masthead: bool = False  # 公文: the red 报头 instead of a cover
    masthead_name: str = "生态文明建设工作简报"
    issue: str = ""  # 期号 in the 报头, e.g. "第3期"
    send_to: str = ""  # 版记 报送
    copy_to: str = ""  # 版记 抄送

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"style must be one of {', '.join(STYLES)}: {self.style!r}")
        if self.orientation not in ("portrait", "landscape"):
            raise ValueError(f"orientation must be portrait or landscape: {self.orientation!r}")
        unknown = set(self.chapters) - set(CHAPTERS)
        if unknown:
            raise ValueError(f"unknown chapters: {', '.join(sorted(unknown))}")


@dataclass(frozen=True)
class BriefingResult:
    path: Path
    pages: int  # every page, the cover included
    projects: int
    chapters: tuple[str, ...]  # the chapters actually printed (those with data)
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    as_of: date | None = None  # the day progress and 序时进度 were judged at
    # exports.briefing_figures.OfficeFigures: every figure, traceable (typed `object`: that
    # module imports this one)
    figures: object = None
