"""Shared fixtures: a fresh migrated database per test, the sample plan, offscreen Qt.

Migrating a new file and loading the sample cost ~0.2 s a test; each test process (one per
pytest-xdist worker) builds both once and every test gets its own copy of the file.
`engine` is an SQLite file unless the test is parametrized over both backends: a module with
`pytestmark = pytest.mark.backends` (or a test with the mark) runs once on SQLite and once on
a fresh PostgreSQL database cloned from a template likewise (tests/pg_databases.py), when
GREENLEDGER_TEST_PG_URL is set.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from tests import pg_databases

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# Settings a test does not redirect land in this process's own folder, not the user's (and
# never in a file another xdist worker writes at the same time).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="greenledger-test-config-")
os.environ["GREENLEDGER_LOG_DIR"] = tempfile.mkdtemp(prefix="greenledger-test-log-")
os.environ["GREENLEDGER_CACHE_DIR"] = tempfile.mkdtemp(prefix="greenledger-test-cache-")


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


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "backends: runs on SQLite and on PostgreSQL (GREENLEDGER_TEST_PG_URL)"
    )


def pytest_generate_tests(metafunc):
    marker = metafunc.definition.get_closest_marker("backends")
    if "backend" in metafunc.fixturenames and marker:
        # @pytest.mark.backends("sqlite") on a test keeps it to the backends it names.
        metafunc.parametrize("backend", marker.args or ("sqlite", "postgresql"), indirect=True)


@pytest.fixture
def backend(request):
    return getattr(request, "param", "sqlite")


def _template_kind(request) -> str:
    return "sample" if "sample_plan" in request.fixturenames else "empty"


@pytest.fixture
def pg_url(request):
    """A fresh, migrated PostgreSQL database of its own for this test."""
    with pg_databases.fresh_database(request.node.name, _template_kind(request)) as url:
        yield url


@pytest.fixture
def db_target(backend, db_path, request):
    """What `--db` takes for this test's database: the SQLite file or a PostgreSQL URL."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_url")
    return db_path


@pytest.fixture
def engine(request, backend, db_target):
    from db import open_database

    if backend == "sqlite":
        templates = request.getfixturevalue("_template_databases")
        shutil.copyfile(templates[_template_kind(request)], db_target)
    engine = open_database(db_target)
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


@pytest.fixture
def shown_errors(monkeypatch) -> list[tuple[str, Exception]]:
    """The (title, error) of every error dialog the app would have shown, instead of showing it."""
    from app import operations

    shown: list[tuple[str, Exception]] = []
    monkeypatch.setattr(operations, "error_handler", lambda title, exc: shown.append((title, exc)))
    return shown
