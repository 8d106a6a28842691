"""Bulk loading: build a table's indexes after its rows, when that is cheaper.

Inserting 100,000 projects one by one into ten secondary indexes costs a B-tree insert per
row and index; building an index afterwards is one sort. When the rows being loaded outnumber
the rows already there (the first import into a new database), dropping the secondary indexes
inside the load's transaction and recreating them from their own stored SQL before commit is
measured faster (benchmarks/bench_import_export.py). It is all one transaction: a failed or
cancelled load rolls the indexes back with the rows, and other connections never see a
database without them (WAL readers keep their snapshot).

On PostgreSQL rows go in through COPY (one stream instead of a statement per row), the
indexes stay (dropping one would lock every other clerk out of the table for the whole
load), and ids are reserved from the table's sequence so other clients' inserts never take
one of them. No Qt here.
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager

from sqlalchemy import Connection

from db import text_index

_INDEXES = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
)


MIN_ROWS = 10_000  # below this, index upkeep during the load is too small to matter


def worth_deferring(connection: Connection, table: str, incoming: int) -> bool:
    """Rebuilding pays when the load is at least as big as what the table holds already."""
    if connection.dialect.name != "sqlite" or incoming < MIN_ROWS:
        return False
    # Stops counting past `incoming`: a 1,000,000-row table is not scanned to say "no".
    present = connection.exec_driver_sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT ?)", (incoming,)
    ).scalar_one()
    return present < incoming


# Held by bulk writers on PostgreSQL for their whole transaction (SQLite's write lock).
WRITE_LOCK_KEY = 0x47_4C_57  # "GLW"


def begin_write(connection: Connection) -> None:
    """Take the write lock now: ids and positions read next cannot be taken by another
    writer before ours are stored. SQLite: open the write transaction (and DDL, which
    pysqlite runs outside transactions, rolls back with the rest); PostgreSQL: a
    transaction-scoped advisory lock that other bulk writers wait for."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        return
    # dbapi_connection is the pysqlite connection, typed Optional by SQLAlchemy
    if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def reserve_ids(connection: Connection, table: str, count: int) -> int:
    """The first of `count` consecutive new ids of `table`, free for this transaction."""
    if connection.dialect.name != "postgresql":
        return (connection.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0) + 1
    # Blocks other writers of the table (not its readers) until commit: no insert can draw
    # an id between reading the sequence and moving it past the reserved range.
    connection.exec_driver_sql(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
    sequence = connection.exec_driver_sql(
        f"SELECT pg_get_serial_sequence('{table}', 'id')"
    ).scalar_one()
    last = connection.exec_driver_sql(
        f"SELECT GREATEST((SELECT max(id) FROM {table}),"
        f" (SELECT CASE WHEN is_called THEN last_value END FROM {sequence}))"
    ).scalar()
    first = (last or 0) + 1
    if count:
        connection.exec_driver_sql(f"SELECT setval('{sequence}', {first + count - 1})")
    return first


def insert_rows(connection: Connection, table: str, columns: tuple[str, ...], rows) -> None:
    """Insert plain tuples in `columns` order: executemany on SQLite, COPY on PostgreSQL."""
    names = ", ".join(f'"{c}"' for c in columns)
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]  # psycopg connection
        with cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" * len(columns))
    connection.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def sync_id_sequences(connection: Connection, tables) -> None:
    """After rows were stored with their own ids (a copied ledger): each PostgreSQL sequence
    moves past the largest id, so the next insert draws a free one."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        sequence = connection.exec_driver_sql(
            f"SELECT pg_get_serial_sequence('{table}', 'id')"
        ).scalar()
        if sequence:
            connection.exec_driver_sql(
                f"SELECT setval('{sequence}', COALESCE((SELECT max(id) FROM {table}), 0) + 1,"
                " false)"
            )


@contextmanager
def indexes_deferred(connection: Connection, tables: tuple[str, ...], *, enabled: bool = True):
    """Drop the tables' secondary indexes, run the load, recreate them (same transaction).

    Automatic indexes of PRIMARY KEY / UNIQUE constraints (sql IS NULL) stay: they enforce
    rules the load relies on.
    """
    if not enabled:
        yield
        return
    # pysqlite autocommits DDL outside a transaction: a DROP there would stick after a failure.
    begin_write(connection)
    dropped: list[str] = []
    for table in tables:
        for name, sql in connection.exec_driver_sql(_INDEXES, (table,)).all():
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
            dropped.append(sql)
    with text_index_deferred(connection, tables):
        yield
    for sql in dropped:
        connection.exec_driver_sql(sql)
    # The planner's statistics (sqlite_stat1) for the rows just loaded: without them SQLite
    # guesses that every (plan, column) index narrows a plan to ten rows, walks the first
    # one it finds and sorts a whole 100,000-row plan for each sorted page.
    for table in tables:
        connection.exec_driver_sql(f"ANALYZE {table}")


_TRIGGER_SQL = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"


@contextmanager
def trigger_set_aside(connection: Connection, name: str):
    """Drop SQLite trigger `name` for the load and recreate it from its stored SQL after it
    (same transaction: a failed load rolls both back). For a trigger whose work the bulk
    writer does itself: project_owner's insert trigger does nothing when the row brings its
    copies (migration 0003), yet entering it for each of 250,000 owner rows costs ~0.2 s.
    PostgreSQL and a database without the trigger: nothing is done."""
    sql = None
    if connection.dialect.name == "sqlite":
        begin_write(connection)  # DDL outside a transaction would stick after a failure
        sql = connection.exec_driver_sql(_TRIGGER_SQL, (name,)).scalar()
    if sql is None:
        yield
        return
    connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    connection.exec_driver_sql(sql)


@contextmanager
def text_index_deferred(connection: Connection, tables: tuple[str, ...]):
    """The quick filter's trigram index takes the load's rows in one statement after them
    (db.text_index.deferred), whatever the size of the ledger: row by row, 10,000 new
    projects cost 7.1 s of CPU in a 1,000,000-row ledger, in one statement 0.2 s (FTS5
    merges each row's little segment into the big index). SQLite only."""
    if connection.dialect.name != "sqlite":
        yield
        return
    begin_write(connection)  # its DDL rolls back with the rows
    with ExitStack() as text_indexes:
        for table in tables:
            text_indexes.enter_context(text_index.deferred(connection, table))
        yield


def index_names(connection: Connection, table: str) -> list[str]:
    return sorted(name for name, _sql in connection.exec_driver_sql(_INDEXES, (table,)).all())
