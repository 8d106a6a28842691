"""Cooperative progress and cancellation for long work (imports, exports, briefings, big queries).

Long functions take a `TaskState` first: they call `state.progress(done, total, message)` now and
then and `state.check()` at safe points, which raises `Cancelled`. The GUI runs them on a worker
thread (app/tasks.py); the CLI and tests pass `TaskState()` and ignore it. No Qt here.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


class Cancelled(Exception):
    """The user pressed Cancel; whatever was being written has been rolled back."""


@dataclass
class TaskState:
    on_progress: Callable[[int, int, str], None] | None = None
    min_interval: float = 0.1  # throttle: a 1M-row loop must not flood the GUI thread
    _cancel: threading.Event = field(default_factory=threading.Event)
    _last: float = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int, message: str = "") -> None:
        self.check()
        now = time.monotonic()
        if self.on_progress and (done >= total or now - self._last >= self.min_interval):
            self._last = now
            self.on_progress(done, total, message)


_gc_lock = threading.Lock()
_gc_pauses = 0  # bulk tasks running now (a worker's import and another's merge may overlap)
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk work that builds millions of objects.

    A 100,000-row import allocates containers fast enough to trigger a full collection every
    few thousand rows, each walking every live row: measured 40% of the import's analysis time.
    Nothing built there is cyclic garbage. The pause is process-wide (the GUI thread's garbage
    waits too, for seconds at most); overlapping pauses are counted, and the collector resumes
    when the last one ends.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                # Not moved to the oldest generation first (gc.freeze + unfreeze, which
                # saves the next young collection 0.3 s after a briefing): with Qt in the
                # process, a later full collection then segfaulted the test process
                # (tests/test_reader_limits.py after the GUI tests, every run).
                gc.enable()
