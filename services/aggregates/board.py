"""`dashboard()`: every figure from the two grouped passes, a text filter materialized once,
Cancel able to stop a running statement (SQLite progress handler, PostgreSQL cancel)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models import Project
from services.aggregates.cubes import CENTS, owner_cube, project_cube
from services.aggregates.project_figures import (
    by_section,
    by_year,
    key_figures,
    key_from_cubes,
    status_share,
    timeline,
)
from services.aggregates.results import Dashboard, DashboardOptions
from services.aggregates.tracking import planned_vs_completed, progress_from_rows, tracking_pass
from services.aggregates.unit_figures import by_area, by_lead_unit, unit_participation
from services.query import ProjectFilter, filter_clauses, scope_ids
from services.tasks import Cancelled, TaskState


def dashboard(
    state: TaskState | None,
    session: Session,
    flt: ProjectFilter,
    options: DashboardOptions | None = None,
) -> Dashboard:
    """Everything the dashboard shows: two grouped passes plus the small extras, checking for
    Cancel between queries (the view's "latest request wins")."""
    state = state or TaskState()
    options = options or DashboardOptions()
    with _interruptible(session, state), _scoped(session, flt) as inner:
        board = _dashboard(state, session, inner, options)
    return replace(board, filter=flt)  # what the user filtered: drill-downs start from it


_SCOPE = "dashboard_scope"
_TEMP_SCHEMA = {"sqlite": "temp", "postgresql": "pg_temp"}  # never a real table of that name


@contextmanager
def _scoped(session: Session, flt: ProjectFilter) -> Iterator[ProjectFilter]:
    """A quick text filter scans every row's long texts (~0.9 s at 1,000,000 projects); the
    dashboard's passes would each repeat that scan. The matching ids go to a TEMP table once
    and every pass reads them from there instead (the plan and sections stay in the filter,
    for the passes that list a plan's sections and towns)."""
    if not flt.text.strip():
        yield flt
        return
    connection = session.connection()
    scope = scope_ids(_SCOPE).table
    cube_columns = (
        Project.id,
        Project.section_id,
        Project.status,
        Project.start_year,
        Project.end_year,
        CENTS,
    )
    try:
        connection.exec_driver_sql(
            f"DROP TABLE IF EXISTS {_TEMP_SCHEMA[connection.dialect.name]}.{_SCOPE}"
        )
        connection.exec_driver_sql(
            f"CREATE TEMP TABLE {_SCOPE} (id INTEGER PRIMARY KEY, section_id INTEGER,"
            " status TEXT, start_year INTEGER, end_year INTEGER, cents BIGINT)"
        )
        session.execute(
            insert(scope).from_select(
                [c.name for c in scope.c], select(*cube_columns).where(*filter_clauses(flt))
            )
        )
        yield ProjectFilter(plan_id=flt.plan_id, section_ids=flt.section_ids, scope=_SCOPE)
    finally:
        # Inside the session's read transaction: if that is rolled back, an empty table may
        # stay on the pooled connection until the next text-filtered dashboard replaces it.
        connection.exec_driver_sql(
            f"DROP TABLE IF EXISTS {_TEMP_SCHEMA[connection.dialect.name]}.{_SCOPE}"
        )


@contextmanager
def _cancel_watch(raw, state: TaskState) -> Iterator[None]:
    """Ask the PostgreSQL server to cancel the running statement once Cancel is pressed."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if state.cancelled:
                with suppress(Exception):  # the statement may have just ended
                    raw.cancel_safe(timeout=2)
                return

    watcher = threading.Thread(target=watch, name="pg-cancel-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


@contextmanager
def _interruptible(session: Session, state: TaskState) -> Iterator[None]:
    """Let Cancel stop a running SQLite statement, not just the next one: a superseded refresh
    of a 1,000,000-project plan must not keep a core busy for seconds."""
    raw = getattr(session.connection().connection, "driver_connection", None)
    if hasattr(raw, "cancel_safe"):  # psycopg: the server cancels the statement on request
        with _cancel_watch(raw, state):
            try:
                yield
            except OperationalError as exc:
                if state.cancelled:
                    session.rollback()  # PostgreSQL refuses more statements in that transaction
                    raise Cancelled() from exc
                raise
        return
    if raw is None or not hasattr(raw, "set_progress_handler"):
        yield
        return
    raw.set_progress_handler(lambda: 1 if state.cancelled else 0, 20_000)
    try:
        yield
    except OperationalError as exc:
        if state.cancelled:
            raise Cancelled() from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)


def _dashboard(
    state: TaskState, session: Session, flt: ProjectFilter, options: DashboardOptions
) -> Dashboard:
    timings: dict[str, float] = {}
    results: dict[str, Any] = {}  # each figure in its own type, keyed by its Dashboard field

    def run(name: str, step):
        state.check()
        started = time.perf_counter()
        results[name] = step()
        timings[name] = time.perf_counter() - started
        state.progress(len(results), 12, name)
        return results[name]

    cube = run("project_cube", lambda: project_cube(session, flt))
    owners = run("owner_cube", lambda: owner_cube(session, flt))
    tracking = run("tracking", lambda: tracking_pass(session, flt, options.as_of))
    if tracking is None:
        key = run(
            "key", lambda: key_figures(session, flt, as_of=options.as_of, cube=cube, owners=owners)
        )
        run("progress", lambda: planned_vs_completed(session, flt, as_of=options.as_of, cube=cube))
    else:
        key = run("key", lambda: key_from_cubes(session, cube, owners, tracking.schedule))
        run("progress", lambda: progress_from_rows(session, flt, cube, tracking.progress_rows))
    run("sections", lambda: by_section(session, flt, cube=cube))
    run(
        "lead_units",
        lambda: by_lead_unit(
            session,
            flt,
            top_n=options.lead_top_n,
            owners=owners,
            total=(key.projects, key.planned_investment_wan),
        ),
    )
    run(
        "participation",
        lambda: unit_participation(session, flt, top_n=options.participation_top_n, owners=owners),
    )
    run("areas", lambda: by_area(session, flt, owners=owners))
    run("years", lambda: by_year(session, flt, mode=options.year_mode, cube=cube))
    run("status", lambda: status_share(session, flt, cube=cube))
    run(
        "timeline",
        lambda: timeline(
            session, flt, mode=options.timeline_mode, limit=options.timeline_limit, cube=cube
        ),
    )
    del results["project_cube"], results["owner_cube"], results["tracking"]
    return Dashboard(flt, options, timings=timings, **results)
