"""The CLI contract: sample, summary --json, errors without tracebacks.

The first test runs each command as a new process, as the office's scripts call them; the
others run the same entry point in this process (tests/cli_runner.py).
"""

import json

import pytest

from tests.cli_runner import run_cli as run
from tests.cli_runner import run_cli_process


@pytest.mark.backends
def test_sample_then_summary_json(backend, db_target):
    db = str(db_target)
    loaded = run_cli_process("sample", "--db", db, check=True)
    assert "56" in loaded.stdout
    summary = json.loads(run_cli_process("summary", "--db", db, "--json", check=True).stdout)
    assert summary["projects"] == 56
    assert summary["planned_investment_wan"] == "67619.88"
    assert summary["sections"][2] == {
        "name": "(三)深入打好碧水保卫战",
        "projects": 12,
        "planned_investment_wan": "40363.88",
    }
    by_name = json.loads(
        run_cli_process("summary", "--db", db, "--plan", "钟楼", "--json", check=True).stdout
    )
    assert by_name["projects"] == 56


def test_user_mistakes_exit_nonzero_without_traceback(tmp_path):
    db = str(tmp_path / "cli.sqlite")
    empty = run("summary", "--db", db, "--json")
    assert empty.returncode == 1
    assert "sample" in empty.stderr and "Traceback" not in empty.stderr
    run("sample", "--db", db, check=True)
    again = run("sample", "--db", db)  # idempotent: says so and succeeds
    assert again.returncode == 0 and "already loaded" in again.stdout
    missing = run("summary", "--db", db, "--plan", "没有这个方案")
    assert missing.returncode == 1 and "没有这个方案" in missing.stderr


def test_db_option_works_before_or_after_the_command(tmp_path):
    before, after = str(tmp_path / "before.sqlite"), str(tmp_path / "after.sqlite")
    run("--db", before, "sample", check=True)
    run("sample", "--db", after, check=True)
    for db in (before, after):
        summary = json.loads(run("summary", "--db", db, "--json", check=True).stdout)
        assert summary["projects"] == 56
    assert json.loads(run("--db", before, "summary", "--json", check=True).stdout)["projects"] == 56


def test_summary_tracking_fields_as_of_a_date(tmp_path):
    db = str(tmp_path / "cli.sqlite")
    run("sample", "--db", db, check=True)
    mid_year = json.loads(
        run("summary", "--db", db, "--json", "--as-of", "2023-06-30", check=True).stdout
    )
    after = json.loads(
        run("summary", "--db", db, "--json", "--as-of", "2024-01-15", check=True).stdout
    )
    assert mid_year["overdue"] == 0
    # In January 2024 every 2023 project is past its end year and not done; the two
    # multi-year projects (2022-2024, 2021-2025) are still within their periods.
    assert after["overdue"] == 54
    assert after["rectifications"] == {"total": 8, "closed": 0}
    assert (
        after["indicators"]["total"] == 14
    )  # ten numeric and four qualitative goals of the 2023 plan
    assert after["completed_investment_wan"] == "0.00"
