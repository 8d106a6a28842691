"""Edits made while another program holds the ledger's write lock wait and are retried.

SQLite has one writer at a time; an import in another window or a CLI command can hold the
lock for seconds. A refused operation has been rolled back whole, so it is run again: on a
worker, with the progress dialog saying what it waits for (Cancel gives up, nothing written).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from db.locking import retry_when_locked
from services.tasks import TaskState

T = TypeVar("T")


def waiting_text(attempt: int) -> str:
    return QCoreApplication.translate(
        "LockWait", "Waiting for another program to finish writing… (attempt %1)"
    ).replace("%1", str(attempt))


def retry_while_locked(work: Callable[[], T], state: TaskState) -> T:
    """`work()`, retried while the ledger is locked by another writer (up to 120 s)."""
    return retry_when_locked(
        work, on_wait=lambda attempt: state.progress(0, 0, waiting_text(attempt))
    )
