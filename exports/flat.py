"""Flat table exports for analysis: one header row, one row per project, as .xlsx or CSV.

Owners are split into 牵头单位 (lead) and 配合单位 (cooperating and constructing units); the
分区 column names each row's section, so the file re-imports into the same sections. CSV is
UTF-8 with BOM by default (Excel opens it correctly) or GB18030 for old WPS/Excel setups.
Text that a spreadsheet could read as a formula is neutralised (exports.safety). Rows stream
from SQL in chunks. Headless: never import Qt here.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path

import xlsxwriter
from sqlalchemy.orm import Session

from exports.official_xlsx import WORKBOOK_OPTIONS
from exports.rows import ExportRow, count_projects, iter_rows
from exports.safety import atomic_output, csv_safe, is_risky
from services.fields import FIELDS, ColumnKind, Field
from services.query import ProjectFilter
from services.tasks import TaskState


def _getter(field: Field) -> Callable[[ExportRow], object]:
    """How a flat export reads one field from a row: numbers stay numbers, choices show labels."""
    if field.kind in (ColumnKind.MONEY, ColumnKind.INTEGER):
        return attrgetter(field.key)
    if field.kind is ColumnKind.PERIOD:
        return attrgetter("period")
    if field.kind is ColumnKind.CHOICE:
        return lambda row: field.to_text(getattr(row, field.key))
    return lambda row: getattr(row, field.key) or ""


def _flat_columns() -> list[tuple[str, int, Callable[[ExportRow], object]]]:
    """(header, width, getter) per column: the section, then every field in the registry's order;
    owners are split into their 牵头单位 / 配合单位 parts (cooperating and constructing)."""
    columns: list[tuple[str, int, Callable[[ExportRow], object]]] = [
        ("分区", 22, attrgetter("section"))
    ]
    for field in FIELDS.values():
        if field.many:
            columns += [(p.header, p.export_width, attrgetter(p.key)) for p in field.parts]
        else:
            columns.append((field.header, field.export_width, _getter(field)))
    return columns


_COLUMNS = _flat_columns()
FLAT_HEADERS = [header for header, _, _ in _COLUMNS]
FLAT_WIDTHS = [width for _, width, _ in _COLUMNS]
_GETTERS = [getter for _, _, getter in _COLUMNS]
MONEY_COLUMN = FLAT_HEADERS.index(FIELDS["planned_investment_wan"].header)
CSV_ENCODINGS = {"utf-8-sig": "UTF-8 (BOM)", "gb18030": "GB18030 (GBK)"}


def _values(row: ExportRow) -> list[object]:
    return [get(row) for get in _GETTERS]


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
                if col == MONEY_COLUMN:
                    sheet.write_number(row_index, col, value, money)
                elif isinstance(value, int):
                    sheet.write_number(row_index, col, value)
                elif is_risky(text := str(value)):
                    sheet.write_string(row_index, col, text, quoted)
                else:
                    sheet.write_string(row_index, col, text)
            if row.planned_investment_wan is None:
                sheet.write_string(row_index, MONEY_COLUMN, "/")
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
                if col == MONEY_COLUMN:
                    cells.append("/" if value is None else f"{value:.2f}")
                elif value is None:
                    cells.append("")
                elif isinstance(value, int):
                    cells.append(str(value))
                else:
                    cells.append(csv_safe(str(value)))
            writer.writerow(cells)
        state.check()  # a cancel keeps the previous file: the temporary one is discarded
    state.progress(total, total, "")
    return count
