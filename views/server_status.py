"""The status bar's server indicator: connected or reconnecting (office server mode)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.live import CONNECTED, LiveRefresh


class ServerStatus(QLabel):
    def __init__(self, live: LiveRefresh, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverStatus")
        live.statusChanged.connect(self.show_status)
        self.show_status(live.status)

    def show_status(self, status: str) -> None:
        if status == CONNECTED:
            self.setText(self.tr("Server: connected"))
            self.setToolTip(self.tr("Changes by other users appear within a second."))
        else:
            self.setText(self.tr("Server: reconnecting…"))
            self.setToolTip(self.tr("The server cannot be reached; retrying every two seconds."))
