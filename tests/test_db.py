"""Opening databases: pragmas, migrations on open, backups before migrating an existing file."""

from pathlib import Path

from alembic import command
from sqlalchemy import text

from db.engine import create_db_engine, database_url
from db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head


def test_new_database_is_migrated_with_pragmas(engine):
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_existing_file_is_backed_up_before_migrating(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_db_engine(path)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO plan (title, year_start, created_at, updated_at) VALUES ('旧方案', 2022, '2022-01-01', '2022-01-01')"
            )
        )
    if head_revision() == "0001":
        assert upgrade_to_head(engine) is None
        return
    backup = upgrade_to_head(engine)
    assert backup is not None and backup.exists() and backup.name.endswith("-migration.sqlite")
    assert current_revision(engine) == head_revision()
    # The backup is the old database as it was, data included.
    old = create_db_engine(backup)
    with old.connect() as connection:
        assert connection.execute(text("SELECT title FROM plan")).scalar() == "旧方案"
    assert current_revision(old) == "0001"


def test_db_option_accepts_paths_and_urls(tmp_path):
    assert database_url(tmp_path / "a.sqlite") == f"sqlite:///{tmp_path / 'a.sqlite'}"
    assert database_url("sqlite:///:memory:") == "sqlite:///:memory:"


def test_migrations_match_the_models(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import models
    from db.text_index import include_name

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        assert compare_metadata(context, models.Base.metadata) == []


# ---------------------------------------------------------------- bulk loads


def _integrity(session) -> str:
    return session.execute(text("PRAGMA integrity_check")).scalar()


def test_a_big_first_import_rebuilds_every_index(session, monkeypatch):
    """A load into an empty table builds its indexes afterwards: the same indexes, consistent."""
    from db import bulk
    from importers.plan_import import analyze, write_new_plan
    from services.sample import sample_workbook_path
    from services.tasks import TaskState

    connection = session.connection()
    before = {t: bulk.index_names(connection, t) for t in ("project", "project_owner")}
    session.rollback()
    monkeypatch.setattr(bulk, "MIN_ROWS", 10)  # the sample's 56 projects count as "big"
    assert bulk.worth_deferring(session.connection(), "project", 56)
    session.rollback()
    report = write_new_plan(TaskState(), session, analyze(TaskState(), sample_workbook_path()))
    connection = session.connection()
    assert {t: bulk.index_names(connection, t) for t in before} == before
    assert len(before["project"]) >= 9 and _integrity(session) == "ok"
    # Every rebuilt index has planner statistics, or sorts would walk the wrong one.
    analyzed = {
        name
        for (name,) in connection.exec_driver_sql(
            "SELECT idx FROM sqlite_stat1 WHERE tbl IN ('project', 'project_owner')"
        )
    }
    assert set(before["project"]) | set(before["project_owner"]) <= analyzed
    # The table now holds more than a second load of the same size: no deferral then.
    assert not bulk.worth_deferring(connection, "project", report.projects)


def test_a_failed_load_keeps_the_indexes(session):
    from db import bulk

    connection = session.connection()
    before = bulk.index_names(connection, "project")
    # Nothing written yet: the load opens its own transaction, so the DROPs roll back too.
    try:
        with bulk.indexes_deferred(connection, ("project",)):
            assert bulk.index_names(connection, "project") == []
            connection.exec_driver_sql("INSERT INTO project (id) VALUES (1)")  # NOT NULLs fail
    except Exception:
        session.rollback()
    assert bulk.index_names(session.connection(), "project") == before
    assert _integrity(session) == "ok"


def test_head_read_from_the_revision_files_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_opening_a_current_database_does_not_import_alembic(engine, db_path):
    """Start-up skips alembic's ~0.3 s import when the schema is current (fresh process)."""
    import subprocess
    import sys

    code = (
        "import sys; from db import open_database; "
        f"open_database({str(db_path)!r}).dispose(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "[]"
