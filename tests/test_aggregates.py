"""Dashboard aggregates against hand sums of the 2023 钟楼 sample, and every bar against the
projects its drill-down selects."""

from __future__ import annotations

import json
import time
from datetime import date
from decimal import Decimal
from importlib import resources

import pytest
from sqlalchemy import func, select, text

from models import OwnerRole, Plan, ProgressReport, Project, ProjectOwner, ProjectStatus, Section
from services import aggregates as agg
from services import ledger, rollover
from services.aggregates import spread_evenly
from services.aggregates.tracking import tracking_pass
from services.drilldown import Drill, DrillTooLarge, drill_filter
from services.plans import add_section, create_plan
from services.query import ProjectFilter, project_ids, totals

pytestmark = pytest.mark.backends

D = Decimal


def _sample_json() -> dict:
    text = resources.files("resources.sample").joinpath("zhonglou_2023.json").read_text("utf-8")
    return json.loads(text)


def _rows() -> list[dict]:
    return [p for s in _sample_json()["sections"] for p in s["projects"]]


def _money(value) -> Decimal:
    return D(value) if value is not None else D(0)


@pytest.fixture
def flt(sample_plan):
    return ProjectFilter(plan_id=sample_plan.id)


def test_section_three_hand_sum(session, flt):
    sections = {s.name: s for s in agg.by_section(session, flt)}
    water = sections["(三)深入打好碧水保卫战"]
    assert (water.projects, water.planned_investment_wan) == (12, D("40363.88"))
    # And the same from the JSON the sample was typed from, section by section.
    for data in _sample_json()["sections"]:
        figure = sections[data["name"]]
        assert figure.projects == len(data["projects"])
        assert figure.planned_investment_wan == sum(
            (_money(p["planned_investment_wan"]) for p in data["projects"]), D(0)
        )


def test_key_figures_hand_counts(session, flt):
    rows = _rows()
    key = agg.key_figures(session, flt)
    assert key.projects == len(rows) == 56
    assert key.planned_investment_wan == D("67619.88")
    assert key.planned_investment_yi == D("6.76")
    assert key.sections == 6
    assert key.no_investment == sum(1 for p in rows if p["planned_investment_wan"] is None)
    assert key.multi_year == sum(1 for p in rows if "-" in p["period"]) == 3
    # Units: distinct bodies named, aliases folded, the 各板块 group not a unit.
    aliases = {}
    for org in _sample_json()["organizations"]:
        for alias in org["aliases"]:
            aliases[alias] = org["name"]
    names = {aliases.get(n, n) for p in rows for n in p["owners"]} - {"各板块"}
    assert key.units == len(names)


def test_lead_unit_counts_from_the_table(session, flt):
    rows = _rows()
    led = [p for p in rows if p["owners"][0] == "钟楼生态环境局"]  # first listed = lead
    breakdown = agg.by_lead_unit(session, flt, top_n=20)
    eco = next(u for u in breakdown.top if u.name == "钟楼生态环境局")
    assert eco.projects == len(led) == 29
    assert eco.planned_investment_wan == sum(
        (_money(p["planned_investment_wan"]) for p in led), D(0)
    )
    participation = agg.unit_participation(session, flt, top_n=50)
    eco_part = next(u for u in participation.units if u.name == "钟楼生态环境局")
    assert eco_part.lead == len(led)
    assert eco_part.cooperating == sum(1 for p in rows if "钟楼生态环境局" in p["owners"][1:])


def test_lead_units_top_n_other_and_none_add_up(session, flt):
    breakdown = agg.by_lead_unit(session, flt, top_n=3)
    assert len(breakdown.top) == 3
    assert breakdown.other is not None and breakdown.other_units > 0
    total = totals(session, flt)
    assert sum(b.projects for b in breakdown.bars) == total.projects
    assert sum((b.planned_investment_wan for b in breakdown.bars), D(0)) == (
        total.planned_investment_wan
    )
    # Largest first.
    amounts = [b.planned_investment_wan for b in breakdown.top]
    assert amounts == sorted(amounts, reverse=True)


def test_areas_count_in_full_and_group_counts_for_all(session, flt):
    rows = _rows()
    areas = {a.name: a for a in agg.by_area(session, flt).areas}
    beigang = [p for p in rows if "北港街道" in p["owners"] or "各板块" in p["owners"]]
    assert areas["北港街道"].projects == len(beigang)
    assert areas["北港街道"].planned_investment_wan == sum(
        (_money(p["planned_investment_wan"]) for p in beigang), D(0)
    )
    group = [p for p in rows if "各板块" in p["owners"]]
    assert all(a.via_group == len(group) == 2 for a in areas.values())
    # 荷花池街道 is named only a few times; 各板块 adds its two projects.
    hehua = [p for p in rows if "荷花池街道" in p["owners"] or "各板块" in p["owners"]]
    assert areas["荷花池街道"].projects == len(hehua)
    # Departments and parks are not areas.
    assert "钟楼生态环境局" not in areas and "经开区" not in areas


def test_year_spreading_exact(session, flt):
    years = agg.by_year(session, flt)
    by_year = {y.year: y.planned_investment_wan for y in years.years}
    # 2022-2024 3,000 → 1,000 a year; 2021-2025 2,000 → 400; 2022-2023 1,160 → 580.
    assert by_year[2021] == D("400.00")
    assert by_year[2022] == D("1000.00") + D("400.00") + D("580.00")
    assert by_year[2024] == D("1000.00") + D("400.00")
    assert sum(by_year.values(), D(0)) + years.no_period_wan == D("67619.88")
    start = {
        y.year: y.planned_investment_wan for y in agg.by_year(session, flt, mode="start").years
    }
    assert start[2022] == D("3000.00") + D("1160.00")
    assert start[2021] == D("2000.00") and max(start) == 2023


def test_single_project_spread_3000_over_three_years(session):
    plan = Plan(title="测试方案", year_start=2022, year_end=2024)
    session.add(plan)
    session.flush()
    section = Section(plan_id=plan.id, position=0, name="(一)测试")
    session.add(section)
    session.flush()
    for i, (amount, start, end) in enumerate(
        [("3000.00", 2022, 2024), ("100.00", 2030, 2032), ("0.01", 2040, 2042)]
    ):
        session.add(
            Project(
                plan_id=plan.id,
                section_id=section.id,
                position=i,
                name=f"项目{i}",
                planned_investment_wan=D(amount),
                start_year=start,
                end_year=end,
            )
        )
    session.commit()
    flt = ProjectFilter(plan_id=plan.id)
    years = {y.year: y.planned_investment_wan for y in agg.by_year(session, flt).years}
    assert [years[y] for y in (2022, 2023, 2024)] == [D("1000.00")] * 3
    # Residual hundredths go to the earliest years, and every total matches to the cent.
    assert [years[y] for y in (2030, 2031, 2032)] == [D("33.34"), D("33.33"), D("33.33")]
    assert [years[y] for y in (2040, 2041, 2042)] == [D("0.01"), D(0), D(0)]
    assert years[2035] == D(0)  # gap years are shown as zero
    assert sum(years.values(), D(0)) == D("3100.01")


def test_spread_evenly_rule():
    assert spread_evenly(300000, 3) == [100000] * 3
    assert spread_evenly(10000, 3) == [3334, 3333, 3333]
    assert sum(spread_evenly(12345679, 7)) == 12345679


def test_status_share_and_filter_respected(session, flt, sample_plan):
    ids = list(project_ids(session, flt))[:5]
    for pid in ids:
        session.get(Project, pid).status = ProjectStatus.IN_PROGRESS
    session.commit()
    shares = {s.status: s.projects for s in agg.status_share(session, flt)}
    assert shares == {ProjectStatus.PLANNED: 51, ProjectStatus.IN_PROGRESS: 5}
    narrow = ProjectFilter(plan_id=sample_plan.id, text="VOCs")
    key = agg.key_figures(session, narrow)
    expected = [p for p in _rows() if "VOCs" in (p["name"] + p["content"] + p["project_type"])]
    assert key.projects == len(expected)
    assert sum(s.projects for s in agg.by_section(session, narrow)) == len(expected)


def _drilled(session, flt, drill):
    narrowed = drill_filter(session, flt, drill)
    return totals(session, narrowed), narrowed


def test_every_bar_drills_to_exactly_its_projects(session, flt):
    board = agg.dashboard(None, session, flt)
    for s in board.sections:
        t, _ = _drilled(session, flt, s.drill)
        assert (t.projects, t.planned_investment_wan) == (s.projects, s.planned_investment_wan)
    for b in board.lead_units.bars:
        t, _ = _drilled(session, flt, b.drill)
        assert (t.projects, t.planned_investment_wan) == (b.projects, b.planned_investment_wan)
    for a in board.areas.areas:
        t, _ = _drilled(session, flt, a.drill)
        assert (t.projects, t.planned_investment_wan) == (a.projects, a.planned_investment_wan)
    for y in board.years.years:
        t, _ = _drilled(session, flt, y.drill)
        assert t.projects == y.projects
    for s in board.status:
        t, _ = _drilled(session, flt, s.drill)
        assert t.projects == s.projects
    for bar in board.timeline.bars:
        t, _ = _drilled(session, flt, bar.drill)
        assert (t.projects, t.planned_investment_wan) == (bar.projects, bar.planned_investment_wan)
    for unit in board.participation.units:
        t, _ = _drilled(session, flt, unit.drill(OwnerRole.COOPERATING))
        assert t.projects == unit.cooperating


def test_drill_composes_with_the_current_filter(session, flt, sample_plan):
    water = next(s for s in agg.by_section(session, flt) if s.name.startswith("(三)"))
    narrowed = drill_filter(session, flt, water.drill)
    assert narrowed.section_ids == (water.section_id,) and narrowed.ids is None
    # A second drill (a lead unit) inside the section keeps both conditions.
    eco = next(u for u in agg.by_lead_unit(session, narrowed).top if u.name == "钟楼生态环境局")
    both = drill_filter(session, narrowed, eco.drill)
    rows = [
        p
        for s in _sample_json()["sections"]
        if s["name"].startswith("(三)")
        for p in s["projects"]
        if p["owners"][0] == "钟楼生态环境局"
    ]
    assert totals(session, both).projects == len(rows) == eco.projects
    # A section outside the current filter's sections selects nothing.
    other = next(s for s in agg.by_section(session, flt) if s.name.startswith("(一)"))
    assert totals(session, drill_filter(session, narrowed, other.drill)).projects == 0


def test_drill_refuses_huge_id_lists(session, flt):
    with pytest.raises(DrillTooLarge):
        drill_filter(session, flt, Drill(start_year=2023), limit=10)


def test_planned_vs_completed_uses_latest_report(session, flt):
    assert not agg.planned_vs_completed(session, flt).has_data
    water_ids = session.scalars(
        select(Project.id)
        .join(Section, Section.id == Project.section_id)
        .where(Section.name.like("(三)%"))
        .order_by(Project.position)
    ).all()[:2]
    reports = [
        (water_ids[0], "2023Q1", date(2023, 3, 31), "100.00"),
        (water_ids[0], "2023Q2", date(2023, 6, 30), "900.00"),  # latest for project 0
        (water_ids[1], "2023Q1", date(2023, 3, 31), "250.50"),
    ]
    for pid, period, end, done in reports:
        session.add(
            ProgressReport(
                project_id=pid, period=period, period_end=end, completed_investment_wan=D(done)
            )
        )
    session.commit()
    progress = agg.planned_vs_completed(session, flt)
    assert progress.latest_period_end == date(2023, 6, 30)
    water = next(s for s in progress.sections if s.name.startswith("(三)"))
    assert water.reported_projects == 2
    assert water.completed_investment_wan == D("1150.50")
    assert water.planned_investment_wan == D("40363.88")
    assert water.completion_pct == D("2.85")
    # Up to an earlier date, the earlier report counts.
    early = agg.planned_vs_completed(session, flt, as_of=date(2023, 4, 30))
    water = next(s for s in early.sections if s.name.startswith("(三)"))
    assert water.completed_investment_wan == D("350.50")


def test_dashboard_bundles_everything(session, flt):
    board = agg.dashboard(None, session, flt, agg.DashboardOptions(timeline_mode="project"))
    assert board.key.projects == 56
    assert len(board.timeline.bars) == 30 and board.timeline.omitted_projects == 26
    assert {k for k in board.timings} >= {"project_cube", "owner_cube", "areas"}
    for kind in ("sections", "lead_units", "areas", "years", "timeline"):
        assert board.chart_data(kind) is not None


def test_cancel_interrupts_a_running_statement(session):
    from sqlalchemy import text

    from services.aggregates.board import _interruptible
    from services.tasks import Cancelled, TaskState

    state = TaskState()
    state.cancel()
    slow = text(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) "
        "SELECT count(*) FROM c"
    )
    started = time.perf_counter()
    with pytest.raises(Cancelled), _interruptible(session, state):
        session.execute(slow).scalar()
    assert time.perf_counter() - started < 2
    # The handler is removed afterwards: the session works normally again.
    assert session.execute(text("SELECT 1")).scalar() == 1
    with pytest.raises(Cancelled):
        agg.dashboard(state, session, ProjectFilter())


# ---------------------------------------------------------------- trigger-kept owner copies

# project_owner.plan_id / planned_investment_wan / is_first_lead are kept by triggers
# (migration 0001) for the 1,000,000-project dashboard; every writer must leave them right.
_WRONG_COPIES = text(
    """
    SELECT count(*) FROM project_owner po JOIN project p ON p.id = po.project_id
    WHERE po.plan_id IS DISTINCT FROM p.plan_id
       OR po.planned_investment_wan IS DISTINCT FROM p.planned_investment_wan
       OR po.is_first_lead IS DISTINCT FROM (po.role = 'lead' AND NOT EXISTS (
            SELECT 1 FROM project_owner e WHERE e.project_id = po.project_id
            AND e.role = 'lead' AND e.position < po.position))
    """
)


def _wrong_copies(session) -> int:
    return session.execute(_WRONG_COPIES).scalar_one()


def _first_leads(session, project_id: int) -> list[int]:
    return list(
        session.scalars(
            select(ProjectOwner.position).where(
                ProjectOwner.project_id == project_id, ProjectOwner.is_first_lead.is_(True)
            )
        )
    )


def _copies(session, project_id: int) -> set[tuple]:
    return set(
        session.execute(
            select(ProjectOwner.plan_id, ProjectOwner.planned_investment_wan).where(
                ProjectOwner.project_id == project_id
            )
        ).all()
    )


def _some_project(session, plan_id: int) -> Project:
    return session.scalars(
        select(Project)
        .where(Project.plan_id == plan_id, Project.planned_investment_wan.is_not(None))
        .order_by(Project.id)
    ).first()


def test_owner_copies_follow_investment_edits_and_undo(session, sample_plan, flt):
    project = _some_project(session, sample_plan.id)
    pid, before = project.id, project.planned_investment_wan
    assert _wrong_copies(session) == 0 and _copies(session, pid) == {(sample_plan.id, before)}
    change = ledger.set_fields(session, {pid: {"planned_investment_wan": "1234.56"}})
    assert _copies(session, pid) == {(sample_plan.id, D("1234.56"))}
    ledger.set_fields(session, {pid: {"planned_investment_wan": "/"}})  # not set
    assert _copies(session, pid) == {(sample_plan.id, None)}
    ledger.set_fields(session, change.inverse)
    assert _copies(session, pid) == {(sample_plan.id, before)}
    # An edit of another field leaves them alone; the unit figures still add up.
    ledger.set_fields(session, {pid: {"name": "改名后的项目"}})
    assert _wrong_copies(session) == 0
    lead = agg.by_lead_unit(session, flt, top_n=100)
    assert sum(b.planned_investment_wan for b in lead.bars) == D("67619.88")


def test_owner_copies_follow_owner_edits(session, sample_plan, flt):
    pid = _some_project(session, sample_plan.id).id
    edits = [
        # the lead listed second: it is still the first lead
        [("区发改局", OwnerRole.COOPERATING), ("钟楼生态环境局", OwnerRole.LEAD)],
        # two leads: the earlier one counts
        [("钟楼生态环境局", OwnerRole.LEAD), ("区发改局", OwnerRole.LEAD)],
        # no lead at all
        [("钟楼生态环境局", OwnerRole.COOPERATING), ("区发改局", OwnerRole.CONSTRUCTING)],
        # fewer rows, a lead again
        [("区发改局", OwnerRole.LEAD)],
        # more rows than before, the lead last
        [
            ("钟楼生态环境局", OwnerRole.COOPERATING),
            ("新单位办公室", OwnerRole.CONSTRUCTING),
            ("区发改局", OwnerRole.LEAD),
        ],
    ]
    expected_first = [[1], [0], [], [0], [2]]
    for owners, first in zip(edits, expected_first, strict=True):
        ledger.set_fields(session, {pid: {"owners": owners}})
        assert _first_leads(session, pid) == first, owners
        assert _wrong_copies(session) == 0, owners
        # The fast plan-only owner pass and the join path agree after every edit.
        sections = tuple(s.section_id for s in agg.by_section(session, flt))
        joined = agg.owner_cube(session, ProjectFilter(plan_id=flt.plan_id, section_ids=sections))
        assert sorted(agg.owner_cube(session, flt), key=_cell_key) == sorted(joined, key=_cell_key)
    # Raw edits of a role or a position (what a later tool might do) keep the mark too.
    session.execute(
        text(
            "UPDATE project_owner SET role = 'cooperating' WHERE project_id = :p AND role = 'lead'"
        ),
        {"p": pid},
    )
    assert _first_leads(session, pid) == [] and _wrong_copies(session) == 0
    session.execute(
        text("UPDATE project_owner SET role = 'lead' WHERE project_id = :p AND position = 1"),
        {"p": pid},
    )
    session.execute(
        text("UPDATE project_owner SET position = 9 WHERE project_id = :p AND position = 1"),
        {"p": pid},
    )
    assert _first_leads(session, pid) == [9] and _wrong_copies(session) == 0
    session.rollback()


def _cell_key(cell) -> tuple:
    return (cell.organization_id, cell.role.value, cell.first_lead)


def test_owner_copies_survive_delete_restore_move_and_plan_undo(session, sample_plan, flt):
    board = agg.dashboard(None, session, flt)
    ids = list(project_ids(session, flt))[:5]
    snapshot = ledger.delete_projects(session, ids)
    assert (
        session.scalar(
            select(func.count()).select_from(ProjectOwner).where(ProjectOwner.project_id.in_(ids))
        )
        == 0
    )
    assert _wrong_copies(session) == 0
    ledger.restore_projects(session, snapshot)
    assert _wrong_copies(session) == 0
    again = agg.dashboard(None, session, flt)
    assert (again.lead_units, again.participation, again.areas, again.key) == (
        board.lead_units,
        board.participation,
        board.areas,
        board.key,
    )
    # Moving a project into another plan's section moves its owner rows' plan with it.
    other = create_plan(session, "另一方案", 2024)
    section = add_section(session, other.id, "(一)测试")
    ledger.move_projects(session, ids[:1], section.id, None)
    assert _copies(session, ids[0]) == {
        (other.id, session.get(Project, ids[0]).planned_investment_wan)
    }
    assert _wrong_copies(session) == 0
    moved = agg.owner_cube(session, ProjectFilter(plan_id=other.id))
    assert sum(c.projects for c in moved if c.first_lead) == 1
    # A whole plan deleted and put back (undo of a rollover) keeps them right as well.
    plan_snapshot = rollover.delete_plan(session, sample_plan.id)
    rollover.restore_plan_snapshot(session, plan_snapshot)
    assert _wrong_copies(session) == 0


def test_owner_copies_after_a_bulk_import(session):
    from importers.plan_import import import_file
    from services.sample import sample_workbook_path
    from services.tasks import TaskState

    report = import_file(TaskState(), session, sample_workbook_path(), "导入")
    assert _wrong_copies(session) == 0
    plan_id = session.scalar(select(Plan.id).where(Plan.title == "导入"))
    assert plan_id is not None and report is not None
    imported = ProjectFilter(plan_id=plan_id)
    led = agg.by_lead_unit(session, imported, top_n=100)
    key = agg.key_figures(session, imported)
    assert sum(b.projects for b in led.bars) == key.projects
    assert sum(b.planned_investment_wan for b in led.bars) == key.planned_investment_wan


def test_dashboard_shared_tracking_pass_equals_the_separate_functions(session, sample_plan, flt):
    from models.tracking import ProjectMilestone

    ids = list(project_ids(session, flt))
    statuses = [None, ProjectStatus.DONE, ProjectStatus.IN_PROGRESS]
    for k, pid in enumerate(ids[:40]):
        for period, end, pct in (
            ("2023Q1", date(2023, 3, 31), 10),
            ("2023Q2", date(2023, 6, 30), 40),
        ):
            session.add(
                ProgressReport(
                    project_id=pid,
                    period=period,
                    period_end=end,
                    progress_pct=D(pct + k) if k % 3 else None,
                    completed_investment_wan=D(100 * k) if k % 2 else None,
                    status=statuses[k % 3],
                )
            )
    # Projects with milestones are judged apart by services.schedule; with and without reports.
    for pid in (ids[1], ids[50]):
        session.add(ProjectMilestone(project_id=pid, due=date(2023, 6, 30), pct=D(50)))
    session.commit()

    def separate(as_of):
        return (
            agg.key_figures(session, flt, as_of=as_of),
            agg.planned_vs_completed(session, flt, as_of=as_of),
        )

    for as_of in (date(2023, 5, 31), date(2023, 8, 31), None):
        board = agg.dashboard(None, session, flt, agg.DashboardOptions(as_of=as_of))
        assert tracking_pass(session, flt, as_of) is not None  # the shared pass ran
        key, progress = separate(as_of)
        assert board.key.schedule is not None and board.key.schedule.reported in (40, 39)
        assert (board.key, board.progress) == (key, progress)
    # A report dated after today parts the two (the chart takes every report): still equal.
    session.add(
        ProgressReport(
            project_id=ids[55], period="2099Q1", period_end=date(2099, 3, 31), progress_pct=D(5)
        )
    )
    session.commit()
    assert tracking_pass(session, flt, None) is None
    board = agg.dashboard(None, session, flt)
    key, progress = separate(None)
    assert (board.key, board.progress) == (key, progress)
    assert board.progress.latest_period_end == date(2099, 3, 31)


def test_excel_import_writes_the_owner_copies_itself(tmp_path, session):
    """The bulk importer bypasses the insert trigger (migration 0003); its copies must match."""
    import openpyxl

    from importers.plan_import import import_file
    from services.tasks import TaskState

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["序号", "项目名称", "建设内容", "计划投资(万元)", "牵头单位", "配合单位", "责任单位"],
        [1, "无牵头", "c", 10.5, "", "区发改局、区住建局", "新闸街道"],
        [2, "两个牵头", "c", 20, "区发改局、区住建局", "新闸街道", ""],
        [3, "只有建设主体", "c", None, "", "", "北港街道"],
        [4, "一个牵头", "c", 7.25, "区住建局", "", "北港街道"],
    ):
        sheet.append(row)
    book.save(tmp_path / "roles.xlsx")
    report = import_file(TaskState(), session, tmp_path / "roles.xlsx", "roles")
    ids = list(
        session.scalars(
            select(Project.id).where(Project.plan_id == report.plan_id).order_by(Project.position)
        )
    )
    assert [_first_leads(session, pid) for pid in ids] == [[], [0], [], [0]]
    assert _copies(session, ids[0]) == {(report.plan_id, D("10.50"))}
    assert _copies(session, ids[2]) == {(report.plan_id, None)}
    assert _wrong_copies(session) == 0
    # Later edits still go through the trigger and keep the marks right.
    ledger.set_fields(session, {ids[0]: {"owners": [("区住建局", OwnerRole.LEAD)]}})
    assert _first_leads(session, ids[0]) == [0] and _wrong_copies(session) == 0


def test_dashboard_under_a_text_filter_reads_its_ids_once_and_agrees_pass_by_pass(
    session, sample_plan
):
    """The text filter is materialized once (a TEMP table); every figure must equal what
    each pass computes on the plain filter, and drill-downs start from the user's filter."""
    from services.ledger import set_fields

    # 回头看 and 整治 find the projects naming 各板块; one of them also names 北港街道 (the
    # areas pass takes that overlap out); under 回头看 the other one naming both is outside.
    both = "钟楼生态环境局、各板块、北港街道"
    rows = session.execute(
        select(Project.name, Project.id).where(Project.plan_id == sample_plan.id)
    )
    named = {name: pid for name, pid in rows}
    set_fields(
        session,
        {named["餐饮油烟“回头看”"]: {"owners": both}, named["储罐综合整治"]: {"owners": both}},
    )
    for words in ("VOCs", "街道 整治", "整治", "回头看", "没有这个词"):
        narrow = ProjectFilter(plan_id=sample_plan.id, text=words)
        board = agg.dashboard(None, session, narrow)
        assert board.filter == narrow
        assert board.key == agg.key_figures(session, narrow)
        assert board.sections == agg.by_section(session, narrow)
        assert board.lead_units == agg.by_lead_unit(session, narrow, top_n=10)
        assert board.participation == agg.unit_participation(session, narrow, top_n=15)
        assert board.areas == agg.by_area(session, narrow)
        assert board.years == agg.by_year(session, narrow)
        assert board.status == agg.status_share(session, narrow)
        assert board.timeline == agg.timeline(session, narrow)
    temp_tables = {
        "sqlite": "SELECT count(*) FROM sqlite_temp_master WHERE name = 'dashboard_scope'",
        "postgresql": "SELECT count(to_regclass('pg_temp.dashboard_scope'))",
    }
    leftover = session.execute(text(temp_tables[session.get_bind().dialect.name])).scalar()
    assert leftover == 0  # the TEMP table is dropped after use
