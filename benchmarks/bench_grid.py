"""Grid benchmark at 1,000,000 projects: `python benchmarks/bench_grid.py [--db PATH]`.

Drives the real ProjectGrid offscreen, the way a user meets it: open the database and paint the
first screen, scroll to the end, sort by investment, filter by owner and by text, select all.
Sorting and filtering run in the background (the GUI stays responsive), so two figures are
printed for them: how long the GUI thread was blocked, and when the result was on screen.
Targets: first paint < 1 s, sort/filter < 1.5 s, peak RSS < 500 MB.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from benchmarks.generate import add_database_arguments, ensure_database
from benchmarks.timing import peak_rss_mb

# label, seconds, target
Result = tuple[str, float, float | None]


def wait_for_reload(app: QApplication, grid) -> None:
    if grid.model.is_loading():
        loop = QEventLoop()
        grid.model.reloaded.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
    app.processEvents()


def open_grid(app: QApplication, db: Path, results: list[Result]):
    """Open the database and paint the first screen; returns the grid, plan id and 区住建局."""
    started = time.perf_counter()
    from app.context import AppContext
    from db import open_database, session_factory
    from services.query import ProjectFilter, find_plan
    from widgets.project_grid import ProjectGrid

    engine = open_database(db)
    factory = session_factory(engine)
    with factory() as session:
        plan_id = find_plan(session, None).id
        from services.organizations import OrganizationResolver

        owner = OrganizationResolver(session).find("区住建局")
    ctx = AppContext(engine, factory, QUndoStack(), plan_id=plan_id)
    grid = ProjectGrid(ctx)
    grid.resize(1500, 800)
    grid.show()
    grid.set_filter(ProjectFilter(plan_id=plan_id))
    grid.grab()
    results.append(("open database → first paint", time.perf_counter() - started, 1.0))
    wait_for_reload(app, grid)
    results.append(
        (
            f"  … all {grid.model.rowCount():,} ids loaded (background)",
            time.perf_counter() - started,
            None,
        )
    )
    return grid, plan_id, owner


def bench_interactions(app: QApplication, grid, plan_id: int, owner, results: list[Result]):
    """Scroll, sorts, filters and select-all, each until its result is painted."""
    from services.query import ProjectFilter, Sort

    def step(label: str, action, target: float | None = None) -> None:
        t0 = time.perf_counter()
        action()
        blocked = time.perf_counter() - t0
        wait_for_reload(app, grid)
        grid.grab()
        total = time.perf_counter() - t0
        results.append((f"{label} (GUI blocked {blocked * 1000:.0f} ms)", total, target))

    step("scroll to the end + paint", grid.view.scrollToBottom, 0.5)
    step(
        "sort by investment desc",
        lambda: grid.model.set_sort(Sort("planned_investment_wan", True)),
        1.5,
    )
    step("sort by name", lambda: grid.model.set_sort(Sort("name")), 1.5)
    step("back to table order", lambda: grid.model.set_sort(None), 1.5)
    step(
        "filter by owner 区住建局",
        lambda: grid.set_filter(ProjectFilter(plan_id=plan_id, owner_id=owner.id)),
        1.5,
    )
    results[-1] = (results[-1][0] + f" → {grid.model.rowCount():,} rows", *results[-1][1:])
    step(
        "quick filter '口袋公园'",
        lambda: grid.set_filter(ProjectFilter(plan_id=plan_id, text="口袋公园")),
        1.5,
    )
    step("clear filter", lambda: grid.set_filter(ProjectFilter(plan_id=plan_id)), 1.5)
    step("select all + status-bar sum", lambda: (grid.view.selectAll(), grid.stats()), 1.0)


def print_results(results: list[Result], db: Path) -> None:
    peak = peak_rss_mb()
    print(f"\nGreenLedger grid benchmark — {db}")
    print(f"{'measure':70} {'seconds':>8} {'target':>7} {'÷target':>8}")
    for label, seconds, target in results:
        extra = f"{target:7.1f} {seconds / target:8.2f}" if target else ""
        print(f"{label:70} {seconds:8.3f} {extra}")
    print(f"{'peak RSS (MB)':70} {peak:8.0f} {500:7d} {peak / 500:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    add_database_arguments(parser)
    args = parser.parse_args()
    ensure_database(args.db, args.projects)

    app = QApplication([])
    results: list[Result] = []
    grid, plan_id, owner = open_grid(app, args.db, results)
    bench_interactions(app, grid, plan_id, owner, results)
    print_results(results, args.db)
    app.quit()


if __name__ == "__main__":
    main()
