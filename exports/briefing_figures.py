"""The key figures of a briefing, each with the rows behind it.

Every number the 公文 text and the Word copy print is a `Figure`: its value as printed, the
service it came from, the filter and as-of day it was computed for, and the ids of the projects
behind it. The PDF links a figure to the appendix listing those projects, the GUI opens them in
the grid, and `brief OUT --sources OUT.json` writes them all (`sources_json`).

The values come from the same services as the dashboard — services.aggregates (via
BriefingData), services.schedule (counts, 序时进度), services.indicators and
services.rectifications — never from a count of our own. Headless: no Qt, no reportlab.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from exports.briefing_data import BehindRow, BriefingData, Tracking, gather, lead_name
from exports.briefing_options import BriefingOptions
from models import ProgressReport, Project
from services import rectifications as rect_service
from services import schedule
from services.parsing import format_money
from services.query import ProjectFilter, filter_clauses, project_ids, rows_for_ids
from services.tasks import TaskState

ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Figure:
    key: str  # "completed_wan", "behind", "behind_unit_3" …; also the PDF anchor name
    label: str  # what it counts, in the briefing's words
    value: str  # as printed ("12,345.67")
    unit: str  # "万元", "项", "%", "个百分点"
    source: str  # the service call it comes from
    rule: str  # which rows count, in words
    project_ids: tuple[int, ...] = ()  # the projects behind it; () = not a project figure
    appendix: str | None = None  # the appendix anchor listing those projects

    def text(self) -> str:
        return f"{self.value}{self.unit}"


@dataclass(frozen=True)
class UnitBehind:
    """Projects behind schedule or overdue of one lead unit."""

    unit: str
    rows: list[BehindRow]
    figure: Figure


@dataclass
class OfficeFigures:
    as_of: date
    flt: ProjectFilter
    figures: dict[str, Figure] = field(default_factory=dict)
    expected_pct: Decimal | None = None  # the scope's 序时进度 (investment-weighted)
    completed_pct: Decimal | None = None
    behind_rows: list[BehindRow] = field(default_factory=list)
    by_unit: list[UnitBehind] = field(default_factory=list)
    rect_counts: dict[str, int] | None = None

    def add(self, figure: Figure) -> Figure:
        self.figures[figure.key] = figure
        return figure

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def get(self, key: str) -> Figure | None:
        return self.figures.get(key)


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_PLACE, ROUND_HALF_UP)


def reported_ids(session: Session, flt: ProjectFilter, as_of: date) -> tuple[int, ...]:
    """Projects with a progress report for a period ending by `as_of` (schedule's "reported")."""
    return tuple(
        session.scalars(
            select(Project.id)
            .where(*filter_clauses(flt))
            .where(
                select(ProgressReport.id)
                .where(ProgressReport.project_id == Project.id, ProgressReport.period_end <= as_of)
                .exists()
            )
            .order_by(Project.id)
        )
    )


def gather_figures(session: Session, data: BriefingData, as_of: date) -> OfficeFigures:
    out = OfficeFigures(as_of, data.flt)
    everything = _scope_figures(out, session, data)
    track = data.tracking
    if track is not None:
        _progress_figures(out, session, data, track, everything)
        _behind_figures(out, track)
        _unit_figures(out, track)
    if data.indicators:
        _indicator_figures(out, data)
    if data.rectifications:
        _rectification_figures(out, session, data)
    return out


def _scope_figures(out: OfficeFigures, session: Session, data: BriefingData) -> tuple[int, ...]:
    """The scope's projects and planned investment; returns the ids of all its projects."""
    flt, key = data.flt, data.key
    everything = tuple(project_ids(session, flt))
    scope_rule = "全部项目" if data.whole_plan else f"所选范围：{data.scope_label}"
    out.add(
        Figure(
            "projects",
            "工程项目",
            f"{key.projects:,}",
            "个",
            "services.aggregates.key_figures",
            scope_rule,
            everything,
            "att-projects",
        )
    )
    out.add(
        Figure(
            "planned_wan",
            "计划总投资",
            format_money(key.planned_investment_wan),
            "万元",
            "services.aggregates.key_figures",
            scope_rule + "的计划投资之和",
            everything,
            "att-projects",
        )
    )
    return everything


def _progress_figures(
    out: OfficeFigures,
    session: Session,
    data: BriefingData,
    track: Tracking,
    everything: tuple[int, ...],
) -> None:
    """Reported projects, completed investment, its share and the scope's 序时进度."""
    flt, key, as_of = data.flt, data.key, out.as_of
    counts = track.counts
    reported = reported_ids(session, flt, as_of)
    out.add(
        Figure(
            "reported",
            "已报送进展项目",
            f"{counts.reported:,}",
            "个",
            "services.schedule.schedule_counts",
            f"截至{as_of.isoformat()}有进展填报的项目",
            reported,
            "att-completed",
        )
    )
    out.add(
        Figure(
            "completed_wan",
            "累计完成投资",
            format_money(counts.completed_investment_wan),
            "万元",
            "services.schedule.schedule_counts",
            f"各项目截至{as_of.isoformat()}最近一期填报的累计完成投资之和",
            reported,
            "att-completed",
        )
    )
    total = key.planned_investment_wan
    if total:
        expected_wan = schedule.expected_investment(session, flt, as_of)
        out.expected_pct = pct(expected_wan, total)
        out.completed_pct = pct(counts.completed_investment_wan, total)
        gap = out.completed_pct - out.expected_pct
        out.add(
            Figure(
                "completed_pct",
                "完成投资占计划比例",
                f"{out.completed_pct}",
                "%",
                "services.schedule.schedule_counts / services.aggregates.key_figures",
                "累计完成投资 ÷ 计划总投资",
                reported,
                "att-completed",
            )
        )
        out.add(
            Figure(
                "expected_pct",
                "序时进度",
                f"{out.expected_pct}",
                "%",
                "services.schedule.expected_investment",
                f"各项目按建设期限（或节点）截至{as_of.isoformat()}应完成的投资之和 ÷ 计划总投资",
                everything,
                "att-projects",
            )
        )
        out.add(
            Figure(
                "schedule_gap",
                "与序时进度相差",
                f"{abs(gap)}",
                "个百分点",
                "services.schedule",
                "完成投资比例 − 序时进度（正数为超过序时进度）",
                reported,
                "att-completed",
            )
        )


def _behind_figures(out: OfficeFigures, track: Tracking) -> None:
    """Projects behind schedule, overdue and done."""
    counts = track.counts
    out.behind_rows = list(track.behind)
    lagging = [b for b in track.behind if b.flag == "behind"]
    overdue = [b for b in track.behind if b.flag == "overdue"]
    out.add(
        Figure(
            "behind",
            "慢于序时进度项目",
            f"{counts.behind:,}",
            "个",
            "services.schedule.schedule_counts",
            "实际进度低于序时进度超过容差的项目",
            tuple(b.project_id for b in lagging),
            "att-behind",
        )
    )
    out.add(
        Figure(
            "overdue",
            "逾期未完成项目",
            f"{counts.overdue:,}",
            "个",
            "services.schedule.schedule_counts",
            "建设期限已过仍未完成的项目",
            tuple(b.project_id for b in overdue),
            "att-behind",
        )
    )
    out.add(
        Figure(
            "done",
            "已完成项目",
            f"{counts.done:,}",
            "个",
            "services.schedule.schedule_counts",
            "填报已建成或进度达到100%的项目",
        )
    )


def _unit_figures(out: OfficeFigures, track: Tracking) -> None:
    """Projects behind schedule or overdue per lead unit, the unit with most first."""
    units: dict[str, list[BehindRow]] = {}
    for row in track.behind:
        units.setdefault(row.lead or "未明确牵头单位", []).append(row)
    ranked = sorted(units.items(), key=lambda item: (-len(item[1]), item[0]))
    for n, (unit, rows) in enumerate(ranked, 1):
        figure = out.add(
            Figure(
                f"behind_unit_{n}",
                f"{unit}滞后（逾期）项目",
                f"{len(rows)}",
                "个",
                "services.schedule.schedule_for_ids",
                f"牵头单位为{unit}、慢于序时进度或逾期的项目",
                tuple(r.project_id for r in rows),
                f"att-behind-{n}",
            )
        )
        out.by_unit.append(UnitBehind(unit, rows, figure))


def _indicator_figures(out: OfficeFigures, data: BriefingData) -> None:
    measured = [i for i in data.indicators if i.actual is not None]
    met = [i for i in measured if i.met]
    for k, label, items in (
        ("indicators", "工作目标指标", data.indicators),
        ("indicators_met", "达标指标", met),
        ("indicators_not_met", "未达标指标", [i for i in measured if not i.met]),
    ):
        out.add(
            Figure(
                k,
                label,
                f"{len(items)}",
                "项",
                "services.indicators.indicator_statuses",
                "、".join(i.name for i in items) or "无",
            )
        )


def _rectification_figures(out: OfficeFigures, session: Session, data: BriefingData) -> None:
    as_of = out.as_of
    counts = rect_service.rectification_counts(session, data.plan.id, as_of)
    out.rect_counts = counts
    for k, label in (
        ("total", "排查问题"),
        ("closed", "已整改销号"),
        ("in_progress", "整改中"),
        ("open", "未整改"),
        ("overdue", "超过整改时限未销号"),
    ):
        out.add(
            Figure(
                f"rect_{k}",
                label,
                f"{counts[k]}",
                "个",
                "services.rectifications.rectification_counts",
                f"问题整改清单，截至{as_of.isoformat()}",
            )
        )


def prepare(
    state: TaskState, session: Session, options: BriefingOptions
) -> tuple[BriefingData, OfficeFigures, dict[str, float]]:
    """The figures of a briefing in any style or format, judged at one as-of day."""
    timings: dict[str, float] = {}
    as_of = options.as_of or schedule.default_as_of(session, options.plan_id)
    t = time.perf_counter()
    data = gather(
        state, session, options.plan_id, options.flt, chapters=options.chapters, as_of=as_of
    )
    timings["gather"] = time.perf_counter() - t
    t = time.perf_counter()
    figures = gather_figures(session, data, as_of)
    timings["figures"] = time.perf_counter() - t
    return data, figures, timings


LIST_HEADER = (
    "序号",
    "项目名称",
    "牵头单位",
    "计划投资",
    "累计完成投资",
    "实际进度",
    "序时进度",
    "状态",
)
FLAG_WORDS = {
    "on_track": "正常推进",
    "behind": "慢于序时",
    "overdue": "逾期未完成",
    "done": "已完成",
    "no_report": "未报送",
}


def traced_lists(figures: OfficeFigures) -> list[tuple[str, str, tuple[int, ...]]]:
    """(anchor, heading, project ids) of each list of the figure-sources appendix."""
    out = []
    reported = figures.get("reported")
    if reported is not None and reported.project_ids:
        out.append(("att-completed", "已报送进展项目及累计完成投资", reported.project_ids))
    for n, unit in enumerate(figures.by_unit, 1):
        out.append((f"att-behind-{n}", f"{unit.unit}滞后（逾期）项目", unit.figure.project_ids))
    return out


def project_list_values(session: Session, ids: tuple[int, ...], as_of: date) -> list[list[str]]:
    """The cells of an appendix list (LIST_HEADER): each project with its progress at `as_of`."""
    statuses = schedule.schedule_for_ids(session, list(ids), as_of)
    rows = []
    for n, row in enumerate(rows_for_ids(session, list(ids)), 1):
        status = statuses.get(row.id)
        rows.append(
            [
                str(n),
                row.name,
                lead_name(row.owners),
                format_money(row.planned_investment_wan),
                format_money(status.completed_investment_wan if status else None),
                _pct(status.actual_pct if status else None),
                _pct(status.expected_pct if status else None),
                FLAG_WORDS.get(status.flag, status.flag) if status else "",
            ]
        )
    return rows


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def sources_json(figures: OfficeFigures, *, plan_title: str, made: datetime) -> dict:
    """Every figure with its source, filter and as-of day (`brief --sources OUT.json`)."""
    return {
        "plan": plan_title,
        "as_of": figures.as_of.isoformat(),
        "generated": made.isoformat(timespec="seconds"),
        "filter": {k: _plain(v) for k, v in figures.flt.describe().items()},
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "value": f.value,
                "unit": f.unit,
                "source": f.source,
                "rule": f.rule,
                "as_of": figures.as_of.isoformat(),
                "projects": len(f.project_ids),
                "project_ids": list(f.project_ids),
            }
            for f in figures.figures.values()
        ],
    }


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "value"):  # enums
        return value.value
    return value
