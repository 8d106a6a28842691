"""Plan diff (版本比对): what changed between two editions of a plan.

Projects are matched by the rollover link first (`carried_from_id` pointing into the old
plan), then by (section name, project name, content), then by (section name, name) when that
pairs them unambiguously, in table order. Matched projects are compared field by field with
the same text the grid and the exporter show (services.fields), plus the section they sit in;
unmatched ones are added or removed. Sections are compared by name.

Headless: never import Qt here. Reads only; never writes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Plan, Project, Section
from services.errors import LedgerError
from services.fields import FIELDS, field_text
from services.query import ProjectFilter, ProjectRow, project_ids, rows_for_ids
from services.tasks import TaskState

COMPARED = [k for k, f in FIELDS.items() if f.compared]


@dataclass(frozen=True)
class ProjectRef:
    id: int
    section: str
    seq_label: str | None
    name: str
    planned_investment_wan: str


@dataclass(frozen=True)
class FieldChange:
    old_id: int
    new_id: int
    section: str
    name: str
    field: str  # a services.fields key, or "section"
    old_text: str
    new_text: str


@dataclass
class PlanDiff:
    old_plan: str
    new_plan: str
    added: list[ProjectRef] = field(default_factory=list)
    removed: list[ProjectRef] = field(default_factory=list)
    changed: list[FieldChange] = field(default_factory=list)
    sections_added: list[str] = field(default_factory=list)
    sections_removed: list[str] = field(default_factory=list)
    matched: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.sections_added
            or self.sections_removed
        )


def _rows(session: Session, state: TaskState, plan_id: int) -> list[ProjectRow]:
    ids = project_ids(session, ProjectFilter(plan_id=plan_id))
    rows: list[ProjectRow] = []
    for start in range(0, len(ids), 2000):
        state.progress(start, len(ids), "")
        rows += rows_for_ids(session, ids[start : start + 2000])
    return rows


def _ref(row: ProjectRow, sections: dict[int, str]) -> ProjectRef:
    return ProjectRef(
        row.id,
        sections.get(row.section_id, ""),
        row.seq_label,
        row.name,
        FIELDS["planned_investment_wan"].to_text(row.planned_investment_wan),
    )


def diff_plans(
    state: TaskState | None, session: Session, old_plan_id: int, new_plan_id: int
) -> PlanDiff:
    state = state or TaskState()
    old_plan, new_plan = session.get(Plan, old_plan_id), session.get(Plan, new_plan_id)
    if old_plan is None or new_plan is None:
        raise LedgerError("方案不存在 (no such plan)")
    sections = dict(
        session.execute(
            select(Section.id, Section.name).where(Section.plan_id.in_([old_plan_id, new_plan_id]))
        ).all()
    )
    old_rows, new_rows = _rows(session, state, old_plan_id), _rows(session, state, new_plan_id)
    result = PlanDiff(old_plan.title, new_plan.title)
    old_sections = _section_names(session, old_plan_id)
    new_sections = _section_names(session, new_plan_id)
    result.sections_added = [n for n in new_sections if n not in old_sections]
    result.sections_removed = [n for n in old_sections if n not in new_sections]

    pairs, unmatched_old, still_new = _match(session, sections, old_rows, new_rows)
    result.matched = len(pairs)
    for old_row, new_row in pairs:
        result.changed += _changes(old_row, new_row, sections)
    result.added = [_ref(r, sections) for r in still_new]
    result.removed = [_ref(r, sections) for r in old_rows if r.id in unmatched_old]
    state.progress(1, 1, "")
    return result


def _section_names(session: Session, plan_id: int) -> list[str]:
    statement = select(Section.name).where(Section.plan_id == plan_id).order_by(Section.position)
    return [n for (n,) in session.execute(statement)]


def _match(
    session: Session,
    sections: dict[int, str],
    old_rows: list[ProjectRow],
    new_rows: list[ProjectRow],
) -> tuple[list[tuple[ProjectRow, ProjectRow]], dict[int, ProjectRow], list[ProjectRow]]:
    """(old, new) pairs, the old rows left unmatched by id, the new rows left unmatched."""
    pairs: list[tuple[ProjectRow, ProjectRow]] = []
    unmatched_old = {r.id: r for r in old_rows}
    # 1. the rollover link
    carried = _carried_links(session, [r.id for r in new_rows])
    still_new = []
    for row in new_rows:
        origin = carried.get(row.id)
        if origin is not None and origin in unmatched_old:
            pairs.append((unmatched_old.pop(origin), row))
        else:
            still_new.append(row)
    # 2. (section, name, content), then 3. (section, name): pair in table order.
    for key_fn in (
        lambda r: (sections.get(r.section_id), r.name, r.content or ""),
        lambda r: (sections.get(r.section_id), r.name),
    ):
        waiting: dict[tuple, list[ProjectRow]] = defaultdict(list)
        for row in unmatched_old.values():
            waiting[key_fn(row)].append(row)
        rest = []
        for row in still_new:
            bucket = waiting.get(key_fn(row))
            if bucket:
                old_row = bucket.pop(0)
                unmatched_old.pop(old_row.id)
                pairs.append((old_row, row))
            else:
                rest.append(row)
        still_new = rest
    return pairs, unmatched_old, still_new


def _changes(
    old_row: ProjectRow, new_row: ProjectRow, sections: dict[int, str]
) -> list[FieldChange]:
    """A matched pair's differences: its section, then each compared field as the grid shows it."""
    old_section = sections.get(old_row.section_id, "")
    new_section = sections.get(new_row.section_id, "")
    found = []
    if old_section != new_section:
        found.append(
            FieldChange(
                old_row.id,
                new_row.id,
                new_section,
                new_row.name,
                "section",
                old_section,
                new_section,
            )
        )
    for key in COMPARED:
        before, after = field_text(old_row, key), field_text(new_row, key)
        if before != after:
            found.append(
                FieldChange(old_row.id, new_row.id, new_section, new_row.name, key, before, after)
            )
    return found


def _carried_links(session: Session, ids: list[int]) -> dict[int, int]:
    links: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for pid, origin in session.execute(
            select(Project.id, Project.carried_from_id).where(
                Project.id.in_(chunk), Project.carried_from_id.is_not(None)
            )
        ):
            links[pid] = cast(int, origin)  # the query keeps only rows where it is set
    return links
