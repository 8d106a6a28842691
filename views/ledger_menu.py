"""Which ledger the window shows: the File menu's open / connect / recent entries, switching,
the title's server part and the status bar's connection indicator.

Opening a ledger file and signing in to the office server take one path: the new ledger's
context is opened first (a failure is a message and the window stays on its ledger), then the
window closes as on quit (its settings saved, unsaved details asked about) and a new main window
opens on the new ledger. Recent lists hold file paths and server URLs without a password.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from app.context import AppContext
from app.settings import Option
from services.server_login import ServerLogin

log = logging.getLogger(__name__)

RECENT_FILES = Option("file/recent_ledgers", list, [], "recent ledger files")
RECENT_KEEP = 8
_windows: list = []  # the windows opened by a switch (the first one is views.start's)


def server_login_of(ctx: AppContext) -> ServerLogin | None:
    """The server and login of a context on the office server (password left out)."""
    url = ctx.engine.url
    if ctx.engine.dialect.name != "postgresql":
        return None
    public = url.set(drivername="postgresql", password=None)
    return ServerLogin.from_url(public.render_as_string(hide_password=True))


def ledger_file_of(ctx: AppContext) -> Path | None:
    from services.backups import ledger_file

    return ledger_file(ctx.engine)


def remember_file(path: Path) -> None:
    text = str(path.absolute())
    RECENT_FILES.set([text, *(p for p in RECENT_FILES.value if p != text)][:RECENT_KEEP])


def install(window) -> None:
    """File-menu entries (at the top, after 新建方案) and the status bar's server indicator."""
    from views import sign_in_dialog

    menu = window.menus["file"]
    first = menu.actions()[1] if len(menu.actions()) > 1 else None
    open_file = QAction(
        QCoreApplication.translate("LedgerMenu", "&Open Ledger File…"),
        window,
        objectName="action_open_ledger",
    )
    open_file.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
    open_file.triggered.connect(lambda _c=False: open_ledger_file(window))
    connect = QAction(
        QCoreApplication.translate("LedgerMenu", "&Connect to Server…"),
        window,
        objectName="action_connect_server",
    )
    connect.triggered.connect(lambda _c=False: connect_to_server(window))
    recent_servers = QMenu(
        QCoreApplication.translate("LedgerMenu", "Recent &Servers"),
        menu,
        objectName="recentServersMenu",
    )
    recent_files = QMenu(
        QCoreApplication.translate("LedgerMenu", "Recent Ledger &Files"),
        menu,
        objectName="recentFilesMenu",
    )
    recent_servers.aboutToShow.connect(lambda: _fill_recent_servers(window, recent_servers))
    recent_files.aboutToShow.connect(lambda: _fill_recent_files(window, recent_files))
    for action in (open_file, connect, recent_servers.menuAction(), recent_files.menuAction()):
        menu.insertAction(first, action)
    if first is None or not first.isSeparator():  # New Plan's section already ends in one
        menu.insertSeparator(first)
    window.actions_by_key.update(open_ledger=open_file, connect_server=connect)
    window.recent_menus = {"servers": recent_servers, "files": recent_files}
    login = server_login_of(window.ctx)
    if login is not None:
        sign_in_dialog.remember(login)
        window.live = _start_live(window, login)
    else:
        window.live = None
        path = ledger_file_of(window.ctx)
        if path is not None:
            remember_file(path)
    window._update_title()


def _start_live(window, login: ServerLogin):
    """Other users' commits refresh the window; the status bar says whether the server is
    reachable, and who is signed in where."""
    from app.live import LiveRefresh
    from views.server_status import ServerStatus

    live = LiveRefresh(window.ctx, window)
    window.statusBar().addPermanentWidget(ServerStatus(live, login.label, window))
    live.start()
    window.destroyed.connect(lambda *_: live.stop())
    return live


def title_suffix(window) -> str:
    """ " — user@server/db" on the office server (never the password), "" for a file."""
    login = server_login_of(window.ctx)
    return f" — {login.label}" if login is not None else ""


def _fill_recent_servers(window, menu: QMenu) -> None:
    from views.sign_in_dialog import recent_servers

    menu.clear()
    for login in recent_servers():
        action = menu.addAction(login.label)
        action.triggered.connect(lambda _c=False, login=login: connect_to_server(window, login))
    if menu.isEmpty():
        menu.addAction(QCoreApplication.translate("LedgerMenu", "(none yet)")).setEnabled(False)


def _fill_recent_files(window, menu: QMenu) -> None:
    menu.clear()
    for text in RECENT_FILES.value:
        action = menu.addAction(text)
        action.setEnabled(Path(text).exists())
        action.triggered.connect(lambda _c=False, text=text: open_ledger_file(window, text))
    if menu.isEmpty():
        menu.addAction(QCoreApplication.translate("LedgerMenu", "(none yet)")).setEnabled(False)


def open_ledger_file(window, path: str | None = None):
    """文件 ▸ 打开台账文件: another SQLite ledger in this window; the new window or None."""
    if path is None:
        start = str(ledger_file_of(window.ctx) or Path.home())
        path, _ = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("LedgerMenu", "Open Ledger File"),
            start,
            QCoreApplication.translate(
                "LedgerMenu", "GreenLedger ledgers (*.sqlite *.db);;All files (*)"
            ),
        )
        if not path:
            return None
    from app.application import open_context

    try:
        ctx = open_context(path)
    except Exception as exc:  # a damaged or foreign file is a message; this ledger stays
        log.warning("could not open %s: %s", path, exc)
        QMessageBox.warning(
            window,
            QCoreApplication.translate("LedgerMenu", "Open Ledger File"),
            QCoreApplication.translate("LedgerMenu", "The ledger could not be opened:\n%1").replace(
                "%1", str(exc)
            ),
        )
        return None
    return switch_window(window, ctx)


def connect_to_server(window, login: ServerLogin | None = None):
    """文件 ▸ 连接服务器 (and a recent server: only its password asked); the new window or None."""
    from views.sign_in_dialog import ask_login

    checked = ask_login(window, login, password_only=login is not None)
    if checked is None:
        return None
    return open_server(window, checked)


def open_server(window, login: ServerLogin):
    from app.application import open_server_context

    try:
        ctx = open_server_context(login)
    except Exception as exc:
        log.warning("could not open %s: %s", login.label, exc)
        QMessageBox.warning(
            window,
            QCoreApplication.translate("LedgerMenu", "Connect to Server"),
            QCoreApplication.translate(
                "LedgerMenu", "The server ledger could not be opened:\n%1"
            ).replace("%1", str(exc)),
        )
        return None
    return switch_window(window, ctx)


def switch_window(window, ctx: AppContext):
    """Close `window` as on quit and show a new main window on `ctx`; None when the clerk
    keeps the old window (unsaved details) — then `ctx` is closed again."""
    app = QApplication.instance()
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the old window is the last one for a moment
    try:
        if not window.close():
            ctx.engine.dispose()
            return None
        if window.live is not None:
            window.live.stop()
        old_engine = window.ctx.engine
        new_window = type(window)(ctx)  # views.main_window.MainWindow
        new_window.show()
        old_engine.dispose()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    if window in _windows:
        _windows.remove(window)
    _windows.append(new_window)
    return new_window
