"""Unexpected errors in the desktop app: a dialog, the traceback in the log, the app carries on.

`install()` sets `sys.excepthook` (PySide6 hands it every exception a slot or event handler
raises, after which Qt goes on with the event loop) and a Qt message handler (Qt's own critical
warnings go to the same log). The dialog says what happened in one line and can open the log
folder; the window, its open cell editor and the database are left as they were. A second
error while the dialog is up is only logged, never stacked as another dialog.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from services.crash_log import log_exception, log_message, log_path

_showing = False
_installed = False


def show_unexpected(exc: BaseException) -> None:
    """Log `exc` and tell the user, once, without ending the app."""
    global _showing
    path = log_exception(exc, "unexpected error in the app")
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("CrashHandler", "Unexpected error"))
        box.setText(
            QCoreApplication.translate(
                "CrashHandler",
                "Something went wrong; nothing you saved is lost and you can go on working.",
            )
        )
        box.setInformativeText(f"{type(exc).__name__}: {str(exc)[:300]}")
        box.setDetailedText(
            QCoreApplication.translate("CrashHandler", "Details are in the log file:\n%1").replace(
                "%1", str(path)
            )
        )
        open_log = box.addButton(
            QCoreApplication.translate("CrashHandler", "Open log folder"),
            QMessageBox.ButtonRole.ActionRole,
        )
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        if box.clickedButton() is open_log:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
    finally:
        _showing = False


def _excepthook(kind, exc, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    exc.__traceback__ = tb
    show_unexpected(exc)


def _qt_messages(kind, context, message: str) -> None:
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        where = f"{context.file}:{context.line}" if context.file else "qt"
        log_message(f"Qt {kind.name}: {message} ({where})")
    elif kind == QtMsgType.QtWarningMsg:
        log_message(f"Qt warning: {message}")


def install() -> None:
    global _installed
    if _installed:
        return
    sys.excepthook = _excepthook
    qInstallMessageHandler(_qt_messages)
    _installed = True


def log_file() -> str:
    return str(log_path())
