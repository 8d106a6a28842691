"""A save refused as stale, field by field: what the clerk saw, what is there now, what they typed.

When services.writer refuses an edit because another user saved the row first
(StaleRowError), the grid asks `find_conflict` for each edited cell: the value before (as the
clerk's grid showed it), theirs (in the database now, with who changed it and when, from the
audit trail) and mine (what the clerk typed), plus the versions a re-save must be based on.
A conflict whose other change touched none of the clerk's fields merges by itself; one whose
database values already are the clerk's (a retried save whose first attempt did go in before
the connection dropped) needs no write at all — that is what makes a retry idempotent.
Headless: never import Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from db.errors import is_locked
from models import AuditEntry
from services.writer import chunks

Cells = Mapping[int, Mapping[str, object]]  # record id → {field key: cell text}


@dataclass(frozen=True)
class FieldConflict:
    """One edited cell of a refused save."""

    record_id: int
    key: str
    before: str  # the text the clerk's grid showed when they typed
    theirs: str | None  # the text in the database now; None: the row was deleted
    mine: str  # what the clerk typed
    who: str | None = None  # the audit trail's author of the latest change of this field
    when: datetime | None = None
    changed: bool = True  # the other user changed this very field (not only another one)
    same_as_mine: bool = False  # the database holds the clerk's value already


@dataclass
class Conflict:
    """Every edited cell of the refused save, and the versions a re-save is based on."""

    fields: list[FieldConflict] = field(default_factory=list)
    versions: dict[int, int] = field(default_factory=dict)

    @property
    def deleted_ids(self) -> set[int]:
        return {f.record_id for f in self.fields if f.theirs is None}

    @property
    def merges_by_itself(self) -> bool:
        """The other save changed other fields only: the clerk's values can go on top."""
        return not self.deleted_ids and not any(
            f.changed and not f.same_as_mine for f in self.fields
        )

    @property
    def already_saved(self) -> bool:
        """Every value the clerk typed is what the database holds (nothing left to write)."""
        return all(f.same_as_mine for f in self.fields)

    def mine_where(self, keep_mine: set[tuple[int, str]]) -> dict[int, dict[str, object]]:
        """The clerk's values of the cells they chose to keep, as a set_fields change."""
        changes: dict[int, dict[str, object]] = {}
        for f in self.fields:
            if (f.record_id, f.key) in keep_mine and f.theirs is not None and not f.same_as_mine:
                changes.setdefault(f.record_id, {})[f.key] = f.mine
        return changes


def find_conflict(session: Session, source: Any, mine: Cells, before: Cells) -> Conflict:
    """Compare the clerk's cells (`mine`, typed over `before`) with the database now."""
    ids = list(mine)
    fresh = {source.row_id(r): r for r in source.rows(session, ids)}
    history = _latest_changes(session, source, mine)
    conflict = Conflict(versions=source.versions(session, list(fresh)))
    for record_id, values in mine.items():
        row = fresh.get(record_id)
        for key, typed in values.items():
            seen = str(before.get(record_id, {}).get(key, ""))
            typed_text = "" if typed is None else str(typed)
            theirs = None if row is None else source.edit_text(row, key)
            who, when = history.get((record_id, key), (None, None))
            conflict.fields.append(
                FieldConflict(
                    record_id,
                    key,
                    seen,
                    theirs,
                    typed_text,
                    who,
                    when,
                    changed=theirs is None or not _same(source, key, theirs, seen),
                    same_as_mine=theirs is not None and _same(source, key, theirs, typed_text),
                )
            )
    return conflict


def _same(source: Any, key: str, a: str, b: str) -> bool:
    """Two cell texts mean the same value ("1.5" and "1.50"万元 do)."""
    if a == b:
        return True
    try:
        return source.parse(key, a) == source.parse(key, b)
    except ValueError:
        return False


def _audit_place(source: Any, key: str) -> tuple[str | None, str]:
    """Where the audit trail keeps a cell's changes: (entity, field)."""
    place = getattr(source, "audit_place", None)
    if place is not None:  # a source that says so (the progress grid)
        return place(key)
    table = getattr(source, "table", None)
    if table is not None and hasattr(table, "entity"):  # a tracking table
        column = table.columns.get(key)
        return table.entity, (column.audit_key or key) if column is not None else key
    if getattr(source, "topic", None) == "projects" and hasattr(source, "refresh_extras"):
        owners = key in ("lead_units", "cooperating_units")
        return "project", "owners" if owners else key
    return None, key


def _latest_changes(
    session: Session, source: Any, mine: Cells
) -> dict[tuple[int, str], tuple[str, datetime]]:
    """Who last changed each edited cell, and when (one query per entity and 500 records)."""
    wanted: dict[str, dict[tuple[int, str], str]] = {}  # entity → (id, audit field) → grid key
    for record_id, values in mine.items():
        for key in values:
            entity, audit_field = _audit_place(source, key)
            if entity is not None:
                wanted.setdefault(entity, {})[(record_id, audit_field)] = key
    found: dict[tuple[int, str], tuple[str, datetime]] = {}
    for entity, places in wanted.items():
        fields = {f for _i, f in places}
        for part in chunks(sorted({i for i, _f in places})):
            statement = (
                select(AuditEntry.entity_id, AuditEntry.field, AuditEntry.user, AuditEntry.at)
                .where(
                    AuditEntry.entity == entity,
                    AuditEntry.entity_id.in_(part),
                    AuditEntry.field.in_(fields),
                )
                .order_by(AuditEntry.id.desc())
            )
            for row in session.execute(statement):
                grid_key = places.get((row.entity_id, row.field or ""))
                if grid_key is not None and (row.entity_id, grid_key) not in found:
                    found[(row.entity_id, grid_key)] = (row.user, row.at)
    return found


def connection_lost(exc: BaseException) -> bool:
    """The database could not be reached (server gone, network down): the edit may be
    retried when it is back. A locked SQLite file is not this (it waits, app.lock_wait)."""
    if not isinstance(exc, DBAPIError) or is_locked(exc):
        return False
    return bool(exc.connection_invalidated) or isinstance(exc, OperationalError)
