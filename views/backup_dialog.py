"""The 恢复 dialog: the ledger's backups with their time, size, plans and project counts;
back up now, restore one (the replaced file is kept as a backup too), open the folder.

Backups are taken and restored by db.backups (SQLite's online backup API). After a restore
the undo history is cleared (its steps describe the replaced file) and every view reloads.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from app.settings import Option
from services.backups import (
    BackupInfo,
    DatabaseProblem,
    backup_folder,
    ledger_file,
    list_backups,
    restore,
    take_backup,
)
from widgets.form_parts import hbox, vbox
from widgets.read_only_table import read_only_table

# How many automatic backups (daily, before import/merge/rollover/upgrade) each ledger keeps.
BACKUP_KEEP = Option("backups/keep", int, 10)


class BackupDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None, on_restored=None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.on_restored = on_restored
        self.backups: list[BackupInfo] = []
        self.setWindowTitle(self.tr("Backups and restore"))
        self.resize(900, 420)
        self.folder_label = QLabel()
        self.table = read_only_table(
            [
                self.tr("Taken"),
                self.tr("Why"),
                self.tr("Size"),
                self.tr("Projects"),
                self.tr("Plans"),
            ]
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.restore_button = QPushButton(self.tr("Restore selected…"))
        self.folder_button = QPushButton(self.tr("Open folder"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self._open_folder)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = hbox(self.backup_button, self.restore_button, self.folder_button, None, close)
        vbox(self, self.folder_label, self.table, buttons)
        self.reload()

    def _reason_text(self, reason: str) -> str:
        texts = {
            "daily": self.tr("daily"),
            "import": self.tr("before import"),
            "merge": self.tr("before merge"),
            "rollover": self.tr("before rollover"),
            "migration": self.tr("before upgrade"),
            "manual": self.tr("by hand"),
            "replaced": self.tr("replaced by a restore"),
        }
        return texts.get(reason, reason)

    def reload(self) -> None:
        self.backups = list_backups(self.db_path)
        self.folder_label.setText(
            self.tr("Backups of %1 in %2")
            .replace("%1", str(self.db_path))
            .replace("%2", str(backup_folder(self.db_path)))
        )
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            plans = "；".join(title for title, _count in info.plans)
            if not info.readable:
                plans = self.tr("unreadable")
            cells = [
                info.taken.strftime("%Y-%m-%d %H:%M:%S"),
                self._reason_text(info.reason),
                f"{info.size / 1024 / 1024:.1f} MB",
                str(info.projects),
                plans,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.readable)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def back_up_now(self) -> Path | None:
        try:
            made = take_backup(self.db_path, "manual")
        except (DatabaseProblem, OSError) as exc:
            QMessageBox.warning(self, self.tr("Backup failed"), str(exc))
            return None
        self.reload()
        return made

    def restore_selected(self, *, confirm: bool = True) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Restore backup"),
                self.tr(
                    "Replace the ledger with the backup of %1?\nThe current file is kept as a backup."
                ).replace("%1", chosen.taken.strftime("%Y-%m-%d %H:%M:%S")),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            restore(chosen.path, self.db_path)
        except (DatabaseProblem, OSError) as exc:
            QMessageBox.warning(self, self.tr("Restore failed"), str(exc))
            return False
        if self.on_restored is not None:
            self.on_restored()
        self.reload()
        return True

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(backup_folder(self.db_path))))


def offer_restore(problem: Exception, db_path: Path | None) -> bool:
    """The ledger cannot be opened because it is damaged: offer its newest readable backup.
    Returns True when it was restored (the caller opens the ledger again)."""
    if db_path is None:
        return False
    usable = [b for b in list_backups(db_path) if b.readable]
    if not usable:
        return False
    newest = usable[0]
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("BackupDialog", "GreenLedger"),
        str(problem),
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "BackupDialog", "Restore the newest backup, taken %1 (%2 projects)?"
        )
        .replace("%1", newest.taken.strftime("%Y-%m-%d %H:%M:%S"))
        .replace("%2", str(newest.projects))
    )
    yes = box.addButton(
        QCoreApplication.translate("BackupDialog", "Restore backup"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is not yes:
        return False
    restore(newest.path, db_path)
    return True


def add_menu_action(window) -> QAction | None:
    """文件 ▸ 备份与恢复 for an SQLite ledger (a server database has its own backups)."""
    db_path = ledger_file(window.ctx.engine)
    if db_path is None:
        return None
    action = QAction(QCoreApplication.translate("BackupDialog", "&Backups and restore…"), window)

    def show() -> None:
        def restored() -> None:
            window.ctx.undo_stack.clear()  # its steps describe the replaced file
            window.refresh()

        BackupDialog(db_path, window, restored).exec()

    action.triggered.connect(show)
    window.add_action("file", action)
    return action
