"""The 恢复 dialog lists backups with time, size, plans and counts and restores one; an
unexpected error in the app is a dialog and a log entry, and the app goes on."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from db.backups import list_backups, take_backup

pytestmark = pytest.mark.gui


@pytest.fixture
def ledger(tmp_path, _template_databases):
    path = tmp_path / "ledger.sqlite"
    shutil.copy(_template_databases["sample"], path)
    return path


def test_dialog_lists_and_restores_a_backup(qtbot, ledger):
    from views.backup_dialog import BackupDialog

    take_backup(ledger, "import")
    with sqlite3.connect(ledger) as connection:
        connection.execute("UPDATE plan SET title = '改过的标题'")
    restored = []
    dialog = BackupDialog(ledger, on_restored=lambda: restored.append(True))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() in ("before import", "导入前")
    assert dialog.table.item(0, 3).text() == "56"
    assert "2023年钟楼区生态文明建设工作方案" in dialog.table.item(0, 4).text()
    assert dialog.restore_selected(confirm=False)
    assert restored == [True]
    with sqlite3.connect(ledger) as connection:
        assert (
            connection.execute("SELECT title FROM plan").fetchone()[0]
            == "2023年钟楼区生态文明建设工作方案"
        )
    # The replaced file is listed as a backup now.
    assert [b.reason for b in list_backups(ledger)].count("replaced") == 1
    assert dialog.table.rowCount() == 2


def test_back_up_now_adds_a_row(qtbot, ledger):
    from views.backup_dialog import BackupDialog

    dialog = BackupDialog(ledger)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert dialog.back_up_now() is not None
    assert dialog.table.rowCount() == 1 and dialog.restore_button.isEnabled()


def test_unexpected_error_is_logged_and_shown_once(qtbot, monkeypatch, tmp_path):
    from app import crash_handler

    monkeypatch.setenv("GREENLEDGER_LOG_DIR", str(tmp_path))
    monkeypatch.setattr("services.crash_log._logger", None)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.informativeText()) or 0)
    try:
        raise ValueError("boom in a slot")
    except ValueError as exc:
        crash_handler._excepthook(type(exc), exc, exc.__traceback__)
    assert shown == ["ValueError: boom in a slot"]
    text = (tmp_path / "greenledger.log").read_text(encoding="utf-8")
    assert "boom in a slot" in text and "Traceback" in text


def test_an_edit_made_while_another_program_writes_waits_and_lands(
    qtbot, engine, sample_plan, db_path
):
    import subprocess
    import sys

    from sqlalchemy import text

    from app.operations import perform
    from app.undo import SetFieldsCommand
    from tests.test_main_window_gui import make_window, wait_rows

    window = make_window(qtbot, engine)
    wait_rows(qtbot, window, 56)
    with engine.connect() as connection:
        project_id = connection.execute(text("SELECT min(id) FROM project")).scalar()
    script = (
        "import sqlite3, time\n"
        f"c = sqlite3.connect({str(db_path)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(7)\n"
        "c.execute('ROLLBACK')\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    try:
        command = SetFieldsCommand(
            window.ctx, window.grid.source, {project_id: {"remarks": "锁住时的修改"}}, "edit"
        )
        assert perform(window.ctx, command)
    finally:
        holder.wait(30)
    with engine.connect() as connection:
        remarks = connection.execute(
            text("SELECT remarks FROM project WHERE id = :i"), {"i": project_id}
        ).scalar()
    assert remarks == "锁住时的修改"
