"""Generic tolerant table reading: find a table's header by synonyms, walk its sections and rows.

Real tables are not at fixed positions. A `TableSchema` lists its columns with header synonyms;
`find_tables(grid, schemas)` locates the header row (title rows, "附件1" and "单位：万元" lines may
sit above it), maps columns, and walks the rows below:

* a section row (one filled cell, or a row merged across: "(一)加快推动绿色低碳发展",
  "一、改善空气质量行动重点项目") starts a section; a repeated header row is skipped;
* blank rows, and numbered template rows holding only a 序号, are skipped; "小计/合计/总计" rows
  (and a section row carrying its subtotal) become `TotalLine`s (cross-checked by the caller);
  "注：…" lines and sign-off lines ("填表人：…", "填报单位（盖章）：") are kept as notes;
* a vertically merged cell carries its value down to every row it spans (money and quantity
  excepted: a merged amount is counted once, with a warning); a row whose `group_key` cell
  (the name) is blank continues the row above: it inherits the name and the `group_carry`
  columns (序号, 类型) it leaves blank — with a warning when it has a 序号 of its own (an
  unmerged table, or a name left out). Any row with its own values is its own record.

The result is a `TableBlock` of `TableRecord`s (raw text per column key, with the row number
and section) that a domain importer (importers.projects, TRACK's importers.progress) turns
into typed values. Headless and side-effect free: never touch the database here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter

from importers.issues import WARNING, ImportIssue, column_letter
from importers.reader import SheetGrid
from services.parsing import UNIT_SCALES

_UNIT_IN_HEADER = re.compile(r"[(（\[【]\s*(万元|亿元|千元|元)\s*[)）\]】]")
_UNIT_LINE = re.compile(r"^(?:计量)?单位\s*[:：]\s*(万元|亿元|千元|元)")
_SECTION = re.compile(
    r"^(?:[(（]\s*[一二三四五六七八九十百]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]"
    r"|第[一二三四五六七八九十百]+[部分章节篇])"
)
# "附件1", "附件 1：", "附表2-1", "附件一": alone, or before the title in the same cell.
# (\d and \s also match full-width digits and spaces: the title keeps its own characters.)
# "表1" / "表 2-1" (a table number, not a title) likewise, but only with its number.
_ATTACHMENT = re.compile(
    r"^((?:附\s*[件表]\s*(?:[\d一二三四五六七八九十]+(?:\s*[-－—]\s*\d+)?)?"
    r"|表\s*[\d一二三四五六七八九十]+(?:\s*[-－—]\s*\d+)?))\s*(?:[:：]\s*|$)"
)
# "一" alone in the 序号 column with the section's name in the next cell, as published
# tables often write a section row.
_BARE_NUMERAL = re.compile(r"^[(（]?[一二三四五六七八九十百]+[)）、.．]?$")
_NOTE = re.compile(r"^(?:注|备注|说明|附注|填表说明|填报说明)\s*\d*\s*[:：]")
# Sign-off lines under a table: "填表人：张三  联系电话：0519-…", "填报单位（盖章）：", "审核人：".
# Matched on NFKC text without spaces. A person's role needs no colon ("填表人 张三"); other words
# need one, or nothing after them ("填报单位（盖章）").
_FOOTER = re.compile(
    r"^(?:(?:填表|填报|制表|审核|审批|复核|经办)人(?:\([^)]{0,6}\))?"
    r"|(?:联系人|负责人|单位负责人|分管领导|主要负责人|填报单位|填表单位|报送单位|联系电话|电话"
    r"|手机|填报日期|填表日期|制表日期|报送日期|日期|签字|签发|盖章)(?:\([^)]{0,6}\))?(?::|$))"
)
_FOOTER_START = frozenset("填制审复经联负单分主报电手日签盖")  # cheap test before the regex
# A bare 序号 ("5", "5.", "(5)", "①" → "1" after NFKC, "1-1"): a template row left blank.
_SEQ_LABEL = re.compile(r"^\(?\d{1,4}\)?[.、]?$|^\d{1,4}(?:[-.]\d{1,4})+$")
_PLACEHOLDER = re.compile(
    r"^(?:0+(?:\.0+)?|[/／\-—–－]+|无|暂无)$"
)  # no information in a blank row
_TOTAL_WORDS = ("小计", "合计", "总计")
_NUMBER = re.compile(r"^[\d.,]+$")
HEADER_SCAN_ROWS = 60


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


def _is_header(mapping: dict[str, int], schema: TableSchema) -> bool:
    required = all(c.key in mapping for c in schema.columns if c.required)
    return required and schema.record_key in mapping and len(mapping) >= schema.min_matches


def find_tables(
    grid: SheetGrid,
    schemas: list[TableSchema],
    overrides: dict[str, dict[int, str | None]] | None = None,
) -> list[TableBlock]:
    """Every table of the schemas found in a sheet (normally one, with repeated headers).

    `overrides` maps a header signature to {column: key or None}, the user's corrected mapping.
    """
    rows = grid.rows
    overrides = overrides or {}
    best: tuple[int, int, TableSchema, dict[str, int]] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        for schema in schemas:
            mapping = match_header(row, schema)
            signature = header_signature(row)
            if signature in overrides:
                mapping = _apply_override(mapping, overrides[signature], schema)
            if _is_header(mapping, schema) and (best is None or len(mapping) > best[0]):
                best = (len(mapping), index, schema, mapping)
        if best is not None and best[1] == index:
            break  # the first header row wins; later ones are repeats
    if best is None:
        return []
    _, header_index, schema, mapping = best
    header, mapping, sub = _with_sub_header(rows, header_index, mapping, schema)
    signature = header_signature(header)
    if sub is not None and signature in overrides:
        mapping = _apply_override(mapping, overrides[signature], schema)
        if not _is_header(mapping, schema):  # the user unmapped a column the table needs
            return []
    return [_walk(grid, schema, header_index, mapping, header, sub)]


def _with_sub_header(
    rows: list[list[str]], index: int, mapping: dict[str, int], schema: TableSchema
) -> tuple[list[str], dict[str, int], list[str] | None]:
    """A second header row under the first: "建设期限" merged over "开工时间 | 完成时间", or
    "计划投资" over "总投资 | 其中2023年". Its cells that name a column take that column over.

    Returns the effective header (sub-header text where there is one), the mapping and the
    sub-header row (None when the table has a one-row header).
    """
    header = rows[index]
    if index + 1 >= len(rows):
        return header, mapping, None
    sub = rows[index + 1]
    key_col = mapping[schema.record_key]
    texts = [v for v in sub if v]
    if (
        len(set(texts)) < 2  # blank, or one text: a section row ("一、…重点项目") or a note
        or (key_col < len(sub) and sub[key_col] and sub[key_col] != header[key_col])
        or any(_NUMBER.match(v) or _SECTION.match(v) for v in texts)
    ):
        return header, mapping, None  # not a sub-header: a data row has a name or numbers
    found = {
        k: c
        for k, c in match_header(sub, schema).items()
        if not (c < len(header) and normalize_header(sub[c]) == normalize_header(header[c]))
    }  # a vertically merged parent cell repeated below is not a sub-header
    if not found:
        return header, mapping, None
    taken = set(found.values())
    merged = {k: c for k, c in mapping.items() if k not in found and c not in taken}
    merged.update(found)
    width = max(len(header), len(sub))
    effective = [
        (sub[c] if c < len(sub) and sub[c] else (header[c] if c < len(header) else ""))
        for c in range(width)
    ]
    return effective, merged, sub


def _apply_override(
    mapping: dict[str, int], override: dict[int, str | None], schema: TableSchema
) -> dict[str, int]:
    result = {k: c for k, c in mapping.items() if c not in override}
    for col, key in override.items():
        if key is None or key not in schema.keys:
            continue
        result = {k: c for k, c in result.items() if k != key}
        result[key] = int(col)
    return result


def _vertical_fills(grid: SheetGrid, fill_cols: set[int]) -> tuple[dict, dict, dict]:
    """(row → [(col, value)] copied down, row → widest horizontal merge, money merges)."""
    fills: dict[int, list[tuple[int, str]]] = {}
    across: dict[int, int] = {}
    spans: dict[tuple[int, int], int] = {}
    for r1, c1, r2, c2 in grid.merges:
        if c2 > c1:
            across[r1] = max(across.get(r1, 0), c2 - c1 + 1)
        if r2 <= r1 or r1 >= len(grid.rows):
            continue
        row = grid.rows[r1]
        for col in range(c1, c2 + 1):
            value = row[col] if col < len(row) else ""
            if col in fill_cols:
                for r in range(r1 + 1, r2 + 1):
                    fills.setdefault(r, []).append((col, value))
            else:
                spans[(r1, col)] = r2
    return fills, across, spans


def _walk(
    grid: SheetGrid,
    schema: TableSchema,
    header_index: int,
    mapping: dict,
    header: list[str] | None = None,
    sub_header: list[str] | None = None,
) -> TableBlock:
    rows = grid.rows
    header = header if header is not None else rows[header_index]
    # Rows repeating the sub-header (with the header, per section) are skipped like headers.
    sub_texts = [v for v in sub_header if v] if sub_header is not None else None
    headers = {key: (header[col] if col < len(header) else "") for key, col in mapping.items()}
    block = TableBlock(
        sheet=grid.name,
        schema=schema,
        header_row=header_index + 1,
        columns=dict(mapping),
        headers=headers,
        signature=header_signature(header),
        raw_headers=list(header),
    )
    width = max(len(header), max(mapping.values()) + 1)
    fill_cols = {c for k, c in mapping.items() if schema.spec(k).fill_merged}
    fills, across, spans = _vertical_fills(grid, fill_cols)
    section = _read_preamble(block, rows[:header_index], across)
    if section:
        block.sections.append(section)
    money_keys = [c.key for c in schema.columns if c.money and c.key in mapping]
    # "计划投资（亿元）" merged over "总投资 | 其中": the unit may sit in the upper header row.
    parent = rows[header_index] if sub_header is not None else []
    units = [
        header_unit(headers[k]) or header_unit(_cell_above(parent, mapping[k])) for k in money_keys
    ]
    for unit in filter(None, units):
        block.unit_label, block.unit_scale = unit, UNIT_SCALES[unit]
    header_unit_fixed = any(units)
    items = list(mapping.items())
    keys = [k for k, _ in items]
    pick = itemgetter(*(c for _, c in items))  # row → the mapped cells, in `keys` order
    single = len(items) == 1  # itemgetter of one column returns the cell, not a tuple
    seq_col = mapping.get("seq_label", 0)
    group, carry = schema.group_key, schema.group_carry
    previous: TableRecord | None = None
    in_notes = False
    record_key = schema.record_key
    key_col = mapping[record_key]
    header_keys = _header_keys(header, mapping, schema)
    if sub_header is not None:
        header_keys |= _header_keys(rows[header_index], mapping, schema)
    longest_header = max(map(len, header_keys)) + 12  # a unit "(万元)", spaces, asterisks
    money_cols = [mapping[k] for k in money_keys]
    body = header_index + (2 if sub_header is not None else 1)
    for index in range(body, len(rows)):
        row = rows[index]  # cells are trimmed by the reader
        if len(row) < width:
            row = row + [""] * (width - len(row))
        if index in fills:
            row = list(row)
            for col, value in fills[index]:
                if not row[col]:
                    row[col] = value
        texts = [v for v in row if v]
        if not texts or texts == sub_texts:
            continue
        first = texts[0]
        folded = unicodedata.normalize("NFKC", first).replace(" ", "")
        if _looks_like_header(row, key_col, header_keys, longest_header, schema):
            previous = None  # a repeated header: continuation never crosses it
            continue
        unit_line = _UNIT_LINE.match(folded)
        if unit_line and len(texts) <= 2:
            if not header_unit_fixed:
                block.unit_label, block.unit_scale = (
                    unit_line.group(1),
                    UNIT_SCALES[unit_line.group(1)],
                )
            continue
        # Totals and notes have at most two words (the rest numbers); stop counting at three.
        wordy = 0
        for v in texts:
            if not _NUMBER.match(v):
                wordy += 1
                if wordy > 2:
                    break
        total = _total_kind(texts[:3])
        if total and wordy > 2:
            # Many words: a total only if it has no project name of its own.
            name = row[key_col]
            if name and not _total_kind([name]):
                total = None
        if total:
            label = next(v for v in texts[:3] if total in v.replace(" ", ""))
            block.totals.append(
                TotalLine(
                    row=index + 1,
                    kind=total,
                    label=label,
                    section=block.sections[-1] if total == "小计" and block.sections else None,
                    values={k: row[c] for k, c in items},
                )
            )
            continue
        if (
            (_NOTE.match(folded) and wordy <= 2)
            or (in_notes and len(texts) == 1)
            or (
                folded[:1] in _FOOTER_START
                and _FOOTER.match(folded)
                and not any(row[c] for c in money_cols)  # "审核人员培训 … 50": a project
            )
        ):
            block.notes.append(" ".join(texts))
            in_notes = True
            continue
        if (across.get(index, 0) >= 3 and len(set(texts)) == 1) or (
            len(texts) == 1 and _lone_text_is_section(row, first, folded, seq_col, key_col)
        ):
            block.sections.append(first)
            previous = None
            continue
        if (
            len(texts) == 2
            and row[seq_col] == first
            and _BARE_NUMERAL.match(folded)
            and seq_col + 1 < len(row)
            and row[seq_col + 1] == texts[1]
            and not _NUMBER.match(texts[1])
        ):
            # "一 | 污染防治攻坚": the numeral and, right beside it, the section name.
            label = first if first[-1] in "、.．)）" else first + "、"
            block.sections.append(label + texts[1])
            previous = None
            continue
        if wordy == 1 and _SECTION.match(folded) and row[key_col] in ("", first):
            # "(一)加快推动绿色低碳发展 … 5698.85": a section row carrying its subtotal.
            block.sections.append(first)
            block.totals.append(
                TotalLine(index + 1, "小计", first, first, {k: row[c] for k, c in items})
            )
            previous = None
            continue
        values = dict(zip(keys, (pick(row),) if single else pick(row), strict=True))
        record = TableRecord(index + 1, block.sections[-1] if block.sections else None, values)
        if fills.get(index):
            fill_set = {c for c, _ in fills[index]}
            record.carried.update(k for k, c in items if c in fill_set)
        if not values[record_key]:  # no name, own or merged: rare
            if _blank_template(values, record.carried):
                continue
            if (
                group == record_key
                and previous is not None
                and _numbered_anew(values, record.carried, previous)
            ):
                # A sub-row of an unmerged (sorted, CSV) table, or a new item missing its name:
                # read as the former, as before, but say so.
                block.issues.append(_continued(block, index, key_col, previous))
        if group and previous is not None and group in values:
            continuing = not values[group] or group in record.carried
            if continuing:
                for key in (group, *carry):
                    if key in values and not values[key]:
                        values[key] = previous.values.get(key, "")
                        record.carried.add(key)
        carried = record.carried
        if not (
            any(values.values())
            if not carried
            else any(v for k, v in values.items() if k not in carried)
        ):
            continue  # only merged/continued cells: the tail of a merge, not a new record
        for key in money_keys:
            end = spans.get((index, mapping[key]))
            if end is not None:
                letter, head = block.locate(key)
                block.issues.append(
                    ImportIssue(
                        grid.name,
                        index + 1,
                        letter,
                        head,
                        values[key],
                        f"合并单元格跨第{index + 1}–{end + 1}行，金额只计一次 "
                        "(merged amount counted once)",
                        WARNING,
                    )
                )
        if not block.records:
            block.example_row = list(row)
        block.records.append(record)
        previous = record
    return block


def _lone_text_is_section(
    row: list[str], first: str, folded: str, seq_col: int, key_col: int
) -> bool:
    """The only text of a row is a section label unless it is a number, a bare 序号 (a blank
    template row) or a name with nothing else filled in. "(一)…" is a section in any column."""
    if _NUMBER.match(first) or _SEQ_LABEL.match(folded):
        return False
    if _SECTION.match(folded):
        return True
    col = row.index(first)
    return (col == seq_col or col == 0) and col != key_col


def _blank_template(values: dict[str, str], carried: set[str]) -> bool:
    """Only a 序号 of its own (perhaps with "0" or "/"): a numbered template row left blank."""
    seq = values.get("seq_label")
    if not seq or "seq_label" in carried:
        return False
    if not _SEQ_LABEL.match(unicodedata.normalize("NFKC", seq).replace(" ", "")):
        return False
    return all(
        not v or k in carried or _PLACEHOLDER.match(v)
        for k, v in values.items()
        if k != "seq_label"
    )


def _numbered_anew(values: dict[str, str], carried: set[str], previous) -> bool:
    """A nameless row with a 序号 of its own that differs from the row above starts a new item."""
    seq = values.get("seq_label")
    if previous is None or not seq or "seq_label" in carried:
        return False
    return seq != previous.values.get("seq_label")


def _continued(block: TableBlock, index: int, col: int, previous: TableRecord) -> ImportIssue:
    name = previous.values.get(block.schema.record_key, "")
    return ImportIssue(
        block.sheet,
        index + 1,
        column_letter(col),
        block.headers.get(block.schema.record_key),
        "",
        f"名称为空，按上一行“{name}”的续行导入 (blank name: read as part of the row above)",
        WARNING,
    )


_DECORATED = re.compile(r"[(（\[【*＊]")  # what normalize_header takes away besides spaces


def _cell_above(parent: list[str], col: int) -> str:
    """The upper header cell over `col`: its own text, or that of a merge starting to its left."""
    for c in range(min(col, len(parent) - 1), -1, -1):
        if parent[c]:
            return parent[c]
    return ""


def _header_keys(header: list[str], mapping: dict, schema: TableSchema) -> frozenset[str]:
    col = mapping[schema.record_key]
    known = {normalize_header(s) for s in schema.spec(schema.record_key).synonyms}
    known.add(normalize_header(header[col] if col < len(header) else ""))
    return frozenset(known)


def _looks_like_header(
    row: list[str], col: int, known: frozenset[str], longest: int, schema
) -> bool:
    """A repeated header row; the cheap record-key test keeps data rows off the full match.
    `longest`: the length a header text of the record key can have (with unit and spaces)."""
    cell = row[col]
    if not cell or len(cell) > longest:  # a real name cell: no header text is this long
        return False
    quick = "".join(cell.split())
    if quick not in known and not (_DECORATED.search(quick) and normalize_header(cell) in known):
        return False
    return _is_header(match_header(row, schema), schema)


def _total_kind(cells: list[str]) -> str | None:
    for value in cells:
        if "计" not in value:
            continue
        text = unicodedata.normalize("NFKC", value).replace(" ", "")
        for word in _TOTAL_WORDS:
            if text.startswith(word) or (text.endswith(word) and len(text) <= len(word) + 8):
                return word
    return None


def _read_preamble(block: TableBlock, rows: list[list[str]], across: dict[int, int]) -> str | None:
    """Title, "附件1", "单位：万元" and a section row above the first header. Returns the section."""
    section = None
    for row in rows:
        filled = [v for v in row if v]  # cells come trimmed from the reader
        if not filled:
            continue
        for text in filled:
            folded = unicodedata.normalize("NFKC", text).replace(" ", "")
            unit = _UNIT_LINE.search(folded)
            if unit:
                block.unit_label, block.unit_scale = unit.group(1), UNIT_SCALES[unit.group(1)]
        # "附件1：2023年…项目表" (one cell) or "附件1 | 2023年…项目表" (two): peel the label off.
        attachment = _ATTACHMENT.match(filled[0])
        if attachment:
            block.attachment = attachment.group(1)
            rest = filled[0][attachment.end() :].strip()
            filled = ([rest] if rest else []) + filled[1:]
        if len(filled) != 1:
            continue
        text = filled[0]
        folded = unicodedata.normalize("NFKC", text).replace(" ", "")
        if _UNIT_LINE.match(folded) or _FOOTER.match(folded):
            pass  # "填报单位：区住建局" above the header is neither title nor section
        elif _SECTION.match(folded):
            section = text
        elif block.title is None:
            block.title = text
        elif section is None and block.title is not None:
            section = text  # a second free-text line right above the header: a section
    return section
