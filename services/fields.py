"""The editable fields of a project: how each one is parsed from text and shown as text.

One registry for the grid, TSV copy/paste, fill-down, the importer and the exporter, so that a
value that pastes also exports and re-imports the same. Labels for the UI live in the UI (tr()).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models import ConstructionKind, ProjectStatus
from services.parsing import (
    Period,
    format_money,
    normalize_text,
    parse_money,
    parse_period,
    parse_quantity,
    split_owner_names,
)

STATUS_LABELS = {
    ProjectStatus.PLANNED: "未开工",
    ProjectStatus.IN_PROGRESS: "在建",
    ProjectStatus.DONE: "已建成",
    ProjectStatus.SUSPENDED: "暂停",
}
KIND_LABELS = {ConstructionKind.NEW: "新建", ConstructionKind.CONTINUED: "续建"}


def _parse_text(value: object) -> str | None:
    text = "" if value is None else str(value).replace("\r\n", "\n").strip()
    return text or None


def _parse_name(value: object) -> str:
    text = _parse_text(value)
    if not text:
        raise ValueError("名称不能为空 (name must not be blank)")
    return text


def _parse_choice(labels: dict) -> Callable[[object], object]:
    by_text = {}
    for member, label in labels.items():
        by_text[label] = member
        by_text[member.value] = member
        by_text[member.value.replace("_", " ")] = member

    def parse(value: object):
        if isinstance(value, tuple(set(type(m) for m in labels))):
            return value
        key = normalize_text(value).lower()
        if key in by_text:
            return by_text[key]
        choices = "、".join(labels.values())
        raise ValueError(
            f"应为 {choices} 之一 (one of {', '.join(m.value for m in labels)}): {value!r}"
        )

    return parse


def _parse_owners(value: object) -> list[str]:
    if isinstance(value, list):
        return value
    return split_owner_names(value)


@dataclass(frozen=True)
class Field:
    key: str
    parse: Callable[[object], object]
    to_text: Callable[[object], str]


def _text(value: object) -> str:
    return "" if value is None else str(value)


FIELDS: dict[str, Field] = {
    f.key: f
    for f in [
        Field("seq_label", _parse_text, _text),
        Field("project_type", _parse_text, _text),
        Field("name", _parse_name, _text),
        Field("content", _parse_text, _text),
        Field("quantity", parse_quantity, _text),
        Field(
            "planned_investment_wan",
            parse_money,
            lambda v: format_money(v, blank="/").replace(",", ""),
        ),
        Field(
            "period",
            lambda v: v if isinstance(v, Period) else parse_period(v),
            lambda v: v.label if v else "",
        ),
        Field("owners", _parse_owners, lambda v: "、".join(v or [])),
        Field("status", _parse_choice(STATUS_LABELS), lambda v: STATUS_LABELS.get(v, "")),
        Field("construction_kind", _parse_choice(KIND_LABELS), lambda v: KIND_LABELS.get(v, "")),
        Field("remarks", _parse_text, _text),
    ]
}

# The grid's column order, which is also the official table's column order.
GRID_COLUMNS = [
    "seq_label",
    "project_type",
    "name",
    "content",
    "quantity",
    "planned_investment_wan",
    "period",
    "owners",
    "status",
    "construction_kind",
    "remarks",
]
