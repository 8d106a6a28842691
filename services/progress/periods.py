"""Reporting periods (填报期): "2023Q2" (quarter), "2023-05" (month) or "2023" (whole year),
parsed from the ways offices write them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from services.parsing import normalize_text

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, order=True)
class ReportPeriod:
    """A reporting period: "2023Q2" (quarter), "2023-05" (month) or "2023" (whole year)."""

    end: date
    label: str
    kind: str  # "quarter" | "month" | "year"

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def start(self) -> date:
        if self.kind == "year":
            return date(self.year, 1, 1)
        if self.kind == "quarter":
            return date(self.year, self.end.month - 2, 1)
        return date(self.year, self.end.month, 1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter(year: int, q: int) -> ReportPeriod:
    return ReportPeriod(_month_end(year, q * 3), f"{year}Q{q}", "quarter")


def month(year: int, m: int) -> ReportPeriod:
    return ReportPeriod(_month_end(year, m), f"{year}-{m:02d}", "month")


def year_period(year: int) -> ReportPeriod:
    return ReportPeriod(date(year, 12, 31), str(year), "year")


def parse_report_period(value: object) -> ReportPeriod:
    """ "2023Q2", "2023-Q2", "2023年第二季度", "2023年二季度", "2023-05", "2023/5", "2023年5月",
    "2023" / "2023年" / "2023年度" (year end). Raises ValueError with the accepted forms."""
    if isinstance(value, ReportPeriod):
        return value
    text = normalize_text(value).replace(" ", "").upper()
    if match := re.fullmatch(
        r"(\d{4})[-年/]?(?:第)?([1-4一二三四])(?:Q|季度?)", text
    ) or re.fullmatch(r"(\d{4})[-/年]?Q([1-4])", text):
        year, q = int(match.group(1)), _CN_DIGITS[match.group(2)]
        return _checked(quarter(year, q))
    if match := re.fullmatch(r"(\d{4})(?:[-/.年])(\d{1,2})月?(?:份)?", text):
        year, m = int(match.group(1)), int(match.group(2))
        if not 1 <= m <= 12:
            raise ValueError(f"月份应为 1–12 (month 1–12): {value!r}")
        return _checked(month(year, m))
    if match := re.fullmatch(r"(\d{4})(?:年度?|全年)?", text):
        return _checked(year_period(int(match.group(1))))
    raise ValueError(
        f"填报期应为 2023Q2、2023-05 或 2023 (period like 2023Q2, 2023-05 or 2023): {value!r}"
    )


def _checked(period: ReportPeriod) -> ReportPeriod:
    if not 1990 <= period.year <= 2100:
        raise ValueError(f"年份超出范围 (year out of range): {period.label}")
    return period


def period_for_date(day: date, kind: str = "quarter") -> ReportPeriod:
    if kind == "month":
        return month(day.year, day.month)
    if kind == "year":
        return year_period(day.year)
    return quarter(day.year, (day.month - 1) // 3 + 1)
