"""Exports: official layout (opened with openpyxl), flat xlsx, CSV, formula safety, round trips."""

from __future__ import annotations

import shutil
import string
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db import open_database, session_factory
from exports.flat import FLAT_HEADERS, export_csv, export_flat_xlsx
from exports.official_xlsx import HEADERS, OfficialOptions, export_official
from importers.plan_import import analyze, import_file, write_new_plan
from models import OwnerRole, Project, ProjectStatus, Section
from services.ledger import insert_projects, set_fields
from services.parsing import Period
from services.plans import add_section, create_plan
from services.query import ProjectFilter
from services.sample import sample_workbook_path
from services.tasks import TaskState
from tests.import_helpers import projects_of

pytestmark = pytest.mark.backends


def _plan_state(session, plan_id: int) -> list[tuple]:
    """Everything a round trip must keep, section by section, in table order."""
    session.expire_all()
    rows = []
    for p in projects_of(session, plan_id):
        section = session.get(Section, p.section_id)
        rows.append(
            (
                section.name,
                p.seq_label,
                p.project_type,
                p.name,
                p.content,
                p.quantity,
                p.planned_investment_wan,
                p.start_year,
                p.end_year,
                [(o.organization.name, o.role) for o in p.owners],
            )
        )
    return rows


@pytest.fixture
def official(tmp_path, session, sample_plan):
    out = tmp_path / "official.xlsx"
    export_official(
        TaskState(), session, sample_plan.id, out, options=OfficialOptions(subtotals=True)
    )
    return openpyxl.load_workbook(out), sample_plan


def test_official_layout_structure(official):
    book, _plan = official
    assert book.sheetnames == ["附件1 工程项目表", "附件2 问题排查汇总表"]
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "附件1"
    assert sheet["A2"].value == "2023年钟楼区生态文明建设工程项目表"
    assert sheet["A3"].value == "单位：万元"
    merges = {str(m) for m in sheet.merged_cells.ranges}
    assert {"A2:H2", "A3:H3", "A4:H4"} <= merges
    assert sheet["A4"].value == "(一)加快推动绿色低碳发展"
    assert [c.value for c in sheet[5]] == HEADERS
    # 序号 restarts per section; consecutive equal 项目类型 are merged vertically.
    assert sheet["A6"].value == 1 and sheet["A8"].value == 2  # numbers, as offices type them
    assert "B6:B7" in merges and "A6:A7" in merges
    section_rows = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "序号"]
    assert len(section_rows) == 6
    # Money: numbers with two decimals, "/" for not set.
    assert sheet["F6"].value == 700 and sheet["F6"].number_format == "0.00"
    assert sheet["F6"].data_type == "n"
    slash = [sheet.cell(r, 6).value for r in range(1, sheet.max_row + 1)].count("/")
    assert slash == 1
    assert sheet["D6"].alignment.wrap_text and sheet["D6"].border.left.style == "thin"
    labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert labels.count("小计") == 6 and labels[-1] == "合计"
    assert sheet.cell(sheet.max_row, 6).value == pytest.approx(67619.88)
    # Print setup: A4 landscape, the header row on every page, one page wide.
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) in ((1, 0), (None, 0))
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width
    rect = book.worksheets[1]
    assert [c.value for c in rect[3]] == ["序号", "问题类别", "内容描述", "所属镇(街道)"]
    assert {"A4:A5", "B4:B5", "A6:A10", "B6:B10"} <= {str(m) for m in rect.merged_cells.ranges}


def test_official_round_trip_is_identical(tmp_path, session, sample_plan):
    out = tmp_path / "official.xlsx"
    export_official(
        TaskState(), session, sample_plan.id, out, options=OfficialOptions(subtotals=True)
    )
    engine = open_database(tmp_path / "fresh.sqlite")
    with session_factory(engine)() as fresh:
        preview = analyze(TaskState(), out)
        assert preview.ok and preview.warnings == []  # subtotals and total cross-check cleanly
        report = write_new_plan(TaskState(), fresh, preview, sample_plan.title)
        original = _plan_state(session, sample_plan.id)
        copied = _plan_state(fresh, report.plan_id)
        # owners compare by canonical name: the sample DB knows aliases the fresh one creates
        assert [r[:9] for r in copied] == [r[:9] for r in original]
        assert [[role for _, role in r[9]] for r in copied] == [
            [role for _, role in r[9]] for r in original
        ]
        assert report.planned_investment_wan == Decimal("67619.88")
        assert report.rectifications == 8
    engine.dispose()


def test_workbook_to_export_to_fresh_import_keeps_printed_owners(tmp_path, session):
    first = import_file(TaskState(), session, sample_workbook_path())
    out = tmp_path / "again.xlsx"
    export_official(TaskState(), session, first.plan_id, out)
    engine = open_database(tmp_path / "fresh.sqlite")
    with session_factory(engine)() as fresh:
        second = import_file(TaskState(), fresh, out, "again")
        assert _plan_state(fresh, second.plan_id) == _plan_state(session, first.plan_id)
    engine.dispose()


def test_formula_injection_written_as_text(tmp_path, session):
    plan = create_plan(session, "注入测试", 2024)
    section = add_section(session, plan.id, "(一)测试")
    names = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://x")']
    insert_projects(session, section.id, None, [{"name": n, "content": n} for n in names])
    out = tmp_path / "inj.xlsx"
    export_official(TaskState(), session, plan.id, out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cells = [sheet.cell(r, 3) for r in range(6, 6 + len(names))]
    assert [c.value for c in cells] == names
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    csv_out = tmp_path / "inj.csv"
    export_csv(TaskState(), session, ProjectFilter(plan_id=plan.id), csv_out)
    text = csv_out.read_text("utf-8-sig")
    assert "'=1+1" in text and "'@cmd" in text
    preview = analyze(TaskState(), csv_out)
    assert [p.name for p in preview.projects] == names
    preview = analyze(TaskState(), out)
    assert [p.name for p in preview.projects] == names


def test_flat_xlsx_splits_lead_and_cooperating(tmp_path, session, sample_plan):
    out = tmp_path / "flat.xlsx"
    export_flat_xlsx(TaskState(), session, ProjectFilter(plan_id=sample_plan.id), out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert [c.value for c in sheet[1]] == FLAT_HEADERS
    assert sheet.max_row == 57
    first = [c.value for c in sheet[2]]
    assert first[0] == "(一)加快推动绿色低碳发展"
    assert (first[8], first[9]) == ("区工信局", "经开区")
    assert sheet["G2"].value == 700 and sheet["G2"].number_format == "0.00"
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_export_round_trip(tmp_path, session, sample_plan, encoding):
    out = tmp_path / "flat.csv"
    export_csv(TaskState(), session, ProjectFilter(plan_id=sample_plan.id), out, encoding=encoding)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    raw.decode(encoding)
    engine = open_database(tmp_path / "fresh.sqlite")
    with session_factory(engine)() as fresh:
        report = import_file(TaskState(), fresh, out, "csv")
        original = _plan_state(session, sample_plan.id)
        copied = _plan_state(fresh, report.plan_id)
        assert [r[:9] for r in copied] == [r[:9] for r in original]
        assert [[r for _, r in row[9]] for row in copied] == [
            [r for _, r in row[9]] for row in original
        ]
    engine.dispose()


def test_filtered_export_only_writes_matching_projects(tmp_path, session, sample_plan):
    out = tmp_path / "part.xlsx"
    flt = ProjectFilter(plan_id=sample_plan.id, text="口袋公园")
    count = export_official(TaskState(), session, sample_plan.id, out, flt=flt)
    preview = analyze(TaskState(), out)
    assert count == len(preview.projects) == 5
    assert {p.section for p in preview.projects} == {"(五)打好生态环境安全保卫战"}


# ---------------------------------------------------------------- property: export → import lossless

_TEXT = st.text(
    alphabet=st.sampled_from(
        list("项目内容绿色低碳（）()【】“”、，,;；/=+-@ \n#%&<>'\"") + list(string.ascii_letters)
    ),
    min_size=1,
    max_size=30,
).map(lambda s: s.replace("\r", "").strip())
_NAME = _TEXT.filter(bool)
_OPT_TEXT = st.one_of(st.none(), _TEXT.map(lambda s: s or None))
_MONEY = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False),
)
_UNIT = st.sampled_from(
    ["区住建局", "北港街道", "高新园(邹区镇)", "甲公司", "各板块", "钟楼生态环境局"]
)
_PROJECT = st.fixed_dictionaries(
    {
        "seq_label": st.integers(1, 999).map(str),
        "project_type": st.one_of(st.none(), st.sampled_from(["类型甲", "类型乙", "=类型"])),
        "name": _NAME,
        "content": _OPT_TEXT,
        "quantity": st.one_of(st.none(), st.integers(0, 10**6)),
        "planned_investment_wan": _MONEY,
        "period": st.one_of(
            st.just(Period(None, None)),
            st.integers(2000, 2050).flatmap(
                lambda a: st.integers(a, 2060).map(lambda b: Period(a, b))
            ),
        ),
        "owners": st.lists(_UNIT, max_size=4, unique=True),
    }
)
_PLAN = st.lists(
    st.tuples(
        st.sampled_from(["(一)绿色", "(二)蓝天", "(三)碧水"]),
        st.lists(_PROJECT, min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda t: t[0],
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan_data=_PLAN, subtotals=st.booleans())
def test_property_export_then_import_is_lossless(
    tmp_path_factory, _template_databases, plan_data, subtotals
):
    base = tmp_path_factory.mktemp("prop")
    for name in ("a.sqlite", "b.sqlite"):  # migrated empty copies (conftest)
        shutil.copyfile(_template_databases["empty"], base / name)
    engine = open_database(base / "a.sqlite")
    other = open_database(base / "b.sqlite")
    try:
        with session_factory(engine)() as session, session_factory(other)() as fresh:
            plan = create_plan(session, "随机方案", 2024)
            for name, projects in plan_data:
                section = add_section(session, plan.id, name)
                insert_projects(session, section.id, None, [dict(p) for p in projects])
            out = base / "p.xlsx"
            export_official(
                TaskState(), session, plan.id, out, options=OfficialOptions(subtotals=subtotals)
            )
            preview = analyze(TaskState(), out)
            assert preview.ok, [str(i) for i in preview.errors]
            projects = [p for _name, rows in plan_data for p in rows]
            if len(projects) >= 3 and all(p["planned_investment_wan"] is None for p in projects):
                # A table with no amount at all is read as it is, with the importer saying so.
                assert [i.reason.split(" (")[-1] for i in preview.warnings] == [
                    "the investment column is blank in every row)"
                ]
            else:
                assert preview.warnings == []
            report = write_new_plan(TaskState(), fresh, preview, "copy")
            assert _plan_state(fresh, report.plan_id) == _plan_state(session, plan.id)
    finally:
        engine.dispose()
        other.dispose()


def test_export_reports_progress_and_can_be_cancelled(tmp_path, session, sample_plan):
    from services.tasks import Cancelled

    state = TaskState(min_interval=0)
    seen = []
    state.on_progress = lambda done, total, msg: seen.append((done, total))
    export_official(state, session, sample_plan.id, tmp_path / "a.xlsx")
    assert seen[0] == (0, 56) and seen[-1] == (56, 56)
    state.cancel()
    with pytest.raises(Cancelled):
        export_official(state, session, sample_plan.id, tmp_path / "b.xlsx")


def test_set_fields_owner_roles_survive_flat_export(tmp_path, session, sample_plan):
    pid = session.scalar(select(Project.id).where(Project.name == "光伏发电试点区建设"))
    set_fields(
        session,
        {pid: {"owners": [("区发改局", OwnerRole.LEAD), ("北港街道", OwnerRole.COOPERATING)]}},
    )
    out = tmp_path / "f.csv"
    export_csv(TaskState(), session, ProjectFilter(plan_id=sample_plan.id), out)
    line = next(x for x in out.read_text("utf-8-sig").splitlines() if "光伏发电试点区建设" in x)
    assert ",区发改局,北港街道," in line


def test_cancelled_export_keeps_the_previous_file_and_leaves_no_partial(
    tmp_path, session, sample_plan
):
    from services.tasks import Cancelled

    out = tmp_path / "keep.xlsx"
    out.write_bytes(b"previous version")
    state = TaskState(min_interval=0)
    state.cancel()
    with pytest.raises(Cancelled):
        export_official(state, session, sample_plan.id, out)
    with pytest.raises(Cancelled):
        export_csv(state, session, ProjectFilter(plan_id=sample_plan.id), out)
    assert out.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir() if "keep" in p.name] == ["keep.xlsx"]


def test_exported_files_get_the_usual_permissions(session, sample_plan, tmp_path):
    """Atomic writes go through mkstemp (0600); a document for colleagues must not stay private."""
    import os
    import stat

    from exports.official_xlsx import export_official
    from services.tasks import TaskState

    out = tmp_path / "official.xlsx"
    export_official(TaskState(), session, sample_plan.id, out)
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"text": "口袋公园"},
        {"status": ProjectStatus.PLANNED},
        {"year": 2023},
        {"section_ids": (2, 4)},
    ],
)
def test_official_batches_match_the_orm_rows(session, sample_plan, extra):
    """The raw-cursor rows of the official export: same projects, order and values, cents exact."""
    from exports.rows import iter_rows, official_batches

    flt = ProjectFilter(plan_id=sample_plan.id, **extra)
    expected = [
        (
            r.section_id,
            r.section,
            r.seq_label,
            r.project_type,
            r.name,
            r.content,
            r.quantity,
            None if r.planned_investment_wan is None else int(r.planned_investment_wan * 100),
            r.start_year,
            r.end_year,
            r.owners_text,
        )
        for r in iter_rows(session, flt)
    ]
    got = [row for batch in official_batches(session, flt, size=7) for row in batch]
    assert got == expected and expected
    # Without a plan in the filter (an explicit selection) the order is still table order.
    ids = tuple(reversed([pid for (pid,) in session.execute(select(Project.id).limit(9))]))
    by_ids = [row for batch in official_batches(session, ProjectFilter(ids=ids)) for row in batch]
    assert [row[4] for row in by_ids] == [
        r.name for r in iter_rows(session, ProjectFilter(plan_id=sample_plan.id, ids=ids))
    ]


def test_official_rows_are_tall_enough_for_their_wrapped_text(session, sample_plan, tmp_path):
    import openpyxl

    from exports.official_xlsx import LINE_POINTS, WIDTHS, export_official, text_lines
    from services.tasks import TaskState

    out = tmp_path / "official.xlsx"
    export_official(TaskState(), session, sample_plan.id, out)
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    checked = 0
    for row in range(1, sheet.max_row + 1):
        content = sheet.cell(row, 4).value
        if not isinstance(content, str) or content == "主要建设内容":
            continue
        needed = max(
            text_lines(content, WIDTHS[3]),
            text_lines(sheet.cell(row, 3).value, WIDTHS[2]),
            text_lines(sheet.cell(row, 8).value, WIDTHS[7]),
        )
        height = sheet.row_dimensions[row].height or 15
        assert height >= needed * LINE_POINTS, (row, content[:20], height, needed)
        checked += needed > 2
    assert checked >= 5  # the sample has many long 建设内容 and unit lists
    # 序号 are numbers (Excel sums and sorts them), the 附件2 title is the office's own.
    assert sheet.cell(6, 1).value == 1 and isinstance(sheet.cell(6, 1).value, int)
    issues = book.worksheets[1]
    assert issues.cell(2, 1).value == (
        "2023年钟楼区国家《长江经济带生态环境警示片》披露问题举一反三问题排查汇总表"
    )
    assert isinstance(issues.cell(4, 1).value, int)


def test_text_lines_counts_cjk_as_two_units():
    from exports.official_xlsx import text_lines

    assert text_lines("", 20) == 1
    assert text_lines("一二三四五六七八九十", 21) == 1  # 20 units in 20 of room
    assert text_lines("一二三四五六七八九十一", 21) == 2
    assert text_lines("abcdefghij" * 4, 21) == 2
    assert text_lines("第一行\n第二行", 40) == 2


def test_merged_title_and_section_cells_are_text_like_the_rest(tmp_path, session):
    """A section or title that starts like a formula stays the text the office typed."""
    plan = create_plan(session, "=SUM(A1:A9)", 2024)
    section = add_section(session, plan.id, "=1+1")
    insert_projects(session, section.id, None, [{"name": "口袋公园", "content": "新建"}])
    out = tmp_path / "merged.xlsx"
    export_official(TaskState(), session, plan.id, out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    merged_starts = {(r.min_row, r.min_col) for r in sheet.merged_cells.ranges}
    texts = {"=SUM(A1:A9)", "=1+1", "单位：万元"}
    found = {
        cell.value: cell
        for row in sheet.iter_rows(max_row=8)
        for cell in row
        if cell.value in texts
    }
    assert set(found) == texts
    for cell in found.values():
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert (found["=1+1"].row, 1) in merged_starts  # the section row is still one merged cell
