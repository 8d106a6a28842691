"""The dashboard's two grouped passes: `project_cube` (section × status × period) and
`owner_cube` (unit × role). Every other figure is derived from their few thousand cells."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from sqlalchemy import Integer, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from models import Organization, OrgKind, OwnerRole, Project, ProjectOwner, ProjectStatus
from services.query import ProjectFilter, filter_clauses, scope_ids

K = TypeVar("K")

# Money is stored as integer hundredths; integer maths on the raw column keeps splits exact.
CENTS = type_coerce(Project.planned_investment_wan, Integer)


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
    if flt.scope is not None and plan_only(replace(flt, scope=None)):
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
                func.sum(CENTS),
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


def tally(cube: list[CubeCell], key: Callable[[CubeCell], K]) -> tuple[dict[K, int], dict[K, int]]:
    """Projects and cents of the cube's cells summed per key (one pass, no SQL)."""
    counts: dict[K, int] = defaultdict(int)
    cents: dict[K, int] = defaultdict(int)
    for cell in cube:
        counts[key(cell)] += cell.projects
        cents[key(cell)] += cell.cents
    return counts, cents


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
    if flt.scope is not None and plan_only(replace(flt, scope=None)):
        # Materialized ids: straight to their owner rows and copies, no wide project rows.
        # IN (not a join) makes SQLite walk the ids and seek each project's owner rows; a
        # join let it scan all 2.5M owner rows instead (1.3 s vs 0.5 s at 1M projects).
        query = (
            select(po.organization_id, po.role, po.is_first_lead, func.count(), func.sum(cents))
            .where(po.project_id.in_(select(scope_ids(flt.scope))))
            .group_by(po.organization_id, po.role, po.is_first_lead)
        )
    elif plan_only(flt):
        query = select(
            po.organization_id, po.role, po.is_first_lead, func.count(), func.sum(cents)
        ).select_from(po)
        if flt.plan_id is not None:
            query = query.where(po.plan_id == flt.plan_id)
        # Grouped in the index's own order (plan first), so SQLite streams it without a sort.
        query = query.group_by(po.plan_id, po.organization_id, po.role, po.is_first_lead)
    else:
        query = (
            select(po.organization_id, po.role, po.is_first_lead, func.count(), func.sum(CENTS))
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


def plan_only(flt: ProjectFilter) -> bool:
    """True when the filter narrows by plan at most: the owner rows alone can answer it."""
    return not filter_clauses(replace(flt, plan_id=None))


def org_info(session: Session, ids) -> dict[int, tuple[str, OrgKind]]:
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
