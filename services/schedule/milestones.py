"""Project milestones (节点): "2023-06-30 50%; 2023-12 100%" parsed, shown, read and written.
A project with milestones is judged piecewise through them (`services.schedule.expected`)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Project
from models.tracking import ProjectMilestone
from services.audit import record_changes
from services.errors import FieldError, ValidationError
from services.operations import refuse, writing
from services.parsing import is_not_set, normalize_text
from services.progress import parse_date, parse_pct, parse_report_period
from services.schedule.expected import Milestone

MILESTONE_WRITES = "project_milestones"  # Operation.wrote key: a project's milestones, by project


def parse_milestones(value: object) -> list[Milestone]:
    """ "2023-06-30 50%; 2023-12 100%" — a date, month or quarter, then a percentage, per item
    (separated by ; ； , ， or new lines). Percentages must not decrease over time."""
    if isinstance(value, list):
        return [(d, Decimal(p)) for d, p in value]
    if is_not_set(value):
        return []
    points = [_milestone(part) for part in re.split(r"[;；,，\n]+", normalize_text(value))]
    found = sorted(point for point in points if point is not None)
    for (d0, p0), (d1, p1) in itertools.pairwise(found):
        if d0 == d1:
            raise ValueError(f"同一日期出现两次 (date twice): {d0.isoformat()}")
        if p1 < p0:
            raise ValueError(f"节点进度不能倒退 (milestones must not decrease): {d1.isoformat()}")
    return found


def _milestone(part: str) -> Milestone | None:
    """One "2023-06-30 50%" item; None for an empty one."""
    part = part.strip()
    if not part:
        return None
    match = re.fullmatch(r"(\S+?)\s*[:：\s]\s*(\S+)", part)
    if not match:
        raise ValueError(f"节点格式应为 2023-06-30 50% (milestone like 2023-06-30 50%): {part!r}")
    when, pct_text = match.groups()
    try:
        due = parse_date(when)
    except ValueError:
        due = parse_report_period(when).end
    if due is None:
        raise ValueError(f"缺少日期 (missing date): {part!r}")
    pct = parse_pct(pct_text)
    if pct is None:
        raise ValueError(f"缺少百分比 (missing percentage): {part!r}")
    return due, pct


def milestones_text(points: Iterable[Milestone]) -> str:
    return "；".join(f"{d.isoformat()} {p.normalize():f}%" for d, p in points)


def milestones_for(session: Session, ids: Sequence[int]) -> dict[int, list[Milestone]]:
    found: dict[int, list[Milestone]] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for pid, due, pct in session.execute(
            select(ProjectMilestone.project_id, ProjectMilestone.due, ProjectMilestone.pct)
            .where(ProjectMilestone.project_id.in_(chunk))
            .order_by(ProjectMilestone.project_id, ProjectMilestone.due)
        ):
            found.setdefault(pid, []).append((due, pct))
    return found


def set_milestones(
    session: Session, changes: Mapping[int, object], *, user: str | None = None
) -> dict[int, list[Milestone]]:
    """Replace projects' milestones ({project_id: text or list}); returns the old lists (undo)."""
    parsed: dict[int, list[Milestone]] = {}
    errors = []
    for pid, value in changes.items():
        try:
            parsed[pid] = parse_milestones(value)
        except ValueError as exc:
            errors.append(FieldError(pid, "milestones", value, str(exc)))
    existing = set(session.scalars(select(Project.id).where(Project.id.in_(list(parsed)))))
    errors += [
        FieldError(p, "project", p, "项目不存在 (no such project)")
        for p in parsed
        if p not in existing
    ]
    if errors:
        raise refuse(session, ValidationError(errors))
    old = milestones_for(session, list(parsed))
    with writing(session, user=user) as op:
        user = user or op.author
        for pid, points in parsed.items():
            before = old.get(pid, [])
            if before == points:
                continue
            session.query(ProjectMilestone).filter(ProjectMilestone.project_id == pid).delete()
            session.add_all(ProjectMilestone(project_id=pid, due=d, pct=p) for d, p in points)
            record_changes(
                session,
                "project_milestone",
                pid,
                {"milestones": (milestones_text(before) or None, milestones_text(points) or None)},
                user,
            )
            op.wrote(MILESTONE_WRITES, [pid])
            op.note("project_milestone")
            op.note("project", ids=[pid], fields=["milestones"])
    return {pid: old.get(pid, []) for pid in parsed}
