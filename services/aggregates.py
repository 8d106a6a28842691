"""Dashboard aggregates (看板统计): the figures meetings ask for, grouped in SQL.

Every function takes a session and a `services.query.ProjectFilter` (the grid's current filter,
reused through `filter_clauses`) and returns plain frozen dataclasses. The dashboard view, the
chart renderer (exports/charts.py), the PDF briefing and `main.py chart` all read this API, so
keep it stable:

    dashboard(state, session, flt, options=DashboardOptions()) -> Dashboard   (everything below)
    key_figures(session, flt, *, as_of=None) -> KeyFigures
    by_section(session, flt) -> list[SectionFigure]
    by_lead_unit(session, flt, *, top_n=10) -> LeadUnitBreakdown
    unit_participation(session, flt, *, top_n=15) -> ParticipationBreakdown
    by_area(session, flt) -> AreaBreakdown
    by_year(session, flt, *, mode="spread") -> YearBreakdown
    status_share(session, flt) -> list[StatusFigure]
    planned_vs_completed(session, flt, *, as_of=None) -> ProgressBreakdown
    timeline(session, flt, *, mode="section", limit=30) -> Timeline
    drill_filter(session, flt, drill) -> ProjectFilter     (a clicked bar → the grid's filter;
                                                          lives in services.drilldown)

Money is `Decimal` 万元 with two places everywhere; sums are exact integer-hundredths sums in SQL.

Rules (the office asked for these; the charts print them as footnotes):
- Lead unit (牵头单位): a project's first-listed owner with the role "lead"; a project counts under
  that one unit only, so the bars (top N + 其他 + 未指定) add up to the filtered total.
- Towns/streets (镇/街道, `OrgKind.TOWN`/`STREET`): "涉及投资" — a project's planned investment
  counts IN FULL for every town/street it names, and a project naming "各板块" (`OrgKind.GROUP`)
  counts in full for every town/street of the plan (those named by any project of the plan), once
  per area even if it also names the area. So an area's bar equals the total of exactly the
  projects a click on it shows in the grid; areas overlap and do not add up to the plan total
  (the chart says so).
- Years (建设期限): in "spread" mode (default) investment is spread evenly over the years of the
  period: all projects sharing one period (e.g. 2022-2024) are summed and the sum split evenly,
  residual hundredths one each to the earliest years (one project of 3,000 over 2022-2024 →
  1,000 a year). In "start" mode it all counts in the start year. Projects without a period are
  reported apart. Either way years + no period = the filtered total, to the cent.
- A unit named twice in one project (an alias and its full name) is assumed resolved to one
  owner row by services.ledger; counts are per owner row.
- Progress: the latest ProgressReport per project (by period end, then id), optionally up to an
  `as_of` date. Schedule counts (behind / overdue) come from services.schedule (the tracking
  module) when it is installed; until then `KeyFigures.schedule` is None ("no progress data yet").

Never load all projects into Python. The project-side figures (key figures, sections, status,
years, section timeline) all derive from ONE grouped pass, `project_cube` (a row per section ×
status × period, read from the covering index `ix_project_plan_cube`); the unit-side figures
(lead units, participation, towns/streets, units involved) from ONE grouped pass, `owner_cube`
(a row per unit × role), which for a whole plan reads only the owner rows' trigger-kept copies
of plan, investment and first-lead mark (models.project.ProjectOwner). `dashboard()` runs each
pass once; the single-chart functions run the pass they need. Budget: the whole dashboard of a
1,000,000-project plan in under a second (benchmarks/bench_dashboard.py). Headless: never
import Qt here.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Literal, cast

from sqlalchemy import Integer, exists, func, insert, select, type_coerce
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from models import (
    Organization,
    OrgKind,
    OwnerRole,
    ProgressReport,
    Project,
    ProjectOwner,
    ProjectStatus,
    Section,
)
from models.base import cents_to_money, to_money
from services import schedule

# Drill-down lives in services.drilldown; its names stay importable from here (the API above).
from services.drilldown import DRILL_ID_LIMIT as DRILL_ID_LIMIT
from services.drilldown import Drill, group_ids
from services.drilldown import DrillTooLarge as DrillTooLarge
from services.drilldown import drill_filter as drill_filter
from services.progress import latest_report_id_for
from services.query import ProjectFilter, filter_clauses, scope_ids
from services.tasks import Cancelled, TaskState

log = logging.getLogger(__name__)

ZERO = to_money(0)
AREA_KINDS = (OrgKind.TOWN, OrgKind.STREET)
YearMode = Literal["spread", "start"]
TimelineMode = Literal["section", "project"]

# Money is stored as integer hundredths; integer maths on the raw column keeps splits exact.
_CENTS = type_coerce(Project.planned_investment_wan, Integer)


def _money(cents: int | None) -> Decimal:
    return ZERO if cents is None else cents_to_money(cents)


def _sum_money(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


def to_yi(amount_wan: Decimal) -> Decimal:
    """万元 → 亿元 with two places (67,619.88 万元 → 6.76 亿元)."""
    return to_money(amount_wan / 10000)


# ---------------------------------------------------------------- result types


@dataclass(frozen=True)
class ScheduleFigures:
    """From services.schedule.schedule_counts: projects with a progress report, and how many lag."""

    as_of: date
    reported: int
    behind: int
    overdue: int
    completed_investment_wan: Decimal


@dataclass(frozen=True)
class KeyFigures:
    projects: int
    planned_investment_wan: Decimal
    sections: int
    units: int  # distinct organizations named by the projects (any role)
    no_investment: int  # 计划投资 "/" (not set)
    multi_year: int  # period longer than one year
    schedule: ScheduleFigures | None = None  # None = no progress data yet

    @property
    def planned_investment_yi(self) -> Decimal:
        return to_yi(self.planned_investment_wan)


@dataclass(frozen=True)
class SectionFigure:
    section_id: int
    position: int  # the section's place in its plan: the key of its colour
    name: str
    projects: int
    planned_investment_wan: Decimal

    @property
    def drill(self) -> Drill:
        return Drill(section_id=self.section_id)


@dataclass(frozen=True)
class UnitFigure:
    """One bar of the lead-unit chart; organization_id None is the "其他" (other) or "none" bar."""

    organization_id: int | None
    name: str
    projects: int
    planned_investment_wan: Decimal
    drill: Drill


@dataclass(frozen=True)
class LeadUnitBreakdown:
    top: list[UnitFigure]  # largest investment first
    other: UnitFigure | None  # the remaining lead units together ("其他"), None if none remain
    other_units: int  # how many units "其他" stands for
    no_lead: UnitFigure | None  # projects without a lead unit

    @property
    def bars(self) -> list[UnitFigure]:
        return [f for f in [*self.top, self.other, self.no_lead] if f is not None]


@dataclass(frozen=True)
class ParticipationFigure:
    organization_id: int
    name: str
    kind: OrgKind
    lead: int  # projects led
    cooperating: int  # projects joined as cooperating unit
    constructing: int  # projects joined as construction entity (建设主体)

    @property
    def total(self) -> int:
        return self.lead + self.cooperating + self.constructing

    def drill(self, role: OwnerRole | None = None) -> Drill:
        return Drill(owner_id=self.organization_id, owner_role=role)


@dataclass(frozen=True)
class ParticipationBreakdown:
    units: list[ParticipationFigure]  # most involved first, at most top_n
    omitted_units: int


@dataclass(frozen=True)
class AreaFigure:
    organization_id: int
    name: str
    kind: OrgKind
    projects: int  # projects naming this area, directly or through 各板块
    via_group: int  # of which only through 各板块
    planned_investment_wan: Decimal  # their full planned investment (涉及投资)

    @property
    def drill(self) -> Drill:
        return Drill(area_id=self.organization_id)


@dataclass(frozen=True)
class AreaBreakdown:
    areas: list[AreaFigure]  # largest investment first
    group_projects: int  # projects naming 各板块
    group_wan: Decimal


@dataclass(frozen=True)
class YearFigure:
    year: int
    projects: int  # spread: projects whose period covers the year; start: starting in it
    planned_investment_wan: Decimal
    drill: Drill


@dataclass(frozen=True)
class YearBreakdown:
    mode: YearMode
    years: list[YearFigure]  # consecutive, gaps filled with zero years
    no_period_projects: int
    no_period_wan: Decimal


@dataclass(frozen=True)
class StatusFigure:
    status: ProjectStatus
    projects: int
    planned_investment_wan: Decimal

    @property
    def drill(self) -> Drill:
        return Drill(status=self.status)


@dataclass(frozen=True)
class ProgressFigure:
    section_id: int
    position: int
    name: str
    projects: int
    planned_investment_wan: Decimal  # all filtered projects of the section
    reported_projects: int  # with at least one progress report
    completed_investment_wan: Decimal  # sum of the latest reports' 累计完成投资

    @property
    def completion_pct(self) -> Decimal | None:
        if not self.planned_investment_wan:
            return None
        return to_money(self.completed_investment_wan * 100 / self.planned_investment_wan)

    @property
    def drill(self) -> Drill:
        return Drill(section_id=self.section_id)


@dataclass(frozen=True)
class ProgressBreakdown:
    sections: list[ProgressFigure]
    latest_period_end: date | None  # None = no progress data yet

    @property
    def has_data(self) -> bool:
        return self.latest_period_end is not None


@dataclass(frozen=True)
class TimelineBar:
    label: str  # section name (section mode) or project name (project mode)
    section_id: int
    section_position: int
    start_year: int
    end_year: int
    projects: int
    planned_investment_wan: Decimal
    project_id: int | None = None  # project mode only

    @property
    def drill(self) -> Drill:
        if self.project_id is not None:
            return Drill(project_id=self.project_id)
        return Drill(section_id=self.section_id, period=(self.start_year, self.end_year))


@dataclass(frozen=True)
class Timeline:
    mode: TimelineMode
    bars: list[TimelineBar]  # table order: section, then start year
    omitted_projects: int  # project mode: not shown beyond `limit`
    no_period_projects: int


@dataclass(frozen=True)
class DashboardOptions:
    year_mode: YearMode = "spread"
    lead_top_n: int = 10
    participation_top_n: int = 15
    timeline_mode: TimelineMode = "section"
    timeline_limit: int = 30
    as_of: date | None = None  # progress: reports up to this day (None = all, schedule: today)


@dataclass(frozen=True)
class Dashboard:
    filter: ProjectFilter
    options: DashboardOptions
    key: KeyFigures
    sections: list[SectionFigure]
    lead_units: LeadUnitBreakdown
    participation: ParticipationBreakdown
    areas: AreaBreakdown
    years: YearBreakdown
    status: list[StatusFigure]
    progress: ProgressBreakdown
    timeline: Timeline
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    def chart_data(self, kind: str) -> object:
        """The data a chart kind of exports/charts.py draws."""
        return {
            "sections": self.sections,
            "lead_units": self.lead_units,
            "participation": self.participation,
            "areas": self.areas,
            "years": self.years,
            "status": self.status,
            "planned_vs_completed": self.progress,
            "timeline": self.timeline,
        }[kind]


# ---------------------------------------------------------------- the two grouped passes


@dataclass(frozen=True)
class CubeCell:
    section_id: int
    status: ProjectStatus
    start_year: int | None
    end_year: int | None  # None when start_year is None; = start_year for one-year periods
    projects: int
    cents: int  # planned investment in hundredths (projects without investment add 0)
    no_investment: int


def project_cube(session: Session, flt: ProjectFilter) -> list[CubeCell]:
    """One grouped pass over the filtered projects: a cell per section × status × period.

    A plan has a few dozen sections, four statuses and a handful of periods, so the result
    stays at most a few thousand rows even for 1,000,000 projects. Grouped by the raw columns
    (not coalesce(end, start)) so an index in that order can stream the groups without a sort.
    """
    if flt.scope is not None and _plan_only(replace(flt, scope=None)):
        # The materialized scope holds the cube's columns too: no project rows to fetch.
        t = scope_ids(flt.scope).table.c
        query = select(
            t.section_id,
            t.status,
            t.start_year,
            t.end_year,
            func.count(),
            func.sum(t.cents),
            func.count().filter(t.cents.is_(None)),
        ).group_by(t.section_id, t.status, t.start_year, t.end_year)
    else:
        query = (
            select(
                Project.section_id,
                Project.status,
                Project.start_year,
                Project.end_year,
                func.count(Project.id),
                func.sum(_CENTS),
                func.count(Project.id).filter(Project.planned_investment_wan.is_(None)),
            )
            .where(*filter_clauses(flt))
            .group_by(Project.section_id, Project.status, Project.start_year, Project.end_year)
        )
    rows = session.execute(query)
    cells: dict[tuple, list[int]] = {}
    for sid, status, start, end, n, cents, nulls in rows:
        # "2023" may be stored as (2023, None) or (2023, 2023): one period either way.
        end = start if end is None else end
        if start is None:
            end = None
        cell = cells.setdefault((sid, ProjectStatus(status), start, end), [0, 0, 0])
        cell[0] += n
        cell[1] += cents or 0
        cell[2] += nulls
    return [CubeCell(*k, *v) for k, v in cells.items()]


@dataclass(frozen=True)
class OwnerCell:
    organization_id: int
    role: OwnerRole
    first_lead: bool  # the project's first-listed lead unit
    projects: int
    cents: int


def owner_cube(session: Session, flt: ProjectFilter) -> list[OwnerCell]:
    """One grouped pass over the filtered projects' units: a cell per unit × role.

    Reads the owner rows' trigger-maintained copies of the project's plan, investment and
    "first-listed lead" mark (models.project.ProjectOwner). A filter by plan alone (the
    dashboard's usual view) walks `ix_project_owner_plan_cube` and nothing else: ~0.5 s for
    the 2.5M owner rows of 1,000,000 projects, where joining them to the wide project rows and
    finding first leads with a correlated NOT EXISTS took 12-60 s. Any other filter needs the
    project columns, so it selects the projects first and joins their owner rows by key.
    """
    po = aliased(ProjectOwner)
    cents = type_coerce(po.planned_investment_wan, Integer)
    if flt.scope is not None and _plan_only(replace(flt, scope=None)):
        # Materialized ids: straight to their owner rows and copies, no wide project rows.
        # IN (not a join) makes SQLite walk the ids and seek each project's owner rows; a
        # join let it scan all 2.5M owner rows instead (1.3 s vs 0.5 s at 1M projects).
        query = (
            select(po.organization_id, po.role, po.is_first_lead, func.count(), func.sum(cents))
            .where(po.project_id.in_(select(scope_ids(flt.scope))))
            .group_by(po.organization_id, po.role, po.is_first_lead)
        )
    elif _plan_only(flt):
        query = select(
            po.organization_id, po.role, po.is_first_lead, func.count(), func.sum(cents)
        ).select_from(po)
        if flt.plan_id is not None:
            query = query.where(po.plan_id == flt.plan_id)
        # Grouped in the index's own order (plan first), so SQLite streams it without a sort.
        query = query.group_by(po.plan_id, po.organization_id, po.role, po.is_first_lead)
    else:
        query = (
            select(po.organization_id, po.role, po.is_first_lead, func.count(), func.sum(_CENTS))
            .select_from(Project)
            .join(po, po.project_id == Project.id)
            .where(*filter_clauses(flt))
            .group_by(po.organization_id, po.role, po.is_first_lead)
        )
    cells: dict[tuple[int, OwnerRole, bool], list[int]] = {}
    for oid, role, is_first, n, total in session.execute(query):
        cell = cells.setdefault((oid, OwnerRole(role), bool(is_first)), [0, 0])
        cell[0] += n
        cell[1] += total or 0
    return [OwnerCell(*key, n, total) for key, (n, total) in cells.items()]


def _plan_only(flt: ProjectFilter) -> bool:
    """True when the filter narrows by plan at most: the owner rows alone can answer it."""
    return not filter_clauses(replace(flt, plan_id=None))


def _org_info(session: Session, ids) -> dict[int, tuple[str, OrgKind]]:
    """Display name (short name when set) and kind of some organizations."""
    ids = list(ids)
    info: dict[int, tuple[str, OrgKind]] = {}
    for start in range(0, len(ids), 500):
        for oid, name, short, kind in session.execute(
            select(
                Organization.id, Organization.name, Organization.short_name, Organization.kind
            ).where(Organization.id.in_(ids[start : start + 500]))
        ):
            info[oid] = (short or name, OrgKind(kind))
    return info


# ---------------------------------------------------------------- project-side figures


def key_figures(
    session: Session,
    flt: ProjectFilter,
    *,
    as_of: date | None = None,
    cube: list[CubeCell] | None = None,
    owners: list[OwnerCell] | None = None,
) -> KeyFigures:
    cube = project_cube(session, flt) if cube is None else cube
    owners = owner_cube(session, flt) if owners is None else owners
    return _key(session, cube, owners, _schedule(session, flt, as_of))


def _key(
    session: Session,
    cube: list[CubeCell],
    owners: list[OwnerCell],
    schedule: ScheduleFigures | None,
) -> KeyFigures:
    info = _org_info(session, {c.organization_id for c in owners})
    units = {oid for oid, (_name, kind) in info.items() if kind != OrgKind.GROUP}
    return KeyFigures(
        projects=sum(c.projects for c in cube),
        planned_investment_wan=_money(sum(c.cents for c in cube)),
        sections=len({c.section_id for c in cube}),
        units=len(units),
        no_investment=sum(c.no_investment for c in cube),
        multi_year=sum(
            c.projects
            for c in cube
            if c.start_year is not None and c.end_year is not None and c.end_year > c.start_year
        ),
        schedule=schedule,
    )


def _schedule(session: Session, flt: ProjectFilter, as_of: date | None) -> ScheduleFigures | None:
    day = as_of or date.today()
    # Without any report up to the day nothing is "reported", so the tiles would be hidden
    # anyway: one index probe instead of a pass over every project (1.2 s at 1,000,000).
    if _no_reports_until(session, day):
        return None
    try:
        counts = schedule.schedule_counts(session, flt, day)
    except Exception:
        # Two tiles must not take the whole dashboard (and the briefing) down with them.
        log.exception("schedule counts failed; showing the dashboard without them")
        return None
    return _schedule_figures(counts, day)


def _schedule_figures(counts, day: date) -> ScheduleFigures | None:
    if not counts.reported:
        return None
    return ScheduleFigures(
        as_of=day,
        reported=counts.reported,
        behind=counts.behind,
        overdue=counts.overdue,
        completed_investment_wan=_sum_money(counts.completed_investment_wan),
    )


def _no_reports_until(session: Session, day: date | None) -> bool:
    """True when no progress report at all ends on or before `day` (None: none at all)."""
    query = select(ProgressReport.id)
    if day is not None:
        query = query.where(ProgressReport.period_end <= day)
    return session.scalar(query.limit(1)) is None


def by_section(
    session: Session, flt: ProjectFilter, *, cube: list[CubeCell] | None = None
) -> list[SectionFigure]:
    """Per section, in table order; with a plan, its sections without matches show as zero."""
    cube = project_cube(session, flt) if cube is None else cube
    counts: dict[int, int] = defaultdict(int)
    cents: dict[int, int] = defaultdict(int)
    for c in cube:
        counts[c.section_id] += c.projects
        cents[c.section_id] += c.cents
    sections = select(Section.id, Section.position, Section.name)
    if flt.plan_id is not None:
        sections = sections.where(Section.plan_id == flt.plan_id)
        if flt.section_ids:
            sections = sections.where(Section.id.in_(flt.section_ids))
    else:
        sections = sections.where(Section.id.in_(list(counts)))
    return [
        SectionFigure(sid, position, name, counts[sid], _money(cents[sid]))
        for sid, position, name in session.execute(
            sections.order_by(Section.plan_id, Section.position)
        )
    ]


STATUS_ORDER = [
    ProjectStatus.PLANNED,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.DONE,
    ProjectStatus.SUSPENDED,
]


def status_share(
    session: Session, flt: ProjectFilter, *, cube: list[CubeCell] | None = None
) -> list[StatusFigure]:
    """Projects per status (only statuses that occur), in life-cycle order."""
    cube = project_cube(session, flt) if cube is None else cube
    counts: dict[ProjectStatus, int] = defaultdict(int)
    cents: dict[ProjectStatus, int] = defaultdict(int)
    for c in cube:
        counts[c.status] += c.projects
        cents[c.status] += c.cents
    return [StatusFigure(s, counts[s], _money(cents[s])) for s in STATUS_ORDER if counts[s]]


def spread_evenly(cents: int, years: int) -> list[int]:
    """Split hundredths over `years` years: equal parts, residual hundredths to the first years."""
    base, residual = divmod(cents, years)
    return [base + (1 if k < residual else 0) for k in range(years)]


def by_year(
    session: Session,
    flt: ProjectFilter,
    *,
    mode: YearMode = "spread",
    cube: list[CubeCell] | None = None,
) -> YearBreakdown:
    """Investment per year of the construction period; see the module docstring for the rule."""
    if mode not in ("spread", "start"):
        raise ValueError(f"unknown year mode: {mode}")
    cube = project_cube(session, flt) if cube is None else cube
    periods: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])  # projects, cents
    none_count = none_cents = 0
    for c in cube:
        if c.start_year is None or c.end_year is None:  # end is set whenever start is
            none_count += c.projects
            none_cents += c.cents
        else:
            periods[(c.start_year, c.end_year)][0] += c.projects
            periods[(c.start_year, c.end_year)][1] += c.cents
    per_year_cents: dict[int, int] = defaultdict(int)
    per_year_count: dict[int, int] = defaultdict(int)
    for (start, stop), (count, cents) in periods.items():
        if mode == "start":
            per_year_cents[start] += cents
            per_year_count[start] += count
            continue
        for year, share in zip(
            range(start, stop + 1), spread_evenly(cents, stop - start + 1), strict=True
        ):
            per_year_cents[year] += share
            per_year_count[year] += count
    years = []
    if per_year_count:
        for year in range(min(per_year_count), max(per_year_count) + 1):
            drill = Drill(year=year) if mode == "spread" else Drill(start_year=year)
            years.append(
                YearFigure(year, per_year_count[year], _money(per_year_cents[year]), drill)
            )
    return YearBreakdown(mode, years, none_count, _money(none_cents))


def timeline(
    session: Session,
    flt: ProjectFilter,
    *,
    mode: TimelineMode = "section",
    limit: int = 30,
    cube: list[CubeCell] | None = None,
) -> Timeline:
    """Period bars: per section and period (how many projects run 2022-2024 in 碧水), or per
    project (the `limit` largest by planned investment, shown in table order)."""
    query = select(Section.id, Section.position, Section.name)
    if flt.plan_id is not None:
        query = query.where(Section.plan_id == flt.plan_id)
    sections = {sid: (pos, name) for sid, pos, name in session.execute(query)}
    bars: list[TimelineBar] = []
    omitted = 0
    if mode == "section":
        cube = project_cube(session, flt) if cube is None else cube
        groups: dict[tuple[int, int, int], list[int]] = defaultdict(lambda: [0, 0])
        no_period = 0
        for c in cube:
            if c.start_year is None or c.end_year is None:  # end is set whenever start is
                no_period += c.projects
                continue
            groups[(c.section_id, c.start_year, c.end_year)][0] += c.projects
            groups[(c.section_id, c.start_year, c.end_year)][1] += c.cents
        for (sid, start, stop), (count, cents) in groups.items():
            pos, name = sections.get(sid, (0, ""))
            bars.append(TimelineBar(name, sid, pos, start, stop, count, _money(cents)))
        bars.sort(key=lambda b: (b.section_position, b.start_year, b.end_year))
        return Timeline(mode, bars, 0, no_period)
    if mode != "project":
        raise ValueError(f"unknown timeline mode: {mode}")
    clauses = filter_clauses(flt)
    end = func.coalesce(Project.end_year, Project.start_year)
    rows = session.execute(
        select(
            Project.id,
            Project.name,
            Project.section_id,
            Project.position,
            Project.start_year,
            end,
            Project.planned_investment_wan,
        )
        .where(Project.start_year.is_not(None), *clauses)
        .order_by(
            Project.planned_investment_wan.is_(None),
            Project.planned_investment_wan.desc(),
            Project.id,
        )
        .limit(limit)
    ).all()
    with_period, no_period = session.execute(
        select(
            func.count(Project.id).filter(Project.start_year.is_not(None)),
            func.count(Project.id).filter(Project.start_year.is_(None)),
        ).where(*clauses)
    ).one()
    omitted = with_period - len(rows)
    in_order = sorted(rows, key=lambda r: (sections.get(r[2], (0, ""))[0], r[3], r[0]))
    for pid, name, sid, _position, first, stop, amount in in_order:
        position = sections.get(sid, (0, ""))[0]
        first = cast(int, first)  # the query keeps projects with a start year only
        bars.append(TimelineBar(name, sid, position, first, stop, 1, _sum_money(amount), pid))
    return Timeline(mode, bars, omitted, no_period)


# ---------------------------------------------------------------- unit-side figures


def by_lead_unit(
    session: Session,
    flt: ProjectFilter,
    *,
    top_n: int = 10,
    owners: list[OwnerCell] | None = None,
    total: tuple[int, Decimal] | None = None,
) -> LeadUnitBreakdown:
    """Investment per first-listed lead unit: the `top_n` largest, then "其他", then "none".

    `total` (projects, investment of the filter) avoids a pass when the caller has it."""
    owners = owner_cube(session, flt) if owners is None else owners
    leads = [c for c in owners if c.first_lead]
    info = _org_info(session, {c.organization_id for c in leads})
    # Largest investment first; ties by project count, then name, so the order is stable.
    leads.sort(key=lambda c: (-c.cents, -c.projects, info[c.organization_id][0]))
    top = [
        UnitFigure(
            c.organization_id,
            info[c.organization_id][0],
            c.projects,
            _money(c.cents),
            Drill(owner_id=c.organization_id, owner_role=OwnerRole.LEAD),
        )
        for c in leads[:top_n]
    ]
    rest = leads[top_n:]
    other = None
    if rest:
        other = UnitFigure(
            None,
            "其他",
            sum(c.projects for c in rest),
            _money(sum(c.cents for c in rest)),
            Drill(lead_not_in=tuple(c.organization_id for c in leads[:top_n])),
        )
    if total is None:
        cube = project_cube(session, flt)
        total = (sum(c.projects for c in cube), _money(sum(c.cents for c in cube)))
    # Every project has at most one first lead, so "no lead" is the remainder, exactly.
    projects = total[0] - sum(c.projects for c in leads)
    amount = total[1] - _money(sum(c.cents for c in leads))
    no_lead = (
        UnitFigure(None, "未指定牵头单位", projects, amount, Drill(no_lead=True))
        if projects
        else None
    )
    return LeadUnitBreakdown(top, other, len(rest), no_lead)


def unit_participation(
    session: Session,
    flt: ProjectFilter,
    *,
    top_n: int = 15,
    owners: list[OwnerCell] | None = None,
) -> ParticipationBreakdown:
    """Projects each unit leads / cooperates in / builds, most involved units first."""
    owners = owner_cube(session, flt) if owners is None else owners
    counts: dict[int, dict[OwnerRole, int]] = defaultdict(lambda: defaultdict(int))
    for c in owners:
        counts[c.organization_id][c.role] += c.projects
    info = _org_info(session, counts)
    units = [
        ParticipationFigure(
            oid,
            info[oid][0],
            info[oid][1],
            by_role[OwnerRole.LEAD],
            by_role[OwnerRole.COOPERATING],
            by_role[OwnerRole.CONSTRUCTING],
        )
        for oid, by_role in counts.items()
        if info[oid][1] != OrgKind.GROUP  # 各板块 is not a unit; the area chart shows it
    ]
    units.sort(key=lambda u: (-u.total, -u.lead, u.name))
    return ParticipationBreakdown(units[:top_n], max(0, len(units) - top_n))


def plan_areas(session: Session, plan_id: int | None) -> list[tuple[int, str, OrgKind]]:
    """The towns/streets of a plan: those named by any of its projects (what 各板块 expands to)."""
    po = aliased(ProjectOwner)
    named = select(1).select_from(po).where(po.organization_id == Organization.id)
    if plan_id is not None:
        # The owner row's copy of its project's plan: one probe of ix_project_owner_plan_cube.
        named = named.where(po.plan_id == plan_id)
    rows = session.execute(
        select(Organization.id, Organization.name, Organization.short_name, Organization.kind)
        .where(Organization.kind.in_(AREA_KINDS), exists(named))
        .order_by(Organization.id)
    )
    return [(oid, short or name, OrgKind(kind)) for oid, name, short, kind in rows]


def by_area(
    session: Session, flt: ProjectFilter, *, owners: list[OwnerCell] | None = None
) -> AreaBreakdown:
    """Investment involving each town/street (涉及投资); see the module docstring for the rule."""
    owners = owner_cube(session, flt) if owners is None else owners
    areas = plan_areas(session, flt.plan_id)
    area_ids = [a[0] for a in areas]
    groups = group_ids(session)
    direct_count: dict[int, int] = defaultdict(int)
    direct_cents: dict[int, int] = defaultdict(int)
    group_count = group_cents = 0
    for c in owners:
        if c.organization_id in groups:
            group_count += c.projects
            group_cents += c.cents
        else:
            direct_count[c.organization_id] += c.projects
            direct_cents[c.organization_id] += c.cents
    # A project naming both 各板块 and the area counts once: take those out of the direct part.
    overlap_count: dict[int, int] = defaultdict(int)
    overlap_cents: dict[int, int] = defaultdict(int)
    if group_count and area_ids:
        for oid, n, cents in session.execute(_group_overlap(flt, groups, area_ids)):
            overlap_count[oid] += n
            overlap_cents[oid] += cents or 0
    figures = []
    for oid, name, kind in areas:
        direct = direct_count[oid] - overlap_count[oid]
        cents = direct_cents[oid] - overlap_cents[oid] + group_cents
        figures.append(
            AreaFigure(oid, name, kind, direct + group_count, group_count, _money(cents))
        )
    figures.sort(key=lambda a: (-a.planned_investment_wan, -a.projects, a.name))
    return AreaBreakdown(figures, group_count, _money(group_cents))


def _group_overlap(flt: ProjectFilter, groups: list[int], area_ids: list[int]):
    """Per area: the projects naming both 各板块 and the area (count, investment)."""
    g = aliased(ProjectOwner)
    a = aliased(ProjectOwner)
    if _plan_only(flt):
        # Owner rows alone (their copies of plan and investment): no wide project rows.
        query = (
            select(
                a.organization_id,
                func.count(),
                func.sum(type_coerce(a.planned_investment_wan, Integer)),
            )
            .select_from(g)
            .join(a, a.project_id == g.project_id)
        )
        if flt.plan_id is not None:
            # On `a` (whose row is read anyway), unindexed ("+ 0"): SQLite then walks the few
            # 各板块 rows on the covering (organization, project) index. 0.3 s instead of 0.9.
            query = query.where((a.plan_id + 0) == flt.plan_id)
    else:
        query = (
            select(a.organization_id, func.count(), func.sum(_CENTS))
            .select_from(g)
            .join(Project, Project.id == g.project_id)
            .join(a, a.project_id == Project.id)
            .where(*filter_clauses(flt))
        )
    # "+ 0" keeps SQLite off the organization index for `a`: starting from the towns' owner
    # rows (most of the plan) instead of the few 各板块 rows is 2-3x slower at 1M.
    in_areas = (a.organization_id + 0).in_(area_ids)
    return query.where(g.organization_id.in_(groups), in_areas).group_by(a.organization_id)


# ---------------------------------------------------------------- progress


def planned_vs_completed(
    session: Session,
    flt: ProjectFilter,
    *,
    as_of: date | None = None,
    cube: list[CubeCell] | None = None,
) -> ProgressBreakdown:
    """Planned vs completed investment per section, from each project's latest progress report
    (latest period end, then the later-written report, as services.progress decides)."""
    if _no_reports_until(session, as_of):
        return ProgressBreakdown([], None)
    # One seek per project on (project_id, period_end) for its latest report, walking the
    # projects along the covering index in section order: 1.2 s at 1,000,000 projects / 1.6M
    # reports where numbering every report with a window function took 4.2 s.
    report = aliased(ProgressReport)
    rows = session.execute(
        select(
            Project.section_id,
            func.count(report.id),
            func.sum(type_coerce(report.completed_investment_wan, Integer)),
            func.max(report.period_end),
        )
        .select_from(Project)
        .join(report, report.id == latest_report_id_for(Project.id, as_of))
        .where(*filter_clauses(flt))
        .group_by(Project.section_id)
    ).all()
    return _progress(session, flt, cube, rows)


def _progress(
    session: Session,
    flt: ProjectFilter,
    cube: list[CubeCell] | None,
    rows: Sequence[tuple[int, int, int | None, date | str]],
) -> ProgressBreakdown:
    """From (section, reported projects, completed hundredths, latest period end) rows of the
    sections having reports."""
    if not rows:
        return ProgressBreakdown([], None)
    done = {sid: (count, cents or 0) for sid, count, cents, _ in rows}
    # ISO dates: text order is date order
    latest_end = date.fromisoformat(max(str(r[3]) for r in rows))
    figures = []
    for s in by_section(session, flt, cube=cube):
        count, cents = done.get(s.section_id, (0, 0))
        figures.append(
            ProgressFigure(
                s.section_id,
                s.position,
                s.name,
                s.projects,
                s.planned_investment_wan,
                count,
                _money(cents),
            )
        )
    return ProgressBreakdown(figures, latest_end)


def _interrupted(exc: BaseException) -> bool:
    """A Cancel interrupted the statement (sqlite3 says so by error code, SQLITE_INTERRUPT;
    PostgreSQL by SQLSTATE 57014, query_canceled)."""
    orig = getattr(exc, "orig", exc)
    return (
        getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT
        or getattr(orig, "sqlstate", None) == "57014"
    )


@dataclass(frozen=True)
class _Tracking:
    schedule: ScheduleFigures | None
    progress_rows: list[tuple[int, int, int, date | str]]


def _tracking_pass(session: Session, flt: ProjectFilter, as_of: date | None) -> _Tracking | None:
    """The schedule tiles and planned-vs-completed from ONE walk of the projects' latest
    reports (each alone is one seek per project: ~2.5 s at 1,000,000 projects / 1.6M reports).

    None when they cannot share it: without `as_of` the schedule judges at today while the
    progress chart takes every report, so a report dated after today (rare) parts them; or
    when the shared pass fails (the separate paths then decide).
    """
    day = as_of or date.today()
    if as_of is None and session.scalar(
        select(ProgressReport.id).where(ProgressReport.period_end > day).limit(1)
    ):
        return None
    if _no_reports_until(session, day):
        return _Tracking(None, [])
    try:
        rule = schedule.rule_for(None)
        rows = schedule.flag_rows(flt, day, rule, with_milestones=True)
        groups = session.execute(
            select(
                rows.c.section_id,
                rows.c.flag,
                rows.c.special,
                func.count(),
                func.count(rows.c.period_end),  # reported: the report row joined
                func.sum(rows.c.c),
                func.max(rows.c.period_end),
            ).group_by(rows.c.section_id, rows.c.flag, rows.c.special)
        ).all()
        plain = [(flag, n, rep, c) for _s, flag, special, n, rep, c, _e in groups if not special]
        counts = schedule.counts_from_groups(session, flt, day, rule, plain)
    except Exception as exc:
        # The separate paths then run (and a Cancel, which interrupts SQLite, stops them).
        if not _interrupted(exc):
            log.exception("shared schedule/progress pass failed; running them apart")
        return None
    per_section: dict[int, list] = {}
    for sid, _flag, _special, _n, reported, cents, end in groups:
        if not reported:
            continue
        cell = per_section.setdefault(sid, [0, 0, str(end)])
        cell[0] += reported
        cell[1] += cents or 0
        cell[2] = max(cell[2], str(end))
    progress_rows = [(sid, n, cents, end) for sid, (n, cents, end) in per_section.items()]
    return _Tracking(_schedule_figures(counts, day), progress_rows)


def dashboard(
    state: TaskState | None,
    session: Session,
    flt: ProjectFilter,
    options: DashboardOptions = DashboardOptions(),
) -> Dashboard:
    """Everything the dashboard shows: two grouped passes plus the small extras, checking for
    Cancel between queries (the view's "latest request wins")."""
    state = state or TaskState()
    with _interruptible(session, state), _scoped(session, flt) as inner:
        board = _dashboard(state, session, inner, options)
    return replace(board, filter=flt)  # what the user filtered: drill-downs start from it


_SCOPE = "dashboard_scope"
_TEMP_SCHEMA = {"sqlite": "temp", "postgresql": "pg_temp"}  # never a real table of that name


@contextmanager
def _scoped(session: Session, flt: ProjectFilter) -> Iterator[ProjectFilter]:
    """A quick text filter scans every row's long texts (~0.9 s at 1,000,000 projects); the
    dashboard's passes would each repeat that scan. The matching ids go to a TEMP table once
    and every pass reads them from there instead (the plan and sections stay in the filter,
    for the passes that list a plan's sections and towns)."""
    if not flt.text.strip():
        yield flt
        return
    connection = session.connection()
    scope = scope_ids(_SCOPE).table
    cube_columns = (
        Project.id,
        Project.section_id,
        Project.status,
        Project.start_year,
        Project.end_year,
        _CENTS,
    )
    try:
        connection.exec_driver_sql(
            f"DROP TABLE IF EXISTS {_TEMP_SCHEMA[connection.dialect.name]}.{_SCOPE}"
        )
        connection.exec_driver_sql(
            f"CREATE TEMP TABLE {_SCOPE} (id INTEGER PRIMARY KEY, section_id INTEGER,"
            " status TEXT, start_year INTEGER, end_year INTEGER, cents BIGINT)"
        )
        session.execute(
            insert(scope).from_select(
                [c.name for c in scope.c], select(*cube_columns).where(*filter_clauses(flt))
            )
        )
        yield ProjectFilter(plan_id=flt.plan_id, section_ids=flt.section_ids, scope=_SCOPE)
    finally:
        # Inside the session's read transaction: if that is rolled back, an empty table may
        # stay on the pooled connection until the next text-filtered dashboard replaces it.
        connection.exec_driver_sql(
            f"DROP TABLE IF EXISTS {_TEMP_SCHEMA[connection.dialect.name]}.{_SCOPE}"
        )


@contextmanager
def _cancel_watch(raw, state: TaskState) -> Iterator[None]:
    """Ask the PostgreSQL server to cancel the running statement once Cancel is pressed."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if state.cancelled:
                with suppress(Exception):  # the statement may have just ended
                    raw.cancel_safe(timeout=2)
                return

    watcher = threading.Thread(target=watch, name="pg-cancel-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


@contextmanager
def _interruptible(session: Session, state: TaskState) -> Iterator[None]:
    """Let Cancel stop a running SQLite statement, not just the next one: a superseded refresh
    of a 1,000,000-project plan must not keep a core busy for seconds."""
    raw = getattr(session.connection().connection, "driver_connection", None)
    if hasattr(raw, "cancel_safe"):  # psycopg: the server cancels the statement on request
        with _cancel_watch(raw, state):
            try:
                yield
            except OperationalError as exc:
                if state.cancelled:
                    session.rollback()  # PostgreSQL refuses more statements in that transaction
                    raise Cancelled() from exc
                raise
        return
    if raw is None or not hasattr(raw, "set_progress_handler"):
        yield
        return
    raw.set_progress_handler(lambda: 1 if state.cancelled else 0, 20_000)
    try:
        yield
    except OperationalError as exc:
        if state.cancelled:
            raise Cancelled() from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)


def _dashboard(
    state: TaskState, session: Session, flt: ProjectFilter, options: DashboardOptions
) -> Dashboard:
    timings: dict[str, float] = {}
    results: dict[str, Any] = {}  # each figure in its own type, keyed by its Dashboard field

    def run(name: str, step):
        state.check()
        started = time.perf_counter()
        results[name] = step()
        timings[name] = time.perf_counter() - started
        state.progress(len(results), 12, name)
        return results[name]

    cube = run("project_cube", lambda: project_cube(session, flt))
    owners = run("owner_cube", lambda: owner_cube(session, flt))
    tracking = run("tracking", lambda: _tracking_pass(session, flt, options.as_of))
    if tracking is None:
        key = run(
            "key", lambda: key_figures(session, flt, as_of=options.as_of, cube=cube, owners=owners)
        )
        run("progress", lambda: planned_vs_completed(session, flt, as_of=options.as_of, cube=cube))
    else:
        key = run("key", lambda: _key(session, cube, owners, tracking.schedule))
        run("progress", lambda: _progress(session, flt, cube, tracking.progress_rows))
    run("sections", lambda: by_section(session, flt, cube=cube))
    run(
        "lead_units",
        lambda: by_lead_unit(
            session,
            flt,
            top_n=options.lead_top_n,
            owners=owners,
            total=(key.projects, key.planned_investment_wan),
        ),
    )
    run(
        "participation",
        lambda: unit_participation(session, flt, top_n=options.participation_top_n, owners=owners),
    )
    run("areas", lambda: by_area(session, flt, owners=owners))
    run("years", lambda: by_year(session, flt, mode=options.year_mode, cube=cube))
    run("status", lambda: status_share(session, flt, cube=cube))
    run(
        "timeline",
        lambda: timeline(
            session, flt, mode=options.timeline_mode, limit=options.timeline_limit, cube=cube
        ),
    )
    del results["project_cube"], results["owner_cube"], results["tracking"]
    return Dashboard(flt, options, timings=timings, **results)
