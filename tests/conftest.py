"""Shared fixtures: a fresh migrated SQLite file per test, the sample plan, offscreen Qt.

Migrating a new file and loading the sample cost ~0.2 s a test; each test process (one per
pytest-xdist worker) builds both once and every test gets its own copy of the file.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# Settings a test does not redirect land in this process's own folder, not the user's (and
# never in a file another xdist worker writes at the same time).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="greenledger-test-config-")
os.environ["GREENLEDGER_LOG_DIR"] = tempfile.mkdtemp(prefix="greenledger-test-log-")


@pytest.fixture(scope="session")
def _template_databases(tmp_path_factory) -> dict[str, object]:
    """A migrated empty database and one holding the sample plan, built once per process."""
    from db import open_database, session_factory
    from services.sample import load_sample

    folder = tmp_path_factory.mktemp("templates")
    templates = {"empty": folder / "empty.sqlite", "sample": folder / "sample.sqlite"}
    for kind, path in templates.items():
        engine = open_database(path)
        if kind == "sample":
            with session_factory(engine)() as session:
                load_sample(session)
        engine.dispose()  # the last connection folds the WAL in: the file alone is complete
    return templates


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def engine(request, db_path, _template_databases):
    from db import open_database

    kind = "sample" if "sample_plan" in request.fixturenames else "empty"
    shutil.copyfile(_template_databases[kind], db_path)
    engine = open_database(db_path)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    from db import session_factory

    with session_factory(engine)() as session:
        yield session


@pytest.fixture
def sample_plan(session):
    """The built-in sample plan, already in the copied database (see `engine`)."""
    from sqlalchemy import select

    from models import Plan

    return session.scalars(select(Plan)).one()


@pytest.fixture(autouse=True)
def _clear_clipboard_after_gui_tests():
    """Mime data left on the clipboard is freed after QApplication at exit, which segfaults
    (exit 139) under the offscreen platform; clearing it after each test avoids that."""
    yield
    import sys

    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is not None:
            QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def _isolate_registered_columns():
    """The main window registers the 序时进度 column globally; keep each test's grid its own."""
    from services import records

    saved = dict(records._EXTRA_COLUMNS)
    yield
    records._EXTRA_COLUMNS.clear()
    records._EXTRA_COLUMNS.update(saved)


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory):
    """Every test reads and writes its own settings file, never the user's (grid layouts are
    saved as they change)."""
    import sys

    if "app.settings" not in sys.modules and "PySide6.QtCore" not in sys.modules:
        yield  # a headless test: no Qt settings involved
        return
    from app import settings

    settings.use_settings_file(str(tmp_path_factory.mktemp("settings") / "settings.ini"))
    yield
    settings.use_settings_file(str(tmp_path_factory.mktemp("settings") / "after.ini"))
