"""PDF briefing benchmark: `python benchmarks/bench_briefing.py [--runs N] [--projects N]`.

In one run, on the same machine and the same 2023 sample plan (56 projects):
- LibreOffice headless converting the official-layout workbook to PDF
  (`soffice --headless --convert-to pdf`; the workbook from exports/official_xlsx when present,
  else resources/sample/zhonglou-2023-projects.xlsx). LibreOffice gets its own throwaway user
  profile, created by one untimed warm-up conversion, so every timed run is a warm start.
- GreenLedger's full briefing (cover, contents, summary, 4 vector charts, optional chapters,
  project table): `python main.py brief` as a fresh process (what a user or a script runs), and
  `build_briefing` inside a running process (what the GUI's worker does).
The goal is a briefing in at most half of LibreOffice's time. Then the 10,000-project briefing
(benchmarks/generate.py): time, pages, size and peak memory.
Timings are medians of --runs runs. Nothing here is a unit test; it only prints figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timing import median_text, median_time  # noqa: E402
from db import open_database, session_factory  # noqa: E402
from exports.briefing import build_briefing  # noqa: E402
from exports.briefing_options import BriefingOptions  # noqa: E402
from services.sample import load_sample, sample_workbook_path  # noqa: E402
from services.tasks import TaskState  # noqa: E402

GOAL = 0.5


def official_workbook(db: Path, folder: Path) -> tuple[Path, str]:
    """The official-layout xlsx of the sample plan, as GreenLedger exports it when it can."""
    try:
        from exports.official_xlsx import export_official
    except ImportError:
        return Path(str(sample_workbook_path())), "resources/sample (typed official workbook)"
    engine = open_database(db)
    try:
        with session_factory(engine)() as session:
            from services.query import find_plan

            plan = find_plan(session, None)
            out = folder / "official.xlsx"
            export_official(TaskState(), session, plan.id, out)
    finally:
        engine.dispose()
    return out, "exports/official_xlsx (GreenLedger's official layout)"


def soffice_command(xlsx: Path, outdir: Path, profile: Path) -> list[str] | None:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        return None
    return [
        binary,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(xlsx),
    ]


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def stage_text(timings: dict[str, float]) -> str:
    """The briefing's own stage timings, without the per-story details."""
    return ", ".join(f"{k} {v:.2f}" for k, v in timings.items() if not k.startswith("story_"))


def make_sample(work: Path) -> tuple[Path, int]:
    db = work / "sample.sqlite"
    engine = open_database(db)
    with session_factory(engine)() as session:
        plan_id = load_sample(session).id
    engine.dispose()
    return db, plan_id


def bench_libreoffice(db: Path, work: Path, runs: int) -> float | None:
    """LibreOffice's median conversion time, or None when it is not installed."""
    xlsx, origin = official_workbook(db, work)
    lo_out = work / "lo"
    lo_out.mkdir()
    command = soffice_command(xlsx, lo_out, work / "lo-profile")
    if command is None:
        print("LibreOffice (soffice) not found: install libreoffice-calc for the comparison")
        return None
    subprocess.run(command, check=True, capture_output=True)  # warm-up: creates profile
    lo_median, lo_times = median_time(
        lambda: subprocess.run(command, check=True, capture_output=True), runs
    )
    lo_pdf = lo_out / (xlsx.stem + ".pdf")
    print(f"\nLibreOffice xlsx → PDF ({origin})")
    print(f"  {median_text(lo_median, lo_times)}, {pdf_pages(lo_pdf)} pages")
    return lo_median


def bench_cli(db: Path, work: Path, runs: int) -> float:
    """The CLI as a user runs it again (its font cache filled by an untimed first run), and as
    the first run after an install or a font update (an empty font cache every time)."""
    cli_pdf = work / "cli.pdf"
    cli = [sys.executable, str(ROOT / "main.py"), "brief", str(cli_pdf), "--db", str(db)]
    warm_env = {**os.environ, "GREENLEDGER_CACHE_DIR": str(work / "font-cache")}
    subprocess.run(cli, check=True, capture_output=True, cwd=ROOT, env=warm_env)
    cli_median, cli_times = median_time(
        lambda: subprocess.run(cli, check=True, capture_output=True, cwd=ROOT, env=warm_env), runs
    )
    print("\nGreenLedger `main.py brief` (new process: imports + fonts + data + PDF)")
    print(
        f"  {median_text(cli_median, cli_times)}, {pdf_pages(cli_pdf)} pages, "
        f"{cli_pdf.stat().st_size / 1024:.0f} KB"
    )

    def cold() -> None:
        cold_env = {**os.environ, "GREENLEDGER_CACHE_DIR": tempfile.mkdtemp(dir=work)}
        subprocess.run(cli, check=True, capture_output=True, cwd=ROOT, env=cold_env)

    cold_median, cold_times = median_time(cold, runs)
    print(f"  first run, empty font cache: {median_text(cold_median, cold_times)}")
    return cli_median


def bench_in_process(db: Path, plan_id: int, work: Path, runs: int) -> float:
    engine = open_database(db)
    factory = session_factory(engine)
    inproc_pdf = work / "inproc.pdf"

    def build() -> object:
        with factory() as session:
            return build_briefing(TaskState(), session, BriefingOptions(plan_id), inproc_pdf)

    first_started = time.perf_counter()
    build()  # registers the fonts and loads matplotlib once per process, as the GUI does
    first = time.perf_counter() - first_started
    warm_median, warm_times = median_time(build, runs)
    result = build()
    engine.dispose()
    print("GreenLedger build_briefing in a running process (the GUI worker)")
    print(f"  {first:6.2f} s first in the process")
    print(
        f"  {median_text(warm_median, warm_times)}, {result.pages} pages; stages: "
        + stage_text(result.timings)
    )
    return warm_median


def bench_other_formats(db: Path, plan_id: int, work: Path, runs: int) -> None:
    """The 公文 PDF and the Word copy of the same briefing, warm, in the same process."""
    engine = open_database(db)
    factory = session_factory(engine)
    for label, options, name in (
        ("公文 PDF", BriefingOptions(plan_id, style="gongwen", masthead=True), "gongwen.pdf"),
        ("Word copy", BriefingOptions(plan_id), "brief.docx"),
    ):

        def other(options=options, name=name) -> object:
            with factory() as session:
                return build_briefing(TaskState(), session, options, work / name)

        other()
        median, times = median_time(other, runs)
        print(f"  {label}: {median_text(median, times)}")
    engine.dispose()


def print_ratios(lo_median: float, cli_median: float, warm_median: float) -> None:
    print("\nRatio to LibreOffice (goal ≤ 0.5):")
    for label, value in (("CLI, new process", cli_median), ("in process", warm_median)):
        ratio = value / lo_median
        verdict = "meets the goal" if ratio <= GOAL else "MISSES the goal"
        print(f"  {label:18} {ratio:5.2f}×  {verdict}")


def bench_big(work: Path, projects: int) -> None:
    """The generated big plan's briefing: time, pages, size, peak memory; then 公文 and Word."""
    from benchmarks.generate import generate

    big_db = work / "big.sqlite"
    generate(big_db, projects)
    engine = open_database(big_db)
    big_pdf = work / "big.pdf"
    with session_factory(engine)() as session:
        from services.query import find_plan

        big_plan = find_plan(session, None)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        big = build_briefing(TaskState(), session, BriefingOptions(big_plan.id), big_pdf)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    engine.dispose()
    print(f"\n{big.projects:,}-project briefing")
    print(
        f"  {seconds:6.2f} s, {big.pages:,} pages, {big_pdf.stat().st_size / 1e6:.1f} MB, "
        f"{big.pages / seconds:.0f} pages/s, peak RSS {peak / 1024:.0f} MB "
        f"(before {before / 1024:.0f} MB); stages: " + stage_text(big.timings)
    )
    with session_factory(engine)() as session:
        for label, options, name in (
            ("公文 PDF", BriefingOptions(big_plan.id, style="gongwen"), "big-gongwen.pdf"),
            ("Word copy", BriefingOptions(big_plan.id), "big.docx"),
        ):
            started = time.perf_counter()
            other = build_briefing(TaskState(), session, options, work / name)
            seconds = time.perf_counter() - started
            size = (work / name).stat().st_size / 1e6
            pages = f", {other.pages:,} pages" if other.pages else ""
            print(f"  {label}: {seconds:6.2f} s{pages}, {size:.1f} MB")
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (median)")
    parser.add_argument("--projects", type=int, default=10_000, help="size of the big briefing")
    parser.add_argument("--skip-big", action="store_true", help="only the 56-project comparison")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="gl-bench-brief-"))
    try:
        db, plan_id = make_sample(work)
        print(
            f"GreenLedger briefing benchmark — {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
        )
        lo_median = bench_libreoffice(db, work, args.runs)
        cli_median = bench_cli(db, work, args.runs)
        warm_median = bench_in_process(db, plan_id, work, args.runs)
        bench_other_formats(db, plan_id, work, args.runs)
        if lo_median:
            print_ratios(lo_median, cli_median, warm_median)
        if not args.skip_big:
            bench_big(work, args.projects)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for pdf in work.glob("*.pdf"):
                shutil.copy2(pdf, args.keep / pdf.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
