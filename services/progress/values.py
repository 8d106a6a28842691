"""The fields of a progress report: each one's parser (text or typed in, a located ValueError
out) and its text as the grid and the audit lines show it (so it parses back)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from models import ProjectStatus
from models.base import CENT
from services.fields import FIELDS
from services.parsing import is_not_set, normalize_text, optional_text, parse_money


def parse_pct(value: object) -> Decimal | None:
    """完成比例 in percent points 0–100 with two places: "45", "45%", "45.5 %", "/"."""
    if isinstance(value, float):
        value = repr(value)
    if is_not_set(value):
        return None
    text = normalize_text(value).replace(" ", "").rstrip("%").rstrip("％")
    try:
        pct = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"不是百分比 (not a percentage): {value!r}") from None
    if not pct.is_finite() or not 0 <= pct <= 100:
        raise ValueError(f"完成比例应在 0–100 之间 (percentage 0–100): {value!r}")
    return pct.quantize(CENT)


_TRUE = {"1", "是", "y", "yes", "true", "√", "✓", "确认", "已确认"}
_FALSE = {"", "0", "否", "n", "no", "false", "×", "/"}


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = normalize_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"应为 是/否 (yes or no): {value!r}")


def parse_date(value: object) -> date | None:
    """ "2023-06-25", "2023/6/25", "2023.6.25", "2023年6月25日", a date or datetime."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_not_set(value):
        return None
    text = normalize_text(value).replace(" ", "")
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not match:
        raise ValueError(f"日期格式应为 2023-06-25 (date like 2023-06-25): {value!r}")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(f"没有这一天 (no such day): {value!r}") from None


def pct_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def money_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _status(value: object) -> ProjectStatus | None:
    return None if is_not_set(value) else FIELDS["status"].parse(value)


REPORT_PARSERS = {
    "progress_pct": parse_pct,
    "completed_investment_wan": lambda v: parse_money(str(v) if isinstance(v, Decimal) else v),
    "over_plan_confirmed": parse_bool,
    "status": _status,
    "narrative": optional_text,
    "problems": optional_text,
    "next_steps": optional_text,
    "reporter": optional_text,
    "reported_on": parse_date,
}
REPORT_TEXT = {
    "progress_pct": pct_text,
    "completed_investment_wan": money_text,
    "over_plan_confirmed": lambda v: "是" if v else "",
    "status": lambda v: FIELDS["status"].to_text(v) if v else "",
    "reported_on": lambda v: v.isoformat() if v else "",
}
REPORT_FIELDS = tuple(REPORT_PARSERS)


def report_text(key: str, value: object) -> str:
    return REPORT_TEXT.get(key, lambda v: "" if v is None else str(v))(value)
