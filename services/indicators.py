"""Indicators (工作目标 / 目标指标): a plan's quantified goals and their actual values.

Each indicator has a unit, a direction (≤ / ≥ / =) and a target; actual values are kept per
period ("2023" for the year-end summary, "2023Q2" for a quarterly check). An indicator is *met*
when its actual value satisfies the direction against the target. Edits go through an
AuditedTable (one transaction, audited, inverse returned); the actual value of the chosen
period is a column like any other, so paste, fill and undo work on it too.

Headless: never import Qt here. Never compare indicator values as floats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import ClassVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Indicator, IndicatorDirection, IndicatorValue
from services.fields import ColumnKind
from services.parsing import is_not_set, normalize_text, parse_word
from services.progress import parse_report_period
from services.records import Column as GridColumn
from services.tracking_source import TableSource, TrackingFilter
from services.tracking_table import AuditedTable, Column

DIRECTION_TEXT = {
    IndicatorDirection.AT_MOST: "≤",
    IndicatorDirection.AT_LEAST: "≥",
    IndicatorDirection.EQUAL: "=",
}
_DIRECTION_WORDS = {
    "≤": IndicatorDirection.AT_MOST,
    "<=": IndicatorDirection.AT_MOST,
    "<": IndicatorDirection.AT_MOST,
    "不高于": IndicatorDirection.AT_MOST,
    "不超过": IndicatorDirection.AT_MOST,
    "低于": IndicatorDirection.AT_MOST,
    "以下": IndicatorDirection.AT_MOST,
    "≥": IndicatorDirection.AT_LEAST,
    ">=": IndicatorDirection.AT_LEAST,
    ">": IndicatorDirection.AT_LEAST,
    "不低于": IndicatorDirection.AT_LEAST,
    "不少于": IndicatorDirection.AT_LEAST,
    "达到": IndicatorDirection.AT_LEAST,
    "以上": IndicatorDirection.AT_LEAST,
    "=": IndicatorDirection.EQUAL,
    "==": IndicatorDirection.EQUAL,
    "等于": IndicatorDirection.EQUAL,
    "保持": IndicatorDirection.EQUAL,
}


def parse_direction(value: object) -> IndicatorDirection:
    return parse_word(
        value,
        IndicatorDirection,
        _DIRECTION_WORDS,
        "方向应为 ≤、≥ 或 = (direction ≤, ≥ or =)",
        fold=lambda text: text.replace(" ", ""),
    )


def parse_number(value: object) -> Decimal | None:
    """A measured value: "31.5", "79.7%", "238吨", "31.5 微克/立方米" → Decimal; "/" → None."""
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, Decimal):
        return value
    if is_not_set(value):
        return None
    text = normalize_text(value).replace(",", "").replace(" ", "")
    match = re.match(r"^[-+]?\d+(?:\.\d+)?", text)
    if not match:
        raise ValueError(f"不是数值 (not a number): {value!r}")
    try:
        return Decimal(match.group(0))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"不是数值 (not a number): {value!r}") from None


def _required_number(value: object) -> Decimal:
    number = parse_number(value)
    if number is None:
        raise ValueError("目标值不能为空 (target must not be blank)")
    return number


def number_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def is_met(direction: IndicatorDirection, target: Decimal, actual: Decimal | None) -> bool | None:
    """None when there is no actual value yet."""
    if actual is None:
        return None
    if direction == IndicatorDirection.AT_MOST:
        return actual <= target
    if direction == IndicatorDirection.AT_LEAST:
        return actual >= target
    return actual == target


# ---------------------------------------------------------------- the table


def indicator_table(period: str) -> AuditedTable:
    """The indicator table with the actual value of `period` as an editable column."""
    label = parse_report_period(period).label

    def read_actual(obj: Indicator) -> Decimal | None:
        for value in obj.values:
            if value.period == label:
                return value.actual
        return None

    def write_actual(session: Session, obj: Indicator, actual: Decimal | None) -> None:
        current = next((v for v in obj.values if v.period == label), None)
        if actual is None:
            if current is not None:
                obj.values.remove(current)
        elif current is None:
            obj.values.append(IndicatorValue(period=label, actual=actual))
        else:
            current.actual = actual

    return AuditedTable(
        Indicator,
        "indicator",
        [
            Column("name", required=True),
            Column("unit"),
            Column("direction", parse_direction, lambda v: DIRECTION_TEXT.get(v, "")),
            Column("target", _required_number, number_text, required=True),
            Column(
                "actual",
                parse_number,
                number_text,
                read=read_actual,
                write=write_actual,
                audit_key=f"{label}/actual",
            ),
            Column("notes"),
        ],
        defaults={"name": "新指标", "direction": IndicatorDirection.AT_LEAST, "target": "0"},
    )


class IndicatorSource(TableSource):
    """Indicators of one plan as a grid, with the actual value of one period."""

    topic = "indicators"
    search: ClassVar[tuple] = (Indicator.name, Indicator.unit, Indicator.notes)
    grid_columns: ClassVar[list] = [
        GridColumn("name", "Indicator", nullable=False, width=230),
        GridColumn("unit", "Unit", width=100),
        GridColumn(
            "direction",
            "Direction",
            ColumnKind.CHOICE,
            nullable=False,
            width=60,
            choices=tuple(m.value for m in IndicatorDirection),
        ),
        GridColumn("target", "Target", nullable=False, width=80),
        GridColumn("actual", "Actual", width=80),
        GridColumn("met", "Met", editable=False, sortable=False, width=70),
        GridColumn("notes", "Notes", ColumnKind.MULTILINE, width=240),
    ]

    def __init__(self, plan_id: int | None = None, period: str = "2023") -> None:
        super().__init__(plan_id)
        self.period = parse_report_period(period).label
        self.table = indicator_table(self.period)
        # How the met cell reads; the UI replaces it with its translated wording.
        self.met_labels = {True: "达标", False: "未达标"}

    def rows(self, session: Session, ids):
        records = super().rows(session, ids)
        for record in records:
            values = record.values
            values["met"] = is_met(
                cast(IndicatorDirection, values["direction"]),  # the row's stored types
                cast(Decimal, values["target"]),
                cast(Decimal | None, values["actual"]),
            )
        return records

    def edit_text(self, row, key: str) -> str:
        if key == "met":
            met = row.values.get("met")
            return "" if met is None else self.met_labels[met]
        return super().edit_text(row, key)


# ---------------------------------------------------------------- reading and counting


@dataclass(frozen=True)
class IndicatorStatus:
    id: int
    name: str
    unit: str | None
    direction: IndicatorDirection
    target: Decimal
    actual: Decimal | None
    period: str | None  # the period the actual value belongs to
    met: bool | None


def indicator_statuses(
    session: Session, plan_id: int, period: str | None = None
) -> list[IndicatorStatus]:
    """Each indicator against its target: the given period's value, else the latest one.

    "Latest" is by period end; on the same end a year figure (the summary) beats a quarter,
    which beats a month.
    """
    label = parse_report_period(period).label if period else None
    indicators = list(
        session.scalars(
            select(Indicator).where(Indicator.plan_id == plan_id).order_by(Indicator.position)
        )
    )
    rank = {"year": 2, "quarter": 1, "month": 0}
    out = []
    for indicator in indicators:
        chosen = None
        if label is not None:
            chosen = next((v for v in indicator.values if v.period == label), None)
        else:
            dated = []
            for value in indicator.values:
                try:
                    p = parse_report_period(value.period)
                except ValueError:
                    continue
                dated.append(((p.end, rank[p.kind]), value))
            if dated:
                chosen = max(dated, key=lambda item: item[0])[1]
        actual = chosen.actual if chosen else None
        out.append(
            IndicatorStatus(
                indicator.id,
                indicator.name,
                indicator.unit,
                indicator.direction,
                indicator.target,
                actual,
                chosen.period if chosen else None,
                is_met(indicator.direction, indicator.target, actual),
            )
        )
    return out


def indicator_counts(session: Session, plan_id: int, period: str | None = None) -> dict:
    statuses = indicator_statuses(session, plan_id, period)
    return {"total": len(statuses), "met": sum(1 for s in statuses if s.met)}


def indicator_periods(session: Session, plan_id: int) -> list[str]:
    rows = session.scalars(
        select(IndicatorValue.period)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(Indicator.plan_id == plan_id)
        .distinct()
    )
    return sorted(rows, key=lambda p: parse_report_period(p).end, reverse=True)


def set_actuals(
    session: Session, period: str, actuals: dict[int, object], *, user: str | None = None
):
    """{indicator_id: actual} for one period, one transaction (returns the ChangeSet)."""
    return indicator_table(period).set_fields(
        session, {iid: {"actual": value} for iid, value in actuals.items()}, user=user
    )


def indicator_ids(session: Session, plan_id: int) -> Sequence[int]:
    return IndicatorSource(plan_id).ids(session, TrackingFilter(plan_id))
