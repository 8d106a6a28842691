"""Progress reports (进度填报): one return per project and period, history kept.

A project's *current* state is its latest report (the greatest period end, up to a date); older
reports stay as history. Each write is one transaction through `set_reports`, audited per field
under the project's id, and returns a ChangeSet whose inverse undoes it through the same call
(a report that did not exist before is undone by deleting it: the `DELETE` key).

Completed investment above the planned investment is refused unless `over_plan_confirmed` is
set on the report — a typo of one zero must not pass silently. The latest report's status is
copied to the project (the grid's 状态 column), audited like any project edit.

The parts: `periods` (2023Q2, 2023-05, 2023), `values` (each report field's parser and text),
`reading` (latest, per period, history — in SQL), `writing` (`set_reports`).
Headless: never import Qt here. Never compute "latest" in Python over all rows: SQL does it.
"""

from services.progress.periods import (
    ReportPeriod,
    month,
    parse_report_period,
    period_for_date,
    quarter,
    year_period,
)
from services.progress.reading import (
    ReportRow,
    completed_investment,
    latest_report_id_for,
    latest_report_ids,
    latest_reports,
    previous_reports,
    report_history,
    reported_periods,
    reports_for_period,
    units_of_plan,
)
from services.progress.values import (
    REPORT_FIELDS,
    REPORT_PARSERS,
    REPORT_TEXT,
    money_text,
    parse_bool,
    parse_date,
    parse_pct,
    pct_text,
    report_text,
)
from services.progress.writing import (
    DELETE,
    PROJECT_STATUS,
    delete_reports,
    parse_changes,
    report_writes,
    set_reports,
)

__all__ = [
    "DELETE",
    "PROJECT_STATUS",
    "REPORT_FIELDS",
    "REPORT_PARSERS",
    "REPORT_TEXT",
    "ReportPeriod",
    "ReportRow",
    "completed_investment",
    "delete_reports",
    "latest_report_id_for",
    "latest_report_ids",
    "latest_reports",
    "money_text",
    "month",
    "parse_bool",
    "parse_changes",
    "parse_date",
    "parse_pct",
    "parse_report_period",
    "pct_text",
    "period_for_date",
    "previous_reports",
    "quarter",
    "report_history",
    "report_text",
    "report_writes",
    "reported_periods",
    "reports_for_period",
    "set_reports",
    "units_of_plan",
    "year_period",
]
