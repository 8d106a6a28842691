"""How big a workbook's sheets really are, found by streaming their XML before any reader runs.

A 300-byte xlsx with one cell at XFD1048576 makes calamine allocate a 1,048,576 × 16,384 grid
(hundreds of GB) and abort the process. The sheet XML is decompressed in 1 MB chunks and
only the cell references are looked at, so a sheet of any declared size is measured in
constant memory; `check_bounds` turns what exceeds `ImportLimits` into located issues.
Never build the grid here: this must stay cheaper than the read it guards.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from importers.issues import ImportIssue
from importers.safety import ImportLimits

CHUNK = 1024 * 1024
# ` r="B12"` is a cell reference, ` r="12"` a row; `ref=` (merges, dimension) has no space before r.
_ROW_NUMBERS = re.compile(rb' r="[A-Za-z]*(\d+)"')
_WIDE_COLUMNS = re.compile(rb' r="([A-Za-z]{2,})\d')  # only columns past Z need working out
_OVERLAP = 64  # a reference cut by a chunk boundary is seen whole in the next window


def column_number(letters: bytes | str) -> int:
    """b"A" → 1, b"XFD" → 16384 (1-based, as spreadsheets count)."""
    number = 0
    for char in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        number = number * 26 + ord(char) - 64
    return number


def column_name(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetExtent:
    """The furthest row and column a sheet's cells reach (1-based; 0 = no cells)."""

    sheet: str
    rows: int = 0
    columns: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def check_bounds(path: Path, limits: ImportLimits) -> list[ImportIssue]:
    """Every sheet that is larger than the limits, as one located issue each."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            extents = xlsx_extents(path)
        elif suffix == ".ods":
            extents = ods_extents(path)
        else:
            return []  # .xls is bounded by its format (65,536 × 256); csv is read in Python
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError):
        return [ImportIssue.file(path.name, "文件已损坏 (corrupt zip container)")]
    issues = []
    for extent in extents:
        reason = over_limits(extent.rows, extent.columns, limits)
        if reason:
            issues.append(ImportIssue(extent.sheet, None, None, None, None, reason))
    return issues


def over_limits(rows: int, columns: int, limits: ImportLimits) -> str | None:
    """Why a sheet reaching `rows` × `columns` is refused, or None when it may be read."""
    far = f"{column_name(columns)}{rows}" if rows and columns else ""
    where = f"，最远的单元格 {far} (furthest cell {far})" if far else ""
    if rows > limits.max_rows:
        return (
            f"工作表有 {rows:,} 行，上限 {limits.max_rows:,} 行{where} "
            f"(sheet has {rows:,} rows, limit {limits.max_rows:,})"
        )
    if columns > limits.max_columns:
        return (
            f"工作表有 {columns:,} 列，上限 {limits.max_columns:,} 列{where} "
            f"(sheet has {columns:,} columns, limit {limits.max_columns:,})"
        )
    if rows * columns > limits.max_cells:
        return (
            f"工作表范围 {rows:,} 行 × {columns:,} 列超过 {limits.max_cells:,} 个单元格{where} "
            f"(sheet area over {limits.max_cells:,} cells)"
        )
    return None


def xlsx_extents(path: Path) -> list[SheetExtent]:
    with zipfile.ZipFile(path) as archive:
        names = _xlsx_sheet_names(archive)
        extents = []
        for entry in archive.infolist():
            part = PurePosixPath(entry.filename)
            if not (entry.filename.startswith("xl/worksheets/") and part.suffix == ".xml"):
                continue
            extent = SheetExtent(names.get(entry.filename, part.stem))
            with archive.open(entry) as stream:
                _scan_sheet(stream, extent)
            extents.append(extent)
    return extents


def _scan_sheet(stream, extent: SheetExtent) -> None:
    """The furthest cell, from its references (calamine sizes its grid by them, not by the
    <dimension> element, which may say anything)."""
    tail = b""
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return
        window = tail + chunk
        rows = _ROW_NUMBERS.findall(window)
        if rows:
            extent.rows = max(extent.rows, max(map(int, rows)))
        if extent.columns < 26:
            extent.columns = max(extent.columns, _single_letter_max(window, extent.columns))
        for letters in set(_WIDE_COLUMNS.findall(window)):
            extent.columns = max(extent.columns, column_number(letters))
        tail = window[-_OVERLAP:]


_BEYOND = [
    re.compile(rb' r="([%s-Z%s-z])\d' % (bytes([65 + n]), bytes([97 + n]))) for n in range(26)
]


def _single_letter_max(window: bytes, known: int) -> int:
    """The furthest column A–Z in `window`; only letters past `known` are matched (cheap)."""
    found = set(_BEYOND[known].findall(window))
    return max((column_number(c) for c in found), default=0)


def _xlsx_sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """worksheet part → the sheet's name as the user sees it (best effort: {} on odd files)."""
    from defusedxml.ElementTree import fromstring

    try:
        book = fromstring(archive.read("xl/workbook.xml"))
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # missing parts or refused XML: parts are then named by file
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    names = {}
    for element in book.iter():
        if element.tag.endswith("}sheet") or element.tag == "sheet":
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                names[targets[rid]] = element.get("name", "")
    return names


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def ods_extents(path: Path) -> list[SheetExtent]:
    """Rows and columns that hold something, with repeats counted (never expanded).

    LibreOffice writes the empty rest of a sheet as one row repeated a million times; only
    repeats of cells with a value or text reach the reader's grid, so only those count.
    """
    from defusedxml.ElementTree import iterparse

    t = _ODS_TABLE
    cell_tags = (t + "table-cell", t + "covered-table-cell")
    extents: list[SheetExtent] = []
    extent = None
    row = col = 0
    row_reach = 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == t + "table":
                    extent = SheetExtent(element.get(t + "name", ""))
                    extents.append(extent)
                    row = 0
                elif tag == t + "table-row":
                    col, row_reach = 0, 0
                continue
            if tag in cell_tags:
                repeat = int(element.get(t + "number-columns-repeated", "1"))
                if _ods_has_content(element):
                    row_reach = col + repeat
                col += repeat
                element.clear()
            elif tag == t + "table-row":
                repeat = int(element.get(t + "number-rows-repeated", "1"))
                if row_reach and extent is not None:
                    extent.rows = row + repeat
                    extent.columns = max(extent.columns, row_reach)
                row += repeat
                element.clear()
    return extents


def _ods_has_content(cell) -> bool:
    if cell.get(_ODS_OFFICE + "value-type") is not None:
        return True
    return len(cell) > 0
