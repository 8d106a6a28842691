"""Plan totals: the figures `python main.py summary --json` prints and every view repeats.

Besides the planned totals per section it reports the year-round tracking state: projects
behind schedule and overdue (services.schedule, as of a date, in SQL), the completed
investment (latest cumulative figures), rectifications closed and indicators met.
The original keys and their formats never change; new keys are only added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Plan, Project, Section
from models.base import to_money
from services.indicators import indicator_counts
from services.query import ProjectFilter
from services.rectifications import rectification_counts
from services.schedule import schedule_counts


@dataclass(frozen=True)
class SectionTotal:
    section_id: int
    name: str
    position: int
    projects: int
    planned_investment_wan: Decimal


def section_totals(session: Session, plan_id: int) -> list[SectionTotal]:
    """Per-section count and planned investment, grouped in SQL (empty sections included)."""
    counts = (
        select(
            Project.section_id,
            func.count(Project.id).label("projects"),
            func.sum(Project.planned_investment_wan).label("amount"),
        )
        .where(Project.plan_id == plan_id)
        .group_by(Project.section_id)
        .subquery()
    )
    rows = session.execute(
        select(Section.id, Section.name, Section.position, counts.c.projects, counts.c.amount)
        .outerjoin(counts, counts.c.section_id == Section.id)
        .where(Section.plan_id == plan_id)
        .order_by(Section.position)
    )
    return [
        SectionTotal(sid, name, pos, projects or 0, amount if amount is not None else to_money(0))
        for sid, name, pos, projects, amount in rows
    ]


def plan_summary(
    session: Session,
    plan: Plan,
    *,
    as_of: date | None = None,
    tolerance: Decimal | None = None,
) -> dict:
    """The CLI contract: money as decimal strings with two places.

    `as_of` (default today) is the date the schedule flags are judged at; `tolerance` the
    points behind 序时进度 that count as behind (default: the configured rule, 10 points).
    """
    sections = section_totals(session, plan.id)
    total = sum((s.planned_investment_wan for s in sections), to_money(0))
    counts = schedule_counts(session, ProjectFilter(plan_id=plan.id), as_of, tolerance)
    rectifications = rectification_counts(session, plan.id)
    indicators = indicator_counts(session, plan.id)
    return {
        "plan": plan.title,
        "projects": sum(s.projects for s in sections),
        "planned_investment_wan": str(total),
        "sections": [
            {
                "name": s.name,
                "projects": s.projects,
                "planned_investment_wan": str(s.planned_investment_wan),
            }
            for s in sections
        ],
        "behind_schedule": counts.behind,
        "overdue": counts.overdue,
        "completed_investment_wan": str(counts.completed_investment_wan),
        "rectifications": {"total": rectifications["total"], "closed": rectifications["closed"]},
        "indicators": {"total": indicators["total"], "met": indicators["met"]},
    }
