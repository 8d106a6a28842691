"""The row versions this session's own writes left: what its undo and redo steps expect.

A grid step (app.undo) expects each row at the version this session's latest write of it
left; a row found at another version was changed by someone else since, and the step is
refused. Every operation of the session (a grid step, an import, a merge, a rollover, a
return applied) moves the book on for the rows it wrote: it watches the rows the book holds
(services.operations.Operation.watched), the writers note which of them they wrote, and
their new versions are read in the same transaction. Rows the book does not hold cost
nothing, so a 100,000-row import stays as fast as before.
Never build SQL here: the record sources' VersionScope reads the versions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.context import AppContext
from services.operations import Operation
from services.writer import VersionScope


class VersionBook:
    """Per version scope (services.writer.VersionScope) and row id: the version left."""

    def __init__(self, stack: object) -> None:
        self.stack = stack
        self.known: dict[str, dict[int, int]] = {}
        self.scopes: dict[str, VersionScope] = {}
        self.pending: dict[str, dict[int, int]] = {}  # read in the running operation

    @classmethod
    def of(cls, ctx: AppContext) -> VersionBook:
        book = ctx.__dict__.get("_version_book")
        if book is None or book.stack is not ctx.undo_stack:  # a new ledger, a new stack
            book = ctx.__dict__["_version_book"] = cls(ctx.undo_stack)
        return book

    def expected(self, scope: VersionScope, own: dict[int, int]) -> dict[int, int]:
        """What the rows of `own` must be at: this session's latest write of each row."""
        known = self.known.get(scope.key, {})
        return {i: known.get(i, v) for i, v in own.items()}

    def note(self, scope: VersionScope, versions: dict[int, int]) -> None:
        """Versions read after this session's write in the running operation."""
        self.scopes[scope.key] = scope
        self.pending.setdefault(scope.key, {}).update(versions)

    def recorded(self, step: Callable[[Operation], Any]) -> Callable[[Operation], Any]:
        """`step`, then the new versions of the rows it wrote that this book holds."""

        def run(op: Operation) -> Any:
            for key, known in self.known.items():
                for write in self.scopes[key].writes:
                    op.watched.setdefault(write, set()).update(known)
            result = step(op)
            for key, scope in self.scopes.items():
                wrote = set().union(*(op.written.get(w, ()) for w in scope.writes))
                ids = wrote & self.known.get(key, {}).keys()
                if ids:
                    self.note(scope, scope.read(op.session, sorted(ids)))
            return result

        return run

    def run(self, operation: Callable[[], Any]) -> Any:
        """Run an operation; keep what it read only when it committed."""
        self.pending = {}
        try:
            result = operation()
        except BaseException:
            self.pending = {}
            raise
        for key, versions in self.pending.items():
            self.known.setdefault(key, {}).update(versions)
        self.pending = {}
        return result
