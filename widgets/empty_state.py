"""The page shown where a table would be while it is empty: a title, what to do, and buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def empty_state_page(
    page: QWidget,
    title_text: str,
    explanation: str,
    buttons: list[QPushButton],
    *,
    title_scale: float,
    button_gap: int,
    centred_text: bool = False,
) -> QWidget:
    """Lay out `page`; the first button is the default (Enter) action."""
    title = QLabel(title_text, page)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * title_scale)
    font.setBold(True)
    title.setFont(font)
    text = QLabel(explanation, page)
    text.setWordWrap(True)
    text.setMaximumWidth(560)
    if centred_text:
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    buttons[0].setDefault(True)
    # Rows between stretches (not AlignHCenter) so the wrapped text gets its full height.
    text_row, button_row = QHBoxLayout(), QHBoxLayout()
    text_row.addStretch(1)
    text_row.addWidget(text, 4)
    text_row.addStretch(1)
    button_row.addStretch(1)
    for button in buttons:
        button_row.addWidget(button)
    button_row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addStretch(2)
    layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addSpacing(10)
    layout.addLayout(text_row)
    layout.addSpacing(button_gap)
    layout.addLayout(button_row)
    layout.addStretch(3)
    return page
