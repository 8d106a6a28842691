"""Importer: the real sample and each layout quirk (a small workbook built here).

Bad input is in test_import_bad_input.py, merges into an existing plan in test_import_merge.py,
cells as departments write them in test_import_as_written.py.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest
from sqlalchemy import select

from importers.plan_import import analyze, import_file, write_new_plan
from models import OwnerRole, Rectification, Section
from services.sample import sample_data, sample_workbook_path
from services.tasks import TaskState
from tests.import_helpers import HEADER, build_workbook, projects_of

pytestmark = pytest.mark.backends


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
