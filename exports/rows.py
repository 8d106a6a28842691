"""Streaming a plan's projects in table order (section, position) for the exporters.

Rows come from SQL in chunks (never the whole plan as ORM objects), so exporting 1,000,000
projects keeps memory flat. Read-only: never write here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.raw import driver_cursor, driver_statement
from models import OwnerRole, Project, ProjectOwner, Rectification, Section
from models.organization import Organization
from services.fields import VALUE_COLUMNS, ProjectValues
from services.query import ProjectFilter, filter_clauses

CHUNK = 2000


@dataclass(slots=True)
class ExportRow(ProjectValues):
    """A project as the exporters write it: its values, its section and its owners as text."""

    id: int
    section_id: int
    section: str
    owners_text: str
    lead: str = ""
    cooperating: str = ""

    @property
    def period(self) -> str:
        """建设期限 as printed; unlike the grid's text an end year alone is still shown."""
        if self.start_year is None and self.end_year is None:
            return ""
        if self.start_year is None:
            return str(self.end_year)
        if self.end_year is None or self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year}-{self.end_year}"


# ExportRow's columns in its constructor's order: the registry's values, then the row's own.
_EXPORT_COLUMNS = (
    *(Project.__table__.c[name] for name in VALUE_COLUMNS),
    Project.id,
    Project.section_id,
    Section.name,
    Project.owners_text,
)


def count_projects(session: Session, flt: ProjectFilter) -> int:
    return session.scalar(select(func.count(Project.id)).where(*filter_clauses(flt))) or 0


# What exports.official_xlsx prints, in this order.
OFFICIAL_COLUMNS = (
    Project.section_id,
    Section.name,
    Project.seq_label,
    Project.project_type,
    Project.name,
    Project.content,
    Project.quantity,
    Project.planned_investment_wan,  # official_batches: raw integer hundredths; iter_rows: Decimal
    Project.start_year,
    Project.end_year,
    Project.owners_text,
)


def iter_rows(
    session: Session, flt: ProjectFilter, *, with_roles: bool = False
) -> Iterator[ExportRow]:
    """Projects admitted by `flt` in official order; `with_roles` fills lead/cooperating."""
    query = (
        select(*_EXPORT_COLUMNS)
        .join(Section, Section.id == Project.section_id)
        .where(*filter_clauses(flt))
        .order_by(Section.position, Project.position, Project.id)
        .execution_options(yield_per=CHUNK)
    )
    result = session.execute(query)
    for chunk in result.partitions(CHUNK):
        rows = [ExportRow(*r) for r in chunk]
        if with_roles:
            _fill_roles(session, rows)
        yield from rows


def official_batches(
    session: Session, flt: ProjectFilter, size: int = CHUNK
) -> Iterator[list[tuple]]:
    """Projects admitted by `flt` in table order as plain tuples of OFFICIAL_COLUMNS, in batches.

    Read on the DB-API cursor: no Row objects and no Decimal per money cell (about half the
    time of `iter_rows` at 100k projects). Money comes back as the stored integer hundredths
    (None = not set), so sums stay exact integers. Bind values go to sqlite3 unprocessed; the
    filter's values are ints, strs and StrEnums, which it binds as they are.
    """
    clauses = filter_clauses(flt)
    if flt.plan_id is not None:
        # Redundant (a project's plan_id is its section's) but it lets SQLite walk the plan's
        # sections by position and each section's projects along ix_project_section_order:
        # already in table order, no temporary B-tree sort of every wide row.
        clauses.append(Section.plan_id == flt.plan_id)
    query = (
        select(*OFFICIAL_COLUMNS)
        .join(Section, Section.id == Project.section_id)
        .where(*clauses)
        .order_by(Section.position, Project.position, Project.id)
    )
    if session.autoflush:
        session.flush()  # as session.execute would: pending edits are part of what is read
    sql, params = driver_statement(session, query)
    cursor = driver_cursor(session)
    try:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield batch
    finally:
        cursor.close()


def _fill_roles(session: Session, rows: list[ExportRow]) -> None:
    by_id = {r.id: r for r in rows}
    ids = list(by_id)
    lead: dict[int, list[str]] = {}
    other: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(ProjectOwner.project_id, ProjectOwner.role, Organization.name)
            .join(Organization, Organization.id == ProjectOwner.organization_id)
            .where(ProjectOwner.project_id.in_(ids[start : start + 500]))
            .order_by(ProjectOwner.project_id, ProjectOwner.position)
        )
        for pid, role, name in session.execute(query):
            (lead if role == OwnerRole.LEAD else other).setdefault(pid, []).append(name)
    for pid, row in by_id.items():
        row.lead = "、".join(lead.get(pid, []))
        row.cooperating = "、".join(other.get(pid, []))


def rectification_rows(session: Session, plan_id: int) -> list[Rectification]:
    return list(
        session.scalars(
            select(Rectification)
            .where(Rectification.plan_id == plan_id)
            .order_by(Rectification.position)
        )
    )
