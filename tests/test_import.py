"""Importer: the real sample, each layout quirk (a small workbook built here), bad input.

Every bad-input test asserts the exact located error AND that the database is unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from importers.plan_import import (
    ImportFailed,
    analyze,
    apply_diff,
    diff_plan,
    import_file,
    undo_merge,
    write_new_plan,
)
from importers.safety import ImportLimits
from models import (
    Organization,
    OwnerRole,
    Plan,
    Project,
    ProjectOwner,
    Rectification,
    Section,
)
from services.sample import sample_data, sample_workbook_path
from services.tasks import Cancelled, TaskState

pytestmark = pytest.mark.backends

HEADER = [
    "序号",
    "项目类型",
    "工程项目名称",
    "主要建设内容",
    "项目数量",
    "计划投资\n(万元)",
    "建设期限",
    "责任部门/建设主体",
]


def build_workbook(
    path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None
) -> Path:
    """A workbook with the given rows per sheet and merged ranges ("A5:A6")."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for ref in (merges or {}).get(name, []):
            sheet.merge_cells(ref)
    book.save(path)
    return path


def counts(session) -> tuple[int, int, int, int]:
    session.expire_all()
    return tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Plan, Project, ProjectOwner, Organization)
    )


def digest(target) -> str:
    """The database's bytes (an SQLite file) or every row of every table (PostgreSQL)."""
    if isinstance(target, Path):
        return hashlib.sha256(target.read_bytes()).hexdigest()
    from sqlalchemy import create_engine

    from db.engine import database_url
    from models import Base

    engine = create_engine(database_url(target))
    try:
        with engine.connect() as connection:
            rows = [
                str(connection.execute(select(table).order_by(*table.primary_key)).all())
                for table in Base.metadata.sorted_tables
            ]
    finally:
        engine.dispose()
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def projects_of(session, plan_id: int) -> list[Project]:
    return list(
        session.scalars(
            select(Project)
            .join(Section)
            .where(Project.plan_id == plan_id)
            .order_by(Section.position, Project.position)
        )
    )


def errors_of(preview) -> list[tuple]:
    return [(i.sheet, i.row, i.column, i.value) for i in preview.errors]


# ---------------------------------------------------------------- the real sample


def test_sample_workbook_imports_exactly_like_the_sample_json(session):
    preview = analyze(TaskState(), sample_workbook_path())
    assert preview.ok, preview.errors
    assert preview.warnings == []
    report = write_new_plan(TaskState(), session, preview)
    assert (report.projects, report.sections, report.rectifications) == (56, 6, 8)
    assert report.planned_investment_wan == Decimal("67619.88")
    data = sample_data()
    expected = [(s["name"], p) for s in data["sections"] for p in s["projects"]]
    got = projects_of(session, report.plan_id)
    assert len(got) == len(expected) == 56
    for project, (section_name, row) in zip(got, expected, strict=True):
        section = session.get(Section, project.section_id)
        assert section.name == section_name
        assert project.seq_label == row["seq_label"]
        assert project.project_type == row["project_type"]
        assert project.name == row["name"]
        assert project.content == row["content"]
        assert project.quantity == row["quantity"]
        amount = row["planned_investment_wan"]
        assert project.planned_investment_wan == (None if amount is None else Decimal(amount))
        assert project.period_label == row["period"]
        assert [o.organization.name for o in project.owners] == row["owners"]
        assert [o.role for o in project.owners] == [OwnerRole.LEAD] + [OwnerRole.COOPERATING] * (
            len(row["owners"]) - 1
        )
    rects = list(session.scalars(select(Rectification).order_by(Rectification.position)))
    assert [(r.seq_label, r.category, r.description) for r in rects] == [
        (r["seq_label"], r["category"], r["description"]) for r in data["rectifications"]
    ]
    assert [[t.name for t in r.towns] for r in rects] == [
        list(dict.fromkeys(r["towns"])) for r in data["rectifications"]
    ]


def test_sample_into_a_db_with_the_sample_resolves_aliases(session, sample_plan):
    preview = analyze(TaskState(), sample_workbook_path())
    report = write_new_plan(TaskState(), session, preview, "copy")
    names = {o.organization.name for p in projects_of(session, report.plan_id) for o in p.owners}
    assert "钟楼自然资源和规划分局" in names and "资规分局" not in names
    assert "邹区镇" not in names  # alias of 高新园(邹区镇)
    assert report.organizations_created == []


# ---------------------------------------------------------------- layout quirks


def test_title_rows_unit_line_in_yuan_repeated_headers_blank_rows_notes(tmp_path, session):
    plain = [*HEADER[:5], "计划投资", *HEADER[6:]]  # no unit in the header: the 单位 line rules
    rows = [
        ["附件1"],
        ["2024年某区重点工程项目表"],
        ["单位：元"],
        [],
        ["(一)蓝天"],
        plain,
        [1, "类型A", "项目一", "内容一", 2, "12,345,600", "2024", "区住建局"],
        [],
        ["(二)碧水"],
        plain,
        [1, "类型B", "项目二", "内容二", 1, 10000, "2023-2024", "区城管局"],
        ["合计", None, None, None, None, 12355600, None, None],
        ["注：本表金额单位为元。"],
        ["数据截至2024年5月。"],
    ]
    path = build_workbook(tmp_path / "t.xlsx", {"Sheet1": rows})
    preview = analyze(TaskState(), path)
    assert preview.ok and preview.warnings == []
    assert preview.title == "2024年某区重点工程项目表"
    assert [(s.name, s.projects) for s in preview.sections()] == [("(一)蓝天", 1), ("(二)碧水", 1)]
    assert [p.planned_investment_wan for p in preview.projects] == [
        Decimal("1234.56"),
        Decimal("1.00"),
    ]
    block = preview.blocks[0]
    assert block.notes == ["注：本表金额单位为元。", "数据截至2024年5月。"]
    assert block.attachment == "附件1" and block.unit_label == "元"
    assert preview.year == 2024


def test_unit_in_header_yi_yuan_and_total_mismatch_is_a_warning(tmp_path):
    header = ["序号", "项目名称", "建设内容", "总投资（亿元）", "建设年限", "责任单位"]
    rows = [
        header,
        [1, "甲", "内容", "1.5", "2023", "区住建局"],
        [2, "乙", "内容", "0.25", "2023", "区住建局"],
        ["小计", None, None, "1.80", None, None],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert [p.planned_investment_wan for p in preview.projects] == [
        Decimal("15000.00"),
        Decimal("2500.00"),
    ]
    assert preview.ok
    [warning] = preview.warnings
    assert (warning.sheet, warning.row, warning.column, warning.value) == ("S", 4, "D", "1.80")
    assert "17500.00" in warning.reason


def test_merged_name_with_own_content_rows_are_separate_projects(tmp_path):
    rows = [
        HEADER,
        [1, "类型A", "共享名称", "内容一", 1, 10, "2023", "甲局"],
        [None, None, None, "内容二", 2, 20, "2023", "乙局"],
        [2, None, "独立项目", "内容三", 3, 30, "2023", "丙局"],
        [3, "类型B", "未合并名称", "内容四", 1, 1, "2023", "甲局"],
        [None, None, None, "内容五", 1, 2, "2023", "甲局"],  # blank continuation, no merge
    ]
    merges = {"S": ["A2:A3", "B2:B4", "C2:C3"]}
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}, merges))
    assert preview.ok
    got = [(p.seq_label, p.project_type, p.name, p.content) for p in preview.projects]
    assert got == [
        ("1", "类型A", "共享名称", "内容一"),
        ("1", "类型A", "共享名称", "内容二"),
        ("2", "类型A", "独立项目", "内容三"),
        ("3", "类型B", "未合并名称", "内容四"),
        ("3", "类型B", "未合并名称", "内容五"),
    ]


def test_merged_amount_is_counted_once_with_a_warning(tmp_path):
    rows = [
        HEADER,
        [1, "T", "甲", "a", 1, 100, "2023", "甲局"],
        [2, "T", "乙", "b", 1, None, "2023", "甲局"],
    ]
    preview = analyze(
        TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}, {"S": ["F2:F3"]})
    )
    assert preview.total_wan == Decimal("100.00")
    [warning] = preview.warnings
    assert (warning.row, warning.column) == (2, "F")


def test_text_numbers_full_width_and_not_set_markers(tmp_path):
    rows = [HEADER]
    values = ["5,698.85", "１２００", "/", "—", "——", "-", "无", " 12.5 "]
    for i, value in enumerate(values):
        rows.append([i + 1, "T", f"项目{i}", "c", "３", value, "2023", "甲局"])
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.ok
    assert [p.planned_investment_wan for p in preview.projects] == [
        Decimal("5698.85"),
        Decimal("1200.00"),
        None,
        None,
        None,
        None,
        None,
        Decimal("12.50"),
    ]
    assert {p.quantity for p in preview.projects} == {3}


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023", 2023, 2023),
        ("2022-2023", 2022, 2023),
        ("2022—2024", 2022, 2024),
        ("2022～2024", 2022, 2024),
        ("2022年-2024年", 2022, 2024),
        ("2018~2020", 2018, 2020),
        ("/", None, None),
    ],
)
def test_period_forms(tmp_path, text, start, end):
    rows = [HEADER, [1, "T", "甲", "c", 1, 1, text, "甲局"]]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.ok
    assert (preview.projects[0].start_year, preview.projects[0].end_year) == (start, end)


def test_key_project_table_with_start_and_end_columns_and_numbered_sections(tmp_path):
    rows = [
        ["某市2022年生态环境重点项目表"],
        ["序号", "项目名称", "建设内容", "责任单位", "启动时间", "完成时间"],
        ["一、改善空气质量行动重点项目"],
        [1, "甲", "内容", "市生态环境局", "2022年", "2023年"],
        [2, "乙", "内容", "市住建局", "2022", "——"],
        ["二、水环境治理重点项目"],
        [1, "丙", "内容", "市水利局", "——", "——"],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.ok
    assert [(p.section, p.name, p.start_year, p.end_year) for p in preview.projects] == [
        ("一、改善空气质量行动重点项目", "甲", 2022, 2023),
        ("一、改善空气质量行动重点项目", "乙", 2022, None),
        ("二、水环境治理重点项目", "丙", None, None),
    ]


def test_owner_splitting_aliases_and_lead_cooperating_columns(tmp_path, session, sample_plan):
    rows = [
        ["序号", "项目名称", "建设内容", "牵头单位", "配合单位"],
        [1, "甲", "c", "资规分局", "新闸街道，永红街道;北港街道/ 五星街道\n西林街道"],
        [2, "乙", "c", "住建局", "高新园（邹区镇）；新单位"],
    ]
    path = build_workbook(tmp_path / "t.xlsx", {"S": rows})
    report = import_file(TaskState(), session, path, "roles")
    first, second = projects_of(session, report.plan_id)
    assert [(o.organization.name, o.role) for o in first.owners] == [
        ("钟楼自然资源和规划分局", OwnerRole.LEAD),
        ("新闸街道", OwnerRole.COOPERATING),
        ("永红街道", OwnerRole.COOPERATING),
        ("北港街道", OwnerRole.COOPERATING),
        ("五星街道", OwnerRole.COOPERATING),
        ("西林街道", OwnerRole.COOPERATING),
    ]
    assert [(o.organization.name, o.role) for o in second.owners] == [
        ("区住建局", OwnerRole.LEAD),
        ("高新园(邹区镇)", OwnerRole.COOPERATING),
        ("新单位", OwnerRole.COOPERATING),
    ]
    assert report.organizations_created == ["新单位"]


def test_notes_sheet_first_and_rectification_sheet_and_unknown_sheet_reported(tmp_path):
    sheets = {
        "说明": [["填表说明"], ["请按要求填写"]],
        "项目": [HEADER, [1, "T", "甲", "c", 1, 5, "2023", "甲局"]],
        "问题": [
            ["序号", "问题类别", "内容描述", "所属镇(街道)"],
            [1, "类", "描述一", "北港街道、新闸街道"],
        ],
    }
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", sheets))
    assert preview.ok
    assert len(preview.projects) == 1 and len(preview.rectifications) == 1
    assert preview.rectifications[0].towns == ["北港街道", "新闸街道"]
    assert [name for name, _ in preview.skipped_sheets] == ["说明"]
    assert [w.sheet for w in preview.warnings] == ["说明"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(tmp_path, encoding):
    text = '序号,工程项目名称,主要建设内容,计划投资(万元),责任单位\n1,碧水工程（一期）,清淤,"1,250.03",区住建局、北港街道\n'
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode(encoding))
    preview = analyze(TaskState(), path)
    assert preview.ok
    [project] = preview.projects
    assert project.name == "碧水工程（一期）"
    assert project.planned_investment_wan == Decimal("1250.03")
    assert [n for n, _ in project.owners] == ["区住建局", "北港街道"]


def test_user_column_override_by_header_signature(tmp_path):
    rows = [["编号", "工程", "说明", "钱"], [1, "甲", "内容", 5]]
    path = build_workbook(tmp_path / "t.xlsx", {"S": rows})
    assert not analyze(TaskState(), path).ok
    from importers.table import header_signature

    overrides = {header_signature(rows[0]): {1: "name", 2: "content", 3: "planned_investment_wan"}}
    preview = analyze(TaskState(), path, overrides=overrides)
    assert preview.ok
    assert (preview.projects[0].name, preview.projects[0].planned_investment_wan) == (
        "甲",
        Decimal("5.00"),
    )


# ---------------------------------------------------------------- bad input: located, nothing written


def _assert_untouched(session, db_target, before_counts, before_digest):
    assert counts(session) == before_counts
    session.get_bind().dispose()
    assert digest(db_target) == before_digest


@pytest.fixture
def loaded(session, sample_plan, db_target):
    session.commit()
    session.get_bind().dispose()
    return counts(session), digest(db_target)


def test_bad_values_are_all_reported_with_locations_and_nothing_is_written(
    tmp_path, session, db_target, loaded
):
    rows = [
        ["附件1"],
        HEADER,
        [1, "T", "负数", "c", 1, -5, "2023", "甲局"],
        [2, "T", "数量是文字", "c", "若干", 5, "2023", "甲局"],
        [3, "T", "年份颠倒", "c", 1, 5, "2024-2022", "甲局"],
        [4, "T", "好项目", "c", 1, 5, "2023", "甲局"],
        ["(二)新分区"],
        [1, "T", None, None, None, "7", "2023", "甲局"],  # no project above to continue
    ]
    path = build_workbook(tmp_path / "bad.xlsx", {"表": rows})
    with pytest.raises(ImportFailed) as info:
        import_file(TaskState(), session, path)
    got = [(i.sheet, i.row, i.column, i.header, i.value) for i in info.value.issues if i.is_error]
    assert got == [
        ("表", 3, "F", "计划投资\n(万元)", "-5"),
        ("表", 4, "E", "项目数量", "若干"),
        ("表", 5, "G", "建设期限", "2024-2022"),
        ("表", 8, "C", "工程项目名称", ""),
    ]
    reasons = [i.reason for i in info.value.issues]
    assert "负" in reasons[0] and "整数" in reasons[1] and "结束年份早于开始年份" in reasons[2]
    _assert_untouched(session, db_target, *loaded)


def test_start_after_end_in_separate_columns(tmp_path):
    rows = [["序号", "项目名称", "建设内容", "启动时间", "完成时间"], [1, "甲", "c", 2025, 2023]]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert errors_of(preview) == [("S", 2, "E", "2023")]


def test_no_header_found(tmp_path, session, db_target, loaded):
    path = build_workbook(tmp_path / "x.xlsx", {"S": [["随便"], ["一些", "文字"]]})
    with pytest.raises(ImportFailed) as info:
        import_file(TaskState(), session, path)
    [error] = [i for i in info.value.issues if i.is_error]
    assert error.sheet == "x.xlsx" and error.row is None and "表头" in error.reason
    _assert_untouched(session, db_target, *loaded)


def _bad_file(tmp_path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("corrupt.xlsx", b"this is not a workbook at all", "损坏"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "密码"),
        ("broken.xlsx", b"PK\x03\x04garbage-garbage-garbage", "损坏"),
        ("empty.xlsx", b"", "空"),
        ("notes.docx", b"PK\x03\x04", "不支持"),
        ("fake.xls", b"<html>not xls</html>", "损坏"),
    ],
)
def test_unreadable_files_are_located_errors_not_tracebacks(
    tmp_path, session, db_target, loaded, name, data, words
):
    path = _bad_file(tmp_path, name, data)
    with pytest.raises(ImportFailed) as info:
        import_file(TaskState(), session, path)
    [error] = info.value.issues
    assert error.sheet == name and words in error.reason
    _assert_untouched(session, db_target, *loaded)


def test_size_limit_and_zip_bomb_and_doctype(tmp_path):
    good = build_workbook(
        tmp_path / "g.xlsx", {"S": [HEADER, [1, "T", "甲", "c", 1, 1, "2023", "甲局"]]}
    )
    small = ImportLimits(max_file_bytes=1000)
    [error] = analyze(TaskState(), good, limits=small).errors
    assert "过大" in error.reason
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    [error] = analyze(TaskState(), bomb).errors
    assert "压缩炸弹" in error.reason
    limited = ImportLimits(max_uncompressed_bytes=1024)
    [error] = analyze(TaskState(), good, limits=limited).errors
    assert "超过上限" in error.reason
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("sheet1.xml"):
                body = data.split(b"?>", 1)[-1]
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>' + body
            dst.writestr(item, data)
    [error] = analyze(TaskState(), evil).errors
    assert "ENTITY" in error.reason


def test_cancel_during_write_leaves_nothing(session, loaded, db_target):
    preview = analyze(TaskState(), sample_workbook_path())
    state = TaskState()
    calls = []

    def on_progress(done, total, message):
        calls.append(done)
        if "writing" in message:
            state.cancel()

    state.on_progress = on_progress
    state.min_interval = 0
    with pytest.raises(Cancelled):
        write_new_plan(state, session, preview, "cancelled")
    assert calls
    _assert_untouched(session, db_target, *loaded)


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


def _assert_like_sample(preview) -> None:
    data = sample_data()
    expected = [(s["name"], p) for s in data["sections"] for p in s["projects"]]
    got = [
        (
            p.section,
            {
                "seq_label": p.seq_label,
                "project_type": p.project_type,
                "name": p.name,
                "content": p.content,
                "quantity": p.quantity,
                "planned_investment_wan": None
                if p.planned_investment_wan is None
                else str(p.planned_investment_wan),
                "owners": [n for n, _ in p.owners],
            },
        )
        for p in preview.projects
    ]
    keys = got[0][1].keys()  # the fields the sample file states
    assert got == [(s, {k: p[k] for k in keys}) for s, p in expected]
    assert len(preview.rectifications) == 8


@pytest.mark.skipif(
    not shutil.which("soffice"), reason="LibreOffice converts the sample to xls/ods"
)
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_sample_as_xls_and_ods_reads_the_same(tmp_path, fmt):
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(tmp_path),
            str(sample_workbook_path()),
        ],
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / f"zhonglou-2023-projects.{fmt}"
    if not converted.exists():
        pytest.skip(f"LibreOffice could not convert: {done.stderr[-200:]!r}")
    preview = analyze(TaskState(), converted)
    assert preview.ok and preview.warnings == []
    _assert_like_sample(preview)


def test_total_row_with_many_numbers_is_not_a_project(tmp_path):
    rows = [
        HEADER,
        [1, "T", "甲", "c", 2, 10, "2023", "甲局"],
        [2, "T", "乙", "c", 3, 20, "2023", "乙局"],
        ["合计", None, None, "2个项目", 5, 30, "2023", "/"],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert [p.name for p in preview.projects] == ["甲", "乙"]
    assert preview.ok and preview.warnings == []
    assert [t.kind for t in preview.blocks[0].totals] == ["合计"]


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


def test_two_row_header_split_period_and_roles_repeated_per_section(tmp_path):
    """建设期限 over 开工时间|完成时间, 责任单位 over 牵头单位|配合单位, 计划投资 over 总投资|其中:
    the second header row names the columns; its repeats under later sections are skipped."""
    top = [
        "序号",
        "项目名称",
        "建设内容",
        "计划投资（万元）",
        None,
        "建设期限",
        None,
        "责任单位",
        None,
    ]
    sub = [None, None, None, "总投资", "其中2023年", "开工时间", "完成时间", "牵头单位", "配合单位"]
    rows = [
        ["2024年某区重点工程项目表"],
        ["单位：万元"],
        ["一、水环境治理"],
        top,
        sub,
        [1, "甲项目", "内容A", 100, 40, 2023, 2025, "区住建局", "北港街道、新闸街道"],
        [2, "乙项目", "内容B", 50.5, 50.5, "2024", "2024", "区发改局", None],
        ["二、大气污染防治"],
        top,
        sub,
        [1, "丙项目", "内容C", 8, None, "2022年", "2023年", "区工信局", "永红街道"],
        ["合计", None, None, 158.5, None, None, None, None, None],
    ]
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:G4", "H4:I4"]
    path = build_workbook(tmp_path / "two.xlsx", {"S": rows}, {"S": merges})
    preview = analyze(TaskState(), path)
    assert preview.errors == [] and preview.warnings == []
    got = [
        (p.section, p.name, p.planned_investment_wan, p.start_year, p.end_year, p.owners)
        for p in preview.projects
    ]
    lead, coop = OwnerRole.LEAD, OwnerRole.COOPERATING
    assert got == [
        ("一、水环境治理", "甲项目", Decimal("100.00"), 2023, 2025,
         [("区住建局", lead), ("北港街道", coop), ("新闸街道", coop)]),
        ("一、水环境治理", "乙项目", Decimal("50.50"), 2024, 2024, [("区发改局", lead)]),
        ("二、大气污染防治", "丙项目", Decimal("8.00"), 2022, 2023,
         [("区工信局", lead), ("永红街道", coop)]),
    ]  # fmt: skip
    block = preview.blocks[0]
    assert block.headers["start_year"] == "开工时间" and block.headers["lead"] == "牵头单位"
    assert block.headers["planned_investment_wan"] == "总投资"
    # The unit in the upper row only ("计划投资（亿元）" over "总投资"): still converted.
    rows[1] = []
    rows[3] = rows[8] = ["序号", "项目名称", "建设内容", "计划投资（亿元）", *top[4:]]
    rows[-1] = []
    path = build_workbook(tmp_path / "yi.xlsx", {"S": rows}, {"S": merges})
    preview = analyze(TaskState(), path)
    assert preview.errors == []
    assert [p.planned_investment_wan for p in preview.projects] == [
        Decimal("1000000.00"),
        Decimal("505000.00"),
        Decimal("80000.00"),
    ]


def test_a_section_row_right_under_the_header_is_not_a_second_header(tmp_path):
    rows = [
        HEADER,
        ["一、改善空气质量行动重点项目"],  # ends in 项目, like a header's 项目 column
        [1, "T", "甲", "c", 1, 10, "2023", "区住建局"],
        ["二、加强水污染防治", None, None, None, None, None, None, None],
        [1, "T", "乙", "c", 1, 5, "2023", "区住建局"],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "s.xlsx", {"S": rows}))
    assert preview.errors == []
    assert [(p.section, p.name) for p in preview.projects] == [
        ("一、改善空气质量行动重点项目", "甲"),
        ("二、加强水污染防治", "乙"),
    ]


# ---------------------------------------------------------------- tables as departments send them back


def _one_row_table(tmp_path, **cells):
    """HEADER with one project row; `cells` override columns by key (period, owners, amount…)."""
    row = {"seq": 1, "type": "T", "name": "甲", "content": "c", "quantity": 1, "amount": 10}
    row |= {"period": "2023", "owners": "区住建局"} | cells
    values = [row[k] for k in ("seq", "type", "name", "content", "quantity", "amount")]
    values += [row["period"], row["owners"]]
    return analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": [HEADER, values]}))


def _issues(preview) -> list[tuple]:
    return [(i.sheet, i.row, i.column, i.value, i.severity) for i in preview.issues]


def test_blank_numbered_template_rows_are_skipped(tmp_path):
    rows = [
        HEADER,
        [1, "T", "甲", "c", 1, 10, "2023", "区住建局"],
        [2, "T", "乙", "c", 1, 20, "2023", "区住建局"],
        [3],
        ["4"],
        ["（5）"],
        ["⑥"],
        ["7.", None, None, None, None, 0, None, "/"],  # a formula's 0 and a "/" say nothing
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.issues == []
    assert [p.name for p in preview.projects] == ["甲", "乙"]
    assert preview.blocks[0].sections == []  # "（5）" alone is no section


def test_nameless_row_with_its_own_number_is_reported_not_dropped(tmp_path):
    rows = [
        HEADER,
        [1, "T", "甲", "c", 1, 10, "2023", "区住建局"],
        [2, None, None, "另一内容", 1, 5, "2023", "区住建局"],  # unmerged sub-row, or a lost name
        ["(二)碧水"],
        [1, None, None, "内容", 1, 5, "2023", "区住建局"],  # nothing above to belong to
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert _issues(preview) == [("S", 3, "C", "", "warning"), ("S", 5, "C", "", "error")]
    assert "“甲”的续行" in preview.issues[0].reason
    assert "项目名称不能为空" in preview.issues[1].reason
    assert [(p.seq_label, p.name, p.content) for p in preview.projects] == [
        ("1", "甲", "c"),
        ("2", "甲", "另一内容"),
    ]


def test_sample_saved_without_merges_reads_the_same(tmp_path):
    """A CSV (or a table unmerged to sort it) keeps the name only on a group's first row."""
    sheet = openpyxl.load_workbook(sample_workbook_path()).worksheets[0]
    path = tmp_path / "sample.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["" if v is None else v for v in r] for r in sheet.values])
    preview = analyze(TaskState(), path)
    assert preview.errors == []
    assert {w.reason.split("“")[0] for w in preview.warnings} == {"名称为空，按上一行"}
    expected = [p for s in sample_data()["sections"] for p in s["projects"]]
    assert [(p.name, p.content) for p in preview.projects] == [
        (p["name"], p["content"]) for p in expected
    ]
    assert preview.total_wan == Decimal("67619.88")


def test_sign_off_lines_under_the_table_are_notes(tmp_path):
    rows = [
        HEADER,
        [1, "T", "甲", "c", 1, 10, "2023", "区住建局"],
        ["填表人：张三", None, None, "联系电话：0519-86661234"],
        ["填报单位（盖章）："],
        [None, "审核人：", "李四", None, None, None, "填报日期：2023年5月"],
        ["填表人 王五", None, "单位负责人：赵六"],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.issues == []
    assert [p.name for p in preview.projects] == ["甲"]
    block = preview.blocks[0]
    assert block.sections == []
    assert block.notes == [
        "填表人：张三 联系电话：0519-86661234",
        "填报单位（盖章）：",
        "审核人： 李四 填报日期：2023年5月",
        "填表人 王五 单位负责人：赵六",
    ]


LEAD, COOP = OwnerRole.LEAD, OwnerRole.COOPERATING


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        ("区生态环境局（牵头）、区住建局（配合）", [("区生态环境局", LEAD), ("区住建局", COOP)]),
        (
            "牵头：区发改局；配合：北港街道、新闸街道",
            [("区发改局", LEAD), ("北港街道", COOP), ("新闸街道", COOP)],
        ),
        ("区住建局(牵头)", [("区住建局", LEAD)]),
        ("区发改局、区住建局（牵头）", [("区发改局", COOP), ("区住建局", LEAD)]),
        (
            "区发改局牵头，区住建局、北港街道配合",
            [("区发改局", LEAD), ("区住建局", COOP), ("北港街道", COOP)],
        ),
        ("高新园（邹区镇）（牵头）、北港街道", [("高新园(邹区镇)", LEAD), ("北港街道", COOP)]),
        ("区住建局、区发改局", [("区住建局", LEAD), ("区发改局", COOP)]),  # first leads
        # Spaces separate units too; a space before a bracket does not.
        (
            "区住建局 区发改局　北港街道",
            [("区住建局", LEAD), ("区发改局", COOP), ("北港街道", COOP)],
        ),
        ("高新园 (邹区镇)、区住建局", [("高新园(邹区镇)", LEAD), ("区住建局", COOP)]),
    ],
)
def test_owner_cells_with_roles_written_in(tmp_path, cell, owners):
    preview = _one_row_table(tmp_path, owners=cell)
    assert preview.issues == []
    assert preview.projects[0].owners == owners


def test_lead_and_cooperating_in_one_column(tmp_path):
    rows = [
        ["序号", "项目名称", "总投资(万元)", "实施年限", "牵头单位/配合单位"],
        [1, "甲", 10, "2023", "区住建局、区发改局"],
        [2, "乙", 10, "2023", "区发改局（配合）、区住建局（牵头）"],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.issues == []
    assert [p.owners for p in preview.projects] == [
        [("区住建局", LEAD), ("区发改局", COOP)],
        [("区发改局", COOP), ("区住建局", LEAD)],
    ]


def test_role_annotations_in_separate_lead_and_cooperating_columns(tmp_path):
    rows = [
        ["序号", "项目名称", "建设内容", "牵头单位", "配合单位"],
        [1, "甲", "c", "区住建局（牵头）", "北港街道（配合）、新闸街道"],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.projects[0].owners == [
        ("区住建局", LEAD),
        ("北港街道", COOP),
        ("新闸街道", COOP),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023年3月-2024年12月", 2023, 2024),
        ("2023.3-2024.12", 2023, 2024),
        ("2023-2025年", 2023, 2025),
        ("2023年—2025年", 2023, 2025),
        ("2023.03~2024.06", 2023, 2024),
        ("2023年底", 2023, 2023),
        ("2023年6月底前", 2023, 2023),
        ("2023年3月—12月", 2023, 2023),
        ("2023年度", 2023, 2023),
    ],
)
def test_periods_as_people_write_them(tmp_path, text, start, end):
    preview = _one_row_table(tmp_path, period=text)
    assert preview.issues == []
    assert (preview.projects[0].start_year, preview.projects[0].end_year) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "reason"),
    [
        ("长期", None, "建设期限留空"),
        ("持续推进", None, "建设期限留空"),
        ("常态化", None, "建设期限留空"),
        ("待定", None, "建设期限留空"),
        ("2023年起持续推进", 2023, "只导入开始年份 2023"),
    ],
)
def test_open_ended_periods_are_left_blank_with_a_warning(tmp_path, text, start, reason):
    preview = _one_row_table(tmp_path, period=text)
    assert preview.ok
    [warning] = preview.warnings
    assert (warning.sheet, warning.row, warning.column, warning.value) == ("S", 2, "G", text)
    assert reason in warning.reason
    assert (preview.projects[0].start_year, preview.projects[0].end_year) == (start, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("明年吧", "建设期限格式"),
        ("2023年13月", "建设期限格式"),
        ("2025年3月-2023年12月", "结束年份早于开始年份"),
        ("1850-2023年", "1990"),
    ],
)
def test_unreadable_periods_stay_located_errors(tmp_path, text, reason):
    preview = _one_row_table(tmp_path, period=text)
    [error] = preview.errors
    assert (error.sheet, error.row, error.column, error.value) == ("S", 2, "G", text)
    assert reason in error.reason and preview.projects == []


def test_start_and_end_columns_as_written(tmp_path):
    rows = [
        ["序号", "项目名称", "建设内容", "开工时间", "完成时间", "计划投资"],
        [1, "甲", "c", "2023.3", "2024.12", 1],
        [2, "乙", "c", "2023年3月", "2024年底", 1],
        [3, "丙", "c", "2023", "长期", 1],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert [(p.name, p.start_year, p.end_year) for p in preview.projects] == [
        ("甲", 2023, 2024),
        ("乙", 2023, 2024),
        ("丙", 2023, None),
    ]
    assert _issues(preview) == [("S", 4, "E", "长期", "warning")]


@pytest.mark.parametrize(
    ("cell", "amount", "warning"),
    [
        ("500万元", Decimal("500.00"), None),
        ("500万", Decimal("500.00"), None),
        ("1,200.5", Decimal("1200.50"), None),
        ("3亿元", Decimal("30000.00"), "换算为 30000.00 万元"),
        ("5000元", Decimal("0.50"), "换算为 0.50 万元"),
        ("待定", None, "金额待定"),
    ],
)
def test_money_cells_as_written(tmp_path, cell, amount, warning):
    preview = _one_row_table(tmp_path, amount=cell)
    assert preview.ok
    assert preview.projects[0].planned_investment_wan == amount
    assert [(i.row, i.column, i.value) for i in preview.warnings] == (
        [(2, "F", cell)] if warning else []
    )
    assert warning is None or warning in preview.warnings[0].reason


@pytest.mark.parametrize("cell", ["约500", "500（其中中央资金200）"])
def test_money_with_words_is_a_located_error(tmp_path, cell):
    preview = _one_row_table(tmp_path, amount=cell)
    [error] = preview.errors
    assert (error.sheet, error.row, error.column, error.value) == ("S", 2, "F", cell)
    assert "只能填一个数" in error.reason and preview.projects == []


def test_amounts_in_a_yuan_table_and_a_cell_with_its_own_unit(tmp_path):
    rows = [
        ["单位：元"],
        [*HEADER[:5], "计划投资", *HEADER[6:]],
        [1, "T", "甲", "c", 1, "5000000", "2023", "区住建局"],
        [2, "T", "乙", "c", 1, "300万元", "2023", "区住建局"],  # not 0.03 万元
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert [p.planned_investment_wan for p in preview.projects] == [
        Decimal("500.00"),
        Decimal("300.00"),
    ]
    assert _issues(preview) == [("S", 4, "F", "300万元", "warning")]


def test_sequence_label_styles_are_kept_as_text(tmp_path):
    rows = [HEADER]
    labels = ["1.", "（1）", "①", "1-1", "一"]
    for i, label in enumerate(labels):
        rows.append([label, None, f"项目{i}"])  # only the name besides the 序号: still a project
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    # No amount anywhere: the one thing said is that the investment column is blank.
    assert [(i.severity, i.column) for i in preview.issues] == [("warning", "F")]
    assert [(p.seq_label, p.name) for p in preview.projects] == [
        (label, f"项目{i}") for i, label in enumerate(labels)
    ]


def test_header_words_with_spaces_breaks_synonyms_and_extra_columns(tmp_path):
    header = [
        "序  号",
        "项 目 名 称",
        "建设\n内容",
        "计划总投资（万元）",
        "建设年限",
        "责任单位（部门）",
        "联系人",
        "联系电话",
        "2023年完成投资",
    ]
    rows = [header, [1, "甲", "c", 10, "2022-2024", "区住建局", "张三", "0519-1234", 5]]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.issues == []
    [project] = preview.projects
    assert (project.name, project.planned_investment_wan) == ("甲", Decimal("10.00"))
    assert (project.start_year, project.end_year, project.owners) == (
        2022,
        2024,
        [("区住建局", LEAD)],
    )
    assert set(preview.blocks[0].columns) == {
        "seq_label", "name", "content", "planned_investment_wan", "period", "owners"
    }  # fmt: skip


@pytest.mark.parametrize(
    "top",
    [
        [["附件1：2023年钟楼区生态文明建设工程项目表"]],
        [["附件1", "2023年钟楼区生态文明建设工程项目表"]],
        [["附件 1："], ["2023年钟楼区生态文明建设工程项目表"]],
    ],
)
def test_attachment_label_and_title(tmp_path, top):
    rows = [*top, HEADER, [1, "T", "甲", "c", 1, 10, "2023", "区住建局"]]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.issues == []
    assert preview.title == "2023年钟楼区生态文明建设工程项目表" and preview.year == 2023
    assert preview.blocks[0].attachment in ("附件1", "附件 1")
    assert [p.section for p in preview.projects] == ["2023年钟楼区生态文明建设工程项目表"]


def test_section_row_carrying_its_subtotal(tmp_path):
    rows = [
        HEADER,
        ["(一)蓝天", None, None, None, None, 30],
        [1, "T", "甲", "c", 1, 10, "2023", "区住建局"],
        [2, "T", "乙", "c", 1, 20, "2023", "区住建局"],
        ["(二)碧水", None, None, None, None, 6],  # states 6, the rows add up to 5
        [1, "T", "丙", "c", 1, 5, "2023", "区住建局"],
    ]
    merges = {"S": ["A2:E2", "A5:E5"]}
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}, merges))
    assert [(s.name, s.projects, s.planned_investment_wan) for s in preview.sections()] == [
        ("(一)蓝天", 2, Decimal("30.00")),
        ("(二)碧水", 1, Decimal("5.00")),
    ]
    assert preview.ok
    assert _issues(preview) == [("S", 5, "F", "6", "warning")]


def test_section_label_typed_in_the_name_column(tmp_path):
    rows = [HEADER, [None, None, "（一）蓝天"], [1, "T", "甲", "c", 1, 10, "2023", "区住建局"]]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.issues == []
    assert [(p.section, p.name) for p in preview.projects] == [("（一）蓝天", "甲")]


def test_sign_off_line_above_the_header_is_not_the_title(tmp_path):
    rows = [
        ["2023年项目表"],
        ["填报单位：区住建局"],
        HEADER,
        [1, "T", "甲", "c", 1, 10, "2023", "区住建局"],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert preview.title == "2023年项目表"
    assert [p.section for p in preview.projects] == ["2023年项目表"]


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


def test_a_remembered_mapping_that_drops_the_name_of_a_two_row_header_is_reported(tmp_path):
    from importers.table import header_signature

    top = ["序号", "项目名称", "建设内容", "计划投资（万元）", "建设期限", None]
    sub = [None, None, None, None, "开工时间", "完成时间"]
    rows = [top, sub, [1, "甲", "c", 10, 2023, 2024]]
    path = build_workbook(tmp_path / "t.xlsx", {"S": rows}, {"S": ["E1:F1"]})
    effective = ["序号", "项目名称", "建设内容", "计划投资（万元）", "开工时间", "完成时间"]
    overrides = {header_signature(effective): {1: None}}  # 项目名称 → not imported
    preview = analyze(TaskState(), path, overrides=overrides)
    assert preview.projects == [] and preview.skipped_sheets  # reported, no crash


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


def test_a_project_whose_name_starts_like_a_sign_off_word_is_still_a_project(tmp_path):
    rows = [
        HEADER,
        [None, None, "审核人员业务培训", "培训30人次", 1, 5, "2023", "区生态环境局"],
        ["填表人：张三", None, None, "联系电话：0519-88888888"],
    ]
    preview = analyze(TaskState(), build_workbook(tmp_path / "f.xlsx", {"S": rows}))
    assert preview.errors == []
    assert [p.name for p in preview.projects] == ["审核人员业务培训"]
    assert preview.blocks[0].notes == ["填表人：张三 联系电话：0519-88888888"]
