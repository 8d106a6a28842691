"""The main window on the office server: another user's commit shows within about a second,
and the status bar says the server is connected."""

from __future__ import annotations

import psycopg
import pytest

pytestmark = [pytest.mark.gui, pytest.mark.backends("postgresql")]

pytest.importorskip("pytestqt")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    from app import settings

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    yield
    settings.use_settings_file(str(tmp_path / "settings-after.ini"))


def _cell_texts(window) -> list[str]:
    model = window.grid.view.model()
    return [
        str(model.index(row, column).data() or "")
        for row in range(min(model.rowCount(), 60))
        for column in range(model.columnCount())
    ]


def test_another_users_commit_refreshes_the_grid(qtbot, backend, engine, sample_plan, pg_url):
    from PySide6.QtCore import QThreadPool

    from app.live import CONNECTED
    from tests.test_main_window_gui import make_window

    window = make_window(qtbot, engine)
    try:
        qtbot.waitUntil(lambda: window.live.status == CONNECTED, timeout=5000)
        from views.server_status import ServerStatus

        status = window.findChild(ServerStatus, "serverStatus")
        assert status is not None and status.text()
        assert "别人改的名字" not in _cell_texts(window)
        with psycopg.connect(pg_url) as other:
            other.execute("SET application_name = 'GreenLedger other-clerk'")
            other.execute(
                "UPDATE project SET name = '别人改的名字' WHERE id = (SELECT min(id) FROM project)"
            )
        qtbot.waitUntil(lambda: "别人改的名字" in _cell_texts(window), timeout=3000)
    finally:
        window.live.stop()
        QThreadPool.globalInstance().waitForDone(5000)
