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
ids, `judge`) and in SQL (`schedule_counts` over a whole filter, 1,000,000 projects): no float
drift at the tolerance boundary. Headless: never import Qt here.

The parts: `rules` (traffic-light rules), `expected` (序时进度 arithmetic), `judge` (one
project's flag), `counts` (the flags over a filter in SQL), `milestones`, `as_of` (the day a
plan is judged at).
"""

from services.schedule.as_of import (
    DEFAULT_DAY_TTL,
    as_of_for_ids,
    default_as_of,
    set_view_day,
    view_day,
)
from services.schedule.counts import (
    ScheduleCounts,
    counts_from_groups,
    expected_investment,
    flag_rows,
    or_done,
    schedule_counts,
)
from services.schedule.expected import Milestone, expected_progress
from services.schedule.judge import ScheduleStatus, judge, schedule_for_ids
from services.schedule.milestones import (
    milestones_for,
    milestones_text,
    parse_milestones,
    set_milestones,
)
from services.schedule.rules import (
    DEFAULT_TOLERANCE,
    FLAGS,
    PRESETS,
    LightRule,
    default_rule,
    rule_for,
    set_default_rule,
)

__all__ = [
    "DEFAULT_DAY_TTL",
    "DEFAULT_TOLERANCE",
    "FLAGS",
    "PRESETS",
    "LightRule",
    "Milestone",
    "ScheduleCounts",
    "ScheduleStatus",
    "as_of_for_ids",
    "counts_from_groups",
    "default_as_of",
    "default_rule",
    "expected_investment",
    "expected_progress",
    "flag_rows",
    "judge",
    "milestones_for",
    "milestones_text",
    "or_done",
    "parse_milestones",
    "rule_for",
    "schedule_counts",
    "schedule_for_ids",
    "set_default_rule",
    "set_milestones",
    "set_view_day",
    "view_day",
]
