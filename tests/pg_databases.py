"""Fresh PostgreSQL databases for the tests, one per test, cloned from a migrated template.

The server comes from GREENLEDGER_TEST_PG_URL (a superuser URL; `.ci/run` starts one on
loopback). Each pytest-xdist worker keeps its own template and names its databases after
its worker id, so parallel workers never share one. Cloning a template costs tens of
milliseconds; running the migrations per test would cost a second.
Without the variable the PostgreSQL tests are skipped, except under CI, where it is an error.
"""

from __future__ import annotations

import atexit
import itertools
import os
import re
from contextlib import contextmanager, suppress

import pytest

URL_VARIABLE = "GREENLEDGER_TEST_PG_URL"
# Worker id and process id: two test runs against one server never share a template.
_WORKER = re.sub(r"\W", "_", os.environ.get("PYTEST_XDIST_WORKER", "main")) + f"_{os.getpid()}"
_counter = itertools.count()
_templates: dict[str, str] = {}


def server_url() -> str:
    url = os.environ.get(URL_VARIABLE)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{URL_VARIABLE} is not set in CI: PostgreSQL tests cannot be skipped")
    pytest.skip(f"{URL_VARIABLE} not set (no PostgreSQL server for the tests)")


def url_for(database: str, base: str | None = None) -> str:
    base = base or server_url()
    return base.rsplit("/", 1)[0] + "/" + database


def admin_connection():
    import psycopg

    return psycopg.connect(server_url(), autocommit=True)


def _ensure_template(kind: str) -> str:
    """A migrated database, empty or holding the sample plan, built once per process."""
    if kind not in _templates:
        from db import open_database, session_factory
        from services.sample import load_sample

        name = f"gl_tmpl_{kind}_{_WORKER}"
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        engine = open_database(url_for(name))
        if kind == "sample":
            with session_factory(engine)() as session:
                load_sample(session)
        engine.dispose()  # a template must have no connection when it is cloned
        _templates[kind] = name
        if len(_templates) == 1:
            atexit.register(_drop_templates)
    return _templates[kind]


def _drop_templates() -> None:
    for name in _templates.values():
        with suppress(Exception):  # the server may be gone already at exit (CI stops it)
            drop_database(name)


def create_database(label: str, kind: str = "empty") -> str:
    """A new database cloned from the migrated template; returns its name."""
    template = _ensure_template(kind)
    slug = re.sub(r"\W", "_", label)[:30].lower()
    name = f"gl_{_WORKER}_{next(_counter)}_{slug}"
    with admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return name


def drop_database(name: str) -> None:
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def fresh_database(label: str, kind: str = "empty"):
    name = create_database(label, kind)
    try:
        yield url_for(name)
    finally:
        drop_database(name)
