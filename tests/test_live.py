"""Live refresh on PostgreSQL: another client's commit is heard within a second, by table;
this process's own commits and uncommitted work are not."""

from __future__ import annotations

import time

import psycopg
import pytest

from db import open_database, session_factory
from models import Plan
from services.live import ChangeListener

pytestmark = pytest.mark.backends("postgresql")


def test_other_clients_commits_arrive_by_table_and_own_ones_do_not(backend, pg_url):
    engine = open_database(pg_url)
    listener = ChangeListener(engine)
    try:
        assert listener.poll(0.2) == set() and listener.connected
        other = psycopg.connect(pg_url, autocommit=False)
        other.execute("SET application_name = 'GreenLedger someone-else'")
        other.execute(
            "INSERT INTO plan (title, year_start, created_at, updated_at)"
            " VALUES ('别人的方案', 2024, now(), now())"
        )
        assert listener.poll(0.3) == set()  # not committed yet: nothing to refresh
        other.commit()
        started = time.perf_counter()
        assert listener.poll(2.0) == {"plan"}
        assert time.perf_counter() - started < 1.0
        other.close()

        # Our own commit: our views refreshed from the operation itself.
        with session_factory(engine)() as session:
            session.add(Plan(title="自己的方案", year_start=2024))
            session.commit()
        assert listener.poll(0.5) == set()
    finally:
        listener.close()
        engine.dispose()


def test_a_server_that_went_away_is_reported_and_retried(backend, pg_url):
    engine = open_database(pg_url)
    listener = ChangeListener(engine)
    try:
        listener.poll(0.1)
        assert listener.connected
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE pid <> pg_backend_pid() AND datname = current_database()"
            )
        listener.poll(0.5)
        assert not listener.connected  # the status bar would say: reconnecting
        listener.poll(0.1)
        assert listener.connected  # the next poll reconnected
    finally:
        listener.close()
        engine.dispose()
