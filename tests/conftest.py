"""Shared fixtures: a fresh migrated SQLite file per test, the sample plan, offscreen Qt."""

from __future__ import annotations

import os

import pytest

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def engine(db_path):
    from db import open_database

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
    from services.sample import load_sample

    return load_sample(session)


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
