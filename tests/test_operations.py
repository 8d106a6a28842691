"""The operation boundary: one transaction per operation, audited with its author, all or nothing.

The acceptance tests inject a failure in the middle of a composite action (a merge, its undo,
a rollover, a tracking import) and compare the whole database dump before and after: a failure
anywhere inside must leave the file byte-identical.
"""

from __future__ import annotations

import sqlite3

import openpyxl
import pytest
from sqlalchemy import select

from db import session_factory
from importers.key_tasks import import_key_tasks
from importers.plan_import import analyze, apply_diff, diff_plan, undo_merge
from importers.progress import import_progress
from models import AuditEntry, Project, Section
from services import ledger, plans, rollover
from services.errors import LedgerError, ValidationError
from services.operations import LocalContext, run_op
from services.progress import writing as progress_writing
from services.sample import sample_workbook_path
from services.tasks import TaskState
from tests.import_helpers import KEY_TASK_HEADER, build_workbook


class Injected(RuntimeError):
    """The failure a test plants half-way through an operation."""


def dump(db_path) -> str:
    """The whole database as SQL text (schema and every row)."""
    with sqlite3.connect(db_path) as con:
        return "\n".join(con.iterdump())


def fail_on_call(monkeypatch, owner, name: str, call: int = 1):
    """Make `owner.name` fail on its `call`-th call, after doing its real work."""
    real = getattr(owner, name)
    calls = []

    def failing(*args, **kwargs):
        result = real(*args, **kwargs)
        calls.append(1)
        if len(calls) >= call:
            raise Injected(name)
        return result

    monkeypatch.setattr(owner, name, failing)
    return calls


@pytest.fixture
def ctx(engine):
    return LocalContext(session_factory(engine), author="张科员")


def _first_ids(session, plan_id, count):
    statement = select(Project.id).where(Project.plan_id == plan_id).order_by(Project.id)
    return list(session.scalars(statement.limit(count)))


# ---------------------------------------------------------------- the boundary itself


def test_an_operation_commits_once_and_says_what_changed(ctx, sample_plan):
    with ctx.session_factory() as session:
        a, b = _first_ids(session, sample_plan.id, 2)

    def work(op):
        ledger.set_fields(op.session, {a: {"quantity": "5"}})
        ledger.set_fields(op.session, {b: {"planned_investment_wan": "12.5"}})
        return "done"

    changes = run_op(ctx, work, label="two edits")
    assert changes.value == "done"
    assert changes.project_ids == {a, b}
    assert changes.fields == {"quantity", "planned_investment_wan"}
    assert changes.totals_touched and not changes.rows_changed
    assert changes.plan_ids == {sample_plan.id}
    with ctx.session_factory() as session:
        assert session.get(Project, a).quantity == 5
        users = session.scalars(
            select(AuditEntry.user).where(AuditEntry.entity_id.in_([a, b]))
        ).all()
    assert users and set(users) == {"张科员"}  # the context's author, not the OS login


def test_a_failure_inside_rolls_back_every_write(ctx, sample_plan, db_path):
    with ctx.session_factory() as session:
        a, b = _first_ids(session, sample_plan.id, 2)
        section_id = session.get(Project, a).section_id
    before = dump(db_path)

    def work(op):
        ledger.set_fields(op.session, {a: {"name": "改名"}})
        ledger.insert_projects(op.session, section_id, 0, [{"name": "新项目"}])
        ledger.delete_projects(op.session, [b])
        raise Injected("after three writes")

    with pytest.raises(Injected):
        run_op(ctx, work, label="three writes, then a failure")
    assert dump(db_path) == before


def test_a_refused_value_late_in_an_operation_rolls_back_the_earlier_writes(
    ctx, sample_plan, db_path
):
    with ctx.session_factory() as session:
        a, b = _first_ids(session, sample_plan.id, 2)
    before = dump(db_path)

    def work(op):
        ledger.set_fields(op.session, {a: {"quantity": "5"}})
        ledger.set_fields(op.session, {b: {"quantity": "-1"}})

    with pytest.raises(ValidationError):
        run_op(ctx, work, label="edit")
    assert dump(db_path) == before


def test_operations_do_not_nest(ctx, sample_plan):
    def inner(op):
        run_op(ctx, lambda op: None, label="inner")

    with pytest.raises(LedgerError, match="inner"):
        run_op(ctx, inner, label="outer")


def test_a_direct_service_call_is_an_operation_of_its_own(session, sample_plan, engine):
    [pid] = _first_ids(session, sample_plan.id, 1)
    ledger.set_fields(session, {pid: {"quantity": "987"}}, user="李工")
    with session_factory(engine)() as other:  # committed: another connection sees it
        assert other.get(Project, pid).quantity == 987
        entry = other.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == pid, AuditEntry.field == "quantity")
        ).one()
    assert entry.user == "李工"


# ---------------------------------------------------------------- acceptance: failures half-way


def _returned_copy(tmp_path):
    """The sample table as a department sends it back: one amount changed, one row and one
    section added."""
    book = openpyxl.load_workbook(sample_workbook_path())
    sheet = book.worksheets[0]
    sheet["F5"] = 750
    last = sheet.max_row + 1
    sheet.cell(last, 1, "(七)新增的分区")
    for col, value in enumerate([1, "新类型", "新增项目", "新内容", 1, 10, "2023", "区发改局"], 1):
        sheet.cell(last + 1, col, value)
    path = tmp_path / "returned.xlsx"
    book.save(path)
    return path


def _diff(ctx, sample_plan, tmp_path):
    preview = analyze(TaskState(), _returned_copy(tmp_path))
    assert preview.ok, preview.errors
    with ctx.session_factory() as session:
        diff = diff_plan(session, preview, sample_plan.id)
    assert diff.changed and diff.new and diff.new_sections
    return diff


def test_a_merge_failing_half_way_leaves_the_database_as_it_was(
    ctx, sample_plan, tmp_path, db_path, monkeypatch
):
    import importers.plan_import as plan_import

    diff = _diff(ctx, sample_plan, tmp_path)
    before = dump(db_path)
    # The changed fields and the new section are written; the new rows then fail.
    calls = fail_on_call(monkeypatch, plan_import, "_insert_projects")
    with pytest.raises(Injected):
        run_op(ctx, lambda op: apply_diff(op.session, diff), label="merge")
    assert calls and dump(db_path) == before


def test_a_merge_undo_failing_half_way_leaves_the_merge_in_place(
    ctx, sample_plan, tmp_path, db_path, monkeypatch
):
    import importers.plan_import as plan_import

    diff = _diff(ctx, sample_plan, tmp_path)
    result = run_op(ctx, lambda op: apply_diff(op.session, diff), label="merge").value
    merged = dump(db_path)
    # Rows and the new section are deleted; restoring the old field values then fails.
    calls = fail_on_call(monkeypatch, plan_import, "set_fields")
    with pytest.raises(Injected):
        run_op(ctx, lambda op: undo_merge(op.session, result), label="undo merge")
    assert calls and dump(db_path) == merged
    monkeypatch.undo()
    run_op(ctx, lambda op: undo_merge(op.session, result), label="undo merge")
    with ctx.session_factory() as session:
        names = session.scalars(select(Section.name).where(Section.plan_id == sample_plan.id))
        assert "(七)新增的分区" not in list(names)


def test_a_rollover_failing_half_way_creates_nothing(ctx, sample_plan, db_path, monkeypatch):
    before = dump(db_path)
    # The new plan, its sections and carried projects exist when the key tasks fail.
    calls = fail_on_call(monkeypatch, rollover, "_copy_key_tasks")
    with pytest.raises(Injected):
        run_op(ctx, lambda op: rollover.rollover(None, op.session, sample_plan.id), label="roll")
    assert calls and dump(db_path) == before


def test_a_section_change_and_a_failure_in_one_operation_leave_nothing(ctx, sample_plan, db_path):
    before = dump(db_path)

    def work(op):
        section = plans.add_section(op.session, sample_plan.id, "(八)临时分区")
        plans.rename_section(op.session, section.id, "(八)改名")
        raise Injected("after the section")

    with pytest.raises(Injected):
        run_op(ctx, work, label="sections")
    assert dump(db_path) == before


def _progress_return(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "钟楼生态环境局"
    sheet.append(["2023年第二季度生态文明建设项目进展情况表"])
    sheet.append(["序号", "项目名称", "进展情况", "完成投资(万元)", "完成比例"])
    sheet.append(["1", "光伏发电试点区建设", "已完成选址", "500", "25%"])
    sheet.append(["3", "VOCs源头替代", "推进中", "1", "100"])
    path = tmp_path / "return.xlsx"
    book.save(path)
    return path


def assert_leaves_nothing(ctx, db_path, work) -> None:
    """`work(op)` fails with the injected error, and the database file is as before."""
    before = dump(db_path)
    with pytest.raises(Injected):
        run_op(ctx, work, label="import")
    assert dump(db_path) == before


def test_a_progress_import_failing_half_way_writes_nothing(
    ctx, sample_plan, tmp_path, db_path, monkeypatch
):
    path = _progress_return(tmp_path)
    # The first project's report (and its status) is written; the second one fails.
    calls = fail_on_call(monkeypatch, progress_writing, "_sync_project_status", call=2)
    assert_leaves_nothing(
        ctx, db_path, lambda op: import_progress(op.state, op.session, sample_plan.id, path)
    )
    assert len(calls) == 2


def test_a_key_task_import_failing_half_way_writes_nothing(
    ctx, sample_plan, tmp_path, db_path, monkeypatch
):
    from services import tracking_table

    rows = [
        ["1", "(二)深入打好蓝天保卫战", "推进VOCs治理", "钟楼生态环境局", "各板块"],
        ["2", "(二)深入打好蓝天保卫战", "开展扬尘整治", "区住建局", "各板块"],
    ]
    path = build_workbook(tmp_path / "tasks.xlsx", {"Sheet": [KEY_TASK_HEADER, *rows]})
    # The first task and its audit lines are written when the second one's audit fails.
    calls = fail_on_call(monkeypatch, tracking_table, "record_changes", call=2)
    assert_leaves_nothing(
        ctx, db_path, lambda op: import_key_tasks(op.state, op.session, sample_plan.id, path)
    )
    assert len(calls) == 2
