"""1,000,000 projects on the office server beside the same rows in SQLite:
`python benchmarks/bench_server_1m.py --pg postgresql://postgres:…@host:port/postgres [--runs 3]`.

The SQLite ledger is benchmarks/generate.py's (made once if missing); the PostgreSQL one is
the same rows moved over once with COPY into database `gl_bench_1m` (kept between runs:
`--reload` makes it again). Each backend is measured in a fresh process of its own, as a clerk
opens it: the grid's first page, sorted first pages (name, investment) and all sorted ids,
the quick filter 口袋公园 (ids and total), the dashboard of the whole plan and under that filter,
and the main window painted on the 1M ledger; then a 100,000-row official xlsx imported into an
empty ledger (whole process). Every figure is printed beside SQLite's with the ratio PG/SQLite.
`--explain` prints PostgreSQL's plans of the sorted pages and the filter.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_issue17 import (  # noqa: E402 - after the path
    _APP_WINDOW,
    MAIN,
    PY,
    QUERY_SCRIPT_HEAD,
    _env,
    official_workbook,
    run_process,
)
from benchmarks.generate import add_database_arguments, ensure_database  # noqa: E402

DATABASE = "gl_bench_1m"
IMPORT_DATABASE = "gl_bench_import"
TABLES = ("plan", "section", "organization", "project", "project_owner")

# Measured in a new process per backend (argv: target, runs); prints one JSON line.
_QUERIES = (
    QUERY_SCRIPT_HEAD
    + """
first = time.perf_counter()
engine = open_database(target)
with session_factory(engine)() as session:
    plan = find_plan(session, None).id
    whole = ProjectFilter(plan_id=plan)
    project_ids(session, whole, limit=200)
    results["first_page"] = time.perf_counter() - first
    timed("page", lambda: project_ids(session, whole, limit=200))
    word = ProjectFilter(plan_id=plan, text="口袋公园")
    timed("text", lambda: (project_ids(session, word), totals(session, word)))
    timed("text_page", lambda: (project_ids(session, word, limit=200), totals(session, word)))
    timed("dashboard", lambda: aggregates.dashboard(None, session, whole))
    timed("dashboard_text", lambda: aggregates.dashboard(None, session, word))
    for column in ("name", "planned_investment_wan"):
        for descending in (False, True):
            sort = Sort(column, descending)
            key = f"sort_{column}" + ("_desc" if descending else "")
            timed(key, lambda: project_ids(session, whole, sort, limit=200))
        timed(f"sort_{column}_all", lambda: project_ids(session, whole, Sort(column)))
engine.dispose()
print(json.dumps(results))
"""
)

ROWS = [
    ("open → first page of 200 ids (new process)", "first_page"),
    ("grid page of 200 ids (warm)", "page"),
    ("sort by name, first page", "sort_name"),
    ("sort by name descending, first page", "sort_name_desc"),
    ("sort by investment, first page", "sort_planned_investment_wan"),
    ("sort by investment descending, first page", "sort_planned_investment_wan_desc"),
    ("sort by name, all 1M ids", "sort_name_all"),
    ("sort by investment, all 1M ids", "sort_planned_investment_wan_all"),
    ("text filter 口袋公园: all ids + total", "text"),
    ("text filter 口袋公园: first page + total", "text_page"),
    ("dashboard, whole plan", "dashboard"),
    ("dashboard under the text filter", "dashboard_text"),
]


def database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


def _admin(server: str):
    import psycopg

    return psycopg.connect(server, autocommit=True)


def project_count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            return connection.execute("SELECT count(*) FROM project").fetchone()[0]
    except psycopg.Error:
        return 0


def load_server_copy(sqlite_path: Path, server: str) -> float:
    """Move the SQLite ledger's rows into a fresh `gl_bench_1m` with COPY; seconds taken.

    The secondary indexes are built after the rows (one sort each instead of a million
    B-tree inserts) and the row triggers are off for the load (the rows carry their owner
    copies already, as the generator writes them), as a first bulk load would run.
    """
    from db import open_database
    from db.bulk import insert_rows, sync_id_sequences

    with _admin(server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
    url = database_url(server, DATABASE)
    open_database(url).dispose()  # the schema, by the migrations
    started = time.perf_counter()
    source = sqlite3.connect(sqlite_path)
    engine = open_database(url, migrate=False)
    with engine.begin() as connection:
        connection.exec_driver_sql("SET session_replication_role = replica")  # no row triggers
        indexes = connection.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('project',"
            " 'project_owner') AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        ).all()
        for name, _definition in indexes:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
        for table in TABLES:
            cursor = source.execute(f'SELECT * FROM "{table}"')
            columns = tuple(d[0] for d in cursor.description)
            insert_rows(connection, table, columns, cursor)
            print(f"  copied {table}", flush=True)
        connection.exec_driver_sql("SET maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            connection.exec_driver_sql(definition)
        sync_id_sequences(connection, TABLES[:-1])  # project_owner has no id of its own
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    source.close()
    return time.perf_counter() - started


def measure(target: str, runs: int) -> dict[str, float]:
    done = subprocess.run(
        [PY, "-c", _QUERIES, target, str(runs)],
        check=True,
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def window_painted(target: str, runs: int, tmp: Path) -> tuple[float, float]:
    return run_process([PY, "-c", _APP_WINDOW, target, str(tmp / "settings.ini")], runs)


def import_100k(book: Path, server: str, tmp: Path, runs: int) -> tuple[tuple, tuple]:
    sqlite_db = tmp / "import.sqlite"

    def fresh_file() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_db}{suffix}").unlink(missing_ok=True)

    def fresh_server() -> None:
        from db import open_database

        with _admin(server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{IMPORT_DATABASE}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{IMPORT_DATABASE}"')
        open_database(database_url(server, IMPORT_DATABASE)).dispose()  # not timed

    url = database_url(server, IMPORT_DATABASE)
    lite = run_process([PY, MAIN, "import", str(book), "--db", str(sqlite_db)], runs, fresh_file)
    pg = run_process([PY, MAIN, "import", str(book), "--db", url], runs, fresh_server)
    return lite, pg


def explain(url: str) -> None:
    """PostgreSQL's plans of the statements behind the slow-looking figures."""
    import psycopg

    statements = {
        "sort by name, page": "SELECT id FROM project WHERE plan_id = 1"
        " ORDER BY name, id LIMIT 200",
        "sort by investment, page": "SELECT id FROM project WHERE plan_id = 1"
        " ORDER BY planned_investment_wan, id LIMIT 200",
        "text filter": "SELECT id FROM project WHERE plan_id = 1 AND (name LIKE '%口袋公园%'"
        " OR content LIKE '%口袋公园%' OR project_type LIKE '%口袋公园%'"
        " OR owners_text LIKE '%口袋公园%')",
    }
    with psycopg.connect(url) as connection:
        for label, sql in statements.items():
            print(f"-- {label}")
            for (line,) in connection.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}"):
                print("   ", line)


def _ratio(pg: float, lite: float) -> str:
    return f"{pg / lite:.2f}×" if lite > 0 else "—"


def show(label: str, lite: float, pg: float, lite_cpu=None, pg_cpu=None) -> None:
    cpu = f" (CPU {lite_cpu:.2f} / {pg_cpu:.2f})" if lite_cpu is not None else ""
    print(f"{label} | {lite:.3f} s | {pg:.3f} s | {_ratio(pg, lite)}{cpu}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    add_database_arguments(parser)
    parser.add_argument("--pg", default=os.environ.get("GREENLEDGER_TEST_PG_URL"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--process-runs", type=int, default=1, help="whole-process figures")
    parser.add_argument("--reload", action="store_true", help="copy the rows to PG again")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    if not args.pg:
        parser.error("--pg URL (a PostgreSQL superuser) or GREENLEDGER_TEST_PG_URL is needed")
    ensure_database(args.db, args.projects)
    url = database_url(args.pg, DATABASE)
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores · load {os.getloadavg()[0]:.1f}"
    )
    if args.reload or project_count(url) < args.projects:
        print(f"copying {args.db} to {DATABASE} with COPY …", flush=True)
        print(
            f"COPY load of {args.projects:,} projects: {load_server_copy(args.db, args.pg):.1f} s"
        )
    if args.explain:
        explain(url)
    print("work | SQLite | PostgreSQL | PG/SQLite")
    lite, pg = measure(str(args.db), args.runs), measure(url, args.runs)
    for label, key in ROWS:
        show(f"1M: {label}", lite[key], pg[key])
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        lite_paint = window_painted(str(args.db), args.process_runs, tmp)
        pg_paint = window_painted(url, args.process_runs, tmp)
        show(
            "1M: app start → main window with grid painted",
            lite_paint[0],
            pg_paint[0],
            lite_paint[1],
            pg_paint[1],
        )
        if not args.skip_import:
            book = official_workbook(ROOT / "benchmarks" / "data", 100_000)
            lite_import, pg_import = import_100k(book, args.pg, tmp, args.process_runs)
            show(
                "import 100k-row official xlsx (whole process)",
                lite_import[0],
                pg_import[0],
                lite_import[1],
                pg_import[1],
            )
    print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
