"""Key tasks (重点任务) and the responsibility decomposition table (工作任务责任分解表).

A row: 序号 | 工作内容 (the campaign, e.g. "(二)深入打好蓝天保卫战") | 工作任务 | 牵头单位 |
配合单位. Lead and cooperating units are kept as links to organizations (aliases resolve to one
unit: "资规分局" → 钟楼自然资源和规划分局). Projects that implement a task are linked to it;
the links are audited under the project's id too, so a project's history shows them.
Edits go through an AuditedTable: one transaction, audited, inverse returned.

Headless: never import Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from models import KeyTask, KeyTaskOwner, KeyTaskProject, OwnerRole, Project
from services.audit import entry
from services.errors import LedgerError
from services.fields import ColumnKind
from services.operations import writing
from services.parsing import split_owner_names
from services.records import Column as GridColumn
from services.tracking_source import TableSource, organization_resolver
from services.tracking_table import AuditedTable, Column


def _names(value: object) -> list[str]:
    return list(value) if isinstance(value, list) else split_owner_names(value)


def _read_role(role: OwnerRole):
    def read(task: KeyTask) -> list[str]:
        return [o.organization.name for o in task.owners if o.role == role]

    return read


def _write_role(role: OwnerRole):
    """Rewrite the task's owners: leads first, then cooperating units, names resolved."""

    def write(session: Session, task: KeyTask, names: list[str]) -> None:
        resolver = organization_resolver(session)
        lead = _read_role(OwnerRole.LEAD)(task) if role != OwnerRole.LEAD else names
        cooperating = (
            _read_role(OwnerRole.COOPERATING)(task) if role != OwnerRole.COOPERATING else names
        )
        task.owners.clear()
        session.flush()
        seen: set[int] = set()
        position = 0
        for owner_role, group in ((OwnerRole.LEAD, lead), (OwnerRole.COOPERATING, cooperating)):
            for name in group:
                org = resolver.resolve(name)
                session.flush()
                if org.id in seen:
                    continue  # a unit named twice keeps its first (stronger) role
                seen.add(org.id)
                task.owners.append(
                    KeyTaskOwner(position=position, organization=org, role=owner_role)
                )
                position += 1

    return write


def _owners_column(key: str, role: OwnerRole) -> Column:
    """The task's units of one role: names typed or pasted, stored as owner rows."""
    return Column(
        key,
        _names,
        "、".join,
        read=_read_role(role),
        write=_write_role(role),
        canonical=lambda session, names: canonical_unit_names(session, names),
    )


KEY_TASK_TABLE = AuditedTable(
    KeyTask,
    "key_task",
    [
        Column("seq_label"),
        Column("campaign"),
        Column("task", required=True),
        _owners_column("lead", OwnerRole.LEAD),
        _owners_column("cooperating", OwnerRole.COOPERATING),
    ],
    defaults={"task": "新任务"},
)


class KeyTaskSource(TableSource):
    """The decomposition table of one plan as a grid (+ the number of linked projects)."""

    topic = "tasks"
    table = KEY_TASK_TABLE
    unit_columns = ("lead", "cooperating")
    search: ClassVar[tuple] = (KeyTask.campaign, KeyTask.task, KeyTask.seq_label)
    grid_columns: ClassVar[list] = [
        GridColumn("seq_label", "No.", width=44, sortable=False),
        GridColumn("campaign", "Work area", width=200, sortable=False),
        GridColumn("task", "Task", ColumnKind.MULTILINE, nullable=False, width=380, sortable=False),
        GridColumn("lead", "Lead unit", ColumnKind.OWNERS, width=150, sortable=False),
        GridColumn(
            "cooperating", "Cooperating units", ColumnKind.OWNERS, width=220, sortable=False
        ),
        GridColumn("projects", "Linked projects", editable=False, sortable=False, width=90),
    ]

    def extra_values(self, session: Session, ids: list[int]) -> dict[int, dict[str, object]]:
        counts = linked_counts(session, ids)
        return {i: {"projects": counts.get(i, 0)} for i in ids}

    def edit_text(self, row, key: str) -> str:
        if key == "projects":
            return str(row.values.get("projects") or "")
        return super().edit_text(row, key)


def canonical_unit_names(session: Session, names: Iterable[str]) -> list[str]:
    """Names as the ledger prints them (aliases resolved; unknown names kept as typed)."""
    resolver = organization_resolver(session)
    out = []
    for name in names:
        org = resolver.find(name)
        out.append(org.name if org else name)
    return out


# ---------------------------------------------------------------- linking projects


def linked_counts(session: Session, task_ids: Sequence[int]) -> dict[int, int]:
    if not task_ids:
        return {}
    rows = session.execute(
        select(KeyTaskProject.key_task_id, func.count())
        .where(KeyTaskProject.key_task_id.in_(list(task_ids)))
        .group_by(KeyTaskProject.key_task_id)
    )
    return dict(rows.all())


def linked_projects(session: Session, task_id: int) -> list[tuple[int, str, str | None]]:
    """(project id, name, 序号) of the projects implementing a task, in table order."""
    rows = session.execute(
        select(Project.id, Project.name, Project.seq_label)
        .join(KeyTaskProject, KeyTaskProject.project_id == Project.id)
        .where(KeyTaskProject.key_task_id == task_id)
        .order_by(Project.section_id, Project.position)
    )
    return [(pid, name, seq) for pid, name, seq in rows]


def tasks_of_project(session: Session, project_id: int) -> list[tuple[int, str | None, str]]:
    rows = session.execute(
        select(KeyTask.id, KeyTask.seq_label, KeyTask.task)
        .join(KeyTaskProject, KeyTaskProject.key_task_id == KeyTask.id)
        .where(KeyTaskProject.project_id == project_id)
        .order_by(KeyTask.position)
    )
    return [(tid, seq, task) for tid, seq, task in rows]


def set_links(
    session: Session,
    task_id: int,
    add: Iterable[int] = (),
    remove: Iterable[int] = (),
    *,
    user: str | None = None,
) -> tuple[list[int], list[int]]:
    """Link and unlink projects in one transaction. Returns (added, removed) that actually
    changed; undo is `set_links(task, add=removed, remove=added)`."""
    add, remove = list(dict.fromkeys(add)), list(dict.fromkeys(remove))
    task = session.get(KeyTask, task_id)
    if task is None:
        raise LedgerError(f"任务不存在 (no such task): {task_id}")
    current = {
        pid
        for (pid,) in session.execute(
            select(KeyTaskProject.project_id).where(KeyTaskProject.key_task_id == task_id)
        )
    }
    wanted = [p for p in add if p not in current]
    if wanted:
        found = set(session.scalars(select(Project.id).where(Project.id.in_(wanted))))
        missing = [p for p in wanted if p not in found]
        if missing:
            raise LedgerError(f"项目不存在 (no such project): {missing[0]}")
    dropped = [p for p in remove if p in current]
    label = task.seq_label or str(task.position + 1)
    with writing(session, user=user) as op:
        user = user or op.author
        if wanted:
            session.execute(
                insert(KeyTaskProject), [{"key_task_id": task_id, "project_id": p} for p in wanted]
            )
        if dropped:
            session.execute(
                delete(KeyTaskProject).where(
                    KeyTaskProject.key_task_id == task_id, KeyTaskProject.project_id.in_(dropped)
                )
            )
        for pid in wanted:
            session.add(entry("insert", "key_task_project", pid, "key_task", None, label, user))
            session.add(entry("update", "key_task", task_id, "projects", None, pid, user))
        for pid in dropped:
            session.add(entry("delete", "key_task_project", pid, "key_task", label, None, user))
            session.add(entry("update", "key_task", task_id, "projects", pid, None, user))
        if wanted or dropped:
            op.note("key_task_project", plan_ids=[task.plan_id])
    return wanted, dropped


# ---------------------------------------------------------------- the decomposition table


def decomposition_rows(session: Session, plan_id: int) -> list[dict[str, str]]:
    """The table as printed: 序号, 工作内容, 工作任务, 牵头单位, 配合单位 (for export)."""
    source = KeyTaskSource(plan_id)
    ids = source.ids(session, None)
    rows = []
    for record in source.rows(session, list(ids)):
        rows.append(
            {
                "seq_label": source.edit_text(record, "seq_label"),
                "campaign": source.edit_text(record, "campaign"),
                "task": source.edit_text(record, "task"),
                "lead": source.edit_text(record, "lead"),
                "cooperating": source.edit_text(record, "cooperating"),
            }
        )
    return rows


def task_count(session: Session, plan_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(KeyTask).where(KeyTask.plan_id == plan_id))
        or 0
    )
