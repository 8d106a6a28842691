"""The symbols offices type (劣Ⅴ类, ①, ㎡, ℃, ≤, pinyin tones) draw with ink in the app's font."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QImage, QPainter  # noqa: E402

SYMBOLS = "Ⅴ①㎡℃≤ǎⅩ"


def ink_pixels(font: QFont, text: str) -> int:
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    white = QColor("white").rgb()
    return sum(
        1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) != white
    )


def test_the_bundled_symbols_face_covers_every_blank_glyph_of_wenquanyi():
    from fontTools.ttLib import TTFont

    from app.application import SYMBOLS_FONT
    from resources.fonts.build_symbols_font import blank_code_points

    blank = blank_code_points()
    assert ord("Ⅴ") in blank and ord("℃") in blank  # why the face exists
    covered = TTFont(str(SYMBOLS_FONT)).getBestCmap()
    umming = TTFont(str(SYMBOLS_FONT.with_name("uming-cn.ttf")), lazy=True).getBestCmap()
    assert [chr(cp) for cp in blank if cp in umming and cp not in covered] == []


@pytest.mark.parametrize("symbol", list(SYMBOLS))
def test_app_font_draws_each_symbol(qapp, symbol):
    from app.application import bundled_font_families

    families = bundled_font_families()
    font = QFont(qapp.font())
    font.setFamilies([qapp.font().family(), *families])
    font.setPixelSize(20)
    assert ink_pixels(font, symbol) > 10, f"{symbol} draws blank"


def test_wenquanyi_alone_draws_roman_five_blank(qapp):
    """The regression the symbols face fixes, shown on the font itself."""
    from app.application import bundled_font_families

    bundled_font_families()
    font = QFont("WenQuanYi Micro Hei")
    font.setPixelSize(20)
    assert ink_pixels(font, "Ⅲ") > 10
    assert ink_pixels(font, "Ⅴ") == 0
