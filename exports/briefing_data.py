"""The figures a PDF briefing (简报) prints, gathered from the services in a few SQL queries.

Everything here is small: group-by results (per section, unit, town, year), the plan's
indicators and rectifications, and the list of projects behind schedule. The project table
itself is never loaded here — it is streamed window by window while the PDF is laid out
(exports/briefing_tables.py). Headless: never import Qt; never load all projects as ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from models import (
    ConstructionKind,
    IndicatorDirection,
    Organization,
    OwnerRole,
    Plan,
    ProgressReport,
    Project,
    ProjectOwner,
    Rectification,
    RectificationStatus,
)
from models.base import to_money
from services import aggregates
from services.query import ProjectFilter, filter_clauses
from services.schedule import ScheduleCounts, schedule_counts, schedule_for_ids
from services.tasks import TaskState

ZERO = to_money(0)


@dataclass(frozen=True)
class PlanInfo:
    id: int
    title: str
    region: str | None
    doc_number: str | None
    issuer: str | None
    issue_date: date | None
    year_start: int
    year_end: int | None
    table_title: str | None

    @property
    def years_label(self) -> str:
        if self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}—{self.year_end}"
        return str(self.year_start)


@dataclass(frozen=True)
class UnitRow:
    """One line of the by-unit chapter: a unit's projects as lead and as other participant."""

    organization_id: int
    name: str
    lead_projects: int
    lead_wan: Decimal
    other_projects: int  # cooperating or construction entity (配合 / 建设主体)
    other_wan: Decimal


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit: str | None
    direction: IndicatorDirection
    target: Decimal
    actual: Decimal | None
    period: str | None  # the period of `actual`

    @property
    def met(self) -> bool | None:
        from services.indicators import is_met

        return is_met(self.direction, self.target, self.actual)


@dataclass(frozen=True)
class RectificationRow:
    seq_label: str | None
    category: str | None
    description: str
    towns: str | None
    deadline: date | None
    status: RectificationStatus
    closed_on: date | None


@dataclass(frozen=True)
class BehindRow:
    project_id: int
    section: str
    name: str
    lead: str
    planned_wan: Decimal | None
    period: str
    expected_pct: Decimal | None
    actual_pct: Decimal | None
    completed_wan: Decimal | None
    flag: str  # "behind" | "overdue"
    light: str | None
    report_period: str | None


@dataclass(frozen=True)
class Tracking:
    """Progress figures; present only when the scope has progress reports."""

    as_of: date
    counts: ScheduleCounts
    behind: list[BehindRow]


@dataclass
class BriefingData:
    plan: PlanInfo
    flt: ProjectFilter  # the scope, always with plan_id set
    whole_plan: bool
    key: aggregates.KeyFigures
    sections: list[aggregates.SectionFigure]  # sections with projects in scope, table order
    lead_units: aggregates.LeadUnitBreakdown
    areas: aggregates.AreaBreakdown
    years: aggregates.YearBreakdown
    status: list[aggregates.StatusFigure]
    continued: int  # 续建
    continued_wan: Decimal
    multi_year_wan: Decimal
    plan_projects: int  # the whole plan, for "占全部计划的 X%" of a filtered briefing
    plan_total_wan: Decimal
    scope_label: str = ""  # what the filter selects, in words ("" = whole plan)
    units: list[UnitRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    rectifications: list[RectificationRow] = field(default_factory=list)
    tracking: Tracking | None = None


def plan_info(session: Session, plan_id: int) -> PlanInfo:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise LookupError(f"找不到方案 (no such plan): {plan_id}")
    return PlanInfo(
        plan.id,
        plan.title,
        plan.region,
        plan.doc_number,
        plan.issuer,
        plan.issue_date,
        plan.year_start,
        plan.year_end,
        plan.notes,
    )


def scope_filter(plan_id: int, flt: ProjectFilter | None) -> tuple[ProjectFilter, bool]:
    """The filter of the briefing and whether it is the whole plan."""
    if flt is None:
        return ProjectFilter(plan_id=plan_id), True
    scoped = replace(flt, plan_id=plan_id)
    return scoped, scoped == ProjectFilter(plan_id=plan_id)


def _continued(session: Session, flt: ProjectFilter) -> tuple[int, Decimal, Decimal]:
    count, amount, multi = session.execute(
        select(
            func.count(Project.id).filter(Project.construction_kind == ConstructionKind.CONTINUED),
            func.sum(Project.planned_investment_wan).filter(
                Project.construction_kind == ConstructionKind.CONTINUED
            ),
            func.sum(Project.planned_investment_wan).filter(Project.end_year > Project.start_year),
        ).where(*filter_clauses(flt))
    ).one()
    return count or 0, amount or ZERO, multi or ZERO


def unit_rows(session: Session, flt: ProjectFilter) -> list[UnitRow]:
    """Per unit: projects led and joined, with their planned investment (one GROUP BY)."""
    po = aliased(ProjectOwner)
    is_lead = po.role == OwnerRole.LEAD
    rows = session.execute(
        select(
            po.organization_id,
            func.count(func.distinct(Project.id)).filter(is_lead),
            func.sum(Project.planned_investment_wan).filter(is_lead),
            func.count(func.distinct(Project.id)).filter(~is_lead),
            func.sum(Project.planned_investment_wan).filter(~is_lead),
        )
        .select_from(Project)
        .join(po, po.project_id == Project.id)
        .where(*filter_clauses(flt))
        .group_by(po.organization_id)
    ).all()
    names = {
        oid: short or name
        for oid, name, short in session.execute(
            select(Organization.id, Organization.name, Organization.short_name).where(
                Organization.id.in_([r[0] for r in rows])
            )
        )
    }
    out = [
        UnitRow(oid, names.get(oid, "?"), lc or 0, la or ZERO, oc or 0, oa or ZERO)
        for oid, lc, la, oc, oa in rows
    ]
    # Most money led first, then most involvement: the order a meeting reads the table in.
    out.sort(key=lambda u: (-u.lead_wan, -u.lead_projects, -u.other_projects, u.name))
    return out


def indicator_rows(session: Session, plan_id: int) -> list[IndicatorRow]:
    """Each indicator with its latest actual value (the tracking module decides "latest")."""
    from services.indicators import indicator_statuses

    return [
        IndicatorRow(item.name, item.unit, item.direction, item.target, item.actual, item.period)
        for item in indicator_statuses(session, plan_id)
    ]


def rectification_rows(session: Session, plan_id: int) -> list[RectificationRow]:
    return [
        RectificationRow(
            r.seq_label,
            r.category,
            r.description,
            r.towns_text,
            r.deadline,
            r.status,
            r.closed_on,
        )
        for r in session.scalars(
            select(Rectification)
            .where(Rectification.plan_id == plan_id)
            .order_by(Rectification.position)
        )
    ]


def latest_report_date(session: Session, flt: ProjectFilter) -> date | None:
    """The newest progress period end in scope: the natural "as of" of a briefing."""
    value = session.scalar(
        select(func.max(ProgressReport.period_end))
        .join(Project, Project.id == ProgressReport.project_id)
        .where(*filter_clauses(flt))
    )
    if isinstance(value, str):  # max() over a Date column can come back as text in SQLite
        value = date.fromisoformat(value)
    return value


def tracking(
    state: TaskState,
    session: Session,
    flt: ProjectFilter,
    as_of: date | None,
    *,
    with_list: bool = True,
) -> Tracking | None:
    """Schedule counts and the behind-schedule list, or None without progress data (the
    briefing then has no progress paragraph and no behind-schedule chapter)."""
    day = as_of or latest_report_date(session, flt)
    if day is None:
        return None
    counts = schedule_counts(session, flt, day)
    if not counts.reported:
        return None
    behind: list[BehindRow] = []
    if with_list and (counts.behind or counts.overdue):
        behind = _behind_rows(state, session, flt, day, schedule_for_ids)
    return Tracking(day, counts, behind)


def _behind_rows(state, session, flt, day, schedule_for_ids) -> list[BehindRow]:
    from services.query import project_ids, rows_for_ids

    ids = project_ids(session, flt)
    sections = {s.section_id: s.name for s in aggregates.by_section(session, flt)}
    found: list[BehindRow] = []
    for start in range(0, len(ids), 2000):
        state.check()
        window = ids[start : start + 2000]
        flags = schedule_for_ids(session, window, day)
        lagging = [pid for pid in window if flags[pid].flag in ("behind", "overdue")]
        for row in rows_for_ids(session, lagging):
            status = flags[row.id]
            found.append(
                BehindRow(
                    row.id,
                    sections.get(row.section_id, ""),
                    row.name,
                    lead_name(row.owners),
                    row.planned_investment_wan,
                    period_label(row.start_year, row.end_year),
                    status.expected_pct,
                    status.actual_pct,
                    status.completed_investment_wan,
                    status.flag,
                    status.light,
                    status.period,
                )
            )
    # Red before yellow, then the widest gap first: the order a review meeting goes through.
    found.sort(
        key=lambda b: (
            0 if b.flag == "overdue" or b.light == "red" else 1,
            -((b.expected_pct or 0) - (b.actual_pct or 0)),
        )
    )
    return found


def lead_name(owners: list[tuple[str, OwnerRole]]) -> str:
    for name, role in owners:
        if role == OwnerRole.LEAD:
            return name
    return owners[0][0] if owners else ""


def period_label(start: int | None, end: int | None) -> str:
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return str(start or end)
    return f"{start}-{end}"


STATUS_WORDS = {"planned": "未开工", "in_progress": "在建", "done": "已建成", "suspended": "暂停"}
ROLE_WORDS = {"lead": "牵头", "cooperating": "配合", "constructing": "建设主体"}


def describe_scope(session: Session, flt: ProjectFilter) -> str:
    """The filter in words for the cover and the summary ("关键词“水”；年度：2023")."""
    from models import Section

    parts: list[str] = []
    if flt.section_ids:
        names = session.scalars(
            select(Section.name).where(Section.id.in_(flt.section_ids)).order_by(Section.position)
        ).all()
        parts.append("重点任务：" + "、".join(names))
    if flt.text.strip():
        parts.append("关键词“" + " ".join(flt.text.split()) + "”")
    if flt.project_type:
        parts.append("项目类型：" + flt.project_type)
    if flt.owner_id is not None:
        org = session.get(Organization, flt.owner_id)
        role = f"（{ROLE_WORDS.get(str(flt.owner_role), '')}）" if flt.owner_role else ""
        parts.append("责任单位：" + (org.display_name if org else "?") + role)
    if flt.year is not None:
        parts.append(f"建设年度：{flt.year}年")
    if flt.status is not None:
        parts.append("状态：" + STATUS_WORDS.get(str(flt.status), str(flt.status)))
    if flt.ids is not None:
        parts.append(f"选定项目{len(flt.ids)}项")
    return "；".join(parts) or "全部项目"


CHAPTER_DATA = ("units", "indicators", "rectifications", "behind")


def gather(
    state: TaskState,
    session: Session,
    plan_id: int,
    flt: ProjectFilter | None = None,
    *,
    chapters: frozenset[str] = frozenset(CHAPTER_DATA),
    as_of: date | None = None,
) -> BriefingData:
    """All figures of a briefing; optional chapters' data only when asked for."""
    plan = plan_info(session, plan_id)
    scoped, whole = scope_filter(plan_id, flt)
    steps = 8
    state.progress(0, steps, "统计总体情况")
    key = aggregates.key_figures(session, scoped, as_of=as_of)
    state.progress(1, steps, "统计各重点任务")
    sections = [s for s in aggregates.by_section(session, scoped) if s.projects or whole]
    state.progress(2, steps, "统计责任单位")
    lead_units = aggregates.by_lead_unit(session, scoped, top_n=12)
    state.progress(3, steps, "统计镇街板块")
    areas = aggregates.by_area(session, scoped)
    years = aggregates.by_year(session, scoped)
    status = aggregates.status_share(session, scoped)
    continued, continued_wan, multi_wan = _continued(session, scoped)
    whole_key = key if whole else aggregates.key_figures(session, ProjectFilter(plan_id=plan_id))
    data = BriefingData(
        plan,
        scoped,
        whole,
        key,
        sections,
        lead_units,
        areas,
        years,
        status,
        continued,
        continued_wan,
        multi_wan,
        whole_key.projects,
        whole_key.planned_investment_wan,
        "" if whole else describe_scope(session, scoped),
    )
    state.progress(4, steps, "统计责任单位明细")
    if "units" in chapters:
        data.units = unit_rows(session, scoped)
    state.progress(5, steps, "读取目标指标")
    if "indicators" in chapters:
        data.indicators = indicator_rows(session, plan_id)
    if "rectifications" in chapters:
        data.rectifications = rectification_rows(session, plan_id)
    state.progress(6, steps, "核对序时进度")
    data.tracking = tracking(state, session, scoped, as_of, with_list="behind" in chapters)
    state.progress(steps, steps, "")
    return data
