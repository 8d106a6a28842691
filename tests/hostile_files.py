"""Hostile and damaged workbooks made on the fly (never read from outside the repo).

Each maker writes a small file into a folder and returns its path; the reliability and fuzz
tests feed them to the importer and the CLI. The xlsx base is a real workbook written by
openpyxl, whose sheet XML is then edited: far cell references, lying dimensions, entity
declarations, flipped bytes, truncation, zip bombs.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["序号", "项目名称", "建设内容", "项目数量", "计划投资（万元）", "建设期限", "责任单位"]


def ledger_rows(count: int = 3) -> list[list[object]]:
    rows: list[list[object]] = [["2023年钟楼区生态文明建设工程项目表"], HEADER, ["一、污染防治"]]
    for n in range(1, count + 1):
        rows.append([n, f"项目{n}", f"内容{n}", 1, 100 + n, "2023", "区住建局"])
    return rows


def write_xlsx(path: Path, rows: list[list[object]] | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件1"
    for row in rows or ledger_rows():
        sheet.append(row)
    book.save(path)
    return path


def rewrite_member(path: Path, member: str, edit) -> Path:
    """Rewrite one zip member of `path` in place through `edit(bytes) -> bytes`."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info.filename, edit(data) if info.filename == member else data)
    return path


def add_cell(path: Path, ref: str, *, dimension: str | None = None) -> Path:
    """A numeric cell at `ref` (e.g. XFD1048576) appended to the last row of the sheet."""

    def edit(xml: bytes) -> bytes:
        cell = f'<c r="{ref}"><v>1</v></c>'.encode()
        xml = xml.replace(b"</row></sheetData>", cell + b"</row></sheetData>")
        if dimension:
            xml = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml)
        return xml

    return rewrite_member(path, SHEET, edit)


def far_cell_xlsx(folder: Path, ref: str = "XFD1048576") -> Path:
    return add_cell(write_xlsx(folder / f"far-{ref}.xlsx"), ref)


def wide_xlsx(folder: Path, columns: int = 20_000, rows: int = 21) -> Path:
    from importers.bounds import column_name

    def edit(xml: bytes) -> bytes:
        body = "".join(
            f'<row r="{r}">'
            + "".join(f'<c r="{column_name(c)}{r}"><v>{c}</v></c>' for c in range(1, columns + 1))
            + "</row>"
            for r in range(1, rows + 1)
        )
        return re.sub(
            rb"<sheetData>.*</sheetData>",
            f"<sheetData>{body}</sheetData>".encode(),
            xml,
            flags=re.S,
        )

    return rewrite_member(write_xlsx(folder / "wide.xlsx"), SHEET, edit)


def entity_xlsx(folder: Path) -> Path:
    def edit(xml: bytes) -> bytes:
        decl = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        return b'<?xml version="1.0"?>' + decl + xml.split(b"?>", 1)[-1]

    return rewrite_member(write_xlsx(folder / "laughs.xlsx"), SHEET, edit)


def zip_bomb_xlsx(folder: Path, megabytes: int = 40) -> Path:
    """A sheet padded with megabytes of whitespace: tiny compressed, huge expanded."""

    def edit(xml: bytes) -> bytes:
        return xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (megabytes << 20))

    return rewrite_member(write_xlsx(folder / "bomb.xlsx"), SHEET, edit)


def encrypted_flag_xlsx(folder: Path) -> Path:
    """The zip 'encrypted' bit set on the sheet entry (both headers), data unchanged."""
    path = write_xlsx(folder / "flagged.xlsx")
    data = bytearray(path.read_bytes())
    name = SHEET.encode()
    for signature, flag_offset, name_offset in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            length_at = 26 if signature == b"PK\x03\x04" else 28
            length = int.from_bytes(data[start + length_at : start + length_at + 2], "little")
            if data[start + name_offset : start + name_offset + length] == name:
                data[start + flag_offset] |= 1
            start += 4
    path.write_bytes(bytes(data))
    return path


def damaged_member_xlsx(folder: Path) -> Path:
    """Bytes in the middle of the sheet's deflate stream overwritten (a broken download)."""
    path = write_xlsx(folder / "damaged.xlsx")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 4, start + min(info.compress_size, 60)):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def truncated(path: Path, keep: float = 0.6) -> Path:
    data = path.read_bytes()
    out = path.with_name(f"truncated-{path.name}")
    out.write_bytes(data[: max(1, int(len(data) * keep))])
    return out
