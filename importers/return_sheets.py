"""Reading returned sheets (回收填报表): a file or folder → `ReturnFile`s, then diffs.

A sheet written by exports.return_sheets is read with calamine through the repository's
guarded reader (size, zip-bomb and extent limits; a separate reader process), indifferent to
whether Excel or WPS re-saved it; its hidden check data taken from the very hidden sheet and
its columns found by header, so a column the unit moved or a row it inserted still lines up.
A file that cannot be a return — a CSV or .xls save that lost the hidden sheet, another
workbook, a damaged or encrypted file — gets one located message and is not used.
Never write to the database here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from exports.return_sheets import (
    FORMAT_TAG,
    MAIN_SHEET,
    META_ROWS_START,
    META_SHEET,
    SPARE_LABEL,
    file_sha256,
)
from importers.issues import ImportIssue, column_letter
from importers.reader import ReadError, read_file
from importers.return_diff import ReturnFile, ReturnRow, UnitDiff, diff_return
from importers.safety import CSV_SUFFIXES, DEFAULT_LIMITS, SPREADSHEET_SUFFIXES, check_file
from services.return_fields import ID_HEADER, LOCKED_COLUMNS, RETURN_FIELDS

_HEADERS: dict[str, str] = {"".join(ID_HEADER.split()): "id"}
for _c in LOCKED_COLUMNS:
    _HEADERS["".join(_c.header.split())] = _c.key
for _f in RETURN_FIELDS.values():
    _HEADERS["".join(_f.header.split())] = _f.key
    _HEADERS.setdefault(_f.header.split("(")[0], _f.key)
_LOCKED_KEYS = {c.key for c in LOCKED_COLUMNS}


def return_paths(items: Iterable[Path | str]) -> list[Path]:
    """Files given, and the spreadsheet and CSV files of folders given (sorted; hidden and
    lock files such as ~$x.xlsx skipped, and the round's own notice .txt and ZIP)."""
    found: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            for child in sorted(item.iterdir()):
                wanted = child.suffix.lower() in SPREADSHEET_SUFFIXES | {".csv"}
                if wanted and child.is_file() and not child.name.startswith((".", "~$")):
                    found.append(child)
        else:
            found.append(item)
    return found


def read_return(path: Path | str) -> ReturnFile:
    """A returned file as plain cells; `issues` say why it cannot be used, if so."""
    path = Path(path)
    problems = check_file(path, DEFAULT_LIMITS)
    rf = ReturnFile(path, file_sha256(path) if not problems else "")
    if problems:
        rf.issues = problems
        return rf
    if path.suffix.lower() in CSV_SUFFIXES:
        rf.issues.append(
            ImportIssue.file(
                path.name,
                "这是另存为 CSV 的文件，隐藏的项目编号和轮次信息已丢失；请回传分发的 .xlsx 原文件 "
                "(a CSV save loses the sheet's check data)",
            )
        )
        return rf
    try:  # the guarded reader: limits checked, calamine in its worker process
        sheets = {s.name: s for s in read_file(path, DEFAULT_LIMITS)}
    except ReadError as exc:
        rf.issues = exc.issues
        return rf
    meta = sheets.get(META_SHEET)
    if meta is None:
        reason = (
            "另存为 .xls 后隐藏的核对信息已丢失；请回传分发的 .xlsx 原文件 (an .xls save lost the check data)"
            if path.suffix.lower() == ".xls"
            else "不是 GreenLedger 分发的填报表（没有隐藏的核对信息）(not a return sheet)"
        )
        rf.issues.append(ImportIssue.file(path.name, reason))
        return rf
    _read_meta(rf, meta.rows)
    if rf.issues:
        return rf
    main = sheets.get(MAIN_SHEET) or next((s for n, s in sheets.items() if n != META_SHEET), None)
    if main is None:
        rf.issues.append(
            ImportIssue.file(path.name, "填报表工作表被删除了 (the return sheet is missing)")
        )
        return rf
    rf.sheet = main.name
    _read_main(rf, main.rows)
    return rf


def _read_meta(rf: ReturnFile, rows: list[list[str]]) -> None:
    for row in rows[1 : META_ROWS_START - 1]:
        if len(row) >= 2 and row[0]:
            rf.meta[row[0]] = row[1]
    if rf.meta.get("format") != FORMAT_TAG:
        rf.issues.append(
            ImportIssue.file(
                rf.file_name,
                f"核对信息的格式“{rf.meta.get('format', '')}”无法识别（更新的版本生成的？）"
                "(unknown check data format)",
            )
        )
        return
    for row in rows[META_ROWS_START:]:
        if len(row) < 2 or not row[0]:
            continue
        try:
            rf.row_hashes[int(row[0])] = row[1]
        except ValueError:
            rf.issues.append(
                ImportIssue.file(rf.file_name, "隐藏的核对信息被改动过 (hidden check data altered)")
            )
            return


def _read_main(rf: ReturnFile, rows: list[list[str]]) -> None:
    header_at = next(
        (i for i, row in enumerate(rows[:40]) if any(c == ID_HEADER for c in row)), None
    )
    if header_at is None:
        rf.issues.append(
            ImportIssue(
                rf.sheet,
                None,
                None,
                None,
                None,
                f"找不到表头（“{ID_HEADER}”列被删除了？）(no header row)",
            )
        )
        return
    positions: dict[str, int] = {}
    for index, text in enumerate(rows[header_at]):
        key = _HEADERS.get("".join(text.split()))
        if key and key not in positions:
            positions[key] = index
            rf.columns[key] = (column_letter(index), text)
    for offset, cells in enumerate(rows[header_at + 1 :], header_at + 2):
        texts = {key: (cells[i] if i < len(cells) else "") for key, i in positions.items()}
        raw_id = texts.pop("id").strip()
        rest = [v for v in texts.values() if v]
        if not raw_id and (not rest or rest == [SPARE_LABEL]):
            continue
        project_id: int | None = None
        if raw_id:
            try:
                project_id = int(float(raw_id))
            except ValueError:
                project_id = -1  # not an id of this sheet: refused, located, by the diff
        rf.rows.append(
            ReturnRow(
                offset,
                project_id,
                {k: v for k, v in texts.items() if k in _LOCKED_KEYS},
                {k: v for k, v in texts.items() if k not in _LOCKED_KEYS},
            )
        )


def collect(
    session: Session, items: Iterable[Path | str], round_name: str | None = None
) -> list[UnitDiff]:
    """Read and diff every file given (folders expanded); a file already in this batch (same
    hash) is refused as a duplicate, so nothing is applied twice."""
    diffs: list[UnitDiff] = []
    seen: dict[str, str] = {}
    for path in return_paths(items):
        rf = read_return(path)
        if rf.file_hash and rf.file_hash in seen:
            diff = UnitDiff(rf)
            diff.fatal.append(
                ImportIssue.file(
                    path.name,
                    f"与本批的“{seen[rf.file_hash]}”完全相同，只收一次 (duplicate in this batch)",
                )
            )
            diffs.append(diff)
            continue
        if rf.file_hash:
            seen[rf.file_hash] = path.name
        diffs.append(diff_return(session, rf, round_name))
    return diffs
