"""Office server under load: `python benchmarks/bench_server_load.py --db postgresql://…/postgres`.

20 clients on loopback (threads, one connection each) make 500 operations each on the sample
ledger: mostly saves of a project's remarks based on the version they last read, and reads of
a 200-row page (a grid refresh). A save refused as stale (someone saved first) re-reads and
tries again, as a clerk would after the conflict dialog. Bounded: every client stops after its
operations or after --seconds. Prints p50/p95 latency of a save and of a refresh, the conflict
count, and the lost updates found: every successful save's audit line must start from the
value the previous save left (old value = previous new value), which a lost update breaks.

The --db URL names a server superuser; a scratch database is created and dropped.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from db import open_database, session_factory
from db.engine import create_db_engine
from models import AuditEntry, Project
from services import ledger, query, writer
from services.errors import StaleRowError
from services.sample import load_sample

PAGE = 200


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def client(make, ids, ops, deadline, seed, results, lock) -> None:
    rng = random.Random(seed)
    saves, refreshes, conflicts = [], [], 0
    with make() as session:
        for n in range(ops):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            if rng.random() < 0.3:
                page = query.project_ids(session, query.ProjectFilter(), None)[:PAGE]
                session.scalars(select(Project).where(Project.id.in_(list(page)))).all()
                session.rollback()
                refreshes.append(time.perf_counter() - started)
                continue
            pid = rng.choice(ids[:10])  # ten hot rows: many clients collide on them
            text = f"client{seed}-{n}"
            while time.monotonic() < deadline:
                seen = writer.row_versions(session, Project.__table__, [pid])
                session.rollback()
                try:
                    ledger.set_fields(session, {pid: {"remarks": text}}, expected_versions=seen)
                    break
                except StaleRowError:
                    conflicts += 1
            saves.append(time.perf_counter() - started)
    with lock:
        results["saves"] += saves
        results["refreshes"] += refreshes
        results["conflicts"] += conflicts


def lost_updates(make, ids) -> int:
    """Saves whose old value is not what the previous save of that row left."""
    lost = 0
    with make() as session:
        for pid in ids[:10]:
            lines = session.execute(
                select(AuditEntry.old_value, AuditEntry.new_value)
                .where(AuditEntry.entity_id == pid, AuditEntry.field == "remarks")
                .order_by(AuditEntry.id)
            ).all()
            lost += sum(1 for a, b in itertools.pairwise(lines) if b[0] != a[1])
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=os.environ.get("GREENLEDGER_TEST_PG_URL"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--ops", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=300)
    args = parser.parse_args()
    if not args.db:
        parser.error("--db postgresql://superuser:pw@127.0.0.1:PORT/postgres is required")
    import psycopg

    name = f"gl_bench_{uuid.uuid4().hex[:8]}"
    base = args.db.rsplit("/", 1)[0]
    with psycopg.connect(args.db, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    open_database(f"{base}/{name}").dispose()  # migrated
    engine = create_db_engine(f"{base}/{name}", pool_size=args.clients + 1)
    try:
        make = session_factory(engine)
        with make() as session:
            load_sample(session)
            ids = list(session.scalars(select(Project.id).order_by(Project.id)))
        results = {"saves": [], "refreshes": [], "conflicts": 0}
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds
        started = time.perf_counter()
        threads = [
            threading.Thread(target=client, args=(make, ids, args.ops, deadline, i, results, lock))
            for i in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        saves, refreshes = results["saves"], results["refreshes"]
        print(f"{args.clients} clients × {args.ops} operations in {elapsed:.1f} s")
        print(
            f"saves {len(saves)}: p50 {statistics.median(saves) * 1000:.1f} ms,"
            f" p95 {percentile(saves, 0.95) * 1000:.1f} ms"
        )
        print(
            f"refreshes {len(refreshes)}: p50 {statistics.median(refreshes) * 1000:.1f} ms,"
            f" p95 {percentile(refreshes, 0.95) * 1000:.1f} ms"
        )
        print(f"conflicts refused and retried: {results['conflicts']}")
        print(f"lost updates: {lost_updates(make, ids)} (target 0)")
    finally:
        engine.dispose()
        with psycopg.connect(args.db, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
