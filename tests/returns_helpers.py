"""Editing return sheets as a unit would: openpyxl opens the sheet, types, saves (a re-save)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

HEADER_ROW = 4  # 1-based: title, unit line, instructions, header


def columns(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[HEADER_ROW] if c.value}


def row_of(ws, project_id: int) -> int:
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, 1).value == project_id:
            return r
    raise KeyError(project_id)


def ids_in(ws) -> list[int]:
    return [
        ws.cell(r, 1).value
        for r in range(HEADER_ROW + 1, ws.max_row + 1)
        if isinstance(ws.cell(r, 1).value, int)
    ]


def edit(path: Path, out: Path | None = None, *, unprotect: bool = False, **_) -> tuple:
    """Open for editing; returns (workbook, sheet, save) where save() writes to `out`."""
    book = openpyxl.load_workbook(path)
    ws = book["填报表"]
    if unprotect:
        ws.protection.sheet = False
    target = out or path

    def save() -> Path:
        book.save(target)
        return target

    return book, ws, save


def type_values(
    path: Path, values: dict[int, dict[str, object]], out: Path | None = None, **kw
) -> Path:
    """{project_id: {header: value}} typed into the sheet, then saved."""
    _book, ws, save = edit(path, out, **kw)
    cols = columns(ws)
    for pid, cells in values.items():
        r = row_of(ws, pid)
        for header, value in cells.items():
            ws.cell(r, cols[header]).value = value
    return save()


def copy_as(path: Path, target: Path) -> Path:
    shutil.copy(path, target)
    return target
