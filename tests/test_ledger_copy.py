"""`copy --from --to`: a whole ledger to the office server and back, to the row and the cent."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from cli.main import main
from db import open_database, session_factory
from models import AuditEntry, Plan, ProgressReport, Project
from services import progress
from services.sample import load_sample
from tests import pg_databases


def _ledger(path):
    """The sample plan with a progress report and its audit line, in an SQLite file."""
    engine = open_database(path)
    with session_factory(engine)() as session:
        plan = load_sample(session)
        pid = session.scalars(select(Project.id).where(Project.plan_id == plan.id)).first()
        progress.set_reports(
            session, "2023Q2", {pid: {"progress_pct": "40", "completed_investment_wan": "12.34"}}
        )
    engine.dispose()


def _figures(target) -> dict:
    engine = open_database(target)
    try:
        with session_factory(engine)() as s:
            return {
                "projects": s.scalar(select(func.count()).select_from(Project)),
                "cents": s.scalar(select(func.sum(Project.planned_investment_wan))),
                "reports": s.scalar(select(func.count()).select_from(ProgressReport)),
                "completed": s.scalar(select(func.sum(ProgressReport.completed_investment_wan))),
                "audit": s.scalar(select(func.count()).select_from(AuditEntry)),
                "plans": list(s.scalars(select(Plan.title))),
            }
    finally:
        engine.dispose()


@pytest.fixture
def server_url(request):
    with pg_databases.fresh_database(request.node.name, "empty") as url:
        yield url


def test_copy_to_the_server_and_back_keeps_every_row_and_cent(tmp_path, server_url, capsys):
    source = tmp_path / "clerk.sqlite"
    _ledger(source)
    before = _figures(source)
    assert before["reports"] == 1 and before["audit"] > 0

    assert main(["copy", "--from", str(source), "--to", server_url]) == 0
    said = capsys.readouterr().out
    assert "56 个项目" in said and "核对" in said
    assert _figures(server_url) == before

    # Ids continue after the copied ones: a new plan on the server gets a free id.
    engine = open_database(server_url)
    with session_factory(engine)() as s:
        s.add(Plan(title="新方案", year_start=2024))
        s.commit()
    engine.dispose()

    back = tmp_path / "back.sqlite"
    assert main(["copy", "--from", server_url, "--to", str(back)]) == 0
    again = _figures(back)
    assert again["plans"] == [*before["plans"], "新方案"]
    assert {k: v for k, v in again.items() if k != "plans"} == {
        k: v for k, v in before.items() if k != "plans"
    }
    engine = open_database(back)
    with engine.connect() as c:  # the copied file's own indexes and triggers are intact
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        hits = c.execute(text("SELECT count(*) FROM project WHERE name LIKE '%VOCs%'")).scalar()
        assert hits > 0
    engine.dispose()


def test_copy_into_a_ledger_that_holds_rows_is_refused(tmp_path, server_url, capsys):
    source = tmp_path / "clerk.sqlite"
    _ledger(source)
    assert main(["copy", "--from", str(source), "--to", server_url]) == 0
    capsys.readouterr()
    assert main(["copy", "--from", str(source), "--to", server_url]) == 1
    assert "the target is not empty" in capsys.readouterr().err
    assert _figures(server_url)["projects"] == 56  # nothing doubled
