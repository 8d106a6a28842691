"""The status bar's server indicator: connected, reconnecting or offline, and to what as whom
(office server mode)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.live import CONNECTED, RECONNECTING, LiveRefresh

_COLOURS = {CONNECTED: "#1b7f3b", RECONNECTING: "#b26a00"}  # offline: red


class ServerStatus(QLabel):
    def __init__(self, live: LiveRefresh, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverStatus")
        self.where = where  # user@server/db, never the password
        live.statusChanged.connect(self.show_status)
        self.show_status(live.status)

    def show_status(self, status: str) -> None:
        if status == CONNECTED:
            text = self.tr("● Connected: %1")
            tip = self.tr("Changes by other users appear within a second.")
        elif status == RECONNECTING:
            text = self.tr("● Reconnecting to %1…")
            tip = self.tr("The server cannot be reached; retrying every two seconds.")
        else:
            text = self.tr("● Offline: %1")
            tip = self.tr(
                "The server has not answered for a while. What you type stays in the window; "
                "GreenLedger keeps retrying and refreshes when the server is back."
            )
        self.setText(text.replace("%1", self.where))
        self.setToolTip(tip)
        self.setStyleSheet(f"color: {_COLOURS.get(status, '#b3261e')}; padding: 0 6px;")
