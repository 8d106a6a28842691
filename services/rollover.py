"""Year rollover (年度结转): start next year's plan from this one.

The new plan copies the sections and carries forward every project that is not done (by its
latest report up to the end of the plan's year, or its own status): unfinished one-year
projects and multi-year ones alike. A carried project is marked 续建 (continued), keeps a link
to its original (`carried_from_id`), and plans only the remaining investment (planned −
completed); the original figures go into its remarks so cumulative and this-year money stay
apart. Indicators and key tasks are copied as a starting point and open rectifications carried,
each optional. The new plan links back through `previous_plan_id`. One transaction, audited.

`plan_snapshot` / `restore_plan_snapshot` make the whole thing undoable with the same ids.
Headless: never import Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db.backups import automatic_backup
from models import (
    ConstructionKind,
    Indicator,
    IndicatorValue,
    KeyTask,
    KeyTaskOwner,
    KeyTaskProject,
    Plan,
    ProgressReport,
    Project,
    ProjectOwner,
    ProjectStatus,
    Rectification,
    RectificationStatus,
    RectificationTown,
    Section,
)
from models.base import to_money
from models.tracking import ProjectMilestone
from services.audit import entry
from services.errors import FieldError, LedgerError, ValidationError
from services.operations import writing
from services.progress import latest_reports
from services.tasks import TaskState

_Owner = TypeVar("_Owner", ProjectOwner, KeyTaskOwner)
_Row = TypeVar("_Row", Indicator, KeyTask, Rectification)


@dataclass
class RolloverOptions:
    title: str | None = None  # default: the old title with the year replaced
    year: int | None = None  # default: the year after the old plan ends
    copy_indicators: bool = True
    copy_key_tasks: bool = True
    carry_rectifications: bool = True  # those not closed (销号) yet


@dataclass
class RolloverResult:
    plan_id: int
    title: str
    carried: list[tuple[int, int]] = field(default_factory=list)  # (old id, new id)
    finished: int = 0  # projects left behind because they are done
    remaining_investment_wan: Decimal = Decimal("0.00")
    indicators: int = 0
    key_tasks: int = 0
    rectifications: int = 0


def next_title(title: str, old_year: int, new_year: int) -> str:
    if str(old_year) in title:
        return title.replace(str(old_year), str(new_year))
    return f"{title}（{new_year}）"


def is_done(status: ProjectStatus | None, pct: Decimal | None) -> bool:
    return status == ProjectStatus.DONE or (pct is not None and pct >= 100)


@dataclass(frozen=True)
class CarryPlan:
    """What rollover would do for one project (shown in the dialog before it runs)."""

    project_id: int
    name: str
    carried: bool
    planned_wan: Decimal | None
    completed_wan: Decimal | None
    remaining_wan: Decimal | None


def preview(session: Session, plan_id: int, as_of: date | None = None) -> list[CarryPlan]:
    """Which projects would be carried and with how much money."""
    plan = _plan(session, plan_id)
    as_of = as_of or date((plan.year_end or plan.year_start), 12, 31)
    projects = list(
        session.execute(
            select(
                Project.id,
                Project.name,
                Project.status,
                Project.planned_investment_wan,
                Project.position,
                Section.position.label("section_position"),
            )
            .join(Section, Section.id == Project.section_id)
            .where(Project.plan_id == plan_id)
            .order_by(Section.position, Project.position)
        )
    )
    ids = [p.id for p in projects]
    reports = latest_reports(session, ids, as_of)
    # The project's own status says "now"; with reports only after the year end it is not
    # evidence of the state at the year end, so such a project counts as unfinished then.
    reported_later = set(latest_reports(session, ids)) - set(reports)
    out = []
    for p in projects:
        report = reports.get(p.id)
        if report and report.status:
            status = report.status
        elif p.id in reported_later:
            status = None
        else:
            status = p.status
        pct = report.progress_pct if report else None
        completed = report.completed_investment_wan if report else None
        carried = not is_done(status, pct)
        remaining = None
        if p.planned_investment_wan is not None:
            remaining = max(to_money(0), p.planned_investment_wan - (completed or to_money(0)))
        out.append(CarryPlan(p.id, p.name, carried, p.planned_investment_wan, completed, remaining))
    return out


def rollover(
    state: TaskState | None,
    session: Session,
    plan_id: int,
    options: RolloverOptions | None = None,
    *,
    user: str | None = None,
) -> RolloverResult:
    """Create next year's plan from `plan_id`. Raises ValidationError when the title is taken."""
    state = state or TaskState()
    options = options or RolloverOptions()
    old = _plan(session, plan_id)
    old_last = old.year_end or old.year_start
    year = options.year or old_last + 1
    title = (options.title or next_title(old.title, old.year_start, year)).strip()
    if not title or session.scalar(select(Plan.id).where(Plan.title == title)):
        raise ValidationError(
            [FieldError(None, "title", title, "已有同名方案或标题为空 (title taken or blank)")]
        )
    if not 1990 <= year <= 2100:
        raise ValidationError([FieldError(None, "year", year, "年份无效 (invalid year)")])
    plans = preview(session, plan_id)
    automatic_backup(session.get_bind(), "rollover")
    with writing(session, user=user) as op:
        user = user or op.author
        new = Plan(
            title=title,
            region=old.region,
            year_start=year,
            year_end=year,
            issuer=old.issuer,
            notes=next_title(old.notes, old.year_start, year) if old.notes else None,
            previous_plan_id=old.id,
        )
        session.add(new)
        session.flush()
        session.add(entry("insert", "plan", new.id, "previous_plan_id", None, old.id, user))
        result = RolloverResult(new.id, title)
        sections = {}
        for section in session.scalars(
            select(Section).where(Section.plan_id == old.id).order_by(Section.position)
        ):
            copy = Section(plan_id=new.id, position=section.position, name=section.name)
            session.add(copy)
            sections[section.id] = copy
        session.flush()
        by_id = {p.project_id: p for p in plans}
        originals = session.scalars(
            select(Project).where(Project.plan_id == old.id).order_by(Project.id)
        ).all()
        positions: dict[int, int] = {}
        for index, original in enumerate(originals):
            if index % 500 == 0:
                state.progress(index, len(originals), "")
            carry = by_id[original.id]
            if not carry.carried:
                result.finished += 1
                continue
            project = _carried_copy(original, carry, sections, positions, year)
            session.add(project)
            session.flush()
            result.carried.append((original.id, project.id))
            if carry.remaining_wan is not None:
                result.remaining_investment_wan += carry.remaining_wan
            session.add(
                entry("insert", "project", project.id, "carried_from_id", None, original.id, user)
            )
        if options.copy_indicators:
            result.indicators = _copy_indicators(session, old.id, new.id)
        if options.copy_key_tasks:
            result.key_tasks = _copy_key_tasks(session, old.id, new.id)
        if options.carry_rectifications:
            result.rectifications = _carry_rectifications(session, old.id, new.id)
        _note_plan(op, new.id)
    state.progress(1, 1, "")
    return result


def _carried_copy(original: Project, carry: CarryPlan, sections, positions, year) -> Project:
    section = sections[original.section_id]
    position = positions.get(section.id, 0)
    positions[section.id] = position + 1
    note = None
    if original.planned_investment_wan is not None:
        completed = carry.completed_wan if carry.completed_wan is not None else to_money(0)
        note = (
            f"续建：原计划投资 {original.planned_investment_wan:.2f} 万元，"
            f"累计完成 {completed:.2f} 万元，本年安排剩余 {carry.remaining_wan:.2f} 万元"
        )
    remarks = "\n".join(t for t in (original.remarks, note) if t) or None
    started = carry.completed_wan or original.status == ProjectStatus.IN_PROGRESS
    project = Project(
        plan_id=section.plan_id,
        section_id=section.id,
        position=position,
        seq_label=str(position + 1),
        project_type=original.project_type,
        name=original.name,
        content=original.content,
        quantity=original.quantity,
        planned_investment_wan=carry.remaining_wan,
        start_year=original.start_year or year,
        end_year=max(original.end_year or year, year),
        status=ProjectStatus.IN_PROGRESS if started else ProjectStatus.PLANNED,
        construction_kind=ConstructionKind.CONTINUED,
        remarks=remarks,
        owners_text=original.owners_text,
        carried_from_id=original.id,
    )
    project.owners.extend(_owner_copies(original.owners, ProjectOwner))
    return project


def _owner_copies(owners: Iterable, kind: type[_Owner]) -> list[_Owner]:
    """The same units in the same roles and order, as new owner rows of `kind`."""
    return [
        kind(position=o.position, organization_id=o.organization_id, role=o.role) for o in owners
    ]


def _copy_indicators(session: Session, old_id: int, new_id: int) -> int:
    count = 0
    for item in session.scalars(
        select(Indicator).where(Indicator.plan_id == old_id).order_by(Indicator.position)
    ):
        session.add(_copied(item, Indicator, INDICATOR_COPIED, plan_id=new_id))
        count += 1
    return count


def _copy_key_tasks(session: Session, old_id: int, new_id: int) -> int:
    count = 0
    for task in session.scalars(
        select(KeyTask).where(KeyTask.plan_id == old_id).order_by(KeyTask.position)
    ):
        copy = _copied(task, KeyTask, KEY_TASK_COPIED, plan_id=new_id)
        copy.owners.extend(_owner_copies(task.owners, KeyTaskOwner))
        session.add(copy)
        count += 1
    return count


def _carry_rectifications(session: Session, old_id: int, new_id: int) -> int:
    count = 0
    open_items = session.scalars(
        select(Rectification)
        .where(
            Rectification.plan_id == old_id,
            Rectification.status != RectificationStatus.CLOSED.value,
        )
        .order_by(Rectification.position)
    )
    for position, item in enumerate(open_items):
        copy = _copied(item, Rectification, RECTIFICATION_COPIED, plan_id=new_id, position=position)
        copy.towns = list(item.towns)
        session.add(copy)
        count += 1
    return count


# What a new plan takes over from the old one's rows, column by column.
INDICATOR_COPIED = ("position", "name", "unit", "direction", "target", "notes")
KEY_TASK_COPIED = ("position", "seq_label", "campaign", "task")
RECTIFICATION_COPIED = (
    "seq_label",
    "category",
    "description",
    "towns_text",
    "deadline",
    "status",
    "evidence",
)


def _copied(item: object, kind: type[_Row], columns: tuple[str, ...], **values: object) -> _Row:
    """A new `kind` row with `columns` taken from `item`, and `values` set."""
    return kind(**{column: getattr(item, column) for column in columns}, **values)


def _plan(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise LedgerError(f"方案不存在 (no such plan): {plan_id}")
    return plan


# ---------------------------------------------------------------- undo: a whole plan's rows


@dataclass
class PlanSnapshot:
    """Every row that belongs to one plan, by table, in insert order (for undo of rollover)."""

    plan_id: int
    tables: list[tuple[str, list[dict]]]


def _plan_tables():
    """(table, how to select its rows for a plan) in dependency order."""

    def by_plan(model):
        return lambda plan_id: select(model.__table__).where(model.plan_id == plan_id)

    def by_parent(model, column, parent):
        return lambda plan_id: select(model.__table__).where(
            column.in_(select(parent.id).where(parent.plan_id == plan_id))
        )

    return [
        (Plan.__table__, lambda plan_id: select(Plan.__table__).where(Plan.id == plan_id)),
        (Section.__table__, by_plan(Section)),
        (Project.__table__, by_plan(Project)),
        (ProjectOwner.__table__, by_parent(ProjectOwner, ProjectOwner.project_id, Project)),
        (ProgressReport.__table__, by_parent(ProgressReport, ProgressReport.project_id, Project)),
        (
            ProjectMilestone.__table__,
            by_parent(ProjectMilestone, ProjectMilestone.project_id, Project),
        ),
        (Indicator.__table__, by_plan(Indicator)),
        (
            IndicatorValue.__table__,
            by_parent(IndicatorValue, IndicatorValue.indicator_id, Indicator),
        ),
        (KeyTask.__table__, by_plan(KeyTask)),
        (KeyTaskOwner.__table__, by_parent(KeyTaskOwner, KeyTaskOwner.key_task_id, KeyTask)),
        (KeyTaskProject.__table__, by_parent(KeyTaskProject, KeyTaskProject.key_task_id, KeyTask)),
        (Rectification.__table__, by_plan(Rectification)),
        (
            RectificationTown.__table__,
            by_parent(RectificationTown, RectificationTown.rectification_id, Rectification),
        ),
    ]


def delete_plan(session: Session, plan_id: int, *, user: str | None = None) -> PlanSnapshot:
    """Delete a plan with everything in it; the snapshot puts it all back with the same ids."""
    _plan(session, plan_id)
    tables = []
    with writing(session, user=user) as op:
        user = user or op.author
        for table, select_rows in _plan_tables():
            rows = [dict(r._mapping) for r in session.execute(select_rows(plan_id))]
            tables.append((table.name, rows))
        # Projects of other plans carried from this one keep existing; their link is cut
        # by the database (ON DELETE SET NULL), as a deleted plan should.
        session.execute(delete(Plan).where(Plan.id == plan_id))
        session.add(entry("delete", "plan", plan_id, None, None, None, user))
        _note_plan(op, plan_id)
    session.expire_all()
    return PlanSnapshot(plan_id, tables)


def restore_plan_snapshot(
    session: Session, snapshot: PlanSnapshot, *, user: str | None = None
) -> int:
    metadata = Plan.metadata
    with writing(session, user=user) as op:
        user = user or op.author
        for name, rows in snapshot.tables:
            if rows:
                session.execute(insert(metadata.tables[name]), rows)
        session.add(entry("insert", "plan", snapshot.plan_id, None, None, None, user))
        _note_plan(op, snapshot.plan_id)
    session.expire_all()
    return snapshot.plan_id


def _note_plan(op, plan_id: int) -> None:
    """A whole plan came or went: every table of it, every view."""
    for table, _rows in _plan_tables():
        op.note(table.name, plan_ids=[plan_id], rows=True, totals=True)


def rolled_from(session: Session, plan_id: int) -> int | None:
    return session.scalar(select(Plan.previous_plan_id).where(Plan.id == plan_id))
