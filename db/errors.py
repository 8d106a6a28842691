"""What went wrong with a database file, in words a clerk can act on (and the file's path).

SQLAlchemy's errors carry the SQL and its parameters; a user needs to know that the file is
locked by another writer, damaged, not a ledger, read-only or not there. Headless: no Qt.
"""

from __future__ import annotations

import sqlite3
import sys

# (words in SQLite's message, what to tell the user)
_SQLITE_PROBLEMS = (
    (
        "database is locked",
        "数据库正被另一个程序写入，等待后仍未释放 (database is locked by another writer)",
    ),
    ("database table is locked", "数据库正被另一个程序写入 (database is locked by another writer)"),
    ("disk image is malformed", "数据库文件已损坏 (database file is damaged)"),
    ("file is not a database", "这不是数据库文件，或文件已损坏 (not a database file)"),
    ("file is encrypted", "这不是数据库文件，或文件已损坏 (not a database file)"),
    (
        "unable to open database file",
        "无法打开数据库文件：目录不存在或没有权限 (unable to open database file)",
    ),
    ("readonly database", "数据库文件是只读的，无法写入 (database file is read-only)"),
    ("disk i/o error", "读写数据库文件时出错 (disk I/O error)"),
    ("database or disk is full", "磁盘已满 (disk full)"),
)
DAMAGED = ("disk image is malformed", "file is not a database", "file is encrypted")


class DatabaseProblem(Exception):
    """The database file cannot be used as it is; `damaged` when a backup may help.

    (Below services: the CLI and the app catch it beside services' LedgerError.)"""

    def __init__(self, message: str, *, damaged: bool = False, locked: bool = False) -> None:
        super().__init__(message)
        self.damaged = damaged
        self.locked = locked


def is_locked(exc: BaseException) -> bool:
    return "database is locked" in _sqlite_text(exc) or "database table is locked" in _sqlite_text(
        exc
    )


def _sqlite_text(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).lower()


def _database_error(exc: BaseException) -> bool:
    """An error of the database driver, bare or wrapped by SQLAlchemy. SQLAlchemy is not
    imported for the question: if it is not loaded, it raised nothing (and `--help` stays fast)."""
    if isinstance(exc, sqlite3.Error):
        return True
    sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")
    return sqlalchemy_errors is not None and isinstance(exc, sqlalchemy_errors.DBAPIError)


def describe(exc: BaseException, where: str) -> DatabaseProblem | None:
    """A DatabaseProblem for a known SQLite failure of the file `where`, else None."""
    if not _database_error(exc):
        return None
    server = _server_problem(exc)
    if server is not None:
        return server
    text = _sqlite_text(exc)
    for words, message in _SQLITE_PROBLEMS:
        if words in text:
            return DatabaseProblem(
                f"{message}: {where}",
                damaged=words in DAMAGED,
                locked=words.startswith("database") and "locked" in words,
            )
    return None


# PostgreSQL failures a user can act on, by SQLSTATE class or code (the office server).
_SERVER_PROBLEMS = {
    "42501": "你的账号无权做此修改，未写入 (permission denied: your role may not change this)",
    "28P01": "用户名或密码不对 (wrong login or password)",
    "28000": "服务器拒绝了这个账号 (the server refused this login)",
    "55P03": "记录正被其他用户修改，请稍后再试 (rows are being changed by someone else; try again)",
    "08": "连接不到数据库服务器 (cannot reach the database server)",
}


def _server_problem(exc: BaseException) -> DatabaseProblem | None:
    orig = getattr(exc, "orig", exc)
    state = getattr(orig, "sqlstate", None)
    if state is None:
        text = str(orig)
        if "password authentication failed" in text:  # libpq reports it without a SQLSTATE
            return DatabaseProblem(f"{_SERVER_PROBLEMS['28P01']}: {text.strip()[:200]}")
        if type(orig).__module__.startswith("psycopg") and "connection" in text.lower():
            return DatabaseProblem(f"{_SERVER_PROBLEMS['08']}: {str(orig).strip()[:200]}")
        return None
    message = _SERVER_PROBLEMS.get(state) or _SERVER_PROBLEMS.get(state[:2])
    if message is None:
        return None
    detail = str(orig).strip().splitlines()[0][:200] if str(orig).strip() else state
    return DatabaseProblem(f"{message}: {detail}")
