"""The department return round end to end: real sheets made, edited as a unit would, collected."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select

from exports.return_sheets import make_round
from importers.return_apply import apply_returns, undo_returns
from importers.return_sheets import collect
from models import Organization, ProgressReport, Project, ProjectOwner, ReturnReceipt
from services import progress, returns
from services.errors import ValidationError
from tests.returns_helpers import columns, copy_as, edit, ids_in, row_of, type_values

DEADLINE = date(2023, 4, 10)


@pytest.fixture
def round_(session, sample_plan):
    return returns.open_round(session, sample_plan.id, "2023年第一季度", deadline=DEADLINE)


@pytest.fixture
def made(session, round_, tmp_path):
    return make_round(session, round_, tmp_path / "out")


def sheet_of(made, unit):
    return next(s for s in made.sheets if s.unit == unit).path


def unit_projects(session, plan_id, unit):
    org = session.scalar(select(Organization).where(Organization.name == unit))
    return {
        pid: role.value
        for pid, role in session.execute(
            select(ProjectOwner.project_id, ProjectOwner.role).where(
                ProjectOwner.organization_id == org.id, ProjectOwner.plan_id == plan_id
            )
        )
    }


def report(session, pid, period="2023Q1"):
    session.expire_all()
    return session.scalar(
        select(ProgressReport).where(
            ProgressReport.project_id == pid, ProgressReport.period == period
        )
    )


def report_count(session):
    return session.scalar(select(func.count()).select_from(ProgressReport))


# ---------------------------------------------------------------- make


def test_each_unit_gets_only_its_projects_marked_lead_or_cooperating(session, sample_plan, made):
    names = [s.unit for s in made.sheets]
    assert "区住建局" in names and "北港街道" in names
    assert "各板块" not in names  # a group answers through its towns and streets
    path = sheet_of(made, "北港街道")
    book = openpyxl.load_workbook(path)
    ws = book["填报表"]
    expected = unit_projects(session, sample_plan.id, "北港街道")
    assert sorted(ids_in(ws)) == sorted(expected)
    cols = columns(ws)
    for pid, role in expected.items():
        shown = ws.cell(row_of(ws, pid), cols["本单位职责"]).value
        assert shown == {"lead": "牵头", "cooperating": "配合"}[role]
    assert "北港街道" in ws["B2"].value and "2023年4月10日" in ws["B2"].value
    assert "2023年第一季度" in ws["B1"].value


def test_only_the_requested_fields_are_unlocked_and_validated(made):
    book = openpyxl.load_workbook(sheet_of(made, "区住建局"))
    ws = book["填报表"]
    assert ws.protection.sheet is True
    cols = columns(ws)
    asked = ["本季完成投资(万元)", "累计完成投资(万元)", "形象进度(%)", "存在问题", "下步计划"]
    r = 5
    for header, c in cols.items():
        locked = ws.cell(r, c).protection.locked
        assert locked is (header not in asked), header
        if header in asked:
            assert ws.cell(r, c).fill.fgColor.rgb.endswith("FFF2CC")
    rules = {str(v.sqref).split(":")[0][:1]: v for v in ws.data_validations.dataValidation}
    money = rules[openpyxl.utils.get_column_letter(cols["累计完成投资(万元)"])]
    assert money.type == "decimal" and money.operator == "greaterThanOrEqual"
    pct = rules[openpyxl.utils.get_column_letter(cols["形象进度(%)"])]
    assert (pct.type, pct.formula1, pct.formula2) == ("decimal", "0", "100")
    assert ws.column_dimensions["A"].hidden  # the project ids
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    meta = book["_greenledger"]
    assert meta.sheet_state == "veryHidden"
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(2, 14)}
    assert values["round"] == "2023年第一季度" and values["unit"] == "区住建局"
    assert len(values["checksum"]) == 32


def test_status_field_gets_a_drop_down(session, sample_plan, tmp_path):
    r = returns.open_round(
        session, sample_plan.id, "2023年第二季度", fields=["累计完成投资", "项目状态"]
    )
    made = make_round(session, r, tmp_path / "q2", ["区住建局"])
    ws = openpyxl.load_workbook(made.sheets[0].path)["填报表"]
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert lists and "在建" in lists[0].formula1
    assert list(columns(ws))[-2:] == ["累计完成投资(万元)", "项目状态"]


def test_zip_and_notice_list_every_unit_and_the_deadline(made):
    notice = made.notice_path.read_text(encoding="utf-8")
    assert "2023年4月10日" in notice
    for sheet in made.sheets:
        assert sheet.unit in notice and sheet.path.name in notice
    with zipfile.ZipFile(made.zip_path) as z:
        names = set(z.namelist())
    assert names == {s.path.name for s in made.sheets} | {made.notice_path.name}


def test_unknown_unit_or_field_is_refused(session, sample_plan, round_, tmp_path):
    from services.errors import LedgerError

    with pytest.raises(LedgerError, match="没有这个责任单位"):
        make_round(session, round_, tmp_path / "x", ["不存在的局"])
    with pytest.raises(LedgerError, match="未知填报字段"):
        returns.open_round(session, sample_plan.id, "2023年第三季度", fields=["体重"])


# ---------------------------------------------------------------- collect


def test_typed_inputs_are_a_diff_until_applied_as_one_step(session, made, tmp_path):
    path = sheet_of(made, "区住建局")
    pid = ids_in(openpyxl.load_workbook(path)["填报表"])[0]
    type_values(
        path,
        {
            pid: {
                "本季完成投资(万元)": 120.5,
                "累计完成投资(万元)": 120.5,
                "形象进度(%)": 35,
                "存在问题": "雨季影响施工",
                "下步计划": "6月底前完成主体",
            }
        },
    )
    before = report_count(session)
    [diff] = collect(session, [path])
    assert diff.usable and diff.unit == "区住建局"
    assert {c.target: c.new for c in diff.changes} == {
        "completed_investment_wan": "120.50",
        "progress_pct": "35",
        "problems": "雨季影响施工",
        "next_steps": "6月底前完成主体",
    }
    assert report_count(session) == before  # a diff writes nothing
    applied = apply_returns(session, [diff])
    saved = report(session, pid)
    assert saved.completed_investment_wan == Decimal("120.50")
    assert saved.progress_pct == Decimal("35.00") and saved.problems == "雨季影响施工"
    state = returns.round_status(
        session, returns.find_round(session, diff_plan(session, pid), None)
    )
    unit = next(u for u in state.units if u.unit == "区住建局")
    assert unit.state == returns.RETURNED and unit.rows_changed == 1
    assert unit.receipts[0]["hash"] == diff.file.file_hash
    undo_returns(session, applied)
    assert report(session, pid) is None
    state = returns.round_status(
        session, returns.find_round(session, diff_plan(session, pid), None), DEADLINE
    )
    assert next(u for u in state.units if u.unit == "区住建局").state == returns.SENT


def diff_plan(session, pid):
    return session.get(Project, pid).plan_id


def test_this_quarter_plus_last_total_is_the_cumulative(session, sample_plan, tmp_path):
    pid = next(iter(unit_projects(session, sample_plan.id, "区住建局")))
    progress.set_reports(session, "2022Q4", {pid: {"completed_investment_wan": "50"}})
    r = returns.open_round(session, sample_plan.id, "2023年第一季度", deadline=DEADLINE)
    made = make_round(session, r, tmp_path / "out", ["区住建局"])
    path = made.sheets[0].path
    ws = openpyxl.load_workbook(path)["填报表"]
    assert ws.cell(row_of(ws, pid), columns(ws)["上期累计完成投资(万元)"]).value == 50
    type_values(path, {pid: {"本季完成投资(万元)": 30}})
    [diff] = collect(session, [path])
    assert [(c.target, c.new) for c in diff.changes] == [("completed_investment_wan", "80.00")]
    type_values(path, {pid: {"本季完成投资(万元)": 30, "累计完成投资(万元)": 90}})
    [diff] = collect(session, [path])
    assert not diff.changes
    [issue] = diff.refused
    assert issue.row == row_of(ws, pid) and "50.00 + 本季 30.00 = 80.00" in issue.reason


def test_unreadable_values_are_refused_located_the_rest_applied(session, made):
    path = sheet_of(made, "区住建局")
    first, second = ids_in(openpyxl.load_workbook(path)["填报表"])[:2]
    type_values(
        path,
        {
            first: {"累计完成投资(万元)": "约300万", "存在问题": "征地"},
            second: {"形象进度(%)": 140},
        },
    )
    [diff] = collect(session, [path])
    refused = {(i.column, i.value) for i in diff.refused}
    assert ("L", "约300万") in refused and ("M", "140") in refused
    assert all(i.row is not None and i.sheet == "填报表" for i in diff.refused)
    applied = apply_returns(session, [diff])
    assert report(session, first).problems == "征地"
    assert report(session, first).completed_investment_wan is None
    receipt = session.get(ReturnReceipt, applied.receipt_ids[0])
    assert receipt.cells_refused == 2
    kept = json.loads(receipt.problems)
    assert any(p["value"] == "约300万" for p in kept)  # the refused value is kept, not lost


def test_locked_cells_typed_after_unprotecting_need_approval(session, made):
    path = sheet_of(made, "区住建局")
    _book, ws, save = edit(path, unprotect=True)
    cols = columns(ws)
    pid = ids_in(ws)[0]
    r = row_of(ws, pid)
    ws.cell(r, cols["项目名称"]).value = "污水处理提质增效达标区建设（一期）"
    ws.cell(r, cols["计划投资(万元)"]).value = 4500
    ws.cell(r, cols["责任单位"]).value = "区住建局"
    ws.cell(r, cols["存在问题"]).value = "无"
    save()
    [diff] = collect(session, [path])
    assert {(c.target, c.new) for c in diff.locked} == {
        ("name", "污水处理提质增效达标区建设（一期）"),
        ("planned_investment_wan", "4500.00"),
    }
    assert any("责任单位" in i.reason for i in diff.refused)  # units cannot change this way
    old_name = session.get(Project, pid).name
    apply_returns(session, [diff])
    session.expire_all()
    assert session.get(Project, pid).name == old_name  # not approved: not written
    assert report(session, pid).problems == "无"
    state = returns.round_status(
        session, returns.find_round(session, diff_plan(session, pid), None)
    )
    unit = next(u for u in state.units if u.unit == "区住建局")
    assert unit.state == returns.PROBLEM and unit.pending == 2
    # The office approves the same file's locked changes: a new collect of an edited copy.
    _book, ws, save = edit(path, unprotect=True)
    ws.cell(r, cols["存在问题"]).value = "无（已核实）"
    save()
    [diff] = collect(session, [path])
    apply_returns(session, [diff], accept_locked={diff.unit_id})
    session.expire_all()
    project = session.get(Project, pid)
    assert project.name == "污水处理提质增效达标区建设（一期）"
    assert project.planned_investment_wan == Decimal("4500.00")


def test_added_and_sorted_rows(session, made):
    path = sheet_of(made, "北港街道")
    _book, ws, save = edit(path, unprotect=True)
    cols = columns(ws)
    a, b = ids_in(ws)[:2]
    ra, rb = row_of(ws, a), row_of(ws, b)
    for c in range(1, ws.max_column + 1):  # the unit sorted its rows: two rows swap places
        ws.cell(ra, c).value, ws.cell(rb, c).value = ws.cell(rb, c).value, ws.cell(ra, c).value
    ws.cell(ra, cols["存在问题"]).value = f"问题{b}"  # row ra now holds project b
    last = ws.max_row + 2
    ws.cell(last, cols["项目名称"]).value = "北港街道新增雨污分流"
    ws.cell(last, cols["计划投资(万元)"]).value = 300
    save()
    [diff] = collect(session, [path])
    assert [(c.project_id, c.new) for c in diff.changes] == [(b, f"问题{b}")]
    assert not diff.locked  # sorting moved whole rows: nothing locked changed
    [added] = diff.added
    assert added.row == last and "北港街道新增雨污分流" in added.value


def test_bad_returns_each_get_a_clear_message(session, sample_plan, made, tmp_path):
    path = sheet_of(made, "区住建局")
    pid = ids_in(openpyxl.load_workbook(path)["填报表"])[0]
    filled = type_values(path, {pid: {"存在问题": "资金"}}, tmp_path / "住建局回传.xlsx")
    renamed = copy_as(filled, tmp_path / "2023年第一季度_区发改局.xlsx")
    csv = tmp_path / "区住建局.csv"
    csv.write_text("项目编号,存在问题\n1,x\n", encoding="utf-8")
    xls = tmp_path / "区住建局.xls"
    xls.write_bytes(b"not really an xls")
    diffs = collect(session, [renamed, csv, xls])
    reasons = [" ".join(i.reason for i in d.fatal) for d in diffs]
    assert "区发改局" in reasons[0] and "区住建局" in reasons[0]
    assert "CSV" in reasons[1]
    assert ".xls" in reasons[2]
    assert not any(d.usable for d in diffs)
    # Duplicates: the same file twice in one batch, and again after it was applied.
    dup = copy_as(filled, tmp_path / "再发一次.xlsx")
    first, second = collect(session, [filled, dup])
    assert first.usable and not second.usable and "只收一次" in second.fatal[0].reason
    apply_returns(session, [first])
    [again] = collect(session, [dup])
    assert not again.usable and "重复报送" in again.fatal[0].reason
    assert session.scalar(select(func.count()).select_from(ReturnReceipt)) == 1
    # A sheet of an older round once a newer round went out.
    newer = returns.open_round(session, sample_plan.id, "2023年第二季度")
    make_round(session, newer, tmp_path / "q2", ["区住建局"])
    late = type_values(path, {pid: {"存在问题": "补报"}}, tmp_path / "补报.xlsx")
    [old] = collect(session, [late])
    assert not old.usable and "较早轮次" in old.fatal[0].reason
    [old] = collect(session, [late], "2023年第一季度")
    assert old.usable
    [wrong] = collect(session, [late], "2023年第二季度")
    assert "不是正在收取的" in wrong.fatal[0].reason


def test_rows_pasted_from_another_units_sheet_are_refused(session, made):
    path = sheet_of(made, "区住建局")
    _book, ws, save = edit(path, unprotect=True)
    cols = columns(ws)
    r = row_of(ws, ids_in(ws)[0])
    foreign = next(
        pid for pid in ids_in(openpyxl.load_workbook(sheet_of(made, "区发改局"))["填报表"])
    )
    ws.cell(r, 1).value = foreign
    ws.cell(r, cols["存在问题"]).value = "x"
    save()
    [diff] = collect(session, [path])
    assert any(i.row == r and "不在本单位" in i.reason for i in diff.refused)
    assert not diff.changes


def test_lead_unit_wins_a_conflict_in_one_batch(session, sample_plan, made):
    plan_id = sample_plan.id
    lead = unit_projects(session, plan_id, "区住建局")
    coop = unit_projects(session, plan_id, "北港街道")
    pid = next(p for p, role in lead.items() if role == "lead" and p in coop)
    a = type_values(sheet_of(made, "北港街道"), {pid: {"形象进度(%)": 20}})
    b = type_values(sheet_of(made, "区住建局"), {pid: {"形象进度(%)": 40}})
    diffs = collect(session, [a, b])
    apply_returns(session, diffs)
    assert report(session, pid).progress_pct == Decimal("40.00")
    coop_diff = next(d for d in diffs if d.unit == "北港街道")
    assert any("区住建局" in i.reason for i in coop_diff.refused)


def test_status_counts_late_units_and_compares_rounds(session, sample_plan, made, tmp_path):
    r = returns.find_round(session, sample_plan.id, None)
    before = returns.round_status(session, r, DEADLINE)
    assert before.count(returns.SENT) == len(made.sheets) and not before.late
    path = sheet_of(made, "区发改局")
    pid = ids_in(openpyxl.load_workbook(path)["填报表"])[0]
    apply_returns(session, collect(session, [type_values(path, {pid: {"下步计划": "推进"}})]))
    after = returns.round_status(session, r, date(2023, 4, 20))
    assert after.count(returns.RETURNED) == 1
    assert len(after.late) == len(made.sheets) - 1 and after.late[0].late_days == 10
    from exports.return_chase import write_chase

    xlsx = write_chase(after, tmp_path / "催报.xlsx")
    ws = openpyxl.load_workbook(xlsx).active
    listed = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1)]
    assert listed == [u.unit for u in after.late] and "区发改局" not in listed
    pdf = write_chase(after, tmp_path / "催报.pdf")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "催报" in text and after.late[0].unit in text
    returns.open_round(session, sample_plan.id, "2023年第二季度")
    history = returns.compare_rounds(session, sample_plan.id, date(2023, 4, 20))
    assert [h["round"] for h in history] == ["2023年第二季度", "2023年第一季度"]
    assert history[1]["counts"]["已回"] == 1 and history[1]["rows_changed"] == 1


def test_bulk_first_reports_match_the_one_by_one_path(session, sample_plan):
    from models import AuditEntry
    from services.report_bulk import set_reports_fast

    a, b, c = list(unit_projects(session, sample_plan.id, "区住建局"))[:3]
    progress.set_reports(session, "2023Q1", {c: {"problems": "旧"}})
    values = {"completed_investment_wan": Decimal("12.30"), "progress_pct": Decimal("40")}
    progress.set_reports(session, "2023Q1", {a: values})
    change = set_reports_fast(session, "2023Q1", {b: values, c: {"problems": "新"}})
    assert change.inverse[b] == {progress.DELETE: True} and change.inverse[c] == {"problems": "旧"}

    def history(pid):
        rows = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "progress_report", AuditEntry.entity_id == pid
            )
        )
        return sorted((e.action, e.field, e.old_value, e.new_value) for e in rows)

    assert history(a) == history(b)  # the same audit lines as set_reports writes
    assert report(session, b).completed_investment_wan == Decimal("12.30")
    assert report(session, c).problems == "新"
    set_reports_fast(session, "2023Q1", change.inverse)
    assert report(session, b) is None and report(session, c).problems == "旧"
    assert ("delete", "2023Q1/progress_pct", "40", None) in history(b)
    with pytest.raises(ValidationError):
        set_reports_fast(session, "2023Q1", {a: {"completed_investment_wan": "999999"}})
