"""Drill-down (看板下钻): what a clicked dashboard bar stands for, turned into the grid's filter.

Every figure of services.aggregates carries a `Drill`: a refinement of the filter it was
computed under. `drill_filter(session, flt, drill)` turns it into the `ProjectFilter` the grid
shows, so a bar's projects and the bar's figure always agree (tests/test_aggregates.py checks
every bar). Kept apart from the aggregates so each module stays readable; services.aggregates
re-exports these names for its callers.

Headless: never import Qt here. Never load projects into Python beyond the explicit id list a
filter cannot express (at most `DRILL_ID_LIMIT` ids).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from models import Organization, OrgKind, OwnerRole, Project, ProjectOwner, ProjectStatus
from services.errors import LedgerError
from services.query import ProjectFilter, filter_clauses

# A drill the filter fields cannot express becomes an explicit id list; beyond this many ids it
# would exceed SQLite's bound-parameter limit in every later query, so it is refused instead.
DRILL_ID_LIMIT = 20_000


@dataclass(frozen=True)
class Drill:
    """What one bar or slice stands for: a refinement of the filter it was computed under.

    Fields the ProjectFilter can express (section, owner, year, status) map onto it; the others
    (start year, exact period, town/street incl. 各板块, "其他" lead units, "no lead", "no
    period", one project) become an id list selected in SQL.
    """

    section_id: int | None = None
    owner_id: int | None = None
    owner_role: OwnerRole | None = None
    year: int | None = None  # period covers this year
    start_year: int | None = None  # period starts in this year
    period: tuple[int, int] | None = None  # period is exactly (start, end)
    status: ProjectStatus | None = None
    area_id: int | None = None  # names this town/street, or 各板块
    lead_not_in: tuple[int, ...] | None = None  # "其他": first lead unit not one of these
    no_lead: bool = False
    no_period: bool = False
    project_id: int | None = None  # one project (a bar of the per-project timeline)


class DrillTooLarge(LedgerError):
    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(
            f"所选部分含 {count:,} 个以上项目，无法作为明细筛选 "
            f"(more than {DRILL_ID_LIMIT:,} projects; narrow the filter first)"
        )


def group_ids(session: Session) -> list[int]:
    """The "各板块" organizations (`OrgKind.GROUP`): naming one names every town/street."""
    return list(session.scalars(select(Organization.id).where(Organization.kind == OrgKind.GROUP)))


def drill_filter(
    session: Session, flt: ProjectFilter, drill: Drill, *, limit: int = DRILL_ID_LIMIT
) -> ProjectFilter:
    """The grid filter for a clicked bar: `flt` narrowed by `drill`.

    Uses the filter's own fields when they can say it (section, owner, covered year, status);
    otherwise selects the ids in SQL (at most `limit`, else DrillTooLarge).
    """
    out = flt
    extra: list = []
    if drill.section_id is not None:
        if flt.section_ids and drill.section_id not in flt.section_ids:
            return replace(flt, ids=())
        out = replace(out, section_ids=(drill.section_id,))
    if drill.owner_id is not None:
        same_owner = flt.owner_id == drill.owner_id
        roles_agree = flt.owner_role is None or drill.owner_role in (None, flt.owner_role)
        if flt.owner_id is None or (same_owner and roles_agree):
            out = replace(
                out, owner_id=drill.owner_id, owner_role=drill.owner_role or flt.owner_role
            )
        else:
            extra.append(_owner_clause(drill.owner_id, drill.owner_role))
    if drill.year is not None:
        if flt.year in (None, drill.year):
            out = replace(out, year=drill.year)
        else:
            extra.append(
                and_(
                    Project.start_year <= drill.year,
                    func.coalesce(Project.end_year, Project.start_year) >= drill.year,
                )
            )
    if drill.status is not None:
        if flt.status not in (None, drill.status):
            return replace(flt, ids=())
        out = replace(out, status=drill.status)
    if drill.start_year is not None:
        extra.append(Project.start_year == drill.start_year)
    if drill.period is not None:
        start, stop = drill.period
        extra.append(Project.start_year == start)
        extra.append(func.coalesce(Project.end_year, Project.start_year) == stop)
    if drill.no_period:
        extra.append(Project.start_year.is_(None))
    if drill.project_id is not None:
        extra.append(Project.id == drill.project_id)
    if drill.area_id is not None:
        a = aliased(ProjectOwner)
        extra.append(
            exists().where(
                a.project_id == Project.id,
                or_(a.organization_id == drill.area_id, a.organization_id.in_(group_ids(session))),
            )
        )
    if drill.lead_not_in is not None:
        po = aliased(ProjectOwner)
        extra.append(
            exists().where(
                po.project_id == Project.id,
                # Trigger-maintained (see models.project.ProjectOwner): the first-listed lead.
                po.is_first_lead.is_(True),
                po.organization_id.not_in(drill.lead_not_in),
            )
        )
    if drill.no_lead:
        po = aliased(ProjectOwner)
        extra.append(~exists().where(po.project_id == Project.id, po.role == OwnerRole.LEAD))
    if not extra:
        return out
    ids = session.scalars(
        select(Project.id).where(*filter_clauses(out), *extra).order_by(Project.id).limit(limit + 1)
    ).all()
    if len(ids) > limit:
        raise DrillTooLarge(limit)
    return replace(out, ids=tuple(ids))


def _owner_clause(owner_id: int, role: OwnerRole | None):
    po = aliased(ProjectOwner)
    clause = and_(po.project_id == Project.id, po.organization_id == owner_id)
    if role is not None:
        clause = and_(clause, po.role == role)
    return exists().where(clause)
