"""Alembic migrations run on open; an existing file is copied to a timestamped backup first."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.exec_driver_sql("SELECT 1 FROM sqlite_master LIMIT 1").first())


def backup_file(db_path: Path, revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = db_path.with_name(
        f"{db_path.stem}.backup-{stamp}-{revision or 'none'}{db_path.suffix}"
    )
    shutil.copy2(db_path, backup)
    return backup


def upgrade_to_head(engine: Engine) -> Path | None:
    """Migrate to the newest schema. Returns the backup path when an existing file was migrated."""
    current = current_revision(engine)
    if current == head_revision():
        return None
    backup = None
    db_file = engine.url.database
    if (
        engine.dialect.name == "sqlite"
        and db_file
        and db_file != ":memory:"
        and _has_tables(engine)
    ):
        with engine.connect() as connection:  # fold the WAL into the file before copying it
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        backup = backup_file(Path(db_file), current)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
