"""`kill -9` during an import, a merge and a paste: the ledger passes PRAGMA integrity_check and
holds the state from before or after the write, never one in between. And two processes
editing one ledger at once: every edit lands, none twice."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import hostile_files as hostile

ROOT = Path(__file__).resolve().parent.parent
ROWS = 8_000

_PRELUDE = """
import sys
from pathlib import Path
from db import open_database, session_factory
from importers.plan_import import analyze, apply_diff, diff_plan, write_new_plan
from services.tasks import TaskState
engine = open_database(sys.argv[1])
session = session_factory(engine)()
"""

_WORK = {
    "import": """
preview = analyze(TaskState(), sys.argv[2])
print("writing", flush=True)
write_new_plan(TaskState(), session, preview, "大表")
""",
    "merge": """
from models import Plan
preview = analyze(TaskState(), sys.argv[2])
plan = session.query(Plan).filter_by(title="大表").one()
diff = diff_plan(session, preview, plan.id)
print("writing", flush=True)
apply_diff(session, diff)
""",
    "paste": """
from services.ledger import set_fields
ids = [i for (i,) in session.execute(__import__("sqlalchemy").text("SELECT id FROM project"))]
changes = {i: {"remarks": "粘贴"} for i in ids}
print("writing", flush=True)
set_fields(session, changes)
""",
}


@pytest.fixture(scope="module")
def big_files(tmp_path_factory, _template_databases):
    folder = tmp_path_factory.mktemp("kill")
    rows = hostile.ledger_rows(ROWS)
    first = hostile.write_xlsx(folder / "big.xlsx", rows)
    for row in rows[3:]:
        # Every project's quantity changed, its name and content (the match key) kept: a
        # merge updates all. (A changed content would make them all new projects.)
        row[3] = 2
    changed = hostile.write_xlsx(folder / "changed.xlsx", rows)
    loaded = folder / "loaded.sqlite"
    shutil.copy(_template_databases["empty"], loaded)
    run = subprocess.run(
        [sys.executable, "-c", _PRELUDE + _WORK["import"], str(loaded), str(first)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    return {
        "big": first,
        "changed": changed,
        "loaded": loaded,
        "empty": _template_databases["empty"],
    }


def _state(db: Path) -> tuple[str, int, int, int]:
    with sqlite3.connect(db) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        projects = connection.execute("SELECT count(*) FROM project").fetchone()[0]
        merged = "SELECT count(*) FROM project WHERE quantity = 2"
        changed = connection.execute(merged).fetchone()[0]
        pasted = connection.execute(
            "SELECT count(*) FROM project WHERE remarks = '粘贴'"
        ).fetchone()[0]
    return check, projects, changed, pasted


@pytest.mark.parametrize("work", ["import", "merge", "paste"])
@pytest.mark.parametrize("delay", [0.05, 0.3])
def test_kill_9_leaves_before_or_after(tmp_path, big_files, work, delay):
    db = tmp_path / "ledger.sqlite"
    shutil.copy(big_files["empty" if work == "import" else "loaded"], db)
    source = big_files["changed" if work == "merge" else "big"]
    child = subprocess.Popen(
        [sys.executable, "-c", _PRELUDE + _WORK[work], str(db), str(source)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout.readline().strip() == "writing"
    time.sleep(delay * random.uniform(0.5, 1.5))
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    check, projects, changed, pasted = _state(db)
    assert check == "ok"
    if work == "import":
        assert projects in (0, ROWS)
    elif work == "merge":
        assert projects == ROWS and changed in (0, ROWS)
    else:
        assert projects == ROWS and pasted in (0, ROWS)


_EDITOR = """
import sys
from db import open_database, session_factory
from db.locking import retry_when_locked
from services.ledger import set_fields
engine = open_database(sys.argv[1])
factory = session_factory(engine)
tag, ids = sys.argv[2], [int(i) for i in sys.argv[3].split(",")]
for i in ids:
    def edit():
        with factory() as session:
            set_fields(session, {i: {"remarks": f"{tag}-{i}"}})
    retry_when_locked(edit, wait_seconds=60)
print("done", flush=True)
"""


def test_two_processes_editing_at_once_every_edit_lands_once(tmp_path, _template_databases):
    db = tmp_path / "ledger.sqlite"
    shutil.copy(_template_databases["sample"], db)
    with sqlite3.connect(db) as connection:
        ids = [i for (i,) in connection.execute("SELECT id FROM project ORDER BY id")]
    halves = {"a": ids[0::2], "b": ids[1::2]}
    editors = [
        subprocess.Popen(
            [sys.executable, "-c", _EDITOR, str(db), tag, ",".join(map(str, part))],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag, part in halves.items()
    ]
    for editor in editors:
        out, err = editor.communicate(timeout=300)
        assert editor.returncode == 0 and "done" in out, err
    with sqlite3.connect(db) as connection:
        remarks = dict(connection.execute("SELECT id, remarks FROM project"))
        audit = connection.execute(
            "SELECT entity_id, count(*) FROM audit_entry WHERE field = 'remarks' GROUP BY entity_id"
        ).fetchall()
    for tag, part in halves.items():
        assert all(remarks[i] == f"{tag}-{i}" for i in part)
    assert sorted(entity for entity, _n in audit) == ids and all(n == 1 for _e, n in audit)
