"""Writing a return round: one locked xlsx per unit, a ZIP of them all and the notice (通知).

Each sheet shows only the unit's projects (lead or cooperating, marked), with the round's
requested fields as the only unlocked, shaded cells (numeric, date and list validation on
them); the rest is protected. A very hidden sheet carries the round, the unit, every row's
project id with a hash of its locked cells, and a checksum over all of it, so a returned file
can be matched row by row and a locked cell typed into after unprotecting is found. The project
id also sits in hidden column A of every row, so rows the unit sorted or inserted still match.
xlsxwriter writes cells as typed strings (never formulas). The database is read only through
services.returns (`make_round`); the writers below take plain values.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import cast

from exports.safety import atomic_output
from services import returns
from services.return_fields import (
    ID_HEADER,
    LOCKED_COLUMNS,
    RETURN_FIELDS,
    STATUS_CHOICES,
    canonical,
    row_hash,
    sheet_checksum,
)
from services.returns import UnitSheet

MAIN_SHEET = "填报表"
META_SHEET = "_greenledger"
FORMAT_TAG = "greenledger-return/1"
HEADER_ROW = 3  # 0-based: title, unit/deadline line, instructions, then the header
META_ROWS_START = 16  # 0-based row of the first (project id, row hash) pair in the hidden sheet
SPARE_ROWS = 20  # unlocked blank rows under the table for projects the unit wants to add
SPARE_LABEL = "以下空行可填写新增项目（办公室审核后纳入台账）"
INPUT_FILL = "#FFF2CC"
LOCKED_FILL = "#EFEFEF"


@dataclass(frozen=True)
class RoundInfo:
    """What every sheet of a round prints in its header and hides in its meta sheet."""

    plan_id: int
    plan_title: str
    round_id: int
    name: str
    period: str
    deadline: date | None
    fields: tuple[str, ...]

    @property
    def deadline_text(self) -> str:
        d = self.deadline
        return f"{d.year}年{d.month}月{d.day}日" if d else "（未定）"


@dataclass
class WrittenSheet:
    unit_id: int
    unit: str
    path: Path
    file_hash: str
    checksum: str
    projects: int
    lead: int


@dataclass
class MadeRound:
    sheets: list[WrittenSheet] = field(default_factory=list)
    zip_path: Path | None = None
    notice_path: Path | None = None


def safe_file_part(text: str) -> str:
    """A unit or round name usable in a file name on Windows, macOS and Linux."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "unit"


def sheet_file_name(info: RoundInfo, unit: str) -> str:
    return f"{safe_file_part(info.name)}_{safe_file_part(unit)}.xlsx"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_round(
    session, round_, outdir: Path, unit_names: list[str] | None = None, state=None
) -> MadeRound:
    """Write the round's sheets for all its plan's units (or those named) and record the
    sends (file name, hash, checksum) in the database."""
    from models import Plan

    plan = session.get(Plan, round_.plan_id)
    info = RoundInfo(
        plan.id,
        plan.title,
        round_.id,
        round_.name,
        round_.period,
        round_.deadline,
        returns.round_fields(round_),
    )
    sheets = returns.unit_sheets(session, round_, unit_names)
    made = write_round(info, sheets, outdir, state)
    returns.record_sends(
        session,
        round_,
        [
            {
                "unit_id": s.unit_id,
                "file_name": s.path.name,
                "file_hash": s.file_hash,
                "checksum": s.checksum,
                "projects": s.projects,
            }
            for s in made.sheets
        ],
    )
    return made


def write_round(info: RoundInfo, sheets: list[UnitSheet], outdir: Path, state=None) -> MadeRound:
    """Every unit's sheet into `outdir`, then the ZIP and the notice beside them."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    made = MadeRound()
    for index, sheet in enumerate(sheets):
        if state is not None:
            state.progress(index, len(sheets), sheet.unit)
        path = outdir / sheet_file_name(info, sheet.unit)
        checksum = write_unit_sheet(path, info, sheet)
        made.sheets.append(
            WrittenSheet(
                sheet.unit_id,
                sheet.unit,
                path,
                file_sha256(path),
                checksum,
                len(sheet.rows),
                sheet.lead_count,
            )
        )
    made.notice_path = outdir / f"{safe_file_part(info.name)}_通知.txt"
    made.notice_path.write_text(notice_text(info, made.sheets), encoding="utf-8")
    made.zip_path = outdir / f"{safe_file_part(info.name)}_填报表.zip"
    with (
        atomic_output(made.zip_path) as temp,
        zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        for written in made.sheets:
            z.write(written.path, written.path.name)
        z.write(made.notice_path, made.notice_path.name)
    return made


def notice_text(info: RoundInfo, sheets: list[WrittenSheet]) -> str:
    """The 通知 that goes out with the sheets: what to fill, by when, how to send it back."""
    asked = "、".join(RETURN_FIELDS[k].header.split("(")[0] for k in info.fields)
    lines = [
        f"关于报送{info.name}项目进展情况的通知",
        "",
        "各有关单位：",
        f"    为掌握《{info.plan_title}》工程项目推进情况，现将{info.name}（填报期 {info.period}）"
        "项目进展填报表发给你们。请各单位对照本单位牵头、配合的项目，只在表中浅黄色单元格"
        f"填写{asked}，并于{info.deadline_text}前将填好的文件原样回传。",
        "    回传时请注意：保留 .xlsx 格式，不要另存为 CSV 或 .xls；不要修改灰色锁定单元格；"
        "项目信息如有错误，请在“存在问题”中说明或在表格下方空行注明；新增项目请填在表格下方空行。",
        "",
        f"附：各单位填报表（共 {len(sheets)} 个单位）",
    ]
    for number, sheet in enumerate(sheets, 1):
        lines.append(
            f"  {number}. {sheet.unit}：{sheet.projects} 个项目（牵头 {sheet.lead}，"
            f"配合 {sheet.projects - sheet.lead}） — {sheet.path.name}"
        )
    lines += ["", f"报送截止：{info.deadline_text}", ""]
    return "\n".join(lines)


def write_unit_sheet(path: Path, info: RoundInfo, sheet: UnitSheet) -> str:
    """One unit's workbook; returns the checksum of its locked content."""
    import xlsxwriter

    rows_meta: list[tuple[int, str]] = []
    with atomic_output(path) as temp:
        book = xlsxwriter.Workbook(
            str(temp),
            {
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "in_memory": True,  # no temp files: deleting them was 40 % of the time
            },
        )
        formats = _formats(book)
        ws = book.add_worksheet(MAIN_SHEET)
        inputs = [RETURN_FIELDS[k] for k in info.fields]
        last_col = len(LOCKED_COLUMNS) + len(inputs)
        _write_header(ws, formats, info, sheet, inputs, last_col)
        first = HEADER_ROW + 1
        for offset, row in enumerate(sheet.rows):
            r = first + offset
            ws.write_number(r, 0, row.project_id, formats["locked"])
            texts = []
            for c, column in enumerate(LOCKED_COLUMNS, 1):
                value = row.locked.get(column.key)
                texts.append(canonical(column, value))
                if column.money:
                    if value is None:
                        ws.write_blank(r, c, None, formats["locked_money"])
                    else:
                        money = cast(Decimal, value)  # money columns hold Decimal
                        ws.write_number(r, c, float(money), formats["locked_money"])
                else:
                    ws.write_string(r, c, "" if value is None else str(value), formats["locked"])
            for c, spec in enumerate(inputs, len(LOCKED_COLUMNS) + 1):
                _write_input(ws, formats, r, c, spec, row.inputs.get(spec.report_key or ""))
            rows_meta.append((row.project_id, row_hash(texts)))
        data_end = first + len(sheet.rows) - 1
        _validate_inputs(ws, inputs, first, data_end + 1 + SPARE_ROWS)
        _spare_rows(ws, formats, data_end + 1, last_col)
        _print_setup(ws, info, sheet, last_col)
        ws.protect(
            "",
            {
                "select_locked_cells": True,
                "select_unlocked_cells": True,
                "format_columns": True,
                "format_rows": True,
                "autofilter": True,
            },
        )
        ws.activate()
        checksum = sheet_checksum(info.round_id, sheet.unit_id, rows_meta)
        _write_meta(book, info, sheet, rows_meta, checksum)
        book.close()
    return checksum


def _formats(book) -> dict:
    base = {
        "font_name": "宋体",
        "font_size": 10,
        "valign": "vcenter",
        "text_wrap": True,
        "border": 1,
    }
    locked = {**base, "bg_color": LOCKED_FILL, "locked": True}
    open_ = {**base, "bg_color": INPUT_FILL, "locked": False}
    return {
        "title": book.add_format(
            {"font_name": "黑体", "font_size": 16, "bold": True, "align": "center"}
        ),
        "line": book.add_format({"font_name": "宋体", "font_size": 11}),
        "note": book.add_format(
            {
                "font_name": "宋体",
                "font_size": 9,
                "text_wrap": True,
                "valign": "top",
                "font_color": "#444444",
            }
        ),
        "head": book.add_format({**base, "bold": True, "align": "center", "bg_color": "#D9E7DE"}),
        "head_input": book.add_format(
            {**base, "bold": True, "align": "center", "bg_color": "#FFD966"}
        ),
        "locked": book.add_format(locked),
        "locked_money": book.add_format({**locked, "num_format": "0.00"}),
        "input": book.add_format(open_),
        "input_money": book.add_format({**open_, "num_format": "0.00"}),
        "input_date": book.add_format({**open_, "num_format": "yyyy-mm-dd"}),
        "spare": book.add_format({**base, "locked": False}),
        "spare_label": book.add_format(
            {"font_name": "宋体", "font_size": 9, "italic": True, "font_color": "#666666"}
        ),
    }


def _write_header(ws, formats, info: RoundInfo, sheet: UnitSheet, inputs, last_col: int) -> None:
    ws.merge_range(
        0, 1, 0, last_col, f"{info.plan_title}项目进展填报表（{info.name}）", formats["title"]
    )
    ws.merge_range(
        1,
        1,
        1,
        last_col,
        f"填报单位：{sheet.unit}    填报期：{info.period}    报送截止：{info.deadline_text}"
        f"    共 {len(sheet.rows)} 个项目（牵头 {sheet.lead_count}）",
        formats["line"],
    )
    asked = "、".join(spec.header for spec in inputs)
    ws.merge_range(
        2,
        1,
        2,
        last_col,
        f"填表说明：只填写浅黄色单元格（{asked}）；灰色单元格已锁定，请勿修改、删除或调整行序。"
        "金额单位为万元，保留两位小数；本季完成投资与上期累计之和应等于累计完成投资。"
        "新增项目请填在表格下方空行。请于截止日前以原 .xlsx 格式回传，勿另存为 CSV 或 .xls。",
        formats["note"],
    )
    ws.set_row(2, 42)
    ws.write_string(HEADER_ROW, 0, ID_HEADER, formats["head"])
    ws.set_column(0, 0, 8, None, {"hidden": True})
    for c, column in enumerate(LOCKED_COLUMNS, 1):
        ws.write_string(HEADER_ROW, c, column.header, formats["head"])
        ws.set_column(c, c, column.width)
    for c, spec in enumerate(inputs, len(LOCKED_COLUMNS) + 1):
        ws.write_string(HEADER_ROW, c, spec.header, formats["head_input"])
        ws.set_column(c, c, spec.width)
        if spec.hint:
            ws.write_comment(HEADER_ROW, c, spec.hint, {"x_scale": 1.5})
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(HEADER_ROW + 1, 4)


def _write_input(ws, formats, r: int, c: int, spec, value) -> None:
    if spec.kind in ("money", "pct"):
        if isinstance(value, Decimal):
            ws.write_number(r, c, float(value), formats["input_money"])
        else:
            ws.write_blank(r, c, None, formats["input_money"])
    elif spec.kind == "date":
        if isinstance(value, date):
            ws.write_datetime(
                r, c, datetime(value.year, value.month, value.day), formats["input_date"]
            )
        else:
            ws.write_blank(r, c, None, formats["input_date"])
    elif spec.kind == "choice":
        from services.fields import FIELDS

        text = FIELDS["status"].to_text(value) if value else ""
        ws.write_string(r, c, text, formats["input"])
    else:
        ws.write_string(r, c, "" if value is None else str(value), formats["input"])


def _validate_inputs(ws, inputs, first: int, last: int) -> None:
    """Excel/WPS refuse a wrong value while the unit types it; collect checks again anyway."""
    for c, spec in enumerate(inputs, len(LOCKED_COLUMNS) + 1):
        rule: dict
        if spec.kind == "money":
            rule = {
                "validate": "decimal",
                "criteria": ">=",
                "value": 0,
                "error_message": "请填写不小于 0 的金额（万元，两位小数）",
            }
        elif spec.kind == "pct":
            rule = {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0,
                "maximum": 100,
                "error_message": "请填写 0–100 之间的数字",
            }
        elif spec.kind == "choice":
            rule = {"validate": "list", "source": list(STATUS_CHOICES)}
        elif spec.kind == "date":
            rule = {
                "validate": "date",
                "criteria": "between",
                "minimum": date(1990, 1, 1),
                "maximum": date(2100, 12, 31),
                "error_message": "请填写日期，如 2023-04-10",
            }
        else:
            rule = {"validate": "length", "criteria": "<=", "value": 2000}
        rule.setdefault("error_title", spec.header)
        if spec.hint:
            rule.setdefault("input_title", spec.header[:32])
            rule.setdefault("input_message", spec.hint[:255])
        ws.data_validation(first, c, last, c, rule)


def _spare_rows(ws, formats, first: int, last_col: int) -> None:
    ws.write_string(first, 1, SPARE_LABEL, formats["spare_label"])
    for r in range(first + 1, first + 1 + SPARE_ROWS):
        for c in range(1, last_col + 1):
            ws.write_blank(r, c, None, formats["spare"])


def _print_setup(ws, info: RoundInfo, sheet: UnitSheet, last_col: int) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)  # all columns on one page width, as many pages down as needed
    ws.repeat_rows(HEADER_ROW)
    ws.print_area(0, 1, HEADER_ROW + len(sheet.rows), last_col)
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.set_header(f"&L{sheet.unit}&R{info.name}")


def _write_meta(book, info: RoundInfo, sheet: UnitSheet, rows_meta, checksum: str) -> None:
    meta = book.add_worksheet(META_SHEET)
    pairs = [
        ("format", FORMAT_TAG),
        ("plan_id", info.plan_id),
        ("plan", info.plan_title),
        ("round_id", info.round_id),
        ("round", info.name),
        ("period", info.period),
        ("unit_id", sheet.unit_id),
        ("unit", sheet.unit),
        ("fields", ",".join(info.fields)),
        ("deadline", info.deadline.isoformat() if info.deadline else ""),
        ("checksum", checksum),
        ("rows", len(rows_meta)),
    ]
    meta.write_string(0, 0, "GreenLedger 填报表核对信息（请勿修改） — return sheet check data")
    for r, (key, value) in enumerate(pairs, 1):
        meta.write_string(r, 0, key)
        meta.write_string(r, 1, str(value))
    meta.write_string(META_ROWS_START - 1, 0, ID_HEADER)
    meta.write_string(META_ROWS_START - 1, 1, "row_hash")
    for r, (pid, digest) in enumerate(rows_meta, META_ROWS_START):
        meta.write_number(r, 0, pid)
        meta.write_string(r, 1, digest)
    meta.protect("")
    meta.very_hidden()
