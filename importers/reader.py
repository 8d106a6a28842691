"""Reading an imported file: checked, read in the reader process, held to the limits.

`read_file` is the one entry point of the importers. The cells themselves are read by
importers.workbook (calamine for workbooks, CSV decoding), in the child process that
importers.reader_process keeps. Never write anything here.
"""

from __future__ import annotations

from pathlib import Path

from importers.bounds import over_limits
from importers.issues import ImportIssue
from importers.reader_process import read_workbook_guarded, start_reading
from importers.safety import CSV_SUFFIXES, DEFAULT_LIMITS, ImportLimits, check_file
from importers.workbook import ReadError, SheetGrid, read_csv, read_workbook

__all__ = ["ReadError", "SheetGrid", "read_ahead", "read_file", "read_workbook"]


def read_ahead(path: Path | str, limits: ImportLimits = DEFAULT_LIMITS) -> bool:
    """Let the reader process start on a workbook now, while the caller still starts up;
    `read_file(path)` later takes what it read (with every check). A file that fails the
    first checks, a CSV, or no workbook at all: nothing happens here (False)."""
    path = Path(path)
    if path.suffix.lower() in CSV_SUFFIXES or check_file(path, limits):
        return False
    return start_reading(path, limits)


def read_file(
    path: Path | str, limits: ImportLimits = DEFAULT_LIMITS, should_stop=None
) -> list[SheetGrid]:
    """All sheets of `path` as text grids. Raises ReadError with located reasons.

    Workbooks are read in the reader process (importers.reader_process) with the sheet
    extent checked first; every grid is then held to the row and column limits.
    """
    path = Path(path)
    issues = check_file(path, limits)
    if issues:
        raise ReadError(issues)
    if path.suffix.lower() in CSV_SUFFIXES:
        sheets = [read_csv(path)]
    else:
        sheets = read_workbook_guarded(path, limits, should_stop)
    issues = [issue for sheet in sheets if (issue := _grid_over_limits(sheet, limits))]
    if issues:
        raise ReadError(issues)
    return sheets


def _grid_over_limits(sheet: SheetGrid, limits: ImportLimits) -> ImportIssue | None:
    columns = max(map(len, sheet.rows), default=0)
    reason = over_limits(len(sheet.rows), columns, limits)
    return ImportIssue(sheet.name, None, None, None, None, reason) if reason else None
