"""Writing progress reports: `set_reports` validates a whole batch, then creates, updates or
deletes one period's reports, audits each field and keeps the project's status in step with
its latest report. Returns a ChangeSet whose inverse undoes it through the same call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ProgressReport, Project, ProjectStatus
from services import writer
from services.audit import entry, record_changes
from services.errors import FieldError, ValidationError
from services.fields import FIELDS
from services.ledger import PROJECTS, ChangeSet
from services.operations import refuse, writing
from services.progress.periods import ReportPeriod, parse_report_period
from services.progress.values import REPORT_FIELDS, REPORT_PARSERS, report_text

DELETE = "_delete"  # inverse marker: the report did not exist, undo removes it
PROJECT_STATUS = "_project_status"  # inverse marker: the project's status before the sync
REPORT_WRITES = "progress_report_of"  # Operation.wrote key prefix: a period's reports, by project


def report_writes(label: str) -> str:
    """The Operation.wrote key of one period's reports (row ids are project ids)."""
    return f"{REPORT_WRITES}:{label}"


def parse_changes(
    changes: Mapping[int, Mapping[str, object]],
) -> tuple[dict[int, dict[str, object]], list[FieldError]]:
    parsed: dict[int, dict[str, object]] = {}
    errors: list[FieldError] = []
    for project_id, values in changes.items():
        for key, raw in values.items():
            if key in (DELETE, PROJECT_STATUS):
                parsed.setdefault(project_id, {})[key] = raw
                continue
            parser = REPORT_PARSERS.get(key)
            if parser is None:
                errors.append(FieldError(project_id, key, raw, "未知字段 (unknown field)"))
                continue
            try:
                parsed.setdefault(project_id, {})[key] = parser(raw)
            except ValueError as exc:
                errors.append(FieldError(project_id, key, raw, str(exc)))
    return parsed, errors


def _report_values(report: ProgressReport | None) -> dict[str, object]:
    if report is None:
        return {}
    return {key: getattr(report, key) for key in REPORT_FIELDS}


def set_reports(
    session: Session,
    period: ReportPeriod | str,
    changes: Mapping[int, Mapping[str, object]],
    *,
    user: str | None = None,
) -> ChangeSet:
    """Write report fields for one period: {project_id: {field: value}} (text or typed).

    A report is created on first write. `{pid: {DELETE: True}}` deletes that period's report.
    Validates everything first; raises ValidationError (located by project id and field) and
    writes nothing when any value is refused.
    """
    p = parse_report_period(period)
    parsed, errors = parse_changes(changes)
    ids = list(parsed)
    projects = _projects(session, ids)
    reports = _reports(session, p.label, ids)
    errors += _refusals(parsed, projects, reports)
    if errors:
        raise refuse(session, ValidationError(errors))

    changeset = ChangeSet()
    with writing(session, user=user) as op:
        user = user or op.author
        for pid, values in parsed.items():
            project = projects[pid]
            report = reports.get(pid)
            if values.get(DELETE):
                inverse = _delete_report(session, p, pid, report, user)
            else:
                inverse = _write_report(session, p, pid, report, values, user)
            if inverse is None:
                continue  # nothing written
            _sync_project_status(session, project, values, inverse, user)
            changeset.changed_ids.add(pid)
            changeset.fields.update(k for k in values if k not in (PROJECT_STATUS,))
            changeset.inverse[pid] = inverse
            changeset.plan_ids.add(project.plan_id)
        if changeset:
            op.wrote(report_writes(p.label), changeset.changed_ids)
            op.note("progress_report", plan_ids=changeset.plan_ids)
            # The progress tab lists projects, and a report may set the project's status.
            op.note("project", ids=changeset.changed_ids, fields=changeset.fields)
    return changeset


def _refusals(
    parsed: dict[int, dict[str, object]],
    projects: dict[int, Project],
    reports: dict[int, ProgressReport],
) -> list[FieldError]:
    """Unknown projects, and completed investment above the planned one unless confirmed."""
    errors = []
    for pid, values in parsed.items():
        project = projects.get(pid)
        if project is None:
            errors.append(FieldError(pid, "project", pid, "项目不存在 (no such project)"))
            continue
        if values.get(DELETE):
            continue
        merged = {**_report_values(reports.get(pid)), **values}
        completed = cast(Decimal | None, merged.get("completed_investment_wan"))  # parsed money
        planned = project.planned_investment_wan
        if (
            completed is not None
            and planned is not None
            and completed > planned
            and not merged.get("over_plan_confirmed")
        ):
            errors.append(
                FieldError(
                    pid,
                    "completed_investment_wan",
                    str(completed),
                    f"完成投资超过计划投资 {planned:.2f} 万元，需明确确认超计划 "
                    "(completed exceeds planned; confirm explicitly)",
                )
            )
    return errors


def _delete_report(
    session: Session, p: ReportPeriod, pid: int, report: ProgressReport | None, user: str
) -> dict[str, object] | None:
    """Deletes the period's report; its inverse brings it back (None: there was none)."""
    if report is None:
        return None
    removed = _report_values(report)
    inverse = {k: v for k, v in removed.items() if v not in (None, False)}
    inverse.setdefault("progress_pct", None)  # an empty report still comes back
    record_changes(
        session,
        "progress_report",
        pid,
        _audit_texts({k: (v, None) for k, v in inverse.items() if v is not None}),
        user,
        action="delete",
        prefix=f"{p.label}/",
    )
    session.delete(report)
    session.flush()
    return inverse


def _write_report(
    session: Session,
    p: ReportPeriod,
    pid: int,
    report: ProgressReport | None,
    values: dict[str, object],
    user: str,
) -> dict[str, object] | None:
    """Creates or updates the period's report; returns its inverse, None when nothing changed
    (clearing a cell of a project without a report creates nothing)."""
    fresh = report is None
    real = [v for k, v in values.items() if k not in (DELETE, PROJECT_STATUS)]
    if fresh and all(v in (None, False) for v in real):
        return None
    if report is None:
        report = ProgressReport(project_id=pid, period=p.label, period_end=p.end)
        session.add(report)
    diff = _apply_values(report, values, fresh)
    if not fresh and diff:
        writer.update_rows(
            session, ProgressReport.__table__, {report.id: {k: n for k, (_o, n) in diff.items()}}
        )
        session.expire(report)
    inverse: dict[str, object]
    if fresh:
        inverse = {DELETE: True}
        session.add(entry("insert", "progress_report", pid, p.label, None, None, user))
    else:
        inverse = {k: old for k, (old, _new) in diff.items()}
    if not diff and not fresh:
        return None
    record_changes(
        session,
        "progress_report",
        pid,
        _audit_texts(diff),
        user,
        action="insert" if fresh else "update",
        prefix=f"{p.label}/",
    )
    session.flush()
    return inverse


def _apply_values(
    report: ProgressReport, values: dict[str, object], fresh: bool
) -> dict[str, tuple[object, object]]:
    """(old, new) per field that changes; a fresh report gets its values set here, an existing
    one is updated by the caller through the row writer."""
    diff = {}
    for key, new in values.items():
        if key in (DELETE, PROJECT_STATUS):
            continue
        old = None if fresh else getattr(report, key)
        if key == "over_plan_confirmed":
            old = bool(old)
        if old == new and not fresh:
            continue
        if fresh:
            setattr(report, key, new)
        if old != new:
            diff[key] = (old, new)
    return diff


def _audit_texts(diff: dict[str, tuple]) -> dict[str, tuple]:
    """Audit values as the grid shows them (在建, 45, 2023-06-25), so they parse back."""
    return {
        key: (report_text(key, old) or None, report_text(key, new) or None)
        for key, (old, new) in diff.items()
    }


def _sync_project_status(
    session: Session, project: Project, values: dict, inverse: dict, user: str
) -> None:
    """The latest report's status is the project's status; an undo restores the old one."""
    if PROJECT_STATUS in values:
        target = values[PROJECT_STATUS]
    else:
        target = session.scalar(
            select(ProgressReport.status)
            .where(ProgressReport.project_id == project.id, ProgressReport.status.is_not(None))
            .order_by(ProgressReport.period_end.desc(), ProgressReport.id.desc())
            .limit(1)
        )
        if target is None:
            return
    target = ProjectStatus(target)
    if project.status != target:
        inverse[PROJECT_STATUS] = project.status
        session.add(
            entry(
                "update",
                "project",
                project.id,
                "status",
                FIELDS["status"].to_text(project.status),
                FIELDS["status"].to_text(target),
                user,
            )
        )
        writer.update_rows(session, PROJECTS.table, {project.id: {"status": target}})
        session.expire(project)


def delete_reports(
    session: Session,
    period: ReportPeriod | str,
    project_ids: Iterable[int],
    *,
    user: str | None = None,
) -> ChangeSet:
    return set_reports(session, period, {pid: {DELETE: True} for pid in project_ids}, user=user)


def _projects(session: Session, ids: list[int]) -> dict[int, Project]:
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for project in session.scalars(select(Project).where(Project.id.in_(chunk))):
            found[project.id] = project
    return found


def _reports(session: Session, label: str, ids: list[int]) -> dict[int, ProgressReport]:
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        statement = select(ProgressReport).where(
            ProgressReport.period == label, ProgressReport.project_id.in_(chunk)
        )
        for report in session.scalars(statement):
            found[report.project_id] = report
    return found
