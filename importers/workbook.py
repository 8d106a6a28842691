"""Reading a spreadsheet or CSV file into plain grids of text, with its merged ranges (the
cell-level reading; importers.reader.read_file adds the safety checks and the reader process).

python-calamine reads .xlsx/.xlsm/.xls/.ods (cached values only: formulas are never evaluated)
and reports merged ranges; CSV is decoded as UTF-8 (with or without BOM) or GB18030 (which
covers GBK/GB2312). Every cell becomes text exactly as a person reads it, so a single set of
parsers (services.parsing) handles spreadsheets and CSV alike. Never write anything here.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import cast

from exports.safety import csv_unescape
from importers.issues import ImportIssue

Merge = tuple[int, int, int, int]  # first_row, first_col, last_row, last_col (0-based, inclusive)


@dataclass
class SheetGrid:
    """One sheet: rows of trimmed cell text (ragged rows padded by its readers) and merges."""

    name: str
    rows: list[list[str]]
    merges: list[Merge] = field(default_factory=list)


class ReadError(Exception):
    """The file cannot be read at all; `issues` say why (located at file level)."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues))


def cell_text(value: object) -> str:
    """A cell as the user sees it: 700.0 → "700", 1250.03 → "1250.03", dates as 2023年5月1日."""
    if value is None:
        return ""
    kind = value.__class__
    # Exact class checks (faster than isinstance on millions of cells); cast says what they found.
    if kind is str:
        return cast(str, value)
    if kind is float:
        number = cast(float, value)
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        # Excel shows 15 significant digits; binary noise below that is not the user's value.
        return format(number, ".15g")
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is int:
        return str(value)
    if kind is datetime or kind is date:
        day = cast(date, value)
        return f"{day.year}年{day.month}月{day.day}日"
    if kind is time or kind is timedelta:
        return str(value)
    return str(value)


def read_workbook(path: Path) -> list[SheetGrid]:
    return [SheetGrid(name, text_rows(raw), merges) for name, raw, merges in read_sheets(path)]


RawSheet = tuple[str, list[list], list[Merge]]  # name, calamine's values, merged ranges


def read_sheets(path: Path) -> list[RawSheet]:
    """Every sheet's cells as calamine gives them (text_rows makes them text)."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise ReadError([_open_issue(path, exc)]) from None
    sheets = []
    # calamine reports merged ranges for xlsx/xls only; .ods merges come from content.xml.
    ods = _ods_merges(path) if path.suffix.lower() == ".ods" else {}
    with book:
        for name in book.sheet_names:
            try:
                sheet = book.get_sheet_by_name(name)
                raw = sheet.to_python(skip_empty_area=False)
                merges = sheet.merged_cell_ranges or []
            except Exception as exc:
                raise ReadError(
                    [
                        ImportIssue(
                            name,
                            None,
                            None,
                            None,
                            None,
                            f"工作表无法读取 (unreadable sheet): {exc}",
                        )
                    ]
                ) from None
            found = [(a[0], a[1], b[0], b[1]) for a, b in merges] or ods.get(name, [])
            sheets.append((name, raw, found))
    return sheets


def text_rows(raw: list[list]) -> list[list[str]]:
    """Rows of calamine values as trimmed text: everything downstream compares trimmed text."""
    return [[v.strip() if v.__class__ is str else cell_text(v) for v in row] for row in raw]


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_merges(path: Path) -> dict[str, list[Merge]]:
    """Merged ranges of every sheet of an .ods, from content.xml (parsed with defusedxml).

    Repeated rows/columns (LibreOffice writes a million empty rows as one element) are counted,
    never expanded, and elements are cleared as they end, so memory stays flat.
    """
    from defusedxml.ElementTree import iterparse

    t = _ODS_TABLE
    cell_tags = (t + "table-cell", t + "covered-table-cell")
    merges: dict[str, list[Merge]] = {}
    sheet, row, col = "", -1, 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            for event, element in iterparse(content, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == t + "table":
                        sheet, row = element.get(t + "name", ""), -1
                        merges[sheet] = []
                    elif tag == t + "table-row":
                        row, col = row + 1, 0
                    elif tag in cell_tags:
                        rows = int(element.get(t + "number-rows-spanned", "1"))
                        cols = int(element.get(t + "number-columns-spanned", "1"))
                        if tag == cell_tags[0] and (rows > 1 or cols > 1):
                            merges[sheet].append((row, col, row + rows - 1, col + cols - 1))
                        col += int(element.get(t + "number-columns-repeated", "1"))
                else:
                    if tag == t + "table-row":
                        row += int(element.get(t + "number-rows-repeated", "1")) - 1
                    if tag in cell_tags or tag == t + "table-row":
                        element.clear()
    except (KeyError, ValueError, zipfile.BadZipFile, OSError):
        return {}
    except Exception:  # defusedxml refusing a DTD/entity, or malformed XML: no merges, no crash
        return {}
    return merges


def _open_issue(path: Path, exc: Exception) -> ImportIssue:
    text = str(exc)
    lowered = text.lower()
    if "password" in lowered or "encrypt" in lowered:
        reason = "工作簿有密码保护，请先取消密码 (password-protected workbook)"
    else:
        reason = f"文件已损坏或不是表格 (corrupt or not a workbook): {text[:200]}"
    return ImportIssue.file(path.name, reason)


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Text and the encoding used: UTF-8 BOM, then strict UTF-8, then GB18030 (⊃ GBK, GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"无法识别的文字编码 (unknown text encoding) at byte {exc.start}"
        ) from None


def read_csv(path: Path) -> SheetGrid:
    try:
        text, _encoding = decode_csv_bytes(path.read_bytes())
    except ValueError as exc:
        raise ReadError([ImportIssue.file(path.name, str(exc))]) from None
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        rows = [
            [csv_unescape(cell).strip() for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise ReadError(
            [ImportIssue.file(path.name, f"CSV 格式错误 (malformed CSV): {exc}")]
        ) from None
    return SheetGrid(path.stem, rows, [])
