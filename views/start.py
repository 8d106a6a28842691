"""Starting the desktop app: QApplication, database, shared context and main window.

`run_gui(db_target)` is what `python main.py [--db PATH|URL]` calls. Opening the database runs
the migrations (with a backup of an existing file); a failure there is shown in a message box and
the app exits with 1 instead of starting on a half-migrated store. This module only wires the
layers together (it sits on top of views, widgets and app); it holds no logic of its own.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from app.application import create_application, default_path, open_context
from views.main_window import MainWindow


def run_gui(db_target: str | None, open_file: str | None = None) -> int:
    app = create_application()
    from app import crash_handler
    from services.backups import daily_backup, ledger_file, set_keep
    from views.backup_dialog import BACKUP_KEEP, offer_restore

    crash_handler.install()
    set_keep(BACKUP_KEEP.value)
    db_path = ledger_file(db_target)
    while True:
        try:
            ctx = open_context(db_target)
            break
        except Exception as exc:
            if getattr(exc, "damaged", False) and offer_restore(exc, db_path):
                continue  # restored: open it again
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("Application", "GreenLedger"),
                QCoreApplication.translate(
                    "Application", "The database could not be opened or upgraded:\n%1"
                ).replace("%1", str(db_target or default_path())),
            )
            box.setInformativeText(str(exc))
            box.setDetailedText(traceback.format_exc())
            box.exec()
            return 1
    daily_backup(ctx.engine)

    window = MainWindow(ctx)
    window.show()
    if open_file:  # `greenledger --open FILE`: a table opened from the file manager
        QTimer.singleShot(0, lambda: window.import_table(open_file))
    code = app.exec()
    ctx.engine.dispose()
    return code
