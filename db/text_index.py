"""The quick filter's trigram index (project_search, migration 0005): is it there, and how to
ask it. No Qt here.

FTS5's trigram tokenizer finds any substring of three or more characters from the index; a
shorter word has no trigram to look up and is left to a scan (services.query). The engine
remembers on its dialect whether the table exists, so building a filter needs no query; the
flag is set when the database is opened (db.engine.open_database).
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect

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
    """One FTS5 phrase: the word as a literal substring (quotes doubled), operators disarmed."""
    return '"' + word.replace('"', '""') + '"'


def is_own_table(name: str | None) -> bool:
    """The index and the shadow tables FTS5 keeps for it (project_search_data, _idx, …):
    not in the models, so schema comparisons (alembic autogenerate) must leave them out."""
    return bool(name) and (name == TABLE or name.startswith(TABLE + "_"))


def include_name(name, type_, _parent_names) -> bool:
    """alembic's include_name hook: skip the index's tables."""
    return not (type_ == "table" and is_own_table(name))
