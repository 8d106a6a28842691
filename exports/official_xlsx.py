"""The official layout (附件1 工程项目表, 附件2 问题排查汇总表) as an .xlsx for 公文 attachments.

Layout: "附件1" line, merged title, "单位：万元" line; per section a merged section row and the
header row; 序号 as stored (equal neighbours merged, so a re-import gives the same labels, and
numbered 1… per section where a label is missing; numeric labels written as numbers); consecutive equal 项目类型 merged vertically;
wrapped text with each row as tall as its longest cell needs (estimated from the text's width
per column: no spreadsheet grows rows a library writes), thin borders, widths for A4 landscape, header row repeated on every printed page,
fit to one page wide; money as numbers with format 0.00; optional 小计 per section and 合计.

Written with xlsxwriter in constant_memory mode (rows stream to disk; 100k projects in flat
memory) — measured faster than openpyxl write_only (see benchmarks/bench_import_export.py).
Vertical merges are registered after their rows are written because constant_memory flushes a
row as soon as a later one is touched. Text is always written as text (never formulas).
The project loop is the hot path (100k projects within 1.5× of a bare xlsxwriter write of the
same cells): plain tuples from SQL, money in integer hundredths, pre-resolved formats and direct
write_* calls per cell. Headless: never import Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from sqlalchemy.orm import Session

from exports.rows import count_projects, official_batches, rectification_rows
from exports.safety import FORMULA_STARTS, atomic_output, is_risky
from models import Plan
from services.query import ProjectFilter
from services.tasks import TaskState

HEADERS = [
    "序号",
    "项目类型",
    "工程项目名称",
    "主要建设内容",
    "项目数量",
    "计划投资\n(万元)",
    "建设期限",
    "责任部门/建设主体",
]
WIDTHS = [6, 16, 22, 46, 8, 11, 10, 26]
RECT_HEADERS = ["序号", "问题类别", "内容描述", "所属镇(街道)"]
RECT_WIDTHS = [6, 30, 60, 24]
COLS = len(HEADERS)
# Never turn text into numbers, formulas or links: what the ledger holds is what is written.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}
MONEY_COL = 5
# Row heights: Excel, WPS and LibreOffice do not grow a row for wrapped text written by a library,
# so long 建设内容 ran over the next row. Each row gets the height its longest cell needs.
LINE_POINTS = 13.5  # one line of 10 pt 宋体
ROW_PADDING = 3.0
MIN_ROW_POINTS = 15.0
WIDE_UNITS = 2  # a CJK character is about two column-width units (one "0") wide


def text_lines(text: str | None, width: float) -> int:
    """Lines `text` wraps to in a column `width` units wide (an estimate; never below 1).

    Counted from the UTF-8 length so the hot loop stays in C: a CJK character takes three bytes
    and two units, an ASCII one a byte and a unit.
    """
    if not text:
        return 1
    characters = len(text)
    wide = (len(text.encode("utf-8")) - characters) // 2
    units = characters + wide * (WIDE_UNITS - 1)
    capacity = max(1.0, width - 1)  # the cell's own margins
    breaks = text.count("\n")
    return breaks + max(1, -int(-units // capacity))


def row_points(lines: int) -> float:
    return max(MIN_ROW_POINTS, lines * LINE_POINTS + ROW_PADDING)


@dataclass(frozen=True)
class OfficialOptions:
    subtotals: bool = False  # a 小计 row closing each section
    grand_total: bool = True  # a 合计 row at the end
    rectifications: bool = True  # 附件2 when the plan has any
    title: str | None = None  # default: the plan's table title


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter", "text_wrap": True}
        cell = {**base, "border": 1}

        def fmt(**extra):
            return book.add_format({**cell, **extra})

        # Every text cell is quote-prefixed like the table's own cells: typed text, never a formula.
        self.attachment = book.add_format(
            {"font_name": "黑体", "font_size": 12, "quote_prefix": True}
        )
        self.title = book.add_format(
            {
                "font_name": "方正小标宋简体",
                "font_size": 18,
                "align": "center",
                "valign": "vcenter",
                "quote_prefix": True,
            }
        )
        self.unit = book.add_format(
            {"font_name": "宋体", "font_size": 10, "align": "right", "quote_prefix": True}
        )
        self.section = fmt(bold=True, align="left", font_name="黑体", quote_prefix=True)
        self.header = fmt(bold=True, align="center", font_name="黑体")
        self.center = fmt(align="center")
        self.text = fmt(align="left")
        self.text_quoted = fmt(align="left", quote_prefix=True)
        self.center_quoted = fmt(align="center", quote_prefix=True)
        self.number = fmt(align="center", num_format="0")
        self.sequence = fmt(align="center", num_format="0")
        self.money = fmt(align="right", num_format="0.00")
        self.total_label = fmt(bold=True, align="center", quote_prefix=True)
        self.total_money = fmt(bold=True, align="right", num_format="0.00")


def _merge_later(sheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    # constant_memory has already flushed the rows; the merge list is written at close.
    sheet.merge.append([first_row, first_col, last_row, last_col])


def _text(sheet, f: _Formats, row: int, col: int, value: str | None, centered=False) -> None:
    """A text cell (blank but bordered when empty); quote-prefixed when it looks like a formula."""
    if not value:
        sheet.write_blank(row, col, None, f.center if centered else f.text)
    elif is_risky(value):
        sheet.write_string(row, col, value, f.center_quoted if centered else f.text_quoted)
    else:
        sheet.write_string(row, col, value, f.center if centered else f.text)


class _Run:
    """Equal consecutive values down one column (序号, 项目类型): merged when the run ends."""

    __slots__ = ("col", "first", "sheet", "value")

    def __init__(self, sheet, col: int) -> None:
        self.sheet, self.col = sheet, col
        self.first = 0
        self.value: str | None = None  # None: no run open

    def end(self, next_row: int) -> None:
        if self.value is not None and next_row - 1 > self.first:
            _merge_later(self.sheet, self.first, self.col, next_row - 1, self.col)
        self.value = None

    def restart(self, row: int, value: str | None) -> None:
        """End the open run before `row`; an empty value opens none (blanks never merge)."""
        self.end(row)
        self.first, self.value = row, value or None


def export_official(
    state: TaskState,
    session: Session,
    plan_id: int,
    out: Path | str,
    *,
    flt: ProjectFilter | None = None,
    options: OfficialOptions = OfficialOptions(),
) -> int:
    """Write the plan (or the filtered part of it) in the official layout. Returns the row count."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise ValueError(f"no such plan: {plan_id}")
    flt = flt or ProjectFilter(plan_id=plan_id)
    total = count_projects(session, flt)
    with atomic_output(out) as temp:
        book = xlsxwriter.Workbook(str(temp), WORKBOOK_OPTIONS)
        try:
            formats = _Formats(book)
            _write_projects(state, session, book, formats, plan, flt, total, options)
            if options.rectifications:
                _write_rectifications(session, book, formats, plan)
        finally:
            book.close()
        state.check()  # a cancel keeps the previous file: the temporary one is discarded
    return total


def _setup_page(sheet, widths: list[int], header_row: int) -> None:
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(header_row)
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&C— &P —")


def _merged_text(sheet, first_row, first_col, last_row, last_col, value: str, fmt) -> None:
    """A merged cell holding text as text: merge_range alone would write "=…" as a formula."""
    sheet.merge_range(first_row, first_col, last_row, last_col, "", fmt)
    sheet.write_string(first_row, first_col, value, fmt)


def _full_width(sheet, row: int, value: str, fmt) -> int:
    _merged_text(sheet, row, 0, row, COLS - 1, value, fmt)
    return row + 1


def _write_projects(state, session, book, f: _Formats, plan, flt, total, options) -> None:
    sheet = book.add_worksheet("附件1 工程项目表")
    table = _ProjectTable(sheet, f, _sheet_head(sheet, f, plan, options), options)
    done = 0
    for batch in official_batches(session, flt):
        state.progress(done, total, "导出 (exporting)")
        done += len(batch)
        table.write_batch(batch)
    table.finish()
    state.progress(total, total, "")


def _sheet_head(sheet, f: _Formats, plan, options) -> int:
    """附件1, the merged title and 单位; returns the next row."""
    # The first header row is at index 4 (附件1, title, 单位, first section): printed on every page.
    _setup_page(sheet, WIDTHS, 4)
    sheet.write_string(0, 0, "附件1", f.attachment)
    sheet.set_row(1, 36)
    r = _full_width(sheet, 1, options.title or plan.notes or plan.title, f.title)
    return _full_width(sheet, r, "单位：万元", f.unit)


def _period_text(start: int | None, end: int | None) -> str | None:
    """建设期限 from years (1990–2100 by constraint): digits, never formula-like."""
    if start is None:
        return None if end is None else str(end)
    if end is None or end == start:
        return str(start)
    return f"{start}-{end}"


class _ProjectTable:
    """附件1's body: per section a section row and the header row, the project rows (序号 and
    项目类型 runs merged), 小计 per section and 合计; money summed in integer hundredths."""

    def __init__(self, sheet, f: _Formats, row: int, options) -> None:
        self.sheet, self.f, self.row, self.options = sheet, f, row, options
        self.seq_run, self.type_run = _Run(sheet, 0), _Run(sheet, 1)
        self.section_id: int | None = None
        self.counter = 0
        self.section_sum = self.grand = 0  # integer hundredths of 万元: exact

    def _close_section(self) -> None:
        self.seq_run.end(self.row)
        self.type_run.end(self.row)
        if self.section_id is not None and self.options.subtotals:
            self.row = _total_row(self.sheet, self.f, self.row, "小计", self.section_sum)

    def _open_section(self, section_id: int, name: str) -> None:
        self._close_section()
        self.section_id, self.counter, self.section_sum = section_id, 0, 0
        r = _full_width(self.sheet, self.row, name, self.f.section)
        for col, title in enumerate(HEADERS):
            self.sheet.write_string(r, col, title, self.f.header)
        self.row = r + 1

    def finish(self) -> None:
        self._close_section()
        if self.options.grand_total:
            _total_row(self.sheet, self.f, self.row, "合计", self.grand)

    def _write_sequence(self, r: int, label: str) -> None:
        # A value equal to the one above continues its run (a blank cell, merged later);
        # anything else ends the run and starts the next.
        f = self.f
        if label == self.seq_run.value:
            self.sheet.write_blank(r, 0, None, f.center)
            return
        self.seq_run.restart(r, label)
        if label.isdigit() and len(label) < 10:
            self.sheet.write_number(r, 0, int(label), f.sequence)  # a number, as offices type it
        else:
            quoted = label.startswith(FORMULA_STARTS)
            self.sheet.write_string(r, 0, label, f.center_quoted if quoted else f.center)

    def _write_type(self, r: int, ptype: str | None) -> None:
        f = self.f
        if ptype and ptype == self.type_run.value:
            self.sheet.write_blank(r, 1, None, f.center)
            return
        self.type_run.restart(r, ptype)
        if ptype:
            quoted = ptype.startswith(FORMULA_STARTS)
            self.sheet.write_string(r, 1, ptype, f.center_quoted if quoted else f.center)
        else:
            self.sheet.write_blank(r, 1, None, f.center)

    def write_batch(self, batch: list[tuple]) -> None:
        # The hot loop: writers and formats in locals, one write call per cell. (xlsxwriter's
        # private undecorated writers would save another ~0.3 s per 100k projects; not worth
        # depending on internals that a release may change.)
        sheet, f = self.sheet, self.f
        write_string, write_number = sheet.write_string, sheet.write_number
        write_blank, set_row = sheet.write_blank, sheet.set_row
        text, text_q, center, number, money = f.text, f.text_quoted, f.center, f.number, f.money
        risky = FORMULA_STARTS
        w_type, w_name, w_content, w_owners = WIDTHS[1], WIDTHS[2], WIDTHS[3], WIDTHS[7]

        def text_cell(r: int, col: int, value: str | None) -> None:
            # Left-aligned text, quote-prefixed when it looks like a formula; blank when empty.
            if value:
                write_string(r, col, value, text_q if value.startswith(risky) else text)
            else:
                write_blank(r, col, None, text)

        r = self.row
        for index, row in enumerate(batch):
            sid, section_name, seq, ptype, name, content, quantity, cents, start, end, owners = row
            if sid != self.section_id:
                self.row = r
                self._open_section(sid, section_name)
                r = self.row
            self.counter += 1
            self._write_sequence(r, seq or str(self.counter))
            lines = max(
                text_lines(name, w_name),
                text_lines(content, w_content),
                text_lines(owners, w_owners),
            )
            # 项目类型 is merged over the rows that share it: it needs its own lines only
            # when it stands alone (the next row of the batch has another type).
            following = batch[index + 1][3] if index + 1 < len(batch) else None
            if ptype and ptype != self.type_run.value and ptype != following:
                lines = max(lines, text_lines(ptype, w_type))
            if lines > 1:
                set_row(r, row_points(lines))
            self._write_type(r, ptype)
            text_cell(r, 2, name)
            text_cell(r, 3, content)
            if quantity is None:
                write_blank(r, 4, None, number)
            else:
                write_number(r, 4, quantity, number)
            if cents is None:
                write_string(r, MONEY_COL, "/", center)
            else:
                # Exact: int / 100 is the double nearest the 2-place value (as Excel would parse
                # "82887.54"), and xlsxwriter's 16 digits parse back to that same double.
                write_number(r, MONEY_COL, cents / 100, money)
                self.section_sum += cents
                self.grand += cents
            period = _period_text(start, end)
            if period is None:
                write_blank(r, 6, None, center)
            else:
                write_string(r, 6, period, center)
            text_cell(r, 7, owners)
            r += 1
        self.row = r


def _total_row(sheet, f: _Formats, row: int, label: str, cents: int) -> int:
    _merged_text(sheet, row, 0, row, MONEY_COL - 1, label, f.total_label)
    sheet.write_number(row, MONEY_COL, cents / 100, f.total_money)
    for col in range(MONEY_COL + 1, COLS):
        sheet.write_blank(row, col, None, f.text)
    return row + 1


def _write_rectifications(session, book, formats: _Formats, plan: Plan) -> None:
    items = rectification_rows(session, plan.id)
    if not items:
        return
    sheet = book.add_worksheet("附件2 问题排查汇总表")
    _setup_page(sheet, RECT_WIDTHS, 2)
    sheet.write_string(0, 0, "附件2", formats.attachment)
    title = plan.rectifications_title or f"{plan.title}问题排查汇总表"
    _merged_text(sheet, 1, 0, 1, 3, title, formats.title)
    sheet.set_row(1, 36)
    for col, title in enumerate(RECT_HEADERS):
        sheet.write_string(2, col, title, formats.header)
    row = 3
    # Consecutive items sharing 序号 and 问题类别 print as one merged group, as in the original.
    groups: list[list] = []
    for counter, item in enumerate(items, start=1):
        key = (item.seq_label or str(counter), item.category or "")
        if groups and groups[-1][0] == key and key[1]:
            groups[-1][1].append(item)
        else:
            groups.append([key, [item]])
    for (seq, category), members in groups:
        first = row
        for index, item in enumerate(members):
            if index == 0:
                if seq.isdigit() and len(seq) < 10:
                    sheet.write_number(row, 0, int(seq), formats.sequence)
                else:
                    _text(sheet, formats, row, 0, seq, centered=True)
                _text(sheet, formats, row, 1, category)
            else:
                sheet.write_blank(row, 0, None, formats.center)
                sheet.write_blank(row, 1, None, formats.text)
            _text(sheet, formats, row, 2, item.description)
            _text(sheet, formats, row, 3, item.towns_text)
            lines = max(
                text_lines(item.description, RECT_WIDTHS[2]),
                text_lines(item.towns_text, RECT_WIDTHS[3]),
                # 问题类别 is merged over its group: on one row it needs its own lines.
                text_lines(category, RECT_WIDTHS[1]) if len(members) == 1 else 1,
            )
            if lines > 1:
                sheet.set_row(row, row_points(lines))
            row += 1
        if row - 1 > first:
            _merge_later(sheet, first, 0, row - 1, 0)
            _merge_later(sheet, first, 1, row - 1, 1)
