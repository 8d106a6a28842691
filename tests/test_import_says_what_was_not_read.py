"""Published tables read as written, and what could not be read is said: a bare numeral in
序号 with the section's name beside it is a section; a table with no usable investment
column imports only with a warning naming its headers; 表1 above the title is not the title."""

from __future__ import annotations

from importers.plan_import import analyze
from services.tasks import TaskState
from tests import hostile_files as hostile


def _preview(tmp_path, rows):
    return analyze(TaskState(), hostile.write_xlsx(tmp_path / "t.xlsx", rows))


def test_bare_numeral_with_the_name_next_is_a_section(tmp_path):
    rows = [
        ["2023年钟楼区生态文明建设工程项目表"],
        hostile.HEADER,
        ["一", "污染防治攻坚"],
        [1, "项目1", "内容", 1, 100, "2023", "区住建局"],
        ["（二）", "生态修复"],
        [1, "项目2", "内容", 1, 50, "2023", "区住建局"],
    ]
    preview = _preview(tmp_path, rows)
    assert not preview.errors
    assert [(p.section, p.name) for p in preview.projects] == [
        ("一、污染防治攻坚", "项目1"),
        ("（二）生态修复", "项目2"),
    ]


def test_table_number_line_is_not_the_title(tmp_path):
    for label in ("表1", "附表2", "表 3-1："):
        rows = [[label], ["2023年钟楼区生态文明建设工程项目表"], *hostile.ledger_rows(2)[1:]]
        assert _preview(tmp_path, rows).title == "2023年钟楼区生态文明建设工程项目表"


def test_no_investment_column_is_a_warning_naming_the_headers(tmp_path):
    rows = [
        ["2023年项目表"],
        ["序号", "项目名称", "建设内容", "资金规模"],
        [1, "项目1", "内容", 100],
    ]
    preview = _preview(tmp_path, rows)
    assert len(preview.projects) == 1 and not preview.errors
    (warning,) = [str(w) for w in preview.warnings]
    assert "未识别出计划投资列" in warning and "资金规模" in warning and "建设内容" in warning


def test_investment_column_blank_in_every_row_is_a_warning(tmp_path):
    rows = [
        ["2023年项目表"],
        ["序号", "项目名称", "计划投资（万元）"],
        [1, "项目1", ""],
        [2, "项目2", "/"],
        [3, "项目3", ""],
    ]
    preview = _preview(tmp_path, rows)
    assert any("每一行都是空的" in str(w) and w.column == "C" for w in preview.warnings)


def test_a_table_with_amounts_has_no_such_warning(tmp_path):
    preview = _preview(tmp_path, hostile.ledger_rows(3))
    assert not any("计划投资" in str(w) for w in preview.warnings)
