"""Audit history (修改记录) for the tracking records, and the audited write path they share.

Every write of a progress report, indicator, key task or rectification goes through
`AuditedTable` (or `record_changes` directly): values are parsed and validated first, written in
one transaction, one `AuditEntry` row per field per record is added in that same transaction,
and the old values come back as the inverse, so undo is the same call with the inverse
(the pattern of services.ledger.set_fields, which audits project fields itself).

Progress reports and milestones are audited under the *project's* id (entity
"progress_report" / "project_milestone", field "2023Q2/completed_investment_wan") so that a
project's history stays browsable even after a report is deleted.

`TableSource` turns an AuditedTable into a services.records RecordSource, so the tracking
tables use the GRID helper's grid unchanged (one plan as the only group).

Headless: never import Qt here. Never write a tracking row without its audit rows.
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from models import AuditEntry, Plan
from services.errors import FieldError, LedgerError, ValidationError
from services.ledger import ChangeSet
from services.operations import refuse, writing
from services.organizations import OrganizationResolver, search_organizations
from services.query import Totals
from services.records import MoveRun, MoveTarget

# Entities whose audit rows carry a project id (browsable per project).
PROJECT_ENTITIES = ("project", "progress_report", "project_milestone", "key_task_project")


def audit_text(value: object) -> str | None:
    """A value as the audit trail keeps it: short, stable, parseable back where it matters."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "、".join(str(audit_text(v)) for v in value)
    return str(value)


def entry(
    action: str,
    entity: str,
    entity_id: int,
    field_key: str | None,
    old: object,
    new: object,
    user: str,
) -> AuditEntry:
    return AuditEntry(
        user=user,
        action=action,
        entity=entity,
        entity_id=entity_id,
        field=field_key,
        old_value=audit_text(old),
        new_value=audit_text(new),
    )


def record_changes(
    session: Session,
    entity: str,
    entity_id: int,
    changes: Mapping[str, tuple[object, object]],
    user: str,
    *,
    action: str = "update",
    prefix: str = "",
) -> None:
    """One audit row per changed field: {field: (old, new)}."""
    session.add_all(
        entry(action, entity, entity_id, f"{prefix}{key}", old, new, user)
        for key, (old, new) in changes.items()
    )


# ---------------------------------------------------------------- reading the history


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: int
    field: str | None
    old_value: str | None
    new_value: str | None


def _rows(session: Session, statement) -> list[AuditRow]:
    return [
        AuditRow(
            r.id, r.at, r.user, r.action, r.entity, r.entity_id, r.field, r.old_value, r.new_value
        )
        for r in session.scalars(statement)
    ]


def project_history(session: Session, project_id: int, limit: int = 2000) -> list[AuditRow]:
    """Everything recorded about one project, newest first (fields, progress, milestones)."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.entity.in_(PROJECT_ENTITIES), AuditEntry.entity_id == project_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return _rows(session, statement)


def entity_history(
    session: Session, entity: str, entity_id: int, limit: int = 2000
) -> list[AuditRow]:
    statement = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return _rows(session, statement)


def history_count(session: Session, entities: Iterable[str] | None = None) -> int:
    statement = select(func.count()).select_from(AuditEntry)
    if entities is not None:
        statement = statement.where(or_(*(AuditEntry.entity == e for e in entities)))
    return session.scalar(statement) or 0


# ---------------------------------------------------------------- the audited table writer


@dataclass(frozen=True)
class Column:
    """One editable field of a tracking table.

    `parse` turns a cell's text (or an already typed value) into the stored value or raises
    ValueError with the reason; `read`/`write` default to the attribute of the same name
    (owners and towns need their own, they live in link tables).
    """

    key: str
    parse: Callable[[object], object]
    to_text: Callable[[object], str]
    read: Callable[[object], object] | None = None
    write: Callable[[Session, object, object], None] | None = None
    required: bool = False
    audit_key: str | None = None  # the audit trail's field name, when it is not `key`
    # canonical(session, value): the stored form (unit aliases → full names) before comparing.
    canonical: Callable[[Session, object], object] | None = None

    def get(self, obj: object) -> object:
        return self.read(obj) if self.read else getattr(obj, self.key)

    def set(self, session: Session, obj: object, value: object) -> None:
        if self.write:
            self.write(session, obj, value)
        else:
            setattr(obj, self.key, value)


@dataclass
class RowSnapshot:
    """Deleted rows of one table with their cascading dependents (for undo of delete)."""

    table: str
    rows: list[dict]
    dependents: dict[str, list[dict]] = field(default_factory=dict)


# check(obj, values) -> [(field, reason)]; may also complete `values` (e.g. a 销号 date).
Check = Callable[[object, dict[str, object]], list[tuple[str, str]]]


class AuditedTable:
    """Edits of a plan-owned, ordered table (indicators, key tasks, rectifications).

    Rows are ordered by a unique (plan_id, position); every write is one transaction with
    audit rows; `set_fields` returns a ChangeSet whose inverse undoes it through `set_fields`.
    `check(obj, new_values)` may refuse a combination of values (e.g. closing without date).
    """

    def __init__(
        self,
        model: type,
        entity: str,
        columns: list[Column],
        check: Check | None = None,
        defaults: Mapping[str, object] | None = None,
    ) -> None:
        self.model = model
        self.entity = entity
        self.columns = {c.key: c for c in columns}
        self.check = check
        self.defaults = dict(defaults or {})

    # ------------------------------------------------------------ fields

    def parse(self, changes: Mapping[int, Mapping[str, object]]) -> tuple[dict, list[FieldError]]:
        parsed: dict[int, dict[str, object]] = {}
        errors: list[FieldError] = []
        for row_id, values in changes.items():
            for key, raw in values.items():
                column = self.columns.get(key)
                if column is None:
                    errors.append(FieldError(row_id, key, raw, "未知字段 (unknown field)"))
                    continue
                try:
                    parsed.setdefault(row_id, {})[key] = column.parse(raw)
                except ValueError as exc:
                    errors.append(FieldError(row_id, key, raw, str(exc)))
        return parsed, errors

    def set_fields(
        self,
        session: Session,
        changes: Mapping[int, Mapping[str, object]],
        *,
        user: str | None = None,
    ) -> ChangeSet:
        """Validate all, then write all in one transaction; raises ValidationError, writing nothing."""
        parsed, errors = self.parse(changes)
        objects = self.load(session, parsed.keys())
        for row_id, values in parsed.items():
            obj = objects.get(row_id)
            if obj is None:
                errors.append(FieldError(row_id, "id", row_id, "记录不存在 (no such record)"))
                continue
            for key, value in values.items():
                if self.columns[key].required and value is None:
                    errors.append(FieldError(row_id, key, value, "不能为空 (must not be blank)"))
            if self.check:
                errors += [
                    FieldError(row_id, key, values.get(key), reason)
                    for key, reason in self.check(obj, values)
                ]
        if errors:
            raise refuse(session, ValidationError(errors))
        changeset = ChangeSet()
        with writing(session, user=user) as op:
            user = user or op.author
            for row_id, values in parsed.items():
                obj = objects[row_id]
                diff = {}
                for key, new in values.items():
                    column = self.columns[key]
                    if column.canonical is not None:
                        new = column.canonical(session, new)
                    old = column.get(obj)
                    if old == new:
                        continue
                    column.set(session, obj, new)
                    diff[key] = (old, new)
                if diff:
                    changeset.changed_ids.add(row_id)
                    changeset.fields.update(diff)
                    changeset.inverse[row_id] = {k: old for k, (old, _new) in diff.items()}
                    changeset.plan_ids.add(obj.plan_id)
                    record_changes(session, self.entity, row_id, self._audit_keys(diff), user)
            if changeset:
                self._note(op, changeset.plan_ids)
        return changeset

    def _note(self, op, plan_ids, *, rows: bool = False) -> None:
        op.note(self.model.__tablename__, plan_ids=plan_ids, rows=rows)

    def _audit_keys(self, diff: dict[str, tuple]) -> dict[str, tuple]:
        return {(self.columns[k].audit_key or k): v for k, v in diff.items()}

    def load(self, session: Session, ids: Iterable[int]) -> dict[int, object]:
        ids = list(ids)
        found = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for obj in session.scalars(select(self.model).where(self.model.id.in_(chunk))).unique():
                found[obj.id] = obj
        return found

    def text(self, obj: object, key: str) -> str:
        column = self.columns[key]
        return column.to_text(column.get(obj))

    # ------------------------------------------------------------ rows

    def ids(self, session: Session, plan_id: int) -> list[int]:
        return list(
            session.scalars(
                select(self.model.id)
                .where(self.model.plan_id == plan_id)
                .order_by(self.model.position, self.model.id)
            )
        )

    def _shift(self, session: Session, plan_id: int, from_position: int, by: int) -> None:
        # Two statements keep the unique (plan_id, position) valid after each one.
        model = self.model
        where = (model.plan_id == plan_id, model.position >= from_position)
        session.execute(update(model).where(*where).values(position=-model.position - 1))
        session.execute(
            update(model)
            .where(model.plan_id == plan_id, model.position < 0)
            .values(position=-model.position - 1 + by)
        )

    def insert_rows(
        self,
        session: Session,
        plan_id: int,
        position: int | None,
        values_list: list[Mapping[str, object]],
        *,
        user: str | None = None,
    ) -> list[int]:
        """Insert rows at `position` (None = at the end); returns their ids."""
        # A blank new row (insert in the grid) gets the placeholders a user then overwrites.
        values_list = [{**self.defaults, **values} for values in values_list]
        parsed, errors = self.parse(dict(enumerate(values_list)))
        if self.check:
            for index in range(len(values_list)):
                values = parsed.setdefault(index, {})
                errors += [
                    FieldError(None, key, values.get(key), reason)
                    for key, reason in self.check(None, values)
                ]
        for index, _values in enumerate(values_list):
            for column in self.columns.values():
                if column.required and parsed.get(index, {}).get(column.key) is None:
                    errors.append(
                        FieldError(None, column.key, None, "不能为空 (must not be blank)")
                    )
        if errors:
            raise refuse(session, ValidationError(errors))
        model = self.model
        with writing(session, user=user) as op:
            user = user or op.author
            last = session.scalar(select(func.max(model.position)).where(model.plan_id == plan_id))
            end = 0 if last is None else last + 1
            if position is None or position >= end:
                position = end
            else:
                self._shift(session, plan_id, position, len(values_list))
            ids = []
            for offset in range(len(values_list)):
                values = parsed.get(offset, {})
                obj = model(plan_id=plan_id, position=position + offset)
                # Plain columns before the INSERT (NOT NULL), link-table columns after it.
                for key, value in values.items():
                    if self.columns[key].write is None:
                        self.columns[key].set(session, obj, value)
                session.add(obj)
                session.flush()
                for key, value in values.items():
                    if self.columns[key].write is not None:
                        self.columns[key].set(session, obj, value)
                session.flush()
                ids.append(obj.id)
                session.add(entry("insert", self.entity, obj.id, None, None, None, user))
                record_changes(
                    session,
                    self.entity,
                    obj.id,
                    {k: (None, v) for k, v in values.items() if v not in (None, [], "")},
                    user,
                    action="insert",
                )
            self._note(op, [plan_id], rows=True)
        return ids

    def _cascading(self) -> list:
        tables = []
        for table in self.model.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table is self.model.__table__ and fk.ondelete == "CASCADE":
                    tables.append((table, fk.parent))
        return tables

    def delete_rows(
        self, session: Session, ids: Iterable[int], *, user: str | None = None
    ) -> RowSnapshot:
        ids = sorted(set(ids))
        table = self.model.__table__
        snapshot = RowSnapshot(table.name, [])
        with writing(session, user=user) as op:
            user = user or op.author
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                snapshot.rows += [
                    dict(r._mapping)
                    for r in session.execute(select(table).where(table.c.id.in_(chunk)))
                ]
                for dep, column in self._cascading():
                    rows = session.execute(select(dep).where(column.in_(chunk)))
                    snapshot.dependents.setdefault(dep.name, []).extend(
                        dict(r._mapping) for r in rows
                    )
                session.execute(delete(self.model).where(self.model.id.in_(chunk)))
            session.add_all(
                entry("delete", self.entity, r["id"], None, None, None, user) for r in snapshot.rows
            )
            self._note(op, {r["plan_id"] for r in snapshot.rows}, rows=True)
        session.expire_all()
        return snapshot

    def restore_rows(
        self, session: Session, snapshot: RowSnapshot, *, user: str | None = None
    ) -> list[int]:
        """Put deleted rows back with their ids, places and link rows (undo of delete)."""
        model = self.model
        with writing(session, user=user) as op:
            user = user or op.author
            for row in sorted(snapshot.rows, key=lambda r: r["position"]):
                taken = session.scalar(
                    select(func.count())
                    .select_from(model)
                    .where(model.plan_id == row["plan_id"], model.position == row["position"])
                )
                if taken:
                    self._shift(session, row["plan_id"], row["position"], 1)
                session.execute(insert(model.__table__), [row])
            for dep, _column in self._cascading():
                if snapshot.dependents.get(dep.name):
                    session.execute(insert(dep), snapshot.dependents[dep.name])
            session.add_all(
                entry("insert", self.entity, r["id"], None, None, None, user) for r in snapshot.rows
            )
            self._note(op, {r["plan_id"] for r in snapshot.rows}, rows=True)
        session.expire_all()
        return [r["id"] for r in snapshot.rows]

    def move_rows(self, session: Session, ids: list[int], position: int) -> dict[int, int]:
        """Move rows (in order) to `position` of their plan. Returns old positions for undo."""
        objects = self.load(session, ids)
        if not objects:
            return {}
        plan_id = next(iter(objects.values())).plan_id
        before = {i: objects[i].position for i in ids if i in objects}
        with writing(session) as op:
            ordered = list(
                session.scalars(
                    select(self.model)
                    .where(self.model.plan_id == plan_id)
                    .order_by(self.model.position)
                )
            )
            moving = [o for o in ordered if o.id in before]
            rest = [o for o in ordered if o.id not in before]
            # `position` counts rows before the move; rows taken out above it shift it up.
            target = position - sum(1 for o in moving if o.position < position)
            target = max(0, min(target, len(rest)))
            final = rest[:target] + [objects[i] for i in ids if i in objects] + rest[target:]
            self._place(session, final)
            self._note(op, [plan_id], rows=True)
        return before

    def place_rows(self, session: Session, positions: Mapping[int, int]) -> None:
        """Undo of a move: put rows back at exact positions, the others closing up around them."""
        objects = self.load(session, positions)
        if not objects:
            return
        plan_id = next(iter(objects.values())).plan_id
        with writing(session) as op:
            ordered = list(
                session.scalars(
                    select(self.model)
                    .where(self.model.plan_id == plan_id)
                    .order_by(self.model.position)
                )
            )
            rest = [o for o in ordered if o.id not in positions]
            for row_id, pos in sorted(positions.items(), key=lambda item: item[1]):
                rest.insert(min(pos, len(rest)), objects[row_id])
            self._place(session, rest)
            self._note(op, [plan_id], rows=True)

    def _place(self, session: Session, ordered: list) -> None:
        for index, obj in enumerate(ordered):
            obj.position = -1 - index
        session.flush()
        for index, obj in enumerate(ordered):
            obj.position = index
        session.flush()


# ---------------------------------------------------------------- a grid source over a table


@dataclass(frozen=True)
class TrackingFilter:
    """What a tracking grid shows: one plan, a quick text filter, optionally some ids."""

    plan_id: int | None = None
    text: str = ""
    ids: tuple[int, ...] | None = None


@dataclass
class Record:
    """A grid row of a tracking table: plain values read inside the session (no lazy loads)."""

    id: int
    plan_id: int
    position: int
    values: dict[str, object]


class TableSource:
    """services.records.RecordSource over an AuditedTable (indicators, tasks, rectifications).

    Subclasses give `table`, `grid_columns` (services.records.Column) and `search` (the model
    columns the quick filter looks in). Rows have no groups; the order is the table's position.
    """

    topic = "tracking"
    table: AuditedTable
    grid_columns: ClassVar[list] = []
    search: ClassVar[tuple] = ()
    sortable: ClassVar[dict[str, object]] = {}  # column key -> SQL expression

    def __init__(self, plan_id: int | None = None) -> None:
        self.plan_id = plan_id

    def columns(self) -> list:
        return list(self.grid_columns)

    def _clauses(self, flt: TrackingFilter | None) -> list:
        model = self.table.model
        flt = flt or TrackingFilter(self.plan_id)
        clauses = []
        plan_id = flt.plan_id if flt.plan_id is not None else self.plan_id
        if plan_id is not None:
            clauses.append(model.plan_id == plan_id)
        for word in flt.text.split():
            clauses.append(or_(*(column.like(f"%{word}%") for column in self.search)))
        if flt.ids is not None:
            clauses.append(model.id.in_(flt.ids))
        return clauses

    def ids(self, session: Session, flt: TrackingFilter | None, sort=None):
        model = self.table.model
        order = [model.position, model.id]
        if sort is not None and sort.column in self.sortable:
            expression = self.sortable[sort.column]
            order = [
                expression.is_(None),
                expression.desc() if sort.descending else expression.asc(),
                model.position,
            ]
        elif sort is not None and sort.descending:
            order = [model.position.desc(), model.id.desc()]
        statement = select(model.id).where(*self._clauses(flt)).order_by(*order)
        return array("q", session.scalars(statement))

    def rows(self, session: Session, ids) -> list[Record]:
        objects = self.table.load(session, ids)
        extra = self.extra_values(session, list(objects))
        records = []
        for row_id in ids:
            obj = objects.get(row_id)
            if obj is None:
                continue
            values = {key: column.get(obj) for key, column in self.table.columns.items()}
            values.update(extra.get(row_id, {}))
            records.append(Record(obj.id, obj.plan_id, obj.position, values))
        return records

    def extra_values(self, session: Session, ids: list[int]) -> dict[int, dict[str, object]]:
        """Read-only computed values per row (override: one query for the page)."""
        return {}

    def row_id(self, row: Record) -> int:
        return row.id

    def group_id(self, row: Record) -> int | None:
        return None

    def value(self, row: Record, key: str) -> object:
        return row.values.get(key)

    def display(self, row: Record, key: str) -> str:
        return self.edit_text(row, key)

    def edit_text(self, row: Record, key: str) -> str:
        column = self.table.columns.get(key)
        value = row.values.get(key)
        if column is None:
            return "" if value is None else str(value)
        return column.to_text(value)

    def parse(self, key: str, text: object) -> object:
        column = self.table.columns.get(key)
        if column is None:
            raise ValueError("只读列 (read-only column)")
        value = column.parse(text)
        if column.required and value is None:
            raise ValueError("不能为空 (must not be blank)")
        return value

    def set_fields(self, session: Session, changes) -> ChangeSet:
        return self.table.set_fields(session, changes)

    def insert(self, session: Session, where, values_list) -> list[int]:
        model = self.table.model
        anchor = getattr(where, "anchor_id", None)
        plan_id, position = self.plan_id, None
        if anchor is not None:
            row = session.execute(
                select(model.plan_id, model.position).where(model.id == anchor)
            ).first()
            if row is None:
                raise LedgerError(f"记录不存在 (no such record): {anchor}")
            plan_id, position = row.plan_id, row.position + (1 if where.after else 0)
        if plan_id is None:
            raise LedgerError("没有选定方案 (no plan selected)")
        return self.table.insert_rows(session, plan_id, position, values_list)

    def delete(self, session: Session, ids) -> RowSnapshot:
        return self.table.delete_rows(session, ids)

    def restore(self, session: Session, snapshot: RowSnapshot) -> list[int]:
        return self.table.restore_rows(session, snapshot)

    def move(self, session: Session, runs) -> list:
        """Move runs of rows before/after an anchor; returns runs that put them back."""
        model = self.table.model
        inverse = []
        for run in runs:
            ids = list(run.ids)
            positions = dict(
                session.execute(select(model.id, model.position).where(model.id.in_(ids))).all()
            )
            # The inverse anchors each row to the row that followed it and is not moving.
            order = list(
                session.execute(
                    select(model.id).where(*self._clauses(None)).order_by(model.position)
                ).scalars()
            )
            back = []
            for pid in sorted(ids, key=lambda i: positions.get(i, 0)):
                index = order.index(pid)
                following = next((o for o in order[index + 1 :] if o not in ids), None)
                back.append(MoveRun((pid,), MoveTarget(0, before_id=following)))
            target = run.target
            anchor = target.before_id if target.before_id is not None else target.after_id
            if anchor is None:
                position = len(order)
            else:
                position = session.scalar(select(model.position).where(model.id == anchor))
                position += 0 if target.before_id is not None else 1
            self.table.move_rows(session, ids, position)
            inverse = back + inverse
        return inverse

    def groups(self, session: Session, flt) -> list[tuple[int, str]]:
        """One group, the plan: new rows of an empty table go to its end."""
        plan_id = getattr(flt, "plan_id", None) or self.plan_id
        title = session.scalar(select(Plan.title).where(Plan.id == plan_id)) if plan_id else None
        return [(plan_id, title)] if title else []

    def completions(self, session: Session, key: str, text: str) -> list[str]:
        if key not in self.unit_columns or not text.strip():
            return []
        return [org.name for org in search_organizations(session, text, limit=15)]

    unit_columns: tuple[str, ...] = ()

    def totals(self, session: Session, flt):
        count = session.scalar(
            select(func.count()).select_from(self.table.model).where(*self._clauses(flt))
        )
        return Totals(count or 0, Decimal("0.00"))

    def totals_for_ids(self, session: Session, ids):
        return Totals(len(ids), Decimal("0.00"))


def organization_resolver(session: Session):
    """One OrganizationResolver per transaction (it loads every unit name once)."""
    key = ("org_resolver", id(session.get_transaction()))
    cached = session.info.get("org_resolver")
    if cached is None or cached[0] != key:
        cached = (key, OrganizationResolver(session))
        session.info["org_resolver"] = cached
    return cached[1]


def require(condition: bool, message: str) -> None:
    if not condition:
        raise LedgerError(message)
