"""Importer: tables as departments send them back (two-row headers, periods, money and owners as
people write them, sign-off lines)."""

from __future__ import annotations

import csv
from decimal import Decimal

import openpyxl
import pytest

from importers.plan_import import analyze
from models import OwnerRole
from services.sample import sample_data, sample_workbook_path
from services.tasks import TaskState
from tests.import_helpers import HEADER, build_workbook

pytestmark = pytest.mark.backends


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
