"""Return rounds (填报轮次): who was sent what, what came back, who is late.

A round of a plan asks every responsible unit for some progress fields of one reporting
period by a deadline. This module keeps the round's state — rounds, sends, receipts — and
reads what the sheet writer needs (each unit's projects with last period's figures); the
sheets themselves are written by exports.return_sheets and read by importers.return_sheets,
and a collected return is applied by services.return_apply. Headless: never import Qt here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    Organization,
    OrgKind,
    Plan,
    Project,
    ProjectOwner,
    ReturnReceipt,
    ReturnRound,
    ReturnSend,
    Section,
)
from models.base import utcnow
from services import progress
from services.errors import LedgerError
from services.operations import writing
from services.parsing import Period, normalize_text
from services.return_fields import ROLE_TEXT, resolve_fields

# Unit states of a round, in the office's words.
NOT_SENT, SENT, RETURNED, LATE, PROBLEM = "未发", "已发", "已回", "逾期", "有问题"
STATES = (NOT_SENT, SENT, RETURNED, LATE, PROBLEM)


# ---------------------------------------------------------------- rounds


def rounds(session: Session, plan_id: int) -> list[ReturnRound]:
    """A plan's rounds, newest first."""
    return list(
        session.scalars(
            select(ReturnRound)
            .where(ReturnRound.plan_id == plan_id)
            .order_by(ReturnRound.created_at.desc(), ReturnRound.id.desc())
        )
    )


def find_round(session: Session, plan_id: int, name: str | None) -> ReturnRound | None:
    """By exact name, else the newest round (name None)."""
    if name:
        return session.scalar(
            select(ReturnRound).where(
                ReturnRound.plan_id == plan_id, ReturnRound.name == normalize_text(name)
            )
        )
    found = rounds(session, plan_id)
    return found[0] if found else None


def default_round_name(today: date) -> str:
    q = (today.month - 1) // 3 + 1
    return f"{today.year}年第{'一二三四'[q - 1]}季度"


def open_round(
    session: Session,
    plan_id: int,
    name: str,
    *,
    period: str | None = None,
    deadline: date | None = None,
    fields: list[str] | tuple[str, ...] | None = None,
) -> ReturnRound:
    """The round of that name, created (or its deadline and fields updated) in one commit.

    The reporting period comes from the name (2023年第一季度 → 2023Q1) unless given.
    """
    name = normalize_text(name)
    if not name:
        raise LedgerError("轮次名称不能为空 (round name must not be blank)")
    try:
        keys = resolve_fields(fields)
        label = progress.parse_report_period(period or name).label
    except ValueError as exc:
        raise LedgerError(
            f"{exc}；轮次名称不含填报期时请给出 --period (give the period)"
            if not period
            else str(exc)
        ) from None
    if session.get(Plan, plan_id) is None:
        raise LedgerError(f"方案不存在 (no such plan): {plan_id}")
    with writing(session) as op:
        found = find_round(session, plan_id, name)
        if found is None:
            found = ReturnRound(plan_id=plan_id, name=name)
            session.add(found)
        elif found.period != label:
            raise LedgerError(
                f"轮次“{name}”已用于填报期 {found.period}，不能改为 {label} "
                "(the round exists for another period)"
            )
        found.period, found.deadline, found.fields = label, deadline, ",".join(keys)
        op.note("return_round", plan_ids=[plan_id])
    return found


def round_fields(round_: ReturnRound) -> tuple[str, ...]:
    return tuple(k for k in round_.fields.split(",") if k)


# ---------------------------------------------------------------- what a unit is sent


@dataclass
class SheetRow:
    """One project row of a unit's sheet: locked values by LockedColumn key, inputs by field."""

    project_id: int
    locked: dict[str, object]
    inputs: dict[str, object]


@dataclass
class UnitSheet:
    unit_id: int
    unit: str
    rows: list[SheetRow] = field(default_factory=list)

    @property
    def lead_count(self) -> int:
        return sum(1 for r in self.rows if r.locked["role"] == ROLE_TEXT["lead"])


def plan_units(session: Session, plan_id: int) -> list[tuple[int, str, int]]:
    """(unit id, name, projects) of every responsible unit of a plan, by name. Groups such as
    各板块 are left out: each town and street answers for itself."""
    rows = session.execute(
        select(Organization.id, Organization.name, func.count(ProjectOwner.project_id.distinct()))
        .join(ProjectOwner, ProjectOwner.organization_id == Organization.id)
        .where(ProjectOwner.plan_id == plan_id, Organization.kind != OrgKind.GROUP)
        .group_by(Organization.id, Organization.name)
        .order_by(Organization.name)
    )
    return [(oid, name, count) for oid, name, count in rows]


def unit_sheets(
    session: Session,
    round_: ReturnRound,
    unit_names: list[str] | None = None,
    *,
    unit_ids: list[int] | None = None,
) -> list[UnitSheet]:
    """Each unit's rows, in table order: its projects (lead or cooperating, marked), last
    period's cumulative completed investment and this period's values when already reported.

    `unit_names` (names or aliases) or `unit_ids` restrict the units; an unknown name is
    refused. `inputs` holds every field of this period's report (the writer shows the asked
    ones, collect compares with all of them).
    """
    plan_id = round_.plan_id
    units = {oid: name for oid, name, _n in plan_units(session, plan_id)}
    wanted = set(units)
    if unit_names:
        wanted = {_unit_id(session, units, name) for name in unit_names}
    if unit_ids is not None:
        wanted &= set(unit_ids)
    project_rows = session.execute(
        select(
            Project.id,
            Project.seq_label,
            Section.name,
            Project.name,
            Project.content,
            Project.planned_investment_wan,
            Project.start_year,
            Project.end_year,
            Project.owners_text,
        )
        .join(Section, Section.id == Project.section_id)
        .where(Project.plan_id == plan_id, *_owned_by(Project.id, plan_id, wanted, units))
        .order_by(Section.position, Project.position)
    ).all()
    roles: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pid, oid, role in session.execute(
        select(ProjectOwner.project_id, ProjectOwner.organization_id, ProjectOwner.role)
        .where(
            ProjectOwner.plan_id == plan_id,
            *_owned_by(ProjectOwner.project_id, plan_id, wanted, units),
        )
        .order_by(ProjectOwner.project_id, ProjectOwner.position)
    ):
        if oid in wanted:
            roles[pid].append((oid, ROLE_TEXT.get(str(role.value), str(role.value))))
    ids = [r[0] for r in project_rows if r[0] in roles]
    previous = progress.previous_reports(session, round_.period, ids)
    current = progress.reports_for_period(session, round_.period, ids)
    sheets = {oid: UnitSheet(oid, units[oid]) for oid in sorted(wanted, key=units.__getitem__)}
    for pid, seq, section, name, content, planned, start, end, owners in project_rows:
        if pid not in roles:
            continue
        before, now = previous.get(pid), current.get(pid)
        locked = {
            "seq_label": seq,
            "section": section,
            "name": name,
            "content": content,
            "planned": planned,
            "period": Period(start, end).label,
            "owners": owners,
            "previous": before.completed_investment_wan if before else None,
        }
        values = {k: getattr(now, k) for k in progress.REPORT_FIELDS} if now else {}
        seen = set()
        for oid, role_text in roles[pid]:
            if oid in seen:  # a unit listed twice (lead and constructing): one row
                continue
            seen.add(oid)
            sheets[oid].rows.append(SheetRow(pid, {**locked, "role": role_text}, values))
    return [s for s in sheets.values() if s.rows]


def _owned_by(column, plan_id: int, wanted: set[int], units: dict[int, str]) -> list:
    """A condition on project ids when only some units are asked for (one unit's diff must not
    read the other 29 units' projects)."""
    if wanted >= set(units):
        return []
    owned = select(ProjectOwner.project_id).where(
        ProjectOwner.plan_id == plan_id, ProjectOwner.organization_id.in_(wanted)
    )
    return [column.in_(owned)]


def _unit_id(session: Session, units: dict[int, str], name: str) -> int:
    from services.query import organization_by_name

    org = organization_by_name(session, name)
    if org is None or org.id not in units:
        raise LedgerError(f"方案中没有这个责任单位 (no such unit in the plan): {name}")
    return org.id


def record_sends(session: Session, round_: ReturnRound, sends: list[dict]) -> None:
    """Store what was sent: [{unit_id, file_name, file_hash, checksum, projects}] (one commit;
    a unit sent again in the same round has its send replaced)."""
    with writing(session) as op:
        existing = {
            s.organization_id: s
            for s in session.scalars(select(ReturnSend).where(ReturnSend.round_id == round_.id))
        }
        now = utcnow()
        for sent in sends:
            row = existing.get(sent["unit_id"]) or ReturnSend(
                round_id=round_.id, organization_id=sent["unit_id"]
            )
            row.file_name, row.file_hash = sent["file_name"], sent["file_hash"]
            row.checksum, row.projects, row.sent_at = sent["checksum"], sent["projects"], now
            session.add(row)
        op.note("return_send", plan_ids=[round_.plan_id])


def sends_of(session: Session, round_id: int) -> dict[int, ReturnSend]:
    return {
        s.organization_id: s
        for s in session.scalars(select(ReturnSend).where(ReturnSend.round_id == round_id))
    }


def receipts_of(session: Session, round_id: int) -> list[ReturnReceipt]:
    return list(
        session.scalars(
            select(ReturnReceipt)
            .where(ReturnReceipt.round_id == round_id)
            .order_by(ReturnReceipt.received_at, ReturnReceipt.id)
        )
    )


def receipt_with_hash(session: Session, round_id: int, file_hash: str) -> ReturnReceipt | None:
    return session.scalar(
        select(ReturnReceipt).where(
            ReturnReceipt.round_id == round_id,
            ReturnReceipt.file_hash == file_hash,
            ReturnReceipt.undone.is_(False),
        )
    )


# ---------------------------------------------------------------- the round's state


@dataclass
class UnitState:
    unit_id: int
    unit: str
    state: str
    projects: int = 0  # responsible for, in the plan
    sent_file: str | None = None
    sent_hash: str | None = None
    sent_at: datetime | None = None
    sent_projects: int = 0
    receipts: list[dict] = field(default_factory=list)
    rows_changed: int = 0
    cells_refused: int = 0
    pending: int = 0
    late_days: int = 0  # past the deadline without a return (or returned that late)
    problems: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        def stamp(value: datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {
            "unit": self.unit,
            "state": self.state,
            "projects": self.projects,
            "sent": {
                "file": self.sent_file,
                "hash": self.sent_hash,
                "at": stamp(self.sent_at),
                "projects": self.sent_projects,
            }
            if self.sent_file
            else None,
            "returned": self.receipts,
            "rows_changed": self.rows_changed,
            "cells_refused": self.cells_refused,
            "pending_approval": self.pending,
            "late_days": self.late_days,
            "problems": self.problems,
        }


@dataclass
class RoundStatus:
    round_id: int
    name: str
    period: str
    deadline: date | None
    fields: tuple[str, ...]
    units: list[UnitState]
    plan_title: str = ""

    def count(self, state: str) -> int:
        return sum(1 for u in self.units if u.state == state)

    @property
    def late(self) -> list[UnitState]:
        """The 催报 list: units sent a sheet that have not answered by the deadline."""
        return [u for u in self.units if u.state == LATE]

    def counts(self) -> dict[str, int]:
        return {state: self.count(state) for state in STATES}

    def to_dict(self) -> dict:
        return {
            "round": self.name,
            "period": self.period,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "fields": list(self.fields),
            "counts": self.counts(),
            "rows_changed": sum(u.rows_changed for u in self.units),
            "cells_refused": sum(u.cells_refused for u in self.units),
            "units": [u.to_dict() for u in self.units],
            "late": [u.unit for u in self.late],
        }


def round_status(session: Session, round_: ReturnRound, today: date | None = None) -> RoundStatus:
    """Every responsible unit of the plan × 未发 / 已发 / 已回 / 逾期 / 有问题.

    A unit is 有问题 when its latest return had refused cells or changes still awaiting the
    office's approval; 逾期 when it was sent a sheet and nothing came back by the deadline.
    """
    today = today or date.today()
    sends = sends_of(session, round_.id)
    by_unit: dict[int, list[ReturnReceipt]] = defaultdict(list)
    for receipt in receipts_of(session, round_.id):
        if not receipt.undone:
            by_unit[receipt.organization_id].append(receipt)
    units = []
    for oid, name, count in plan_units(session, round_.plan_id):
        unit = UnitState(oid, name, NOT_SENT, projects=count)
        send = sends.get(oid)
        if send is not None:
            unit.sent_file, unit.sent_hash = send.file_name, send.file_hash
            unit.sent_at, unit.sent_projects = send.sent_at, send.projects
            unit.state = SENT
        got = by_unit.get(oid, [])
        for receipt in got:
            unit.receipts.append(
                {
                    "file": receipt.file_name,
                    "hash": receipt.file_hash,
                    "at": receipt.received_at.isoformat(timespec="seconds"),
                    "rows_changed": receipt.rows_changed,
                    "cells_refused": receipt.cells_refused,
                }
            )
            unit.rows_changed += receipt.rows_changed
        if got:
            last = got[-1]
            unit.cells_refused, unit.pending = last.cells_refused, last.pending
            unit.problems = json.loads(last.problems or "[]")
            unit.state = PROBLEM if (last.cells_refused or last.pending) else RETURNED
            if round_.deadline and last.received_at.date() > round_.deadline:
                unit.late_days = (last.received_at.date() - round_.deadline).days
        elif send is not None and round_.deadline and today > round_.deadline:
            unit.state = LATE
            unit.late_days = (today - round_.deadline).days
        units.append(unit)
    plan = session.get(Plan, round_.plan_id)
    return RoundStatus(
        round_.id,
        round_.name,
        round_.period,
        round_.deadline,
        round_fields(round_),
        units,
        plan.title if plan else "",
    )


def compare_rounds(session: Session, plan_id: int, today: date | None = None) -> list[dict]:
    """One line per round of the plan (newest first): counts per state, rows changed, cells
    refused — how this quarter's returns compare with the last ones."""
    lines = []
    for round_ in rounds(session, plan_id):
        status = round_status(session, round_, today)
        lines.append(
            {
                "round": round_.name,
                "period": round_.period,
                "deadline": round_.deadline.isoformat() if round_.deadline else None,
                "counts": status.counts(),
                "rows_changed": sum(u.rows_changed for u in status.units),
                "cells_refused": sum(u.cells_refused for u in status.units),
            }
        )
    return lines
