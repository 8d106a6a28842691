"""Backups as the app's views use them (the work is db.backups: SQLite's online backup API).

Views reach the database only through services; this module is that door for the 恢复
dialog and the start-up restore offer. No Qt here.
"""

from __future__ import annotations

from pathlib import Path

from db.backups import (
    BackupError,
    BackupInfo,
    backup_folder,
    daily_backup,
    list_backups,
    restore,
    set_keep,
    sqlite_file,
    take_backup,
)
from db.engine import database_url
from db.errors import DatabaseProblem

__all__ = [
    "BackupError",
    "BackupInfo",
    "DatabaseProblem",
    "backup_folder",
    "daily_backup",
    "ledger_file",
    "list_backups",
    "restore",
    "set_keep",
    "take_backup",
]


def ledger_file(target) -> Path | None:
    """The SQLite file behind an engine, a `--db` value or None (the default ledger);
    None for a server database."""
    if target is None or isinstance(target, str | Path):
        return sqlite_file(database_url(target))
    return sqlite_file(target)
