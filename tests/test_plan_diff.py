"""Plan diff: every changed field, added and removed projects, matched across a rollover."""

import csv

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import Project, Section
from services import ledger, plan_diff, progress, rollover
from services.query import ProjectFilter, project_ids

pytestmark = pytest.mark.backends


def _copy(session, sample_plan):
    """An edited second edition of the same plan: rollover without carrying semantics."""
    result = rollover.rollover(None, session, sample_plan.id)
    return result.plan_id


def test_diff_finds_every_changed_field(session, sample_plan):
    new_plan = _copy(session, sample_plan)
    ids = list(project_ids(session, ProjectFilter(plan_id=new_plan)))
    # Start from a clean comparison: put the rollover's own changes back.
    originals = {p.id: p for p in session.scalars(select(Project).where(Project.id.in_(ids)))}
    restore = {}
    for pid, project in originals.items():
        old = session.get(Project, project.carried_from_id)
        restore[pid] = {
            "period": old.period_label,
            "construction_kind": old.construction_kind,
            "remarks": old.remarks,
            "seq_label": old.seq_label,
            "status": old.status,
        }
    ledger.set_fields(session, restore)
    assert plan_diff.diff_plans(None, session, sample_plan.id, new_plan).is_empty
    edits = {
        ids[0]: {"name": "改名项目", "quantity": "9"},
        ids[1]: {"planned_investment_wan": "123.45", "period": "2023-2025"},
        ids[2]: {"owners": "区发改局、北港街道", "status": "在建"},
        ids[3]: {"content": "新内容", "project_type": "新类型", "remarks": "备注"},
        ids[4]: {"construction_kind": "续建"},
    }
    ledger.set_fields(session, edits)
    second = session.scalar(
        select(Section.id).where(Section.plan_id == new_plan, Section.position == 4)
    )
    ledger.move_projects(session, [ids[5]], second, 0)
    removed_origin = originals[ids[6]].carried_from_id
    ledger.delete_projects(session, [ids[6]])
    [added] = ledger.insert_projects(session, second, None, [{"name": "全新项目"}])

    diff = plan_diff.diff_plans(None, session, sample_plan.id, new_plan)
    found = {(c.new_id, c.field) for c in diff.changed}
    expected = {(pid, key) for pid, values in edits.items() for key in values}
    expected.add((ids[5], "section"))
    assert found == expected
    name_change = next(c for c in diff.changed if c.field == "name")
    assert (name_change.old_text, name_change.new_text) == ("工业绿色制造体系", "改名项目")
    assert [r.id for r in diff.added] == [added]
    assert [r.id for r in diff.removed] == [removed_origin]


def test_matching_without_links_uses_section_name_content(session, sample_plan):
    new_plan = _copy(session, sample_plan)
    ids = list(project_ids(session, ProjectFilter(plan_id=new_plan)))
    session.execute(
        Project.__table__.update().where(Project.id.in_(ids)).values(carried_from_id=None)
    )
    session.commit()
    diff = plan_diff.diff_plans(None, session, sample_plan.id, new_plan)
    assert diff.matched == 56 and not diff.added and not diff.removed
    # Three "VOCs源头替代" rows pair by content, not by first name match.
    vocs = [c for c in diff.changed if c.name == "VOCs源头替代" and c.field == "content"]
    assert vocs == []


def test_diff_export_xlsx_and_csv(session, sample_plan, tmp_path):
    from exports.plan_diff import export_plan_diff

    progress.set_reports(session, "2023Q4", {1: {"status": "已建成"}})
    new_plan = _copy(session, sample_plan)
    diff = plan_diff.diff_plans(None, session, sample_plan.id, new_plan)
    xlsx = export_plan_diff(None, diff, tmp_path / "diff.xlsx")
    book = load_workbook(xlsx)
    assert book.sheetnames == ["变更", "新增", "删除", "说明"]
    changes = list(book["变更"].iter_rows(values_only=True))
    assert changes[0][:4] == ("分区", "项目名称", "字段", "原值")
    assert len(changes) == 1 + len(diff.changed)
    assert len(list(book["删除"].iter_rows(values_only=True))) == 1 + len(diff.removed) == 2
    path = export_plan_diff(None, diff, tmp_path / "diff.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "类别"
    assert len(rows) == 1 + len(diff.changed) + len(diff.added) + len(diff.removed)
