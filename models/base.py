"""Declarative base and the column types the ledger relies on.

Money (万元) is stored as an INTEGER count of hundredths of 万元 so that SQLite sums are exact
and fast; Python only ever sees `Decimal` with two places. Never store money as REAL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, TypeDecorator, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

if TYPE_CHECKING:
    from sqlalchemy import Table

CENT = Decimal("0.01")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    if TYPE_CHECKING:
        # Every model is mapped to a plain Table (none to a join or a select), so the core
        # writers may take `Model.__table__` where SQLAlchemy only promises a FromClause.
        __table__: ClassVar[Table]


def to_money(value: Decimal | int | str) -> Decimal:
    """Quantize to two places (万元), rounding half up as the office's spreadsheets do."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def money_to_cents(value: Decimal) -> int:
    return int(to_money(value) * 100)


def cents_to_money(cents: int) -> Decimal:
    return (Decimal(int(cents)) / 100).quantize(CENT)


class _ExactDecimal(TypeDecorator):
    """A Decimal column that refuses floats: a float has already lost the exact value."""

    cache_ok = True
    kind = "decimal values"

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"{self.kind} must be Decimal, not float")
        return self.stored(Decimal(value))

    def process_result_value(self, value, dialect):
        return None if value is None else self.loaded(value)

    def stored(self, value: Decimal) -> object:
        raise NotImplementedError

    def loaded(self, value) -> Decimal:
        raise NotImplementedError


class Money(_ExactDecimal):
    """万元 with two decimals, stored as integer hundredths (exact SUM in SQL).

    64-bit: SQLite's integers always are; PostgreSQL's INTEGER would overflow at 2147亿 and in
    the progress arithmetic (completed × 20000) long before that."""

    impl = BigInteger
    cache_ok = True
    kind = "money"

    def stored(self, value: Decimal) -> int:
        return money_to_cents(value)

    def loaded(self, value) -> Decimal:
        return cents_to_money(value)


class DecimalText(_ExactDecimal):
    """A decimal kept exactly as text (indicator targets like 31.5 or 79.7)."""

    impl = String(40)
    cache_ok = True

    def stored(self, value: Decimal) -> str:
        return str(value)

    def loaded(self, value) -> Decimal:
        return Decimal(value)


class Versioned:
    """Counts the row's writes (services.writer.update_rows): a write based on an older
    version is refused instead of overwriting another clerk's later change."""

    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
