"""Indicators, rectifications, key tasks, audit rows, imports/exports and the summary contract."""

import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select

from exports.key_tasks import export_key_tasks
from importers.key_tasks import analyze_key_tasks, import_key_tasks, split_inline_units
from importers.progress import ProgressImportFailed, analyze_progress, import_progress
from models import AuditEntry, IndicatorDirection, KeyTask, ProgressReport, Project
from services import indicators, key_tasks, progress, rectifications
from services.audit import project_history
from services.errors import ValidationError
from services.records import InsertPoint, MoveRun, MoveTarget, RecordSource
from services.summary import plan_summary
from services.tracking_source import TrackingFilter
from tests.import_helpers import KEY_TASK_HEADER, build_workbook

pytestmark = pytest.mark.backends


def _audits(session, entity):
    return session.scalars(select(AuditEntry).where(AuditEntry.entity == entity)).all()


# ---------------------------------------------------------------- indicators


def test_sample_ships_its_indicators_and_met_rules(session, sample_plan):
    source = indicators.IndicatorSource(sample_plan.id, "2023")
    assert isinstance(source, RecordSource)
    ids = list(source.ids(session, TrackingFilter(sample_plan.id)))
    rows = source.rows(session, ids)
    assert [source.display(r, "name") for r in rows][:2] == [
        "PM2.5年均浓度",
        "空气质量优良天数比率",
    ]
    assert [source.display(r, "direction") for r in rows] == ["≤", "≥", "=", "≥", "="] + [
        "≥"
    ] * 5 + ["="] * 4
    change = source.set_fields(
        session,
        {
            ids[0]: {"actual": "37 微克/立方米"},
            ids[1]: {"actual": "79.7%"},
            ids[2]: {"actual": "100"},
        },
    )
    rows = source.rows(session, ids)
    assert [source.display(r, "met") for r in rows][:4] == ["未达标", "达标", "达标", ""]
    assert indicators.indicator_counts(session, sample_plan.id) == {"total": 14, "met": 2}
    source.set_fields(session, change.inverse)
    assert indicators.indicator_counts(session, sample_plan.id) == {"total": 14, "met": 0}
    fields = {
        (a.entity_id, a.field, a.old_value, a.new_value) for a in _audits(session, "indicator")
    }
    assert (ids[0], "2023/actual", None, "37") in fields
    assert (ids[0], "2023/actual", "37", None) in fields


def test_indicator_latest_value_and_directions():
    assert indicators.is_met(IndicatorDirection.AT_MOST, Decimal("31.5"), Decimal("31.5"))
    assert not indicators.is_met(IndicatorDirection.AT_LEAST, Decimal("93"), Decimal("92.99"))
    assert indicators.is_met(IndicatorDirection.EQUAL, Decimal("100"), None) is None
    assert indicators.parse_direction("不低于") == IndicatorDirection.AT_LEAST
    with pytest.raises(ValueError):
        indicators.parse_direction("约")


def test_indicator_quarter_then_year_value(session, sample_plan):
    [first, *_] = indicators.indicator_ids(session, sample_plan.id)
    indicators.set_actuals(session, "2023Q4", {first: "30"})
    indicators.set_actuals(session, "2023", {first: "33"})
    [status, *_] = indicators.indicator_statuses(session, sample_plan.id)
    assert (status.period, status.actual, status.met) == ("2023", Decimal("33"), False)
    [quarter, *_] = indicators.indicator_statuses(session, sample_plan.id, "2023Q4")
    assert quarter.met is True


def test_indicator_validation_writes_nothing(session, sample_plan):
    source = indicators.IndicatorSource(sample_plan.id, "2023")
    ids = list(source.ids(session, None))
    with pytest.raises(ValidationError) as info:
        source.set_fields(
            session, {ids[0]: {"target": "", "actual": "12"}, ids[1]: {"actual": "很好"}}
        )
    assert {(e.record_id, e.field) for e in info.value.errors} == {
        (ids[0], "target"),
        (ids[1], "actual"),
    }
    assert indicators.indicator_statuses(session, sample_plan.id)[0].actual is None


# ---------------------------------------------------------------- rectifications


def test_sample_rectifications_close_and_reopen(session, sample_plan):
    source = rectifications.RectificationSource(sample_plan.id)
    ids = list(source.ids(session, None))
    assert len(ids) == 8
    with pytest.raises(ValidationError):
        source.set_fields(session, {ids[0]: {"status": "已销号"}})  # no evidence note
    change = source.set_fields(
        session, {ids[0]: {"status": "销号", "evidence": "现场核查，已清理"}}
    )
    [row] = source.rows(session, [ids[0]])
    assert source.display(row, "status") == "已销号"
    assert row.values["closed_on"] == date.today()
    assert rectifications.rectification_counts(session, sample_plan.id)["closed"] == 1
    source.set_fields(session, change.inverse)
    [row] = source.rows(session, [ids[0]])
    assert (row.values["status"].value, row.values["closed_on"]) == ("open", None)
    with pytest.raises(ValidationError):
        source.set_fields(session, {ids[1]: {"closed_on": "2023-09-01"}})
    source.set_fields(session, {ids[1]: {"deadline": "2023年9月30日", "status": "整改中"}})
    counts = rectifications.rectification_counts(session, sample_plan.id, date(2023, 10, 1))
    assert counts == {"total": 8, "closed": 0, "in_progress": 1, "open": 7, "overdue": 1}


def test_rectification_towns_resolve_and_insert_delete_move(session, sample_plan):
    source = rectifications.RectificationSource(sample_plan.id)
    ids = list(source.ids(session, None))
    source.set_fields(session, {ids[0]: {"towns": "邹区镇、五星街道"}})
    [row] = source.rows(session, [ids[0]])
    assert source.display(row, "towns") == "邹区镇、五星街道"
    [new] = source.insert(session, InsertPoint(anchor_id=ids[0], after=True), [{}])
    assert list(source.ids(session, None))[:3] == [ids[0], new, ids[1]]
    snapshot = source.delete(session, [new, ids[2]])
    assert list(source.ids(session, None)) == [i for i in ids if i != ids[2]]
    source.restore(session, snapshot)
    assert list(source.ids(session, None))[:4] == [ids[0], new, ids[1], ids[2]]
    back = source.move(session, [MoveRun((ids[0],), MoveTarget(0, before_id=ids[3]))])
    assert list(source.ids(session, None))[:4] == [new, ids[1], ids[2], ids[0]]
    source.move(session, back)
    assert list(source.ids(session, None))[:4] == [ids[0], new, ids[1], ids[2]]
    found = source.ids(session, TrackingFilter(sample_plan.id, text="梧桐河"))
    assert len(found) == 1


# ---------------------------------------------------------------- key tasks


def test_key_tasks_owners_links_and_audit(session, sample_plan):
    source = key_tasks.KeyTaskSource(sample_plan.id)
    [tid] = source.insert(
        session,
        InsertPoint(),
        [
            {
                "seq_label": "5",
                "campaign": "(二)深入打好蓝天保卫战",
                "task": "深化VOCs治理",
                "lead": "钟楼生态环境局",
                "cooperating": "区发改局、工信局、住建局",
            }
        ],
    )
    [row] = source.rows(session, [tid])
    assert source.display(row, "cooperating") == "区发改局、区工信局、区住建局"
    change = source.set_fields(session, {tid: {"lead": "资规分局"}})
    [row] = source.rows(session, [tid])
    assert source.display(row, "lead") == "钟楼自然资源和规划分局"
    source.set_fields(session, change.inverse)
    [row] = source.rows(session, [tid])
    assert source.display(row, "lead") == "钟楼生态环境局"
    assert source.display(row, "cooperating") == "区发改局、区工信局、区住建局"
    pids = list(session.scalars(select(Project.id).where(Project.name == "VOCs源头替代")))
    added, removed = key_tasks.set_links(session, tid, add=pids)
    assert (len(added), removed) == (3, [])
    [row] = source.rows(session, [tid])
    assert source.display(row, "projects") == "3"
    assert project_history(session, pids[0])[0].entity == "key_task_project"
    key_tasks.set_links(session, tid, remove=added)
    assert key_tasks.linked_projects(session, tid) == []
    audited = {(a.field, a.old_value, a.new_value) for a in _audits(session, "key_task")}
    assert ("lead", "钟楼生态环境局", "钟楼自然资源和规划分局") in audited


def test_inline_units_in_task_text():
    task, lead, cooperating = split_inline_units(
        "推进VOCs源头替代。(钟楼生态环境局牵头,区发改局、工信局、住建局配合)"
    )
    assert task == "推进VOCs源头替代。"
    assert lead == ["钟楼生态环境局"]
    assert cooperating == ["区发改局", "工信局", "住建局"]


def test_decomposition_table_import_export_round_trip(session, sample_plan, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附件"])
    sheet.append(["2023年生态文明建设工作任务责任分解表"])
    sheet.append(KEY_TASK_HEADER)
    sheet.append(
        ["1", "(二)深入打好蓝天保卫战", "推进VOCs源头替代", "钟楼生态环境局", "区发改局、工信局"]
    )
    sheet.append(["2", None, "强化移动源污染防治", "区公安分局", "区交通运输局"])
    sheet.merge_cells("B4:B5")
    sheet.append(
        [
            "3",
            "(三)深入打好碧水保卫战",
            "开展支流支浜消劣(钟楼生态环境局牵头,各板块配合)",
            None,
            None,
        ]
    )
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    _checked, ids = import_key_tasks(None, session, sample_plan.id, path)
    rows = key_tasks.decomposition_rows(session, sample_plan.id)
    assert [r["campaign"] for r in rows] == ["(二)深入打好蓝天保卫战"] * 2 + [
        "(三)深入打好碧水保卫战"
    ]
    assert rows[2] == {
        "seq_label": "3",
        "campaign": "(三)深入打好碧水保卫战",
        "task": "开展支流支浜消劣",
        "lead": "钟楼生态环境局",
        "cooperating": "各板块",
    }
    out = export_key_tasks(None, session, sample_plan.id, tmp_path / "out.xlsx", "分解表")
    again = analyze_key_tasks(None, out)
    assert again.errors == []
    assert [r["task"] for r in again.rows] == [r["task"] for r in rows]
    assert [r["campaign"] for r in again.rows] == [r["campaign"] for r in rows]
    csv_path = export_key_tasks(None, session, sample_plan.id, tmp_path / "out.csv")
    assert (
        csv_path.read_text("utf-8-sig").splitlines()[0]
        == "序号,工作内容,工作任务,牵头单位,配合单位"
    )
    KEY_COUNT = session.scalar(select(func.count()).select_from(KeyTask))
    assert KEY_COUNT == len(ids) == 3


def test_key_task_units_with_role_words_are_the_units_themselves(tmp_path):
    row = ["1", "蓝天", "任务一", "区住建局（牵头）", "北港街道(配合)、新闸街道"]
    path = build_workbook(tmp_path / "roles.xlsx", {"Sheet": [KEY_TASK_HEADER, row]})
    checked = analyze_key_tasks(None, path)
    assert checked.errors == []
    [row] = checked.rows
    assert (row["lead"], row["cooperating"]) == (["区住建局"], ["北港街道", "新闸街道"])


def test_key_task_import_without_lead_writes_nothing(session, sample_plan, tmp_path):
    rows = [["1", "蓝天", "任务一", "区发改局", ""], ["2", "蓝天", "任务二", "", "区发改局"]]
    path = build_workbook(tmp_path / "bad.xlsx", {"Sheet": [KEY_TASK_HEADER, *rows]})
    with pytest.raises(Exception) as info:
        import_key_tasks(None, session, sample_plan.id, path)
    [issue] = info.value.issues
    assert (issue.row, issue.column) == (3, "D")
    assert session.scalar(select(func.count()).select_from(KeyTask)) == 0


# ---------------------------------------------------------------- progress import


def _return(tmp_path, rows, header=("序号", "项目名称", "进展情况", "完成投资(万元)", "完成比例")):
    title = ["2023年第二季度生态文明建设项目进展情况表"]
    table = [title, list(header), *map(list, rows)]
    return build_workbook(tmp_path / "return.xlsx", {"钟楼生态环境局": table})


def test_progress_import_writes_one_period(session, sample_plan, tmp_path):
    path = _return(
        tmp_path,
        [
            ("1", "光伏发电试点区建设", "已完成选址", "500", "25%"),
            ("3", "VOCs源头替代", "推进中", "1", "10"),
            ("7", "储罐综合整治", "", "", ""),
        ],
    )
    checked, change = import_progress(None, session, sample_plan.id, path)
    assert checked.period.label == "2023Q2"
    assert len(change.changed_ids) == 2
    pid = session.scalar(select(Project.id).where(Project.name == "光伏发电试点区建设"))
    report = progress.latest_reports(session, [pid])[pid]
    assert (report.period, report.completed_investment_wan, report.progress_pct) == (
        "2023Q2",
        Decimal("500.00"),
        Decimal("25.00"),
    )
    # Undo of the whole import is its inverse.
    progress.set_reports(session, "2023Q2", change.inverse)
    assert session.scalar(select(func.count()).select_from(ProgressReport)) == 0


def test_progress_import_bad_input_located_and_nothing_written(session, sample_plan, tmp_path):
    path = _return(
        tmp_path,
        [
            ("1", "光伏发电试点区建设", "已完成选址", "500", "25%"),
            ("2", "不存在的项目", "x", "1", "10"),
            ("3", "储罐综合整治", "x", "一百", "150"),
            ("4", "活性炭核查整治", "x", "1", "1"),
        ],
    )
    with pytest.raises(ProgressImportFailed) as info:
        import_progress(None, session, sample_plan.id, path)
    located = {(i.sheet, i.row, i.column) for i in info.value.issues if i.is_error}
    assert located == {
        ("钟楼生态环境局", 4, "B"),
        ("钟楼生态环境局", 5, "D"),
        ("钟楼生态环境局", 5, "E"),
        ("钟楼生态环境局", 6, "B"),
    }
    assert session.scalar(select(func.count()).select_from(ProgressReport)) == 0


def test_progress_import_over_plan_is_located(session, sample_plan, tmp_path):
    path = _return(tmp_path, [("1", "光伏发电试点区建设", "超额完成", "2500", "100")])
    with pytest.raises(ProgressImportFailed) as info:
        import_progress(None, session, sample_plan.id, path, "2023Q2")
    [issue] = [i for i in info.value.issues if i.is_error]
    assert (issue.row, issue.column, issue.value) == (3, "D", "2500.00")
    assert session.scalar(select(func.count()).select_from(ProgressReport)) == 0


def test_progress_import_fractions_and_no_period(session, sample_plan, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "项目名称", "完成投资", "完成比例"])
    sheet.append(["1", "光伏发电试点区建设", 100, 0.45])
    sheet.append(["2", "储罐综合整治", 10, 1])
    path = tmp_path / "fractions.xlsx"
    book.save(path)
    checked = analyze_progress(None, session, sample_plan.id, path)
    assert any("请指定填报期" in i.reason for i in checked.errors)
    checked = analyze_progress(None, session, sample_plan.id, path, "2023-06")
    assert checked.errors == []
    assert sorted(v["progress_pct"] for v in checked.changes.values()) == [
        Decimal("45.00"),
        Decimal("100.00"),
    ]


# ---------------------------------------------------------------- summary contract


def test_summary_gains_tracking_keys(session, sample_plan):
    pid = session.scalar(select(Project.id).where(Project.name == "光伏发电试点区建设"))
    progress.set_reports(
        session, "2023-05", {pid: {"progress_pct": "10", "completed_investment_wan": "200"}}
    )
    rectifications.close_items(
        session,
        list(rectifications.RectificationSource(sample_plan.id).ids(session, None))[:2],
        "已整改",
    )
    summary = plan_summary(session, sample_plan, as_of=date(2023, 5, 31))
    assert summary["projects"] == 56 and summary["planned_investment_wan"] == "67619.88"
    assert summary["behind_schedule"] == 1
    assert summary["overdue"] == 0
    assert summary["completed_investment_wan"] == "200.00"
    assert summary["rectifications"] == {"total": 8, "closed": 2}
    assert summary["indicators"] == {"total": 14, "met": 0}
    late = plan_summary(session, sample_plan, as_of=date(2024, 1, 31))
    assert late["overdue"] == 54  # the 2022-2024 and 2021-2025 projects still run
    json.dumps(summary, ensure_ascii=False)


def test_insert_and_delete_of_tracking_rows_are_audited(session, sample_plan):
    source = rectifications.RectificationSource(sample_plan.id)
    [new] = source.insert(
        session, InsertPoint(), [{"description": "新发现问题", "towns": "北港街道"}]
    )
    source.delete(session, [new])
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "rectification", AuditEntry.entity_id == new)
    ).all()
    assert {(r.action, r.field) for r in rows} >= {
        ("insert", None),
        ("insert", "description"),
        ("insert", "towns"),
        ("delete", None),
    }
