"""Expected progress (序时进度) at a day: linear over the construction period, or piecewise
linear through a project's milestones. Hundredths of a percent, the same integers in Python
(`linear_cents`) and in SQL (`expected_cents_sql`)."""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import case, func

from models import Project

Milestone = tuple[date, Decimal]


def _month_time(day: date) -> Fraction:
    """Months since year 0 at the end of `day` (the day counts as elapsed)."""
    days = calendar.monthrange(day.year, day.month)[1]
    return Fraction(day.year * 12 + day.month - 1) + Fraction(day.day, days)


def round_cents(value: Fraction) -> int:
    """Hundredths of a percent, half up (the office's spreadsheets round that way)."""
    return int((value * 2 + 1) // 2)


def linear_cents(start_year: int, end_year: int, as_of: date) -> int:
    # Integer arithmetic identical to the SQL in `expected_cents_sql`.
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    elapsed = (as_of.year - start_year) * 12 * days + (as_of.month - 1) * days + as_of.day
    total = (end_year - start_year + 1) * 12 * days
    cents = (2 * elapsed * 10000 + total) // (2 * total)
    return max(0, min(10000, cents))


def expected_cents_sql(as_of: date):
    """SQL: each project's linear 序时进度 in hundredths, with the months elapsed (in days of
    the current month) and that month's days, for the not-started rule."""
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    start = func.coalesce(Project.start_year, Project.end_year)
    end = func.coalesce(Project.end_year, Project.start_year)
    elapsed = (as_of.year - start) * (12 * days) + ((as_of.month - 1) * days + as_of.day)
    total = (end - start + 1) * (12 * days)
    raw = (elapsed * 20000 + total) // (total * 2)
    return case((elapsed <= 0, 0), (raw > 10000, 10000), else_=raw), elapsed, days


def milestone_cents(start_year: int, end_year: int, as_of: date, points: list[Milestone]) -> int:
    """Piecewise linear from (start, 0) through the milestones; after the last one below 100 %
    it continues linearly to (end of period, 100)."""
    knots = [(Fraction(start_year * 12), Fraction(0))]
    for due, pct in sorted(points):
        knots.append((_month_time(due), Fraction(pct)))
    if knots[-1][1] < 100:
        knots.append((Fraction((end_year + 1) * 12), Fraction(100)))
    t = _month_time(as_of)
    if t <= knots[0][0]:
        return 0
    for (t0, p0), (t1, p1) in itertools.pairwise(knots):
        if t <= t1:
            value = p1 if t1 == t0 else p0 + (p1 - p0) * (t - t0) / (t1 - t0)
            return max(0, min(10000, round_cents(value * 100)))
    return max(0, min(10000, round_cents(knots[-1][1] * 100)))


def expected_progress(
    start_year: int | None,
    end_year: int | None,
    as_of: date,
    milestones: Sequence[Milestone] | None = None,
) -> Decimal | None:
    """序时进度 in percent (two places) at `as_of`; None when the project has no period."""
    start_year = start_year or end_year
    end_year = end_year or start_year
    if start_year is None or end_year is None:
        return None
    if milestones:
        cents = milestone_cents(start_year, end_year, as_of, list(milestones))
    else:
        cents = linear_cents(start_year, end_year, as_of)
    return Decimal(cents) / 100
