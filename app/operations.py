"""The Qt side of the operation boundary: one undo entry per operation, one change notice.

`perform(ctx, command)` pushes an `OpCommand`; QUndoStack.push calls its `redo()`, which runs
the command's `forward` through services.operations.run_op — the first time exactly like every
later time. A refused first run is raised to the caller of `perform` (who shows it where the
user acted) and nothing is pushed. A failed later undo or redo rolls back its transaction,
leaves the stack where it was and tells the user why. Every successful run announces its
`OpChanges` once on the context's bus; views refresh from that notice only.
Never build SQL here; never show widgets except the message of a failed undo/redo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.context import AppContext
from app.lock_wait import retry_while_locked
from app.tasks import run_blocking
from app.version_book import VersionBook
from db.errors import is_locked
from services.ledger import ChangeSet
from services.operations import OpChanges, Operation, run_op


def _show_error(title: str, exc: Exception) -> None:
    QMessageBox.warning(QApplication.activeWindow(), title, str(exc))


# Replaceable (tests, or a main window that prefers its status bar).
error_handler: Callable[[str, Exception], None] = _show_error


def announce(ctx: AppContext, changes: OpChanges) -> None:
    """Tell every open view what one operation changed: the one change notice."""
    ctx.bus.changed.emit(changes)


def cell_change(changes: OpChanges) -> ChangeSet | None:
    """The project cells an operation changed, or None when project rows were added, removed
    or moved (views then refetch their id lists)."""
    if changes.rows_changed:
        return None
    return ChangeSet(
        changed_ids=set(changes.project_ids),
        fields=set(changes.fields),
        plan_ids=set(changes.plan_ids),
        totals_touched=changes.totals_touched,
    )


class _Listener(QObject):
    """Receives the change notice for one view; a child of the view, so the connection ends
    when the view is deleted."""

    def __init__(self, owner: QObject, structure, projects, tracking) -> None:
        super().__init__(owner)
        self.structure, self.projects, self.tracking = structure, projects, tracking

    def on_changed(self, changes: OpChanges) -> None:
        if self.structure is not None and changes.structure:
            self.structure()
        if self.projects is not None and changes.projects:
            self.projects(cell_change(changes))
        if self.tracking is not None:
            for topic in sorted(changes.topics):
                self.tracking(topic)


def listen(
    ctx: AppContext,
    owner: QObject,
    *,
    structure: Callable[[], None] | None = None,
    projects: Callable[[ChangeSet | None], None] | None = None,
    tracking: Callable[[str], None] | None = None,
) -> None:
    """Refresh `owner` from the change notice: `structure()` when plans or sections changed,
    `projects(cells)` when projects did (cells: see `cell_change`), `tracking(topic)` for each
    tracking tab concerned — in that order, once per operation."""
    listener = _Listener(owner, structure, projects, tracking)
    ctx.bus.changed.connect(listener.on_changed)


class _History:
    """What one undo stack's commands share: the push in progress and a failed step.

    QUndoStack moves its index whatever undo()/redo() do. When a step fails, the steps after
    it in the same jump (the history view undoes several at once) are skipped, and the index is
    then moved back to where the database is: every command knows whether its change is in.
    """

    def __init__(self, stack: QUndoStack) -> None:
        self.stack = stack
        self.pushing: OpCommand | None = None
        self.refusal: Exception | None = None  # why the command being pushed was refused
        self.halted = False

    def failed(self, command: OpCommand, exc: Exception, title: str) -> None:
        if command is self.pushing:
            self.refusal = exc
            command.setObsolete(True)  # QUndoStack.push drops an obsolete command
            return
        if not self.halted:
            self.halted = True
            QTimer.singleShot(0, self._resync)
        error_handler(title, exc)

    def _resync(self) -> None:
        applied = 0
        while applied < self.stack.count() and getattr(
            self.stack.command(applied), "applied", True
        ):
            applied += 1
        if applied != self.stack.index():
            self.stack.setIndex(applied)  # every step on the way finds nothing to do
        self.halted = False


def _history(ctx: AppContext) -> _History:
    history = ctx._op_history
    if history is None or history.stack is not ctx.undo_stack:
        history = _History(ctx.undo_stack)
        ctx._op_history = history
    return history


class OpCommand(QUndoCommand):
    """One undo entry for one operation: `forward(op)` makes the change, `backward(op)`
    takes it back; both run through run_op (one transaction each, audited, announced).

    `applied` says whether the change is in the database now: QUndoStack may call redo() on
    a command whose undo failed (to restore its index), and that must not apply it twice.
    A forward that changes nothing is not kept as an undo step.
    """

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.applied = False
        self.last: OpChanges | None = None  # what the latest run changed
        self._progress: tuple[QWidget | None, str] | None = None

    def in_background(self, parent: QWidget | None, title: str) -> OpCommand:
        """Run the steps on a worker with a progress dialog and Cancel (imports, merges)."""
        self._progress = (parent, title)
        return self

    def forward(self, op: Operation) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def backward(self, op: Operation) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self, step: Callable[[Operation], Any]) -> OpChanges:
        """Run one step as an operation, on a worker when `in_background` was asked for;
        the session's version book learns the versions it left (app.version_book)."""
        book = VersionBook.of(self.ctx)
        return book.run(lambda: self._run_op(book.recorded(step)))

    def _run_op(self, step: Callable[[Operation], Any]) -> OpChanges:
        label = self.text()
        if self._progress is None:
            try:
                return run_op(self.ctx, step, label=label)
            except Exception as exc:
                if not is_locked(exc):
                    raise
                # Another program holds the write lock: the edit waits, visibly, and is not lost.
                parent, title = QApplication.activeWindow(), label
        else:
            parent, title = self._progress
        changes = run_blocking(
            parent,
            title,
            lambda state: retry_while_locked(
                lambda: run_op(self.ctx, step, label=label, state=state), state
            ),
        )
        assert isinstance(changes, OpChanges)
        return changes

    def redo(self) -> None:
        self._step(self.forward, applied=True)

    def undo(self) -> None:
        self._step(self.backward, applied=False)

    def _step(self, step: Callable[[Operation], Any], *, applied: bool) -> None:
        """Run forward (applied=True) or backward, unless the database is there already."""
        history = _history(self.ctx)
        if self.applied == applied or history.halted:
            return
        try:
            changes = self.run(step)
        except Exception as exc:
            if applied:
                title = QCoreApplication.translate("Undo", "Redo failed")
            else:
                title = QCoreApplication.translate("Undo", "Undo failed")
            history.failed(self, exc, title)
            return
        self.applied, self.last = applied, changes
        if not changes and history.pushing is self:
            self.setObsolete(True)  # nothing changed: no undo step
        announce(self.ctx, changes)


def run_and_announce(ctx: AppContext, work: Callable[[Operation], Any], *, label: str) -> OpChanges:
    """An operation that is not an undo step (a new plan, the sample plan): run it through
    the boundary and announce what changed. Raises what the work raised; nothing written."""
    book = VersionBook.of(ctx)
    changes = book.run(lambda: run_op(ctx, book.recorded(work), label=label))
    announce(ctx, changes)
    return changes


def perform(ctx: AppContext, command: OpCommand) -> bool:
    """Run a command and keep it as one undo step. Raises if the service refused it.

    Returns False (and keeps nothing) when the operation changed nothing, e.g. a retyped value.
    """
    history = _history(ctx)
    history.pushing, history.refusal = command, None
    try:
        ctx.undo_stack.push(command)
    finally:
        history.pushing = None
    if history.refusal is not None:
        refusal, history.refusal = history.refusal, None
        raise refusal
    return command.applied and bool(command.last)
