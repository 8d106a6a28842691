"""Plan totals: the figures `python main.py summary --json` prints and every view repeats."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Plan, Project, Section
from models.base import to_money


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


def plan_summary(session: Session, plan: Plan) -> dict:
    """The CLI contract: money as decimal strings with two places."""
    sections = section_totals(session, plan.id)
    total = sum((s.planned_investment_wan for s in sections), to_money(0))
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
    }
