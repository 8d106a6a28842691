"""What a table looks like: its columns and their header synonyms, and what reading one gives.

A `TableSchema` lists a kind of table's columns (`ColumnSpec`: key, header synonyms, money,
merged-cell behaviour); `match_header` maps one row's cells to those keys (exact, then prefix,
then suffix match of the normalized header text). importers.table finds the header row with it,
importers.table_body reads the rows below into the `TableBlock` declared here. Headless and
side-effect free.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from importers.issues import ImportIssue, column_letter

_UNIT_IN_HEADER = re.compile(r"[(（\[【]\s*(万元|亿元|千元|元)\s*[)）\]】]")
# "(一)…", "一、…", "第一部分": a section label (of a section row, or a table's preamble).
SECTION = re.compile(
    r"^(?:[(（]\s*[一二三四五六七八九十百]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]"
    r"|第[一二三四五六七八九十百]+[部分章节篇])"
)
NUMBER = re.compile(r"^[\d.,]+$")


@dataclass(frozen=True)
class ColumnSpec:
    """One logical column: its key, the header texts that name it, and how it behaves."""

    key: str
    synonyms: tuple[str, ...]
    required: bool = False
    money: bool = False  # a 万元 amount: the table's unit applies, merged cells are not copied
    fill_merged: bool = True  # vertically merged cells copy their value to every row they span


@dataclass(frozen=True)
class TableSchema:
    """A kind of table (projects, rectifications, progress returns, key tasks…)."""

    kind: str
    columns: tuple[ColumnSpec, ...]
    record_key: str  # a row is a record only if this column has a value (own or carried)
    group_key: str | None = None  # blank here = the row continues the group above
    group_carry: tuple[str, ...] = ()  # inherited by continuation rows when blank
    min_matches: int = 3

    def spec(self, key: str) -> ColumnSpec:
        return next(c for c in self.columns if c.key == key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


@dataclass(slots=True)
class TableRecord:
    row: int  # 1-based sheet row
    section: str | None
    values: dict[str, str]
    carried: set[str] = field(default_factory=set)  # keys whose value came from above


@dataclass
class TotalLine:
    row: int
    kind: str  # "小计" / "合计" / "总计"
    label: str
    section: str | None  # the section a 小计 closes; None for 合计/总计
    values: dict[str, str]


@dataclass
class TableBlock:
    sheet: str
    schema: TableSchema
    header_row: int  # 1-based
    columns: dict[str, int]  # key → 0-based column
    headers: dict[str, str]  # key → header text as printed
    signature: str  # identifies this header layout (remembered column mappings)
    raw_headers: list[str]
    example_row: list[str] = field(default_factory=list)  # first data row, for previews
    unit_label: str = "万元"
    unit_scale: Decimal = Decimal(1)
    attachment: str | None = None  # "附件1"
    title: str | None = None
    sections: list[str] = field(default_factory=list)
    records: list[TableRecord] = field(default_factory=list)
    totals: list[TotalLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)

    def locate(self, key: str) -> tuple[str | None, str | None]:
        """(column letter, header text) of a key, for located errors."""
        if key not in self.columns:
            return None, None
        return column_letter(self.columns[key]), self.headers.get(key)


def normalize_header(text: str) -> str:
    """NFKC, no spaces/line breaks/asterisks, unit parenthesis removed: "计划投资\\n（万元）" → "计划投资"."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"[\s*＊]+", "", text)
    return _UNIT_IN_HEADER.sub("", text)


def header_unit(text: str) -> str | None:
    match = _UNIT_IN_HEADER.search(unicodedata.normalize("NFKC", text or "").replace(" ", ""))
    return match.group(1) if match else None


def header_signature(cells: list[str]) -> str:
    return "|".join(normalize_header(c) for c in cells).rstrip("|")


def match_header(cells: list[str], schema: TableSchema) -> dict[str, int]:
    """key → column for the cells of one candidate header row (exact, then prefix, then suffix)."""
    normalized = [normalize_header(c) for c in cells]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for level in range(3):
        for spec in schema.columns:
            if spec.key in found:
                continue
            for col, text in enumerate(normalized):
                if col in taken or not text:
                    continue
                if any(_matches(text, syn, level) for syn in spec.synonyms):
                    found[spec.key] = col
                    taken.add(col)
                    break
    return found


def _matches(text: str, synonym: str, level: int) -> bool:
    syn = normalize_header(synonym)
    if level == 0:
        return text == syn
    if len(syn) < 2 or len(text) > len(syn) + 12:
        return False
    return text.startswith(syn) if level == 1 else text.endswith(syn)


def is_header(mapping: dict[str, int], schema: TableSchema) -> bool:
    required = all(c.key in mapping for c in schema.columns if c.required)
    return required and schema.record_key in mapping and len(mapping) >= schema.min_matches
