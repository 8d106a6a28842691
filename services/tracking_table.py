"""The audited table writer of the tracking records (indicators, key tasks, rectifications).

`AuditedTable` describes a plan-owned, ordered table by its editable `Column`s: values are
parsed and validated first, then written through services.writer (the one row writer, with its
position rule) in the caller's operation, with one audit line per field per record, and the old
values come back as the inverse, so undo is the same call with the inverse (as
services.ledger.set_fields does for projects).
Headless: never import Qt here. Never write a tracking row without its audit lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services import writer
from services.audit import entry, record_changes
from services.errors import FieldError, ValidationError
from services.ledger import ChangeSet
from services.operations import refuse, writing
from services.parsing import optional_text, plain_text


@dataclass(frozen=True)
class Column:
    """One editable field of a tracking table.

    `parse` turns a cell's text (or an already typed value) into the stored value or raises
    ValueError with the reason; `read`/`write` default to the attribute of the same name
    (owners and towns need their own, they live in link tables).
    """

    key: str
    # Any: each column pairs its own parse/to_text/read/write over its own value type
    # (dates, names, statuses); the table only passes values between them.
    parse: Callable[[Any], object] = optional_text
    to_text: Callable[[Any], str] = plain_text
    read: Callable[[Any], object] | None = None
    # write(session, obj, value): writes link-table rows; may return own-row columns to set
    # ({column: value}), which the row writer stores.
    write: Callable[[Session, Any, Any], Mapping[str, object] | None] | None = None
    required: bool = False
    audit_key: str | None = None  # the audit trail's field name, when it is not `key`
    # canonical(session, value): the stored form (unit aliases → full names) before comparing.
    canonical: Callable[[Session, Any], object] | None = None

    def get(self, obj: object) -> object:
        return self.read(obj) if self.read else getattr(obj, self.key)


# check(obj, values) -> [(field, reason)]; may also complete `values` (e.g. a 销号 date).
Check = Callable[[Any, dict[str, object]], list[tuple[str, str]]]


class AuditedTable:
    """Edits of a plan-owned, ordered table (indicators, key tasks, rectifications).

    Rows are ordered by a unique (plan_id, position); every write is one transaction with
    audit rows; `set_fields` returns a ChangeSet whose inverse undoes it through `set_fields`.
    `check(obj, new_values)` may refuse a combination of values (e.g. closing without date).
    """

    def __init__(
        self,
        model: Any,
        entity: str,
        columns: list[Column],
        check: Check | None = None,
        defaults: Mapping[str, object] | None = None,
    ) -> None:
        self.model = model
        self.entity = entity
        self.kind = writer.Ordered(model, "plan_id", entity)
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
        expected: Mapping[int, int] | None = None,
    ) -> ChangeSet:
        """Validate all, then write all in one transaction; raises ValidationError, writing nothing.
        `expected` (row id → the row_version the edit was based on) refuses a stale write."""
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
            updates: dict[int, dict[str, object]] = {}
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
                    if column.write is None:  # a column of the row itself: the row writer
                        updates.setdefault(row_id, {})[key] = new
                    else:  # link-table rows (owners, towns), and the row's copy of them
                        own = column.write(session, obj, new) or {}
                        updates.setdefault(row_id, {}).update(own)
                    diff[key] = (old, new)
                if diff:
                    changeset.changed_ids.add(row_id)
                    changeset.fields.update(diff)
                    changeset.inverse[row_id] = {k: old for k, (old, _new) in diff.items()}
                    changeset.plan_ids.add(obj.plan_id)
                    record_changes(session, self.entity, row_id, self._audit_keys(diff), user)
            session.flush()
            writer.update_rows(session, self.kind.table, updates, expected=expected)
            if changeset:
                self._note(op, changeset.plan_ids)
        session.expire_all()
        return changeset

    def _note(self, op, plan_ids, *, rows: bool = False) -> None:
        op.note(self.model.__tablename__, plan_ids=plan_ids, rows=rows)

    def _audit_keys(self, diff: dict[str, tuple]) -> dict[str, tuple]:
        return {(self.columns[k].audit_key or k): v for k, v in diff.items()}

    def load(self, session: Session, ids: Iterable[int]) -> dict[int, Any]:
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

    def insert_rows(
        self,
        session: Session,
        plan_id: int,
        position: int | None,
        values_list: Sequence[Mapping[str, object]],
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
            position = writer.make_room(session, self.kind, plan_id, position, len(values_list))
            ids = []
            for offset in range(len(values_list)):
                values = parsed.get(offset, {})
                obj = model(plan_id=plan_id, position=position + offset)
                # Plain columns before the INSERT (NOT NULL), link-table columns after it.
                for key, value in values.items():
                    if self.columns[key].write is None:
                        setattr(obj, key, value)
                session.add(obj)
                session.flush()
                own: dict[str, object] = {}
                for key, value in values.items():
                    write = self.columns[key].write
                    if write is not None:
                        own.update(write(session, obj, value) or {})
                session.flush()
                writer.update_rows(session, self.kind.table, {obj.id: own})
                session.expire(obj)
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

    def delete_rows(
        self,
        session: Session,
        ids: Iterable[int],
        *,
        user: str | None = None,
        expected: Mapping[int, int] | None = None,
    ) -> writer.RowSnapshot:
        with writing(session, user=user) as op:
            snapshot = writer.delete_rows(
                session, self.kind, ids, user=user or op.author, expected=expected
            )
            self._note(op, {r["plan_id"] for r in snapshot.rows}, rows=True)
        return snapshot

    def restore_rows(
        self, session: Session, snapshot: writer.RowSnapshot, *, user: str | None = None
    ) -> list[int]:
        """Put deleted rows back with their ids, places and link rows (undo of delete)."""
        with writing(session, user=user) as op:
            ids = writer.restore_rows(session, self.kind, snapshot, user=user or op.author)
            self._note(op, {r["plan_id"] for r in snapshot.rows}, rows=True)
        return ids

    def move_rows(self, session: Session, ids: list[int], position: int) -> dict[int, int]:
        """Move rows (in order) to `position` of their plan. Returns old positions for undo."""
        objects = self.load(session, ids)
        if not objects:
            return {}
        before = {i: objects[i].position for i in ids if i in objects}

        def arrange(ordered: list) -> list:
            moving = [o for o in ordered if o.id in before]
            rest = [o for o in ordered if o.id not in before]
            # `position` counts rows before the move; rows taken out above it shift it up.
            target = position - sum(1 for o in moving if o.position < position)
            target = max(0, min(target, len(rest)))
            return rest[:target] + [objects[i] for i in ids if i in objects] + rest[target:]

        self._reorder(session, objects, arrange)
        return before

    def place_rows(self, session: Session, positions: Mapping[int, int]) -> None:
        """Undo of a move: put rows back at exact positions, the others closing up around them."""
        objects = self.load(session, positions)

        def arrange(ordered: list) -> list:
            rest = [o for o in ordered if o.id not in positions]
            for row_id, pos in sorted(positions.items(), key=lambda item: item[1]):
                rest.insert(min(pos, len(rest)), objects[row_id])
            return rest

        self._reorder(session, objects, arrange)

    def _reorder(self, session: Session, objects: dict, arrange: Callable[[list], list]) -> None:
        """Renumber the plan of `objects` in the order `arrange(rows by position)` gives."""
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
            self._place(session, arrange(ordered))
            self._note(op, [plan_id], rows=True)

    def _place(self, session: Session, ordered: list) -> None:
        """Number the plan's rows 0, 1, 2… in this order."""
        positions = {obj.id: index for index, obj in enumerate(ordered)}
        session.flush()
        writer.place(session, self.kind, positions)
        session.expire_all()
