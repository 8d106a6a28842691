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
into typed values. The schema types and header matching live in importers.table_schema, the
walk down the rows in importers.table_body; this module finds the header. Headless and
side-effect free: never touch the database here.
"""

from __future__ import annotations

from importers.reader import SheetGrid
from importers.table_body import walk_body
from importers.table_schema import (
    NUMBER,
    SECTION,
    ColumnSpec,
    TableBlock,
    TableSchema,
    header_signature,
    is_header,
    match_header,
    normalize_header,
)

__all__ = ["ColumnSpec", "TableBlock", "TableSchema", "find_tables", "header_signature"]

HEADER_SCAN_ROWS = 60


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
            if is_header(mapping, schema) and (best is None or len(mapping) > best[0]):
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
        if not is_header(mapping, schema):  # the user unmapped a column the table needs
            return []
    return [walk_body(grid, schema, header_index, mapping, header, sub)]


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
        or any(NUMBER.match(v) or SECTION.match(v) for v in texts)
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
