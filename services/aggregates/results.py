"""The dashboard's result types: plain frozen dataclasses, money as Decimal 万元 (two places)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from models import OrgKind, OwnerRole, ProjectStatus
from models.base import cents_to_money, to_money
from services.drilldown import Drill
from services.query import ProjectFilter

ZERO = to_money(0)
YearMode = Literal["spread", "start"]
TimelineMode = Literal["section", "project"]


def money(cents: int | None) -> Decimal:
    return ZERO if cents is None else cents_to_money(cents)


def sum_money(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


def to_yi(amount_wan: Decimal) -> Decimal:
    """万元 → 亿元 with two places (67,619.88 万元 → 6.76 亿元)."""
    return to_money(amount_wan / 10000)


@dataclass(frozen=True)
class ScheduleFigures:
    """From services.schedule.schedule_counts: projects with a progress report, and how many lag."""

    as_of: date
    reported: int
    behind: int
    overdue: int
    completed_investment_wan: Decimal


@dataclass(frozen=True)
class KeyFigures:
    projects: int
    planned_investment_wan: Decimal
    sections: int
    units: int  # distinct organizations named by the projects (any role)
    no_investment: int  # 计划投资 "/" (not set)
    multi_year: int  # period longer than one year
    schedule: ScheduleFigures | None = None  # None = no progress data yet

    @property
    def planned_investment_yi(self) -> Decimal:
        return to_yi(self.planned_investment_wan)


@dataclass(frozen=True)
class SectionFigure:
    section_id: int
    position: int  # the section's place in its plan: the key of its colour
    name: str
    projects: int
    planned_investment_wan: Decimal

    @property
    def drill(self) -> Drill:
        return Drill(section_id=self.section_id)


@dataclass(frozen=True)
class UnitFigure:
    """One bar of the lead-unit chart; organization_id None is the "其他" (other) or "none" bar."""

    organization_id: int | None
    name: str
    projects: int
    planned_investment_wan: Decimal
    drill: Drill


@dataclass(frozen=True)
class LeadUnitBreakdown:
    top: list[UnitFigure]  # largest investment first
    other: UnitFigure | None  # the remaining lead units together ("其他"), None if none remain
    other_units: int  # how many units "其他" stands for
    no_lead: UnitFigure | None  # projects without a lead unit

    @property
    def bars(self) -> list[UnitFigure]:
        return [f for f in [*self.top, self.other, self.no_lead] if f is not None]


@dataclass(frozen=True)
class ParticipationFigure:
    organization_id: int
    name: str
    kind: OrgKind
    lead: int  # projects led
    cooperating: int  # projects joined as cooperating unit
    constructing: int  # projects joined as construction entity (建设主体)

    @property
    def total(self) -> int:
        return self.lead + self.cooperating + self.constructing

    def drill(self, role: OwnerRole | None = None) -> Drill:
        return Drill(owner_id=self.organization_id, owner_role=role)


@dataclass(frozen=True)
class ParticipationBreakdown:
    units: list[ParticipationFigure]  # most involved first, at most top_n
    omitted_units: int


@dataclass(frozen=True)
class AreaFigure:
    organization_id: int
    name: str
    kind: OrgKind
    projects: int  # projects naming this area, directly or through 各板块
    via_group: int  # of which only through 各板块
    planned_investment_wan: Decimal  # their full planned investment (涉及投资)

    @property
    def drill(self) -> Drill:
        return Drill(area_id=self.organization_id)


@dataclass(frozen=True)
class AreaBreakdown:
    areas: list[AreaFigure]  # largest investment first
    group_projects: int  # projects naming 各板块
    group_wan: Decimal


@dataclass(frozen=True)
class YearFigure:
    year: int
    projects: int  # spread: projects whose period covers the year; start: starting in it
    planned_investment_wan: Decimal
    drill: Drill


@dataclass(frozen=True)
class YearBreakdown:
    mode: YearMode
    years: list[YearFigure]  # consecutive, gaps filled with zero years
    no_period_projects: int
    no_period_wan: Decimal


@dataclass(frozen=True)
class StatusFigure:
    status: ProjectStatus
    projects: int
    planned_investment_wan: Decimal

    @property
    def drill(self) -> Drill:
        return Drill(status=self.status)


@dataclass(frozen=True)
class ProgressFigure:
    section_id: int
    position: int
    name: str
    projects: int
    planned_investment_wan: Decimal  # all filtered projects of the section
    reported_projects: int  # with at least one progress report
    completed_investment_wan: Decimal  # sum of the latest reports' 累计完成投资

    @property
    def completion_pct(self) -> Decimal | None:
        if not self.planned_investment_wan:
            return None
        return to_money(self.completed_investment_wan * 100 / self.planned_investment_wan)

    @property
    def drill(self) -> Drill:
        return Drill(section_id=self.section_id)


@dataclass(frozen=True)
class ProgressBreakdown:
    sections: list[ProgressFigure]
    latest_period_end: date | None  # None = no progress data yet

    @property
    def has_data(self) -> bool:
        return self.latest_period_end is not None


@dataclass(frozen=True)
class TimelineBar:
    label: str  # section name (section mode) or project name (project mode)
    section_id: int
    section_position: int
    start_year: int
    end_year: int
    projects: int
    planned_investment_wan: Decimal
    project_id: int | None = None  # project mode only

    @property
    def drill(self) -> Drill:
        if self.project_id is not None:
            return Drill(project_id=self.project_id)
        return Drill(section_id=self.section_id, period=(self.start_year, self.end_year))


@dataclass(frozen=True)
class Timeline:
    mode: TimelineMode
    bars: list[TimelineBar]  # table order: section, then start year
    omitted_projects: int  # project mode: not shown beyond `limit`
    no_period_projects: int


@dataclass(frozen=True)
class DashboardOptions:
    year_mode: YearMode = "spread"
    lead_top_n: int = 10
    participation_top_n: int = 15
    timeline_mode: TimelineMode = "section"
    timeline_limit: int = 30
    as_of: date | None = None  # progress: reports up to this day (None = all, schedule: today)


@dataclass(frozen=True)
class Dashboard:
    filter: ProjectFilter
    options: DashboardOptions
    key: KeyFigures
    sections: list[SectionFigure]
    lead_units: LeadUnitBreakdown
    participation: ParticipationBreakdown
    areas: AreaBreakdown
    years: YearBreakdown
    status: list[StatusFigure]
    progress: ProgressBreakdown
    timeline: Timeline
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    def chart_data(self, kind: str) -> object:
        """The data a chart kind of exports/charts.py draws."""
        return {
            "sections": self.sections,
            "lead_units": self.lead_units,
            "participation": self.participation,
            "areas": self.areas,
            "years": self.years,
            "status": self.status,
            "planned_vs_completed": self.progress,
            "timeline": self.timeline,
        }[kind]
