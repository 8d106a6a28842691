"""Live refresh in the app on the office server: other clients' commits reach the views.

A daemon thread polls services.live.ChangeListener; what it hears is announced on the main
thread as one change notice (rows changed: the views refetch their id lists, keeping scroll
and selection as after any edit). The connection's state goes to the status bar: connected,
reconnecting (lost, retrying) or offline (still lost after OFFLINE_AFTER seconds).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal

from app.context import AppContext
from app.operations import announce
from services.live import ChangeListener
from services.operations import OpChanges

CONNECTED, RECONNECTING, OFFLINE = "connected", "reconnecting", "offline"
OFFLINE_AFTER = 15.0  # seconds without the server before "reconnecting" becomes "offline"


def connection_status(connected: bool, lost_since: float | None, now: float) -> str:
    """The indicator's state; `lost_since` is when the connection was last lost (monotonic)."""
    if connected:
        return CONNECTED
    if lost_since is not None and now - lost_since >= OFFLINE_AFTER:
        return OFFLINE
    return RECONNECTING


class LiveRefresh(QObject):
    statusChanged = Signal(str)  # CONNECTED / RECONNECTING / OFFLINE
    _heard = Signal(object)  # from the polling thread: the set of tables changed

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._listener = ChangeListener(ctx.engine)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="live-refresh", daemon=True)
        self._heard.connect(self._on_heard)
        self.status = RECONNECTING

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)
        self._listener.close()

    def _run(self) -> None:
        lost_since: float | None = time.monotonic()  # not connected yet
        while not self._stop.is_set():
            tables = self._listener.poll(0.5)
            connected = self._listener.connected
            if connected:
                lost_since = None
            elif lost_since is None:
                lost_since = time.monotonic()
            status = connection_status(connected, lost_since, time.monotonic())
            if status != self.status:
                self.status = status
                self.statusChanged.emit(status)
            if tables:
                self._heard.emit(tables)
            elif not self._listener.connected:
                self._stop.wait(2)  # the server is away: retry every two seconds

    def _on_heard(self, tables: set[str]) -> None:
        announce(self.ctx, OpChanges(label="live", tables=set(tables), rows_changed=True))
