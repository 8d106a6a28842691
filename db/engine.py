"""Engine creation for a path or SQLAlchemy URL, with the pragmas GreenLedger relies on.

SQLite runs in WAL mode (readers never block the writer), with foreign keys enforced and a busy
timeout so a second window or the CLI waits instead of failing. Migrations run on open.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "GreenLedger"


def default_db_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "greenledger.sqlite"


def database_url(target: str | Path | None) -> str:
    """`--db` accepts a file path or a full SQLAlchemy URL."""
    if target is None:
        target = default_db_path()
    text = str(target)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB page cache: 1M-row sorts stay in memory
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def create_db_engine(target: str | Path | None) -> Engine:
    url = database_url(target)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def open_database(target: str | Path | None = None, *, migrate: bool = True) -> Engine:
    """Open (creating if needed) and migrate the database; returns the engine."""
    engine = create_db_engine(target)
    if migrate:
        from db.migrate import upgrade_to_head

        upgrade_to_head(engine)
    from db import text_index

    text_index.detect(engine)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
