"""Alembic migrations run on open; an existing file is copied to a timestamped backup first.

Alembic itself (and mako, which it pulls in) costs ~0.3 s to import, more than a whole
`summary` needs otherwise. A database that is already current is therefore recognized without
it: the head is read from the revision files' `revision` / `down_revision` lines and compared
with the alembic_version row. Alembic is imported only when there is something to upgrade.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, inspect

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def head_revision() -> str:
    """The newest revision: the one no other revision names as its parent."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for key, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            (revisions if key == "revision" else parents).update(_QUOTED.findall(value))
    heads = revisions - parents
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory  # unusual files: let alembic say (and complain)

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


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
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
