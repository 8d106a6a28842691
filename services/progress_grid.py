"""The progress entry grid (进度填报): one period's reports beside each project, with its
milestones and its schedule flag (序时进度).

A `RecordSource` over services.progress (the reports) and services.schedule (milestones and
flags), which builds on services.progress; keeping the grid here keeps that arrow one-way.
Headless: never import Qt here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models import AuditEntry, ProgressReport, ProjectStatus
from services import schedule
from services.errors import FieldError, LedgerError, StaleRowError, ValidationError
from services.fields import ColumnKind
from services.ledger import ChangeSet
from services.operations import refuse
from services.parsing import Period, format_money
from services.progress import (
    REPORT_PARSERS,
    ReportPeriod,
    ReportRow,
    money_text,
    parse_report_period,
    pct_text,
    previous_reports,
    report_text,
    report_writes,
    reports_for_period,
    set_reports,
)
from services.query import ProjectFilter, ProjectRow, project_ids, rows_for_ids
from services.query import totals as query_totals
from services.query import totals_for_ids as query_totals_for_ids
from services.records import Column
from services.schedule.milestones import MILESTONE_WRITES
from services.writer import VersionScope, chunks

# ---------------------------------------------------------------- the progress entry grid

MILESTONES = "milestones"  # a grid column written through services.schedule.set_milestones
COMPUTED_KEYS = ("progress_pct", "completed_investment_wan")  # each follows from the other


@dataclass
class ProgressRecord:
    """One row of the progress grid: the project, its report for the period, the one before
    it, its milestones and its schedule flag at the period's end."""

    project: ProjectRow
    report: ReportRow | None
    previous: ReportRow | None
    milestones: list
    schedule: schedule.ScheduleStatus | None
    version: int = 0  # the row's version as read (what an edit expects): see `row_versions`


# A row's version joins two counters: its period report's row_version, and the audit line of
# its latest milestone change (milestones are replaced, not updated, so their own row_version
# says nothing). Either one moving on makes an edit based on the row stale.
MILESTONE_STEP = 1 << 32
ROW_LOCK_KEY = 0x47_4C_50  # "GLP": PostgreSQL advisory locks of progress rows, by project id


def row_versions(
    session: Session, period: ReportPeriod, ids, *, lock: bool = False
) -> dict[int, int]:
    """{project id: version} of progress rows (0: no report and no milestone change yet).
    `lock` holds the rows as read until the transaction ends (PostgreSQL; SQLite has one
    writer): FOR UPDATE on the reports, and a lock per project for what has no row to lock
    yet (a first report, milestones, which are replaced) that a second checked save of the
    same row waits for, and then finds stale."""
    found = dict.fromkeys(ids, 0)
    for part in chunks(sorted(found)):
        if lock and session.get_bind().dialect.name == "postgresql":
            ordered = sorted(part)  # always the same order: two saves never deadlock
            session.execute(
                text(
                    "SELECT pg_advisory_xact_lock(CAST(:key AS integer), id)"
                    " FROM unnest(CAST(:ids AS integer[])) AS part(id)"
                ),
                {"key": ROW_LOCK_KEY, "ids": ordered},
            )
        reports = select(ProgressReport.project_id, ProgressReport.row_version).where(
            ProgressReport.period == period.label, ProgressReport.project_id.in_(part)
        )
        for pid, version in session.execute(reports.with_for_update() if lock else reports):
            found[pid] += version
        changes = (
            select(AuditEntry.entity_id, func.max(AuditEntry.id))
            .where(AuditEntry.entity == "project_milestone", AuditEntry.entity_id.in_(part))
            .group_by(AuditEntry.entity_id)
        )
        for pid, line in session.execute(changes):
            found[pid] += line * MILESTONE_STEP
    return found


class ProgressSource:
    """services.records.RecordSource for entering one period's progress, project by project.

    Rows are the projects a ProjectFilter admits (one unit's projects, typically); the project
    columns are read-only, the report columns write `set_reports(period, …)`. Rows cannot be
    inserted or deleted here: they are the plan's projects.
    """

    # A report write changes what project rows show (status, schedule flag): announce it as
    # a project change with its ChangeSet, so every grid refreshes exactly those rows.
    topic = "projects"

    def __init__(self, period: ReportPeriod | str, rule=None) -> None:
        self.period = parse_report_period(period)
        self.rule = rule
        # How the schedule cell reads; the UI replaces it with its translated wording.
        self.schedule_label = schedule_text
        self._pins: dict[str, ProgressSource] = {}

    def pinned(self) -> ProgressSource:
        """This source held at its current period, for an undo step: undo and redo write the
        period the edit was made in, whatever period the tab shows by then. One per period,
        so steps of the same period still merge."""
        label = self.period.label
        if label not in self._pins:
            self._pins[label] = copy.copy(self)
        return self._pins[label]

    def columns(self) -> list:
        choices = tuple(m.value for m in ProjectStatus)
        return [
            Column("seq_label", "No.", ColumnKind.SEQUENCE, editable=False, width=44),
            Column("name", "Project name", editable=False, width=220),
            Column("owners", "Responsible units", ColumnKind.OWNERS, editable=False, width=170),
            Column(
                "planned_investment_wan",
                "Planned investment (10k yuan)",
                ColumnKind.MONEY,
                editable=False,
                width=110,
            ),
            Column("period", "Construction period", ColumnKind.PERIOD, editable=False, width=84),
            Column(
                "previous_completed",
                "Completed before (10k yuan)",
                ColumnKind.MONEY,
                editable=False,
                sortable=False,
                width=110,
            ),
            Column(
                "completed_investment_wan",
                "Completed investment (10k yuan)",
                ColumnKind.MONEY,
                sortable=False,
                width=120,
            ),
            Column("progress_pct", "Progress %", sortable=False, width=76),
            Column(
                "status", "Status", ColumnKind.CHOICE, sortable=False, width=76, choices=choices
            ),
            Column(
                "narrative", "Progress narrative", ColumnKind.MULTILINE, sortable=False, width=260
            ),
            Column("problems", "Problems", ColumnKind.MULTILINE, sortable=False, width=160),
            Column("next_steps", "Next steps", ColumnKind.MULTILINE, sortable=False, width=160),
            Column("reporter", "Reporter", sortable=False, width=70),
            Column("reported_on", "Reported on", sortable=False, width=90),
            Column("over_plan_confirmed", "Over plan confirmed", sortable=False, width=70),
            Column(MILESTONES, "Milestones", sortable=False, width=170),
            Column("schedule", "Schedule", editable=False, sortable=False, width=150),
        ]

    # -- reading

    def ids(self, session: Session, flt, sort=None):
        return project_ids(session, flt or ProjectFilter(), sort)

    def rows(self, session: Session, ids) -> list[ProgressRecord]:
        ids = list(ids)
        projects = rows_for_ids(session, ids)
        reports = reports_for_period(session, self.period, ids)
        previous = previous_reports(session, self.period, ids)
        milestones = schedule.milestones_for(session, ids)
        flags = schedule.schedule_for_ids(session, ids, self.period.end, rule=self.rule)
        versions = row_versions(session, self.period, ids)
        return [
            ProgressRecord(
                p,
                reports.get(p.id),
                previous.get(p.id),
                milestones.get(p.id, []),
                flags.get(p.id),
                versions.get(p.id, 0),
            )
            for p in projects
        ]

    def row_id(self, row: ProgressRecord) -> int:
        return row.project.id

    def group_id(self, row: ProgressRecord) -> int | None:
        return row.project.section_id

    def value(self, row: ProgressRecord, key: str) -> Any:
        project = row.project
        if key in REPORT_PARSERS:
            return getattr(row.report, key) if row.report else None
        if key == "previous_completed":
            return row.previous.completed_investment_wan if row.previous else None
        if key == MILESTONES:
            return row.milestones
        if key == "schedule":
            return row.schedule
        if key == "period":
            return Period(project.start_year, project.end_year)
        if key == "owners":
            return project.owners_text
        return getattr(project, key)

    def computed(self, row: ProgressRecord, key: str) -> Decimal | None:
        """完成比例 from 完成投资 ÷ 计划投资, or 完成投资 from 完成比例 × 计划投资, for a report
        that gives only one of them (None when it gives both, neither, or no plan figure).

        The ratio is the one the schedule flag uses (capped at 100 %); shown, never stored.
        """
        report, planned = row.report, row.project.planned_investment_wan
        if report is None or not planned:
            return None
        pct, completed = report.progress_pct, report.completed_investment_wan
        if key == "progress_pct" and pct is None and completed is not None:
            return min(Decimal(100), completed * 100 / planned).quantize(Decimal("0.1"))
        if key == "completed_investment_wan" and completed is None and pct is not None:
            return (planned * pct / 100).quantize(Decimal("0.01"))
        return None

    def is_computed(self, row: ProgressRecord, key: str) -> bool:
        return self.computed(row, key) is not None

    def display(self, row: ProgressRecord, key: str) -> str:
        value = self.value(row, key)
        derived = self.computed(row, key) if key in COMPUTED_KEYS else None
        if derived is not None:  # marked "≈" (and muted by the grid): computed, not reported
            if key == "progress_pct":
                return f"≈{pct_text(derived)}%"
            return f"≈{format_money(derived)}"
        if key in ("planned_investment_wan", "previous_completed", "completed_investment_wan"):
            return format_money(value, blank="/" if key == "planned_investment_wan" else "")
        if key == "progress_pct":
            return "" if value is None else f"{pct_text(value)}%"
        if key == "schedule":
            return self.schedule_label(value)
        return self.edit_text(row, key)

    def edit_text(self, row: ProgressRecord, key: str) -> str:
        value = self.value(row, key)
        if key in REPORT_PARSERS:
            return report_text(key, value)
        if key == MILESTONES:
            return schedule.milestones_text(value)
        if key == "schedule":
            return self.schedule_label(value)
        if key == "period":
            return value.label
        if key == "planned_investment_wan":
            return money_text(value) if value is not None else "/"
        if key == "previous_completed":
            return money_text(value)
        return "" if value is None else str(value)

    def parse(self, key: str, text: object) -> object:
        if key == MILESTONES:
            return schedule.parse_milestones(text)
        parser = REPORT_PARSERS.get(key)
        if parser is None:
            raise ValueError("只读列 (read-only column)")
        return parser(text)

    # -- versions: edits, undo and redo are refused when another user changed the row since

    supports_versions = True

    def version(self, row: ProgressRecord) -> int:
        return row.version

    def versions(self, session: Session, ids) -> dict[int, int]:
        return row_versions(session, self.period, ids)

    def version_scope(self) -> VersionScope:
        """This period's rows: moved on by its report writes and by milestone writes."""
        period = self.period
        return VersionScope(
            f"progress:{period.label}",
            (report_writes(period.label), MILESTONE_WRITES),
            lambda session, ids: row_versions(session, period, ids),
        )

    def audit_place(self, key: str) -> tuple[str, str]:
        """Where the audit trail keeps a cell's changes (who changed it, for a conflict)."""
        if key == MILESTONES:
            return "project_milestone", MILESTONES
        return "progress_report", f"{self.period.label}/{key}"

    # -- writing

    def set_fields(self, session: Session, changes, expected=None) -> ChangeSet:
        """`expected` (project id → the row version the edit was based on) refuses, writing
        nothing, when another user changed one of those rows since (StaleRowError)."""
        if expected:
            wanted = {pid: v for pid, v in expected.items() if changes.get(pid)}
            current = row_versions(session, self.period, wanted, lock=True)
            stale = {pid: current[pid] for pid, v in wanted.items() if current[pid] != v}
            if stale:
                raise refuse(session, StaleRowError("progress_report", stale))
        milestones = {pid: v[MILESTONES] for pid, v in changes.items() if MILESTONES in v}
        reports = {
            pid: {k: x for k, x in v.items() if k != MILESTONES}
            for pid, v in changes.items()
            if any(k != MILESTONES for k in v)
        }
        if milestones:  # refuse bad milestone text before any report is written
            errors = []
            for pid, text in milestones.items():
                try:
                    schedule.parse_milestones(text)
                except ValueError as exc:
                    errors.append(FieldError(pid, MILESTONES, text, str(exc)))
            if errors:
                raise ValidationError(errors)
        change = set_reports(session, self.period, reports) if reports else ChangeSet()
        if milestones:
            old = schedule.milestones_for(session, list(milestones))
            new = {pid: schedule.parse_milestones(t) for pid, t in milestones.items()}
            changed = {pid: pts for pid, pts in new.items() if pts != old.get(pid, [])}
            if changed:
                before = schedule.set_milestones(session, changed)
                for pid, points in before.items():
                    change.inverse.setdefault(pid, {})[MILESTONES] = points
                    change.changed_ids.add(pid)
                change.fields.add(MILESTONES)
        return change

    def insert(self, session: Session, where, values_list) -> list[int]:
        raise LedgerError(
            "进度表的行就是方案的项目；请在项目表中增加项目 (add projects in the project table)"
        )

    def delete(self, session: Session, ids):
        raise LedgerError(
            "进度表的行就是方案的项目；请在项目表中删除项目 (delete projects in the project table)"
        )

    def restore(self, session: Session, snapshot) -> list[int]:  # pragma: no cover - no deletes
        raise LedgerError("nothing to restore")

    def move(self, session: Session, runs) -> list:
        raise LedgerError("进度表按项目表的顺序排列 (progress rows follow the project table)")

    def groups(self, session: Session, flt) -> list[tuple[int, str]]:
        return []

    def completions(self, session: Session, key: str, text: str) -> list[str]:
        return []

    def totals(self, session: Session, flt):
        return query_totals(session, flt)

    def totals_for_ids(self, session: Session, ids):
        return query_totals_for_ids(session, ids)


FLAG_TEXT = {
    "on_track": "正常",
    "behind": "滞后",
    "overdue": "逾期",
    "done": "已完成",
    "no_report": "未填报",
}


def schedule_text(status) -> str:
    """ "滞后 25%/50%": the flag, then actual / expected progress."""
    if status is None:
        return ""
    label = FLAG_TEXT.get(status.flag, status.flag)
    if status.expected_pct is None:
        return label
    actual = "—" if status.actual_pct is None else f"{pct_text(status.actual_pct)}%"
    return f"{label} {actual}/{pct_text(status.expected_pct)}%"
