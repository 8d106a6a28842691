"""Dashboard aggregates on a big database: `python benchmarks/bench_dashboard.py [--db PATH]`.

Runs services.aggregates.dashboard() (every figure and chart input the dashboard shows) for the
newest plan, prints each step's wall time, the total and its ratio to the 1 s budget, plus the
same with a quick-text filter. Makes the database with benchmarks/generate.py when missing.

`--try-recommended` measures the schema changes this module would need to meet the budget at
1,000,000 projects, ON THE GIVEN FILE (use a throwaway copy): a covering index for the project
pass, and owner rows carrying plan_id + planned investment for the unit pass. Nothing in the app
depends on them; the numbers are for the lead's decision.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import open_database, session_factory
from services import aggregates
from services.query import ProjectFilter, find_plan

BUDGET_S = 1.0

CUBE_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_dash_cube ON project "
    "(plan_id, section_id, status, start_year, end_year, planned_investment_wan)"
)
OWNER_SIDE_TABLE = [
    "DROP TABLE IF EXISTS dash_owner_bench",
    "CREATE TABLE dash_owner_bench AS SELECT po.project_id, po.position, po.organization_id,"
    " po.role, p.plan_id, p.planned_investment_wan FROM project_owner po"
    " JOIN project p ON p.id = po.project_id",
    "CREATE INDEX ix_dash_owner_bench ON dash_owner_bench"
    " (plan_id, organization_id, role, planned_investment_wan)",
]
OWNER_SIDE_QUERY = (
    "SELECT organization_id, role, count(*), sum(planned_investment_wan)"
    " FROM dash_owner_bench WHERE plan_id = ? GROUP BY organization_id, role"
)


def measure(engine, flt: ProjectFilter, label: str, repeat: int) -> float:
    best = None
    for run in range(repeat):
        with session_factory(engine)() as session:
            wall, cpu = time.perf_counter(), time.process_time()
            board = aggregates.dashboard(None, session, flt)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        steps = ", ".join(f"{k} {v:.3f}" for k, v in board.timings.items() if v >= 0.0005)
        print(f"  {label} run {run + 1}: {wall:.3f} s wall, {cpu:.3f} s CPU  [{steps}]")
        best = wall if best is None else min(best, wall)
    print(f"  {label}: best {best:.3f} s = {best / BUDGET_S:.1f}x the {BUDGET_S:.0f} s budget")
    print(f"  ({board.key.projects:,} projects, {board.key.planned_investment_wan:,} 万元)")
    return best


def try_recommended(path: Path, engine, flt: ProjectFilter, repeat: int) -> None:
    print("\nrecommended schema (applied to this file):")
    con = sqlite3.connect(path)
    started = time.perf_counter()
    con.execute(CUBE_INDEX)
    con.execute("ANALYZE")
    print(f"  covering index for the project pass built in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    for statement in OWNER_SIDE_TABLE:
        con.execute(statement)
    con.commit()
    print(f"  owner rows with plan_id + investment built in {time.perf_counter() - started:.1f} s")
    with session_factory(engine)() as session:
        started = time.perf_counter()
        aggregates.project_cube(session, flt)
        cube = time.perf_counter() - started
        started = time.perf_counter()
        aggregates.owner_cube(session, flt)
        owners = time.perf_counter() - started
    started = time.perf_counter()
    con.execute(OWNER_SIDE_QUERY, (flt.plan_id,)).fetchall()
    side = time.perf_counter() - started
    con.close()
    print(f"  project pass with the covering index: {cube:.3f} s")
    print(f"  unit pass today (join to project):    {owners:.3f} s")
    print(f"  unit pass on denormalized owner rows: {side:.3f} s ({owners / side:.0f}x faster)")
    measure(engine, flt, "dashboard with the covering index", repeat)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench1m.sqlite"))
    parser.add_argument("--projects", type=int, default=1_000_000, help="when generating")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--try-recommended", action="store_true")
    args = parser.parse_args()
    if not args.db.exists():
        from benchmarks.generate import generate

        print(f"generating {args.projects:,} projects → {args.db} …")
        generate(args.db, args.projects)
    engine = open_database(args.db)
    with session_factory(engine)() as session:
        plan = find_plan(session, None)
        if plan is None:
            sys.exit(f"no plan in {args.db}")
        flt = ProjectFilter(plan_id=plan.id)
    print(f"{args.db}: plan {plan.title!r}")
    measure(engine, flt, "whole plan", args.repeat)
    measure(engine, ProjectFilter(plan_id=plan.id, text="VOCs"), "quick filter 'VOCs'", 1)
    if args.try_recommended:
        try_recommended(args.db, engine, flt, args.repeat)


if __name__ == "__main__":
    main()
