"""Project tables (附件1 工程项目表, 重点项目表) and rectification lists (附件2) → typed rows.

Schemas here feed importers.table; `parse_projects(block)` and `parse_rectifications(block)`
turn its raw records into `ParsedProject` / `ParsedRectification` values with every refused
value reported as a located `ImportIssue`. Values go through services.parsing (one rule for the
grid, paste and import). Owners: where the table has separate 牵头单位/配合单位 columns those set
the roles (units only in 责任单位 become 建设主体); roles written in a cell ("区住建局（牵头）",
"牵头：…；配合：…") come next; otherwise the first unit listed leads and the rest cooperate — the
office's convention. Never touch the database here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter

from importers.issues import WARNING, ImportIssue
from importers.owner_cells import lead_first, owner_names, role_pairs
from importers.table import ColumnSpec, TableBlock, TableSchema
from importers.written_values import refused_money, written_period, written_year
from models import OwnerRole
from models.base import CENT
from services.fields import FIELDS, IMPORT_HEADERS, ProjectValues
from services.parsing import (
    TEXT_LIMITS,
    UNIT_SCALES,
    Period,
    check_length,
    normalize_text,
    parse_money,
    parse_period,
    parse_quantity,
    parse_year,
    split_money_unit,
)

PROJECT_SCHEMA = TableSchema(
    kind="projects",
    columns=(
        ColumnSpec("section", ("分区", "所属分区", "专项行动", "攻坚战")),
        *(
            ColumnSpec(c.key, c.synonyms, c.required, c.money, c.fill_merged)
            for f in FIELDS.values()
            for c in f.imports
        ),
    ),
    record_key="name",
    group_key="name",
    group_carry=("seq_label", "project_type"),
)

RECTIFICATION_SCHEMA = TableSchema(
    kind="rectifications",
    columns=(
        ColumnSpec("seq_label", ("序号", "编号")),
        ColumnSpec("category", ("问题类别", "问题类型", "类别")),
        ColumnSpec(
            "description",
            ("内容描述", "问题描述", "具体问题", "问题内容", "存在问题"),
            required=True,
        ),
        ColumnSpec(
            "towns",
            ("所属镇(街道)", "所属镇（街道）", "所属镇街", "所属板块", "镇(街道)", "所属街道"),
        ),
    ),
    record_key="description",
    group_key="category",
    group_carry=("seq_label",),
)

FIELD_LABELS = {  # the official header of each key, for messages and the mapping editor
    "section": "分区",
    **IMPORT_HEADERS,
    "category": "问题类别",
    "description": "内容描述",
    "towns": "所属镇(街道)",
}


@dataclass(slots=True)
class ParsedProject(ProjectValues):
    """One project row of an imported table, typed (status and kind None = not in the file)."""

    sheet: str
    row: int
    section: str
    owners: list[tuple[str, OwnerRole]] = field(default_factory=list)


@dataclass(slots=True)
class ParsedRectification:
    sheet: str
    row: int
    seq_label: str | None
    category: str | None
    description: str
    towns: list[str]


# Real tables repeat the same owner lists, periods and amounts thousands of times.
_plain_money = functools.lru_cache(maxsize=65536)(parse_money)
_PLAIN_AMOUNT = re.compile(r"\d{1,12}(?:\.\d{1,2})?")


def _money(value: str, scale: Decimal = Decimal(1)) -> Decimal | None:
    """parse_money, with a fast path for the common plain amount ("5698.85") in 万元."""
    if scale == 1 and _PLAIN_AMOUNT.fullmatch(value):
        return Decimal(value).quantize(CENT)
    return _plain_money(value, scale=scale)


_period = functools.lru_cache(maxsize=4096)(parse_period)
_year = functools.lru_cache(maxsize=4096)(parse_year)
_quantity = functools.lru_cache(maxsize=16384)(parse_quantity)


def _text(value: str) -> str | None:
    text = value.replace("\r\n", "\n").strip() if value else ""
    return text or None


class _RowErrors:
    """Collects located issues for one block."""

    def __init__(self, block: TableBlock, issues: list[ImportIssue]) -> None:
        self.block, self.issues = block, issues

    def add(self, row: int, key: str, value: str, reason: str, severity: str = "error") -> None:
        letter, header = self.block.locate(key)
        self.issues.append(
            ImportIssue(
                self.block.sheet,
                row,
                letter,
                header or FIELD_LABELS.get(key),
                value,
                reason,
                severity,
            )
        )


def _own_unit(
    value: str, number: str, unit: str, scale: Decimal, row: int, errors: _RowErrors
) -> Decimal | None:
    """ "500万元", "3亿元", "500元": a cell that states its own unit is read in that unit, with a
    warning when it is not the table's."""
    amount = _scaled_money(number, UNIT_SCALES[unit], row, errors)
    if UNIT_SCALES[unit] != scale and amount is not None:
        errors.add(
            row,
            "planned_investment_wan",
            value,
            f"按单元格所写单位“{unit}”换算为 {amount} 万元 (the cell's own unit)",
            WARNING,
        )
    return amount


def _scaled_money(value: str, scale: Decimal, row: int, errors: _RowErrors) -> Decimal | None:
    """万元 from a cell in the table's unit (元/千元/亿元 converted), warning when rounding."""
    if scale == 1 and _PLAIN_AMOUNT.fullmatch(value):
        return Decimal(value).quantize(CENT)  # the common cell, first
    if value and value[-1] in "元万亿":
        number, unit = split_money_unit(normalize_text(value))
        if unit:
            return _own_unit(value, number, unit, scale, row, errors)
    if scale == 1:
        return _money(value)
    amount = _money(value, scale=scale)
    if amount is None:
        return None
    try:
        # Two more places: if they are not zero, the conversion rounded the user's value.
        finer = _money(value, scale=scale * 100)
    except ValueError:
        finer = None
    if finer is not None and finer != amount * 100:
        errors.add(
            row,
            "planned_investment_wan",
            value,
            f"换算为万元后四舍五入为 {amount} (rounded to 0.01 万元)",
            WARNING,
        )
    return amount


def parse_projects(block: TableBlock, issues: list[ImportIssue]) -> list[ParsedProject]:
    """Typed projects of a block; refused values are appended to `issues` (row kept out).

    Column by column: each distinct cell text of a column is parsed once (real tables repeat
    periods, owner lists and statuses thousands of times), and the issues are put back in
    row order at the end, each row's in the order its checks run.
    """
    records = block.records
    if not records:
        return []
    errors = _RowIssues(block)
    rows = [r.row for r in records]
    cells = _Cells(records)
    names = _texts(cells("name"))
    for row, name in zip(rows, names, strict=True):
        if not name:
            errors.add(row, "name", "", "项目名称不能为空 (project name is blank)")
    quantities = _quantities(cells, rows, errors)
    amounts = _amounts(cells, rows, block.unit_scale, errors)
    starts, ends = _years(cells, rows, errors)
    statuses = _choices(cells, "status", rows, errors)
    kinds = _choices(cells, "construction_kind", rows, errors)
    owners = _owner_column(cells, "lead" in block.columns or "cooperating" in block.columns)
    default_section = block.title or block.sheet
    sections = [
        own or record.section or default_section
        for own, record in zip(_texts(cells("section")), records, strict=True)
    ]
    _check_lengths(cells, records, owners, rows, errors)
    refused = errors.refused_rows()
    parsed = map(
        ParsedProject,
        _texts(cells("seq_label")),
        _texts(cells("project_type")),
        [name or "" for name in names],
        _texts(cells("content")),
        quantities,
        amounts,
        starts,
        ends,
        statuses,
        kinds,
        _texts(cells("remarks")),
        [block.sheet] * len(records),
        rows,
        sections,
        owners,
    )
    issues.extend(errors.in_row_order(rows))
    if not refused:
        return list(parsed)
    return [p for p in parsed if p.row not in refused]


class _RowIssues(_RowErrors):
    """Located issues kept per sheet row, so that checks may run column by column."""

    def __init__(self, block: TableBlock) -> None:
        super().__init__(block, [])
        self.by_row: dict[int, list[ImportIssue]] = {}

    def add(self, row: int, key: str, value: str, reason: str, severity: str = "error") -> None:
        self.issues = self.by_row.setdefault(row, [])
        super().add(row, key, value, reason, severity)

    def refused_rows(self) -> set[int]:
        return {r for r, found in self.by_row.items() if any(i.is_error for i in found)}

    def in_row_order(self, rows: list[int]) -> list[ImportIssue]:
        return [i for row in rows if row in self.by_row for i in self.by_row[row]]


class _Cells:
    """A column's raw cell texts for every record ("" where a record has no such column)."""

    def __init__(self, records) -> None:
        values = [r.values for r in records]
        self.size = len(values)
        keys = list(set().union(*values))
        self.columns: dict[str, list[str]] = {}
        if not keys:
            return
        try:  # every record has every column (the table reader's records): one transposition
            rows = map(itemgetter(*keys, *keys[:1]), values)  # two keys at least: tuples
            self.columns = dict(zip(keys, map(list, zip(*rows, strict=True)), strict=False))
        except KeyError:
            self.columns = {k: [v.get(k, "") for v in values] for k in keys}

    def __call__(self, key: str) -> list[str]:
        column = self.columns.get(key)
        return column if column is not None else [""] * self.size

    def has(self, key: str) -> bool:
        return key in self.columns


def _texts(cells: list[str]) -> list[str | None]:
    """Cell text as stored: Windows line ends made plain, trimmed, blank as None."""
    return [(c.replace("\r\n", "\n") if "\r" in c else c).strip() or None for c in cells]


class _Refused:
    __slots__ = ("exc",)

    def __init__(self, exc: ValueError) -> None:
        self.exc = exc


def _parsed(cells: list[str], parse, refused) -> list:
    """parse(cell) for every cell, each distinct text once; `refused(index, cell, exc)`
    answers for a cell the parser refuses (it reports, and gives the value to keep)."""
    memo: dict[str, object] = {}
    values = []
    for index, cell in enumerate(cells):
        value = memo.get(cell, memo)
        if value is memo:
            try:
                value = memo[cell] = parse(cell)
            except ValueError as exc:
                value = memo[cell] = _Refused(exc)
        if value.__class__ is _Refused:
            value = refused(index, cell, value.exc)
        values.append(value)
    return values


def _quantities(cells: _Cells, rows: list[int], errors) -> list[int | None]:
    if not cells.has("quantity"):
        return [None] * len(rows)

    def refused(index: int, cell: str, exc: ValueError) -> None:
        errors.add(rows[index], "quantity", cell, str(exc))

    return _parsed(cells("quantity"), parse_quantity, refused)


def _amounts(cells: _Cells, rows: list[int], scale: Decimal, errors) -> list[Decimal | None]:
    if not cells.has("planned_investment_wan"):
        return [None] * len(rows)
    plain = _PLAIN_AMOUNT.fullmatch
    amounts: list[Decimal | None] = []
    for row, cell in zip(rows, cells("planned_investment_wan"), strict=True):
        if scale == 1 and plain(cell):
            amounts.append(Decimal(cell).quantize(CENT))  # the common cell, first
            continue
        try:
            amounts.append(_scaled_money(cell, scale, row, errors))
        except ValueError as exc:
            refused_money(cell, exc, row, errors)
            amounts.append(None)
    return amounts


def _years(cells: _Cells, rows: list[int], errors) -> tuple[list, list]:
    """Start and end years from 建设期限 and/or 开工/完成年份 (the year columns win)."""
    starts: list[int | None] = [None] * len(rows)
    ends: list[int | None] = [None] * len(rows)
    if cells.has("period"):
        period_cells = cells("period")

        def refused_period(index: int, cell: str, exc: ValueError):
            return Period(*written_period(cell, exc, rows[index], errors))

        periods = _parsed(period_cells, _period, refused_period)
        for index, (cell, period) in enumerate(zip(period_cells, periods, strict=True)):
            if cell:
                starts[index], ends[index] = period.start_year, period.end_year
    for key, years in (("start_year", starts), ("end_year", ends)):
        if not cells.has(key):
            continue
        year_cells = cells(key)

        def refused_year(index: int, cell: str, exc: ValueError, key: str = key):
            return written_year(cell, key, exc, rows[index], errors)

        for index, (cell, year) in enumerate(
            zip(year_cells, _parsed(year_cells, _year, refused_year), strict=True)
        ):
            if cell:
                years[index] = year
    later = "end_year" if cells.has("end_year") else "period"
    later_cells = cells(later)
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start is not None and end is not None and end < start:
            errors.add(
                rows[index],
                later,
                later_cells[index],
                "结束年份早于开始年份 (end year before start)",
            )
    return starts, ends


def _choices(cells: _Cells, key: str, rows: list[int], errors) -> list:
    """状态 / 建设性质 from their labels; blank is None (the column's default applies)."""
    if not cells.has(key):
        return [None] * len(rows)
    parse = FIELDS[key].parse

    def refused(index: int, cell: str, exc: ValueError) -> None:
        errors.add(rows[index], key, cell, str(exc))

    return _parsed(cells(key), lambda cell: parse(cell) if cell else None, refused)


_LENGTH_CHECKED = ("seq_label", "project_type", "name", "content", "remarks")


def _check_lengths(cells: _Cells, records, owners, rows: list[int], errors: _RowErrors) -> None:
    """Over-long text is refused while the file is checked (never at insert). Each column is
    looked at row by row only when its longest cell is over the limit."""
    texts = {key: cells(key) for key in _LENGTH_CHECKED}
    texts["section"] = [
        c or (r.section or "") for c, r in zip(cells("section"), records, strict=True)
    ]
    too_long: dict[int, list[tuple[str, str]]] = {}
    for key in (*_LENGTH_CHECKED, "section"):
        column = texts[key]
        if max(map(len, column), default=0) <= TEXT_LIMITS[key]:
            continue
        for index, text in enumerate(column):
            if len(text) > TEXT_LIMITS[key]:
                too_long.setdefault(index, []).append((key, text))
    limit = TEXT_LIMITS["owner"]
    if owners.longest > limit:
        for index, specs in enumerate(owners):
            long_names = [("owner", n) for n, _ in specs if len(n) > limit]
            if long_names:
                too_long.setdefault(index, []).extend(long_names)
    for index in sorted(too_long):
        for key, text in too_long[index]:
            if key == "owner":
                reason = f"单位名称过长 (unit name over {limit})"
                errors.add(rows[index], "owners", text[:50] + "…", reason)
                continue
            try:
                check_length(text.strip(), key)
            except ValueError as exc:
                errors.add(rows[index], key, text[:50] + "…", str(exc))


_LEAD, _COOPERATING, _CONSTRUCTING = OwnerRole.LEAD, OwnerRole.COOPERATING, OwnerRole.CONSTRUCTING


class _Owners(list):
    """Each row's own (unit, role) list, and the length of the longest unit name."""

    longest = 0


def _owner_column(cells: _Cells, split_roles: bool) -> _Owners:
    """Each distinct owner cell (or 牵头/配合/责任 triple) is read once."""
    memo: dict[object, tuple[tuple[str, OwnerRole], ...]] = {}
    owners = _Owners()
    keys = (
        zip(cells("lead"), cells("cooperating"), cells("owners"), strict=True)
        if split_roles
        else cells("owners")
    )
    for key in keys:
        specs = memo.get(key)
        if specs is None:
            specs = memo[key] = _split_role_owners(*key) if split_roles else lead_first(key)
        owners.append(list(specs))
    owners.longest = max((len(n) for specs in memo.values() for n, _ in specs), default=0)
    return owners


def _split_role_owners(
    lead: str, cooperating: str, owners: str
) -> tuple[tuple[str, OwnerRole], ...]:
    """Units of the 牵头/配合 columns in those roles, units only in 责任单位 as 建设主体; a role
    written in a cell wins."""
    specs: list[tuple[str, OwnerRole]] = []
    seen: set[str] = set()
    for text, role in ((lead, _LEAD), (cooperating, _COOPERATING), (owners, _CONSTRUCTING)):
        for name, stated in role_pairs(text):
            if name not in seen:
                seen.add(name)
                specs.append((name, stated or role))
    return tuple(specs)


def parse_rectifications(block: TableBlock, issues: list[ImportIssue]) -> list[ParsedRectification]:
    errors = _RowErrors(block, issues)
    items = []
    for record in block.records:
        description = _text(record.values.get("description", ""))
        if not description:
            errors.add(record.row, "description", "", "内容描述不能为空 (description is blank)")
            continue
        items.append(
            ParsedRectification(
                sheet=block.sheet,
                row=record.row,
                seq_label=_text(record.values.get("seq_label", "")),
                category=_text(record.values.get("category", "")),
                description=description,
                towns=list(owner_names(record.values.get("towns", ""))),
            )
        )
    return items


def check_totals(
    block: TableBlock, projects: list[ParsedProject], issues: list[ImportIssue]
) -> None:
    """小计/合计/总计 rows against the imported sums: a mismatch is a warning, not an error."""
    if "planned_investment_wan" not in block.columns:
        return
    errors = _RowErrors(block, issues)
    by_section: dict[str, Decimal] = {}
    for project in projects:
        if project.sheet == block.sheet and project.planned_investment_wan is not None:
            by_section[project.section] = (
                by_section.get(project.section, Decimal("0.00")) + project.planned_investment_wan
            )
    grand = sum(by_section.values(), Decimal("0.00"))
    for line in block.totals:
        text = line.values.get("planned_investment_wan", "")
        try:
            stated = _scaled_money(text, block.unit_scale, line.row, errors) if text else None
        except ValueError:
            stated = None
        if stated is None:
            continue
        if line.kind == "小计" and line.section is not None:
            actual = by_section.get(line.section, Decimal("0.00"))
        else:
            actual = grand
        if stated != actual:
            errors.add(
                line.row,
                "planned_investment_wan",
                text,
                f"{line.kind}为 {stated}，但导入项目合计 {actual} 万元 (stated total differs)",
                WARNING,
            )


def normalized_key(*parts: str | None) -> tuple[str, ...]:
    """The match key of a project: NFKC, no spaces, so a retyped bracket still matches."""
    return tuple("".join(normalize_text(p).split()) for p in parts)
