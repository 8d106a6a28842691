"""The row writer: the one place rows of the ledger's tables are inserted, updated, moved,
deleted, restored and audited.

The project ledger (services.ledger), the tracking tables (services.tracking_table) and the
importer's bulk load (`insert_bulk`, the same writer in bulk mode) all write here, so every
table follows the same position rule and every change leaves the same kind of audit line.
Every UPDATE of a row's values goes through `update_rows`: the place for checks that concern
all writes (the server mode's row versions).

Positions: rows of an ordered table are numbered within a group (projects within their
section, tracking rows and sections within their plan). Numbers may have gaps; making room
shifts every row from a position on by the same amount, in two statements when the table
holds (group, position) unique so that the constraint holds after each one.
Headless: never import Qt here. Never commit: the caller's operation does (services.operations).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    UniqueConstraint,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from db.bulk import (
    indexes_deferred,
    insert_rows,
    reserve_ids,
    text_index_deferred,
    trigger_set_aside,
    worth_deferring,
)
from models import AuditEntry
from models.base import utcnow
from services.errors import StaleRowError
from services.operations import operation_of

CHUNK = 500  # ids per IN (...) list: SQLite's bound-parameter limit


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# ---------------------------------------------------------------- audit lines


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


def audit_line(
    action: str,
    entity: str,
    entity_id: int,
    field_key: str | None = None,
    old: object = None,
    new: object = None,
    *,
    user: str,
    at: datetime | None = None,
) -> dict[str, object]:
    """One line of history (修改记录) as a row of the audit table."""
    return {
        "at": at or utcnow(),
        "user": user,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "field": field_key,
        "old_value": audit_text(old),
        "new_value": audit_text(new),
    }


def write_audit(session: Session, lines: list[dict[str, object]]) -> None:
    """All lines in one executemany (100,000 ORM objects would take seconds)."""
    if lines:
        session.execute(insert(AuditEntry), lines)


# ---------------------------------------------------------------- ordered tables


@dataclass(frozen=True)
class Ordered:
    """A table whose rows are ordered by `position` within a group column."""

    model: Any
    group: str  # "section_id" for projects, "plan_id" for tracking rows and sections
    entity: str  # the audit trail's name for its rows

    @property
    def table(self) -> Table:
        return self.model.__table__

    @cached_property
    def unique_positions(self) -> bool:
        wanted = {self.group, "position"}
        return any(
            isinstance(c, UniqueConstraint) and {col.name for col in c.columns} == wanted
            for c in self.table.constraints
        )

    @cached_property
    def dependents(self) -> list[tuple[Table, Any]]:
        """Tables whose foreign key to this one cascades on delete, found from the metadata
        so that a new table is covered by delete and restore without being named here."""
        found = []
        for table in self.table.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table is self.table and fk.ondelete == "CASCADE":
                    found.append((table, fk.parent))
        return found


def next_position(session: Session, kind: Ordered, group_id: int) -> int:
    column = kind.table.c
    last = session.scalar(select(func.max(column.position)).where(column[kind.group] == group_id))
    return 0 if last is None else last + 1


def shift(session: Session, kind: Ordered, group_id: int, from_position: int, by: int) -> None:
    """Make room (by > 0) or close up (by < 0): every row at `from_position` or later moves."""
    c = kind.table.c
    rows = (c[kind.group] == group_id, c.position >= from_position)
    if not kind.unique_positions:
        session.execute(update(kind.table).where(*rows).values(position=c.position + by))
        return
    # Through negative numbers: (group, position) stays unique after each statement.
    session.execute(update(kind.table).where(*rows).values(position=-c.position - 1))
    session.execute(
        update(kind.table)
        .where(c[kind.group] == group_id, c.position < 0)
        .values(position=-c.position - 1 + by)
    )


def make_room(session: Session, kind: Ordered, group_id: int, position: int | None, n: int) -> int:
    """The position where `n` new rows go: at `position` (the rows there move down) or, for
    None or a position past the end, at the group's end."""
    end = next_position(session, kind, group_id)
    if position is None or position >= end:
        return end
    shift(session, kind, group_id, position, n)
    return position


def place(session: Session, kind: Ordered, positions: Mapping[int, int]) -> None:
    """Give rows (id → position) new positions; the target slots must be free or theirs."""
    if not positions:
        return
    if kind.unique_positions:  # lift them first so that they never collide with each other
        update_rows(session, kind.table, {i: {"position": -1 - i} for i in positions})
    update_rows(session, kind.table, {i: {"position": p} for i, p in positions.items()})


# ---------------------------------------------------------------- updates


def update_rows(
    session: Session,
    table: Table,
    values: Mapping[int, Mapping[str, object]],
    *,
    expected: Mapping[int, int] | None = None,
) -> None:
    """Write column values by row id: one executemany per set of columns written together.

    The one place row values are updated (fields, positions, owners' copies): a paste of
    10,000 cells costs a few statements, not 10,000 ORM flushes. Each value write adds one to
    the row's version (a move alone does not: a row's values are what a clerk edits).
    `expected` (row id → the version the edit was based on) makes it refuse, writing nothing,
    when any of those rows has been changed since: StaleRowError names them.
    """
    versioned = "row_version" in table.c
    if versioned and expected:
        check_versions(session, table, {i: v for i, v in expected.items() if values.get(i)})
    op = operation_of(session)
    if versioned and op is not None:
        op.wrote(table.name, (i for i, columns in values.items() if set(columns) - {"position"}))
    by_columns: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for row_id, columns in values.items():
        if columns:
            by_columns.setdefault(tuple(sorted(columns)), []).append({"_id": row_id, **columns})
    for keys, rows in by_columns.items():
        assigned: dict[str, ColumnElement[Any]] = {key: bindparam(key) for key in keys}
        if versioned and set(keys) - {"position"}:
            assigned["row_version"] = table.c.row_version + 1
        statement = update(table).where(table.c.id == bindparam("_id")).values(assigned)
        session.execute(statement, rows)


@dataclass(frozen=True)
class VersionScope:
    """Where a record source's row versions live: `key` names them in a session's record of
    its own writes, `writes` are the keys (Operation.wrote) whose writes move them on, and
    `read(session, ids)` reads them now."""

    key: str
    writes: tuple[str, ...]
    read: Callable[[Session, Sequence[int]], dict[int, int]]


def table_scope(table: Table) -> VersionScope:
    """The versions of a table's own rows, moved on by `update_rows`."""
    return VersionScope(table.name, (table.name,), lambda s, ids: row_versions(s, table, ids))


def row_versions(session: Session, table: Table, ids: Iterable[int]) -> dict[int, int]:
    """The current version of each row (what an edit about to be made is based on)."""
    found: dict[int, int] = {}
    for part in chunks(sorted(set(ids))):
        query = select(table.c.id, table.c.row_version).where(table.c.id.in_(part))
        found.update(session.execute(query).all())
    return found


def check_versions(session: Session, table: Table, expected: Mapping[int, int]) -> None:
    """Refuse (StaleRowError) when any row is no longer at the version an edit expected."""
    # FOR UPDATE (PostgreSQL): the rows stay as checked until this transaction ends; SQLite's
    # single writer gives the same guarantee.
    current: dict[int, int] = {}
    for part in chunks(sorted(expected)):
        query = (
            select(table.c.id, table.c.row_version).where(table.c.id.in_(part)).with_for_update()
        )
        current.update(session.execute(query).all())
    stale = {i: current.get(i, 0) for i, v in expected.items() if current.get(i) != v}
    if stale:
        raise StaleRowError(table.name, stale)


# ---------------------------------------------------------------- delete and restore


@dataclass
class RowSnapshot:
    """Deleted rows of one table with their cascading dependents: what undo puts back, with
    the same ids, places and link rows."""

    table: str
    rows: list[dict]
    dependents: dict[str, list[dict]] = field(default_factory=dict)


def delete_rows(
    session: Session,
    kind: Ordered,
    ids: Iterable[int],
    *,
    user: str,
    expected: Mapping[int, int] | None = None,
) -> RowSnapshot:
    """Delete rows with their cascading dependents; `expected` as for `update_rows`."""
    ids = sorted(set(ids))
    if expected and "row_version" in kind.table.c:
        check_versions(session, kind.table, expected)
    snapshot = RowSnapshot(kind.table.name, [])
    for chunk in chunks(ids):
        snapshot.rows += [
            dict(r._mapping)
            for r in session.execute(select(kind.table).where(kind.table.c.id.in_(chunk)))
        ]
        for table, column in kind.dependents:
            rows = session.execute(select(table).where(column.in_(chunk)))
            snapshot.dependents.setdefault(table.name, []).extend(dict(r._mapping) for r in rows)
        session.execute(delete(kind.table).where(kind.table.c.id.in_(chunk)))
    at = utcnow()
    write_audit(
        session,
        [audit_line("delete", kind.entity, r["id"], user=user, at=at) for r in snapshot.rows],
    )
    session.expire_all()
    return snapshot


def restore_rows(session: Session, kind: Ordered, snapshot: RowSnapshot, *, user: str) -> list[int]:
    """Put deleted rows back; a row whose place was taken meanwhile pushes the newcomer down."""
    c = kind.table.c
    rows = sorted(snapshot.rows, key=lambda r: (r[kind.group], r["position"]))
    for row in rows:
        taken = session.scalar(
            select(func.count())
            .select_from(kind.table)
            .where(c[kind.group] == row[kind.group], c.position == row["position"])
        )
        if taken:
            shift(session, kind, row[kind.group], row["position"], 1)
    if rows:
        session.execute(insert(kind.table), rows)
    for table, _column in kind.dependents:
        if snapshot.dependents.get(table.name):
            session.execute(insert(table), snapshot.dependents[table.name])
    at = utcnow()
    write_audit(
        session, [audit_line("insert", kind.entity, r["id"], user=user, at=at) for r in rows]
    )
    session.expire_all()
    return [r["id"] for r in snapshot.rows]


# ---------------------------------------------------------------- bulk mode


def next_id(connection: Connection, table: str, *, count: int = 1) -> int:
    """The first of `count` consecutive new ids, free for this transaction (db.bulk)."""
    return reserve_ids(connection, table, count)


def insert_bulk(
    connection: Connection,
    batches: Iterable[tuple[list[tuple], list[tuple]]],
    *,
    incoming: int,
    main: tuple[str, tuple[str, ...]],
    dependent: tuple[str, tuple[str, ...]],
    progress=None,
    idle_trigger: str | None = None,
) -> None:
    """Bulk mode: ready-made row tuples of a table and of one dependent table, batch by batch
    as plain executemany, or COPY on PostgreSQL (the ORM's per-row parameter processing costs
    more than reading the workbook). A load bigger than what the table holds builds the tables' indexes after its
    rows, in the same transaction (db.bulk); the text index takes every load's rows after them. `progress(done)` is called before each batch
    (a Cancel raised there stops between batches and rolls everything back).
    `idle_trigger`: an insert trigger with nothing to do for these rows (they bring what it
    would fill in), set aside for the load (db.bulk.trigger_set_aside).
    """
    main_table, main_columns = main
    dep_table, dep_columns = dependent
    defer = worth_deferring(connection, main_table, incoming)
    done = 0
    with ExitStack() as stack:
        tables = (main_table, dep_table)
        stack.enter_context(
            indexes_deferred(connection, tables)
            if defer
            else text_index_deferred(connection, tables)
        )
        if idle_trigger is not None:
            stack.enter_context(trigger_set_aside(connection, idle_trigger))
        for rows, dependents in batches:
            if progress is not None:
                progress(done)
            insert_rows(connection, main_table, main_columns, rows)
            if dependents:
                insert_rows(connection, dep_table, dep_columns, dependents)
            done += len(rows)


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
