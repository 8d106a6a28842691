"""The columns of a return sheet (填报表): locked project columns and the fields a round asks for.

The sheet writer (exports.return_sheets) and the reader (importers.return_sheets) both take
their headers, kinds and the canonical text of every locked cell from here, so a checksum
written on make is recomputed identically on collect — also after Excel or WPS re-saved the
file (700 comes back as 700.0, a multi-line cell with CRLF). Headless: never import Qt here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from models import ProjectStatus
from services.fields import FIELDS
from services.parsing import normalize_text, parse_money

ID_HEADER = "项目编号"
ROLE_TEXT = {"lead": "牵头", "cooperating": "配合", "constructing": "建设主体"}


@dataclass(frozen=True)
class LockedColumn:
    """A project column the unit sees but must not change. `field` is the ledger field a
    change of it would write (after the office approves), or None when it cannot be changed
    through a return (section, units, role, last period's figure)."""

    key: str
    header: str
    width: int
    money: bool = False
    field: str | None = None


LOCKED_COLUMNS = (
    LockedColumn("seq_label", "序号", 6, field="seq_label"),
    LockedColumn("section", "分区", 16),
    LockedColumn("name", "项目名称", 26, field="name"),
    LockedColumn("content", "主要建设内容", 40, field="content"),
    LockedColumn("planned", "计划投资(万元)", 12, money=True, field="planned_investment_wan"),
    LockedColumn("period", "建设期限", 10, field="period"),
    LockedColumn("owners", "责任单位", 20),
    LockedColumn("role", "本单位职责", 9),
    LockedColumn("previous", "上期累计完成投资(万元)", 13, money=True),
)


@dataclass(frozen=True)
class ReturnField:
    """An input column the round asks for. `kind` drives validation in the sheet and the
    parser on collect; `report_key` is the services.progress field it fills (None for
    本季完成投资, which is turned into the cumulative figure on collect)."""

    key: str
    header: str
    kind: str  # "money" | "pct" | "text" | "choice" | "date"
    width: int
    report_key: str | None
    hint: str = ""


STATUS_CHOICES = tuple(FIELDS["status"].to_text(s) for s in ProjectStatus)

RETURN_FIELDS = {
    f.key: f
    for f in (
        ReturnField(
            "period_investment",
            "本季完成投资(万元)",
            "money",
            13,
            None,
            "本期新增完成的投资，万元，两位小数",
        ),
        ReturnField(
            "completed_investment_wan",
            "累计完成投资(万元)",
            "money",
            13,
            "completed_investment_wan",
            "开工以来累计完成投资，万元，两位小数",
        ),
        ReturnField("progress_pct", "形象进度(%)", "pct", 10, "progress_pct", "0–100 的数字"),
        ReturnField("status", "项目状态", "choice", 10, "status", "从下拉列表中选择"),
        ReturnField("narrative", "进展情况", "text", 30, "narrative"),
        ReturnField("problems", "存在问题", "text", 26, "problems"),
        ReturnField("next_steps", "下步计划", "text", 26, "next_steps"),
        ReturnField("reporter", "填报人", "text", 10, "reporter"),
        ReturnField("reported_on", "填报日期", "date", 12, "reported_on", "如 2023-04-10"),
    )
}
DEFAULT_FIELDS = (
    "period_investment",
    "completed_investment_wan",
    "progress_pct",
    "problems",
    "next_steps",
)


def resolve_fields(names: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Field keys from keys or Chinese headers (--fields 本季完成投资 存在问题); order kept."""
    if not names:
        return DEFAULT_FIELDS
    by_header = {}
    for f in RETURN_FIELDS.values():
        by_header[f.key] = f.key
        by_header[normalize_text(f.header)] = f.key
        by_header[normalize_text(f.header).split("(")[0]] = f.key
    keys: list[str] = []
    for name in names:
        key = by_header.get(normalize_text(name))
        if key is None:
            known = "、".join(f.header.split("(")[0] for f in RETURN_FIELDS.values())
            raise ValueError(f"未知填报字段 (unknown field) {name!r}；可选：{known}")
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def canonical(column: LockedColumn, value: object) -> str:
    """A locked cell's text as compared for the checksum: what Excel or WPS writes back for
    the same content reads back to the same string."""
    if value is None:
        return ""
    if isinstance(value, Decimal):  # the writer's own values: no parsing needed
        return f"{value:.2f}" if column.money else str(value)
    if isinstance(value, float):
        value = repr(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if column.money and text and text != "/":
        try:
            amount = parse_money(text)
        except ValueError:
            return text
        return "" if amount is None else f"{amount:.2f}"
    if column.key == "seq_label" and text.endswith(".0") and text[:-2].isdigit():
        return text[:-2]
    return text


def money_cell(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def row_hash(texts: list[str]) -> str:
    """16 hex digits over a row's canonical locked texts."""
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:16]


def sheet_checksum(round_id: int, unit_id: int, rows: list[tuple[int, str]]) -> str:
    """The checksum of a whole sheet's locked content: round, unit, project ids, row hashes."""
    digest = hashlib.sha256(f"{round_id}|{unit_id}".encode())
    for pid, value in rows:
        digest.update(f";{pid}:{value}".encode())
    return digest.hexdigest()[:32]
