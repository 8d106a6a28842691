"""Dashboard aggregates on a big database: `python benchmarks/bench_dashboard.py [--db PATH]`.

Runs services.aggregates.dashboard() (every figure and chart input the dashboard shows) for the
newest plan, prints each step's wall time, the total and its ratio to the 1 s budget, plus the
same with a quick-text filter and with a section filter (the owner pass's join path). Makes the
database with benchmarks/generate.py when missing.

`--add-reports` first writes progress reports into the given file (use a throwaway copy) when
it has none: two quarterly reports for 80 % of the projects, shaped like a
1.6M-report tracking database, so the schedule tiles (services.schedule.schedule_counts, inside the
key figures) are measured with real work to do.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import add_database_arguments, ensure_database
from db import open_database, session_factory
from services import aggregates
from services.query import ProjectFilter, find_plan

BUDGET_S = 1.0


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


def add_reports(path: Path, share: float = 0.8, seed: int = 7) -> None:
    """Two quarterly reports (Q1, Q2 2023) for `share` of the projects, when there are none."""
    con = sqlite3.connect(path)
    if con.execute("SELECT 1 FROM progress_report LIMIT 1").fetchone():
        con.close()
        return
    started = time.perf_counter()
    rng = random.Random(seed)
    statuses = ["planned", "in_progress", "in_progress", "done"]
    rows = []
    for (pid,) in con.execute("SELECT id FROM project ORDER BY id").fetchall():
        if rng.random() >= share:
            continue
        first = rng.randrange(0, 6000)
        second = min(10000, first + rng.randrange(0, 4000))
        status = rng.choice(statuses)
        rows.append((pid, "2023Q1", "2023-03-31", first, 0, status))
        rows.append((pid, "2023Q2", "2023-06-30", second, 0, status))
    con.executemany(
        "INSERT INTO progress_report (project_id, period, period_end, progress_pct,"
        " over_plan_confirmed, status) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    print(f"  added {len(rows):,} progress reports in {time.perf_counter() - started:.1f} s")


def measure_schedule(engine, flt: ProjectFilter) -> None:
    from services.schedule import schedule_counts

    with session_factory(engine)() as session:
        wall = time.perf_counter()
        counts = schedule_counts(session, flt)
        wall = time.perf_counter() - wall
    print(
        f"  schedule_counts alone: {wall:.3f} s ({counts.reported:,} reported,"
        f" {counts.behind:,} behind, {counts.overdue:,} overdue)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    add_database_arguments(parser)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--add-reports", action="store_true", help="writes into --db!")
    args = parser.parse_args()
    ensure_database(args.db, args.projects)
    if args.add_reports:
        add_reports(args.db)
    engine = open_database(args.db)
    with session_factory(engine)() as session:
        plan = find_plan(session, None)
        if plan is None:
            sys.exit(f"no plan in {args.db}")
        flt = ProjectFilter(plan_id=plan.id)
        sections = list(aggregates.by_section(session, flt))[:3]
    print(f"{args.db}: plan {plan.title!r}")
    measure(engine, flt, "whole plan", args.repeat)
    measure(engine, ProjectFilter(plan_id=plan.id, text="VOCs"), "quick filter 'VOCs'", 1)
    three = ProjectFilter(plan_id=plan.id, section_ids=tuple(s.section_id for s in sections))
    measure(engine, three, "three sections", 1)
    measure_schedule(engine, flt)


if __name__ == "__main__":
    main()
