"""One project's schedule flag and light (`judge`), and the flags of a window of grid rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Project, ProjectStatus
from services.progress import latest_reports
from services.schedule.expected import Milestone, expected_progress
from services.schedule.milestones import milestones_for
from services.schedule.rules import LightRule, light_of, rule_for, to_cents


@dataclass(frozen=True)
class ScheduleStatus:
    expected_pct: Decimal | None
    actual_pct: Decimal | None
    completed_investment_wan: Decimal | None
    flag: str  # one of FLAGS
    light: str | None = None  # "green" | "yellow" | "red"; None when there is nothing to judge
    period: str | None = None  # the latest report's period

    @property
    def gap(self) -> Decimal | None:
        """Points behind the expected progress (negative = ahead)."""
        if self.expected_pct is None or self.actual_pct is None:
            return None
        return self.expected_pct - self.actual_pct


def _actual_cents(pct: Decimal | None, completed: Decimal | None, planned: Decimal | None):
    if pct is not None:
        return to_cents(pct)
    if completed is not None and planned:
        c, p = to_cents(completed), to_cents(planned)
        return min(10000, (2 * c * 10000 + p) // (2 * p))
    return None


def judge(
    *,
    start_year: int | None,
    end_year: int | None,
    project_status: ProjectStatus | None,
    planned: Decimal | None,
    report_pct: Decimal | None,
    report_completed: Decimal | None,
    report_status: ProjectStatus | None,
    has_report: bool,
    as_of: date,
    rule: LightRule,
    milestones: Sequence[Milestone] | None = None,
    period: str | None = None,
) -> ScheduleStatus:
    """The flag of one project; the SQL in `schedule_counts` mirrors this exactly."""
    expected = expected_progress(start_year, end_year, as_of, milestones)
    actual = _actual_cents(report_pct, report_completed, planned)
    actual_pct = None if actual is None else Decimal(actual) / 100
    status = report_status or (None if has_report else project_status)

    def result(flag: str, light: str | None) -> ScheduleStatus:
        return ScheduleStatus(expected, actual_pct, report_completed, flag, light, period)

    if status == ProjectStatus.DONE or (actual is not None and actual >= 10000):
        return result("done", "green")
    last_year = end_year or start_year
    if last_year is not None and as_of > date(last_year, 12, 31):
        return result("overdue", "red")
    first = start_year or end_year
    if rule.not_started_months and first and (actual in (None, 0)):
        months_in = (as_of.year - first) * 12 + as_of.month - 1
        if status in (None, ProjectStatus.PLANNED) and months_in >= rule.not_started_months:
            return result("behind", "red")
    if actual is None or expected is None:
        return result("no_report" if actual is None else "on_track", None)
    light = light_of(rule, to_cents(expected), actual)
    return result("on_track" if light == "green" else "behind", light)


def schedule_for_ids(
    session: Session,
    ids: Sequence[int],
    as_of: date | None = None,
    tolerance: Decimal | float | int | None = None,
    *,
    rule: LightRule | None = None,
) -> dict[int, ScheduleStatus]:
    """Flags for a window of projects (what the grid is about to paint)."""
    as_of = as_of or date.today()
    rule = rule_for(tolerance, rule)
    ids = list(ids)
    reports = latest_reports(session, ids, as_of)
    milestones = milestones_for(session, ids)
    out: dict[int, ScheduleStatus] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(
                Project.id,
                Project.start_year,
                Project.end_year,
                Project.status,
                Project.planned_investment_wan,
            ).where(Project.id.in_(chunk))
        )
        for pid, start_year, end_year, status, planned in rows:
            report = reports.get(pid)
            out[pid] = judge(
                start_year=start_year,
                end_year=end_year,
                project_status=status,
                planned=planned,
                report_pct=report.progress_pct if report else None,
                report_completed=report.completed_investment_wan if report else None,
                report_status=report.status if report else None,
                has_report=report is not None,
                as_of=as_of,
                rule=rule,
                milestones=milestones.get(pid),
                period=report.period if report else None,
            )
    return out
