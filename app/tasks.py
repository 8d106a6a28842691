"""Running long service functions off the GUI thread, with a progress dialog and Cancel.

`run_task(parent, title, fn, *args, on_done=..., on_error=...)` calls `fn(state, *args)` on the
global QThreadPool; `state` is a services.tasks.TaskState whose progress is forwarded to a
QProgressDialog and whose Cancel raises `Cancelled` inside `fn` at its next check. Results and
errors come back on the GUI thread through queued signals.

`run_blocking(parent, title, fn)` is the same for a caller that needs the result before it
returns (an undo step: QUndoStack expects the change done when redo() returns): the GUI keeps
painting and Cancel works, but no other user input reaches the app until the task ends.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from services.tasks import Cancelled, TaskState


class _Relay(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable, args: tuple, state: TaskState, relay: _Relay) -> None:
        super().__init__()
        self.fn, self.args, self.state, self.relay = fn, args, state, relay

    def run(self) -> None:
        try:
            result = self.fn(self.state, *self.args)
        except Cancelled:
            self._emit(self.relay.cancelled)
        except Exception as exc:
            self._emit(self.relay.failed, exc, traceback.format_exc())
        else:
            self._emit(self.relay.finished, result)

    @staticmethod
    def _emit(signal, *values) -> None:
        # The app may have closed while the task ran: nobody is waiting any more.
        with contextlib.suppress(RuntimeError):
            signal.emit(*values)


class TaskHandle:
    """Keeps the relay and dialog alive while the task runs; `cancel()` asks it to stop."""

    def __init__(self, state: TaskState, relay: _Relay, dialog: QProgressDialog | None) -> None:
        self.state, self.relay, self.dialog = state, relay, dialog
        self.done = False

    def cancel(self) -> None:
        self.state.cancel()


_running: set[TaskHandle] = set()


def run_task(
    parent: QWidget | None,
    title: str,
    fn: Callable,
    *args,
    on_done: Callable[[object], None] | None = None,
    on_error: Callable[[Exception, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    show_dialog: bool = True,
) -> TaskHandle:
    relay = _Relay()
    state = TaskState(on_progress=relay.progressed.emit)
    dialog = None
    if show_dialog:
        dialog = QProgressDialog(title, QProgressDialog.tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # quick tasks never flash a dialog
        dialog.canceled.connect(state.cancel)
        relay.progressed.connect(lambda done, total, message: _update(dialog, done, total, message))
    handle = TaskHandle(state, relay, dialog)
    _running.add(handle)

    def finish(callback, *values) -> None:
        handle.done = True
        _running.discard(handle)
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
        if callback:
            callback(*values)

    relay.finished.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc, tb: finish(on_error, exc, tb))
    relay.cancelled.connect(lambda: finish(on_cancelled))
    QThreadPool.globalInstance().start(_Runnable(fn, args, state, relay))
    return handle


def _update(dialog: QProgressDialog, done: int, total: int, message: str) -> None:
    dialog.setMaximum(max(total, 1))
    dialog.setValue(min(done, total))
    if message:
        dialog.setLabelText(message)


_USER_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
}


class _InputBlocker(QObject):
    """Drops user input outside the progress dialog while a blocking task runs (an undo or
    edit started meanwhile would run inside the step that is still being written)."""

    def __init__(self, allowed: QWidget | None) -> None:
        super().__init__()
        self.allowed = allowed

    def eventFilter(self, watched, event) -> bool:
        if event.type() not in _USER_INPUT:
            return False
        allowed = self.allowed
        if allowed is None:
            return True
        if isinstance(watched, QWindow):  # input reaches the top-level window first
            return watched is not allowed.windowHandle()
        if isinstance(watched, QWidget):
            return not (watched is allowed or allowed.isAncestorOf(watched))
        return True


def run_blocking(parent: QWidget | None, title: str, fn: Callable, *args) -> object:
    """Run `fn(state, *args)` on the pool and wait for it; returns its result or raises its
    error (`Cancelled` when the user cancelled)."""
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def settle(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    handle = run_task(
        parent,
        title,
        fn,
        *args,
        on_done=lambda result: settle("result", result),
        on_error=lambda exc, _tb: settle("error", exc),
        on_cancelled=lambda: settle("error", Cancelled()),
    )
    blocker = _InputBlocker(handle.dialog)
    app = QApplication.instance()
    app.installEventFilter(blocker)
    try:
        if not outcome:
            loop.exec()
    finally:
        app.removeEventFilter(blocker)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
