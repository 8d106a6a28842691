"""Moving a whole ledger between databases: an SQLite file to the office server and back.

Every table of the models is copied row for row, ids included, in foreign-key order, as one
transaction on the target; before it commits, each table's row count and the sum of each
money column (integer hundredths) are compared with the source, so the ledger arrives
complete to the cent or not at all. The target must hold no ledger rows yet. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, Engine, Table

from db.bulk import insert_rows, sync_id_sequences
from models import Base
from models.base import Money
from services.errors import LedgerError

BATCH = 5000


@dataclass
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)  # table → rows copied
    money_cents: dict[str, int] = field(default_factory=dict)  # "table.column" → sum

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _money_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if isinstance(c.type, Money)]


def _figures(connection: Connection, tables: list[Table]) -> CopyReport:
    report = CopyReport()
    for table in tables:
        report.rows[table.name] = connection.exec_driver_sql(
            f'SELECT count(*) FROM "{table.name}"'
        ).scalar_one()
        for column in _money_columns(table):
            total = connection.exec_driver_sql(
                f'SELECT sum("{column}") FROM "{table.name}"'
            ).scalar()
            report.money_cents[f"{table.name}.{column}"] = int(total or 0)
    return report


def _for_sqlite(value):
    # The text SQLAlchemy's SQLite types store and read back.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _copy_table(source: Connection, target: Connection, table: Table) -> None:
    columns = tuple(c.name for c in table.columns)
    names = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(f'"{c.name}"' for c in table.primary_key) or names
    result = source.exec_driver_sql(f'SELECT {names} FROM "{table.name}" ORDER BY {order}')
    to_sqlite = target.dialect.name == "sqlite"
    while batch := result.fetchmany(BATCH):
        rows = [tuple(map(_for_sqlite, row)) if to_sqlite else tuple(row) for row in batch]
        insert_rows(target, table.name, columns, rows)


def copy_ledger(source: Engine, target: Engine) -> CopyReport:
    """Copy every row from `source` to `target` (both migrated to the same revision)."""
    from db.migrate import current_revision

    if current_revision(source) != current_revision(target):
        raise LedgerError(
            "两个数据库的结构版本不同 (the databases are at different schema revisions)"
        )
    tables = list(Base.metadata.sorted_tables)
    with source.connect() as src, target.begin() as dst:
        present = _figures(dst, tables)
        if present.total_rows:
            busy = "、".join(f"{t} ({n})" for t, n in present.rows.items() if n)
            raise LedgerError(f"目标数据库已有数据，不复制 (the target is not empty): {busy}")
        expected = _figures(src, tables)
        if dst.dialect.name == "postgresql":  # the history keeps its authors (0008_postgresql)
            dst.exec_driver_sql("SET LOCAL greenledger.keep_audit_authors = 'on'")
        for table in tables:
            _copy_table(src, dst, table)
        sync_id_sequences(dst, [t.name for t in tables if "id" in t.columns])
        arrived = _figures(dst, tables)
        if arrived != expected:
            differences = [
                f"{key}: {expected_value} → {getattr(arrived, kind)[key]}"
                for kind in ("rows", "money_cents")
                for key, expected_value in getattr(expected, kind).items()
                if getattr(arrived, kind)[key] != expected_value
            ]
            raise LedgerError(
                "复制结果与源不符，已撤销 (copy does not match): " + "；".join(differences)
            )
    return expected
