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
