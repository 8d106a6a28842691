"""Engine creation for a path or URL, with the settings GreenLedger relies on.

SQLite (the embedded default) runs in WAL mode (readers never block the writer), with foreign
keys enforced and a busy timeout so a second window or the CLI waits instead of failing.
PostgreSQL (`postgresql://user:pw@host:port/db`, the office server) is reached through
psycopg 3. Migrations run on open.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "GreenLedger"


def default_db_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "greenledger.sqlite"


def is_server_url(target: str | Path | None) -> bool:
    """A PostgreSQL URL (the office server) rather than a file path."""
    return str(target or "").startswith(("postgresql:", "postgres:", "postgresql+"))


def database_url(target: str | Path | None) -> str:
    """`--db` accepts a file path or a full URL; postgresql:// goes through psycopg 3."""
    if target is None:
        target = default_db_path()
    text = str(target)
    if is_server_url(text):
        scheme, rest = text.split("://", 1)
        return f"postgresql+psycopg://{rest}" if "+" not in scheme else text
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB page cache: 1M-row sorts stay in memory
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


# This process's name on the server: change notices it sent itself are told apart by it
# (services.live), and the server's activity view shows GreenLedger clients as such.
APPLICATION_NAME = f"GreenLedger {uuid.uuid4().hex[:12]}"
CONNECT_TIMEOUT = 8  # seconds


def _set_postgresql_session(dbapi_connection, _record) -> None:
    # A lock held by another clerk's unfinished write makes ours wait this long, then fail
    # with a clear error instead of hanging the window (SQLite's busy_timeout, likewise 5 s).
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '5s'")
        cursor.execute(f"SET application_name = '{APPLICATION_NAME}'")
    dbapi_connection.commit()


def create_db_engine(target: str | Path | None, *, pool_size: int = 5) -> Engine:
    url = database_url(target)
    if url.startswith("postgresql"):
        # pre_ping: a server restarted overnight costs a reconnect, not an error dialog.
        # connect_timeout: an unreachable server (cable out, VPN down) fails a retry in
        # seconds instead of blocking the window for the system's TCP timeout.
        connect_args = {} if "connect_timeout=" in url else {"connect_timeout": CONNECT_TIMEOUT}
        engine = create_engine(
            url, pool_pre_ping=True, pool_size=pool_size, connect_args=connect_args
        )
        event.listen(engine, "connect", _set_postgresql_session)
        return engine
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def open_database(
    target: str | Path | None = None,
    *,
    migrate: bool = True,
    create: bool = True,
    allow_foreign: bool = False,
) -> Engine:
    """Open and migrate the database; returns the engine.

    `create=False` (read-only commands) refuses a file that does not exist instead of creating
    it and its folders at a mistyped path. A file holding another program's tables is refused
    unless `allow_foreign`. Known SQLite failures (damaged, locked, not a database, read-only)
    become a DatabaseProblem naming the file and, when damaged, its newest backup.
    """
    from db.backups import sqlite_file
    from db.errors import DatabaseProblem

    path = sqlite_file(database_url(target))
    if path is not None:
        if not path.exists() and not create:
            raise DatabaseProblem(
                f"数据库文件不存在 (no such database): {path.absolute()}；"
                "可用 `sample` 或 `import FILE` 新建 (create one with `sample` or `import FILE`)"
            )
        if path.is_dir():
            raise DatabaseProblem(f"这是一个文件夹，不是数据库文件 (is a directory): {path}")
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            _check_file_untouched(path, allow_foreign)
    engine = create_db_engine(target)
    try:
        if migrate:
            from db.migrate import upgrade_to_head

            upgrade_to_head(engine, allow_foreign=allow_foreign)
        from db import text_index

        text_index.detect(engine)
    except Exception as exc:
        engine.dispose()
        problem = database_problem(exc, path)
        if problem is None:
            raise
        raise problem from None
    return engine


def _check_file_untouched(path: Path, allow_foreign: bool) -> None:
    """Look at an existing file read-only before the engine's pragmas (WAL) write its header:
    another program's database or a file that is not one is refused byte-identical."""
    import sqlite3

    from db.errors import DatabaseProblem
    from db.migrate import ledger_tables

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%'"
                )
            }
        finally:
            connection.close()
    except sqlite3.Error as exc:
        problem = database_problem(exc, path)
        if problem is None:
            raise
        raise problem from None
    foreign = tables - ledger_tables()
    if foreign and "alembic_version" not in tables and not allow_foreign:
        shown = "、".join(sorted(foreign)[:8])
        raise DatabaseProblem(
            f"这不是 GreenLedger 台账，未作任何修改（含其他程序的表：{shown}；"
            f"确需加入请用 --allow-foreign-db）(not a GreenLedger ledger, left untouched; "
            f"tables: {shown}): {path.absolute()}"
        )


def database_problem(exc: Exception, path: Path | None):
    """A DatabaseProblem for `exc` on `path`, with the newest backup named when damaged."""
    from db.errors import DatabaseProblem, describe

    if isinstance(exc, DatabaseProblem):
        return exc
    problem = describe(exc, str(path.absolute()) if path else "database")
    if problem is not None and problem.damaged and path is not None:
        problem = DatabaseProblem(str(problem) + restore_hint(path), damaged=True)
    return problem


def restore_hint(path: Path) -> str:
    """ "; newest backup … — restore with `restore FILE`" when a backup exists."""
    from db.backups import list_backups

    usable = [b for b in list_backups(path) if b.readable]
    if not usable:
        return "；没有可用的备份 (no backup found)"
    newest = usable[0].path
    return (
        f"；最新备份 (newest backup): {newest}，恢复 (restore): "
        f'greenledger restore "{newest}" --db "{path}"'
    )


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
