"""Fuzz run: `python benchmarks/bench_fuzz.py [--inputs 1000] [--seed 16]`.

Generates that many hostile or damaged inputs (tests/fuzz_inputs.py: mutated xlsx, ods, csv and
xls stand-ins) and imports each through the CLI into a fresh copy of an empty ledger. Prints
counts — tried, refused cleanly (exit 1, a message, database byte-identical), imported,
crashed (a traceback or an exception escaping), over limits (slower than --max-seconds) —
and the slowest inputs. The goal is crashes = 0 and over limits = 0. Never part of the suite.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--max-seconds", type=float, default=10.0)
    args = parser.parse_args()

    from db import open_database
    from tests.fuzz_inputs import judge, make_input

    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="greenledger-fuzz-"))
    template = work / "empty.sqlite"
    open_database(template).dispose()
    counts: Counter[str] = Counter()
    slowest: list[tuple[float, str]] = []
    started = time.monotonic()
    for n in range(args.inputs):
        folder = work / f"{n}"
        folder.mkdir()
        path = make_input(rng, folder, f"in{n}")
        db = folder / "ledger.sqlite"
        shutil.copyfile(template, db)
        outcome = judge(path, db)
        counts["tried"] += 1
        if outcome.crashed:
            counts["crashed"] += 1
            print(f"CRASH {path}: {outcome.stderr[-400:]}", file=sys.stderr)
        elif outcome.imported:
            counts["imported"] += 1
        elif outcome.refused_cleanly:
            counts["refused cleanly"] += 1
        else:
            counts["refused, database changed"] += 1
            print(f"CHANGED {path}", file=sys.stderr)
        if outcome.seconds > args.max_seconds:
            counts["over limits"] += 1
        slowest.append((outcome.seconds, path.name))
        shutil.rmtree(folder, ignore_errors=True)
    elapsed = time.monotonic() - started
    slowest.sort(reverse=True)
    print(f"inputs generated with seed {args.seed} in {elapsed:.1f} s")
    for key in (
        "tried",
        "refused cleanly",
        "imported",
        "crashed",
        "over limits",
        "refused, database changed",
    ):
        print(f"  {key:<26} {counts[key]:>6}")
    print("  slowest: " + ", ".join(f"{name} {s:.2f} s" for s, name in slowest[:5]))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
