"""The day a plan is judged at: the user's chosen view day, else the plan's default (today
while it runs, the end of its latest reported period once its years are over)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Plan, ProgressReport, Project


def default_as_of(session: Session, plan_id: int, today: date | None = None) -> date:
    """The day a plan is looked at when nobody asks for one: today while the plan runs; for a
    plan whose years are over, the end of its latest reported period (else its last day) —
    so a 2023 plan opened in 2026 shows its state then, not every project red as 逾期."""
    today = today or date.today()
    plan = session.get(Plan, plan_id)
    if plan is None:
        return today
    last_day = date(plan.year_end or plan.year_start, 12, 31)
    if today <= last_day:
        return today
    latest = session.scalar(
        select(func.max(ProgressReport.period_end))
        .join(Project, Project.id == ProgressReport.project_id)
        .where(Project.plan_id == plan_id)
    )
    if isinstance(latest, str):  # max() over a Date column can come back as text in SQLite
        latest = date.fromisoformat(latest)
    return min(latest, last_day) if latest else last_day


_view_day: date | None = None  # the day the user asked the views to judge at (None = default)
_default_days: dict[tuple[int, date], tuple[float, date]] = {}
DEFAULT_DAY_TTL = 30.0  # seconds: a new return moves the default at most this late


def set_view_day(day: date | None) -> None:
    """The as-of day the dashboard and the 序时进度 column use; None = each plan's default."""
    global _view_day
    _view_day = day


def view_day() -> date | None:
    return _view_day


def as_of_for_ids(session: Session, ids: Sequence[int], *, today: date | None = None) -> date:
    """The day to judge a window of grid rows at: the chosen view day, else the default day of
    their plan (cached briefly: the grid asks for every page it fetches)."""
    if _view_day is not None:
        return _view_day
    today = today or date.today()
    if not ids:
        return today
    plan_id = session.scalar(select(Project.plan_id).where(Project.id == ids[0]))
    if plan_id is None:
        return today
    cached = _default_days.get((plan_id, today))
    now = time.monotonic()
    if cached is not None and now - cached[0] < DEFAULT_DAY_TTL:
        return cached[1]
    day = default_as_of(session, plan_id, today)
    _default_days[(plan_id, today)] = (now, day)
    return day
