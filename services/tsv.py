"""Tab-separated text exactly as Excel and WPS put it on (and read it from) the clipboard.

Excel writes cells separated by TAB and rows ended by CRLF (the last row too). A cell holding a
TAB, a line break or a double quote is wrapped in double quotes, with inner quotes doubled:
`第一行<LF>第二行` becomes `"第一行<LF>第二行"`. Reading is lenient the way Excel is: LF, CRLF or
a lone CR end a row, a missing final line break is fine, rows may be ragged, and a quote that is
never closed is taken literally instead of swallowing the rest of the clipboard.
Headless and pure: never import Qt here, never touch the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

_SPECIAL = ("\t", "\n", "\r", '"')


def quote_cell(text: str) -> str:
    """One cell as Excel writes it: quoted only when it must be."""
    if any(ch in text for ch in _SPECIAL):
        return '"' + text.replace('"', '""') + '"'
    return text


def format_tsv(rows: Iterable[Sequence[object]], *, line_end: str = "\r\n") -> str:
    """Rows of cells (None = empty) as clipboard text; every row ends with `line_end`."""
    out = []
    for row in rows:
        cells = ("" if cell is None else str(cell) for cell in row)
        out.append("\t".join(quote_cell(cell) for cell in cells))
        out.append(line_end)
    return "".join(out)


def parse_tsv(text: str) -> list[list[str]]:
    """Clipboard text → rows of cell strings (ragged rows are kept ragged).

    One final line break does not make an extra empty row (Excel always ends with one);
    "" is no rows at all.
    """
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    if n == 0:
        return rows
    while True:
        cell, i = _read_cell(text, i)
        row.append(cell)
        if i >= n:
            rows.append(row)
            break
        ch = text[i]
        if ch == "\t":
            i += 1
            continue
        # A line break: CRLF, LF or a lone CR.
        i += 2 if text.startswith("\r\n", i) else 1
        rows.append(row)
        row = []
        if i >= n:  # the trailing line break ends the text, not a new empty row
            break
    return rows


def _read_cell(text: str, i: int) -> tuple[str, int]:
    """Read one cell starting at `i`; returns (cell, index of the delimiter or len)."""
    n = len(text)
    if i < n and text[i] == '"':
        parts: list[str] = []
        j = i + 1
        while j < n:
            quote = text.find('"', j)
            if quote < 0:
                break  # never closed: fall back to the literal text below
            parts.append(text[j:quote])
            if quote + 1 < n and text[quote + 1] == '"':
                parts.append('"')
                j = quote + 2
                continue
            # Closed. Anything up to the next delimiter is kept, as Excel does for `"a"b`.
            end = _delimiter(text, quote + 1)
            return "".join(parts) + text[quote + 1 : end], end
    end = _delimiter(text, i)
    return text[i:end], end


def _delimiter(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] not in "\t\r\n":
        i += 1
    return i


def rectangular(rows: list[list[str]]) -> list[list[str]]:
    """Pad ragged rows with empty cells so every row has the width of the widest one."""
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def format_html(rows: Iterable[Sequence[object]]) -> str:
    """The same block as a minimal HTML table (what Word/WPS Writer paste as a table)."""
    from html import escape

    body = []
    for row in rows:
        cells = "".join(
            "<td>" + escape("" if c is None else str(c)).replace("\n", "<br>") + "</td>"
            for c in row
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        "<html><head><meta charset='utf-8'></head><body><table border='1'>"
        + "".join(body)
        + "</table></body></html>"
    )
