"""Export the responsibility decomposition table (工作任务责任分解表) as .xlsx or .csv.

Columns 序号 | 工作内容 | 工作任务 | 牵头单位 | 配合单位, the official layout: a title row, the header
repeated when printed, 工作内容 merged down over consecutive tasks of one campaign, landscape
A4, wrapped text. The file re-imports unchanged through importers.key_tasks.
Never write to the database here.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy.orm import Session

from services.key_tasks import decomposition_rows
from services.tasks import TaskState

HEADERS = ["序号", "工作内容", "工作任务", "牵头单位", "配合单位"]
KEYS = ["seq_label", "campaign", "task", "lead", "cooperating"]
WIDTHS = [6, 24, 60, 18, 30]


def export_key_tasks(
    state: TaskState | None, session: Session, plan_id: int, path: Path | str, title: str = ""
) -> Path:
    state = state or TaskState()
    path = Path(path)
    rows = decomposition_rows(session, plan_id)
    if path.suffix.lower() == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            writer.writerows([row[k] for k in KEYS] for row in rows)
        return path
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    try:
        sheet = book.add_worksheet("责任分解表")
        font = {"font_name": "仿宋_GB2312", "font_size": 11}
        title_format = book.add_format(
            {"font_name": "方正小标宋简体", "font_size": 16, "align": "center", "valign": "vcenter"}
        )
        head = book.add_format(
            {
                **font,
                "bold": True,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "font_name": "黑体",
            }
        )
        cell = book.add_format({**font, "border": 1, "valign": "vcenter", "text_wrap": True})
        center = book.add_format(
            {**font, "border": 1, "valign": "vcenter", "align": "center", "text_wrap": True}
        )
        sheet.merge_range(0, 0, 0, len(HEADERS) - 1, title or "工作任务责任分解表", title_format)
        sheet.set_row(0, 30)
        sheet.write_row(1, 0, HEADERS, head)
        for col, width in enumerate(WIDTHS):
            sheet.set_column(col, col, width)
        first = 2
        for index, row in enumerate(rows):
            state.progress(index, len(rows), "")
            r = first + index
            sheet.write_string(r, 0, row["seq_label"], center)
            sheet.write_string(r, 2, row["task"], cell)
            sheet.write_string(r, 3, row["lead"], cell)
            sheet.write_string(r, 4, row["cooperating"], cell)
        # 工作内容 merged over each run of equal campaigns, as the printed table shows it.
        start = 0
        for index in range(1, len(rows) + 1):
            if index == len(rows) or rows[index]["campaign"] != rows[start]["campaign"]:
                text = rows[start]["campaign"]
                if index - start > 1:
                    sheet.merge_range(first + start, 1, first + index - 1, 1, text, cell)
                else:
                    sheet.write_string(first + start, 1, text, cell)
                start = index
        sheet.repeat_rows(1)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.freeze_panes(2, 0)
    finally:
        book.close()
    return path
