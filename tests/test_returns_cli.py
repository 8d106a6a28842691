"""`returns make | collect | status` as the office's scripts call them.

The round trip runs main.py's entry point in this process; the bad-input test runs each
command as a new process, where an exit status and a traceback on stderr really show.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.cli_runner import run_cli, run_cli_process
from tests.returns_helpers import ids_in, type_values


def ok(*args):
    return run_cli(*args, check=True)


def test_round_trip_from_the_command_line(tmp_path):
    db, out = tmp_path / "cli.sqlite", tmp_path / "out"
    ok("sample", "--db", db)
    made = json.loads(
        ok(
            "returns", "make", out, "--db", db, "--round", "2023年第一季度",
            "--deadline", "2023-04-10", "--units", "区住建局", "区发改局", "--json",
        ).stdout
    )  # fmt: skip
    assert [u["unit"] for u in made["units"]] == ["区住建局", "区发改局"]
    assert Path(made["zip"]).exists() and "2023年4月10日" in Path(made["notice"]).read_text("utf-8")
    sheet = Path(made["units"][0]["file"])
    pid = ids_in(openpyxl.load_workbook(sheet)["填报表"])[0]
    type_values(sheet, {pid: {"累计完成投资(万元)": 88, "存在问题": "拆迁"}})

    preview = json.loads(ok("returns", "collect", sheet, "--db", db, "--json").stdout)
    assert preview["applied"] is False
    [unit] = preview["files"]
    assert {c["new"] for c in unit["changes"]} == {"88.00", "拆迁"}
    status = json.loads(ok("returns", "status", "--db", db, "--json").stdout)
    assert status["counts"]["已回"] == 0  # collect without --apply wrote nothing

    ok("returns", "collect", out, "--db", db, "--apply")  # the folder: both units
    status = json.loads(
        ok("returns", "status", "--db", db, "--as-of", "2023-04-20", "--json").stdout
    )
    by_unit = {u["unit"]: u for u in status["units"]}
    assert by_unit["区住建局"]["state"] == "已回" and by_unit["区住建局"]["rows_changed"] == 1
    assert by_unit["区住建局"]["returned"][0]["file"] == sheet.name
    assert by_unit["钟楼生态环境局"]["state"] == "未发"
    summary = json.loads(ok("summary", "--db", db, "--json").stdout)
    assert summary["projects"] == 56

    again = run_cli("returns", "collect", sheet, "--db", db, "--apply")
    assert again.returncode == 1 and "重复报送" in again.stderr and "Traceback" not in again.stderr

    chase = tmp_path / "催报.xlsx"
    text = ok("returns", "status", "--db", db, "--as-of", "2023-04-20", "--chase", chase).stdout
    assert "区住建局" in text and chase.exists()


def test_bad_input_is_one_clear_line(tmp_path):
    db = tmp_path / "cli.sqlite"
    run_cli("sample", "--db", db, check=True)
    none = run_cli_process("returns", "status", "--db", db)
    assert none.returncode == 1 and "returns make" in none.stderr
    bad = run_cli_process("returns", "make", tmp_path / "o", "--db", db, "--round", "春季填报")
    assert bad.returncode == 1 and "--period" in bad.stderr and "Traceback" not in bad.stderr
    csv = tmp_path / "back.csv"
    csv.write_text("项目编号,存在问题\n1,x\n", encoding="utf-8")
    refused = run_cli_process("returns", "collect", csv, "--db", db)
    assert refused.returncode == 1 and "CSV" in refused.stderr
