"""Alembic migrations run on open; an existing file is copied to a timestamped backup first.

Alembic itself (and mako, which it pulls in) costs ~0.3 s to import, more than a whole
`summary` needs otherwise. A database that is already current is therefore recognized without
it: the head is read from the revision files' `revision` / `down_revision` lines and compared
with the alembic_version row. Alembic is imported only when there is something to upgrade.
"""

from __future__ import annotations

import re
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

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no alembic revision found in {MIGRATIONS_DIR / 'versions'}")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _table_names(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return {name for (name,) in rows}


@cache
def ledger_tables() -> frozenset[str]:
    """Every table a GreenLedger ledger may hold."""
    import models  # noqa: F401 - registers every table on Base.metadata
    from models.base import Base

    return frozenset(Base.metadata.tables) | {"alembic_version"}


def upgrade_to_head(engine: Engine, *, allow_foreign: bool = False) -> Path | None:
    """Migrate to the newest schema. Returns the backup taken when an existing file was migrated.

    Only GreenLedger ledgers are migrated: an SQLite file with tables of its own and no
    GreenLedger version is another program's database, refused unless `allow_foreign`.
    """
    current = current_revision(engine)
    if current == head_revision():
        return None
    backup = None
    db_file = engine.url.database or ""
    sqlite_file = engine.dialect.name == "sqlite" and db_file and db_file != ":memory:"
    if sqlite_file and _table_names(engine):
        foreign = _table_names(engine) - ledger_tables() if current is None else set()
        if foreign and not allow_foreign:
            from db.errors import DatabaseProblem

            shown = "、".join(sorted(foreign)[:8])
            raise DatabaseProblem(
                f"这不是 GreenLedger 台账，未作任何修改（含其他程序的表：{shown}）"
                f"(not a GreenLedger ledger; left untouched. Tables: {shown}): {db_file}"
            )
        from db.backups import take_backup

        backup = take_backup(Path(db_file), "migration")
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
