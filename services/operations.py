"""The operation boundary: every change to the database is one operation its caller owns.

`run_op(ctx, work, label=...)` opens a session and its transaction, runs `work(op)` — service
calls that never commit — and commits once at the end. Any exception inside (a refused value,
a failed constraint, Cancel, a bug) rolls back everything the operation wrote and propagates.
The writers find the open `Operation` on their session (`writing(session)`): it gives them the
author of the audit lines they write and collects what they changed, so the caller gets one
`OpChanges` record back (the idea of Anki's CollectionOp / OpChanges) and every view refreshes
from that one record.

A service called directly with a session of its own (a script, a test, the sample loader)
runs as a one-call operation: `writing` then commits for it. Inside `run_op` the same call
joins the open transaction, so composite actions (a merge and its undo, a rollover, a paste
that adds rows) are one transaction whatever they call.
Headless: never import Qt here. Nothing outside this module commits or rolls back a write.
"""

from __future__ import annotations

import getpass
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError, ProgrammingError
from sqlalchemy.orm import Session

from services.errors import FieldError, LedgerError, PermissionRefused, ValidationError
from services.fields import CONSTRAINT_FIELDS
from services.tasks import TaskState

_OPERATION = "greenledger.operation"  # key of the open Operation in Session.info

# CHECK constraints of the schema → the field a user would correct (services.fields).
_CONSTRAINT_FIELDS = CONSTRAINT_FIELDS

# Tables whose rows belong to one of the tracking tabs (the change notice names the tab).
_TRACKING_TOPICS = {
    "progress_report": "progress",
    "project_milestone": "progress",
    "indicator": "indicators",
    "indicator_value": "indicators",
    "key_task": "tasks",
    "key_task_owner": "tasks",
    "key_task_project": "tasks",
    "rectification": "rectifications",
    "rectification_town": "rectifications",
}
_STRUCTURE_TABLES = {"plan", "section"}


def current_user() -> str:
    """The author of local changes: the operating-system login."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes and services
        return "unknown"


class OpContext(Protocol):
    """What an operation needs from its caller: where to write and who is writing."""

    @property
    def session_factory(self) -> Callable[[], Session]: ...

    @property
    def author(self) -> str: ...


@dataclass
class LocalContext:
    """An OpContext for the CLI, scripts and tests: a session factory and the OS user."""

    session_factory: Callable[[], Session]
    author: str = field(default_factory=current_user)


@dataclass
class OpChanges:
    """What one operation changed: the record every open view refreshes from.

    `rows_changed` means rows were added, removed or moved (views refetch their id lists);
    otherwise `project_ids` and `fields` say which project cells to repaint.
    """

    label: str = ""
    tables: set[str] = field(default_factory=set)
    project_ids: set[int] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)
    plan_ids: set[int] = field(default_factory=set)
    rows_changed: bool = False
    totals_touched: bool = False
    value: Any = None  # what the operation's work returned (inverse data for undo, new ids…)

    def __bool__(self) -> bool:
        return bool(self.tables)

    @property
    def structure(self) -> bool:
        """Plans or sections were added, renamed, moved or deleted."""
        return bool(self.tables & _STRUCTURE_TABLES)

    @property
    def topics(self) -> set[str]:
        """The tracking tabs concerned ("progress", "indicators", "tasks", "rectifications")."""
        return {_TRACKING_TOPICS[t] for t in self.tables if t in _TRACKING_TOPICS}

    @property
    def projects(self) -> bool:
        return "project" in self.tables or "project_owner" in self.tables


@dataclass
class Operation:
    """The open operation of a session: its author, what it has changed so far, and the
    progress/cancel state of long work (Cancel raises inside and rolls everything back)."""

    session: Session
    author: str
    changes: OpChanges = field(default_factory=OpChanges)
    state: TaskState = field(default_factory=TaskState)
    # Rows whose versions the caller keeps (the GUI's record of its own undo steps), per
    # write key (a table's name, or services.progress_grid's keys): `wrote` notes only those,
    # so an import of 100,000 rows costs nothing here.
    watched: dict[str, set[int]] = field(default_factory=dict)
    written: dict[str, set[int]] = field(default_factory=dict)

    def note(
        self,
        table: str,
        *,
        ids: Iterable[int] = (),
        fields: Iterable[str] = (),
        plan_ids: Iterable[int] = (),
        rows: bool = False,
        totals: bool = False,
    ) -> None:
        """Record a write: `ids` are project ids when `table` is "project"."""
        changes = self.changes
        changes.tables.add(table)
        if table == "project":
            changes.project_ids.update(ids)
            changes.fields.update(fields)
        changes.plan_ids.update(p for p in plan_ids if p is not None)
        changes.rows_changed |= rows
        changes.totals_touched |= totals

    def wrote(self, key: str, ids: Iterable[int]) -> None:
        """Record that rows moved on to a new version (only the watched ones are kept)."""
        watched = self.watched.get(key)
        if watched:
            self.written.setdefault(key, set()).update(i for i in ids if i in watched)


_open = threading.local()  # the operation run_op holds open on this thread, if any


def run_op(
    ctx: OpContext,
    work: Callable[[Operation], Any],
    *,
    label: str,
    state: TaskState | None = None,
) -> OpChanges:
    """Run `work(op)` as one transaction; returns what changed, `.value` = what work returned.

    Raises whatever `work` raised after rolling back everything (IntegrityError becomes a
    located LedgerError). Operations do not nest: a second run_op on this thread while one is
    open would wait for the first one's write lock, so it is refused at once.
    """
    if getattr(_open, "operation", None) is not None:
        raise LedgerError(f"operation {label!r} started inside {_open.operation.changes.label!r}")
    with ctx.session_factory() as session:
        op = Operation(session, ctx.author, OpChanges(label), state or TaskState())
        _open.operation = op
        try:
            with _transaction(session, op):
                op.changes.value = work(op)
        finally:
            _open.operation = None
    return op.changes


@contextmanager
def writing(session: Session, *, user: str | None = None) -> Iterator[Operation]:
    """The operation a writer works in: the open one, or a one-call operation committed here.

    `user` names the author of a one-call operation (default: the OS user); inside run_op the
    operation's own author is used.
    """
    op = session.info.get(_OPERATION)
    if op is not None:
        yield op
        return
    op = Operation(session, user or current_user())
    with _transaction(session, op):
        yield op


def operation_of(session: Session) -> Operation | None:
    return session.info.get(_OPERATION)


def refuse(session: Session, error: LedgerError) -> LedgerError:
    """A writer refuses before writing anything: end a one-call read transaction (its WAL
    snapshot) and give back the error to raise; an open operation rolls back itself."""
    if _OPERATION not in session.info:
        session.rollback()
    return error


@contextmanager
def _transaction(session: Session, op: Operation) -> Iterator[None]:
    session.info[_OPERATION] = op
    try:
        yield
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise integrity_error(exc) from exc
    except ProgrammingError as exc:
        session.rollback()
        if getattr(exc.orig, "sqlstate", None) == "42501":  # the server's roles refused it
            raise PermissionRefused(str(exc.orig).strip().splitlines()[0]) from exc
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop(_OPERATION, None)


def integrity_error(exc: IntegrityError) -> LedgerError:
    """A constraint the database enforced, as a located error naming the field to correct."""
    message = str(exc.orig)
    for constraint, field_key in _CONSTRAINT_FIELDS.items():
        if constraint in message:
            return ValidationError([FieldError(None, field_key, None, f"违反约束 {constraint}")])
    return LedgerError(f"数据库拒绝写入 (database refused the write): {message}")
