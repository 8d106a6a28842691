"""Opening the SQLite store: engine, pragmas, migrations, backups. No Qt here.

The engine's names load SQLAlchemy on first use (PEP 562), so a module of this package that
needs no engine (db.errors, db.backups) costs `--help` and `--version` no SQLAlchemy import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.engine import default_db_path, open_database, session_factory

__all__ = ["default_db_path", "open_database", "session_factory"]


def __getattr__(name: str):
    if name in __all__:
        from db import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'db' has no attribute {name!r}")
