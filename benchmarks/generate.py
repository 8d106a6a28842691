"""Generate a large GreenLedger database for benchmarks: `python benchmarks/generate.py --projects 1000000 --out X`.

Rows are shaped like the 2023 钟楼 table (its units, types, period forms, "/" investments) and
written with plain executemany on the migrated schema: a million projects take seconds, not
minutes. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import open_database
from db.bulk import indexes_deferred
from services.plans import DEFAULT_SECTIONS as SECTION_NAMES
from services.sample import sample_data


def _sample_pools():
    data = sample_data()
    projects = [p for s in data["sections"] for p in s["projects"]]
    units = sorted({o for p in projects for o in p["owners"]})
    types = sorted({p["project_type"] for p in projects if p["project_type"]})
    return projects, units, types


def generate(out: Path, projects: int, *, sections: int = 30, seed: int = 7) -> Path:
    out.unlink(missing_ok=True)
    engine = open_database(out)  # the real schema, via the migrations
    rng = random.Random(seed)
    pool, units, types = _sample_pools()
    connection = engine.connect()
    con = connection.connection.driver_connection  # the same sqlite3 connection, bare
    con.execute("PRAGMA synchronous=OFF")
    now = datetime.now().isoformat(sep=" ")
    con.execute(
        "INSERT INTO plan (id, title, region, year_start, year_end, created_at, updated_at) VALUES (1, ?, ?, 2023, 2025, ?, ?)",
        (f"基准方案 {projects} 项", "基准区", now, now),
    )
    for i in range(sections):
        con.execute(
            "INSERT INTO section (id, plan_id, position, name) VALUES (?, 1, ?, ?)",
            (i + 1, i, f"{SECTION_NAMES[i % 6]} 第{i // 6 + 1}组"),
        )
    con.executemany(
        "INSERT INTO organization (id, name, kind) VALUES (?, ?, ?)",
        [(i + 1, name, _kind(name)) for i, name in enumerate(units)],
    )
    per_section = -(-projects // sections)
    statuses = ["planned", "in_progress", "done", "suspended"]

    def project_rows():
        for pid in range(1, projects + 1):
            src = pool[pid % len(pool)]
            start = rng.choice([2021, 2022, 2023, 2023, 2023])
            end = start + rng.choice([0, 0, 0, 1, 2])
            cents = None if pid % 97 == 0 else rng.randrange(100, 1_000_000_00)
            owners = rng.sample(range(1, len(units) + 1), rng.randint(1, 4))
            yield (
                (
                    pid,
                    1,
                    (pid - 1) // per_section + 1,
                    (pid - 1) % per_section,
                    str((pid - 1) % per_section + 1),
                    rng.choice(types),
                    f"{src['name']} {pid}",
                    src["content"],
                    rng.randint(1, 400),
                    cents,
                    start,
                    end,
                    statuses[pid % 4],
                    "new",
                    "、".join(units[o - 1] for o in owners),
                    now,
                    now,
                ),
                owners,
            )

    batch, owner_batch = [], []
    # Indexes (and the text index) built after the rows, as a first import does: minutes
    # faster, and each index is written in order instead of scattered over the file by
    # random inserts, so a first open with a cold disk cache reads it sequentially.
    with indexes_deferred(connection, ("project", "project_owner")):
        for row, owners in project_rows():
            batch.append(row)
            # The owner copies (plan, investment, first lead) given directly, as the importer does.
            owner_batch += [
                (row[0], i, org, "lead" if i == 0 else "cooperating", 1, row[9], i == 0)
                for i, org in enumerate(owners)
            ]
            if len(batch) >= 50_000:
                _flush(con, batch, owner_batch)
        _flush(con, batch, owner_batch)
    connection.commit()  # indexes_deferred also left the planner's statistics (ANALYZE)
    connection.close()
    engine.dispose()  # the last connection folds the WAL into the file
    return out


def _flush(con, batch, owner_batch) -> None:
    con.executemany(
        "INSERT INTO project (id, plan_id, section_id, position, seq_label, project_type, name, content, quantity,"
        " planned_investment_wan, start_year, end_year, status, construction_kind, owners_text, created_at, updated_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        batch,
    )
    con.executemany(
        "INSERT INTO project_owner (project_id, position, organization_id, role,"
        " plan_id, planned_investment_wan, is_first_lead) VALUES (?,?,?,?,?,?,?)",
        owner_batch,
    )
    batch.clear()
    owner_batch.clear()


def _kind(name: str) -> str:
    from services.organizations import guess_kind

    return guess_kind(name).value


DEFAULT_DB = Path("benchmarks/data/bench-1m.sqlite")


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    """`--db` and `--projects` as every 1M-row benchmark takes them."""
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--projects", type=int, default=1_000_000, help="when generating")


def ensure_database(path: Path, projects: int) -> None:
    """Generate the benchmark database unless it is already there (it takes minutes)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"generating {projects:,} projects into {path} …", flush=True)
    generate(path, projects)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=1_000_000)
    parser.add_argument("--sections", type=int, default=30)
    parser.add_argument("--out", type=Path, default=DEFAULT_DB)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    generate(args.out, args.projects, sections=args.sections, seed=args.seed)
    size = args.out.stat().st_size / 2**20
    print(
        f"generated {args.projects:,} projects in {time.perf_counter() - started:.1f} s → {args.out} ({size:.0f} MB)"
    )


if __name__ == "__main__":
    main()
