"""Signing in to the office server from the window: 文件 ▸ 连接服务器, recent servers, what is
remembered (everything but the password), clear reasons on failure, the title and status bar.

The server tests run when GREENLEDGER_TEST_PG_URL names a PostgreSQL superuser URL.
"""

from __future__ import annotations

import itertools
import os
import socket
import urllib.parse
from pathlib import Path

import pytest

from tests import pg_databases

pytestmark = pytest.mark.gui

pytest.importorskip("pytestqt")

PASSWORD = "Sign-in-Secret-77"
_logins = itertools.count()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    from app import settings

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    yield
    settings.use_settings_file(str(tmp_path / "settings-after.ini"))


@pytest.fixture(autouse=True)
def drain_background_work(qtbot):
    yield
    from PySide6.QtCore import QThreadPool

    from views import ledger_menu

    for window in ledger_menu._windows:
        if window.live is not None:
            window.live.stop()
        window.close()
        window.ctx.engine.dispose()
    ledger_menu._windows.clear()
    QThreadPool.globalInstance().waitForDone(5000)


def _settings_text(tmp_path: Path) -> str:
    from app import settings

    settings.sync()
    return (tmp_path / "settings.ini").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_message(qtbot, dialog, words: str) -> str:
    qtbot.waitUntil(lambda: words in dialog.message.text(), timeout=15000)
    return dialog.message.text()


def _fill(dialog, login) -> None:
    dialog.host.setText(login.host)
    dialog.port.setValue(login.port)
    dialog.database.setText(login.database)
    dialog.user.setText(login.user)
    dialog.password.setText(login.password)
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData(login.sslmode))


# ---------------------------------------------------------------------- without a server


def test_the_public_url_title_and_repr_never_hold_the_password():
    from services.server_login import ServerLogin

    login = ServerLogin.from_url(
        "postgresql://zhujian:p%40ss-W0rd@ledger.lan:6543/gl?sslmode=require"
    )
    assert (login.host, login.port, login.database, login.user, login.sslmode) == (
        "ledger.lan",
        6543,
        "gl",
        "zhujian",
        "require",
    )
    assert login.password == "p@ss-W0rd"
    for shown in (login.public_url(), login.label, repr(login), str(login)):
        assert "p@ss" not in shown and "p%40ss" not in shown
    assert "p%40ss-W0rd" in login.connect_url()
    assert ServerLogin.from_url(login.connect_url()).password == "p@ss-W0rd"


def test_an_unreachable_server_is_a_clear_message_at_the_server_field(qtbot, tmp_path):
    from services.server_login import ServerLogin
    from views.sign_in_dialog import SignInDialog

    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    port = _free_port()  # nothing listens there
    _fill(dialog, ServerLogin("127.0.0.1", "greenledger", "zhujian", port, "disable", "pw"))
    dialog.test_button.click()
    text = _wait_message(qtbot, dialog, "cannot be reached")
    assert f"127.0.0.1:{port}" in text
    assert "Traceback" not in text
    assert dialog.focusWidget() is dialog.host
    assert dialog.login is None and dialog.isVisible()
    from views.sign_in_dialog import RECENT_SERVERS

    assert RECENT_SERVERS.value == []  # only a login that worked is remembered


def test_empty_fields_are_named_before_anything_connects(qtbot):
    from views.sign_in_dialog import SignInDialog

    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host.setText("ledger.lan")
    dialog.user.clear()
    dialog.connect_button.click()
    assert "Please enter the user." in dialog.message.text()
    assert dialog.focusWidget() is dialog.user


def test_recent_servers_in_the_file_menu_ask_only_for_the_password(
    qtbot, engine, sample_plan, monkeypatch
):
    from services.server_login import ServerLogin
    from tests.test_main_window_gui import make_window
    from views import ledger_menu, sign_in_dialog

    sign_in_dialog.remember(ServerLogin("old.lan", "greenledger", "office1", sslmode="require"))
    sign_in_dialog.remember(ServerLogin("ledger.lan", "gl2023", "zhujian", 6543, "prefer", "x"))
    window = make_window(qtbot, engine)
    menu = window.recent_menus["servers"]
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions()]
    assert labels == ["zhujian@ledger.lan:6543/gl2023", "office1@old.lan/greenledger"]

    shown = {}

    def fake_exec(dialog):
        shown.update(
            fields_visible=dialog.server_fields.isVisibleTo(dialog),
            password_visible=dialog.password.isVisibleTo(dialog),
            host=dialog.host.text(),
            port=dialog.port.value(),
            user=dialog.user.text(),
            sslmode=dialog.sslmode.currentData(),
            password=dialog.password.text(),
            intro=dialog.signing_in_to.text(),
        )
        return 0  # cancelled

    monkeypatch.setattr(sign_in_dialog.SignInDialog, "exec", fake_exec)
    menu.actions()[1].trigger()
    assert shown == {
        "fields_visible": False,
        "password_visible": True,
        "host": "old.lan",
        "port": 5432,
        "user": "office1",
        "sslmode": "require",
        "password": "",
        "intro": "Sign in to old.lan/greenledger as office1.",
    }
    assert ledger_menu._windows == []  # cancelled: the window stays on its ledger
    assert window.isVisible()


def test_opening_a_ledger_file_switches_the_window_and_is_remembered(
    qtbot, engine, sample_plan, tmp_path
):
    from db import open_database
    from tests.test_main_window_gui import make_window
    from views import ledger_menu

    other = tmp_path / "other.sqlite"
    open_database(other).dispose()  # an empty ledger
    window = make_window(qtbot, engine)
    assert window.plan_tree.plan_ids()
    new_window = ledger_menu.open_ledger_file(window, str(other))
    assert new_window is not None and new_window is not window
    qtbot.waitExposed(new_window)
    assert not window.isVisible()
    assert new_window.plan_tree.plan_ids() == []  # the empty ledger's window
    assert new_window.centre.currentWidget() is new_window.empty_state
    recent = new_window.recent_menus["files"]
    recent.aboutToShow.emit()
    assert [a.text() for a in recent.actions()][:2] == [
        str(other.absolute()),
        str(Path(engine.url.database).absolute()),
    ]


# ---------------------------------------------------------------------- on a real server


@pytest.fixture
def office(request):
    """The sample ledger on the server after `server init`, with an admin login."""
    from db import open_database
    from services.server import add_user, init_server

    pg_databases.server_url()  # skips without a server
    login = (
        f"t_signin_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}_{next(_logins)}"
    )
    with pg_databases.fresh_database(request.node.name, "sample") as url:
        engine = open_database(url)
        try:
            init_server(engine)
            add_user(engine, login, "admin", PASSWORD, [])
        finally:
            engine.dispose()
        parts = urllib.parse.urlsplit(url)
        try:
            yield parts.hostname, parts.port, parts.path.lstrip("/"), login
        finally:
            pg_databases.drop_database(parts.path.lstrip("/"))
            with pg_databases.admin_connection() as admin:
                admin.execute(f'DROP ROLE IF EXISTS "{login}"')


def _login(office, password=PASSWORD):
    from services.server_login import ServerLogin

    host, port, database, user = office
    return ServerLogin(host, database, user, port, "prefer", password)


def _grid_texts(window) -> set[str]:
    model = window.grid.view.model()
    return {
        str(model.index(row, column).data() or "")
        for row in range(min(model.rowCount(), 60))
        for column in range(model.columnCount())
    }


def test_a_wrong_password_is_said_and_the_window_stays_then_connecting_opens_the_server(
    qtbot, engine, sample_plan, office, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QDialog

    from app.live import CONNECTED
    from tests.test_main_window_gui import make_window
    from views import ledger_menu, sign_in_dialog
    from views.server_status import ServerStatus

    window = make_window(qtbot, engine)
    sqlite_title = window.windowTitle()
    attempts = iter(["wrong-password", PASSWORD])
    seen = []

    def drive(dialog):
        dialog.show()
        _fill(dialog, _login(office, next(attempts)))
        dialog.connect_button.click()
        seen.append(_wait_message(qtbot, dialog, "Wrong user name or password"))
        assert dialog.isVisible() and dialog.focusWidget() is dialog.password
        dialog.password.setText(next(attempts))
        dialog.connect_button.click()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=15000)
        seen.append(dialog.message.text())
        return dialog.result()

    monkeypatch.setattr(sign_in_dialog.SignInDialog, "exec", drive)
    window.actions_by_key["connect_server"].trigger()
    assert "Wrong user name or password" in seen[0] and office[3] in seen[0]
    assert "your role: admin" in seen[1]
    [server_window] = ledger_menu._windows
    assert not window.isVisible() and sqlite_title == window.windowTitle()
    qtbot.waitExposed(server_window)
    qtbot.waitUntil(lambda: server_window.grid.view.model().rowCount() == 56, timeout=5000)
    assert any("口袋公园" in text for text in _grid_texts(server_window))
    host, port, database, user = office
    title = server_window.windowTitle()
    assert f"{user}@{host}:{port}/{database}" in title and PASSWORD not in title
    status = server_window.findChild(ServerStatus, "serverStatus")
    where = f"{user}@{host}:{port}/{database}"
    qtbot.waitUntil(lambda: status.text() == f"● Connected: {where}", timeout=5000)
    assert server_window.live.status == CONNECTED
    settings = _settings_text(tmp_path)
    assert PASSWORD not in settings and "wrong-password" not in settings
    assert (
        f"host={host}" in settings and f"user={user}" in settings and "sslmode=prefer" in settings
    )
    # The next dialog is filled in with everything but the password.
    dialog = sign_in_dialog.SignInDialog()
    qtbot.addWidget(dialog)
    current = dialog.current_login()
    assert current == _login(office) and current.password == ""
    assert sign_in_dialog.recent_servers()[0] == _login(office)


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        ("missing", "has no database of that name"),
        ("uninitialised", "not prepared for GreenLedger"),
        ("old", "older GreenLedger"),
        ("new", "newer GreenLedger"),
        ("no_role", "has no GreenLedger role"),
    ],
)
def test_the_ledger_itself_says_why_it_cannot_be_used(qtbot, office, damage, words):
    import psycopg

    from views.sign_in_dialog import SignInDialog

    login = _login(office)
    admin_url = pg_databases.url_for(login.database)
    if damage == "missing":
        login = login.__class__(
            login.host, "no_such_ledger", login.user, login.port, "prefer", PASSWORD
        )
    elif damage == "no_role":
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'REVOKE greenledger_admin FROM "{login.user}"')
    elif damage == "uninitialised":
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute("ALTER TABLE project DISABLE ROW LEVEL SECURITY")
    else:
        revision = "0009_row_versions" if damage == "old" else "0099_from_the_future"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute("UPDATE alembic_version SET version_num = %s", (revision,))
    dialog = SignInDialog(None, login)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.test_button.click()
    text = _wait_message(qtbot, dialog, words)
    assert f"{login.host}:{login.port}" in text
    expected = dialog.user if damage == "no_role" else dialog.database
    assert dialog.focusWidget() is expected


def test_a_connection_lost_for_long_says_offline_with_the_server_and_user(qtbot):
    from app.live import CONNECTED, OFFLINE, OFFLINE_AFTER, RECONNECTING, connection_status
    from views.server_status import ServerStatus

    assert connection_status(True, None, 100.0) == CONNECTED
    assert connection_status(False, 100.0, 100.0 + OFFLINE_AFTER / 2) == RECONNECTING
    assert connection_status(False, 100.0, 100.0 + OFFLINE_AFTER) == OFFLINE

    class Live:  # the indicator only reads the state and listens for changes
        status = RECONNECTING

        class statusChanged:  # stands in for the Qt signal
            connect = staticmethod(lambda slot: None)

    label = ServerStatus(Live(), "zhujian@ledger.lan/greenledger")
    qtbot.addWidget(label)
    assert label.text() == "● Reconnecting to zhujian@ledger.lan/greenledger…"
    label.show_status(OFFLINE)
    assert label.text() == "● Offline: zhujian@ledger.lan/greenledger"
    assert "stays in the window" in label.toolTip()


def test_a_server_url_without_password_asks_for_it_or_takes_pgpassword(qtbot, office, monkeypatch):
    from views import sign_in_dialog, start

    host, port, database, user = office
    url = f"postgresql://{user}@{host}:{port}/{database}"
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    asked = {}

    def cancel(dialog):
        asked.update(
            message=dialog.message.text(),
            password_only=not dialog.server_fields.isVisibleTo(dialog),
            user=dialog.user.text(),
        )
        return 0

    monkeypatch.setattr(sign_in_dialog.SignInDialog, "exec", cancel)
    assert start._sign_in(url) is None
    assert asked["password_only"] and asked["user"] == user
    assert "asks for a password" in asked["message"]
    monkeypatch.setenv("PGPASSWORD", PASSWORD)  # libpq's own variable: no dialog at all
    asked.clear()
    ctx = start._sign_in(url)
    try:
        assert asked == {} and ctx.author == user
        assert PASSWORD not in str(ctx.engine.url)
    finally:
        ctx.engine.dispose()
