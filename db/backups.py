"""Backups of a ledger file a clerk can list and restore.

Copies are taken with SQLite's online backup API, so they are consistent while the app or
another command has the file open (a plain file copy could catch a write half-done, or miss
what is still in the WAL). Automatic copies go to the `<name>-backups` folder beside the
ledger: once a day when it is opened for writing, and before every import, merge, rollover and
migration; the oldest automatic copies beyond `keep` are deleted (manual ones never are).
Restoring keeps the file it replaces as a backup too. PostgreSQL databases are not files:
everything here is skipped for them. Headless: no Qt.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from db.errors import DatabaseProblem

log = logging.getLogger("greenledger.backups")


class BackupError(DatabaseProblem):
    """A backup could not be taken, listed or restored; the ledger is as it was."""


KEEP_ENV = "GREENLEDGER_BACKUP_KEEP"
DEFAULT_KEEP = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)-(?P<reason>[a-z]+)\.sqlite$")
AUTOMATIC = (
    "daily",
    "import",
    "merge",
    "rollover",
    "migration",
)  # pruned; manual and replaced are not

_keep = None  # set by the app from its setting; else the environment, else DEFAULT_KEEP


def set_keep(count: int) -> None:
    """How many automatic backups to keep per ledger (the app's setting)."""
    global _keep
    _keep = max(1, int(count))


def keep_count() -> int:
    if _keep is not None:
        return _keep
    try:
        return max(1, int(os.environ.get(KEEP_ENV, DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-backups")


@dataclass
class BackupInfo:
    path: Path
    taken: datetime
    reason: str
    size: int
    plans: list[tuple[str, int]] = field(default_factory=list)  # (title, projects)
    readable: bool = True

    @property
    def projects(self) -> int:
        return sum(count for _title, count in self.plans)


def sqlite_file(target) -> Path | None:
    """The file behind an engine, URL or path when it is an SQLite file, else None."""
    url = getattr(target, "url", None)
    if url is None and "://" in str(target):
        from sqlalchemy.engine import make_url

        url = make_url(str(target))
    if url is not None:
        database = url.database
        if url.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
            return None
        if database.startswith("file:"):  # sqlite:///file:/path?mode=ro&uri=true
            database = database.removeprefix("file:")
        return Path(database)
    return Path(str(target)).expanduser()


def copy_database(source: Path, dest: Path) -> None:
    """A consistent copy of `source` (WAL included) at `dest`, written via a temporary file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(partial)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    os.replace(partial, dest)


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def _new_backup_path(db_path: Path, reason: str) -> Path:
    folder = backup_folder(db_path)
    stamp = _stamp()
    path = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    n = 1
    while path.exists():  # two backups in one second (an import right after the daily one)
        n += 1
        path = folder / f"{db_path.stem}-{stamp}-{n}-{reason}.sqlite"
    return path


def has_plans(db_path: Path) -> bool:
    """Worth backing up: a ledger with at least one plan (a fresh file is not)."""
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return connection.execute("SELECT 1 FROM plan LIMIT 1").fetchone() is not None
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def take_backup(db_path: Path, reason: str = "manual", to: Path | None = None) -> Path:
    """Back `db_path` up now (to `to`, or into its backup folder); returns the copy's path."""
    if not db_path.exists():
        raise BackupError(f"数据库文件不存在 (no such database): {db_path}")
    dest = to or _new_backup_path(db_path, reason)
    try:
        copy_database(db_path, dest)
    except sqlite3.Error as exc:
        raise BackupError(f"无法备份 (backup failed): {db_path}: {exc}") from None
    if reason in AUTOMATIC and to is None:
        prune(db_path)
    return dest


def automatic_backup(target, reason: str) -> Path | None:
    """The backup before an import/merge/rollover/migration; None when there is nothing to keep
    (not an SQLite file, or no plan yet). A failed automatic backup never stops the work."""
    db_path = sqlite_file(target)
    if db_path is None or not db_path.exists() or not has_plans(db_path):
        return None
    try:
        return take_backup(db_path, reason)
    except (BackupError, OSError):
        log.warning("automatic backup (%s) of %s failed", reason, db_path, exc_info=True)
        return None


def daily_backup(target) -> Path | None:
    """Once a day: skipped when today's daily backup exists."""
    db_path = sqlite_file(target)
    if db_path is None:
        return None
    today = date.today().strftime("%Y%m%d")
    for info in list_backups(db_path, details=False):
        if info.reason == "daily" and info.taken.strftime("%Y%m%d") == today:
            return None
    return automatic_backup(db_path, "daily")


def prune(db_path: Path) -> list[Path]:
    """Delete the oldest automatic backups beyond keep_count(); returns what was deleted."""
    automatic = [b for b in list_backups(db_path, details=False) if b.reason in AUTOMATIC]
    doomed = automatic[keep_count() :]
    for info in doomed:
        info.path.unlink(missing_ok=True)
    return [b.path for b in doomed]


def list_backups(db_path: Path, *, details: bool = True) -> list[BackupInfo]:
    """The backups in the ledger's folder, newest first; `details` reads plans and counts."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite"):
        match = _NAME.match(path.name)
        if not match:
            continue
        stamp = match.group("stamp")
        taken = datetime.strptime(stamp[:15], "%Y%m%d-%H%M%S")
        info = BackupInfo(path, taken, match.group("reason"), path.stat().st_size)
        if details:
            info.plans, info.readable = _plans_in(path)
        found.append((taken, stamp, info))
    found.sort(key=lambda item: (item[0], len(item[1]), item[1]), reverse=True)
    return [info for _taken, _stamp, info in found]


def _plans_in(path: Path) -> tuple[list[tuple[str, int]], bool]:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute(
                "SELECT plan.title, (SELECT count(*) FROM project WHERE project.plan_id = plan.id)"
                " FROM plan ORDER BY plan.id"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return [], False
    return [(title, count) for title, count in rows], True


def check_ledger_file(path: Path) -> None:
    """Raise BackupError unless `path` is an intact GreenLedger ledger."""
    if not path.is_file():
        raise BackupError(f"备份文件不存在 (no such file): {path}")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = connection.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise BackupError(f"不是可用的数据库文件 (not a usable database): {path}: {exc}") from None
    if ok != "ok":
        raise BackupError(f"备份文件已损坏 (backup is damaged): {path}: {ok}")
    if not {"alembic_version", "plan", "project"} <= tables:
        raise BackupError(f"这不是 GreenLedger 台账 (not a GreenLedger ledger): {path}")


def restore(backup: Path, db_path: Path) -> Path | None:
    """Replace `db_path` with `backup`; the replaced file is kept as a backup (returned).

    The backup API writes the pages into the live file, so the WAL and any reader stay
    consistent; a damaged current file (which the API cannot read) is moved aside whole.
    """
    backup = backup.resolve()
    check_ledger_file(backup)
    kept = None
    if db_path.exists():
        kept = _new_backup_path(db_path, "replaced")
        try:
            copy_database(db_path, kept)
        except sqlite3.Error:
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(db_path, kept)
            for suffix in ("-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            db_path.unlink()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(db_path, timeout=10)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(f"无法恢复 (restore failed): {db_path}: {exc}") from None
    finally:
        source.close()
    return kept
