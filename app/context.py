"""What every window, view and dialog shares: the database, the undo stack and the change bus.

Views get an `AppContext` and read through `context.session()`; they never keep a session open
across user actions. Writes go through app.operations (one undo step and one change notice per
operation, Anki's "operation changes" pattern); the context is the operation's OpContext.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from services.operations import current_user


class ChangeBus(QObject):
    """The change notice and the plan selection; payloads are plain service objects.

    Only app.operations.announce emits `changed`, once per operation, with its
    services.operations.OpChanges; views subscribe through app.operations.listen.
    """

    changed = Signal(object)  # services.operations.OpChanges
    planSelected = Signal(object)  # plan id (int) or None


@dataclass
class AppContext:
    engine: Engine
    session_factory: sessionmaker[Session]
    undo_stack: QUndoStack
    bus: ChangeBus = field(default_factory=ChangeBus)
    plan_id: int | None = None
    # The author of this session's changes (audit lines); the server mode sets its login.
    author: str = field(default_factory=current_user)
    _op_history: Any = field(default=None, repr=False)  # app.operations' undo bookkeeping

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.session_factory() as session:
            yield session
