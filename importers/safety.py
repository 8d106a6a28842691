"""Checks a file must pass before any reader touches it: size, zip bombs, encryption, type.

A department's attachment can be huge, a crafted zip can expand to gigabytes, and a
password-protected workbook is an OLE container that looks corrupt to every reader. These
checks turn each case into one located `ImportIssue` instead of a hang or a traceback.
Never open a workbook for reading here beyond the zip directory and the first bytes.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from importers.issues import ImportIssue

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx containers
ZIP_MAGIC = b"PK\x03\x04"

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}


@dataclass(frozen=True)
class ImportLimits:
    """Configurable ceilings; the defaults fit a 1,000,000-row ledger with room to spare."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # sum of all zip entries
    max_compression_ratio: int = 1000  # per entry; repetitive real sheets reach ~100:1
    # A sheet's extent (its furthest cell), checked before the reader allocates its grid.
    max_rows: int = 1_048_576  # Excel's own maximum
    max_columns: int = 1_024  # a ledger has ~15; 20,000 columns took minutes to read
    max_cells: int = 30_000_000  # rows × columns of one sheet (1M rows × 30 columns)
    # The reader process (calamine) is stopped past these (memory: POSIX address space).
    max_reader_memory_bytes: int = 4 * 1024 * 1024 * 1024
    max_read_seconds: int = 300


DEFAULT_LIMITS = ImportLimits()


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_file(path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> list[ImportIssue]:
    """Every reason not to open `path` at all (empty list = go ahead)."""
    sheet = path.name
    if not path.exists():
        return [ImportIssue.file(sheet, "文件不存在 (file not found)")]
    if path.is_dir():
        return [ImportIssue.file(sheet, "这是一个文件夹 (is a directory)")]
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        return [
            ImportIssue.file(
                sheet,
                f"文件过大 {_mb(size)}，上限 {_mb(limits.max_file_bytes)} (file too large)",
            )
        ]
    if size == 0:
        return [ImportIssue.file(sheet, "文件是空的 (empty file)")]
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES | CSV_SUFFIXES:
        return [
            ImportIssue.file(
                sheet,
                "不支持的文件类型，请用 xlsx/xlsm/xls/ods/csv (unsupported file type)",
            )
        ]
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix in {".xlsx", ".xlsm", ".ods"}:
        if head == OLE_MAGIC:
            # Office wraps encrypted OOXML in an OLE container (EncryptedPackage stream).
            return [
                ImportIssue.file(
                    sheet,
                    "工作簿有密码保护，请先在 Excel/WPS 中取消密码 (password-protected workbook)",
                )
            ]
        if head[:4] != ZIP_MAGIC:
            return [ImportIssue.file(sheet, "文件已损坏或不是表格 (corrupt or not a workbook)")]
        return _check_zip(path, limits)
    if suffix == ".xls" and head != OLE_MAGIC:
        return [ImportIssue.file(sheet, "文件已损坏或不是 .xls 表格 (corrupt .xls)")]
    return []


def _check_zip(path: Path, limits: ImportLimits) -> list[ImportIssue]:
    sheet = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return [ImportIssue.file(sheet, "文件已损坏 (corrupt zip container)")]
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
            return [
                ImportIssue.file(
                    sheet,
                    f"压缩比异常 ({entry.filename} {ratio:.0f}:1)，疑似压缩炸弹 (zip bomb suspected)",
                )
            ]
    if total > limits.max_uncompressed_bytes:
        return [
            ImportIssue.file(
                sheet,
                f"解压后 {_mb(total)} 超过上限 {_mb(limits.max_uncompressed_bytes)} "
                "(uncompressed size over the limit)",
            )
        ]
    return _check_doctype(path, entries)


def _check_doctype(path: Path, entries: list[zipfile.ZipInfo]) -> list[ImportIssue]:
    """OOXML/ODF parts never declare a DOCTYPE; one that does is an entity attack (XXE, laughs).

    calamine's parser does not expand entities, but refusing the file is the clear answer.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for entry in entries:
                if not entry.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(entry) as part:
                    head = part.read(2048)
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    return [
                        ImportIssue.file(
                            path.name,
                            f"{entry.filename} 含有 DOCTYPE/ENTITY 声明，已拒绝 (XML entity attack)",
                        )
                    ]
    except RuntimeError:  # zipfile: "File ... is encrypted, password required"
        return [
            ImportIssue.file(
                path.name, "工作簿有密码保护或已加密 (encrypted zip entry, password required)"
            )
        ]
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        return [ImportIssue.file(path.name, "文件已损坏 (corrupt zip container)")]
    return []
