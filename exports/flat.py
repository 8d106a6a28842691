"""Flat table exports for analysis: one header row, one row per project, as .xlsx or CSV.

Owners are split into 牵头单位 (lead) and 配合单位 (cooperating and constructing units); the
分区 column names each row's section, so the file re-imports into the same sections. CSV is
UTF-8 with BOM by default (Excel opens it correctly) or GB18030 for old WPS/Excel setups.
Text that a spreadsheet could read as a formula is neutralised (exports.safety). Rows stream
from SQL in chunks. Headless: never import Qt here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import xlsxwriter
from sqlalchemy.orm import Session

from exports.official_xlsx import WORKBOOK_OPTIONS
from exports.rows import ExportRow, count_projects, iter_rows
from exports.safety import atomic_output, csv_safe, is_risky
from services.fields import KIND_LABELS, STATUS_LABELS
from services.query import ProjectFilter
from services.tasks import TaskState

FLAT_HEADERS = [
    "分区",
    "序号",
    "项目类型",
    "工程项目名称",
    "主要建设内容",
    "项目数量",
    "计划投资(万元)",
    "建设期限",
    "牵头单位",
    "配合单位",
    "项目状态",
    "建设性质",
    "备注",
]
FLAT_WIDTHS = [22, 6, 18, 24, 40, 8, 12, 10, 18, 30, 8, 8, 20]
CSV_ENCODINGS = {"utf-8-sig": "UTF-8 (BOM)", "gb18030": "GB18030 (GBK)"}


def _values(row: ExportRow) -> list[object]:
    return [
        row.section,
        row.seq_label or "",
        row.project_type or "",
        row.name,
        row.content or "",
        row.quantity,
        row.planned_investment_wan,
        row.period,
        row.lead,
        row.cooperating,
        STATUS_LABELS.get(row.status, ""),
        KIND_LABELS.get(row.construction_kind, ""),
        row.remarks or "",
    ]


def export_flat_xlsx(
    state: TaskState, session: Session, flt: ProjectFilter, out: Path | str
) -> int:
    total = count_projects(session, flt)
    with atomic_output(out) as temp:
        _write_flat(state, session, flt, temp, total)
        state.check()  # a cancel keeps the previous file: the temporary one is discarded
    state.progress(total, total, "")
    return total


def _write_flat(
    state: TaskState, session: Session, flt: ProjectFilter, out: Path, total: int
) -> None:
    book = xlsxwriter.Workbook(str(out), WORKBOOK_OPTIONS)
    try:
        sheet = book.add_worksheet("项目")
        head = book.add_format(
            {"bold": True, "border": 1, "bg_color": "#E8F0E0", "text_wrap": True}
        )
        money = book.add_format({"num_format": "0.00"})
        quoted = book.add_format({"quote_prefix": True})
        for col, width in enumerate(FLAT_WIDTHS):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        for col, title in enumerate(FLAT_HEADERS):
            sheet.write_string(0, col, title, head)
        row_index = 0
        for row_index, row in enumerate(iter_rows(session, flt, with_roles=True), start=1):
            if row_index % 1000 == 0:
                state.progress(row_index, total, "导出 (exporting)")
            for col, value in enumerate(_values(row)):
                if value is None or value == "":
                    continue
                if col == 6:
                    sheet.write_number(row_index, col, value, money)
                elif isinstance(value, int):
                    sheet.write_number(row_index, col, value)
                elif is_risky(value):
                    sheet.write_string(row_index, col, value, quoted)
                else:
                    sheet.write_string(row_index, col, value)
            if row.planned_investment_wan is None:
                sheet.write_string(row_index, 6, "/")
        sheet.autofilter(0, 0, max(row_index, 1), len(FLAT_HEADERS) - 1)
    finally:
        book.close()


def export_csv(
    state: TaskState,
    session: Session,
    flt: ProjectFilter,
    out: Path | str,
    *,
    encoding: str = "utf-8-sig",
) -> int:
    """CSV of the flat table. GB18030 encodes every Chinese character, so nothing is lost."""
    if encoding not in CSV_ENCODINGS:
        raise ValueError(f"unsupported CSV encoding: {encoding}")
    total = count_projects(session, flt)
    count = 0
    with atomic_output(out) as temp, open(temp, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FLAT_HEADERS)
        for count, row in enumerate(iter_rows(session, flt, with_roles=True), start=1):
            if count % 1000 == 0:
                state.progress(count, total, "导出 (exporting)")
            cells = []
            for col, value in enumerate(_values(row)):
                if col == 6:
                    cells.append("/" if value is None else f"{value:.2f}")
                elif value is None:
                    cells.append("")
                elif isinstance(value, int):
                    cells.append(str(value))
                else:
                    cells.append(csv_safe(value))
            writer.writerow(cells)
        state.check()  # a cancel keeps the previous file: the temporary one is discarded
    state.progress(total, total, "")
    return count
