"""Printing a grid (or its selection) on the official page: A4 landscape, title, header row
repeated on every page, "— 1 —" page numbers, as the 公文 appendix tables are printed.

The table is laid out by a QTextDocument (it breaks pages between rows and repeats the header
row); each page is then painted with its footer. Print preview is Qt's own dialog over the same
painting. Rows come from the grid's model a page at a time (never the whole 1,000,000): a print
is capped at PRINT_ROW_LIMIT rows, and the page says so. Nothing here writes the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QTableView, QWidget

from services.records import ColumnKind

PRINT_ROW_LIMIT = 5_000  # more is a filter away: nobody reads a 20,000-row printout
MARGINS_MM = QMarginsF(10, 15, 10, 15)  # as the official xlsx: 0.4 in sides, 0.6 in top/bottom
FOOTER_MM = 8.0
BODY_POINTS = 9
_RIGHT = (ColumnKind.MONEY, ColumnKind.INTEGER)
_CENTRE = (ColumnKind.SEQUENCE, ColumnKind.PERIOD, ColumnKind.CHOICE)


@dataclass(frozen=True)
class PrintContent:
    title: str
    headers: list[str]
    aligns: list[str]
    widths: list[float]  # share of the page width per column, as wide as on screen
    rows: list[list[str]]
    omitted: int  # rows beyond PRINT_ROW_LIMIT


def official_printer(printer: QPrinter | None = None) -> QPrinter:
    """A printer set up as the office prints appendix tables: A4 landscape, official margins."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def _selected_rows_and_columns(view: QTableView) -> tuple[list[int] | None, list[int]]:
    """The selection's rows and columns when more than one cell is selected, else (None, all)."""
    model = view.model()
    visible = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    selection = view.selectionModel().selection()
    cells = sum(r.width() * r.height() for r in selection)
    if cells <= 1:
        return None, visible
    rows: list[int] = []
    for top, bottom in sorted({(r.top(), r.bottom()) for r in selection}):
        rows.extend(range(top, bottom + 1))
    rows = sorted(set(rows))
    left = min(r.left() for r in selection)
    right = max(r.right() for r in selection)
    columns = [c for c in visible if left <= c <= right] if right > left else visible
    return rows, columns


def collect(view: QTableView, title: str, *, selection_only: bool = True) -> PrintContent:
    """What a print shows: the selection (several cells selected) or the grid's rows."""
    model = view.model()
    rows, columns = _selected_rows_and_columns(view) if selection_only else (None, [])
    if rows is None:
        columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
        rows = list(range(model.rowCount()))
    omitted = max(0, len(rows) - PRINT_ROW_LIMIT)
    rows = rows[:PRINT_ROW_LIMIT]
    specs = [model.column(c) for c in columns]
    cells = [
        ["" if record is None else model.display_text(record, spec) for spec in specs]
        for record in model.records(rows)
    ]
    aligns = [
        "right" if s.kind in _RIGHT else "center" if s.kind in _CENTRE else "left" for s in specs
    ]
    headers = [model.header_title(c) for c in columns]
    pixels = [max(1, view.columnWidth(c)) for c in columns]
    widths = [100 * p / sum(pixels) for p in pixels]
    return PrintContent(title, headers, aligns, widths, cells, omitted)


def document(content: PrintContent, device, page_size: QSizeF) -> QTextDocument:
    """The table laid out for `device` (fonts at its resolution), pages of `page_size` pixels."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont(doc.defaultFont())
    font.setPointSize(BODY_POINTS)
    doc.setDefaultFont(font)
    head = "".join(
        f'<th width="{w:.1f}%">{escape(h)}</th>'
        for h, w in zip(content.headers, content.widths, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td align="{a}">{escape(v).replace(chr(10), "<br>")}</td>'
            for v, a in zip(row, content.aligns, strict=True)
        )
        + "</tr>"
        for row in content.rows
    )
    note = ""
    if content.omitted:
        note = (
            "<p>"
            + escape(
                QCoreApplication.translate(
                    "GridPrinter", "%1 more rows not printed: filter the table to print them."
                ).replace("%1", f"{content.omitted:,}")
            )
            + "</p>"
        )
    doc.setHtml(
        f'<h3 align="center">{escape(content.title)}</h3>'
        '<table border="1" cellspacing="0" cellpadding="3" width="100%"'
        ' style="border-collapse: collapse; border-color: #555;">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"
    )
    # The header row repeats on every page.
    table = doc.rootFrame().childFrames()[0] if doc.rootFrame().childFrames() else None
    if table is not None:
        table_format = table.format().toTableFormat()
        table_format.setHeaderRowCount(1)
        table.setFormat(table_format)
    doc.setPageSize(page_size)
    return doc


def render(printer: QPrinter, content: PrintContent) -> int:
    """Paint `content` on `printer`, page by page with "— n —" footers; returns the page count."""
    resolution = printer.resolution()
    paint_rect = printer.pageLayout().paintRectPixels(resolution)
    footer = FOOTER_MM / 25.4 * resolution
    page_size = QSizeF(paint_rect.width(), paint_rect.height() - footer)
    doc = document(content, printer, page_size)
    pages = doc.pageCount()
    painter = QPainter(printer)
    try:
        font = QFont(doc.defaultFont())
        painter.setFont(QFont(font, printer))
        for page in range(pages):
            if page:
                printer.newPage()
            painter.save()
            painter.translate(0, -page * page_size.height())
            clip = QRectF(0, page * page_size.height(), page_size.width(), page_size.height())
            doc.drawContents(painter, clip)
            painter.restore()
            painter.drawText(
                QRectF(0, page_size.height(), page_size.width(), footer),
                Qt.AlignmentFlag.AlignCenter,
                f"— {page + 1} —",
            )
    finally:
        painter.end()
    return pages


def print_preview(parent: QWidget, view: QTableView, title: str) -> QPrintPreviewDialog:
    """Qt's print preview of the grid or its selection, on the official page setup."""
    content = collect(view, title)
    printer = official_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ref = printer  # the dialog does not own it: Python must keep it alive
    dialog.setWindowTitle(QCoreApplication.translate("GridPrinter", "Print preview"))
    dialog.paintRequested.connect(lambda target: render(target, content))
    dialog.resize(1100, 760)
    return dialog


def print_grid(parent: QWidget, view: QTableView, title: str) -> bool:
    """The system print dialog, then the grid or its selection on the chosen printer."""
    content = collect(view, title)
    printer = official_printer()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    render(printer, content)
    return True
