"""Plans and sections: create, rename, reorder, delete (in the caller's operation, or one each)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Plan, Project, Section
from services import writer
from services.errors import FieldError, LedgerError, ValidationError
from services.operations import refuse, writing


def create_plan(
    session: Session,
    title: str,
    year_start: int,
    year_end: int | None = None,
    *,
    region: str | None = None,
    doc_number: str | None = None,
    issuer: str | None = None,
    issue_date: date | None = None,
    notes: str | None = None,
) -> Plan:
    title = (title or "").strip()
    errors = []
    if not title:
        errors.append(FieldError(None, "title", title, "标题不能为空 (title must not be blank)"))
    elif session.scalar(select(Plan.id).where(Plan.title == title)):
        errors.append(
            FieldError(None, "title", title, "已有同名方案 (a plan with this title exists)")
        )
    if not 1990 <= year_start <= 2100 or (
        year_end is not None and not year_start <= year_end <= 2100
    ):
        errors.append(FieldError(None, "years", (year_start, year_end), "年份无效 (invalid years)"))
    if errors:
        raise ValidationError(errors)
    with writing(session) as op:
        plan = Plan(
            title=title,
            year_start=year_start,
            year_end=year_end or year_start,
            region=region,
            doc_number=doc_number,
            issuer=issuer,
            issue_date=issue_date,
            notes=notes,
        )
        session.add(plan)
        session.flush()
        op.note("plan", plan_ids=[plan.id], rows=True)
    return plan


def add_section(session: Session, plan_id: int, name: str, position: int | None = None) -> Section:
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            [FieldError(None, "name", name, "分区名称不能为空 (section name must not be blank)")]
        )
    with writing(session) as op:
        position = writer.make_room(session, SECTIONS, plan_id, position, 1)
        section = Section(plan_id=plan_id, name=name, position=position)
        session.add(section)
        session.flush()
        op.note("section", plan_ids=[plan_id], rows=True)
    return section


SECTIONS = writer.Ordered(Section, "plan_id", "section")


def rename_section(session: Session, section_id: int, name: str) -> str:
    """Returns the old name (for undo)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError([FieldError(section_id, "name", name, "分区名称不能为空")])
    with writing(session) as op:
        section = _get(session, section_id)
        old = section.name
        writer.update_rows(session, Section.__table__, {section_id: {"name": name}})
        session.expire(section)
        op.note("section", plan_ids=[section.plan_id])
    return old


def move_section(session: Session, section_id: int, new_position: int) -> int:
    """Move a section to another place in its plan. Returns the old position (for undo)."""
    with writing(session) as op:
        section = _get(session, section_id)
        ordered = list(
            session.scalars(
                select(Section).where(Section.plan_id == section.plan_id).order_by(Section.position)
            )
        )
        old = ordered.index(section)
        ordered.insert(max(0, min(new_position, len(ordered) - 1)), ordered.pop(old))
        writer.place(session, SECTIONS, {item.id: index for index, item in enumerate(ordered)})
        session.expire_all()
        op.note("section", plan_ids=[section.plan_id], rows=True)
    return old


def delete_section(session: Session, section_id: int) -> None:
    """Delete an empty section; a section with projects must be emptied first (nothing is lost)."""
    with writing(session) as op:
        section = _get(session, section_id)
        count = session.scalar(
            select(func.count()).select_from(Project).where(Project.section_id == section_id)
        )
        if count:
            raise LedgerError(
                f"分区“{section.name}”还有 {count} 个项目 (section still has projects)"
            )
        session.delete(section)
        session.flush()
        op.note("section", plan_ids=[section.plan_id], rows=True)


def _get(session: Session, section_id: int) -> Section:
    section = session.get(Section, section_id)
    if section is None:
        raise LedgerError(f"分区不存在 (no such section): {section_id}")
    return section


# The six campaigns of a typical yearly plan, offered (editable) for a new plan.
DEFAULT_SECTIONS = [
    "(一)加快推动绿色低碳发展",
    "(二)深入打好蓝天保卫战",
    "(三)深入打好碧水保卫战",
    "(四)深入打好净土保卫战",
    "(五)打好生态环境安全保卫战",
    "(六)提升治理能力现代化水平",
]

PLAN_FIELDS = (
    "title",
    "region",
    "year_start",
    "year_end",
    "doc_number",
    "issuer",
    "issue_date",
    "notes",
)


def update_plan(session: Session, plan_id: int, values: dict[str, object]) -> dict[str, object]:
    """Write plan metadata in one transaction; returns the old values (for undo)."""
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise LedgerError(f"未知字段 (unknown plan fields): {', '.join(sorted(unknown))}")
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise LedgerError(f"方案不存在 (no such plan): {plan_id}")
    values = dict(values)
    if "title" in values:
        values["title"] = str(values["title"] or "").strip()
    errors = []
    title = values.get("title")
    if "title" in values and not title:
        errors.append(FieldError(plan_id, "title", title, "标题不能为空 (title must not be blank)"))
    elif title and session.scalar(select(Plan.id).where(Plan.title == title, Plan.id != plan_id)):
        errors.append(
            FieldError(plan_id, "title", title, "已有同名方案 (a plan with this title exists)")
        )
    # Any: the dialog gives ints, a script may give text; int() accepts both or says why.
    start: Any = values.get("year_start", plan.year_start)
    end: Any = values.get("year_end", plan.year_end)
    if not 1990 <= int(start) <= 2100 or (end is not None and not int(start) <= int(end) <= 2100):
        errors.append(FieldError(plan_id, "years", (start, end), "年份无效 (invalid years)"))
    if errors:
        raise refuse(session, ValidationError(errors))
    with writing(session) as op:
        old = {key: getattr(plan, key) for key in values}
        if old != values:
            writer.update_rows(session, Plan.__table__, {plan_id: values})
            session.expire(plan)
            op.note("plan", plan_ids=[plan_id])
    return old
