"""Schedule math (序时进度), flags at the tolerance boundary, presets, and SQL = Python."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from models import Project, ProjectStatus
from services import progress, schedule
from services.query import ProjectFilter, project_ids
from services.schedule import PRESETS, expected_progress, judge

pytestmark = pytest.mark.backends


def test_yearly_plan_end_of_may_is_41_7_percent():
    assert expected_progress(2023, 2023, date(2023, 5, 31)) == Decimal("41.67")


def test_three_year_project_mid_2023_expects_half():
    assert expected_progress(2022, 2024, date(2023, 6, 30)) == Decimal("50.00")


def test_expected_progress_bounds_and_days_within_month():
    assert expected_progress(2023, 2023, date(2022, 12, 31)) == Decimal("0.00")
    assert expected_progress(2023, 2023, date(2023, 12, 31)) == Decimal("100.00")
    assert expected_progress(2023, 2023, date(2024, 3, 1)) == Decimal("100.00")
    # 1–10月 (end of October) → 83.33 %, the published example's 时间进度.
    assert expected_progress(2023, 2023, date(2023, 10, 31)) == Decimal("83.33")
    # Half of January: 0.5 / 12.
    assert expected_progress(2023, 2023, date(2023, 1, 16)) == Decimal("4.30")
    assert expected_progress(None, None, date(2023, 6, 30)) is None
    assert expected_progress(2023, None, date(2023, 6, 30)) == Decimal("50.00")


def test_milestones_due_in_june_means_100_by_june():
    points = [(date(2023, 6, 30), Decimal(100))]
    assert expected_progress(2023, 2023, date(2023, 6, 30), points) == Decimal("100.00")
    assert expected_progress(2023, 2023, date(2023, 3, 31), points) == Decimal("50.00")
    assert expected_progress(2023, 2023, date(2023, 9, 30), points) == Decimal("100.00")
    # A mid-way milestone bends the line; after it, linear to 100 % at the period end.
    bent = [(date(2023, 3, 31), Decimal(10))]
    assert expected_progress(2023, 2023, date(2023, 3, 31), bent) == Decimal("10.00")
    assert expected_progress(2023, 2023, date(2023, 12, 31), bent) == Decimal("100.00")
    assert expected_progress(2023, 2023, date(2023, 8, 31), bent) == Decimal("60.00")


def test_parse_milestones_text_and_errors():
    points = schedule.parse_milestones("2023-06-30 50%；2023Q4 100")
    assert points == [
        (date(2023, 6, 30), Decimal("50.00")),
        (date(2023, 12, 31), Decimal("100.00")),
    ]
    assert schedule.parse_milestones(schedule.milestones_text(points)) == points
    with pytest.raises(ValueError, match="倒退"):
        schedule.parse_milestones("2023-06 80%; 2023-09 50%")
    with pytest.raises(ValueError):
        schedule.parse_milestones("六月 50%")


def _judge(
    actual,
    *,
    start=2023,
    end=2023,
    as_of=date(2023, 6, 30),
    rule=PRESETS["default"],
    status=None,
    has_report=True,
):
    return judge(
        start_year=start,
        end_year=end,
        project_status=None,
        planned=Decimal("100"),
        report_pct=None if actual is None else Decimal(actual),
        report_completed=None,
        report_status=status,
        has_report=has_report,
        as_of=as_of,
        rule=rule,
    )


def test_flags_at_the_tolerance_boundary():
    # Expected 50 %; behind only when actual < 50 − 10.
    assert _judge("40.00").flag == "on_track"
    assert _judge("39.99").flag == "behind"
    assert _judge("39.99").light == "yellow"
    assert _judge("20.00").light == "yellow"
    assert _judge("19.99").light == "red"
    assert _judge("100").flag == "done"
    assert _judge(None, has_report=False).flag == "no_report"
    assert _judge("10", status=ProjectStatus.DONE).flag == "done"
    # Past the end year and not done.
    assert _judge("90", as_of=date(2024, 1, 1)).flag == "overdue"
    # A configurable tolerance.
    rule = schedule.rule_for(5)
    assert _judge("45.00", rule=rule).flag == "on_track"
    assert _judge("44.99", rule=rule).flag == "behind"


def test_presets_yinchuan_sanya_tianjin():
    yinchuan, sanya, tianjin = PRESETS["yinchuan"], PRESETS["sanya"], PRESETS["tianjin"]
    assert _judge("30", rule=yinchuan).light == "yellow"  # 20 points behind
    assert _judge("19", rule=yinchuan).light == "red"  # 31 points behind
    # Not started 3 months after the planned start is red in 银川.
    assert _judge("0", rule=yinchuan, as_of=date(2023, 4, 30)).light == "red"
    assert _judge("0", rule=yinchuan, as_of=date(2023, 3, 31)).light != "red"
    # 三亚: any shortfall is yellow, more than 50 % of the expected pace is red.
    assert _judge("50", rule=sanya).light == "green"
    assert _judge("49.99", rule=sanya).light == "yellow"
    assert _judge("25", rule=sanya).light == "yellow"
    assert _judge("24.99", rule=sanya).light == "red"
    # 天津: red beyond 30 % below the expected pace (50 → below 35).
    assert _judge("35", rule=tianjin).light == "yellow"
    assert _judge("34.99", rule=tianjin).light == "red"


def test_actual_from_investment_when_no_percentage():
    status = judge(
        start_year=2023,
        end_year=2023,
        project_status=None,
        planned=Decimal("200"),
        report_pct=None,
        report_completed=Decimal("50"),
        report_status=None,
        has_report=True,
        as_of=date(2023, 6, 30),
        rule=PRESETS["default"],
    )
    assert status.actual_pct == Decimal("25.00")
    assert status.flag == "behind"


def test_sql_counts_match_python_flags(session, sample_plan):
    ids = list(project_ids(session, ProjectFilter(plan_id=sample_plan.id)))
    values = ["0", "10", "39.99", "40", "41.66", "41.67", "60", "100", None]
    changes = {}
    for i, pid in enumerate(ids[:45]):
        pct = values[i % len(values)]
        changes[pid] = {"progress_pct": pct} if pct else {"narrative": "进展顺利"}
    changes[ids[3]]["status"] = "已建成"
    progress.set_reports(session, "2023-05", changes)
    schedule.set_milestones(session, {ids[1]: "2023-05-31 100%"})
    flt = ProjectFilter(plan_id=sample_plan.id)
    for as_of in (date(2023, 5, 31), date(2023, 6, 30), date(2024, 1, 1)):
        for rule in PRESETS.values():
            flags = schedule.schedule_for_ids(session, ids, as_of, rule=rule)
            tally = Counter(s.flag for s in flags.values())
            counts = schedule.schedule_counts(session, flt, as_of, rule=rule)
            assert counts.projects == 56
            assert counts.behind == tally["behind"], (as_of, rule)
            assert counts.overdue == tally["overdue"]
            assert counts.done == tally["done"]
            assert counts.no_report == tally["no_report"]
            assert counts.reported == sum(1 for s in flags.values() if s.period)
    # At the end of May the milestone project expects 100 %; a 10 % report is red.
    flag = schedule.schedule_for_ids(session, [ids[1]], date(2023, 5, 31))[ids[1]]
    assert flag.expected_pct == Decimal("100.00") and flag.light == "red"


def test_reports_after_the_date_are_ignored(session, sample_plan):
    pid = session.scalar(select(Project.id).where(Project.name == "光伏发电试点区建设"))
    progress.set_reports(session, "2023Q3", {pid: {"progress_pct": "80"}})
    early = schedule.schedule_for_ids(session, [pid], date(2023, 6, 30))[pid]
    assert early.flag == "no_report"
    late = schedule.schedule_for_ids(session, [pid], date(2023, 9, 30))[pid]
    assert late.actual_pct == Decimal("80.00") and late.flag == "on_track"
