"""Export a plan diff (services.plan_diff.PlanDiff) as .xlsx (sheets 变更/新增/删除) or .csv.

Field keys become the official column headers (计划投资(万元), 建设期限…) so the file reads
like the tables it compares. Never write to the database here.
"""

from __future__ import annotations

import csv
from pathlib import Path

from services.fields import FIELDS
from services.plan_diff import PlanDiff
from services.tasks import TaskState

FIELD_HEADERS = {"section": "所属分区"} | {k: f.header for k, f in FIELDS.items()}
CHANGE_HEADERS = ["分区", "项目名称", "字段", "原值", "新值"]
PROJECT_HEADERS = ["分区", "序号", "项目名称", "计划投资(万元)"]


def _change_rows(diff: PlanDiff) -> list[list[str]]:
    return [
        [c.section, c.name, FIELD_HEADERS.get(c.field, c.field), c.old_text, c.new_text]
        for c in diff.changed
    ]


def _project_rows(refs) -> list[list[str]]:
    return [[r.section, r.seq_label or "", r.name, r.planned_investment_wan] for r in refs]


def export_plan_diff(state: TaskState | None, diff: PlanDiff, path: Path | str) -> Path:
    state = state or TaskState()
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["类别", *CHANGE_HEADERS])
            for row in _change_rows(diff):
                writer.writerow(["变更", *row])
            for kind, refs in (("新增", diff.added), ("删除", diff.removed)):
                for r in refs:
                    writer.writerow(
                        [kind, r.section, r.name, "计划投资(万元)", "", r.planned_investment_wan]
                    )
        return path
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    try:
        head = book.add_format(
            {
                "bold": True,
                "border": 1,
                "bg_color": "#E8F0E8",
                "text_wrap": True,
                "valign": "vcenter",
            }
        )
        cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        old = book.add_format(
            {"border": 1, "text_wrap": True, "valign": "top", "font_color": "#A02020"}
        )
        new = book.add_format(
            {"border": 1, "text_wrap": True, "valign": "top", "font_color": "#207020"}
        )
        sheets = [
            ("变更", CHANGE_HEADERS, _change_rows(diff), [26, 32, 16, 40, 40]),
            ("新增", PROJECT_HEADERS, _project_rows(diff.added), [26, 8, 40, 16]),
            ("删除", PROJECT_HEADERS, _project_rows(diff.removed), [26, 8, 40, 16]),
        ]
        for name, headers, rows, widths in sheets:
            state.check()
            sheet = book.add_worksheet(name)
            sheet.write_row(0, 0, headers, head)
            for col, width in enumerate(widths):
                sheet.set_column(col, col, width)
            for row_index, row in enumerate(rows, start=1):
                for c, value in enumerate(row):
                    style = cell
                    if name == "变更" and c == 3:
                        style = old
                    elif name == "变更" and c == 4:
                        style = new
                    sheet.write_string(row_index, c, value, style)
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
            sheet.set_landscape()
            sheet.repeat_rows(0)
        info = book.add_worksheet("说明")
        info.write_column(
            0,
            0,
            [
                f"原方案: {diff.old_plan}",
                f"新方案: {diff.new_plan}",
                f"对应项目 {diff.matched} 个; 变更 {len(diff.changed)} 处; "
                f"新增 {len(diff.added)} 个; 删除 {len(diff.removed)} 个",
                "新增分区: " + "、".join(diff.sections_added),
                "删除分区: " + "、".join(diff.sections_removed),
            ],
        )
        info.set_column(0, 0, 90)
    finally:
        book.close()
    return path
