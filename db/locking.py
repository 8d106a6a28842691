"""A second writer waits, says so, and tries again — then gives a clear message.

SQLite lets one writer at a time; the busy timeout makes each attempt wait a few seconds.
A write refused with "database is locked" has been rolled back whole (operations are all or
nothing), so running it again is safe. Headless: `on_wait` is how a caller shows the
waiting state (a stderr line, a status-bar message). No Qt here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from db.errors import DatabaseProblem, is_locked

T = TypeVar("T")
WAIT_SECONDS = 120.0  # how long a writer waits for another one in all


def retry_when_locked(
    work: Callable[[], T],
    *,
    on_wait: Callable[[int], None] | None = None,
    where: str = "",
    wait_seconds: float = WAIT_SECONDS,
    pause: float = 0.5,
) -> T:
    """`work()`, run again while the database is locked by another writer, up to
    `wait_seconds`; `on_wait(attempt)` is called before each new attempt."""
    deadline = time.monotonic() + wait_seconds
    attempt = 0
    while True:
        try:
            return work()
        except Exception as exc:
            if not is_locked(exc):
                raise
            attempt += 1
            if time.monotonic() + pause > deadline:
                raise DatabaseProblem(
                    f"数据库被另一个程序占用，已等待 {wait_seconds:.0f} 秒，未写入任何内容 "
                    f"(database still locked by another writer after {wait_seconds:.0f} s; "
                    f"nothing written): {where}",
                    locked=True,
                ) from None
            if on_wait is not None:
                on_wait(attempt)
            time.sleep(pause)
