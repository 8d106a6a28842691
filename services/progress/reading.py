"""Reading progress reports: each project's latest report up to a day, one period's reports,
the period before, a project's history — all picked in SQL, a window of ids at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from models import Organization, ProgressReport, Project, ProjectOwner, ProjectStatus
from models.base import to_money
from services.progress.periods import ReportPeriod, parse_report_period


@dataclass(frozen=True)
class ReportRow:
    project_id: int
    period: str
    period_end: date
    progress_pct: Decimal | None
    completed_investment_wan: Decimal | None
    over_plan_confirmed: bool
    status: ProjectStatus | None
    narrative: str | None
    problems: str | None
    next_steps: str | None
    reporter: str | None
    reported_on: date | None


_ROW_COLUMNS = [getattr(ProgressReport, f.name) for f in fields(ReportRow)]


def _report_rows(session: Session, statement) -> dict[int, ReportRow]:
    return {r.project_id: ReportRow(**r._mapping) for r in session.execute(statement)}


def latest_report_ids(as_of: date | None = None, project_ids=None):
    """SQL: the id of each project's latest report up to `as_of` (a grouped subquery).

    Two reports may end on the same day (a monthly "2023-06" and a quarterly "2023Q2"); the
    one written later (greater id) wins.
    """
    conditions = []
    if as_of is not None:
        conditions.append(ProgressReport.period_end <= as_of)
    if project_ids is not None:
        conditions.append(ProgressReport.project_id.in_(project_ids))
    last_end = (
        select(
            ProgressReport.project_id.label("project_id"),
            func.max(ProgressReport.period_end).label("period_end"),
        )
        .where(*conditions)
        .group_by(ProgressReport.project_id)
        .subquery()
    )
    return (
        select(func.max(ProgressReport.id).label("id"), ProgressReport.project_id)
        .join(
            last_end,
            and_(
                last_end.c.project_id == ProgressReport.project_id,
                last_end.c.period_end == ProgressReport.period_end,
            ),
        )
        .group_by(ProgressReport.project_id)
        .subquery()
    )


def latest_report_id_for(project_id, as_of: date | None = None):
    """SQL scalar: the latest report id of the project in the enclosing query (correlated).

    For whole-table passes (1,000,000 projects) this one index seek per project on
    (project_id, period_end) beats grouping every report: measured 12.6 s vs 36 s at 1M
    projects / 1.6M reports on a loaded machine. Same tie rule as `latest_report_ids`.
    """
    # An alias: the outer query joins progress_report itself, which must not be correlated.
    inner = aliased(ProgressReport)
    statement = select(inner.id).where(inner.project_id == project_id)
    if as_of is not None:
        statement = statement.where(inner.period_end <= as_of)
    return (
        statement.order_by(inner.period_end.desc(), inner.id.desc())
        .limit(1)
        .correlate_except(inner)
        .scalar_subquery()
    )


def latest_reports(
    session: Session, ids: Sequence[int], as_of: date | None = None
) -> dict[int, ReportRow]:
    """Each project's latest report up to `as_of` (None = any), for a window of project ids."""
    found: dict[int, ReportRow] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        latest = latest_report_ids(as_of, chunk)
        found.update(
            _report_rows(
                session, select(*_ROW_COLUMNS).join(latest, latest.c.id == ProgressReport.id)
            )
        )
    return found


def reports_for_period(
    session: Session, period: ReportPeriod | str, ids: Sequence[int]
) -> dict[int, ReportRow]:
    label = parse_report_period(period).label
    found: dict[int, ReportRow] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            _report_rows(
                session,
                select(*_ROW_COLUMNS).where(
                    ProgressReport.period == label, ProgressReport.project_id.in_(chunk)
                ),
            )
        )
    return found


def previous_reports(
    session: Session, period: ReportPeriod | str, ids: Sequence[int]
) -> dict[int, ReportRow]:
    """The latest report *before* a period (上期), to show beside this period's entry."""
    p = parse_report_period(period)
    found: dict[int, ReportRow] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        # The latest pick with a strict upper bound: the day before this period starts.
        before = latest_report_ids(date.fromordinal(p.start.toordinal() - 1), chunk)
        found.update(
            _report_rows(
                session, select(*_ROW_COLUMNS).join(before, before.c.id == ProgressReport.id)
            )
        )
    return found


def report_history(session: Session, project_id: int) -> list[ReportRow]:
    """All reports of a project, newest first."""
    rows = session.execute(
        select(*_ROW_COLUMNS)
        .where(ProgressReport.project_id == project_id)
        .order_by(ProgressReport.period_end.desc(), ProgressReport.id.desc())
    )
    return [ReportRow(**r._mapping) for r in rows]


def reported_periods(session: Session, plan_id: int) -> list[str]:
    """Periods that have reports in a plan, newest first (for the period picker)."""
    rows = session.execute(
        select(ProgressReport.period, func.max(ProgressReport.period_end))
        .join(Project, Project.id == ProgressReport.project_id)
        .where(Project.plan_id == plan_id)
        .group_by(ProgressReport.period)
        .order_by(func.max(ProgressReport.period_end).desc(), ProgressReport.period)
    )
    return [label for label, _end in rows]


def units_of_plan(session: Session, plan_id: int) -> list[tuple[int, str, int]]:
    """(organization id, name, projects) of every unit responsible in a plan, by name — the
    progress view's "enter one unit's progress" filter. One grouped query."""
    rows = session.execute(
        select(Organization.id, Organization.name, func.count(ProjectOwner.project_id))
        .join(ProjectOwner, ProjectOwner.organization_id == Organization.id)
        .join(Project, Project.id == ProjectOwner.project_id)
        .where(Project.plan_id == plan_id)
        .group_by(Organization.id, Organization.name)
        .order_by(Organization.name)
    )
    return [(oid, name, count) for oid, name, count in rows]


def completed_investment(session: Session, plan_id: int, as_of: date | None = None) -> Decimal:
    """Sum of each project's latest cumulative completed investment (万元), in SQL."""
    total = session.scalar(
        select(func.sum(ProgressReport.completed_investment_wan))
        .select_from(Project)
        .join(ProgressReport, ProgressReport.id == latest_report_id_for(Project.id, as_of))
        .where(Project.plan_id == plan_id)
    )
    return total if total is not None else to_money(0)
