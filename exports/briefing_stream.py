"""A streaming table flowable for long briefing tables (10,000 projects, 1,500 pages).

reportlab's Table re-measures every remaining row each time it splits at a page end, which is
quadratic in the number of pages, and it needs all rows in memory up front. `StreamTable` pulls
rows from an iterator only as pages are laid out, measures each row once, keeps running sums of
row heights, and cuts at page ends in time proportional to the page. It draws the grid itself
from the already-wrapped paragraphs, so no cell is wrapped twice.

Layout rules a printed ledger needs: the header row repeats on every page; a row is never split
across pages unless it is taller than a whole page, and then only between text lines, with the
continuation marked; a subtotal row never opens a page alone; one column (项目类型) can merge
equal consecutive values vertically, as the official tables do, restarting on each page.

Headless (reportlab only). It must never hold more than about a page of wrapped rows at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from exports.briefing_celltext import CellText
from exports.briefing_fonts import (
    BODY,
    GRID,
    HEADER_FILL,
    HEADING,
    INK,
    LATIN,
    LATIN_BOLD,
    SUBTOTAL_FILL,
)
from exports.briefing_painter import TextPainter

PAD_X, PAD_Y = 3.0, 2.6


@dataclass(frozen=True)
class Num:
    """A one-line cell (numbers, short labels): drawn as a string, no paragraph needed."""

    text: str
    bold: bool = False
    align: str = "right"  # "right" | "center" | "left"


# Paragraph or CellText (anything with wrap / split / drawOn), a one-line Num, or nothing.
Cell: TypeAlias = Paragraph | CellText | Num | str | None
Rule: TypeAlias = tuple[float, float, float, float]  # a ruled line from (x0, y0) to (x1, y1)


@dataclass
class RowSpec:
    cells: list[Cell]
    kind: str = "row"  # "row" | "subtotal" | "total"
    merge_key: object = None  # equal keys in consecutive "row"s merge the merge column
    spans: tuple[tuple[int, int], ...] = ()  # (first, last) columns drawn as one cell
    fill: Color | None = None


@dataclass
class _Line:
    """One measured table line (a row, or a piece of a row taller than a page)."""

    cells: list[Cell] | None
    heights: list[float]  # wrapped height of each cell (0 for None)
    kind: str
    merge_key: object
    spans: tuple[tuple[int, int], ...]
    fill: Color | None
    h_plain: float  # height without the merge-column cell
    h_full: float  # height with it (used when the line opens a merged run)
    run_start: bool  # opens a run of the merge column in table order
    continued: bool = False  # a piece after the first of a row split over pages
    widths: list[float] | None = None  # cell widths (spans joined), for cutting the row later


@dataclass
class _Shared:
    """State shared by all the page parts of one table."""

    widths: list[float]
    header: list[Cell]
    header_heights: list[float]
    header_h: float
    rows: Iterator[RowSpec]
    merge_col: int | None
    max_line_h: float
    font_size: float
    lines: list[_Line] = field(default_factory=list)
    # prefix[i] = sum of effective heights of lines[0:i] in table order.
    prefix: list[float] = field(default_factory=lambda: [0.0])
    exhausted: bool = False
    on_draw: Callable[[int], None] | None = None
    # Flowables printed above the first page's header (the section heading and its bookmark),
    # so a heading never stays behind at the foot of a page without its table.
    caption: list[Flowable] = field(default_factory=list)
    caption_h: float | None = None  # measured at the first wrap, when the width is known
    max_height: float = 0.0  # the frame height the whole first part must fit into


def _wrap(cell: Cell, width: float) -> float:
    if cell is None or isinstance(cell, Num | str):
        return 0.0
    _, h = cell.wrap(width - 2 * PAD_X, 1e6)
    return h


class StreamTable(Flowable):
    """The rows of `rows` (an iterator of RowSpec) under a repeated header, page by page."""

    def __init__(
        self,
        header: Sequence[Cell],
        widths: Sequence[float],
        rows: Iterator[RowSpec] | Sequence[RowSpec],
        *,
        font_size: float,
        max_line_height: float,
        merge_col: int | None = None,
        on_draw: Callable[[int], None] | None = None,
        caption: Sequence[Flowable] = (),
        _shared: _Shared | None = None,
        _start: int = 0,
        _stop: int | None = None,
    ) -> None:
        super().__init__()
        if _shared is None:
            widths = list(widths)
            header = list(header)
            heights = [_wrap(c, w) for c, w in zip(header, widths, strict=True)]
            header_h = max([*heights, font_size * 1.3]) + 2 * PAD_Y
            _shared = _Shared(
                widths,
                header,
                heights,
                header_h,
                iter(rows),
                merge_col,
                max_line_height - header_h,
                font_size,
                on_draw=on_draw,
                caption=list(caption),
                max_height=max_line_height,
            )
        self._s = _shared
        self._start = _start
        self._stop = _stop  # None = to the end of the rows
        self.width = sum(_shared.widths)

    # ---------------------------------------------------------------- measuring

    def _min_line_h(self) -> float:
        return self._s.font_size * 1.3 + 2 * PAD_Y

    def _measure_next(self) -> bool:
        """Measure one more row (possibly several lines); False when the rows are exhausted."""
        s = self._s
        if s.exhausted:
            return False
        try:
            spec = next(s.rows)
        except StopIteration:
            s.exhausted = True
            return False
        widths = s.widths
        cell_widths = list(widths)
        covered: set[int] = set()
        for first, last in spec.spans:
            cell_widths[first] = sum(widths[first : last + 1])
            covered.update(range(first + 1, last + 1))
        heights = [
            0.0 if i in covered else _wrap(c, cell_widths[i]) for i, c in enumerate(spec.cells)
        ]
        prev = s.lines[-1] if s.lines else None
        run_start = (
            s.merge_col is not None
            and spec.kind == "row"
            and not (
                prev is not None
                and prev.kind == "row"
                and spec.merge_key is not None
                and prev.merge_key == spec.merge_key
            )
        )
        floor = self._min_line_h()
        plain = [h for i, h in enumerate(heights) if i != s.merge_col]
        h_plain = max([*plain, 0.0]) + 2 * PAD_Y
        h_full = max(heights) + 2 * PAD_Y
        h_plain, h_full = max(h_plain, floor), max(h_full, floor)
        line = _Line(
            spec.cells,
            heights,
            spec.kind,
            spec.merge_key,
            spec.spans,
            spec.fill,
            h_plain,
            h_full,
            run_start,
            widths=cell_widths,
        )
        if h_full > s.max_line_h:
            for piece in self._split_tall(line, cell_widths):
                self._append(piece)
        else:
            self._append(line)
        return True

    def _append(self, line: _Line) -> None:
        s = self._s
        s.lines.append(line)
        s.prefix.append(s.prefix[-1] + (line.h_full if line.run_start else line.h_plain))

    def _split_tall(self, line: _Line, cell_widths: list[float]) -> list[_Line]:
        """A row taller than a page: cut it between text lines into page-high pieces."""
        pieces: list[_Line] = []
        rest: _Line | None = line
        while rest is not None:
            first, rest = self._cut(rest, cell_widths, self._s.max_line_h)
            pieces.append(first)
        return pieces

    def _cut(
        self, line: _Line, cell_widths: list[float], height: float
    ) -> tuple[_Line, _Line | None]:
        """The part of a row that fits `height` and the rest (None when it all fits). Cells are
        cut between their text lines; the rest is marked as continued."""
        if line.cells is None:  # only table rows are cut; headings fit or move on whole
            raise ValueError(f"cannot cut a {line.kind!r} line")
        limit = height - 2 * PAD_Y
        firsts: list[Cell] = []
        rests: list[Cell] = []
        for cell, width in zip(line.cells, cell_widths, strict=True):
            if isinstance(cell, Paragraph | CellText) and _wrap(cell, width) > limit:
                parts = cell.split(width - 2 * PAD_X, limit)
                if len(parts) == 2:
                    firsts.append(parts[0])
                    rests.append(parts[1])
                    continue
                if not parts:  # not one text line fits: it all moves on
                    firsts.append(None)
                    rests.append(cell)
                    continue
            firsts.append(cell)
            rests.append(None)
        floor = self._min_line_h()

        def make(cells: list[Cell], first: bool) -> _Line:
            heights = [_wrap(c, w) for c, w in zip(cells, cell_widths, strict=True)]
            h = max(max([*heights, 0.0]) + 2 * PAD_Y, floor)
            return _Line(
                cells,
                heights,
                line.kind,
                line.merge_key,
                line.spans,
                line.fill,
                h,
                h,
                line.run_start and first and not line.continued,
                continued=line.continued or not first,
                widths=cell_widths,
            )

        if not any(c is not None for c in rests):
            return line, None
        return make(firsts, True), make(rests, False)

    def _cut_at_page_end(self, index: int, avail: float) -> bool:
        """Split a big row at the foot of a page instead of leaving the space empty: only rows
        taller than a third of a page, and only when a useful part (a quarter page) fits."""
        s = self._s
        line = s.lines[index]
        if (
            line.cells is None
            or line.widths is None
            or line.h_plain < s.max_line_h / 3
            or avail < s.max_line_h / 4
        ):
            return False
        first, rest = self._cut(line, line.widths, avail)
        if rest is None or first.h_plain > avail + 1e-6:
            return False
        s.lines[index : index + 1] = [first, rest]
        # Re-add the running heights from this line on (at most a page of lines is measured).
        del s.prefix[index + 1 :]
        for item in s.lines[index:]:
            s.prefix.append(s.prefix[-1] + (item.h_full if item.run_start else item.h_plain))
        if self._stop is not None:
            self._stop += 1
        return True

    def _height(self, start: int, stop: int) -> float:
        """Body height of lines[start:stop] when drawn as one page part."""
        s = self._s
        if stop <= start:
            return 0.0
        h = s.prefix[stop] - s.prefix[start]
        first = s.lines[start]
        if not first.run_start and s.merge_col is not None and first.kind == "row":
            h += first.h_full - first.h_plain  # the merged cell restarts on a new page
        return h

    def _fit(self, avail: float) -> tuple[int, bool]:
        """How many lines from _start fit into `avail` body height; and whether that is all."""
        s = self._s
        stop = self._stop
        n = self._start
        while True:
            if stop is not None and n >= stop:
                return n, True
            if n >= len(s.lines) and not self._measure_next():
                return n, True
            if self._height(self._start, n + 1) > avail + 1e-6:
                return n, False
            n += 1

    # ---------------------------------------------------------------- Flowable protocol

    def _caption_height(self, availWidth: float) -> float:
        """Height of the caption above this part (only the first part has one)."""
        s = self._s
        if s.caption_h is None:
            total = 0.0
            for i, flowable in enumerate(s.caption):
                _, h = flowable.wrap(availWidth, 1e6)
                total += h + flowable.getSpaceAfter()
                if i:
                    total += flowable.getSpaceBefore()
            s.caption_h = total
            # Pieces of an over-tall row must fit under the caption and header of a fresh page.
            s.max_line_h = s.max_height - s.header_h - total
        return s.caption_h if self._start == 0 else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        caption = self._caption_height(availWidth)
        avail = availHeight - self._s.header_h - caption
        n, complete = self._fit(avail)
        body = self._height(self._start, n)
        if not complete:
            # One more line than fits: anything above availHeight makes the frame split us.
            body = self._height(self._start, n + 1)
        self._stop_seen = n if complete else None
        self.height = caption + self._s.header_h + body
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        caption = self._caption_height(availWidth)
        avail = availHeight - self._s.header_h - caption
        n, complete = self._fit(avail)
        if complete:
            return [self._part(self._start, n)]
        lines = self._s.lines
        # Subtotals and totals never open a page alone: take the last row along with them.
        while n - self._start >= 2 and lines[n].kind != "row":
            n -= 1
        if lines[n].kind == "row" and self._cut_at_page_end(
            n, avail - self._height(self._start, n)
        ):
            n += 1  # the first part of a big row ends this page
        if n <= self._start:
            return []  # not even one row fits here: ask for a fresh frame
        return [self._part(self._start, n), self._part(n, self._stop)]

    def _part(self, start: int, stop: int | None) -> StreamTable:
        return StreamTable(
            (),
            (),
            (),
            font_size=self._s.font_size,
            max_line_height=0,
            _shared=self._s,
            _start=start,
            _stop=stop,
        )

    def draw(self) -> None:
        s = self._s
        stop = self._stop if self._stop is not None else len(s.lines)
        # wrap() ran just before draw; if the part was open-ended, all remaining lines fit.
        stop = min(stop, getattr(self, "_stop_seen", None) or stop)
        canv = self.canv
        xs = [0.0]
        for w in s.widths:
            xs.append(xs[-1] + w)
        right = xs[-1]
        top = s.header_h + self._height(self._start, stop)
        if self._start == 0 and s.caption:
            self._draw_caption(top)
        rows = self._geometry(stop, top - s.header_h)
        bottom = rows[-1][1] if rows else top - s.header_h
        painter = _Painter(canv, s.font_size)
        canv.saveState()
        # Backgrounds, then text, then the grid on top.
        self._draw_fills(painter, rows, top, right)
        grid = self._draw_header(painter, xs, top)
        grid += self._draw_rows(painter, rows, xs)
        painter.flush_text()
        painter.lines(GRID, 0.5, grid)
        painter.lines(INK, 0.9, [(0, bottom, right, bottom), (0, top, right, top)])
        painter.lines(INK, 0.9, [(0, bottom, 0, top), (right, bottom, right, top)])
        canv.restoreState()
        # Let go of the wrapped cells of drawn lines: only heights stay behind.
        for index in range(self._start, stop):
            s.lines[index].cells = None
        if s.on_draw is not None:
            s.on_draw(stop)

    def _geometry(self, stop: int, y: float) -> list[tuple[_Line, float, float]]:
        """(line, bottom y, height) for every line of this page, from the header's foot down."""
        s = self._s
        mc = s.merge_col
        rows: list[tuple[_Line, float, float]] = []
        for index in range(self._start, stop):
            line = s.lines[index]
            opens = index == self._start or line.run_start
            h = line.h_full if (opens and line.kind == "row" and mc is not None) else line.h_plain
            y -= h
            rows.append((line, y, h))
        return rows

    def _draw_fills(self, painter, rows, top: float, right: float) -> None:
        """The header's background and each shaded line's (subtotals, totals, marked rows)."""
        painter.fill(HEADER_FILL, [(0, top - self._s.header_h, right, self._s.header_h)])
        fills: dict[object, list] = {}
        for line, y, h in rows:
            fill = line.fill or (SUBTOTAL_FILL if line.kind != "row" else None)
            if fill is not None:
                fills.setdefault(fill, []).append((0, y, right, h))
        for color, rects in fills.items():
            painter.fill(color, rects)

    def _draw_header(self, painter, xs: list[float], top: float) -> list[Rule]:
        """The header cells; returns the header's rules."""
        s = self._s
        header_y = top - s.header_h
        for i, cell in enumerate(s.header):
            painter.cell(cell, s.header_heights[i], xs[i], header_y, s.widths[i], s.header_h, True)
        grid: list[Rule] = [(0, header_y, xs[-1], header_y)]
        for i in range(1, len(xs) - 1):
            grid.append((xs[i], header_y, xs[i], top))
        return grid

    def _draw_rows(self, painter, rows, xs: list[float]) -> list[Rule]:
        """The lines' cells (a merged column drawn once per run); returns their rules."""
        s = self._s
        mc = s.merge_col
        right = xs[-1]
        grid: list[Rule] = []
        run: list = []  # the lines of the merged cell being drawn: [(line, y, h), ...]
        for k, (line, y, h) in enumerate(rows):
            y_top = y + h
            covered: set[int] = set()
            cell_width = s.widths
            if line.spans:
                cell_width = list(s.widths)
                for first, last in line.spans:
                    covered.update(range(first + 1, last + 1))
                    cell_width[first] = xs[last + 1] - xs[first]
            merged_here = mc is not None and line.kind == "row"
            if merged_here and (k == 0 or line.run_start):
                self._draw_run(painter, run, xs)
                run = []
            if merged_here:
                run.append((line, y, h))
            else:
                self._draw_run(painter, run, xs)
                run = []
            bold = line.kind != "row"
            for i, cell in enumerate(line.cells or ()):
                if cell is None or i in covered or (merged_here and i == mc):
                    continue
                painter.cell(cell, line.heights[i], xs[i], y, cell_width[i], h, bold)
            for i in range(1, len(xs) - 1):
                if i not in covered:
                    grid.append((xs[i], y, xs[i], y_top))
            # The rule under this row stays open under a merged cell that continues.
            nxt = rows[k + 1][0] if k + 1 < len(rows) else None
            if (
                merged_here
                and mc is not None
                and nxt is not None
                and nxt.kind == "row"
                and not nxt.run_start
            ):
                grid.append((0, y, xs[mc], y))
                grid.append((xs[mc + 1], y, right, y))
            else:
                grid.append((0, y, right, y))
            if line.continued and line.cells:
                painter.cell(Num("（续）", align="center"), 0, xs[0], y, xs[1] - xs[0], h, False)
        self._draw_run(painter, run, xs)
        return grid

    def _draw_caption(self, table_top: float) -> None:
        y = table_top + (self._s.caption_h or 0.0)
        for i, flowable in enumerate(self._s.caption):
            if i:
                y -= flowable.getSpaceBefore()
            _, h = flowable.wrap(self.width, 1e6)
            y -= h
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()

    def _draw_run(self, painter: _Painter, run: list, xs: list[float]) -> None:
        """The merged cell of a run of rows, centred over all of them."""
        mc = self._s.merge_col
        if not run or mc is None:
            return
        first = run[0][0]
        if not first.cells or first.cells[mc] is None:
            return
        bottom = run[-1][1]
        height = sum(h for _, _, h in run)
        painter.cell(
            first.cells[mc], first.heights[mc], xs[mc], bottom, self._s.widths[mc], height, False
        )


class _Painter(TextPainter):
    """A TextPainter that also draws the table's own cells (numbers, labels, paragraphs)."""

    def cell(
        self, cell: Cell, height: float, x: float, y: float, width: float, row_h: float, bold: bool
    ) -> None:
        if cell is None or cell == "":
            return
        if isinstance(cell, CellText):
            cell.draw_into(self, x + PAD_X, y + (row_h - height) / 2)
            return
        if isinstance(cell, Paragraph):
            cell.drawOn(self.canv, x + PAD_X, y + (row_h - height) / 2)
            return
        if isinstance(cell, str):
            cell = Num(cell, bold=bold, align="center")
        strong = cell.bold or bold
        if cell.text.isascii():
            font = LATIN_BOLD if strong else LATIN
        else:
            font = HEADING if strong else BODY
        size = self.font_size
        text_width = stringWidth(cell.text, font, size)
        while size > 5 and text_width > width - 2 * PAD_X:
            size -= 0.5  # a long number shrinks to fit rather than running over the grid
            text_width = stringWidth(cell.text, font, size)
        if cell.align == "right":
            left = x + width - PAD_X - text_width
        elif cell.align == "left":
            left = x + PAD_X
        else:
            left = x + (width - text_width) / 2
        self.set_font(font, size)
        self.origin(left, y + row_h / 2 - size * 0.35)
        self.text.textOut(cell.text)
