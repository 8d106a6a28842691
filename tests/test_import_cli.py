"""CLI contract: `import FILE [--db] [--plan] [--json]` and `export OUT.xlsx|OUT.csv [--plan]`."""

from __future__ import annotations

import hashlib
import json

import openpyxl
import pytest

from cli.main import main
from services.sample import sample_workbook_path
from tests.cli_runner import run_cli
from tests.import_helpers import HEADER, build_workbook


@pytest.mark.backends
def test_import_sample_then_summary_json(backend, db_target, capsys):
    db = str(db_target)
    assert main(["import", str(sample_workbook_path()), "--db", db, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["projects"], report["planned_investment_wan"], report["rectifications"]) == (
        56,
        "67619.88",
        8,
    )
    assert report["mode"] == "new_plan" and report["errors"] == []
    assert main(["summary", "--db", db, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["projects"] == 56 and summary["planned_investment_wan"] == "67619.88"
    assert len(summary["sections"]) == 6
    # The same file again merges into the plan of the same title: nothing new, nothing changed.
    assert main(["import", str(sample_workbook_path()), "--db", db]) == 0
    assert "新增 0, 修改 0, 未变 56" in capsys.readouterr().out


def test_import_errors_listed_on_stderr_exit_1_db_unchanged(tmp_path, capsys):
    db = tmp_path / "x.sqlite"
    assert main(["import", str(sample_workbook_path()), "--db", str(db)]) == 0
    capsys.readouterr()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = build_workbook(
        tmp_path / "bad.xlsx",
        {
            "S": [
                HEADER,
                [1, "T", "甲", "c", "很多", -1, "2023", "甲局"],
                [2, "T", "乙", "c", 1, 1, "2030-2020", "甲局"],
            ]
        },
    )
    assert main(["import", str(bad), "--db", str(db), "--plan", "新方案"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip().startswith("error:")]
    assert len(lines) == 3
    assert "S 第2行 E列(项目数量) “很多”" in lines[0]
    assert "S 第2行 F列" in lines[1] and "“-1”" in lines[1]
    assert "S 第3行 G列(建设期限) “2030-2020”" in lines[2]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert main(["import", str(bad), "--db", str(db), "--json"]) == 1
    out = capsys.readouterr().out
    errors = json.loads(out)["errors"]
    assert [(e["sheet"], e["row"], e["column"]) for e in errors] == [
        ("S", 2, "E"),
        ("S", 2, "F"),
        ("S", 3, "G"),
    ]


def test_a_refused_file_leaves_no_new_ledger_behind(tmp_path, capsys):
    """The ledger is opened (created, migrated) while the reader reads the file; when the
    file is refused, the new ledger goes again: there was none before the command."""
    db = tmp_path / "new.sqlite"
    bad = build_workbook(tmp_path / "bad.xlsx", {"S": [HEADER, [1, "T", "甲", "c", "很多", 1]]})
    assert main(["import", str(bad), "--db", str(db)]) == 1
    assert "S 第2行 E列(项目数量) “很多”" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx"]
    assert main(["import", str(sample_workbook_path()), "--db", str(db)]) == 0
    assert "56 个项目" in capsys.readouterr().out


def test_import_missing_file(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.xlsx"), "--db", str(tmp_path / "x.sqlite")]) == 1
    assert "文件不存在" in capsys.readouterr().err


def test_export_official_and_csv(tmp_path):
    db = tmp_path / "x.sqlite"
    run_cli("sample", "--db", db, check=True)
    out = tmp_path / "plan.xlsx"
    run_cli("export", out, "--db", db, "--plan", "钟楼", check=True)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet["A1"].value == "附件1" and sheet.print_title_rows == "$5:$5"
    csv_out = tmp_path / "plan.csv"
    run_cli("export", csv_out, "--db", db, "--encoding", "gb18030", check=True)
    assert "工程项目名称" in csv_out.read_bytes().decode("gb18030")
    done = run_cli("export", tmp_path / "x.pdf", "--db", db)
    assert done.returncode == 1 and ".xlsx" in done.stderr
