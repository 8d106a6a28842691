"""Year rollover: exactly the unfinished projects carry forward, with the remaining money."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models import ConstructionKind, Indicator, Plan, Project, ProjectStatus, Rectification
from services import ledger, progress, rollover
from services.errors import ValidationError
from services.query import ProjectFilter, project_ids, rows_for_ids
from services.rectifications import close_items

pytestmark = pytest.mark.backends


def _ids(session, plan_id):
    return list(project_ids(session, ProjectFilter(plan_id=plan_id)))


def test_rollover_carries_exactly_the_unfinished(session, sample_plan):
    ids = _ids(session, sample_plan.id)
    rows = {r.id: r for r in rows_for_ids(session, ids)}
    done = ids[:20]
    progress.set_reports(session, "2023Q4", {p: {"status": "已建成"} for p in done[:10]})
    progress.set_reports(session, "2023Q4", {p: {"progress_pct": "100"} for p in done[10:]})
    partial = {ids[20]: "300", ids[21]: "0.5"}
    progress.set_reports(
        session,
        "2023Q3",
        {p: {"completed_investment_wan": v, "status": "在建"} for p, v in partial.items()},
    )
    # A report after the plan's year does not count as finished in it.
    progress.set_reports(session, "2024Q1", {ids[22]: {"status": "已建成"}})
    close_items(
        session,
        list(session.scalars(select(Rectification.id).limit(3))),
        "已现场核查",
    )

    result = rollover.rollover(None, session, sample_plan.id)
    new_plan = session.get(Plan, result.plan_id)
    assert new_plan.title == "2024年钟楼区生态文明建设工作方案"
    assert (new_plan.year_start, new_plan.previous_plan_id) == (2024, sample_plan.id)
    assert result.finished == 20
    carried = dict(result.carried)
    assert set(carried) == set(ids[20:])
    new_rows = {r.id: r for r in rows_for_ids(session, _ids(session, result.plan_id))}
    assert len(new_rows) == 36
    for old_id, new_id in carried.items():
        old, new = rows[old_id], new_rows[new_id]
        project = session.get(Project, new_id)
        assert project.carried_from_id == old_id
        assert new.construction_kind == ConstructionKind.CONTINUED
        assert new.owners == old.owners
        assert new.end_year == max(old.end_year, 2024) and new.start_year == old.start_year
        completed = Decimal(partial.get(old_id, "0"))
        expected = (
            None if old.planned_investment_wan is None else (old.planned_investment_wan - completed)
        )
        assert new.planned_investment_wan == expected
    assert rows[ids[20]].planned_investment_wan == Decimal("5698.85")
    assert rows_for_ids(session, [carried[ids[20]]])[0].planned_investment_wan == Decimal("5398.85")
    assert session.get(Project, carried[ids[20]]).status == ProjectStatus.IN_PROGRESS
    assert "累计完成 300.00 万元" in session.get(Project, carried[ids[20]]).remarks
    remaining = sum(
        (r.planned_investment_wan for r in new_rows.values() if r.planned_investment_wan),
        Decimal(0),
    )
    assert result.remaining_investment_wan == remaining
    # Sections copied, in order; indicators copied; only open rectifications carried.
    assert [s.name for s in new_plan.sections] == [s.name for s in sample_plan.sections]
    copied = select(func.count()).select_from(Indicator)
    assert (
        session.scalar(copied.where(Indicator.plan_id == new_plan.id))
        == session.scalar(copied.where(Indicator.plan_id == sample_plan.id))
        == 14
    )  # the sample carries all fourteen 2023 indicators
    assert result.rectifications == 5


def test_multi_year_project_carries_even_if_reported_in_progress(session, sample_plan):
    pid = session.scalar(select(Project.id).where(Project.name == "全力推进农村生活污水治理"))
    progress.set_reports(
        session, "2023", {pid: {"progress_pct": "40", "completed_investment_wan": "800"}}
    )
    result = rollover.rollover(None, session, sample_plan.id)
    new_id = dict(result.carried)[pid]
    project = session.get(Project, new_id)
    assert (project.start_year, project.end_year) == (2021, 2025)
    assert project.planned_investment_wan == Decimal("1200.00")


def test_rollover_title_taken_writes_nothing(session, sample_plan):
    before = session.scalar(select(func.count()).select_from(Plan))
    with pytest.raises(ValidationError):
        rollover.rollover(
            None, session, sample_plan.id, rollover.RolloverOptions(title=sample_plan.title)
        )
    assert session.scalar(select(func.count()).select_from(Plan)) == before


def test_rollover_undo_and_redo_keep_ids(session, sample_plan):
    result = rollover.rollover(None, session, sample_plan.id)
    ids = _ids(session, result.plan_id)
    ledger.set_fields(session, {ids[0]: {"remarks": "改过"}})
    snapshot = rollover.delete_plan(session, result.plan_id)
    assert session.get(Plan, result.plan_id) is None
    assert _ids(session, result.plan_id) == []
    rollover.restore_plan_snapshot(session, snapshot)
    assert _ids(session, result.plan_id) == ids
    assert session.get(Project, ids[0]).remarks == "改过"
    assert session.get(Project, ids[0]).carried_from_id is not None
