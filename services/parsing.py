"""Parsing the values people type or paste into the project table.

Every parser takes text (or a spreadsheet cell value) and returns a typed value, or raises
`ValueError` with a reason in Chinese-first, user-facing words. Used by the grid's editors,
TSV paste and the Excel importer alike, so one rule holds everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DecimalException, Overflow
from enum import Enum
from typing import TypeVar

from models.base import CENT, to_money

# Cells that mean "not set" in the office's tables.
NOT_SET = frozenset({"", "/", "／", "-", "—", "——", "–", "－", "无", "暂无", "N/A", "n/a", "null"})

YEAR_MIN, YEAR_MAX = 1990, 2100
MONEY_MAX = Decimal("999999999999.99")  # Decimal(14,2)
QUANTITY_MAX = 1_000_000_000  # far above any real count, far below SQLite's 2^63
# Longest text per field, in characters (the schema's column sizes; content and remarks are
# free text, bounded so one pasted novel cannot make every page of the grid slow).
TEXT_LIMITS = {
    "seq_label": 20,
    "project_type": 200,
    "name": 300,
    "content": 10_000,
    "remarks": 10_000,
    "section": 200,
    "owner": 200,
    "title": 300,
}


_Text = TypeVar("_Text", str, str | None)


def check_length(text: _Text, field: str) -> _Text:
    """`text` unchanged, or ValueError when it is longer than TEXT_LIMITS[field]."""
    limit = TEXT_LIMITS[field]
    if text is not None and len(text) > limit:
        raise ValueError(
            f"文字过长：{len(text)} 字，上限 {limit} 字 (text too long, limit {limit})"
        )
    return text


_PERIOD_SEP = r"\s*(?:-|—|–|－|~|～|〜|至|到|―)+\s*"
_MONTH = r"(?:0?[1-9]|1[0-2])"
# "2023", "2023年", "2023年3月", "2023年3月15日", "2023.3", "2023/03": the year (months dropped:
# the ledger plans by year).
_YEAR = (
    rf"(\d{{4}})\s*(?:年\s*(?:{_MONTH}\s*月份?(?:\s*\d{{1,2}}\s*[日号])?)?"
    rf"|[./]\s*{_MONTH}(?:[./]\d{{1,2}})?)?"
)
_PERIOD_RE = re.compile(rf"^{_YEAR}(?:{_PERIOD_SEP}{_YEAR})?$")
_YEAR_RE = re.compile(_YEAR)
_SPLIT_OWNERS_RE = re.compile(r"[、，,;；/\n\r]+")
# Money units, as factors to 万元 (the ledger's unit): table units and units written in a cell.
UNIT_SCALES = {
    "万元": Decimal(1),
    "万": Decimal(1),
    "亿元": Decimal(10000),
    "亿": Decimal(10000),
    "千元": Decimal("0.1"),
    "元": Decimal("0.0001"),
}
_MONEY_UNIT = re.compile(r"\s*(?:万元|亿元|千元|万|亿|元)$")


def split_money_unit(text: str) -> tuple[str, str | None]:
    """ "3亿元" → ("3", "亿元"); "500" → ("500", None). A key of UNIT_SCALES, or None."""
    unit = _MONEY_UNIT.search(text)
    if unit is None:
        return text, None
    return text[: unit.start()], unit.group(0).strip()


def normalize_text(value: object) -> str:
    """NFKC-fold full-width digits/letters/brackets and trim; None becomes ""."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_not_set(value: object) -> bool:
    return value is None or normalize_text(value) in NOT_SET


def optional_text(value: object) -> str | None:
    """A free-text cell as stored: trimmed, Windows line ends made plain; empty is None."""
    text = "" if value is None else str(value).replace("\r\n", "\n").strip()
    return text or None


def plain_text(value: object) -> str:
    """A stored text as a cell shows it; None is ""."""
    return "" if value is None else str(value)


_Choice = TypeVar("_Choice", bound=Enum)


def parse_word(
    value: object,
    kind: type[_Choice],
    words: Mapping[str, _Choice],
    message: str,
    *,
    fold: Callable[[str], str] = str.lower,
) -> _Choice:
    """One of a vocabulary's words (as `fold` evens them out) → its value; else ValueError
    with `message` and the value."""
    if isinstance(value, kind):
        return value
    choice = words.get(fold(normalize_text(value)))
    if choice is None:
        raise ValueError(f"{message}: {value!r}")
    return choice


def parse_money(value: object, *, scale: Decimal = Decimal(1)) -> Decimal | None:
    """万元 with two places. Accepts "5,698.85", full-width digits, numbers; "/" means not set.

    `scale` converts other units to 万元 (元 → 0.0001, 亿元 → 10000).
    """
    if isinstance(value, float):
        # Spreadsheet readers hand floats; go through repr so 1250.03 stays 1250.03.
        value = repr(value)
    if is_not_set(value):
        return None
    text = normalize_text(value).replace(",", "").replace(" ", "")
    text, unit = split_money_unit(text)
    if unit:  # "3亿元", "500元": the cell's own unit wins over the table's
        scale = UNIT_SCALES[unit]
    try:
        amount = Decimal(text) * scale
        too_large = amount.is_finite() and amount > MONEY_MAX
    except Overflow:  # 1e1000000
        raise ValueError(f"金额过大，上限 {MONEY_MAX:,} 万元 (too large)") from None
    except DecimalException:
        raise ValueError(f"不是金额 (not an amount): {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"不是金额 (not an amount): {value!r}")
    if amount < 0:
        raise ValueError("金额不能为负 (must not be negative)")
    if too_large:
        raise ValueError(f"金额过大，上限 {MONEY_MAX:,} 万元 (too large)")
    if amount != amount.quantize(CENT) and scale == 1:
        raise ValueError("金额最多两位小数 (at most 2 decimals)")
    return to_money(amount)


def parse_quantity(value: object) -> int | None:
    """项目数量: a non-negative integer; "/" means not set."""
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"数量必须是整数 (quantity must be a whole number): {value!r}")
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        if is_not_set(value):
            return None
        text = normalize_text(value).replace(",", "")
        text = re.sub(r"(个|家|条|项|座|处|座|所|台|套)$", "", text)
        if not re.fullmatch(r"\d+(\.0+)?", text):
            raise ValueError(f"数量必须是非负整数 (quantity must be a whole number): {value!r}")
        number = int(Decimal(text))
    if number < 0:
        raise ValueError("数量不能为负 (must not be negative)")
    if number > QUANTITY_MAX:
        raise ValueError(f"数量过大，上限 {QUANTITY_MAX:,} (quantity over {QUANTITY_MAX:,})")
    return number


@dataclass(frozen=True)
class Period:
    start_year: int | None
    end_year: int | None

    @property
    def label(self) -> str:
        if self.start_year is None:
            return ""
        if self.end_year in (None, self.start_year):
            return str(self.start_year)
        return f"{self.start_year}-{self.end_year}"


def _check_year(year: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"年份应在 {YEAR_MIN}–{YEAR_MAX} 之间 (year out of range): {year}")
    return year


def parse_year(value: object) -> int | None:
    """A single year cell ("2023", "2023年", 2023, "——" = none)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if is_not_set(value):
        return None
    text = normalize_text(value)
    match = _YEAR_RE.fullmatch(text)
    if not match:
        raise ValueError(f"不是年份 (not a year): {value!r}")
    return _check_year(int(match.group(1)))


def parse_period(value: object) -> Period:
    """建设期限: "2023", "2022-2024", "2022—2024", "2022～2024", "2022年-2024年", "2018~2020"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if is_not_set(value):
        return Period(None, None)
    text = normalize_text(value)
    match = _PERIOD_RE.match(text)
    if not match:
        raise ValueError(f"建设期限格式应为 2023 或 2022-2024 (period like 2022-2024): {value!r}")
    start = _check_year(int(match.group(1)))
    end = _check_year(int(match.group(2))) if match.group(2) else start
    if end < start:
        raise ValueError(f"结束年份早于开始年份 (end year before start): {value!r}")
    return Period(start, end)


def split_owner_names(value: object) -> list[str]:
    """Split "钟楼生态环境局、\n区工信局，北港街道" into trimmed, bracket-unified names."""
    if is_not_set(value):
        return []
    names = []
    for part in _SPLIT_OWNERS_RE.split(normalize_text(value)):
        name = part.strip()
        if name and name not in names:
            names.append(name)
    return names


def format_money(amount: Decimal | None, *, blank: str = "/") -> str:
    """ "67,619.88" — thousands separators, two decimals; `blank` for not set."""
    if amount is None:
        return blank
    return f"{amount:,.2f}"


def format_yi(amount: Decimal) -> str:
    """万元 → 亿元 with two decimals: 67,619.88 万元 → "6.76"."""
    return f"{(amount / 10000).quantize(CENT):,.2f}"
