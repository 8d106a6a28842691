"""Writing the project ledger: the one bulk path every edit goes through.

Typing in a cell, paste, fill-down, import merges and undo all call `set_fields`, which
validates everything first, writes in one transaction, records audit rows and returns a
`ChangeSet` holding the inverse (old values), so undo is just another `set_fields`.
Inserts, deletes and moves likewise return what is needed to reverse them.
Headless: never import Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OwnerRole, Project, ProjectOwner, Section
from models.base import utcnow
from services import writer
from services.errors import FieldError, LedgerError, ValidationError
from services.fields import COLUMN_FIELDS, FIELDS
from services.operations import refuse, writing
from services.organizations import OrganizationResolver
from services.parsing import Period

OwnerSpec = tuple[str, OwnerRole]


@dataclass
class ChangeSet:
    """What one write changed, and how to undo it."""

    changed_ids: set[int] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)
    inverse: dict[int, dict[str, object]] = field(default_factory=dict)
    plan_ids: set[int] = field(default_factory=set)
    totals_touched: bool = False

    def __bool__(self) -> bool:
        return bool(self.changed_ids)


# ---------------------------------------------------------------- reading values


def owner_specs(project: Project) -> list[OwnerSpec]:
    return [(o.organization.name, o.role) for o in project.owners]


def field_value(project: Project, key: str) -> object:
    if key == "period":
        return Period(project.start_year, project.end_year)
    if key == "owners":
        return owner_specs(project)
    return getattr(project, key)


def coerce(key: str, value: object) -> object:
    """Parse one field's value (text from a cell, or an already typed value)."""
    if key not in FIELDS:
        raise ValueError(f"未知字段 (unknown field): {key}")
    if key == "owners" and isinstance(value, list) and value and isinstance(value[0], tuple):
        return [(name, OwnerRole(role)) for name, role in value]
    if key == "planned_investment_wan" and isinstance(value, Decimal):
        return FIELDS[key].parse(str(value))
    return FIELDS[key].parse(value)


def _owner_list(value: list) -> list[OwnerSpec]:
    """Names alone follow the office's rule: the first unit leads, the rest cooperate."""
    if value and isinstance(value[0], tuple):
        return value
    return [
        (name, OwnerRole.LEAD if i == 0 else OwnerRole.COOPERATING) for i, name in enumerate(value)
    ]


def owners_text(specs: Iterable[tuple[str, OwnerRole | None]]) -> str:
    return "、".join(name for name, _ in specs)


# ---------------------------------------------------------------- writing fields


def validate_changes(changes: dict[int, dict[str, object]]) -> tuple[dict, list[FieldError]]:
    parsed: dict[int, dict[str, object]] = {}
    errors: list[FieldError] = []
    for project_id, values in changes.items():
        for key, raw in values.items():
            try:
                parsed.setdefault(project_id, {})[key] = coerce(key, raw)
            except ValueError as exc:
                errors.append(FieldError(project_id, key, raw, str(exc)))
    return parsed, errors


def set_fields(
    session: Session,
    changes: dict[int, dict[str, object]],
    *,
    user: str | None = None,
    expected_versions: dict[int, int] | None = None,
) -> ChangeSet:
    """Validate all, then write all in one transaction. Raises ValidationError, writing nothing.

    `expected_versions` (project id → the row_version the edit was based on, as read with
    the values shown) refuses the whole write with StaleRowError when another writer changed
    one of those projects in between: the other clerk's change is never overwritten unseen.

    Column fields go through the row writer (one executemany per field set) and are audited
    with one bulk insert, so a paste of 10,000 cells costs a few statements, not 10,000 ORM
    flushes. Inside an operation it joins the caller's transaction (a merge: fields and new
    rows in one).
    """
    parsed, errors = validate_changes(changes)
    current = _current_values(session, parsed.keys())
    errors += [
        FieldError(pid, "id", pid, "项目不存在 (no such project)")
        for pid in parsed
        if pid not in current
    ]
    for project_id, values in parsed.items():
        if project_id in current and "period" in values:
            errors += _check_period(project_id, values["period"])
    if errors:
        raise refuse(session, ValidationError(errors))

    changeset = ChangeSet()
    now = utcnow()
    with writing(session, user=user) as op:
        user = user or op.author
        resolver = None
        updates: dict[int, dict[str, object]] = {}
        audits: list[dict] = []
        for project_id, values in parsed.items():
            row = current[project_id]
            columns: dict[str, object] = {}
            for key, new in values.items():
                if key == "owners":
                    resolver = resolver or OrganizationResolver(session)
                    project = session.get(Project, project_id)
                    if project is None:
                        raise LedgerError(f"项目不存在 (no such project): {project_id}")
                    old: object = owner_specs(project)
                    new = _canonical_owners(_owner_list(new), resolver)
                    if old == new:
                        continue
                    columns["owners_text"] = _write_owners(session, project, new, resolver)
                else:
                    old = _row_value(row, key)
                    if old == new:
                        continue
                    if key == "period":
                        columns.update(start_year=new.start_year, end_year=new.end_year)
                    else:
                        columns[key] = new
                changeset.inverse.setdefault(project_id, {})[key] = old
                changeset.fields.add(key)
                audits.append(_audit_line("update", project_id, key, old, new, user, now))
            if project_id in changeset.inverse:
                changeset.changed_ids.add(project_id)
                changeset.plan_ids.add(row["plan_id"])
                updates[project_id] = {**columns, "updated_at": now}
        writer.update_rows(session, PROJECTS.table, updates, expected=expected_versions)
        writer.write_audit(session, audits)
        changeset.totals_touched = "planned_investment_wan" in changeset.fields
        if changeset:
            op.note(
                "project",
                ids=changeset.changed_ids,
                fields=changeset.fields,
                plan_ids=changeset.plan_ids,
                totals=changeset.totals_touched,
            )
    session.expire_all()
    return changeset


_VALUE_COLUMNS = [*sorted(COLUMN_FIELDS), "start_year", "end_year", "plan_id"]


def _current_values(session: Session, ids: Iterable[int]) -> dict[int, dict]:
    table = PROJECTS.table
    columns = [table.c.id, *(table.c[name] for name in _VALUE_COLUMNS)]
    found: dict[int, dict] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        chunk = ids[start : start + 500]
        for row in session.execute(select(*columns).where(table.c.id.in_(chunk))):
            found[row.id] = dict(row._mapping)
    return found


def _row_value(row: dict, key: str) -> object:
    if key == "period":
        return Period(row["start_year"], row["end_year"])
    return row[key]


def _check_period(project_id: int, period: Period) -> list[FieldError]:
    if period.start_year and period.end_year and period.start_year > period.end_year:
        return [FieldError(project_id, "period", period.label, "结束年份早于开始年份")]
    return []


def _canonical_owners(specs: list[OwnerSpec], resolver: OrganizationResolver) -> list[OwnerSpec]:
    """Aliases become the unit's full name ("资规分局" → "钟楼自然资源和规划分局")."""
    canonical = []
    for name, role in specs:
        org = resolver.find(name)
        canonical.append((org.name if org else name, role))
    return canonical


def _write_owners(
    session: Session, project: Project, specs: list[OwnerSpec], resolver: OrganizationResolver
) -> str:
    """Replace a project's owner rows; returns the owners' text for the project's column."""
    project.owners.clear()
    session.flush()
    names = []
    for position, (name, role) in enumerate(specs):
        org = resolver.resolve(name)
        project.owners.append(ProjectOwner(position=position, organization=org, role=role))
        names.append(org.name)
    session.flush()
    return owners_text((name, None) for name in names)


def _audit_line(
    action: str, project_id: int, key: str | None, old: object, new: object, user: str, at=None
) -> dict:
    """A project's audit line: values as the grid shows them ("2022-2024", owners' names)."""
    return writer.audit_line(
        action,
        PROJECTS.entity,
        project_id,
        key,
        _audit_text(key, old),
        _audit_text(key, new),
        user=user,
        at=at,
    )


def audit_inserted(session: Session, ids: Iterable[int], user: str) -> None:
    """One "insert" line per new project, as one executemany."""
    at = utcnow()
    writer.write_audit(
        session, [_audit_line("insert", pid, None, None, None, user, at) for pid in ids]
    )


def _audit_text(key: str | None, value: object) -> str | None:
    if value is None or key is None:
        return None
    if key == "owners":
        return owners_text(cast(list[OwnerSpec], value))
    return FIELDS[key].to_text(value)


# ---------------------------------------------------------------- rows: insert, delete, move

PROJECTS = writer.Ordered(Project, "section_id", "project")


def next_position(session: Session, section_id: int) -> int:
    return writer.next_position(session, PROJECTS, section_id)


def insert_projects(
    session: Session,
    section_id: int,
    position: int | None,
    values_list: list[dict[str, object]],
    *,
    user: str | None = None,
) -> list[int]:
    """Insert new projects at `position` in a section (None = at the end). Returns their ids."""
    section = session.get(Section, section_id)
    if section is None:
        raise LedgerError(f"分区不存在 (no such section): {section_id}")
    parsed, errors = validate_changes(dict(enumerate(values_list)))
    for index, values in enumerate(values_list):
        if not values.get("name"):
            errors.append(
                FieldError(
                    None, "name", values.get("name"), "名称不能为空 (name must not be blank)"
                )
            )
        elif index in parsed and "period" in parsed[index]:
            errors += _check_period(index, parsed[index]["period"])
    if errors:
        raise refuse(session, ValidationError(errors))
    with writing(session, user=user) as op:
        user = user or op.author
        position = writer.make_room(session, PROJECTS, section_id, position, len(values_list))
        resolver = OrganizationResolver(session)
        projects = [
            _new_project(section, position + offset, parsed.get(offset, {}), resolver)
            for offset in range(len(values_list))
        ]
        session.add_all(projects)
        session.flush()
        ids = [project.id for project in projects]
        audit_inserted(session, ids, user)
        op.note("project", ids=ids, plan_ids=[section.plan_id], rows=True, totals=True)
    return ids


def _new_project(section: Section, position: int, values: dict, resolver) -> Project:
    """A new project with its owner rows, stored by one flush (no UPDATE after the INSERT)."""
    project = Project(plan_id=section.plan_id, section_id=section.id, position=position)
    for key, value in values.items():
        if key == "period":
            project.start_year, project.end_year = value.start_year, value.end_year
        elif key != "owners":
            setattr(project, key, value)
    owners = [
        (resolver.resolve(name), role) for name, role in _owner_list(values.get("owners") or [])
    ]
    project.owners_text = owners_text((org.name, role) for org, role in owners)
    project.owners = [
        ProjectOwner(position=i, organization=org, role=role)
        for i, (org, role) in enumerate(owners)
    ]
    return project


def delete_projects(
    session: Session,
    ids: Iterable[int],
    *,
    user: str | None = None,
    expected_versions: dict[int, int] | None = None,
) -> writer.RowSnapshot:
    """Delete projects; returns the snapshot that `restore_projects` puts back (with the
    rows of every table whose foreign key to project cascades: owners, reports, links…).
    `expected_versions` refuses the delete of a project changed since (as for set_fields)."""
    with writing(session, user=user) as op:
        snapshot = writer.delete_rows(
            session, PROJECTS, ids, user=user or op.author, expected=expected_versions
        )
        _note_rows(op, snapshot.rows)
    return snapshot


def restore_projects(
    session: Session, snapshot: writer.RowSnapshot, *, user: str | None = None
) -> list[int]:
    """Put deleted projects back with their ids, positions and owners (undo of delete)."""
    with writing(session, user=user) as op:
        ids = writer.restore_rows(session, PROJECTS, snapshot, user=user or op.author)
        _note_rows(op, snapshot.rows)
    return ids


def _note_rows(op, rows: list[dict]) -> None:
    op.note(
        "project",
        ids=[row["id"] for row in rows],
        plan_ids={row["plan_id"] for row in rows},
        rows=True,
        totals=True,
    )


def project_places(session: Session, ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    places = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for pid, section_id, position in session.execute(
            select(Project.id, Project.section_id, Project.position).where(Project.id.in_(chunk))
        ):
            places[pid] = (section_id, position)
    return places


@dataclass
class MovedProjects:
    """The inverse of a move: where the rows were, and the shift that made room for them."""

    places: dict[int, tuple[int, int]]
    section_id: int
    shifted_from: int
    shifted_by: int


def move_projects(
    session: Session, ids: list[int], section_id: int, position: int | None
) -> MovedProjects:
    """Move projects (in the given order) to `position` of a section, possibly another one.

    Returns the `MovedProjects` that `place_projects` uses to put everything back exactly.
    """
    target = session.get(Section, section_id)
    if target is None:
        raise LedgerError(f"分区不存在 (no such section): {section_id}")
    before = project_places(session, ids)
    with writing(session) as op:
        shifted_by = 0
        if position is None:
            position = next_position(session, section_id)
        else:
            writer.shift(session, PROJECTS, section_id, position, len(ids))
            shifted_by = len(ids)
        writer.update_rows(
            session,
            PROJECTS.table,
            {
                pid: {"section_id": section_id, "plan_id": target.plan_id, "position": position + i}
                for i, pid in enumerate(ids)
            },
        )
        op.note("project", ids=ids, plan_ids=[target.plan_id], rows=True, totals=True)
    session.expire_all()
    return MovedProjects(before, section_id, position, shifted_by)


def place_projects(session: Session, moved: MovedProjects) -> None:
    """Undo a move: lift the moved rows, undo the room-making shift, put them back."""
    table = PROJECTS.table
    with writing(session) as op:
        writer.update_rows(session, table, {pid: {"position": -1 - pid} for pid in moved.places})
        if moved.shifted_by:
            writer.shift(
                session,
                PROJECTS,
                moved.section_id,
                moved.shifted_from + moved.shifted_by,
                -moved.shifted_by,
            )
        sections = {section_id for section_id, _ in moved.places.values()}
        statement = select(Section.id, Section.plan_id).where(Section.id.in_(sections))
        plan_of = {section_id: plan_id for section_id, plan_id in session.execute(statement)}
        writer.update_rows(
            session,
            table,
            {
                pid: {"section_id": section_id, "plan_id": plan_of[section_id], "position": p}
                for pid, (section_id, p) in moved.places.items()
            },
        )
        op.note("project", ids=moved.places, plan_ids=plan_of.values(), rows=True, totals=True)
    session.expire_all()
