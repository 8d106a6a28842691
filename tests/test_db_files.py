"""Damaged, foreign, read-only and locked database files: one clear message each, the user's
file untouched; backups taken with the online API, listed and restored."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from db.backups import list_backups, restore, take_backup
from services.sample import sample_workbook_path

ROOT = Path(__file__).resolve().parent.parent


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ledger(tmp_path, _template_databases) -> Path:
    path = tmp_path / "ledger.sqlite"
    shutil.copy(_template_databases["sample"], path)
    return path


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_foreign_sqlite_file_is_refused_byte_identical(tmp_path, capsys):
    other = tmp_path / "crm.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    before = _digest(other)
    for command in (["summary"], ["sample"], ["import", sample_workbook_path()]):
        code, _out, err = _run(capsys, *command, "--db", other)
        assert code == 1 and "不是 GreenLedger 台账" in err and "customers" in err
        assert str(other) in err and "Traceback" not in err
    assert _digest(other) == before
    code, out, _err = _run(capsys, "--allow-foreign-db", "sample", "--db", other)
    assert code == 0 and "sample loaded" in out


def test_not_a_database_is_a_message(tmp_path, capsys):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is a text file, not a ledger\n" * 200)
    before = _digest(junk)
    code, _out, err = _run(capsys, "summary", "--db", junk)
    assert code == 1 and "不是数据库文件" in err and str(junk) in err
    assert _digest(junk) == before


def test_damaged_ledger_names_its_newest_backup(ledger, capsys):
    made = take_backup(ledger, "daily")
    data = bytearray(ledger.read_bytes())
    page = 4096
    data[page : page * 6] = b"\xa5" * (page * 5)  # the first table pages after the header
    ledger.write_bytes(bytes(data))
    code, _out, err = _run(capsys, "summary", "--db", ledger)
    assert code == 1 and "Traceback" not in err
    assert "损坏" in err or "不是数据库文件" in err
    assert str(made) in err and "restore" in err


def test_read_only_ledger_refuses_writes_with_a_message(ledger, capsys):
    url = f"sqlite:///file:{ledger}?mode=ro&uri=true"
    before = _digest(ledger)
    code, out, _err = _run(capsys, "summary", "--db", url)
    assert code == 0 and "56 个项目" in out
    code, _out, err = _run(
        capsys, "import", sample_workbook_path(), "--new-plan", "副本", "--db", url
    )
    assert code == 1 and "只读" in err and str(ledger) in err
    assert _digest(ledger) == before


def test_unopenable_path_is_a_message(tmp_path, capsys):
    (tmp_path / "blocker").write_text("a file where a folder should be")
    code, _out, err = _run(capsys, "sample", "--db", tmp_path / "blocker" / "x.sqlite")
    assert code == 1 and "Traceback" not in err and "blocker" in err


def test_read_only_commands_never_create_a_database(tmp_path, capsys):
    target = tmp_path / "nodir" / "x.db"
    for command in (
        ["summary"],
        ["export", tmp_path / "o.xlsx"],
        ["chart", "sections", tmp_path / "c.png"],
    ):
        code, _out, err = _run(capsys, *command, "--db", target)
        assert code == 1 and "数据库文件不存在" in err and str(target) in err
    assert not (tmp_path / "nodir").exists()


def _hold_write_lock(path: Path, seconds: float) -> subprocess.Popen:
    script = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        f"time.sleep({seconds})\n"
        "c.execute('ROLLBACK')\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_second_writer_waits_visibly_then_imports(ledger):
    holder = _hold_write_lock(ledger, 120)
    importer = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "import",
            str(sample_workbook_path()),
            "--db",
            str(ledger),
            "--new-plan",
            "等待后导入",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        first = importer.stderr.readline()  # blocks until the importer says it waits
        assert "waiting for another writer" in first
    finally:
        holder.kill()
        holder.wait()
    out, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    assert "已导入 等待后导入" in out
    with sqlite3.connect(ledger) as connection:
        titles = [t for (t,) in connection.execute("SELECT title FROM plan")]
    assert titles.count("等待后导入") == 1


def test_writer_gives_up_with_a_clear_message(ledger):
    from db.errors import DatabaseProblem
    from db.locking import retry_when_locked

    attempts = []

    def locked():
        attempts.append(1)
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(DatabaseProblem) as caught:
        retry_when_locked(locked, wait_seconds=1.0, pause=0.2, where=str(ledger), on_wait=print)
    assert "nothing written" in str(caught.value) and str(ledger) in str(caught.value)
    assert len(attempts) >= 3


def test_two_imports_of_one_file_at_once_are_an_import_and_a_merge(tmp_path, _template_databases):
    db = tmp_path / "two.sqlite"
    shutil.copy(_template_databases["empty"], db)
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        "import",
        str(sample_workbook_path()),
        "--db",
        str(db),
        "--json",
    ]
    runs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )
        for _ in range(2)
    ]
    results = [(run.wait(120), *run.communicate()) for run in runs]
    assert [code for code, _o, _e in results] == [0, 0], [e for _c, _o, e in results]
    import json

    modes = sorted(json.loads(out)["mode"] for _c, out, _e in results)
    assert modes == ["merge", "new_plan"]
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM plan").fetchone()[0] == 1
        assert connection.execute("SELECT count(*) FROM project").fetchone()[0] == 56


def test_backup_list_and_restore_keep_the_replaced_file(ledger, capsys):
    code, out, _err = _run(capsys, "backup", "--db", ledger)
    assert code == 0 and "backed up" in out
    code, out, _err = _run(
        capsys, "import", sample_workbook_path(), "--new-plan", "第二个", "--db", ledger
    )
    assert code == 0
    backups = list_backups(ledger)
    reasons = [b.reason for b in backups]
    assert "import" in reasons and "manual" in reasons
    manual = next(b for b in backups if b.reason == "manual")
    assert manual.plans == [("2023年钟楼区生态文明建设工作方案", 56)]
    code, out, _err = _run(capsys, "backup", "list", "--db", ledger)
    assert str(manual.path) in out and "56 个项目" in out
    code, out, _err = _run(capsys, "restore", manual.path, "--db", ledger)
    assert code == 0 and "replaced file is kept" in out
    with sqlite3.connect(ledger) as connection:
        assert [t for (t,) in connection.execute("SELECT title FROM plan")] == [
            "2023年钟楼区生态文明建设工作方案"
        ]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    replaced = next(b for b in list_backups(ledger) if b.reason == "replaced")
    assert ("第二个", 56) in replaced.plans


def test_backup_to_a_file_and_restore_refuses_what_is_not_a_ledger(ledger, tmp_path, capsys):
    out_file = tmp_path / "copy.sqlite"
    assert _run(capsys, "backup", "--db", ledger, "--to", out_file)[0] == 0
    assert sqlite3.connect(out_file).execute("SELECT count(*) FROM project").fetchone()[0] == 56
    junk = tmp_path / "junk.sqlite"
    with sqlite3.connect(junk) as connection:
        connection.execute("CREATE TABLE t (x)")
    before = _digest(ledger)
    code, _out, err = _run(capsys, "restore", junk, "--db", ledger)
    assert code == 1 and "不是 GreenLedger 台账" in err
    assert _digest(ledger) == before


def test_automatic_backups_rotate_to_the_keep_count(ledger, monkeypatch):
    from db import backups

    monkeypatch.setattr(backups, "_keep", 3)
    for _ in range(5):
        take_backup(ledger, "import")
    take_backup(ledger, "manual")
    found = list_backups(ledger, details=False)
    assert [b.reason for b in found].count("import") == 3
    assert [b.reason for b in found].count("manual") == 1


def test_restore_over_a_damaged_file_moves_it_aside(ledger, tmp_path):
    good = take_backup(ledger, "manual", tmp_path / "good.sqlite")
    ledger.write_bytes(b"garbage" * 1000)
    kept = restore(good, ledger)
    assert kept is not None and kept.read_bytes() == b"garbage" * 1000
    assert sqlite3.connect(ledger).execute("SELECT count(*) FROM project").fetchone()[0] == 56
