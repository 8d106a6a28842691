"""Ledger data-layer benchmark at scale: `python benchmarks/bench_ledger.py [--db PATH] [--projects N]`.

Measures what the grid and the status bar ask of the database on a 1,000,000-project plan
(open, first window, scroll to the end, sort, filters, totals, a 10,000-cell paste and its undo)
and prints each figure next to its target and next to the same query in bare sqlite3, so the
ratio shows what GreenLedger's layers cost on top of SQLite itself.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import add_database_arguments, ensure_database
from benchmarks.timing import peak_rss_mb
from db import open_database, session_factory
from services import ledger, query, writer
from services.summary import section_totals

WINDOW = 200


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def raw(con: sqlite3.Connection, sql: str, *params):
    return timed(lambda: con.execute(sql, params).fetchall())[1]


# name, seconds, target, bare sqlite
Row = tuple[str, float, float | None, float | None]


def bench_order_and_windows(session, con, plan, flt) -> tuple[list[int], list[Row]]:
    """The id list in table order, the first window and the last one."""
    ids, t_ids = timed(lambda: query.project_ids(session, flt))
    t_raw = raw(
        con,
        "SELECT p.id FROM project p JOIN section s ON s.id=p.section_id WHERE p.plan_id=? ORDER BY s.position, p.position, p.id",
        plan.id,
    )
    rows: list[Row] = [(f"id list, table order ({len(ids):,} ids)", t_ids, None, t_raw)]
    _, t_first = timed(lambda: query.rows_for_ids(session, ids[:WINDOW]))
    rows.append(("first window (200 rows)", t_first, None, None))
    rows.append(("→ first paint data (ids + first window)", t_ids + t_first, 1.0, None))
    _, t_end = timed(lambda: query.rows_for_ids(session, ids[-WINDOW:]))
    rows.append(("scroll to end (last 200 rows)", t_end, 0.1, None))
    return ids, rows


def bench_sorts(session, con, plan, flt) -> list[Row]:
    sort = query.Sort("planned_investment_wan", descending=True)
    _, t_sort = timed(lambda: query.project_ids(session, flt, sort))
    t_raw = raw(
        con,
        "SELECT id FROM project WHERE plan_id=? ORDER BY planned_investment_wan IS NULL, planned_investment_wan DESC, id",
        plan.id,
    )
    _, t_sort_name = timed(lambda: query.project_ids(session, flt, query.Sort("name")))
    return [
        ("sort by investment (desc)", t_sort, 1.5, t_raw),
        ("sort by name", t_sort_name, 1.5, None),
    ]


def bench_filters(session, con, plan) -> tuple[query.ProjectFilter, list[Row]]:
    """Filter by the owner with the fewest projects, and the quick text filter."""
    owner_id = con.execute(
        "SELECT organization_id FROM project_owner GROUP BY organization_id ORDER BY count(*) LIMIT 1"
    ).fetchone()[0]
    by_owner = query.ProjectFilter(plan_id=plan.id, owner_id=owner_id)
    owner_ids, t_owner = timed(lambda: query.project_ids(session, by_owner))
    t_raw = raw(
        con,
        "SELECT p.id FROM project p WHERE p.plan_id=? AND EXISTS (SELECT 1 FROM project_owner o WHERE o.project_id=p.id AND o.organization_id=?)",
        plan.id,
        owner_id,
    )
    rows: list[Row] = [(f"filter by owner ({len(owner_ids):,} rows)", t_owner, 1.5, t_raw)]
    text = query.ProjectFilter(plan_id=plan.id, text="口袋公园")
    text_ids, t_text = timed(lambda: query.project_ids(session, text))
    rows.append((f"quick filter '口袋公园' ({len(text_ids):,} rows)", t_text, 1.5, None))
    return by_owner, rows


def bench_totals(session, con, plan, by_owner, ids: list[int]) -> list[Row]:
    _, t_sections = timed(lambda: section_totals(session, plan.id))
    t_raw = raw(
        con,
        "SELECT section_id, count(*), sum(planned_investment_wan) FROM project WHERE plan_id=? GROUP BY section_id",
        plan.id,
    )
    _, t_tot = timed(lambda: query.totals(session, by_owner))
    _, t_sel = timed(lambda: query.totals_for_ids(session, ids[:100_000]))
    return [
        ("section totals", t_sections, 1.0, t_raw),
        ("filtered totals (status bar)", t_tot, 1.0, None),
        ("selection sum, 100,000 rows", t_sel, 1.0, None),
    ]


def bench_paste(session, ids: list[int]) -> list[Row]:
    """A 10,000-cell paste, its undo, and the same paste checked against row versions."""
    paste = {pid: {"quantity": "7", "planned_investment_wan": "12.34"} for pid in ids[1000:6000]}
    change, t_paste = timed(lambda: ledger.set_fields(session, paste))
    _, t_undo = timed(lambda: ledger.set_fields(session, change.inverse))
    # As the grid writes since row versions: the paste says which version each row was read
    # at (the grid has them with its pages), and the writer checks them under FOR UPDATE.
    seen = writer.row_versions(session, ledger.PROJECTS.table, list(paste))
    session.rollback()
    again = {pid: {"quantity": "8", "planned_investment_wan": "23.45"} for pid in paste}
    _, t_versioned = timed(lambda: ledger.set_fields(session, again, expected_versions=seen))
    return [
        ("paste 10,000 cells (5,000 rows × 2), one transaction", t_paste, 2.0, None),
        ("undo of that paste", t_undo, 2.0, None),
        ("the same paste checked against row versions", t_versioned, 2.0, None),
    ]


def print_table(rows: list[Row], projects: int, db: Path) -> None:
    peak_mb = peak_rss_mb()
    print(f"\nGreenLedger ledger benchmark — {projects:,} projects, {db}")
    print(
        f"{'measure':52} {'seconds':>9} {'target':>8} {'÷target':>8} {'sqlite3':>9} {'÷sqlite3':>9}"
    )
    for name, seconds, target, bare in rows:
        ratio_t = f"{seconds / target:8.2f}" if target else f"{'':8}"
        bare_s = f"{bare:9.3f}" if bare else f"{'':9}"
        ratio_b = f"{seconds / bare:9.2f}" if bare else f"{'':9}"
        target_s = f"{target:8.1f}" if target else f"{'':8}"
        print(f"{name:52} {seconds:9.3f} {target_s} {ratio_t} {bare_s} {ratio_b}")
    print(f"{'peak RSS (MB)':52} {peak_mb:9.0f} {500:8d} {peak_mb / 500:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    add_database_arguments(parser)
    args = parser.parse_args()
    ensure_database(args.db, args.projects)

    engine, t_open = timed(lambda: open_database(args.db))
    rows: list[Row] = [("open + migration check", t_open, 1.0, None)]
    session = session_factory(engine)()
    con = sqlite3.connect(args.db)
    plan = query.find_plan(session, None)
    flt = query.ProjectFilter(plan_id=plan.id)

    ids, window_rows = bench_order_and_windows(session, con, plan, flt)
    rows += window_rows
    rows += bench_sorts(session, con, plan, flt)
    by_owner, filter_rows = bench_filters(session, con, plan)
    rows += filter_rows
    rows += bench_totals(session, con, plan, by_owner, ids)
    rows += bench_paste(session, ids)
    print_table(rows, len(ids), args.db)


if __name__ == "__main__":
    main()
