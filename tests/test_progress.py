"""Progress reports: periods, validation, latest = current, history, undo as data, audit."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from models import AuditEntry, ProgressReport, Project, ProjectStatus
from services import progress
from services.audit import project_history
from services.errors import ValidationError
from services.progress import DELETE, parse_report_period

pytestmark = pytest.mark.backends


def _pid(session, name="光伏发电试点区建设"):
    return session.scalar(select(Project.id).where(Project.name == name))


@pytest.mark.parametrize(
    ("text", "label", "end"),
    [
        ("2023Q2", "2023Q2", date(2023, 6, 30)),
        ("2023-q2", "2023Q2", date(2023, 6, 30)),
        ("2023年第二季度", "2023Q2", date(2023, 6, 30)),
        ("2023年四季度", "2023Q4", date(2023, 12, 31)),
        ("2023-05", "2023-05", date(2023, 5, 31)),
        ("2023/2", "2023-02", date(2023, 2, 28)),
        ("2024年2月", "2024-02", date(2024, 2, 29)),
        ("2023", "2023", date(2023, 12, 31)),
        ("２０２３年度", "2023", date(2023, 12, 31)),
    ],
)
def test_report_periods(text, label, end):
    period = parse_report_period(text)
    assert (period.label, period.end) == (label, end)


@pytest.mark.parametrize("text", ["2023Q5", "2023-13", "Q2", "二〇二三", ""])
def test_bad_periods_are_refused(text):
    with pytest.raises(ValueError):
        parse_report_period(text)


def test_write_read_latest_and_history(session, sample_plan):
    pid = _pid(session)
    progress.set_reports(
        session,
        "2023Q1",
        {
            pid: {
                "progress_pct": "20%",
                "completed_investment_wan": "400",
                "status": "在建",
                "narrative": "完成选址",
                "reporter": "张三",
                "reported_on": "2023/4/25",
            }
        },
    )
    progress.set_reports(session, "2023Q2", {pid: {"progress_pct": "55", "status": "在建"}})
    latest = progress.latest_reports(session, [pid])[pid]
    assert (latest.period, latest.progress_pct) == ("2023Q2", Decimal("55.00"))
    as_of_march = progress.latest_reports(session, [pid], date(2023, 3, 31))[pid]
    assert as_of_march.completed_investment_wan == Decimal("400.00")
    assert as_of_march.reported_on == date(2023, 4, 25)
    assert [r.period for r in progress.report_history(session, pid)] == ["2023Q2", "2023Q1"]
    previous = progress.previous_reports(session, "2023Q2", [pid])[pid]
    assert previous.period == "2023Q1"
    # The latest report's status is the project's status.
    assert session.get(Project, pid).status == ProjectStatus.IN_PROGRESS


def test_over_plan_needs_explicit_confirmation(session, sample_plan):
    pid = _pid(session)  # planned 2000.00
    with pytest.raises(ValidationError) as info:
        progress.set_reports(session, "2023Q2", {pid: {"completed_investment_wan": "2000.01"}})
    [error] = info.value.errors
    assert (error.record_id, error.field) == (pid, "completed_investment_wan")
    assert session.scalar(select(ProgressReport.id)) is None
    progress.set_reports(
        session,
        "2023Q2",
        {pid: {"completed_investment_wan": "2000.01", "over_plan_confirmed": "是"}},
    )
    assert progress.latest_reports(session, [pid])[pid].completed_investment_wan == Decimal(
        "2000.01"
    )


def test_bad_batch_writes_nothing_and_locates_errors(session, sample_plan):
    a, b = _pid(session), _pid(session, "储罐综合整治")
    with pytest.raises(ValidationError) as info:
        progress.set_reports(
            session,
            "2023Q2",
            {a: {"progress_pct": "50"}, b: {"progress_pct": "120", "reported_on": "2023-02-30"}},
        )
    assert {(e.record_id, e.field) for e in info.value.errors} == {
        (b, "progress_pct"),
        (b, "reported_on"),
    }
    assert session.scalar(select(ProgressReport.id)) is None


def test_undo_is_the_inverse_through_the_same_call(session, sample_plan):
    pid = _pid(session)
    created = progress.set_reports(
        session, "2023Q2", {pid: {"progress_pct": "30", "status": "在建"}}
    )
    assert created.inverse[pid][DELETE] is True
    edited = progress.set_reports(session, "2023Q2", {pid: {"progress_pct": "35"}})
    assert edited.inverse == {pid: {"progress_pct": Decimal("30.00")}}
    progress.set_reports(session, "2023Q2", edited.inverse)
    assert progress.latest_reports(session, [pid])[pid].progress_pct == Decimal("30.00")
    undo_create = progress.set_reports(session, "2023Q2", created.inverse)
    assert progress.latest_reports(session, [pid]) == {}
    assert session.get(Project, pid).status == ProjectStatus.PLANNED
    # Redo of the creation brings the report and the project status back.
    progress.set_reports(session, "2023Q2", undo_create.inverse)
    assert progress.latest_reports(session, [pid])[pid].progress_pct == Decimal("30.00")
    assert session.get(Project, pid).status == ProjectStatus.IN_PROGRESS


def test_every_field_edit_is_audited(session, sample_plan):
    pid = _pid(session)
    progress.set_reports(
        session, "2023Q2", {pid: {"progress_pct": "30", "problems": "资金未到位"}}, user="王五"
    )
    progress.set_reports(session, "2023Q2", {pid: {"progress_pct": "40"}}, user="李四")
    rows = session.scalars(
        select(AuditEntry).where(
            AuditEntry.entity == "progress_report", AuditEntry.entity_id == pid
        )
    ).all()
    # On the office server the author is the database login, whatever the client says.
    server_login = (
        session.get_bind().url.username if session.get_bind().dialect.name == "postgresql" else None
    )
    first, second = server_login or "王五", server_login or "李四"
    assert {(r.user, r.field, r.old_value, r.new_value) for r in rows} >= {
        (first, "2023Q2/progress_pct", None, "30"),
        (first, "2023Q2/problems", None, "资金未到位"),
        (second, "2023Q2/progress_pct", "30", "40"),
    }
    history = project_history(session, pid)
    assert history[0].field == "2023Q2/progress_pct" and history[0].user == second


def test_completed_investment_sums_latest_figures(session, sample_plan):
    a, b = _pid(session), _pid(session, "储罐综合整治")
    progress.set_reports(session, "2023Q1", {a: {"completed_investment_wan": "100"}})
    progress.set_reports(session, "2023Q2", {a: {"completed_investment_wan": "300"}})
    progress.set_reports(session, "2023Q2", {b: {"completed_investment_wan": "50.5"}})
    assert progress.completed_investment(session, sample_plan.id) == Decimal("350.50")
    assert progress.completed_investment(session, sample_plan.id, date(2023, 3, 31)) == Decimal(
        "100.00"
    )


@given(
    year=st.integers(1990, 2100),
    kind=st.sampled_from(["quarter", "month", "year"]),
    n=st.integers(1, 12),
)
def test_period_labels_parse_back(year, kind, n):
    period = {
        "quarter": lambda: progress.quarter(year, (n - 1) // 3 + 1),
        "month": lambda: progress.month(year, n),
        "year": lambda: progress.year_period(year),
    }[kind]()
    assert parse_report_period(period.label) == period
    assert period.start <= period.end and period.end.year == year


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_percent_text_round_trips(value):
    text = progress.report_text("progress_pct", value)
    assert progress.parse_pct(text) == value
    assert progress.parse_pct(text + "%") == value


def test_grid_computes_the_ratio_from_the_amount_and_back(session, sample_plan):
    from services.progress_grid import ProgressSource

    source = ProgressSource("2023Q2")
    pid = _pid(session)  # 光伏发电试点区建设, planned 2,000.00 万元
    other = _pid(session, "工业绿色制造体系")  # planned 700.00 万元
    source.set_fields(
        session,
        {pid: {"completed_investment_wan": "1250"}, other: {"progress_pct": "40"}},
    )
    row, row_other = source.rows(session, [pid, other])
    assert row.project.planned_investment_wan == Decimal("2000.00")
    assert source.display(row, "progress_pct") == "≈62.5%"  # computed, and marked as such
    assert source.is_computed(row, "progress_pct") and source.edit_text(row, "progress_pct") == ""
    assert source.display(row_other, "completed_investment_wan") == "≈280.00"
    assert source.display(row_other, "progress_pct") == "40%"
    assert not source.is_computed(row_other, "progress_pct")
    # Both given: both shown as reported, nothing computed.
    source.set_fields(session, {pid: {"progress_pct": "30"}})
    [row] = source.rows(session, [pid])
    assert source.display(row, "progress_pct") == "30%" and not source.is_computed(
        row, "progress_pct"
    )
    assert source.display(row, "completed_investment_wan") == "1,250.00"
