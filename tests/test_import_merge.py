"""Importer, into an existing plan: the diff, the merge, its cancel and its undo."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select

from importers.plan_import import analyze, apply_diff, diff_plan, import_file, undo_merge
from models import OwnerRole, Project, Section
from services.sample import sample_workbook_path
from services.tasks import Cancelled, TaskState
from tests.import_helpers import HEADER, build_workbook, counts, projects_of

pytestmark = pytest.mark.backends


# ---------------------------------------------------------------- into an existing plan


def test_diff_and_merge_into_existing_plan_then_undo(tmp_path, session):
    report = import_file(TaskState(), session, sample_workbook_path())
    book = openpyxl.load_workbook(sample_workbook_path())
    sheet = book.worksheets[0]
    assert sheet["C5"].value == "工业绿色制造体系"
    sheet["F5"] = 750  # changed amount
    sheet["H5"] = "区工信局、经开区、北港街道"  # changed owners
    sheet.delete_rows(7)  # 光伏发电试点区建设 goes missing
    sheet.insert_rows(7)
    for col, value in enumerate(
        [3, "新类型", "新增项目", "新内容", 1, 10, "2023", "区发改局"], start=1
    ):
        sheet.cell(7, col, value)
    path = tmp_path / "returned.xlsx"
    book.save(path)
    preview = analyze(TaskState(), path)
    assert preview.ok, preview.errors
    diff = diff_plan(session, preview, report.plan_id)
    assert [p.name for p in diff.new] == ["新增项目"]
    [changed] = diff.changed
    assert changed.name == "工业绿色制造体系"
    assert set(changed.changes) == {"planned_investment_wan", "owners"}
    assert changed.changes["planned_investment_wan"] == (Decimal("700.00"), Decimal("750.00"))
    assert [name for _, _, name in diff.missing] == ["光伏发电试点区建设"]
    assert diff.unchanged == 54
    before = json.dumps(_snapshot(session, report.plan_id), default=str)
    result = apply_diff(session, diff)
    session.expire_all()
    after = _snapshot(session, report.plan_id)
    assert len(after) == 57
    assert any(p[2] == "新增项目" for p in after)
    assert next(p for p in after if p[2] == "工业绿色制造体系")[4] == "750.00"
    undo_merge(session, result)
    session.expire_all()
    assert json.dumps(_snapshot(session, report.plan_id), default=str) == before


def _snapshot(session, plan_id):
    return [
        (
            p.section_id,
            p.position,
            p.name,
            p.content,
            str(p.planned_investment_wan),
            [(o.organization.name, str(o.role)) for o in p.owners],
        )
        for p in projects_of(session, plan_id)
    ]


def test_merge_appends_new_rows_and_sections_in_bulk_and_cancel_reverts(tmp_path, session):
    report = import_file(TaskState(), session, sample_workbook_path())
    first_section = session.scalars(
        select(Section).where(Section.plan_id == report.plan_id).order_by(Section.position)
    ).first()
    rows = [
        HEADER,
        [1, "T", "续报项目", "c1", 1, 5, "2023", "区发改局、北港街道"],
        ["(七)新增的分区"],
        [1, "T", "新分区项目", "c2", 2, 7.5, "2023-2024", "全新单位"],
    ]
    # The first project row belongs to the plan's first section, named as in the plan.
    rows.insert(1, [first_section.name])
    path = build_workbook(tmp_path / "more.xlsx", {"S": rows})
    preview = analyze(TaskState(), path)
    assert preview.ok, preview.errors
    diff = diff_plan(session, preview, report.plan_id)
    assert [p.name for p in diff.new] == ["续报项目", "新分区项目"]
    assert diff.new_sections == ["(七)新增的分区"]

    # Cancelled while writing: neither rows nor the new section nor the new unit remain.
    state = TaskState()
    state.cancel()
    before = counts(session)
    with pytest.raises(Cancelled):
        apply_diff(session, diff, state=state)
    assert counts(session) == before

    result = apply_diff(session, diff)
    session.expire_all()
    appended = session.get(Project, result.inserted_ids[0])
    last_position = session.scalar(
        select(func.max(Project.position)).where(Project.section_id == first_section.id)
    )
    assert (appended.section_id, appended.position) == (first_section.id, last_position)
    assert [(o.organization.name, o.role) for o in appended.owners] == [
        ("区发改局", OwnerRole.LEAD),
        ("北港街道", OwnerRole.COOPERATING),
    ]
    [new_section_id] = result.new_section_ids
    new_section = session.get(Section, new_section_id)
    assert new_section.name == "(七)新增的分区" and new_section.position == 6
    other = session.get(Project, result.inserted_ids[1])
    assert (other.section_id, other.position, other.period_label) == (
        new_section_id,
        0,
        "2023-2024",
    )
    assert other.owners[0].is_first_lead and other.owners[0].plan_id == report.plan_id
    undo_merge(session, result)
    assert counts(session)[:3] == before[:3]


@pytest.mark.backends("sqlite")  # PostgreSQL keeps its indexes during a load (db.bulk)
def test_a_big_merge_into_existing_sections_builds_indexes_after_its_rows(
    tmp_path, session, monkeypatch
):
    """More new rows than the table holds, no new section or unit: nothing is written before
    the bulk insert, which must still run in one transaction with its indexes rebuilt."""
    from db import bulk

    report = import_file(TaskState(), session, sample_workbook_path())
    first = session.scalars(
        select(Section).where(Section.plan_id == report.plan_id).order_by(Section.position)
    ).first()
    rows = [HEADER, [first.name]]
    rows += [[i, "T", f"追加项目{i}", "c", 1, 1, "2023", "区住建局"] for i in range(1, 61)]
    preview = analyze(TaskState(), build_workbook(tmp_path / "big.xlsx", {"S": rows}))
    diff = diff_plan(session, preview, report.plan_id)
    assert len(diff.new) == 60 and diff.new_sections == []
    session.rollback()  # as the dialog's worker starts: no transaction open
    monkeypatch.setattr(bulk, "MIN_ROWS", 10)
    before = bulk.index_names(session.connection(), "project")
    session.rollback()
    result = apply_diff(session, diff)
    assert len(result.inserted_ids) == 60 and result.new_section_ids == []
    connection = session.connection()
    assert bulk.index_names(connection, "project") == before
    assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert session.scalar(select(func.count()).select_from(Project)) == 116


def test_a_cancelled_merge_of_changes_only_writes_nothing_not_even_audit_lines(tmp_path, session):
    from models import AuditEntry

    report = import_file(TaskState(), session, sample_workbook_path())
    book = openpyxl.load_workbook(sample_workbook_path())
    book.worksheets[0]["F5"] = 12345
    book.save(tmp_path / "changed.xlsx")
    diff = diff_plan(session, analyze(TaskState(), tmp_path / "changed.xlsx"), report.plan_id)
    assert [c.name for c in diff.changed] == ["工业绿色制造体系"] and diff.new == []
    audits = session.scalar(select(func.count()).select_from(AuditEntry))
    state = TaskState()
    state.cancel()
    with pytest.raises(Cancelled):
        apply_diff(session, diff, state=state)
    session.expire_all()
    amount = session.scalar(
        select(Project.planned_investment_wan).where(Project.name == "工业绿色制造体系")
    )
    assert amount == Decimal("700.00")
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == audits


def test_two_spellings_of_one_section_get_consecutive_positions(tmp_path, session):
    report = import_file(TaskState(), session, sample_workbook_path())
    first = session.scalars(
        select(Section).where(Section.plan_id == report.plan_id).order_by(Section.position)
    ).first()
    spaced = first.name.replace(")", " )", 1)  # "(一 )…": matched to the same section
    rows_a = [HEADER, [first.name], [1, "T", "新项目A", "c", 1, 1, "2023", "区住建局"]]
    rows_b = [HEADER, [spaced], [1, "T", "新项目B", "c", 1, 1, "2023", "区住建局"]]
    path = build_workbook(tmp_path / "two.xlsx", {"A": rows_a, "B": rows_b})
    diff = diff_plan(session, analyze(TaskState(), path), report.plan_id)
    assert [p.name for p in diff.new] == ["新项目A", "新项目B"] and diff.new_sections == []
    result = apply_diff(session, diff)
    places = [
        (p.section_id, p.position) for p in (session.get(Project, i) for i in result.inserted_ids)
    ]
    assert places[0][0] == places[1][0] == first.id and places[1][1] == places[0][1] + 1
