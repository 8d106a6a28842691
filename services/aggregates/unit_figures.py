"""Unit-side figures (lead units, participation, towns/streets), each derived from the owner
cube; see the package docstring for the office's counting rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from typing import cast

from sqlalchemy import Integer, exists, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from models import Organization, OrgKind, OwnerRole, Project, ProjectOwner
from services.aggregates.cubes import (
    CENTS,
    OwnerCell,
    org_info,
    owner_cube,
    plan_only,
    project_cube,
)
from services.aggregates.results import (
    AreaBreakdown,
    AreaFigure,
    LeadUnitBreakdown,
    ParticipationBreakdown,
    ParticipationFigure,
    UnitFigure,
    money,
)
from services.drilldown import Drill, group_ids
from services.query import ProjectFilter, filter_clauses, scope_ids

AREA_KINDS = (OrgKind.TOWN, OrgKind.STREET)


def by_lead_unit(
    session: Session,
    flt: ProjectFilter,
    *,
    top_n: int = 10,
    owners: list[OwnerCell] | None = None,
    total: tuple[int, Decimal] | None = None,
) -> LeadUnitBreakdown:
    """Investment per first-listed lead unit: the `top_n` largest, then "其他", then "none".

    `total` (projects, investment of the filter) avoids a pass when the caller has it."""
    owners = owner_cube(session, flt) if owners is None else owners
    leads = [c for c in owners if c.first_lead]
    info = org_info(session, {c.organization_id for c in leads})
    # Largest investment first; ties by project count, then name, so the order is stable.
    leads.sort(key=lambda c: (-c.cents, -c.projects, info[c.organization_id][0]))
    top = [
        UnitFigure(
            c.organization_id,
            info[c.organization_id][0],
            c.projects,
            money(c.cents),
            Drill(owner_id=c.organization_id, owner_role=OwnerRole.LEAD),
        )
        for c in leads[:top_n]
    ]
    rest = leads[top_n:]
    other = None
    if rest:
        other = UnitFigure(
            None,
            "其他",
            sum(c.projects for c in rest),
            money(sum(c.cents for c in rest)),
            Drill(lead_not_in=tuple(c.organization_id for c in leads[:top_n])),
        )
    if total is None:
        cube = project_cube(session, flt)
        total = (sum(c.projects for c in cube), money(sum(c.cents for c in cube)))
    # Every project has at most one first lead, so "no lead" is the remainder, exactly.
    projects = total[0] - sum(c.projects for c in leads)
    amount = total[1] - money(sum(c.cents for c in leads))
    no_lead = (
        UnitFigure(None, "未指定牵头单位", projects, amount, Drill(no_lead=True))
        if projects
        else None
    )
    return LeadUnitBreakdown(top, other, len(rest), no_lead)


def unit_participation(
    session: Session,
    flt: ProjectFilter,
    *,
    top_n: int = 15,
    owners: list[OwnerCell] | None = None,
) -> ParticipationBreakdown:
    """Projects each unit leads / cooperates in / builds, most involved units first."""
    owners = owner_cube(session, flt) if owners is None else owners
    counts: dict[int, dict[OwnerRole, int]] = defaultdict(lambda: defaultdict(int))
    for c in owners:
        counts[c.organization_id][c.role] += c.projects
    info = org_info(session, counts)
    units = [
        ParticipationFigure(
            oid,
            info[oid][0],
            info[oid][1],
            by_role[OwnerRole.LEAD],
            by_role[OwnerRole.COOPERATING],
            by_role[OwnerRole.CONSTRUCTING],
        )
        for oid, by_role in counts.items()
        if info[oid][1] != OrgKind.GROUP  # 各板块 is not a unit; the area chart shows it
    ]
    units.sort(key=lambda u: (-u.total, -u.lead, u.name))
    return ParticipationBreakdown(units[:top_n], max(0, len(units) - top_n))


def plan_areas(session: Session, plan_id: int | None) -> list[tuple[int, str, OrgKind]]:
    """The towns/streets of a plan: those named by any of its projects (what 各板块 expands to)."""
    po = aliased(ProjectOwner)
    named = select(1).select_from(po).where(po.organization_id == Organization.id)
    if plan_id is not None:
        # The owner row's copy of its project's plan: one probe of ix_project_owner_plan_cube.
        named = named.where(po.plan_id == plan_id)
    rows = session.execute(
        select(Organization.id, Organization.name, Organization.short_name, Organization.kind)
        .where(Organization.kind.in_(AREA_KINDS), exists(named))
        .order_by(Organization.id)
    )
    return [(oid, short or name, OrgKind(kind)) for oid, name, short, kind in rows]


def by_area(
    session: Session, flt: ProjectFilter, *, owners: list[OwnerCell] | None = None
) -> AreaBreakdown:
    """Investment involving each town/street (涉及投资); see the module docstring for the rule."""
    owners = owner_cube(session, flt) if owners is None else owners
    areas = plan_areas(session, flt.plan_id)
    area_ids = [a[0] for a in areas]
    groups = group_ids(session)
    direct_count: dict[int, int] = defaultdict(int)
    direct_cents: dict[int, int] = defaultdict(int)
    group_count = group_cents = 0
    for c in owners:
        if c.organization_id in groups:
            group_count += c.projects
            group_cents += c.cents
        else:
            direct_count[c.organization_id] += c.projects
            direct_cents[c.organization_id] += c.cents
    # A project naming both 各板块 and the area counts once: take those out of the direct part.
    overlap_count: dict[int, int] = defaultdict(int)
    overlap_cents: dict[int, int] = defaultdict(int)
    if group_count and area_ids:
        overlap = _group_overlap(flt, groups, area_ids, session.get_bind().dialect.name)
        for oid, n, cents in session.execute(overlap):
            overlap_count[oid] += n
            overlap_cents[oid] += cents or 0
    figures = []
    for oid, name, kind in areas:
        direct = direct_count[oid] - overlap_count[oid]
        cents = direct_cents[oid] - overlap_cents[oid] + group_cents
        figures.append(AreaFigure(oid, name, kind, direct + group_count, group_count, money(cents)))
    figures.sort(key=lambda a: (-a.planned_investment_wan, -a.projects, a.name))
    return AreaBreakdown(figures, group_count, money(group_cents))


def _unindexed(column, dialect: str):
    """SQLite's hint to keep its planner off a column's index ("+ 0"). Not on PostgreSQL: it
    plans by statistics, which an expression has none of, and guessed a few hundred rows for
    a million (1M projects: 6.1 s instead of 1.1 s)."""
    return column + 0 if dialect == "sqlite" else column


def _group_overlap(flt: ProjectFilter, groups: list[int], area_ids: list[int], dialect: str):
    """Per area: the projects naming both 各板块 and the area (count, investment)."""
    g = aliased(ProjectOwner)
    a = aliased(ProjectOwner)
    scoped = flt.scope is not None and plan_only(replace(flt, scope=None))
    if plan_only(flt) or scoped:
        # Owner rows alone (their copies of plan and investment): no wide project rows.
        query = (
            select(
                a.organization_id,
                func.count(),
                func.sum(type_coerce(a.planned_investment_wan, Integer)),
            )
            .select_from(g)
            .join(a, a.project_id == g.project_id)
        )
        if scoped:
            # Materialized ids (a text filter): the 各板块 rows on the covering (organization,
            # project) index, each id looked up in the scope. 0.03 s instead of 0.3 at 1M.
            query = query.where(g.project_id.in_(select(scope_ids(cast(str, flt.scope)))))
        elif flt.plan_id is not None:
            # On `a` (whose row is read anyway), unindexed ("+ 0"): SQLite then walks the few
            # 各板块 rows on the covering (organization, project) index. 0.3 s instead of 0.9.
            query = query.where(_unindexed(a.plan_id, dialect) == flt.plan_id)
    else:
        query = (
            select(a.organization_id, func.count(), func.sum(CENTS))
            .select_from(g)
            .join(Project, Project.id == g.project_id)
            .join(a, a.project_id == Project.id)
            .where(*filter_clauses(flt))
        )
    # "+ 0" keeps SQLite off the organization index for `a`: starting from the towns' owner
    # rows (most of the plan) instead of the few 各板块 rows is 2-3x slower at 1M.
    in_areas = _unindexed(a.organization_id, dialect).in_(area_ids)
    return query.where(g.organization_id.in_(groups), in_areas).group_by(a.organization_id)
