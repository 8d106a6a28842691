"""The schedule flags over a whole filter, counted in SQL (1,000,000 projects), and the money
the filtered projects should have spent by a day. The SQL mirrors `services.schedule.judge`
to the integer; the few projects with milestones are judged one by one in Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import Integer, and_, case, func, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from models import ProgressReport, Project, ProjectStatus
from models.tracking import ProjectMilestone
from services.errors import LedgerError
from services.progress import latest_report_id_for
from services.query import ProjectFilter, filter_clauses
from services.schedule.expected import expected_cents_sql, round_cents
from services.schedule.judge import schedule_for_ids
from services.schedule.rules import LightRule, rule_for, to_cents


@dataclass(frozen=True)
class ScheduleCounts:
    reported: int  # projects with a report up to the date
    behind: int
    overdue: int
    completed_investment_wan: Decimal  # sum of the latest cumulative figures
    projects: int = 0
    done: int = 0
    on_track: int = 0
    no_report: int = 0
    yellow: int = 0
    red: int = 0


def schedule_counts(
    session: Session,
    flt: ProjectFilter,
    as_of: date | None = None,
    tolerance: Decimal | float | int | None = None,
    *,
    rule: LightRule | None = None,
) -> ScheduleCounts:
    """Counts of each flag over a whole filter, grouped in SQL (projects without milestones),
    plus the few projects with milestones judged in Python."""
    as_of = as_of or date.today()
    rule = rule_for(tolerance, rule)
    rows = flag_rows(flt, as_of, rule)
    groups = session.execute(
        select(
            rows.c.flag,
            func.count(),
            func.sum(case((rows.c.reported, 1), else_=0)),
            func.sum(rows.c.c),
        ).group_by(rows.c.flag)
    )
    return counts_from_groups(session, flt, as_of, rule, groups)


def _has_milestones():
    return select(ProjectMilestone.id).where(ProjectMilestone.project_id == Project.id).exists()


def _actual_cents_sql(pct, completed, planned):
    """SQL mirror of the reported progress in hundredths: the percentage, else completed over
    planned investment (capped at 100 %)."""
    share = (completed * 20000 + planned) // (planned * 2)
    return case(
        (pct.is_not(None), pct),
        (and_(completed.is_not(None), planned > 0), case((share > 10000, 10000), else_=share)),
        else_=None,
    )


def _flag_sql(rule: LightRule, as_of: date, status, actual):
    """SQL mirror of `judge`: on_track, behind_yellow, behind_red, overdue, done, no_report."""
    expected, elapsed, days = expected_cents_sql(as_of)
    last_year = func.coalesce(Project.end_year, Project.start_year)
    gap = expected - actual
    if rule.mode == "points":
        red = gap > to_cents(rule.red)
        yellow = gap > to_cents(rule.yellow)
    else:
        # gap/expected > threshold%  ⇔  gap·100·100 > threshold·100 · expected (integers).
        red = and_(gap > 0, gap * 10000 > to_cents(rule.red) * expected)
        yellow = and_(gap > 0, gap * 10000 > to_cents(rule.yellow) * expected)
    whens = [
        (or_done(status, actual), literal("done")),
        (and_(last_year.is_not(None), last_year < as_of.year), literal("overdue")),
    ]
    if rule.not_started_months:
        not_started = and_(
            last_year.is_not(None),
            func.coalesce(actual, 0) == 0,
            func.coalesce(status, ProjectStatus.PLANNED.value) == ProjectStatus.PLANNED.value,
            elapsed > rule.not_started_months * days,
        )
        whens.append((not_started, literal("behind_red")))
    whens += [
        (actual.is_(None), literal("no_report")),
        (last_year.is_(None), literal("on_track")),
        (red, literal("behind_red")),
        (yellow, literal("behind_yellow")),
    ]
    return case(*whens, else_=literal("on_track")).label("flag")


def flag_rows(flt: ProjectFilter, as_of: date, rule: LightRule, *, with_milestones: bool = False):
    """Subquery, one row per filtered project: pid, flag (the SQL mirror of `judge`: on_track,
    behind_yellow, behind_red, overdue, done, no_report), reported (has a report up to `as_of`),
    c (its latest 累计完成投资 in hundredths).

    Projects with milestones are left out, unless `with_milestones`: then they are in with a
    meaningless flag and `special` true, plus section_id and the report's period_end, for
    callers that also want the reports (the dashboard's planned-vs-completed shares this one
    pass; see `counts_from_groups`).
    """
    report = ProgressReport
    completed = type_coerce(report.completed_investment_wan, Integer)
    actual = _actual_cents_sql(
        type_coerce(report.progress_pct, Integer),
        completed,
        type_coerce(Project.planned_investment_wan, Integer),
    )
    has_report = report.id.is_not(None)
    status = case((has_report, report.status), else_=Project.status)
    flag = _flag_sql(rule, as_of, status, actual)
    columns = [Project.id.label("pid"), flag, has_report.label("reported"), completed.label("c")]
    clauses = filter_clauses(flt)
    if with_milestones:
        columns += [
            Project.section_id.label("section_id"),
            report.period_end.label("period_end"),
            _has_milestones().label("special"),
        ]
    else:
        clauses.append(~_has_milestones())
    # Walks the filtered projects (the covering ix_project_plan_cube for a plan) with one seek
    # each for the latest report: the whole-plan pass of the dashboard and the briefing.
    return (
        select(*columns)
        .select_from(Project)
        .outerjoin(report, report.id == latest_report_id_for(Project.id, as_of))
        .where(*clauses)
        .subquery()
    )


def _with_milestones(session: Session, flt: ProjectFilter) -> list[int]:
    """The filtered projects that have milestones: found from the milestone table (small)
    rather than by probing every filtered project."""
    with_points = select(ProjectMilestone.project_id)
    return list(
        session.scalars(select(Project.id).where(Project.id.in_(with_points), *filter_clauses(flt)))
    )


def counts_from_groups(
    session: Session,
    flt: ProjectFilter,
    as_of: date,
    rule: LightRule,
    groups: Iterable[tuple[str, int, int | None, int | None]],
) -> ScheduleCounts:
    """ScheduleCounts from `flag_rows` grouped by flag — (flag, projects, reported, sum of c)
    over the projects WITHOUT milestones — plus the projects with milestones judged here."""
    tally: dict[str, int] = {}
    reported = 0
    completed_sum = 0
    for flag_value, n, n_reported, c_sum in groups:
        tally[flag_value] = tally.get(flag_value, 0) + n
        reported += n_reported or 0
        completed_sum += c_sum or 0
    # The projects with milestones: few, judged one by one with the same rules.
    special = _with_milestones(session, flt)
    for status_ in schedule_for_ids(session, special, as_of, rule=rule).values():
        key = status_.flag
        if key == "behind":
            key = f"behind_{status_.light}"
        tally[key] = tally.get(key, 0) + 1
        if status_.period is not None:
            reported += 1
        if status_.completed_investment_wan is not None:
            completed_sum += to_cents(status_.completed_investment_wan)
    behind_yellow, behind_red = tally.get("behind_yellow", 0), tally.get("behind_red", 0)
    return ScheduleCounts(
        reported=reported,
        behind=behind_yellow + behind_red,
        overdue=tally.get("overdue", 0),
        completed_investment_wan=(Decimal(completed_sum) / 100).quantize(Decimal("0.01")),
        projects=sum(tally.values()),
        done=tally.get("done", 0),
        on_track=tally.get("on_track", 0),
        no_report=tally.get("no_report", 0),
        yellow=behind_yellow,
        red=behind_red + tally.get("overdue", 0),
    )


def or_done(status, actual):
    return or_(status == ProjectStatus.DONE.value, and_(actual.is_not(None), actual >= 10000))


def expected_investment(session: Session, flt: ProjectFilter, as_of: date) -> Decimal:
    """The money the filtered projects should have spent by `as_of` at their 序时进度:
    Σ planned × expected %. Divided by the planned total it is the plan's 序时进度 (a yearly plan
    at the end of June: 50 %). Projects with milestones follow them, as in `judge`."""
    expected, _elapsed, _days = expected_cents_sql(as_of)
    planned = type_coerce(Project.planned_investment_wan, Integer)
    # Hundredths of 万元 × hundredths of a percent: exact integers, rounded once at the end.
    total = session.scalar(
        select(func.sum(planned * expected)).where(
            *filter_clauses(flt),
            planned.is_not(None),
            Project.start_year.is_not(None) | Project.end_year.is_not(None),
            ~_has_milestones(),
        )
    )
    cents = Fraction(total or 0, 10000)
    special = _with_milestones(session, flt)
    for pid, status_ in schedule_for_ids(session, special, as_of).items():
        project = session.get(Project, pid)
        if project is None:
            raise LedgerError(f"项目不存在 (no such project): {pid}")
        if status_.expected_pct is not None and project.planned_investment_wan is not None:
            cents += Fraction(to_cents(project.planned_investment_wan)) * Fraction(
                to_cents(status_.expected_pct), 10000
            )
    return Decimal(round_cents(cents)) / 100
