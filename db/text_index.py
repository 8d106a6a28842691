"""The quick filter's trigram index (project_search, migration 0005): is it there, and how to
ask it. No Qt here.

FTS5's trigram tokenizer finds any substring of three or more characters from the index; a
shorter word has no trigram to look up and is left to a scan (services.query). The engine
remembers on its dialect whether the table exists, so building a filter needs no query; the
flag is set when the database is opened (db.engine.open_database).
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import Connection, Engine, inspect

TABLE = "project_search"
MIN_CHARS = 3  # a trigram index cannot answer shorter words
_FLAG = "greenledger_text_index"


def detect(engine: Engine) -> bool:
    """Look once whether this database has the index and remember it on the engine."""
    found = engine.dialect.name == "sqlite" and inspect(engine).has_table(TABLE)
    setattr(engine.dialect, _FLAG, found)
    return found


def available(dialect) -> bool:
    return getattr(dialect, _FLAG, False)


def match_query(word: str) -> str:
    """Rows holding every trigram of the word (each quoted: operators disarmed). The index
    keeps no positions (detail=none), so this is a superset the exact test narrows."""
    grams = dict.fromkeys(word[i : i + MIN_CHARS] for i in range(len(word) - MIN_CHARS + 1))
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


_COLUMNS = "name, content, project_type, owners_text"
_TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'project_search_insert'"


@contextmanager
def deferred(connection: Connection, table: str):
    """A bulk load of new projects indexes their text after the rows, in one statement:
    a third of the cost of the per-row trigger (100,000 rows: 2.2 s instead of 7.8 s of CPU),
    a thirtieth for 10,000 rows into a 1,000,000-row ledger. Same transaction as the load
    (db.bulk.text_index_deferred opened it)."""
    trigger = None
    if table == "project":
        trigger = connection.exec_driver_sql(_TRIGGER).scalar()
    if trigger is None:
        yield
        return
    last_id = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM project").scalar()
    connection.exec_driver_sql("DROP TRIGGER project_search_insert")
    yield
    connection.exec_driver_sql(
        f"INSERT INTO {TABLE}(rowid, {_COLUMNS}) SELECT id, {_COLUMNS} FROM project WHERE id > ?",
        (last_id,),
    )
    connection.exec_driver_sql(trigger)


def is_own_table(name: str | None) -> bool:
    """The index and the shadow tables FTS5 keeps for it (project_search_data, _idx, …):
    not in the models, so schema comparisons (alembic autogenerate) must leave them out."""
    return name is not None and (name == TABLE or name.startswith(TABLE + "_"))


def include_name(name, type_, _parent_names) -> bool:
    """alembic's include_name hook: skip the index's tables."""
    return not (type_ == "table" and is_own_table(name))
