"""reportlab TrueType fonts whose parsed tables are kept between runs.

reportlab reads a font's cmap, hmtx and loca tables in pure Python: the briefing's CJK faces
(UMing 17 MB, WenQuanYi 5 MB, 24,000–50,000 glyphs each) cost ≈ 0.2 s of every `brief`
process. `load_ttfont` parses a file once and stores what reportlab derived from it (the
character map, widths, glyph offsets, metrics) in the user's cache folder; later runs read the
font file itself (subsets are still cut from its real glyph data) and restore the tables.

A cache entry is keyed by the file's resolved path, size and modification time, the face index,
reportlab's version and this format's version: a changed font, a different reportlab or a
damaged entry is simply parsed again, and its new entry replaces the old one. Entries are
marshal data (plain numbers, strings and containers: loading one cannot run code) written
atomically.
"""

from __future__ import annotations

import glob
import hashlib
import marshal
import os
import tempfile
from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

CACHE_ENV = "GREENLEDGER_CACHE_DIR"  # tests and portable installs keep the cache elsewhere
FORMAT = 1
# Attributes reportlab rebuilds or that belong to one document, never stored.
_SKIPPED = frozenset({"_ttf_data", "_pdfScale", "_pos"})


def cache_dir() -> Path:
    folder = os.environ.get(CACHE_ENV)
    if folder:
        return Path(folder)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("GreenLedger", appauthor=False))


def load_ttfont(name: str, path: str | os.PathLike, subfont_index: int = 0) -> TTFont:
    """`TTFont(name, path, subfontIndex=subfont_index)`, restored from the cache when the file
    is the one cached, else parsed (and cached for the next run)."""
    source = Path(path).resolve()
    stat = source.stat()
    key = [str(source), stat.st_size, stat.st_mtime_ns, subfont_index, reportlab.Version, FORMAT]
    entry = _entry_path(key, source, subfont_index)
    state = _read(entry, key)
    if state is not None:
        data = source.read_bytes()
        if len(data) == stat.st_size:  # not rewritten between the stat and the read
            return _restored(name, state, data)
    font = TTFont(name, str(source), subfontIndex=subfont_index)
    _write(entry, key, font.face)
    return font


def _entry_path(key: list, source: Path, subfont_index: int) -> Path:
    digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:24]
    return cache_dir() / "fonts" / f"{_font_prefix(source, subfont_index)}{digest}.marshal"


def _font_prefix(source: Path, subfont_index: int) -> str:
    return f"{source.stem}-{subfont_index}-"


def _read(entry: Path, key: list) -> dict | None:
    try:
        stored_key, state = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # no entry yet, or a damaged one: parse again
    return state if stored_key == key and isinstance(state, dict) else None


def _write(entry: Path, key: list, face: TTFontFace) -> None:
    state = {}
    for attr, value in vars(face).items():
        if attr in _SKIPPED:
            continue
        if isinstance(value, TTFNameBytes):
            value = ("TTFNameBytes", value.ustr)
        state[attr] = value
    try:
        blob = marshal.dumps((key, state))
    except ValueError:  # a reportlab that keeps something marshal cannot hold: no cache
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=entry.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(blob)
        os.replace(tmp, entry)
        # The entries of this font's earlier versions (an upgrade, an edited file) go.
        prefix = entry.name[: entry.name.rindex("-") + 1]
        for old in entry.parent.glob(f"{glob.escape(prefix)}*.marshal"):
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only profile: every run parses, nothing else changes
        return


def _restored(name: str, state: dict, data: bytes) -> TTFont:
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    for attr, value in state.items():
        if isinstance(value, tuple) and len(value) == 2 and value[0] == "TTFNameBytes":
            value = TTFNameBytes(value[1].encode("utf-8"))
        setattr(face, attr, value)
    face._ttf_data = data
    face._pos = 0
    upem = face.unitsPerEm
    face._pdfScale = (lambda x: x) if upem == 1000 else (lambda x, k=1000 / upem: x * k)
    # What TTFont.__init__ sets around the face it parses (a test compares the two objects).
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font
