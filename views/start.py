"""Starting the desktop app: QApplication, database, shared context and main window.

`run_gui(db_target)` is what `python main.py [--db PATH|URL]` calls. Opening the database runs
the migrations (with a backup of an existing file); a failure there is shown in a message box and
the app exits with 1 instead of starting on a half-migrated store. A server URL goes through the
sign-in check instead (views.sign_in_dialog), so a missing password asks for it. This module only wires the
layers together (it sits on top of views, widgets and app); it holds no logic of its own.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from app.application import create_application, default_path, open_context, open_server_context
from services.server_login import is_server_url
from views.main_window import MainWindow


def run_gui(db_target: str | None, open_file: str | None = None) -> int:
    app = create_application()
    from app import crash_handler
    from services.backups import daily_backup, ledger_file, set_keep
    from views.backup_dialog import BACKUP_KEEP, offer_restore

    crash_handler.install()
    set_keep(BACKUP_KEEP.value)
    if is_server_url(db_target):
        ctx = _sign_in(db_target)
        if ctx is None:
            return 1
        return _run_window(app, ctx, open_file)
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
    return _run_window(app, ctx, open_file)


def _sign_in(url: str):
    """`--db postgresql://…`: the password from the URL, PGPASSWORD or ~/.pgpass as libpq
    finds it; when that is not enough (or the server says no) the sign-in dialog opens filled
    in and says why. The context, or None when the clerk cancels."""
    from services.server_login import LoginProblem, ServerLogin, check_login
    from views.sign_in_dialog import SignInDialog, remember

    login = ServerLogin.from_url(url)
    try:
        check_login(login)
    except LoginProblem as problem:
        dialog = SignInDialog(None, login, password_only=problem.field == "password")
        dialog.show_problem(problem)
        if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.login is None:
            return None
        login = dialog.login
    else:
        remember(login)
    try:
        return open_server_context(login)
    except Exception as exc:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("Application", "GreenLedger"),
            QCoreApplication.translate(
                "Application", "The server ledger could not be opened:\n%1"
            ).replace("%1", f"{login.label}\n{exc}"),
        )
        return None


def resume_collector() -> None:
    """After the first paint: what start-up loaded stays (modules, classes, the window), so
    it is frozen out of every later collection, and the collector runs again."""
    import gc

    gc.freeze()
    gc.enable()


def _run_window(app, ctx, open_file: str | None) -> int:
    from views import ledger_menu

    window = MainWindow(ctx)
    window.show()
    QTimer.singleShot(0, resume_collector)
    if open_file:  # `greenledger --open FILE`: a table opened from the file manager
        QTimer.singleShot(0, lambda: window.import_table(open_file))
    code = app.exec()
    for shown in [window, *ledger_menu._windows]:  # a switch opened new windows
        shown.ctx.engine.dispose()
    return code
