"""Live refresh in the app on the office server: other clients' commits reach the views.

A daemon thread polls services.live.ChangeListener; what it hears is announced on the main
thread as one change notice (rows changed: the views refetch their id lists, keeping scroll
and selection as after any edit). The connection's state goes to the status bar.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from app.context import AppContext
from app.operations import announce
from services.live import ChangeListener
from services.operations import OpChanges

CONNECTED, RECONNECTING = "connected", "reconnecting"


class LiveRefresh(QObject):
    statusChanged = Signal(str)  # CONNECTED / RECONNECTING
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
        while not self._stop.is_set():
            tables = self._listener.poll(0.5)
            status = CONNECTED if self._listener.connected else RECONNECTING
            if status != self.status:
                self.status = status
                self.statusChanged.emit(status)
            if tables:
                self._heard.emit(tables)
            elif not self._listener.connected:
                self._stop.wait(2)  # the server is away: retry every two seconds

    def _on_heard(self, tables: set[str]) -> None:
        announce(self.ctx, OpChanges(label="live", tables=set(tables), rows_changed=True))
