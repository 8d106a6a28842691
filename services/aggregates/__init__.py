"""Dashboard aggregates (看板统计): the figures meetings ask for, grouped in SQL.

Every function takes a session and a `services.query.ProjectFilter` (the grid's current filter,
reused through `filter_clauses`) and returns plain frozen dataclasses. The dashboard view, the
chart renderer (exports/charts.py), the PDF briefing and `main.py chart` all read this API, so
keep it stable:

    dashboard(state, session, flt, options=DashboardOptions()) -> Dashboard   (everything below)
    key_figures(session, flt, *, as_of=None) -> KeyFigures
    by_section(session, flt) -> list[SectionFigure]
    by_lead_unit(session, flt, *, top_n=10) -> LeadUnitBreakdown
    unit_participation(session, flt, *, top_n=15) -> ParticipationBreakdown
    by_area(session, flt) -> AreaBreakdown
    by_year(session, flt, *, mode="spread") -> YearBreakdown
    status_share(session, flt) -> list[StatusFigure]
    planned_vs_completed(session, flt, *, as_of=None) -> ProgressBreakdown
    timeline(session, flt, *, mode="section", limit=30) -> Timeline
    drill_filter(session, flt, drill) -> ProjectFilter     (a clicked bar → the grid's filter;
                                                          lives in services.drilldown)

Money is `Decimal` 万元 with two places everywhere; sums are exact integer-hundredths sums in SQL.

Rules (the office asked for these; the charts print them as footnotes):
- Lead unit (牵头单位): a project's first-listed owner with the role "lead"; a project counts under
  that one unit only, so the bars (top N + 其他 + 未指定) add up to the filtered total.
- Towns/streets (镇/街道, `OrgKind.TOWN`/`STREET`): "涉及投资" — a project's planned investment
  counts IN FULL for every town/street it names, and a project naming "各板块" (`OrgKind.GROUP`)
  counts in full for every town/street of the plan (those named by any project of the plan), once
  per area even if it also names the area. So an area's bar equals the total of exactly the
  projects a click on it shows in the grid; areas overlap and do not add up to the plan total
  (the chart says so).
- Years (建设期限): in "spread" mode (default) investment is spread evenly over the years of the
  period: all projects sharing one period (e.g. 2022-2024) are summed and the sum split evenly,
  residual hundredths one each to the earliest years (one project of 3,000 over 2022-2024 →
  1,000 a year). In "start" mode it all counts in the start year. Projects without a period are
  reported apart. Either way years + no period = the filtered total, to the cent.
- A unit named twice in one project (an alias and its full name) is assumed resolved to one
  owner row by services.ledger; counts are per owner row.
- Progress: the latest ProgressReport per project (by period end, then id), optionally up to an
  `as_of` date. Schedule counts (behind / overdue) come from services.schedule (the tracking
  module) when it is installed; until then `KeyFigures.schedule` is None ("no progress data yet").

Never load all projects into Python. The project-side figures (key figures, sections, status,
years, section timeline) all derive from ONE grouped pass, `project_cube` (a row per section ×
status × period, read from the covering index `ix_project_plan_cube`); the unit-side figures
(lead units, participation, towns/streets, units involved) from ONE grouped pass, `owner_cube`
(a row per unit × role), which for a whole plan reads only the owner rows' trigger-kept copies
of plan, investment and first-lead mark (models.project.ProjectOwner). `dashboard()` runs each
pass once; the single-chart functions run the pass they need. Budget: the whole dashboard of a
1,000,000-project plan in under a second (benchmarks/bench_dashboard.py). Headless: never
import Qt here.
"""

from services.aggregates.board import dashboard
from services.aggregates.cubes import CubeCell, OwnerCell, owner_cube, project_cube
from services.aggregates.project_figures import (
    STATUS_ORDER,
    by_section,
    by_year,
    key_figures,
    spread_evenly,
    status_share,
    timeline,
)
from services.aggregates.results import (
    AreaBreakdown,
    AreaFigure,
    Dashboard,
    DashboardOptions,
    KeyFigures,
    LeadUnitBreakdown,
    ParticipationBreakdown,
    ParticipationFigure,
    ProgressBreakdown,
    ProgressFigure,
    ScheduleFigures,
    SectionFigure,
    StatusFigure,
    Timeline,
    TimelineBar,
    TimelineMode,
    UnitFigure,
    YearBreakdown,
    YearFigure,
    YearMode,
    to_yi,
)
from services.aggregates.tracking import planned_vs_completed
from services.aggregates.unit_figures import (
    AREA_KINDS,
    by_area,
    by_lead_unit,
    plan_areas,
    unit_participation,
)

# Drill-down lives in services.drilldown; its names stay importable from here (the API above).
from services.drilldown import DRILL_ID_LIMIT, Drill, DrillTooLarge, drill_filter

__all__ = [
    "AREA_KINDS",
    "DRILL_ID_LIMIT",
    "STATUS_ORDER",
    "AreaBreakdown",
    "AreaFigure",
    "CubeCell",
    "Dashboard",
    "DashboardOptions",
    "Drill",
    "DrillTooLarge",
    "KeyFigures",
    "LeadUnitBreakdown",
    "OwnerCell",
    "ParticipationBreakdown",
    "ParticipationFigure",
    "ProgressBreakdown",
    "ProgressFigure",
    "ScheduleFigures",
    "SectionFigure",
    "StatusFigure",
    "Timeline",
    "TimelineBar",
    "TimelineMode",
    "UnitFigure",
    "YearBreakdown",
    "YearFigure",
    "YearMode",
    "by_area",
    "by_lead_unit",
    "by_section",
    "by_year",
    "dashboard",
    "drill_filter",
    "key_figures",
    "owner_cube",
    "plan_areas",
    "planned_vs_completed",
    "project_cube",
    "spread_evenly",
    "status_share",
    "timeline",
    "to_yi",
    "unit_participation",
]
