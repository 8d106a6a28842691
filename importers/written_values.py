"""Periods, years and amounts as people write them, where the strict shared parsers refuse.

services.parsing holds the rule shared with the grid and paste (parse_period, parse_year,
parse_money). What they refuse comes here — rare, never on the import's hot path — and is read
the way the office writes it ("2023年3月-2024年12月", "2023.3", "2024年底": the years; 长期 / 待定:
blank, with a warning), or refused with a located error that says what to fix. `errors` is the
importer's collector of located issues (importers.projects._RowErrors).
"""

from __future__ import annotations

import re
from typing import Protocol

from importers.issues import WARNING
from services.parsing import normalize_text, parse_period, parse_year


class IssueSink(Protocol):
    """Where located issues go (importers.projects._RowErrors)."""

    def add(self, row: int, key: str, value: str, reason: str, severity: str = ...) -> None: ...


_UNDETERMINED = re.compile(r"^(?:待定|待确定|待核定|待明确|未定|另定|暂定|暂未确定)$")
# 长期 / 持续推进 / 常态化 / 2023年起: work with no end year.
_OPEN_ENDED = re.compile(
    r"长期|持续|常态|长效|滚动|逐年|每年|至今|今后|\d{4}年?(?:\d{1,2}月)?(?:起|开始)"
)
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_RANGE_SEP = re.compile(r"(?:-|—|–|~|〜|至|到|―)+")
# "2023年3月", "2023.03", "2023/3", "2023年底", "2023年6月底前", "2023年度", "2023年12月31日"
_WHEN = r"(?:年?(?:底|末|初|中|前|内|度|上半年|下半年))*"
_YEAR_AND_MONTH = re.compile(
    rf"(\d{{4}})年?(?:[./](\d{{1,2}})|(\d{{1,2}})月份?(?:\d{{1,2}}[日号])?)?{_WHEN}"
)
_MONTH_ONLY = re.compile(rf"(\d{{1,2}})月份?(?:\d{{1,2}}[日号])?{_WHEN}")  # "2023年3-12月"


def _folded(value: str) -> str:
    return "".join(normalize_text(value).split())


def _year_of(part: str, start: int | None = None) -> int | None:
    """The year of one side of a period; a bare month ("12月") after a start year is that year."""
    match = _YEAR_AND_MONTH.fullmatch(part)
    if match:
        month, year = match.group(2) or match.group(3), int(match.group(1))
    else:
        match = _MONTH_ONLY.fullmatch(part) if start is not None else None
        if match is None or start is None:
            return None
        month, year = match.group(1), start
    return year if month is None or 1 <= int(month) <= 12 else None


def written_period(
    value: str, refused: ValueError, row: int, errors: IssueSink
) -> tuple[int | None, int | None]:
    """(start, end) of a period parse_period refused: months dropped ("2023年3月-2024年12月",
    "2023.3-2024.12"); open-ended work (长期, 2023年起) without an end year, with a warning;
    anything else an error."""
    text = _folded(value)
    parts = _RANGE_SEP.split(text)
    start = _year_of(parts[0]) if len(parts) <= 2 else None
    end = start if len(parts) == 1 else _year_of(parts[-1], start)
    if (start is None or end is None) and not _is_open_ended(text):
        errors.add(row, "period", value, str(refused))
        return None, None
    try:
        if start is not None and end is not None:
            period = parse_period(f"{start}-{end}")  # the shared range and order checks
            return period.start_year, period.end_year
        start = _open_start(text)
    except ValueError as exc:
        errors.add(row, "period", value, str(exc))
        return None, None
    if start is None:
        reason = "未填年份，建设期限留空 (no year: period left blank)"
    else:
        reason = f"只导入开始年份 {start}，结束年份留空 (open-ended: start year only)"
    errors.add(row, "period", value, reason, WARNING)
    return start, None


def _is_open_ended(text: str) -> bool:
    """长期 / 持续推进 / 待定 / "2023年起持续推进": no end year (and at most one year written)."""
    if not (_UNDETERMINED.match(text) or _OPEN_ENDED.search(text)):
        return False
    return len(_FOUR_DIGITS.findall(text)) <= 1


def _open_start(text: str) -> int | None:
    years = _FOUR_DIGITS.findall(text)
    return parse_year(years[0]) if years else None


def written_year(
    value: str, key: str, refused: ValueError, row: int, errors: IssueSink
) -> int | None:
    """A 启动/完成时间 cell parse_year refused: "2023.3", "2024年底" → the year; 长期 / 待定 →
    blank with a warning; anything else an error."""
    text = _folded(value)
    year = _year_of(text)
    if year is None and not _is_open_ended(text):
        errors.add(row, key, value, str(refused))
        return None
    try:
        if year is not None:
            return parse_year(str(year))
        year = _open_start(text)
    except ValueError as exc:
        errors.add(row, key, value, str(exc))
        return None
    if year is None:
        reason = "未填年份，留空 (no year: left blank)"
    else:
        reason = f"按 {year} 年导入 (read as {year})"
    errors.add(row, key, value, reason, WARNING)
    return year


_HAS_NUMBER = re.compile(r"\d")
_NOT_NUMERIC = re.compile(r"[^\d.,+\-]")


def refused_money(value: str, refused: ValueError, row: int, errors: IssueSink) -> None:
    """待定 is a blank amount (warning); "约500", "500（其中中央资金200）" say what to fix."""
    key = "planned_investment_wan"
    text = _folded(value)
    if _UNDETERMINED.match(text):
        errors.add(row, key, value, "金额待定，留空 (to be determined: left blank)", WARNING)
    elif _HAS_NUMBER.search(text) and _NOT_NUMERIC.search(text):
        errors.add(
            row,
            key,
            value,
            "金额栏只能填一个数，说明文字请写入备注 (one number only; notes go to 备注)",
        )
    else:
        errors.add(row, key, value, str(refused))
