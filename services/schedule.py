"""Schedule check (序时进度): expected progress at a date, and who is behind or overdue.

Expected progress grows linearly over the construction period, month by month with the days
of the current month as a fraction (a 2023 project at the end of May expects 5/12 = 41.67 %;
a 2022-2024 project at 2023-06-30 expects 18/36 = 50 %), or piecewise linearly through the
project's milestones when it has some (a project due in June is at 100 % by June).

Flags, in priority order: "done" (latest report says 已建成 or 100 %), "overdue" (past the
end year, not done), "no_report" (no usable figure yet), "behind" (the traffic light is
yellow or red), "on_track". Traffic lights follow a `LightRule`: the default is the office's
"behind when actual < expected − 10 points"; 银川, 三亚 and 天津 rules ship as presets.

All comparisons use integer hundredths of a percent, identically in Python (for a window of
ids) and in SQL (`schedule_counts` over a whole filter, 1,000,000 projects): no float drift
at the tolerance boundary. Headless: never import Qt here.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import Integer, and_, case, func, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from models import Plan, ProgressReport, Project, ProjectStatus
from models.base import to_money
from models.tracking import ProjectMilestone
from services.audit import record_changes
from services.errors import FieldError, LedgerError, ValidationError
from services.operations import refuse, writing
from services.parsing import is_not_set, normalize_text
from services.progress import (
    latest_report_id_for,
    latest_reports,
    parse_date,
    parse_pct,
    parse_report_period,
)
from services.query import ProjectFilter, filter_clauses

FLAGS = ("on_track", "behind", "overdue", "done", "no_report")
DEFAULT_TOLERANCE = Decimal(10)


# ---------------------------------------------------------------- rules (红黄绿灯)


@dataclass(frozen=True)
class LightRule:
    """Traffic-light thresholds. `mode` "points": percentage points behind expected;
    "relative": percent of the expected progress missing. Yellow when the shortfall is more
    than `yellow`, red when more than `red`. `not_started_months`: not started this many
    months after the planned start is red (银川)."""

    key: str
    mode: str = "points"
    yellow: Decimal = DEFAULT_TOLERANCE
    red: Decimal = Decimal(30)
    not_started_months: int | None = None

    def __post_init__(self) -> None:
        if self.mode not in ("points", "relative"):
            raise ValueError(f"unknown light mode {self.mode!r}")
        if self.yellow < 0 or self.red < self.yellow:
            raise ValueError("thresholds must satisfy 0 ≤ yellow ≤ red")


PRESETS: dict[str, LightRule] = {
    # The office's default: behind when more than 10 points below 序时进度.
    "default": LightRule("default", "points", Decimal(10), Decimal(30)),
    # 银川: green ≥ 序时 (within 10 points), yellow 10–30 points behind, red > 30, and red when
    # not started 3 months after the planned start.
    "yinchuan": LightRule("yinchuan", "points", Decimal(10), Decimal(30), not_started_months=3),
    # 三亚: yellow when up to 50 % below the expected pace, red beyond.
    "sanya": LightRule("sanya", "relative", Decimal(0), Decimal(50)),
    # 天津 (bond funds): yellow up to 30 % below the expected pace, red beyond.
    "tianjin": LightRule("tianjin", "relative", Decimal(0), Decimal(30)),
}

_default_rule = PRESETS["default"]


def default_rule() -> LightRule:
    return _default_rule


def set_default_rule(rule: LightRule) -> None:
    """The application sets the office's chosen rule once from its settings."""
    global _default_rule
    _default_rule = rule


def rule_for(tolerance: Decimal | float | int | None = None, rule: LightRule | None = None):
    if rule is not None:
        return rule
    if tolerance is None:
        return _default_rule
    tolerance = Decimal(str(tolerance))
    return replace(PRESETS["default"], yellow=tolerance, red=max(PRESETS["default"].red, tolerance))


def _cents(value: Decimal) -> int:
    return int(to_money(value) * 100)


# ---------------------------------------------------------------- expected progress


def _month_time(day: date) -> Fraction:
    """Months since year 0 at the end of `day` (the day counts as elapsed)."""
    days = calendar.monthrange(day.year, day.month)[1]
    return Fraction(day.year * 12 + day.month - 1) + Fraction(day.day, days)


def _round_cents(value: Fraction) -> int:
    """Hundredths of a percent, half up (the office's spreadsheets round that way)."""
    return int((value * 2 + 1) // 2)


def _linear_cents(start_year: int, end_year: int, as_of: date) -> int:
    # Integer arithmetic identical to the SQL in `_expected_cents_sql`.
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    elapsed = (as_of.year - start_year) * 12 * days + (as_of.month - 1) * days + as_of.day
    total = (end_year - start_year + 1) * 12 * days
    cents = (2 * elapsed * 10000 + total) // (2 * total)
    return max(0, min(10000, cents))


Milestone = tuple[date, Decimal]


def _milestone_cents(start_year: int, end_year: int, as_of: date, points: list[Milestone]) -> int:
    """Piecewise linear from (start, 0) through the milestones; after the last one below 100 %
    it continues linearly to (end of period, 100)."""
    knots = [(Fraction(start_year * 12), Fraction(0))]
    for due, pct in sorted(points):
        knots.append((_month_time(due), Fraction(pct)))
    if knots[-1][1] < 100:
        knots.append((Fraction((end_year + 1) * 12), Fraction(100)))
    t = _month_time(as_of)
    if t <= knots[0][0]:
        return 0
    for (t0, p0), (t1, p1) in itertools.pairwise(knots):
        if t <= t1:
            value = p1 if t1 == t0 else p0 + (p1 - p0) * (t - t0) / (t1 - t0)
            return max(0, min(10000, _round_cents(value * 100)))
    return max(0, min(10000, _round_cents(knots[-1][1] * 100)))


def expected_progress(
    start_year: int | None,
    end_year: int | None,
    as_of: date,
    milestones: Sequence[Milestone] | None = None,
) -> Decimal | None:
    """序时进度 in percent (two places) at `as_of`; None when the project has no period."""
    start_year = start_year or end_year
    end_year = end_year or start_year
    if start_year is None or end_year is None:
        return None
    if milestones:
        cents = _milestone_cents(start_year, end_year, as_of, list(milestones))
    else:
        cents = _linear_cents(start_year, end_year, as_of)
    return Decimal(cents) / 100


# ---------------------------------------------------------------- per project


@dataclass(frozen=True)
class ScheduleStatus:
    expected_pct: Decimal | None
    actual_pct: Decimal | None
    completed_investment_wan: Decimal | None
    flag: str  # one of FLAGS
    light: str | None = None  # "green" | "yellow" | "red"; None when there is nothing to judge
    period: str | None = None  # the latest report's period

    @property
    def gap(self) -> Decimal | None:
        """Points behind the expected progress (negative = ahead)."""
        if self.expected_pct is None or self.actual_pct is None:
            return None
        return self.expected_pct - self.actual_pct


def _actual_cents(pct: Decimal | None, completed: Decimal | None, planned: Decimal | None):
    if pct is not None:
        return _cents(pct)
    if completed is not None and planned:
        c, p = _cents(completed), _cents(planned)
        return min(10000, (2 * c * 10000 + p) // (2 * p))
    return None


def _light(rule: LightRule, expected: int, actual: int) -> str:
    """Green, yellow or red from hundredths of a percent; the SQL mirrors these integers."""
    gap = expected - actual
    if rule.mode == "points":
        red, yellow = gap > _cents(rule.red), gap > _cents(rule.yellow)
    else:
        # gap / expected > T %  ⇔  gap · 10000 > T·100 · expected (all integers).
        red = gap > 0 and gap * 10000 > _cents(rule.red) * expected
        yellow = gap > 0 and gap * 10000 > _cents(rule.yellow) * expected
    return "red" if red else "yellow" if yellow else "green"


def judge(
    *,
    start_year: int | None,
    end_year: int | None,
    project_status: ProjectStatus | None,
    planned: Decimal | None,
    report_pct: Decimal | None,
    report_completed: Decimal | None,
    report_status: ProjectStatus | None,
    has_report: bool,
    as_of: date,
    rule: LightRule,
    milestones: Sequence[Milestone] | None = None,
    period: str | None = None,
) -> ScheduleStatus:
    """The flag of one project; the SQL in `schedule_counts` mirrors this exactly."""
    expected = expected_progress(start_year, end_year, as_of, milestones)
    actual = _actual_cents(report_pct, report_completed, planned)
    actual_pct = None if actual is None else Decimal(actual) / 100
    status = report_status or (None if has_report else project_status)

    def result(flag: str, light: str | None) -> ScheduleStatus:
        return ScheduleStatus(expected, actual_pct, report_completed, flag, light, period)

    if status == ProjectStatus.DONE or (actual is not None and actual >= 10000):
        return result("done", "green")
    last_year = end_year or start_year
    if last_year is not None and as_of > date(last_year, 12, 31):
        return result("overdue", "red")
    first = start_year or end_year
    if rule.not_started_months and first and (actual in (None, 0)):
        months_in = (as_of.year - first) * 12 + as_of.month - 1
        if status in (None, ProjectStatus.PLANNED) and months_in >= rule.not_started_months:
            return result("behind", "red")
    if actual is None or expected is None:
        return result("no_report" if actual is None else "on_track", None)
    light = _light(rule, _cents(expected), actual)
    return result("on_track" if light == "green" else "behind", light)


def schedule_for_ids(
    session: Session,
    ids: Sequence[int],
    as_of: date | None = None,
    tolerance: Decimal | float | int | None = None,
    *,
    rule: LightRule | None = None,
) -> dict[int, ScheduleStatus]:
    """Flags for a window of projects (what the grid is about to paint)."""
    as_of = as_of or date.today()
    rule = rule_for(tolerance, rule)
    ids = list(ids)
    reports = latest_reports(session, ids, as_of)
    milestones = milestones_for(session, ids)
    out: dict[int, ScheduleStatus] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(
                Project.id,
                Project.start_year,
                Project.end_year,
                Project.status,
                Project.planned_investment_wan,
            ).where(Project.id.in_(chunk))
        )
        for pid, start_year, end_year, status, planned in rows:
            report = reports.get(pid)
            out[pid] = judge(
                start_year=start_year,
                end_year=end_year,
                project_status=status,
                planned=planned,
                report_pct=report.progress_pct if report else None,
                report_completed=report.completed_investment_wan if report else None,
                report_status=report.status if report else None,
                has_report=report is not None,
                as_of=as_of,
                rule=rule,
                milestones=milestones.get(pid),
                period=report.period if report else None,
            )
    return out


# ---------------------------------------------------------------- counts in SQL


@dataclass(frozen=True)
class ScheduleCounts:
    reported: int  # projects with a report up to the date
    behind: int
    overdue: int
    completed_investment_wan: Decimal  # sum of the latest cumulative figures
    projects: int = 0
    done: int = 0
    on_track: int = 0
    no_report: int = 0
    yellow: int = 0
    red: int = 0


def _expected_cents_sql(as_of: date):
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    start = func.coalesce(Project.start_year, Project.end_year)
    end = func.coalesce(Project.end_year, Project.start_year)
    elapsed = (as_of.year - start) * (12 * days) + ((as_of.month - 1) * days + as_of.day)
    total = (end - start + 1) * (12 * days)
    raw = (elapsed * 20000 + total) // (total * 2)
    return case((elapsed <= 0, 0), (raw > 10000, 10000), else_=raw), elapsed, days


def schedule_counts(
    session: Session,
    flt: ProjectFilter,
    as_of: date | None = None,
    tolerance: Decimal | float | int | None = None,
    *,
    rule: LightRule | None = None,
) -> ScheduleCounts:
    """Counts of each flag over a whole filter, grouped in SQL (projects without milestones),
    plus the few projects with milestones judged in Python."""
    as_of = as_of or date.today()
    rule = rule_for(tolerance, rule)
    rows = flag_rows(flt, as_of, rule)
    groups = session.execute(
        select(
            rows.c.flag,
            func.count(),
            func.sum(case((rows.c.reported, 1), else_=0)),
            func.sum(rows.c.c),
        ).group_by(rows.c.flag)
    )
    return counts_from_groups(session, flt, as_of, rule, groups)


def flag_rows(flt: ProjectFilter, as_of: date, rule: LightRule, *, with_milestones: bool = False):
    """Subquery, one row per filtered project: pid, flag (the SQL mirror of `judge`: on_track,
    behind_yellow, behind_red, overdue, done, no_report), reported (has a report up to `as_of`),
    c (its latest 累计完成投资 in hundredths).

    Projects with milestones are left out, unless `with_milestones`: then they are in with a
    meaningless flag and `special` true, plus section_id and the report's period_end, for
    callers that also want the reports (the dashboard's planned-vs-completed shares this one
    pass; see `counts_from_groups`).
    """
    report = ProgressReport
    pct = type_coerce(report.progress_pct, Integer)
    completed = type_coerce(report.completed_investment_wan, Integer)
    planned = type_coerce(Project.planned_investment_wan, Integer)
    actual = case(
        (pct.is_not(None), pct),
        (
            and_(completed.is_not(None), planned > 0),
            case(
                ((completed * 20000 + planned) // (planned * 2) > 10000, 10000),
                else_=(completed * 20000 + planned) // (planned * 2),
            ),
        ),
        else_=None,
    )
    expected, elapsed, days = _expected_cents_sql(as_of)
    has_report = report.id.is_not(None)
    status = case((has_report, report.status), else_=Project.status)
    last_year = func.coalesce(Project.end_year, Project.start_year)
    gap = expected - actual
    if rule.mode == "points":
        red = gap > _cents(rule.red)
        yellow = gap > _cents(rule.yellow)
    else:
        # gap/expected > threshold%  ⇔  gap·100·100 > threshold·100 · expected (integers).
        red = and_(gap > 0, gap * 10000 > _cents(rule.red) * expected)
        yellow = and_(gap > 0, gap * 10000 > _cents(rule.yellow) * expected)
    whens = [
        (or_done(status, actual), literal("done")),
        (and_(last_year.is_not(None), last_year < as_of.year), literal("overdue")),
    ]
    if rule.not_started_months:
        whens.append(
            (
                and_(
                    last_year.is_not(None),
                    func.coalesce(actual, 0) == 0,
                    func.coalesce(status, ProjectStatus.PLANNED.value)
                    == ProjectStatus.PLANNED.value,
                    elapsed > rule.not_started_months * days,
                ),
                literal("behind_red"),
            )
        )
    whens += [
        (actual.is_(None), literal("no_report")),
        (last_year.is_(None), literal("on_track")),
        (red, literal("behind_red")),
        (yellow, literal("behind_yellow")),
    ]
    flag = case(*whens, else_=literal("on_track")).label("flag")
    has_milestones = (
        select(ProjectMilestone.id).where(ProjectMilestone.project_id == Project.id).exists()
    )
    columns = [Project.id.label("pid"), flag, has_report.label("reported"), completed.label("c")]
    clauses = filter_clauses(flt)
    if with_milestones:
        columns += [
            Project.section_id.label("section_id"),
            report.period_end.label("period_end"),
            has_milestones.label("special"),
        ]
    else:
        clauses.append(~has_milestones)
    # Walks the filtered projects (the covering ix_project_plan_cube for a plan) with one seek
    # each for the latest report: the whole-plan pass of the dashboard and the briefing.
    return (
        select(*columns)
        .select_from(Project)
        .outerjoin(report, report.id == latest_report_id_for(Project.id, as_of))
        .where(*clauses)
        .subquery()
    )


def counts_from_groups(
    session: Session,
    flt: ProjectFilter,
    as_of: date,
    rule: LightRule,
    groups: Iterable[tuple[str, int, int | None, int | None]],
) -> ScheduleCounts:
    """ScheduleCounts from `flag_rows` grouped by flag — (flag, projects, reported, sum of c)
    over the projects WITHOUT milestones — plus the projects with milestones judged here."""
    tally: dict[str, int] = {}
    reported = 0
    completed_sum = 0
    for flag_value, n, n_reported, c_sum in groups:
        tally[flag_value] = tally.get(flag_value, 0) + n
        reported += n_reported or 0
        completed_sum += c_sum or 0
    # The projects with milestones: few, judged one by one with the same rules. Found from the
    # milestone table (small) rather than by probing every filtered project.
    with_points = select(ProjectMilestone.project_id)
    special = list(
        session.scalars(select(Project.id).where(Project.id.in_(with_points), *filter_clauses(flt)))
    )
    for status_ in schedule_for_ids(session, special, as_of, rule=rule).values():
        key = status_.flag
        if key == "behind":
            key = f"behind_{status_.light}"
        tally[key] = tally.get(key, 0) + 1
        if status_.period is not None:
            reported += 1
        if status_.completed_investment_wan is not None:
            completed_sum += _cents(status_.completed_investment_wan)
    behind_yellow, behind_red = tally.get("behind_yellow", 0), tally.get("behind_red", 0)
    return ScheduleCounts(
        reported=reported,
        behind=behind_yellow + behind_red,
        overdue=tally.get("overdue", 0),
        completed_investment_wan=(Decimal(completed_sum) / 100).quantize(Decimal("0.01")),
        projects=sum(tally.values()),
        done=tally.get("done", 0),
        on_track=tally.get("on_track", 0),
        no_report=tally.get("no_report", 0),
        yellow=behind_yellow,
        red=behind_red + tally.get("overdue", 0),
    )


def or_done(status, actual):
    return or_(status == ProjectStatus.DONE.value, and_(actual.is_not(None), actual >= 10000))


# ---------------------------------------------------------------- milestones


def parse_milestones(value: object) -> list[Milestone]:
    """ "2023-06-30 50%; 2023-12 100%" — a date, month or quarter, then a percentage, per item
    (separated by ; ； , ， or new lines). Percentages must not decrease over time."""
    if isinstance(value, list):
        return [(d, Decimal(p)) for d, p in value]
    if is_not_set(value):
        return []
    points: list[Milestone] = []
    for part in re.split(r"[;；,，\n]+", normalize_text(value)):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\S+?)\s*[:：\s]\s*(\S+)", part)
        if not match:
            raise ValueError(
                f"节点格式应为 2023-06-30 50% (milestone like 2023-06-30 50%): {part!r}"
            )
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
        points.append((due, pct))
    points.sort()
    for (d0, p0), (d1, p1) in itertools.pairwise(points):
        if d0 == d1:
            raise ValueError(f"同一日期出现两次 (date twice): {d0.isoformat()}")
        if p1 < p0:
            raise ValueError(f"节点进度不能倒退 (milestones must not decrease): {d1.isoformat()}")
    return points


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
            op.note("project_milestone")
            op.note("project", ids=[pid], fields=["milestones"])
    return {pid: old.get(pid, []) for pid in parsed}


# ---------------------------------------------------------------- plan-wide 序时进度 and as-of


def expected_investment(session: Session, flt: ProjectFilter, as_of: date) -> Decimal:
    """The money the filtered projects should have spent by `as_of` at their 序时进度:
    Σ planned × expected %. Divided by the planned total it is the plan's 序时进度 (a yearly plan
    at the end of June: 50 %). Projects with milestones follow them, as in `judge`."""
    expected, _elapsed, _days = _expected_cents_sql(as_of)
    planned = type_coerce(Project.planned_investment_wan, Integer)
    has_milestones = (
        select(ProjectMilestone.id).where(ProjectMilestone.project_id == Project.id).exists()
    )
    # Hundredths of 万元 × hundredths of a percent: exact integers, rounded once at the end.
    total = session.scalar(
        select(func.sum(planned * expected)).where(
            *filter_clauses(flt),
            planned.is_not(None),
            Project.start_year.is_not(None) | Project.end_year.is_not(None),
            ~has_milestones,
        )
    )
    cents = Fraction(total or 0, 10000)
    special = list(
        session.scalars(
            select(Project.id).where(
                Project.id.in_(select(ProjectMilestone.project_id)), *filter_clauses(flt)
            )
        )
    )
    for pid, status_ in schedule_for_ids(session, special, as_of).items():
        project = session.get(Project, pid)
        if project is None:
            raise LedgerError(f"项目不存在 (no such project): {pid}")
        if status_.expected_pct is not None and project.planned_investment_wan is not None:
            cents += Fraction(_cents(project.planned_investment_wan)) * Fraction(
                _cents(status_.expected_pct), 10000
            )
    return Decimal(_round_cents(cents)) / 100


def default_as_of(session: Session, plan_id: int, today: date | None = None) -> date:
    """The day a plan is looked at when nobody asks for one: today while the plan runs; for a
    plan whose years are over, the end of its latest reported period (else its last day) —
    so a 2023 plan opened in 2026 shows its state then, not every project red as 逾期."""
    today = today or date.today()
    plan = session.get(Plan, plan_id)
    if plan is None:
        return today
    last_day = date(plan.year_end or plan.year_start, 12, 31)
    if today <= last_day:
        return today
    latest = session.scalar(
        select(func.max(ProgressReport.period_end))
        .join(Project, Project.id == ProgressReport.project_id)
        .where(Project.plan_id == plan_id)
    )
    if isinstance(latest, str):  # max() over a Date column can come back as text in SQLite
        latest = date.fromisoformat(latest)
    return min(latest, last_day) if latest else last_day


_view_day: date | None = None  # the day the user asked the views to judge at (None = default)
_default_days: dict[tuple[int, date], tuple[float, date]] = {}
DEFAULT_DAY_TTL = 30.0  # seconds: a new return moves the default at most this late


def set_view_day(day: date | None) -> None:
    """The as-of day the dashboard and the 序时进度 column use; None = each plan's default."""
    global _view_day
    _view_day = day


def view_day() -> date | None:
    return _view_day


def as_of_for_ids(session: Session, ids: Sequence[int], *, today: date | None = None) -> date:
    """The day to judge a window of grid rows at: the chosen view day, else the default day of
    their plan (cached briefly: the grid asks for every page it fetches)."""
    import time

    if _view_day is not None:
        return _view_day
    today = today or date.today()
    if not ids:
        return today
    plan_id = session.scalar(select(Project.plan_id).where(Project.id == ids[0]))
    if plan_id is None:
        return today
    cached = _default_days.get((plan_id, today))
    now = time.monotonic()
    if cached is not None and now - cached[0] < DEFAULT_DAY_TTL:
        return cached[1]
    day = default_as_of(session, plan_id, today)
    _default_days[(plan_id, today)] = (now, day)
    return day
