"""Rectifications (问题整改, 附件2 问题排查汇总表): issues found by inspections, closed one by one.

An item has a category (问题类别), a description (内容描述), the towns/streets concerned
(所属镇(街道), kept as printed and as links to units), a deadline and a status: open (未整改),
in progress (整改中) or closed (已销号). Closing (销号) needs a date and an evidence note; the
date defaults to today, and reopening clears it. Edits go through an AuditedTable: one
transaction, audited, inverse returned.

Headless: never import Qt here.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from models import Rectification, RectificationStatus
from services.fields import ColumnKind
from services.parsing import parse_word, split_owner_names
from services.progress import parse_date
from services.records import Column as GridColumn
from services.tracking_source import TableSource, organization_resolver
from services.tracking_table import AuditedTable, Column

STATUS_TEXT = {
    RectificationStatus.OPEN: "未整改",
    RectificationStatus.IN_PROGRESS: "整改中",
    RectificationStatus.CLOSED: "已销号",
}
_STATUS_WORDS = {
    **{text: status for status, text in STATUS_TEXT.items()},
    **{status.value: status for status in RectificationStatus},
    "in progress": RectificationStatus.IN_PROGRESS,
    "未完成": RectificationStatus.OPEN,
    "待整改": RectificationStatus.OPEN,
    "正在整改": RectificationStatus.IN_PROGRESS,
    "整改中": RectificationStatus.IN_PROGRESS,
    "已整改": RectificationStatus.CLOSED,
    "已完成": RectificationStatus.CLOSED,
    "销号": RectificationStatus.CLOSED,
    "完成": RectificationStatus.CLOSED,
}


def parse_status(value: object) -> RectificationStatus:
    return parse_word(
        value,
        RectificationStatus,
        _STATUS_WORDS,
        "状态应为 未整改、整改中 或 已销号 (open, in progress or closed)",
    )


def _date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def _read_towns(obj: Rectification) -> list[str]:
    return split_owner_names(obj.towns_text)


def _parse_towns(value: object) -> list[str]:
    return list(value) if isinstance(value, list) else split_owner_names(value)


def _write_towns(session: Session, obj: Rectification, names: list[str]) -> dict[str, object]:
    """The town link rows; the row keeps the names as written (returned for the writer)."""
    resolver = organization_resolver(session)
    obj.towns = list(dict.fromkeys(resolver.resolve(name) for name in names))
    return {"towns_text": "、".join(names) or None}


def _check(obj: Rectification | None, values: dict) -> list[tuple[str, str]]:
    """销号 needs a date (defaults to today) and an evidence note; reopening clears the date."""
    current_status = obj.status if obj is not None else RectificationStatus.OPEN
    status = values.get("status", current_status)
    closed_on = values.get("closed_on", obj.closed_on if obj is not None else None)
    evidence = values.get("evidence", obj.evidence if obj is not None else None)
    errors = []
    if status == RectificationStatus.CLOSED:
        if closed_on is None:
            values["closed_on"] = date.today()
        if not evidence and "status" in values and current_status != status:
            errors.append(("evidence", "销号需填写整改佐证 (closing needs an evidence note)"))
    elif "closed_on" in values and values["closed_on"] is not None:
        errors.append(("closed_on", "只有已销号的问题才有销号日期 (only closed items have a date)"))
    elif "status" in values and current_status == RectificationStatus.CLOSED and closed_on:
        values["closed_on"] = None
    return errors


RECTIFICATION_TABLE = AuditedTable(
    Rectification,
    "rectification",
    [
        Column("seq_label"),
        Column("category"),
        Column("description", required=True),
        Column("towns", _parse_towns, "、".join, read=_read_towns, write=_write_towns),
        Column("deadline", parse_date, _date_text),
        Column("status", parse_status, lambda v: STATUS_TEXT.get(v, "")),
        Column("closed_on", parse_date, _date_text),
        Column("evidence"),
    ],
    check=_check,
    defaults={"description": "新问题"},
)


class RectificationSource(TableSource):
    topic = "rectifications"
    table = RECTIFICATION_TABLE
    unit_columns = ("towns",)
    search: ClassVar[tuple] = (
        Rectification.category,
        Rectification.description,
        Rectification.towns_text,
        Rectification.evidence,
    )
    sortable: ClassVar[dict] = {
        "deadline": Rectification.deadline,
        "status": Rectification.status,
        "closed_on": Rectification.closed_on,
        "towns": Rectification.towns_text,
    }
    grid_columns: ClassVar[list] = [
        GridColumn("seq_label", "No.", width=44, sortable=False),
        GridColumn("category", "Category", ColumnKind.MULTILINE, width=220, sortable=False),
        GridColumn(
            "description",
            "Description",
            ColumnKind.MULTILINE,
            nullable=False,
            width=320,
            sortable=False,
        ),
        GridColumn("towns", "Towns / streets", ColumnKind.OWNERS, width=160),
        GridColumn("deadline", "Deadline", width=90),
        GridColumn(
            "status",
            "Status",
            ColumnKind.CHOICE,
            nullable=False,
            width=80,
            choices=tuple(m.value for m in RectificationStatus),
        ),
        GridColumn("closed_on", "Closed on", width=90),
        GridColumn("evidence", "Evidence", ColumnKind.MULTILINE, width=200, sortable=False),
    ]

    def __init__(self, plan_id: int | None = None) -> None:
        super().__init__(plan_id)


def close_items(
    session: Session,
    ids: list[int],
    evidence: str,
    on: date | None = None,
    *,
    user: str | None = None,
):
    """销号 several items at once with one date and evidence note (one undo step)."""
    values = {"status": RectificationStatus.CLOSED, "closed_on": on or date.today()}
    if evidence:
        values["evidence"] = evidence
    return RECTIFICATION_TABLE.set_fields(session, {i: dict(values) for i in ids}, user=user)


def rectification_counts(session: Session, plan_id: int, today: date | None = None) -> dict:
    """total / closed / in_progress / open / overdue (past deadline and not closed), in SQL."""
    today = today or date.today()
    closed = Rectification.status == RectificationStatus.CLOSED.value
    row = session.execute(
        select(
            func.count(),
            func.sum(case((closed, 1), else_=0)),
            func.sum(
                case((Rectification.status == RectificationStatus.IN_PROGRESS.value, 1), else_=0)
            ),
            func.sum(case((~closed & (Rectification.deadline < today), 1), else_=0)),
        ).where(Rectification.plan_id == plan_id)
    ).one()
    total, n_closed, n_progress, overdue = (v or 0 for v in row)
    return {
        "total": total,
        "closed": n_closed,
        "in_progress": n_progress,
        "open": total - n_closed - n_progress,
        "overdue": overdue,
    }
