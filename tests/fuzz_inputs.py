"""Generated import inputs for the fuzz suite and benchmarks/bench_fuzz.py.

Real files are made here (an openpyxl ledger, a hand-written .ods, CSV in several encodings,
an OLE-headed .xls stand-in) and then mutated: flipped bytes, truncation, far cell
references, lying dimensions, entity declarations, whitespace bombs, extreme numbers and
odd encodings. `make_input(rng, folder)` draws one; `judge(path, db)` imports it through the
CLI in this process and says how it ended. Nothing here reads files from outside the repo.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import random
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests import hostile_files as hostile

EXTREME_VALUES = [
    "1e1000000",
    "-1e1000000",
    "1e-1000000",
    str(2**63),
    str(2**64 + 1),
    "NaN",
    "inf",
    "-0",
    "9" * 400,
    "0x1F",
    "１２３",
    "3亿元",
    "5,698.85",
    "—",
    "",
    "名" * 400,
    "=1+1",
    "2023-2022",
    "20230",
    "١٢٣",
    "\ud7ff",
    "𠀀𠀁",
    "1.005",
    "0.001元",
]
FAR_REFS = ["XFD1048576", "ZZZZZZ99999999", "A1048577", "AMK1", "B99999999999", "A0", "AAAA1"]


def ledger_cells(rng: random.Random) -> list[list[object]]:
    rows = hostile.ledger_rows(rng.randint(1, 6))
    for _ in range(rng.randint(0, 3)):
        row = rng.randrange(3, len(rows))
        col = rng.randrange(len(hostile.HEADER))
        if len(rows[row]) > col:
            rows[row][col] = rng.choice(EXTREME_VALUES)
    return rows


def _xlsx(rng: random.Random, folder: Path, name: str) -> Path:
    path = hostile.write_xlsx(folder / f"{name}.xlsx", ledger_cells(rng))
    kind = rng.choice(["plain", "far", "dimension", "entity", "bomb", "wide"])
    if kind == "far":
        hostile.add_cell(path, rng.choice(FAR_REFS))
    elif kind == "dimension":
        hostile.add_cell(path, "B2", dimension=rng.choice([*FAR_REFS, "A1:XFD1048576"]))
    elif kind == "entity":
        path = hostile.entity_xlsx(folder)
    elif kind == "bomb":
        path = hostile.zip_bomb_xlsx(folder, megabytes=rng.choice([2, 8]))
    elif kind == "wide":
        path = hostile.wide_xlsx(folder, columns=rng.choice([30, 1030]), rows=2)
    return path


def write_ods(path: Path, rows: list[list[object]]) -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice needs to open it, no more)."""
    from xml.sax.saxutils import escape

    cells = []
    for row in rows:
        parts = []
        for value in row:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                parts.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                text = escape(str(value))
                parts.append(
                    f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>'
                    "</table:table-cell>"
                )
        cells.append("<table:table-row>" + "".join(parts) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="附件1">'
        + "".join(cells)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def _csv(rng: random.Random, folder: Path, name: str) -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(ledger_cells(rng))
    text = out.getvalue()
    encoding = rng.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1", "shift_jis"])
    data = text.encode(encoding, errors="replace")
    if rng.random() < 0.2:
        data = data.replace(b",", b"\t")
    path = folder / f"{name}.csv"
    path.write_bytes(data)
    return path


def _xls(rng: random.Random, folder: Path, name: str) -> Path:
    from importers.safety import OLE_MAGIC

    path = folder / f"{name}.xls"
    path.write_bytes(OLE_MAGIC + rng.randbytes(rng.randint(0, 4096)))
    return path


def _mutate_bytes(rng: random.Random, path: Path) -> Path:
    data = bytearray(path.read_bytes())
    how = rng.choice(["none", "none", "flip", "truncate", "zero"])
    if how == "flip" and data:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif how == "truncate":
        data = data[: rng.randrange(len(data) + 1)]
    elif how == "zero" and data:
        start = rng.randrange(len(data))
        data[start : start + rng.randint(1, 512)] = b"\x00" * min(512, len(data) - start)
    path.write_bytes(bytes(data))
    return path


def make_input(rng: random.Random, folder: Path, name: str = "input") -> Path:
    kind = rng.choice(["xlsx", "xlsx", "ods", "csv", "xls"])
    if kind == "xlsx":
        path = _xlsx(rng, folder, name)
    elif kind == "ods":
        path = write_ods(folder / f"{name}.ods", ledger_cells(rng))
    elif kind == "csv":
        path = _csv(rng, folder, name)
    else:
        path = _xls(rng, folder, name)
    return _mutate_bytes(rng, path)


@dataclass
class Outcome:
    code: int | None
    seconds: float
    stderr: str
    crashed: bool  # an exception escaped, a traceback was printed, or an unknown exit code
    db_unchanged: bool

    @property
    def imported(self) -> bool:
        return self.code == 0

    @property
    def refused_cleanly(self) -> bool:
        return self.code == 1 and not self.crashed and self.db_unchanged and bool(self.stderr)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def judge(path: Path, db: Path) -> Outcome:
    """Import `path` into `db` through the CLI (in this process) and describe the outcome."""
    from cli.main import main

    before = _digest(db)
    err, out = io.StringIO(), io.StringIO()
    started = time.monotonic()
    crashed = False
    code = None
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(["import", str(path), "--db", str(db), "--json"])
        except BaseException:
            crashed = True
    seconds = time.monotonic() - started
    text = err.getvalue()
    crashed = crashed or code not in (0, 1) or "Traceback" in text
    return Outcome(code, seconds, text, crashed, _digest(db) == before)
