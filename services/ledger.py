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

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from models import AuditEntry, OwnerRole, Project, ProjectOwner, Section
from models.base import utcnow
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


def owners_text(specs: Iterable[OwnerSpec]) -> str:
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
) -> ChangeSet:
    """Validate all, then write all in one transaction. Raises ValidationError, writing nothing.

    Column fields are written with one executemany per field set and audited with one bulk
    insert, so a paste of 10,000 cells costs a few statements, not 10,000 ORM flushes.
    Inside an operation it joins the caller's transaction (a merge: fields and new rows in one).
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
        updates: dict[tuple[str, ...], list[dict]] = {}
        audits: list[dict] = []
        for project_id, values in parsed.items():
            row = current[project_id]
            columns: dict[str, object] = {}
            for key, new in values.items():
                if key == "owners":
                    resolver = resolver or OrganizationResolver(session)
                    project = session.get(Project, project_id)
                    old = owner_specs(project)
                    new = _canonical_owners(_owner_list(new), resolver)
                    if old == new:
                        continue
                    _write_owners(session, project, new, resolver)
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
                audits.append(_audit_row("update", project_id, key, old, new, user, now))
            if project_id in changeset.inverse:
                changeset.changed_ids.add(project_id)
                changeset.plan_ids.add(row["plan_id"])
                columns["updated_at"] = now
                updates.setdefault(tuple(sorted(columns)), []).append(
                    {"_id": project_id, **columns}
                )
        table = Project.__table__
        for keys, rows in updates.items():
            statement = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values({key: bindparam(key) for key in keys})
            )
            session.execute(statement, rows)
        if audits:
            session.execute(insert(AuditEntry.__table__), audits)
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
    table = Project.__table__
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
) -> None:
    project.owners.clear()
    session.flush()
    names = []
    for position, (name, role) in enumerate(specs):
        org = resolver.resolve(name)
        project.owners.append(ProjectOwner(position=position, organization=org, role=role))
        names.append(org.name)
    project.owners_text = "、".join(names)


def _audit_row(
    action: str, entity_id: int, key: str | None, old: object, new: object, user: str, at=None
) -> dict:
    return {
        "at": at or utcnow(),
        "user": user,
        "action": action,
        "entity": "project",
        "entity_id": entity_id,
        "field": key,
        "old_value": _audit_text(key, old),
        "new_value": _audit_text(key, new),
    }


def _audit(
    action: str, entity_id: int, key: str | None, old: object, new: object, user: str
) -> AuditEntry:
    return AuditEntry(**_audit_row(action, entity_id, key, old, new, user))


def add_audit_rows(session: Session, action: str, rows: list[dict], user: str) -> None:
    """One audit line per project row, as one executemany (100k ORM objects take seconds)."""
    if rows:
        at = utcnow()
        entries = [_audit_row(action, row["id"], None, None, None, user, at) for row in rows]
        session.execute(insert(AuditEntry.__table__), entries)


def _audit_text(key: str | None, value: object) -> str | None:
    if value is None or key is None:
        return None
    if key == "owners":
        return owners_text(value)
    return FIELDS[key].to_text(value)


# ---------------------------------------------------------------- rows: insert, delete, move


@dataclass
class ProjectSnapshot:
    """Everything needed to put deleted projects back with their ids, owners and history.

    `dependents` holds the rows of every table whose foreign key to project cascades
    (owners, progress reports, task links…), found from the metadata so new tables are covered.
    """

    rows: list[dict]
    dependents: dict[str, list[dict]]


def _cascading_tables() -> list:
    tables = []
    for table in Project.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is Project.__table__ and fk.ondelete == "CASCADE":
                tables.append((table, fk.parent))
    return tables


def _shift(session: Session, section_id: int, from_position: int, by: int) -> None:
    session.execute(
        update(Project)
        .where(Project.section_id == section_id, Project.position >= from_position)
        .values(position=Project.position + by)
    )


def next_position(session: Session, section_id: int) -> int:
    last = session.scalar(
        select(func.max(Project.position)).where(Project.section_id == section_id)
    )
    return 0 if last is None else last + 1


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
        if position is None:
            position = next_position(session, section_id)
        else:
            _shift(session, section_id, position, len(values_list))
        resolver = OrganizationResolver(session)
        ids = []
        for offset in range(len(values_list)):
            values = parsed.get(offset, {})
            project = Project(
                plan_id=section.plan_id, section_id=section_id, position=position + offset
            )
            _apply_new_values(session, project, values, resolver)
            ids.append(project.id)
            session.add(_audit("insert", project.id, None, None, None, user))
        op.note("project", ids=ids, plan_ids=[section.plan_id], rows=True, totals=True)
    return ids


def _apply_new_values(session: Session, project: Project, values: dict, resolver) -> None:
    for key, value in values.items():
        if key == "period":
            project.start_year, project.end_year = value.start_year, value.end_year
        elif key != "owners":
            setattr(project, key, value)
    session.add(project)
    session.flush()
    if values.get("owners"):
        _write_owners(session, project, _owner_list(values["owners"]), resolver)


def delete_projects(
    session: Session, ids: Iterable[int], *, user: str | None = None
) -> ProjectSnapshot:
    """Delete projects; returns the snapshot that `restore_projects` puts back."""
    ids = sorted(set(ids))
    with writing(session, user=user) as op:
        user = user or op.author
        snapshot = ProjectSnapshot(rows=[], dependents={})
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            snapshot.rows += [
                dict(r._mapping)
                for r in session.execute(select(Project.__table__).where(Project.id.in_(chunk)))
            ]
            for table, column in _cascading_tables():
                rows = session.execute(select(table).where(column.in_(chunk)))
                snapshot.dependents.setdefault(table.name, []).extend(
                    dict(r._mapping) for r in rows
                )
            session.execute(delete(Project).where(Project.id.in_(chunk)))
        add_audit_rows(session, "delete", snapshot.rows, user)
        _note_rows(op, snapshot.rows)
    session.expire_all()
    return snapshot


def restore_projects(
    session: Session, snapshot: ProjectSnapshot, *, user: str | None = None
) -> list[int]:
    """Put deleted projects back with their ids, positions and owners (undo of delete)."""
    with writing(session, user=user) as op:
        user = user or op.author
        for row in snapshot.rows:
            taken = session.scalar(
                select(func.count())
                .select_from(Project)
                .where(Project.section_id == row["section_id"], Project.position == row["position"])
            )
            if taken:
                _shift(session, row["section_id"], row["position"], 1)
        if snapshot.rows:
            session.execute(insert(Project.__table__), snapshot.rows)
        for table, _column in _cascading_tables():
            if snapshot.dependents.get(table.name):
                session.execute(insert(table), snapshot.dependents[table.name])
        add_audit_rows(session, "insert", snapshot.rows, user)
        _note_rows(op, snapshot.rows)
    session.expire_all()
    return [row["id"] for row in snapshot.rows]


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
            _shift(session, section_id, position, len(ids))
            shifted_by = len(ids)
        for offset, pid in enumerate(ids):
            session.execute(
                update(Project)
                .where(Project.id == pid)
                .values(section_id=section_id, plan_id=target.plan_id, position=position + offset)
            )
        op.note("project", ids=ids, plan_ids=[target.plan_id], rows=True, totals=True)
    session.expire_all()
    return MovedProjects(before, section_id, position, shifted_by)


def place_projects(session: Session, moved: MovedProjects) -> None:
    """Undo a move: lift the moved rows, undo the room-making shift, put them back."""
    with writing(session) as op:
        for pid in moved.places:
            session.execute(update(Project).where(Project.id == pid).values(position=-1 - pid))
        if moved.shifted_by:
            _shift(
                session, moved.section_id, moved.shifted_from + moved.shifted_by, -moved.shifted_by
            )
        for pid, (section_id, position) in moved.places.items():
            plan_id = session.scalar(select(Section.plan_id).where(Section.id == section_id))
            session.execute(
                update(Project)
                .where(Project.id == pid)
                .values(section_id=section_id, plan_id=plan_id, position=position)
            )
            op.note("project", ids=[pid], plan_ids=[plan_id], rows=True, totals=True)
    session.expire_all()
