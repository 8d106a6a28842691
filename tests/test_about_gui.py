"""帮助 ▸ 关于: the version, the ledger's path and the licences a clerk or auditor asks for."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui

pytest.importorskip("pytestqt")


def test_about_dialog_shows_version_paths_and_licences(qtbot, engine, db_path):
    from PySide6.QtWidgets import QLabel

    from db.backups import backup_folder
    from services.about import VERSION, about_info
    from views.about_dialog import AboutDialog

    info = about_info(engine.url)
    dialog = AboutDialog(None, info, plan_count=1)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(VERSION in text for text in labels)
    assert str(db_path.resolve()) in labels
    assert str(backup_folder(db_path.resolve())) in labels  # where the backups go
    table = dialog.licences
    components = [table.item(row, 0).text() for row in range(table.rowCount())]
    licences = [table.item(row, 2).text() for row in range(table.rowCount())]
    assert "AR PL UMing CN" in components and "SQLAlchemy" in components
    assert all(licences), "every component names its licence"


def test_about_info_hides_a_server_password():
    from sqlalchemy.engine import make_url

    from services.about import about_info

    info = about_info(make_url("postgresql://clerk:secret@db.local:5432/ledger"))
    assert "secret" not in info.database and "db.local" in info.database
    assert info.backup_folder == ""
