"""The official layout (附件1 工程项目表, 附件2 问题排查汇总表) as an .xlsx for 公文 attachments.

Layout: "附件1" line, merged title, "单位：万元" line; per section a merged section row and the
header row; 序号 as stored (equal neighbours merged, so a re-import gives the same labels, and
numbered 1… per section where a label is missing); consecutive equal 项目类型 merged vertically;
wrapped text, thin borders, widths for A4 landscape, header row repeated on every printed page,
fit to one page wide; money as numbers with format 0.00; optional 小计 per section and 合计.

Written with xlsxwriter in constant_memory mode (rows stream to disk; 100k projects in flat
memory) — measured faster than openpyxl write_only (see benchmarks/bench_import_export.py).
Vertical merges are registered after their rows are written because constant_memory flushes a
row as soon as a later one is touched. Text is always written as text (never formulas).
Headless: never import Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from sqlalchemy.orm import Session

from exports.rows import ExportRow, count_projects, iter_rows, rectification_rows
from exports.safety import atomic_output, is_risky
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
# Never turn text into numbers, formulas or links: what the ledger holds is what is written.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}
MONEY_COL = 5


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

        self.attachment = book.add_format({"font_name": "黑体", "font_size": 12})
        self.title = book.add_format(
            {"font_name": "方正小标宋简体", "font_size": 18, "align": "center", "valign": "vcenter"}
        )
        self.unit = book.add_format({"font_name": "宋体", "font_size": 10, "align": "right"})
        self.section = fmt(bold=True, align="left", font_name="黑体")
        self.header = fmt(bold=True, align="center", font_name="黑体")
        self.center = fmt(align="center")
        self.text = fmt(align="left")
        self.text_quoted = fmt(align="left", quote_prefix=True)
        self.center_quoted = fmt(align="center", quote_prefix=True)
        self.number = fmt(align="center", num_format="0")
        self.money = fmt(align="right", num_format="0.00")
        self.total_label = fmt(bold=True, align="center")
        self.total_money = fmt(bold=True, align="right", num_format="0.00")


def _merge_later(sheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    # constant_memory has already flushed the rows; the merge list is written at close.
    sheet.merge.append([first_row, first_col, last_row, last_col])


class _Writer:
    """Writes one row at a time; runs of equal 序号/项目类型 are merged when they end."""

    def __init__(self, sheet, formats: _Formats) -> None:
        self.sheet, self.f = sheet, formats
        self.row = 0
        self.runs: dict[int, tuple[int, str]] = {}  # col → (first row, value)

    def text(self, row: int, col: int, value: str | None, centered: bool = False) -> None:
        value = value or ""
        if is_risky(value):
            fmt = self.f.center_quoted if centered else self.f.text_quoted
        else:
            fmt = self.f.center if centered else self.f.text
        if value:
            self.sheet.write_string(row, col, value, fmt)
        else:
            self.sheet.write_blank(row, col, None, fmt)

    def close_runs(self) -> None:
        for col, (first, _value) in self.runs.items():
            if self.row - 1 > first:
                _merge_later(self.sheet, first, col, self.row - 1, col)
        self.runs.clear()

    def run_cell(self, col: int, value: str | None, centered: bool) -> None:
        """Write a cell that merges with the cell above when both hold the same value."""
        current = self.runs.get(col)
        if value and current is not None and current[1] == value:
            self.sheet.write_blank(self.row, col, None, self.f.center if centered else self.f.text)
            return
        if current is not None and self.row - 1 > current[0]:
            _merge_later(self.sheet, current[0], col, self.row - 1, col)
        self.runs.pop(col, None)
        self.text(self.row, col, value, centered)
        if value:
            self.runs[col] = (self.row, value)

    def full_width(self, value: str, fmt) -> None:
        self.sheet.merge_range(self.row, 0, self.row, COLS - 1, value, fmt)
        self.row += 1


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


def _write_projects(state, session, book, formats, plan, flt, total, options) -> None:
    sheet = book.add_worksheet("附件1 工程项目表")
    # The first header row is at index 4 (附件1, title, 单位, first section): printed on every page.
    _setup_page(sheet, WIDTHS, 4)
    w = _Writer(sheet, formats)
    sheet.write_string(0, 0, "附件1", formats.attachment)
    w.row = 1
    sheet.set_row(1, 36)
    w.full_width(options.title or plan.notes or plan.title, formats.title)
    w.full_width("单位：万元", formats.unit)
    section_id = None
    section_name = ""
    counter = 0
    section_sum = grand = Decimal("0.00")
    for done, row in enumerate(iter_rows(session, flt)):
        if done % 1000 == 0:
            state.progress(done, total, "导出 (exporting)")
        if row.section_id != section_id:
            w.close_runs()
            if section_id is not None and options.subtotals:
                _total_row(w, "小计", section_sum)
            section_id, section_name, counter, section_sum = (
                row.section_id,
                row.section,
                0,
                Decimal("0.00"),
            )
            w.full_width(section_name, formats.section)
            for col, title in enumerate(HEADERS):
                sheet.write_string(w.row, col, title, formats.header)
            w.row += 1
        counter += 1
        _project_row(w, row, counter)
        if row.planned_investment_wan is not None:
            section_sum += row.planned_investment_wan
            grand += row.planned_investment_wan
        w.row += 1
    w.close_runs()
    if section_id is not None and options.subtotals:
        _total_row(w, "小计", section_sum)
    if options.grand_total:
        _total_row(w, "合计", grand)
    state.progress(total, total, "")


def _project_row(w: _Writer, row: ExportRow, counter: int) -> None:
    f, sheet, r = w.f, w.sheet, w.row
    w.run_cell(0, row.seq_label or str(counter), centered=True)
    w.run_cell(1, row.project_type, centered=True)
    w.text(r, 2, row.name)
    w.text(r, 3, row.content)
    if row.quantity is None:
        sheet.write_blank(r, 4, None, f.number)
    else:
        sheet.write_number(r, 4, row.quantity, f.number)
    if row.planned_investment_wan is None:
        sheet.write_string(r, MONEY_COL, "/", f.center)
    else:
        sheet.write_number(r, MONEY_COL, row.planned_investment_wan, f.money)
    w.text(r, 6, row.period, centered=True)
    w.text(r, 7, row.owners_text)


def _total_row(w: _Writer, label: str, amount: Decimal) -> None:
    w.sheet.merge_range(w.row, 0, w.row, MONEY_COL - 1, label, w.f.total_label)
    w.sheet.write_number(w.row, MONEY_COL, amount, w.f.total_money)
    for col in range(MONEY_COL + 1, COLS):
        w.sheet.write_blank(w.row, col, None, w.f.text)
    w.row += 1


def _write_rectifications(session, book, formats: _Formats, plan: Plan) -> None:
    items = rectification_rows(session, plan.id)
    if not items:
        return
    sheet = book.add_worksheet("附件2 问题排查汇总表")
    _setup_page(sheet, RECT_WIDTHS, 2)
    sheet.write_string(0, 0, "附件2", formats.attachment)
    sheet.merge_range(1, 0, 1, 3, f"{plan.title}问题排查汇总表", formats.title)
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
    w = _Writer(sheet, formats)
    for (seq, category), members in groups:
        first = row
        for index, item in enumerate(members):
            if index == 0:
                w.text(row, 0, seq, centered=True)
                w.text(row, 1, category)
            else:
                sheet.write_blank(row, 0, None, formats.center)
                sheet.write_blank(row, 1, None, formats.text)
            w.text(row, 2, item.description)
            w.text(row, 3, item.towns_text)
            row += 1
        if row - 1 > first:
            _merge_later(sheet, first, 0, row - 1, 0)
            _merge_later(sheet, first, 1, row - 1, 1)
