"""The rows under a table's header, read top to bottom into a `TableBlock`.

The rules (importers.table's module doc lists them for the user): section rows, repeated
headers, blank and numbered template rows, 小计/合计/总计 rows, notes and sign-off lines, unit
lines, vertically merged cells carried down, and rows continuing the row above. Each row is
tested against the rules in a fixed order, cheapest and most common first; the first rule that
takes the row decides what it is, and a row no rule takes is a record. Headless and
side-effect free.
"""

from __future__ import annotations

import re
import unicodedata
from operator import itemgetter

from importers.issues import WARNING, ImportIssue, column_letter
from importers.reader import SheetGrid
from importers.table_schema import (
    NUMBER,
    SECTION,
    TableBlock,
    TableRecord,
    TableSchema,
    TotalLine,
    header_signature,
    header_unit,
    is_header,
    match_header,
    normalize_header,
)
from services.parsing import UNIT_SCALES

_UNIT_LINE = re.compile(r"^(?:计量)?单位\s*[:：]\s*(万元|亿元|千元|元)")
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
_NOTE_START = _FOOTER_START | frozenset("注备说附")  # a note or a sign-off line starts so
# A bare 序号 ("5", "5.", "(5)", "①" → "1" after NFKC, "1-1"): a template row left blank.
_SEQ_LABEL = re.compile(r"^\(?\d{1,4}\)?[.、]?$|^\d{1,4}(?:[-.]\d{1,4})+$")
_PLACEHOLDER = re.compile(
    r"^(?:0+(?:\.0+)?|[/／\-—–－]+|无|暂无)$"
)  # no information in a blank row
_TOTAL_WORDS = ("小计", "合计", "总计")
_DECORATED = re.compile(r"[(（\[【*＊]")  # what normalize_header takes away besides spaces


def walk_body(
    grid: SheetGrid,
    schema: TableSchema,
    header_index: int,
    mapping: dict[str, int],
    header: list[str] | None = None,
    sub_header: list[str] | None = None,
) -> TableBlock:
    """The block whose header is row `header_index` (0-based) mapped by `mapping`;
    `header` is the effective header text, `sub_header` a second header row under it."""
    return _Body(grid, schema, header_index, mapping, header, sub_header).walk()


class _Body:
    """One walk down a table: the block being filled and what the rows so far decided."""

    def __init__(self, grid, schema, header_index, mapping, header, sub_header) -> None:
        rows = grid.rows
        header = header if header is not None else rows[header_index]
        self.grid, self.schema, self.mapping = grid, schema, mapping
        self.block = block = TableBlock(
            sheet=grid.name,
            schema=schema,
            header_row=header_index + 1,
            columns=dict(mapping),
            headers={k: (header[c] if c < len(header) else "") for k, c in mapping.items()},
            signature=header_signature(header),
            raw_headers=list(header),
        )
        # Rows repeating the sub-header (with the header, per section) are skipped like headers.
        self.sub_texts = [v for v in sub_header if v] if sub_header is not None else None
        self.width = max(len(header), max(mapping.values()) + 1)
        fill_cols = {c for k, c in mapping.items() if schema.spec(k).fill_merged}
        self.fills, self.across, self.spans = _vertical_fills(grid, fill_cols)
        section = _read_preamble(block, rows[:header_index], self.across)
        if section:
            block.sections.append(section)
        self.money_keys = [c.key for c in schema.columns if c.money and c.key in mapping]
        self.money_cols = [mapping[k] for k in self.money_keys]
        parent = rows[header_index] if sub_header is not None else []
        self.header_unit_fixed = self._header_units(parent)
        self.items = list(mapping.items())
        self.keys = [k for k, _ in self.items]
        self.pick = itemgetter(*(c for _, c in self.items))  # row → the mapped cells, in order
        self.single = len(self.items) == 1  # itemgetter of one column returns the cell itself
        self.seq_col = mapping.get("seq_label", 0)
        self.key_col = mapping[schema.record_key]
        header_keys = _header_keys(header, mapping, schema)
        if sub_header is not None:
            header_keys |= _header_keys(rows[header_index], mapping, schema)
        self.header_keys = header_keys
        self.longest_header = max(map(len, header_keys)) + 12  # a unit "(万元)", spaces, asterisks
        self.body = header_index + (2 if sub_header is not None else 1)
        self.previous: TableRecord | None = None
        self.in_notes = False

    def _header_units(self, parent: list[str]) -> bool:
        """The unit a money column's header states ("计划投资（亿元）" may sit in the upper
        header row, merged over "总投资 | 其中"). True when one does: unit lines are then ignored."""
        block, mapping = self.block, self.mapping
        units = [
            header_unit(block.headers[k]) or header_unit(_cell_above(parent, mapping[k]))
            for k in self.money_keys
        ]
        for unit in filter(None, units):
            block.unit_label, block.unit_scale = unit, UNIT_SCALES[unit]
        return any(units)

    def walk(self) -> TableBlock:
        rows = self.grid.rows
        for index in range(self.body, len(rows)):
            self._row(index, rows[index])
        return self.block

    def _row(self, index: int, row: list[str]) -> None:
        """What one row is; the first rule that takes it decides."""
        row = self._filled(index, row)  # cells are trimmed by the reader
        texts = [v for v in row if v]
        if not texts or texts == self.sub_texts:
            return
        first = texts[0]
        folded = unicodedata.normalize("NFKC", first).replace(" ", "")
        if _looks_like_header(
            row, self.key_col, self.header_keys, self.longest_header, self.schema
        ):
            self.previous = None  # a repeated header: continuation never crosses it
            return
        if _UNIT_LINE.match(folded) and len(texts) <= 2:
            self._unit_line(folded)
            return
        wordy = _words(texts)
        # Cheap tests first: most rows are records, and each rule below needs a sign of it.
        if "计" in "".join(texts[:3]) and self._total(index, row, texts, wordy):
            return
        if (folded[:1] in _NOTE_START or (self.in_notes and len(texts) == 1)) and self._note(
            row, texts, folded, wordy
        ):
            return
        if (len(texts) <= 2 or wordy == 1 or index in self.across) and self._section(
            index, row, texts, folded, wordy
        ):
            return
        self._record(index, row)

    def _filled(self, index: int, row: list[str]) -> list[str]:
        """The row at full width, with the values of vertical merges above carried into it."""
        if len(row) < self.width:
            row = row + [""] * (self.width - len(row))
        carried = self.fills.get(index)
        if carried:
            row = list(row)
            for col, value in carried:
                if not row[col]:
                    row[col] = value
        return row

    def _unit_line(self, folded: str) -> None:
        """单位：万元 under the header: the table's unit, unless a header states one."""
        if not self.header_unit_fixed:
            unit = _UNIT_LINE.match(folded).group(1)  # type: ignore[union-attr]  # matched
            self.block.unit_label, self.block.unit_scale = unit, UNIT_SCALES[unit]

    def _total(self, index: int, row: list[str], texts: list[str], wordy: int) -> bool:
        total = _total_kind(texts[:3])
        if total and wordy > 2:
            # Many words: a total only if it has no project name of its own.
            name = row[self.key_col]
            if name and not _total_kind([name]):
                total = None
        if not total:
            return False
        block = self.block
        label = next(v for v in texts[:3] if total in v.replace(" ", ""))
        section = block.sections[-1] if total == "小计" and block.sections else None
        values = {k: row[c] for k, c in self.items}
        block.totals.append(TotalLine(index + 1, total, label, section, values))
        return True

    def _note(self, row: list[str], texts: list[str], folded: str, wordy: int) -> bool:
        """注：… lines, the lines under them, and sign-off lines (填表人：…)."""
        if (
            (_NOTE.match(folded) and wordy <= 2)
            or (self.in_notes and len(texts) == 1)
            or (
                folded[:1] in _FOOTER_START
                and _FOOTER.match(folded)
                and not any(row[c] for c in self.money_cols)  # "审核人员培训 … 50": a project
            )
        ):
            self.block.notes.append(" ".join(texts))
            self.in_notes = True
            return True
        return False

    def _section(
        self, index: int, row: list[str], texts: list[str], folded: str, wordy: int
    ) -> bool:
        block, first = self.block, texts[0]
        if (self.across.get(index, 0) >= 3 and len(set(texts)) == 1) or (
            len(texts) == 1
            and _lone_text_is_section(row, first, folded, self.seq_col, self.key_col)
        ):
            block.sections.append(first)
        elif (
            len(texts) == 2
            and row[self.seq_col] == first
            and _BARE_NUMERAL.match(folded)
            and self.seq_col + 1 < len(row)
            and row[self.seq_col + 1] == texts[1]
            and not NUMBER.match(texts[1])
        ):
            # "一 | 污染防治攻坚": the numeral and, right beside it, the section name.
            label = first if first[-1] in "、.．)）" else first + "、"
            block.sections.append(label + texts[1])
        elif wordy == 1 and SECTION.match(folded) and row[self.key_col] in ("", first):
            # "(一)加快推动绿色低碳发展 … 5698.85": a section row carrying its subtotal.
            block.sections.append(first)
            values = {k: row[c] for k, c in self.items}
            block.totals.append(TotalLine(index + 1, "小计", first, first, values))
        else:
            return False
        self.previous = None
        return True

    def _record(self, index: int, row: list[str]) -> None:
        block, record_key = self.block, self.schema.record_key
        picked = self.pick(row)
        values = dict(zip(self.keys, (picked,) if self.single else picked, strict=True))
        record = TableRecord(index + 1, block.sections[-1] if block.sections else None, values)
        filled = self.fills.get(index)
        if filled:
            fill_set = {c for c, _ in filled}
            record.carried.update(k for k, c in self.items if c in fill_set)
        if not values[record_key]:  # no name, own or merged: rare
            if _blank_template(values, record.carried):
                return
            previous = self.previous
            if (
                self.schema.group_key == record_key
                and previous is not None
                and _numbered_anew(values, record.carried, previous)
            ):
                # A sub-row of an unmerged (sorted, CSV) table, or a new item missing its name:
                # read as the former, as before, but say so.
                block.issues.append(_continued(block, index, self.key_col, previous))
        if self.schema.group_key:
            self._carry_group(values, record.carried)
        carried = record.carried
        if not (
            any(values.values())
            if not carried
            else any(v for k, v in values.items() if k not in carried)
        ):
            return  # only merged/continued cells: the tail of a merge, not a new record
        if self.spans:
            self._warn_merged_money(index, values)
        if not block.records:
            block.example_row = list(row)
        block.records.append(record)
        self.previous = record

    def _carry_group(self, values: dict[str, str], carried: set[str]) -> None:
        """A row continuing the group above inherits its group key and carried columns."""
        group, previous = self.schema.group_key, self.previous
        if not group or previous is None or group not in values:
            return
        if values[group] and group not in carried:
            return
        for key in (group, *self.schema.group_carry):
            if key in values and not values[key]:
                values[key] = previous.values.get(key, "")
                carried.add(key)

    def _warn_merged_money(self, index: int, values: dict[str, str]) -> None:
        for key in self.money_keys:
            end = self.spans.get((index, self.mapping[key]))
            if end is not None:
                letter, head = self.block.locate(key)
                self.block.issues.append(
                    ImportIssue(
                        self.grid.name,
                        index + 1,
                        letter,
                        head,
                        values[key],
                        f"合并单元格跨第{index + 1}–{end + 1}行，金额只计一次 "
                        "(merged amount counted once)",
                        WARNING,
                    )
                )


def _words(texts: list[str]) -> int:
    """How many texts are words, not numbers; counting stops at three (totals and notes have
    at most two words, the rest numbers)."""
    wordy = 0
    for v in texts:
        if not NUMBER.match(v):
            wordy += 1
            if wordy > 2:
                break
    return wordy


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


def _lone_text_is_section(
    row: list[str], first: str, folded: str, seq_col: int, key_col: int
) -> bool:
    """The only text of a row is a section label unless it is a number, a bare 序号 (a blank
    template row) or a name with nothing else filled in. "(一)…" is a section in any column."""
    if NUMBER.match(first) or _SEQ_LABEL.match(folded):
        return False
    if SECTION.match(folded):
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
    return is_header(match_header(row, schema), schema)


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
        elif SECTION.match(folded):
            section = text
        elif block.title is None:
            block.title = text
        elif section is None and block.title is not None:
            section = text  # a second free-text line right above the header: a section
    return section
