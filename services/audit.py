"""Audit history (修改记录): writing audit lines of the tracking records and reading history.

Every write of a progress report, indicator, key task or rectification leaves one line per
field per record in the same transaction (services.tracking_table, or `record_changes`
directly); lines are built by services.writer so that projects and tracking rows share one
format. Progress reports and milestones are audited under the *project's* id (entity
"progress_report" / "project_milestone", field "2023Q2/completed_investment_wan") so that a
project's history stays browsable even after a report is deleted.
Headless: never import Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models import AuditEntry
from services.writer import audit_line

# Entities whose audit rows carry a project id (browsable per project).
PROJECT_ENTITIES = ("project", "progress_report", "project_milestone", "key_task_project")


def entry(
    action: str,
    entity: str,
    entity_id: int,
    field_key: str | None,
    old: object,
    new: object,
    user: str,
) -> AuditEntry:
    """One audit line as an ORM object (written with the session's next flush)."""
    return AuditEntry(**audit_line(action, entity, entity_id, field_key, old, new, user=user))


def record_changes(
    session: Session,
    entity: str,
    entity_id: int,
    changes: Mapping[str, tuple[object, object]],
    user: str,
    *,
    action: str = "update",
    prefix: str = "",
) -> None:
    """One audit row per changed field: {field: (old, new)}, flushed in order with the
    record's own ORM writes."""
    session.add_all(
        entry(action, entity, entity_id, f"{prefix}{key}", old, new, user)
        for key, (old, new) in changes.items()
    )


# ---------------------------------------------------------------- reading the history


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: int
    field: str | None
    old_value: str | None
    new_value: str | None


def _rows(session: Session, statement) -> list[AuditRow]:
    return [
        AuditRow(
            r.id, r.at, r.user, r.action, r.entity, r.entity_id, r.field, r.old_value, r.new_value
        )
        for r in session.scalars(statement)
    ]


def project_history(session: Session, project_id: int, limit: int = 2000) -> list[AuditRow]:
    """Everything recorded about one project, newest first (fields, progress, milestones)."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.entity.in_(PROJECT_ENTITIES), AuditEntry.entity_id == project_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return _rows(session, statement)


def entity_history(
    session: Session, entity: str, entity_id: int, limit: int = 2000
) -> list[AuditRow]:
    statement = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return _rows(session, statement)


def history_count(session: Session, entities: Iterable[str] | None = None) -> int:
    statement = select(func.count()).select_from(AuditEntry)
    if entities is not None:
        statement = statement.where(or_(*(AuditEntry.entity == e for e in entities)))
    return session.scalar(statement) or 0
