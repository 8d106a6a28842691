"""Issue 17's table in one run: `python benchmarks/bench_issue17.py [--runs 3] [--tests]`.

Every row is GreenLedger against its peer, measured on this machine in the same run, as a
ratio (a shared machine is noisy; the ratio much less so). Whole processes where a user runs a
whole process (import, summary, brief, app start), the median of `--runs`; the CPU time of the
child processes is printed beside the wall time, since other work on the machine inflates the
wall time, not the CPU time. The 1,000,000-row rows need `--db1m` (benchmarks/generate.py makes
it; they are skipped without it). `--tests` also times the whole test suite (minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
MAIN = str(ROOT / "main.py")

_CALAMINE = """
import sys, python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
for name in book.sheet_names:
    book.get_sheet_by_name(name).to_python(skip_empty_area=False)
"""
_PANDAS = """
import sys, sqlite3, pandas as pd
frame = pd.read_excel(sys.argv[1], sheet_name=0, header=None, engine="calamine")
con = sqlite3.connect(sys.argv[2])
frame.astype(str).to_sql("raw", con, if_exists="replace", index=False)
con.commit()
"""
_BARE_WINDOW = """
import os
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("GreenLedger"))
window.resize(1200, 800)
window.show()
app.processEvents()
window.grab()
print("painted", flush=True)
os._exit(0)
"""
_APP_WINDOW = """
import os, sys
import main  # the entry point's own import order: the headless CLI, the data layer, then Qt
main.load_data_layer()
from app import settings
settings.use_settings_file(sys.argv[2])
from app.application import create_application, open_context
app = create_application()
ctx = open_context(sys.argv[1])
from views.main_window import MainWindow
window = MainWindow(ctx)
window.show()
app.processEvents()
window.grab()
print("painted", flush=True)
os._exit(0)
"""
# The floor under any window or command that reads the ledger through the ORM: SQLAlchemy, the
# mapped models and one query (the schema's own cost, before any GreenLedger code runs).
_ORM_FLOOR = """
import sys
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from models import Plan
with Session(create_engine(f"sqlite:///{sys.argv[1]}")) as session:
    session.scalars(select(Plan)).all()
"""
_WINDOW_FLOOR = _BARE_WINDOW.replace("import os\n", "import os\n" + _ORM_FLOOR, 1)
# What every command pays before it does anything: the interpreter, the parser of every
# command, the modules they import at start.
_CLI_STARTS = (
    ("--version", ["--version"]),
    ("summary --help", ["summary", "--help"]),
    ("import --help", ["import", "--help"]),
    ("brief --help", ["brief", "--help"]),
    ("returns status --help", ["returns", "status", "--help"]),
)
_SECTION_TOTALS = (
    "SELECT s.name, count(p.id), sum(p.planned_investment_wan) FROM section s"
    " LEFT JOIN project p ON p.section_id = s.id GROUP BY s.id ORDER BY s.position;"
)


def _env() -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files
    return env


def run_process(args: list[str], runs: int, before=None) -> tuple[float, float]:
    """Median wall seconds and median child CPU seconds of a whole process."""
    walls, cpus = [], []
    for _ in range(runs):
        if before:
            before()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=_env(), cwd=ROOT)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


ROWS: list[tuple[str, str, str, str, str]] = []


def _seconds(figure: tuple[float, float | None]) -> str:
    wall, cpu = figure
    return f"{wall:.2f} s" if cpu is None else f"{wall:.2f} s (CPU {cpu:.2f})"


def row(work: str, ours: tuple[float, float | None], peer_label: str, peer, goal: str) -> None:
    """`ours` / `peer`: (wall, CPU or None for in-process figures). The ratio is of the wall
    times, with the CPU ratio beside it when both have one (less at the mercy of the load)."""
    ours_text = _seconds(ours)
    if peer is None:
        ROWS.append((work, ours_text, peer_label, "—", goal))
    else:
        ratio = f"{ours[0] / peer[0]:.2f}×"
        if ours[1] is not None and peer[1]:
            ratio += f" (CPU {ours[1] / peer[1]:.2f}×)"
        peer_text = f"{peer_label} {_seconds(peer)}"
        ROWS.append((work, ours_text, peer_text, ratio, goal))
    print(" | ".join(ROWS[-1]), flush=True)


def skipped(work: str, why: str) -> None:
    ROWS.append((work, "skipped", why, "—", "—"))
    print(" | ".join(ROWS[-1]), flush=True)


def official_workbook(folder: Path, projects: int) -> Path:
    book = folder / f"official-{projects}.xlsx"
    if not book.exists():
        source = folder / f"source-{projects}.sqlite"
        gen = ROOT / "benchmarks" / "generate.py"
        subprocess.run(
            [PY, str(gen), "--projects", str(projects), "--out", str(source)], check=True
        )
        bench = str(ROOT / "benchmarks" / "bench_import_export.py")
        subprocess.run([PY, bench, "--step", "export", str(source), str(book)], check=True)
    return book


def bench_import(book: Path, tmp: Path, runs: int) -> None:
    db = tmp / "import.sqlite"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    ours = run_process([PY, MAIN, "import", str(book), "--db", str(db)], runs, before=fresh)
    bare = run_process([PY, "-c", _CALAMINE, str(book)], runs)
    pandas_db = tmp / "pandas.sqlite"
    pandas = run_process([PY, "-c", _PANDAS, str(book), str(pandas_db)], runs)
    row("import 100k-row official xlsx", ours, "bare calamine read", bare, "≤ 2.5×")
    row("same", ours, "pandas read_excel(calamine) + to_sql", pandas, "< 1×")


def bench_small(tmp: Path, runs: int) -> None:
    db = tmp / "sample.sqlite"
    subprocess.run([PY, MAIN, "sample", "--db", str(db)], check=True, capture_output=True)
    bench_app_start(db, tmp, runs)
    bench_cli_starts(runs)
    bench_summary(db, runs)
    bench_brief(db, tmp, runs)


def bench_app_start(db: Path, tmp: Path, runs: int) -> None:
    settings_file = str(tmp / "settings.ini")
    ours = run_process([PY, "-c", _APP_WINDOW, str(db), settings_file], runs)
    bare = run_process([PY, "-c", _BARE_WINDOW], runs)
    floor = run_process([PY, "-c", _WINDOW_FLOOR, str(db)], runs)
    work = "app start → main window painted (sample)"
    row(work, ours, "bare PySide6 window", bare, "< 1 s, ≤ 5×")
    row(
        "… its floor: bare window + SQLAlchemy ORM + models + 1 query",
        floor,
        "bare window",
        bare,
        "—",
    )
    row("… app start above its floor", ours, "that floor", floor, "—")


def bench_cli_starts(runs: int) -> None:
    bare = run_process([PY, "-c", "pass"], runs)
    for label, args in _CLI_STARTS:
        ours = run_process([PY, MAIN, *args], runs)
        row(f"CLI start-up: {label}", ours, "bare python", bare, "—")


def bench_summary(db: Path, runs: int) -> None:
    ours = run_process([PY, MAIN, "summary", "--json", "--db", str(db)], runs)
    if not shutil.which("sqlite3"):
        skipped("summary --json (whole process)", "sqlite3 shell not installed: no peer")
        return
    peer = run_process(["sqlite3", str(db), _SECTION_TOTALS], runs)
    row("summary --json (whole process)", ours, "sqlite3 shell GROUP BY", peer, "< 0.5 s")
    floor = run_process([PY, "-c", _ORM_FLOOR, str(db)], runs)
    row("… its floor: python + SQLAlchemy ORM + models + 1 query", floor, "—", None, "—")
    row("… summary above its floor", ours, "that floor", floor, "—")


def bench_brief(db: Path, tmp: Path, runs: int) -> None:
    work = "brief of the 56-row plan (whole process)"
    # Like LibreOffice's profile below, the font cache is filled by a first, untimed run.
    brief = [PY, MAIN, "brief", str(tmp / "brief.pdf"), "--db", str(db)]
    subprocess.run(brief, check=True, capture_output=True, env=_env(), cwd=ROOT)
    ours = run_process(brief, runs)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        row(work, ours, "LibreOffice not installed (soffice): peer skipped", None, "≤ 0.5×")
        return
    book = tmp / "plan.xlsx"
    subprocess.run(
        [PY, MAIN, "export", str(book), "--db", str(db)], check=True, capture_output=True
    )
    # A profile of its own, made by a first conversion: every measured run starts warm.
    profile = f"-env:UserInstallation=file://{tmp / 'lo-profile'}"
    convert = [
        soffice,
        profile,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp),
        str(book),
    ]
    subprocess.run(convert, check=True, capture_output=True)
    peer = run_process(convert, runs)
    row(work, ours, "LibreOffice xlsx→pdf", peer, "≤ 0.5×")


# The start of a script run as a new process in the repository (argv: target, runs): the query
# services and timed(key, fn), which stores the median of `runs` calls in results[key].
QUERY_SCRIPT_HEAD = """
import json, sqlite3, statistics, sys, time
from db import open_database, session_factory
from services import aggregates
from services.query import ProjectFilter, Sort, find_plan, project_ids, totals

target, runs, results = sys.argv[1], int(sys.argv[2]), {}
def timed(key, fn):
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - started)
    results[key] = statistics.median(walls)
"""

_MILLION = (
    QUERY_SCRIPT_HEAD
    + """
first = time.perf_counter()
engine = open_database(target)
factory = session_factory(engine)
with factory() as session:
    plan = find_plan(session, None).id
    project_ids(session, ProjectFilter(plan_id=plan), limit=200)
    results["first_page"] = time.perf_counter() - first
    project_ids(session, ProjectFilter(plan_id=plan), Sort("name"), limit=200)
    results["first_sort"] = time.perf_counter() - first
    word = ProjectFilter(plan_id=plan, text="口袋公园")
    timed("text", lambda: (project_ids(session, word), totals(session, word)))
    timed("dashboard", lambda: aggregates.dashboard(None, session, word))
    for column in ("name", "planned_investment_wan"):
        sort = Sort(column)
        timed(f"sort_{column}", lambda: project_ids(session, ProjectFilter(plan_id=plan), sort, limit=200))
        timed(f"sort_{column}_all", lambda: project_ids(session, ProjectFilter(plan_id=plan), sort))
raw = sqlite3.connect(target)
like = " OR ".join(f"{c} LIKE '%口袋公园%'" for c in ("name", "content", "project_type", "owners_text"))
timed("peer_text", lambda: raw.execute(f"SELECT count(*) FROM project WHERE {like}").fetchone())
for column in ("name", "planned_investment_wan"):
    timed(f"peer_sort_{column}", lambda: raw.execute(
        f"SELECT id FROM project ORDER BY {column} LIMIT 200").fetchall())
print(json.dumps(results))
"""
)


def bench_million(db: Path, runs: int) -> None:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [PY, "-c", _MILLION, str(db), str(runs)],
        check=True,
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    cpu = after.ru_utime - usage.ru_utime
    print(f"(1M process CPU {cpu:.1f} s)")
    text = "1M: quick text filter 口袋公园 (ids + total)"
    row(text, (r["text"], None), "LIKE scan count", (r["peer_text"], None), "< 0.5 s")
    row("1M: dashboard under the text filter", (r["dashboard"], None), "—", None, "< 1 s")
    for column, label in (("name", "name"), ("planned_investment_wan", "investment")):
        peer = (r[f"peer_sort_{column}"], None)
        first = (r[f"sort_{column}"], None)
        row(f"1M: sort by {label}, first page", first, "ORDER BY … LIMIT 200", peer, "< 0.5 s")
        every = (r[f"sort_{column}_all"], None)
        row(f"1M: sort by {label}, all ids (background)", every, "—", None, "—")
    row("1M: new process, open → first page", (r["first_page"], None), "—", None, "—")
    row("1M: … → first page sorted by name", (r["first_sort"], None), "—", None, "explained")


def bench_tests(runs: int) -> None:
    ours = run_process([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider"], 1)
    row("test suite (python -m pytest, -n auto)", ours, "—", None, "< 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument(
        "--db1m", type=Path, default=ROOT / "benchmarks" / "data" / "bench-1m.sqlite"
    )
    parser.add_argument("--tests", action="store_true", help="also time the whole test suite")
    parser.add_argument(
        "--only",
        choices=("import", "small", "million"),
        action="append",
        help="run only these groups (repeatable; default: all)",
    )
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    print(
        f"{date.today()} · {platform.node()} · {os.cpu_count()} cores · load {os.getloadavg()[0]:.1f}"
    )
    print("work | GreenLedger (CPU) | peer (CPU) | ratio | goal")
    groups = set(args.only or ("import", "small", "million"))
    with tempfile.TemporaryDirectory() as tmp:
        if "import" in groups:
            bench_import(official_workbook(args.data, 100_000), Path(tmp), args.runs)
        if "small" in groups:
            bench_small(Path(tmp), args.runs)
    if "million" in groups and args.db1m.exists():
        bench_million(args.db1m, args.runs)
    if args.tests:
        bench_tests(args.runs)
    print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
