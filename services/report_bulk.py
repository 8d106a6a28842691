"""New progress reports in bulk: a return round's 90,000 first answers for a period.

services.progress.set_reports writes one ORM report (and one status look-up) per project —
right for a grid edit, about 5 ms a project. A round typically brings a period's *first*
report for most projects; those are inserted here with one executemany and one audit
executemany, with the same audit lines and the same inverse (the `DELETE` marker) as
set_reports. Everything else — a report that exists already, a status (which set_reports
copies to the project), a project whose earlier reports carry a status — goes through
set_reports unchanged. Both run in the caller's operation. Headless: never import Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import cast

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from models import ProgressReport, Project
from services import progress
from services.errors import FieldError, ValidationError
from services.ledger import ChangeSet
from services.operations import writing
from services.writer import audit_line, chunks, write_audit

BATCH = 5000


def set_reports_fast(
    session: Session,
    period: progress.ReportPeriod | str,
    changes: Mapping[int, Mapping[str, object]],
    *,
    user: str | None = None,
) -> ChangeSet:
    """Same contract as progress.set_reports (typed values, one ChangeSet with its inverse)."""
    p = progress.parse_report_period(period)
    parsed, errors = progress.parse_changes(changes)
    if errors:
        raise ValidationError(errors)
    deletes = [pid for pid, values in parsed.items() if set(values) == {progress.DELETE}]
    ids = [pid for pid, values in parsed.items() if not {"status", progress.DELETE} & set(values)]
    fresh = set(ids) - _with_report_or_status(session, p.label, ids)
    rest = {pid: changes[pid] for pid in parsed if pid not in fresh and pid not in deletes}
    with writing(session, user=user) as op:
        author = user or op.author
        change = progress.set_reports(session, p, rest, user=user) if rest else ChangeSet()
        _delete(session, p.label, deletes, change, author)
        rows, lines = [], []
        planned = _planned(session, sorted(fresh))
        for pid in sorted(fresh):
            values = {k: v for k, v in parsed[pid].items() if v not in (None, False)}
            if not values:
                continue
            # parsed money is a Decimal (parse_money)
            completed = cast(Decimal | None, values.get("completed_investment_wan"))
            limit = planned.get(pid)
            over = completed is not None and limit is not None and completed > limit
            if over and not values.get("over_plan_confirmed"):
                raise ValidationError(
                    [
                        FieldError(
                            pid,
                            "completed_investment_wan",
                            str(completed),
                            f"完成投资超过计划投资 {limit:.2f} 万元 (completed exceeds planned)",
                        )
                    ]
                )
            rows.append(
                {
                    "project_id": pid,
                    "period": p.label,
                    "period_end": p.end,
                    "over_plan_confirmed": False,
                    **values,
                }
            )
            lines.append(audit_line("insert", "progress_report", pid, p.label, user=author))
            lines += [
                audit_line(
                    "insert",
                    "progress_report",
                    pid,
                    f"{p.label}/{key}",
                    None,
                    progress.report_text(key, value) or None,
                    user=author,
                )
                for key, value in values.items()
            ]
            change.changed_ids.add(pid)
            change.fields.update(values)
            change.inverse[pid] = {progress.DELETE: True}
            if len(rows) >= BATCH:  # bounded memory: 90,000 reports make 450,000 audit lines
                _insert(session, rows, lines)
        _insert(session, rows, lines)
        if change:
            change.plan_ids |= set(_plans(session, list(change.changed_ids)))
            op.wrote(progress.report_writes(p.label), change.changed_ids)
            op.note("progress_report", plan_ids=change.plan_ids)
            op.note("project", ids=change.changed_ids, fields=change.fields)
    return change


def _insert(session: Session, rows: list[dict], lines: list[dict]) -> None:
    """One executemany per set of columns given, then the audit lines; both lists emptied."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    for same in groups.values():
        session.execute(insert(ProgressReport.__table__), same)
    write_audit(session, lines)
    rows.clear()
    lines.clear()


def _delete(session: Session, label: str, ids: list[int], change: ChangeSet, author: str) -> None:
    """Remove this period's reports of `ids` (the undo of a bulk insert), audited per field."""
    columns = [getattr(ProgressReport, k) for k in progress.REPORT_FIELDS]
    lines, report_ids = [], []
    for chunk in chunks(ids):
        statement = select(ProgressReport.id, ProgressReport.project_id, *columns).where(
            ProgressReport.project_id.in_(chunk), ProgressReport.period == label
        )
        for row in session.execute(statement):
            old = {k: getattr(row, k) for k in progress.REPORT_FIELDS}
            old = {k: v for k, v in old.items() if v not in (None, False)}
            report_ids.append(row.id)
            lines += [
                audit_line(
                    "delete",
                    "progress_report",
                    row.project_id,
                    f"{label}/{key}",
                    progress.report_text(key, value) or None,
                    None,
                    user=author,
                )
                for key, value in old.items()
            ]
            change.changed_ids.add(row.project_id)
            change.fields.update(old)
            change.inverse[row.project_id] = old or {"progress_pct": None}
    for chunk in chunks(report_ids):
        session.execute(delete(ProgressReport).where(ProgressReport.id.in_(chunk)))
    write_audit(session, lines)


def _with_report_or_status(session: Session, label: str, ids: list[int]) -> set[int]:
    """Projects that have this period's report already, or any report with a status."""
    found: set[int] = set()
    for chunk in chunks(ids):
        found.update(
            session.scalars(
                select(ProgressReport.project_id).where(
                    ProgressReport.project_id.in_(chunk),
                    (ProgressReport.period == label) | ProgressReport.status.is_not(None),
                )
            )
        )
    return found


def _planned(session: Session, ids: list[int]) -> dict[int, Decimal | None]:
    found: dict[int, Decimal | None] = {}
    for chunk in chunks(ids):
        found.update(
            session.execute(
                select(Project.id, Project.planned_investment_wan).where(Project.id.in_(chunk))
            ).all()
        )
    return found


def _plans(session: Session, ids: list[int]) -> list[int]:
    plans: set[int] = set()
    for chunk in chunks(ids):
        plans.update(session.scalars(select(Project.plan_id).where(Project.id.in_(chunk))))
    return list(plans)
