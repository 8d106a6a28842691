"""The parsed-font cache of the PDF briefing (exports.font_cache): a restored font is the
font reportlab parses, a changed or damaged file is parsed again, and a PDF set in a font from
the cache embeds every character it uses."""

from __future__ import annotations

import os
import re
import shutil

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from exports import font_cache
from exports.briefing_fonts import _shipped
from services.fonts import cjk_font


def _entries(folder) -> list:
    return sorted((folder / "fonts").glob("*.marshal"))


def test_a_restored_font_is_the_parsed_font(tmp_path, monkeypatch):
    monkeypatch.setenv(font_cache.CACHE_ENV, str(tmp_path))
    heading = cjk_font()
    parsed = TTFont("GLTestHei", str(heading.path), subfontIndex=heading.subfont_index)
    font_cache.load_ttfont("GLTestHei", heading.path, heading.subfont_index)  # parses, stores
    assert len(_entries(tmp_path)) == 1
    restored = font_cache.load_ttfont("GLTestHei", heading.path, heading.subfont_index)

    assert sorted(vars(restored)) == sorted(vars(parsed))
    assert restored.shapable == parsed.shapable
    assert restored._asciiReadable == parsed._asciiReadable
    face, fresh = vars(restored.face), vars(parsed.face)
    assert sorted(face) == sorted(fresh)
    for attr, value in fresh.items():
        if attr == "_pos":  # the parser's read position, wherever parsing stopped
            continue
        if attr == "_pdfScale":
            assert face[attr](2048) == value(2048)
        else:
            assert face[attr] == value, attr
    assert restored.face.name.ustr == parsed.face.name.ustr
    assert restored.stringWidth("生态文明建设 2023", 12) == parsed.stringWidth(
        "生态文明建设 2023", 12
    )


def test_a_changed_font_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv(font_cache.CACHE_ENV, str(tmp_path / "cache"))
    path = tmp_path / "serif.ttf"
    shutil.copy(_shipped("LiberationSerif-Regular.ttf"), path)
    first = font_cache.load_ttfont("GLTestSerif", path)
    assert first.face.name.ustr == "LiberationSerif"

    shutil.copy(_shipped("LiberationSerif-Bold.ttf"), path)  # same path, other face
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    again = font_cache.load_ttfont("GLTestSerif", path)
    assert again.face.name.ustr == "LiberationSerif-Bold"
    assert again.face.charWidths == TTFont("GLTestBold", str(path)).face.charWidths
    # One entry per font: the earlier version's tables are not kept beside the new ones.
    (entry,) = _entries(tmp_path / "cache")
    assert entry.name.startswith("serif-0-")


def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv(font_cache.CACHE_ENV, str(tmp_path))
    path = _shipped("LiberationSerif-Regular.ttf")
    font_cache.load_ttfont("GLTestSerif", path)
    (entry,) = _entries(tmp_path)
    entry.write_bytes(b"\x00not marshal data")
    font = font_cache.load_ttfont("GLTestSerif", path)
    assert font.face.name.ustr == "LiberationSerif"
    assert font.face.charToGlyph == TTFont("GLTestFresh", str(path)).face.charToGlyph
    assert entry.read_bytes() != b"\x00not marshal data"  # rewritten for the next run


def test_an_unwritable_cache_still_gives_the_font(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(font_cache.CACHE_ENV, str(blocker))
    font = font_cache.load_ttfont("GLTestSerif", _shipped("LiberationSerif-Regular.ttf"))
    assert font.face.name.ustr == "LiberationSerif"


def _one_line_pdf(path, font, text: str):
    pdfmetrics.registerFont(font)
    canvas = Canvas(str(path), invariant=True)
    canvas.setFont(font.fontName, 14)
    canvas.drawString(72, 700, text)
    canvas.save()
    page = PdfReader(str(path)).pages[0]
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    return page, [f for f in fonts if f["/Subtype"] == "/TrueType"]


def test_a_pdf_in_a_cached_font_embeds_the_characters_it_uses(tmp_path, monkeypatch):
    monkeypatch.setenv(font_cache.CACHE_ENV, str(tmp_path / "cache"))
    body = _shipped("uming-cn.ttf")
    font_cache.load_ttfont("GLTestSongParse", body)
    cached = font_cache.load_ttfont("GLTestSong", body)  # from the cache
    text = "钟楼区生态文明建设：口袋公园 67,619.88万元"
    page, embedded = _one_line_pdf(tmp_path / "cached.pdf", cached, text)

    assert page.extract_text().strip() == text
    assert embedded and all("/FontFile2" in f["/FontDescriptor"] for f in embedded)
    mapped = set()
    for f in embedded:
        cmap = f["/ToUnicode"].get_data().decode("latin-1")
        mapped |= {chr(int(h, 16)) for h in re.findall(r"<[0-9A-F]{2}> <([0-9A-F]{4})>", cmap)}
    assert set(text) - {" "} <= mapped
    # The subset cut from the cached tables is byte for byte the one cut after a fresh parse.
    parsed = TTFont("GLTestSong", str(body))
    _, fresh = _one_line_pdf(tmp_path / "parsed.pdf", parsed, text)
    subsets = [f["/FontDescriptor"]["/FontFile2"].get_data() for f in embedded]
    assert subsets == [f["/FontDescriptor"]["/FontFile2"].get_data() for f in fresh]
