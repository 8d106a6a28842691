"""Live refresh on the office server: which tables other clients' commits changed.

`ChangeListener` keeps one extra connection that LISTENs on the channel the tables' triggers
notify (migration 0010_live_notify); `poll(timeout)` waits up to `timeout` seconds and returns
the tables changed by other GreenLedger instances since the last call (this process's own
commits are left out: its views already refreshed from their own operation). A lost
connection is reported as `connected = False` and reopened on the next poll. SQLite has no
other clients to hear: the listener is only made for PostgreSQL. No Qt here.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine

from db.engine import APPLICATION_NAME

CHANNEL = "greenledger_changes"


class ChangeListener:
    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("live refresh needs the PostgreSQL server")
        # The driver's own URL form (psycopg), password included.
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._connection = None
        self.connected = False

    def _connect(self):
        import psycopg

        connection = psycopg.connect(self._dsn, autocommit=True, connect_timeout=5)
        connection.execute(f"LISTEN {CHANNEL}")
        self._connection, self.connected = connection, True
        return connection

    def poll(self, timeout: float = 1.0) -> set[str]:
        """Tables other clients changed; waits at most `timeout` s (less when one arrives)."""
        import psycopg

        tables: set[str] = set()
        try:
            connection = self._connection or self._connect()
            deadline = time.monotonic() + timeout
            while not tables and (left := deadline - time.monotonic()) > 0:
                # The first notice ends the wait; those of the same commit follow at once.
                notices = list(connection.notifies(timeout=left, stop_after=1))
                if notices:
                    notices += connection.notifies(timeout=0.05)
                for notice in notices:
                    table, _, sender = notice.payload.partition(" ")
                    if sender != APPLICATION_NAME:
                        tables.add(table)
        except psycopg.OperationalError:
            self.close()
        return tables

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None
        self.connected = False
