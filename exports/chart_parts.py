"""The drawing steps every chart shares: axes styled alike, titles and notes broken to the
figure's width (CJK text too), round value ticks, value labels, category axes, and the pick
data that makes a bar or slice clickable. Headless: matplotlib Figures only, never pyplot or Qt.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from decimal import Decimal

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from exports.chart_style import (
    GRID_COLOR,
    LABEL_SIZE,
    NOTE_SIZE,
    SPINE_COLOR,
    TEXT_COLOR,
    TITLE_SIZE,
    VALUE_SIZE,
    format_tick,
    money_unit,
    wrap_label,
)
from exports.chart_text import ChartText
from services.aggregates import Drill

# ---------------------------------------------------------------- picking


def pickable(artist: Artist, drill: Drill, label: str) -> None:
    artist.set_picker(True)
    # matplotlib artists have no slot for app data; one namespaced attribute keeps it findable.
    artist.greenledger_pick = (drill, label)  # type: ignore[attr-defined]  # app data on an Artist


def pick_target(artist: Artist) -> tuple[Drill, str] | None:
    """The (drill, label) of a bar or slice that charts made clickable, else None."""
    return getattr(artist, "greenledger_pick", None)


# ---------------------------------------------------------------- axes, labels, notes


def style_axes(ax, value_axis: str) -> None:
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(SPINE_COLOR)
    ax.tick_params(colors=TEXT_COLOR, labelsize=LABEL_SIZE, length=3)
    ax.grid(axis=value_axis, color=GRID_COLOR, linewidth=0.8)
    ax.set_axisbelow(True)


def new_axes(fig: Figure, title: str, value_axis: str):
    """The figure's plot area, styled, with its title; `value_axis` is "x" or "y"."""
    ax = fig.add_subplot()
    style_axes(ax, value_axis)
    set_title(ax, title)
    return ax


def set_title(ax, title: str) -> None:
    ax._greenledger_title = title  # fit_text re-breaks it when a canvas resizes the figure
    ax.set_title(
        _title_text(ax, title),
        loc="left",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=TEXT_COLOR,
    )


def _title_text(ax, title: str) -> str:
    # The title starts at the plot area's left edge (as last laid out; long category names push
    # it right) and may run on to the figure's edge.
    inches = (0.98 - ax.get_position().x0) * ax.figure.get_figwidth()  # may pass the plot's end
    return _wrap_note(title, max(6, int(inches * 72 / TITLE_SIZE)), indent=False)


def add_note(fig: Figure, lines: Sequence[str]) -> None:
    lines = [line for line in lines if line]
    if lines:
        # Broken to the figure's width here (matplotlib's wrap=True does not break CJK text and
        # the town/street note ran off the card); supxlabel takes part in the constrained
        # layout, so the lines get their height.
        # fit_text re-breaks them when a canvas resizes the figure
        fig._greenledger_note = lines  # type: ignore[attr-defined]  # app data on a Figure
        fig.supxlabel(
            _note_text(fig, lines), x=0.01, ha="left", fontsize=NOTE_SIZE, color="#666666"
        )


def _note_text(fig: Figure, lines: Sequence[str]) -> str:
    width = note_width(fig.get_figwidth())
    return "\n".join(
        _wrap_note(("注：" if i == 0 else "　　") + line, width) for i, line in enumerate(lines)
    )


def fit_text(fig: Figure) -> None:
    """Break titles and the note again for the figure's current width (a dashboard card is
    narrower than the 7-inch figure, and an English title ran off its edge)."""
    lines = getattr(fig, "_greenledger_note", None)
    # _supxlabel: matplotlib keeps the supxlabel Text in a private attribute only
    if lines:
        label = fig._supxlabel  # type: ignore[attr-defined]
        if label is not None:
            label.set_text(_note_text(fig, lines))
    for ax in fig.axes:
        title = getattr(ax, "_greenledger_title", None)
        if title:
            ax.set_title(_title_text(ax, title), loc="left")


def _wrap_note(line: str, width: int, *, indent: bool = True) -> str:
    if line.isascii() or sum(ch.isascii() for ch in line) > len(line) * 0.7:
        # Latin text: about two letters to the em, broken between words.
        return "\n".join(textwrap.wrap(line, width * 2, subsequent_indent="    " * indent))
    return wrap_label(line, width, indent="　　" * indent)


def note_width(figure_width: float) -> int:
    """Characters of a note line: a CJK character is one em (NOTE_SIZE points) wide."""
    return max(10, int(figure_width * 72 * 0.96 / NOTE_SIZE))


def top_legend(fig: Figure, handles: list, labels: list[str]) -> None:
    # A row of its own above the plot (constrained layout makes room): it can neither hide a bar
    # nor run into a left-aligned title, however narrow the card.
    fig.legend(
        handles,
        labels,
        loc="outside upper right",
        frameon=False,
        fontsize=LABEL_SIZE,
        ncols=len(labels),
    )


def empty_chart(fig: Figure, title: str, message: str) -> None:
    ax = fig.add_subplot()
    set_title(ax, title)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=LABEL_SIZE + 2, color="#888888")


def value_axis(
    ax, axis: str, largest: float, label: str, *, integer: bool = False, nbins: int | None = None
) -> None:
    """Fixed, round ticks from 0 with headroom for the value labels."""
    top = largest * 1.18 if largest > 0 else 1
    # Fewer ticks across: long category names leave a horizontal chart's value axis narrow.
    bins = nbins or (5 if axis == "y" else 3)
    ticks = MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10], integer=integer).tick_values(0, top)
    ticks = [t for t in ticks if t >= 0]
    limit = max(top, ticks[-1])
    formatter = FuncFormatter(lambda value, _pos: format_tick(value))
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(FixedLocator(ticks))
    target.set_major_formatter(formatter)
    if axis == "y":
        ax.set_ylim(0, limit)
        ax.set_ylabel(label, fontsize=LABEL_SIZE, color=TEXT_COLOR)
    else:
        ax.set_xlim(0, limit)
        ax.set_xlabel(label, fontsize=LABEL_SIZE, color=TEXT_COLOR)


def category_axis(ax, axis: str, labels: Sequence[str]) -> None:
    positions = list(range(len(labels)))
    if axis == "x":
        ax.set_xticks(positions, labels)
        ax.set_xlim(-0.6, len(labels) - 0.4)
    else:
        ax.set_yticks(positions, labels)
        ax.set_ylim(len(labels) - 0.4, -0.6)  # first item on top
    ax.tick_params(axis=axis, length=0)


def bar_label(ax, x: float, y: float, label: str, *, horizontal: bool) -> None:
    """A value label just right of a horizontal bar's end or just above a column."""
    offset, ha, va = ((4, 0), "left", "center") if horizontal else ((0, 3), "center", "bottom")
    ax.annotate(
        label,
        (x, y),
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=VALUE_SIZE,
        color=TEXT_COLOR,
    )


def money_scale(amounts: Sequence[Decimal], text: ChartText | None = None) -> tuple[Decimal, str]:
    divisor, unit = money_unit(max(amounts, default=Decimal(0)))
    return divisor, unit if text is None else text.unit_names.get(unit, unit)


# ---------------------------------------------------------------- layout


COLUMN_LIMIT = 7  # more sections than this read better as horizontal bars
SHORT_LABEL = 6  # names longer than this (every "(一)加快推动绿色低碳发展") collide under columns


def crowded(names: Sequence[str]) -> bool:
    """Horizontal bars when columns would crowd their labels into each other."""
    return len(names) > COLUMN_LIMIT or max((len(n) for n in names), default=0) > SHORT_LABEL


def grow_for_rows(fig: Figure, rows: int) -> None:
    """One readable row per bar: grow the figure rather than squeeze the labels."""
    if rows > 12:
        fig.set_figheight(max(fig.get_figheight(), 1.3 + 0.27 * rows))


def shorten(label: str, width: int) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
