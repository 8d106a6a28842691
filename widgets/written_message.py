"""The message after an import or export: what was written where, with Open file / Open folder.

Non-blocking (the window stays usable) and kept as `last_message` for tests. Opening goes through
QDesktopServices, which hands the file or folder to the system's own program (Explorer, Finder,
the desktop's file manager). Nothing here reads or writes the database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

last_message: QMessageBox | None = None


def open_location(path: Path) -> bool:
    """Show a file or folder with the system's program; False if there is nothing to open."""
    return path.exists() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_written(
    parent: QWidget | None, title: str, text: str, path: str | Path, *, file_button: bool = True
) -> QMessageBox:
    """`text` says what was done; the box names the file and its folder and offers to open them."""
    global last_message
    path = Path(path)
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setInformativeText(
        QCoreApplication.translate("WrittenMessage", "File: %1\nFolder: %2")
        .replace("%1", path.name)
        .replace("%2", str(path.parent))
    )
    if file_button:
        open_file = box.addButton(
            QCoreApplication.translate("WrittenMessage", "Open file"),
            QMessageBox.ButtonRole.ActionRole,
        )
        open_file.setObjectName("openFile")
        open_file.clicked.connect(lambda: open_location(path))
    open_folder = box.addButton(
        QCoreApplication.translate("WrittenMessage", "Open folder"),
        QMessageBox.ButtonRole.ActionRole,
    )
    open_folder.setObjectName("openFolder")
    open_folder.clicked.connect(lambda: open_location(path.parent))
    box.setModal(False)
    box.show()
    last_message = box
    return box
