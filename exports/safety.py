"""Keeping exported text inert: no cell of ours may ever become a formula.

A project name typed as "=HYPERLINK(...)" or "@SUM(...)" must stay text in Excel, WPS and in a
CSV opened by either (formula injection). xlsx cells are written as strings with the quote
prefix; CSV cells get a leading apostrophe, which importers.reader strips again on import.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula."""
    return bool(text) and text.startswith(FORMULA_STARTS)


def csv_safe(text: str) -> str:
    return "'" + text if is_risky(text) else text


def csv_unescape(text: str) -> str:
    """Undo csv_safe: "'=1+1" → "=1+1" (only before a formula start, so "'quoted'" stays)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


# Read once at import (os.umask can only be read by setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_output(out: Path | str) -> Iterator[Path]:
    """Write to a temporary file beside `out`, renamed over it only on success.

    A cancelled or failed export never leaves half a workbook, and never destroys the previous
    file of that name.
    """
    out = Path(out)
    handle, name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        # mkstemp makes the file private (0600); a document for colleagues gets the usual mode.
        os.chmod(temp, 0o666 & ~_UMASK)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
