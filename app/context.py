"""What every window, view and dialog shares: the database, the undo stack and the change bus.

Views get an `AppContext` and talk to services through `context.session()`; they never keep a
session open across user actions. After a write, whoever wrote emits on `context.bus` so every
open view refreshes only what concerns it (Anki's "operation changes" pattern).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


class ChangeBus(QObject):
    """Signals that say what changed; payloads are plain service objects."""

    projectsChanged = Signal(object)  # services.ledger.ChangeSet (None = many rows, refetch)
    structureChanged = Signal()  # plans or sections added, renamed, moved, deleted
    planSelected = Signal(object)  # plan id (int) or None
    trackingChanged = Signal(str)  # "progress" | "indicators" | "tasks" | "rectifications"


@dataclass
class AppContext:
    engine: Engine
    session_factory: sessionmaker[Session]
    undo_stack: QUndoStack
    bus: ChangeBus = field(default_factory=ChangeBus)
    plan_id: int | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.session_factory() as session:
            yield session
