"""The service layer on the real sample: totals, edits, undo data, constraints."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models import AuditEntry, OwnerRole, Project, Section
from services import ledger, query
from services.errors import ValidationError
from services.organizations import OrganizationResolver
from services.parsing import Period
from services.summary import plan_summary

pytestmark = pytest.mark.backends


def _project(session, name):
    return session.scalar(select(Project).where(Project.name == name))


def test_sample_totals(session, sample_plan):
    summary = plan_summary(session, sample_plan)
    assert summary["projects"] == 56
    assert summary["planned_investment_wan"] == "67619.88"
    water = summary["sections"][2]
    assert water == {
        "name": "(三)深入打好碧水保卫战",
        "projects": 12,
        "planned_investment_wan": "40363.88",
    }
    assert len(summary["sections"]) == 6


def test_sample_owners_lead_then_cooperating(session, sample_plan):
    project = _project(session, "光伏发电试点区建设")
    assert ledger.owner_specs(project) == [("区发改局", OwnerRole.LEAD)]
    vocs = _project(session, "储罐综合整治")
    assert ledger.owner_specs(vocs) == [
        ("钟楼生态环境局", OwnerRole.LEAD),
        ("北港街道", OwnerRole.COOPERATING),
    ]


def test_aliases_resolve_to_one_body(session, sample_plan):
    resolver = OrganizationResolver(session)
    assert resolver.find("资规分局").name == "钟楼自然资源和规划分局"
    assert resolver.find("邹区镇").name == "高新园(邹区镇)"
    assert resolver.find("高新园（邹区镇）").name == "高新园(邹区镇)"
    assert resolver.find("住建局").name == "区住建局"


def test_set_fields_writes_and_returns_inverse(session, sample_plan):
    project = _project(session, "光伏发电试点区建设")
    change = ledger.set_fields(
        session, {project.id: {"planned_investment_wan": "2,500.5", "period": "2023-2025"}}
    )
    assert change.changed_ids == {project.id}
    assert change.inverse[project.id]["planned_investment_wan"] == Decimal("2000.00")
    assert change.inverse[project.id]["period"] == Period(2023, 2023)
    session.expire_all()
    assert _project(session, "光伏发电试点区建设").planned_investment_wan == Decimal("2500.50")
    assert plan_summary(session, sample_plan)["planned_investment_wan"] == "68120.38"
    # Undo is the inverse through the same path.
    ledger.set_fields(session, change.inverse)
    assert plan_summary(session, sample_plan)["planned_investment_wan"] == "67619.88"
    audits = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == project.id)).all()
    assert {(a.field, a.old_value, a.new_value) for a in audits} >= {
        ("planned_investment_wan", "2000.00", "2500.50"),
        ("period", "2023", "2023-2025"),
    }


def test_bad_batch_writes_nothing(session, sample_plan):
    a = _project(session, "光伏发电试点区建设")
    b = _project(session, "储罐综合整治")
    with pytest.raises(ValidationError) as info:
        ledger.set_fields(
            session,
            {
                a.id: {"planned_investment_wan": "99"},
                b.id: {"quantity": "两个", "period": "2025-2023"},
            },
        )
    fields = {(e.record_id, e.field) for e in info.value.errors}
    assert fields == {(b.id, "quantity"), (b.id, "period")}
    session.expire_all()
    assert _project(session, "光伏发电试点区建设").planned_investment_wan == Decimal("2000.00")


def test_database_constraints_hold_without_services(session, sample_plan):
    from sqlalchemy.exc import IntegrityError

    project = _project(session, "光伏发电试点区建设")
    project.planned_investment_wan = Decimal("-1")
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()
    project = _project(session, "光伏发电试点区建设")
    project.start_year, project.end_year = 2024, 2022
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_owners_edit_resolves_aliases_and_creates_units(session, sample_plan):
    project = _project(session, "光伏发电试点区建设")
    ledger.set_fields(session, {project.id: {"owners": "资规分局、新单位办公室"}})
    session.expire_all()
    project = _project(session, "光伏发电试点区建设")
    assert ledger.owner_specs(project) == [
        ("钟楼自然资源和规划分局", OwnerRole.LEAD),
        ("新单位办公室", OwnerRole.COOPERATING),
    ]
    assert project.owners_text == "钟楼自然资源和规划分局、新单位办公室"


def test_insert_delete_restore_move(session, sample_plan):
    first = session.scalar(
        select(Section).where(Section.plan_id == sample_plan.id).order_by(Section.position)
    )
    flt = query.ProjectFilter(plan_id=sample_plan.id, section_ids=(first.id,))
    before = list(query.project_ids(session, flt))
    [new_id] = ledger.insert_projects(
        session,
        first.id,
        1,
        [{"name": "新项目", "planned_investment_wan": "10", "owners": "区发改局"}],
    )
    after = list(query.project_ids(session, flt))
    assert after == [before[0], new_id, *before[1:]]
    snapshot = ledger.delete_projects(session, [new_id, before[0]])
    assert list(query.project_ids(session, flt)) == before[1:]
    ledger.restore_projects(session, snapshot)
    assert list(query.project_ids(session, flt)) == after
    restored = session.get(Project, new_id)
    assert ledger.owner_specs(restored) == [("区发改局", OwnerRole.LEAD)]
    second = session.scalar(
        select(Section).where(Section.plan_id == sample_plan.id, Section.position == 1)
    )
    places = ledger.move_projects(session, [new_id], second.id, 0)
    assert query.project_ids(session, query.ProjectFilter(section_ids=(second.id,)))[0] == new_id
    ledger.place_projects(session, places)
    assert list(query.project_ids(session, flt)) == after


def test_filters_and_sorts_in_sql(session, sample_plan):
    flt = query.ProjectFilter(plan_id=sample_plan.id)
    by_money = query.rows_for_ids(
        session, query.project_ids(session, flt, query.Sort("planned_investment_wan", True))
    )
    assert by_money[0].name == "邹区污水处理厂三期改扩建工程"
    assert by_money[-1].planned_investment_wan is None  # "/" sorts last
    text = query.project_ids(session, query.ProjectFilter(plan_id=sample_plan.id, text="口袋公园"))
    assert len(text) == 5
    org = OrganizationResolver(session).find("区住建局")
    led = query.ProjectFilter(plan_id=sample_plan.id, owner_id=org.id, owner_role=OwnerRole.LEAD)
    # 1 in 碧水 (污水处理提质增效达标区) + 8 parks and green spaces in (五).
    assert query.totals(session, led).projects == 9
    multi_year = query.project_ids(session, query.ProjectFilter(plan_id=sample_plan.id, year=2024))
    assert {r.name for r in query.rows_for_ids(session, multi_year)} == {
        "污染地块修复和风险管控工程",
        "全力推进农村生活污水治理",
    }


def test_selection_totals(session, sample_plan):
    ids = query.project_ids(session, query.ProjectFilter(plan_id=sample_plan.id))
    assert query.totals_for_ids(session, ids).planned_investment_wan == Decimal("67619.88")
    assert query.totals_for_ids(session, ids[:3]).planned_investment_wan == Decimal("2880.00")


def test_sample_counts_in_db(session, sample_plan):
    assert session.scalar(select(func.count()).select_from(Project)) == 56


def test_filters_by_status_and_case_insensitive_latin_words(session, sample_plan):
    from models import ProjectStatus

    flt = query.ProjectFilter(plan_id=sample_plan.id)
    ids = query.project_ids(session, flt)
    ledger.set_fields(session, {ids[0]: {"status": "在建"}, ids[1]: {"status": "done"}})
    in_progress = query.ProjectFilter(plan_id=sample_plan.id, status=ProjectStatus.IN_PROGRESS)
    assert list(query.project_ids(session, in_progress)) == [ids[0]]
    vocs = query.project_ids(
        session, query.ProjectFilter(plan_id=sample_plan.id, text="vocs 无组织")
    )
    names = {r.name for r in query.rows_for_ids(session, vocs)}
    assert names == {"深入VOCs治理", "工业园区和企业集群整治"}


def test_filtered_table_order_follows_sections(session, sample_plan):
    org = OrganizationResolver(session).find("区住建局")
    flt = query.ProjectFilter(plan_id=sample_plan.id, owner_id=org.id)
    rows = query.rows_for_ids(session, query.project_ids(session, flt))
    sections = {s.id: s.position for s in session.scalars(select(Section))}
    keys = [(sections[r.section_id], r.position) for r in rows]
    assert keys == sorted(keys) and len(rows) == 9


def test_update_plan_returns_old_values_and_refuses_bad_years(session, sample_plan):
    from services.plans import update_plan

    old = update_plan(
        session, sample_plan.id, {"doc_number": "钟政办发〔2023〕18号", "year_end": 2024}
    )
    assert old == {"doc_number": "钟政办发〔2023〕17号", "year_end": 2023}
    with pytest.raises(ValidationError) as info:
        update_plan(session, sample_plan.id, {"year_start": 2025})  # after year_end 2024
    assert info.value.errors[0].field == "years"
    session.expire_all()
    assert session.get(type(sample_plan), sample_plan.id).year_start == 2023


def test_project_types_are_distinct_and_sorted(session, sample_plan):
    types = query.project_types(session, sample_plan.id)
    assert len(types) == len(set(types)) and types == sorted(types)
    assert "持续推进生态绿城建设" in types


def test_move_within_a_section_undoes_exactly(session, sample_plan):
    second = session.scalar(
        select(Section).where(Section.plan_id == sample_plan.id, Section.position == 1)
    )
    flt = query.ProjectFilter(section_ids=(second.id,))
    before = list(query.project_ids(session, flt))
    moved = ledger.move_projects(session, [before[2]], second.id, 1)
    assert list(query.project_ids(session, flt))[:3] == [before[0], before[2], before[1]]
    ledger.place_projects(session, moved)
    assert list(query.project_ids(session, flt)) == before


@pytest.mark.parametrize(
    "sort",
    [None, query.Sort(None, True), query.Sort("planned_investment_wan"), query.Sort("name", True)],
)
def test_limited_id_lists_are_the_head_of_the_full_list(session, sample_plan, sort):
    flt = query.ProjectFilter(plan_id=sample_plan.id)
    full = list(query.project_ids(session, flt, sort))
    for limit in (1, 5, 20, 55, 56, 100):
        assert list(query.project_ids(session, flt, sort, limit=limit)) == full[:limit]
    narrowed = query.ProjectFilter(plan_id=sample_plan.id, text="街道")
    assert (
        list(query.project_ids(session, narrowed, sort, limit=7))
        == list(query.project_ids(session, narrowed, sort))[:7]
    )


def test_overlapping_gc_pauses_resume_the_collector_only_when_the_last_ends():
    import gc
    import threading

    from services.tasks import gc_paused

    assert gc.isenabled()
    release, started = threading.Event(), threading.Event()

    def bulk_task():
        with gc_paused():
            started.set()
            release.wait(5)

    worker = threading.Thread(target=bulk_task)
    worker.start()
    started.wait(5)
    with gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the worker's import is still running
    release.set()
    worker.join(5)
    assert gc.isenabled()
