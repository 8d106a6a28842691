"""Project-side figures (key figures, sections, status, years, timeline), each derived from
the project cube; only the schedule tiles and the per-project timeline ask SQL again."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import OrgKind, ProgressReport, Project, ProjectStatus, Section
from services import schedule
from services.aggregates.cubes import (
    CubeCell,
    OwnerCell,
    org_info,
    owner_cube,
    project_cube,
    tally,
)
from services.aggregates.results import (
    KeyFigures,
    ScheduleFigures,
    SectionFigure,
    StatusFigure,
    Timeline,
    TimelineBar,
    TimelineMode,
    YearBreakdown,
    YearFigure,
    YearMode,
    money,
    sum_money,
)
from services.drilldown import Drill
from services.query import ProjectFilter, filter_clauses

log = logging.getLogger(__name__)


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
    return key_from_cubes(session, cube, owners, _schedule(session, flt, as_of))


def key_from_cubes(
    session: Session,
    cube: list[CubeCell],
    owners: list[OwnerCell],
    schedule: ScheduleFigures | None,
) -> KeyFigures:
    info = org_info(session, {c.organization_id for c in owners})
    units = {oid for oid, (_name, kind) in info.items() if kind != OrgKind.GROUP}
    return KeyFigures(
        projects=sum(c.projects for c in cube),
        planned_investment_wan=money(sum(c.cents for c in cube)),
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
    if no_reports_until(session, day):
        return None
    try:
        counts = schedule.schedule_counts(session, flt, day)
    except Exception:
        # Two tiles must not take the whole dashboard (and the briefing) down with them.
        log.exception("schedule counts failed; showing the dashboard without them")
        return None
    return schedule_figures(counts, day)


def schedule_figures(counts, day: date) -> ScheduleFigures | None:
    if not counts.reported:
        return None
    return ScheduleFigures(
        as_of=day,
        reported=counts.reported,
        behind=counts.behind,
        overdue=counts.overdue,
        completed_investment_wan=sum_money(counts.completed_investment_wan),
    )


def no_reports_until(session: Session, day: date | None) -> bool:
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
    counts, cents = tally(cube, lambda c: c.section_id)
    sections = select(Section.id, Section.position, Section.name)
    if flt.plan_id is not None:
        sections = sections.where(Section.plan_id == flt.plan_id)
        if flt.section_ids:
            sections = sections.where(Section.id.in_(flt.section_ids))
    else:
        sections = sections.where(Section.id.in_(list(counts)))
    return [
        SectionFigure(sid, position, name, counts[sid], money(cents[sid]))
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
    counts, cents = tally(cube, lambda c: c.status)
    return [StatusFigure(s, counts[s], money(cents[s])) for s in STATUS_ORDER if counts[s]]


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
            years.append(YearFigure(year, per_year_count[year], money(per_year_cents[year]), drill))
    return YearBreakdown(mode, years, none_count, money(none_cents))


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
            bars.append(TimelineBar(name, sid, pos, start, stop, count, money(cents)))
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
        bars.append(TimelineBar(name, sid, position, first, stop, 1, sum_money(amount), pid))
    return Timeline(mode, bars, omitted, no_period)
