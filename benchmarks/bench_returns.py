"""Return round at scale: `python benchmarks/bench_returns.py [--units 30] [--per-unit 3000]`.

Builds a plan whose every project has one lead unit (30 units × 3,000 projects = 90,000),
makes the round (30 locked sheets, ZIP, notice), lets every unit fill every row of its sheet
(openpyxl, as a unit's Excel would — not timed as GreenLedger's work), then collects all 30
files (read + diff), applies them as one operation, and reads the round's state. Prints each
figure, the peak memory, and the collect time next to a bare calamine read of the same files.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import peak_rss_mb
from db import open_database, session_factory

UNIT_NAMES = [
    "区发改局", "区工信局", "区住建局", "区城管局", "区农业农村局", "区水利局", "区交通局",
    "区商务局", "区教育局", "区卫健委", "区市场监管局", "区应急局", "区文旅局", "区财政局",
    "钟楼生态环境局", "钟楼自然资源和规划分局", "北港街道", "新闸街道", "五星街道", "永红街道",
    "西林街道", "荷花池街道", "南大街街道", "邹区镇", "经开区", "区园林局", "区供电公司",
    "区水务集团", "区城投公司", "区国资办",
]  # fmt: skip


def build_plan(path: Path, units: int, per_unit: int) -> None:
    """The plan written with plain executemany on the migrated schema (seconds, not minutes)."""
    open_database(path).dispose()
    con = sqlite3.connect(path)
    now = datetime.now().isoformat(sep=" ")
    con.execute(
        "INSERT INTO plan (id, title, year_start, created_at, updated_at)"
        " VALUES (1, '基准填报方案', 2023, ?, ?)",
        (now, now),
    )
    con.executemany(
        "INSERT INTO section (id, plan_id, position, name) VALUES (?, 1, ?, ?)",
        [(i + 1, i, f"({i + 1})分类{i + 1}") for i in range(6)],
    )
    names = (UNIT_NAMES * (units // len(UNIT_NAMES) + 1))[:units]
    names = [n if i < len(UNIT_NAMES) else f"{n}{i}" for i, n in enumerate(names)]
    con.executemany(
        "INSERT INTO organization (id, name, kind) VALUES (?, ?, 'department')",
        [(i + 1, n) for i, n in enumerate(names)],
    )
    rng = random.Random(7)
    total = units * per_unit
    projects, owners = [], []
    for pid in range(1, total + 1):
        unit = (pid - 1) % units + 1
        section = (pid - 1) * 6 // total + 1
        cents = rng.randrange(1_000_000, 50_000_000)  # above any amount filled in
        projects.append(
            (pid, section, pid, str(pid), f"项目{pid}", f"建设内容{pid}，含多项子工程。",
             cents, 2023, 2024, names[unit - 1], now, now)
        )  # fmt: skip
        owners.append((pid, 0, unit, "lead", 1, cents, 1))
    con.executemany(
        "INSERT INTO project (id, plan_id, section_id, position, seq_label, name, content,"
        " planned_investment_wan, start_year, end_year, status, construction_kind, owners_text,"
        " created_at, updated_at) VALUES (?,1,?,?,?,?,?,?,?,?,'in_progress','new',?,?,?)",
        projects,
    )
    con.executemany(
        "INSERT INTO project_owner (project_id, position, organization_id, role, plan_id,"
        " planned_investment_wan, is_first_lead) VALUES (?,?,?,?,?,?,?)",
        owners,
    )
    con.commit()
    con.close()


def fill_like_a_unit(path: Path) -> Path:
    """Every row of the sheet answered: this quarter, cumulative, progress, problems, plans."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    ws = book["填报表"]
    cols = {c.value: c.column for c in ws[4] if c.value}
    for r in range(5, ws.max_row + 1):
        pid = ws.cell(r, 1).value
        if not isinstance(pid, int):
            continue
        amount = (pid % 500) + 10
        ws.cell(r, cols["本季完成投资(万元)"]).value = amount
        ws.cell(r, cols["累计完成投资(万元)"]).value = amount
        ws.cell(r, cols["形象进度(%)"]).value = pid % 100
        ws.cell(r, cols["存在问题"]).value = "征地拆迁进度慢" if pid % 3 else "无"
        ws.cell(r, cols["下步计划"]).value = "加快推进施工"
    out = path.with_name("回传_" + path.name)
    book.save(out)
    return out


def timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - started
    print(f"{label:<52} {elapsed:8.2f} s   peak RSS {peak_rss_mb():6.0f} MB", flush=True)
    return result, elapsed


def bare_write(folder: Path, units: int, per_unit: int) -> None:
    """The same cells (ids, texts, numbers) with xlsxwriter alone: no formats, no checks."""
    import xlsxwriter

    for unit in range(units):
        book = xlsxwriter.Workbook(str(folder / f"bare{unit}.xlsx"), {"in_memory": True})
        ws = book.add_worksheet()
        for r in range(per_unit):
            pid = unit + r * units + 1
            ws.write_number(r, 0, pid)
            for c, text in enumerate(
                ("1", "(1)分类1", f"项目{pid}", f"建设内容{pid}，含多项子工程。")
            ):
                ws.write_string(r, c + 1, text)
            ws.write_number(r, 5, 1234.56)
            for c, text in enumerate(("2023-2024", "区住建局", "牵头"), 6):
                ws.write_string(r, c, text)
            for c in range(9, 15):
                ws.write_blank(r, c, None)
        book.close()


def bare_read(paths: list[Path]) -> None:
    import python_calamine

    for path in paths:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()


def bench_make(session, round_, folder: Path, units: int, per_unit: int):
    """The round's sheets, ZIP and notice, next to a bare write of the same cells."""
    from exports.return_sheets import make_round

    made, make_s = timed(
        f"make: {units} locked sheets + ZIP + notice",
        lambda: make_round(session, round_, folder / "out"),
    )
    _, bare_make_s = timed(
        "baseline: bare xlsxwriter write of the same cells",
        lambda: bare_write(folder, units, per_unit),
    )
    size = sum(s.path.stat().st_size for s in made.sheets) / len(made.sheets) / 1024
    print(f"{'':<52} {size:8.0f} KB per sheet, ZIP {made.zip_path.stat().st_size / 1e6:.1f} MB")
    return made, make_s, bare_make_s


def bench_collect(session, made, total: int):
    """Units fill their sheets (untimed as ours), then the bare read and GreenLedger's collect."""
    from importers.return_sheets import collect

    filled, _ = timed(
        "units fill every row (openpyxl, not GreenLedger)",
        lambda: [fill_like_a_unit(s.path) for s in made.sheets],
    )
    _, bare_s = timed(
        "baseline: bare calamine read of the returned files", lambda: bare_read(filled)
    )
    diffs, collect_s = timed("collect: read + diff every return", lambda: collect(session, filled))
    cells = sum(len(d.changes) for d in diffs)
    assert all(d.usable for d in diffs) and cells == total * 4, (cells, [d.fatal for d in diffs])
    return diffs, cells, collect_s, bare_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--per-unit", type=int, default=3000)
    args = parser.parse_args()
    from importers.return_apply import apply_returns
    from services import returns

    folder = Path(tempfile.mkdtemp(prefix="bench-returns-"))
    db = folder / "bench.sqlite"
    total = args.units * args.per_unit
    print(f"{args.units} units × {args.per_unit:,} projects = {total:,} projects in {folder}")
    timed("build the plan (setup)", lambda: build_plan(db, args.units, args.per_unit))
    engine = open_database(db)
    session = session_factory(engine)()
    round_ = returns.open_round(session, 1, "2023年第一季度", deadline=date(2023, 4, 10))
    made, make_s, bare_make_s = bench_make(session, round_, folder, args.units, args.per_unit)
    diffs, cells, collect_s, bare_s = bench_collect(session, made, total)
    applied, apply_s = timed(
        f"apply: {cells:,} cells as one operation", lambda: apply_returns(session, diffs)
    )
    status, status_s = timed(
        "status: units × state", lambda: returns.round_status(session, round_, date(2023, 4, 20))
    )
    assert status.count(returns.RETURNED) == args.units and applied.rows_changed == total
    print()
    print(f"collect ÷ bare read          {collect_s / bare_s:6.2f}×")
    print(f"make ÷ bare xlsxwriter write {make_s / bare_make_s:6.2f}×")
    print(f"make per sheet               {make_s / args.units:6.2f} s")
    print(
        f"whole round (make+collect+apply+status) {make_s + collect_s + apply_s + status_s:.1f} s"
    )
    print(f"peak RSS                     {peak_rss_mb():6.0f} MB")
    session.close()
    engine.dispose()


if __name__ == "__main__":
    main()
