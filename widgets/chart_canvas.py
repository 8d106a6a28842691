"""A matplotlib Figure embedded in Qt (FigureCanvasQTAgg), with copy / save PNG / save SVG.

The figure comes ready-made from exports.charts (headless); this widget only shows it, turns a
click on a bar or slice into `picked(drill, label)`, and exports: clipboard image, PNG at
300 dpi, SVG (glyphs as paths, so any reader shows the Chinese). It never queries the database.

Drawing with Agg is the costly part, so a chart is drawn once per figure, at its laid-out size:
the card keeps the canvas's room before its first figure (the page's layout does not shift and
resize the charts drawn before it), and a hidden card draws when it is shown.
"""

from __future__ import annotations

import io
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QImage, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exports.charts import fit_text, pick_target

EXPORT_DPI = 300
CLIPBOARD_DPI = 200
MIN_CANVAS_HEIGHT = 360  # px: ~15 labelled rows stay readable


class PageScrollingCanvas(FigureCanvasQTAgg):
    """A canvas that leaves the mouse wheel to the page: charts have nothing to scroll, and a
    wheel over a chart used to stop the dashboard from scrolling."""

    def wheelEvent(self, event) -> None:
        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()
            return
        # Handed to the page's viewport directly: Qt propagates only spontaneous wheel events.
        viewport = area.viewport()
        position = viewport.mapFromGlobal(event.globalPosition())
        forwarded = QWheelEvent(
            position,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
        )
        QApplication.sendEvent(viewport, forwarded)
        event.accept()

    def draw(self) -> None:
        # A resize queues an idle draw and matplotlib keeps that request until its callback
        # runs: drawing now fulfils it, or the same picture would be drawn a second time.
        self._draw_pending = False
        super().draw()


class ChartCanvas(QWidget):
    """One chart: the canvas plus a small row of export buttons (also in the context menu)."""

    picked = Signal(object, str)  # services.aggregates.Drill, label of the bar
    exported = Signal(str)  # path written

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name  # default file name stem, e.g. "sections"
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.source: object = None  # what the figure was built from (set_figure's caller says)
        self._last_pick_event = None

        self.copy_action = QAction(self.tr("Copy chart"), self)
        self.copy_action.triggered.connect(self.copy_to_clipboard)
        self.png_action = QAction(self.tr("Save as PNG (300 dpi)…"), self)
        self.png_action.triggered.connect(lambda: self._ask_and_save("png"))
        self.svg_action = QAction(self.tr("Save as SVG…"), self)
        self.svg_action.triggered.connect(lambda: self._ask_and_save("svg"))

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        for action, text in (
            (self.copy_action, self.tr("Copy")),
            (self.png_action, self.tr("PNG")),
            (self.svg_action, self.tr("SVG")),
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setText(text)
            button.setToolTip(action.text())
            button.setAutoRaise(True)
            buttons.addWidget(button)

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 4)
        self._layout.setSpacing(0)
        self._layout.addLayout(buttons)
        # The canvas's room, held before the first figure arrives.
        self._placeholder = QWidget(self)
        self._placeholder.setMinimumHeight(MIN_CANVAS_HEIGHT)
        self._layout.addWidget(self._placeholder, 1)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._set_actions_enabled(False)

    # ------------------------------------------------------------------ showing a figure

    def set_figure(self, figure: Figure, source: object = None) -> None:
        """Show a new figure (each refresh builds new ones; a canvas is bound to its figure).

        `source` is what it was built from; the caller compares it to skip an unchanged chart.
        Nothing is drawn until `draw()`, once the page is laid out."""
        old = self._placeholder if self.canvas is None else self.canvas
        self.figure, self.source = figure, source
        self.canvas = PageScrollingCanvas(figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Tall figures (a per-project timeline) keep their rows readable: scroll, don't squeeze.
        self.canvas.setMinimumHeight(max(MIN_CANVAS_HEIGHT, int(figure.get_figheight() * 72)))
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(
            lambda pos: self._menu(self.canvas.mapTo(self, pos))
        )
        self.canvas.mpl_connect("resize_event", lambda _event: fit_text(figure))
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self._layout.replaceWidget(old, self.canvas)
        old.hide()
        old.deleteLater()
        self._set_actions_enabled(True)
        # The card's minimum grows with the new canvas: tell the page's layout now, or a row of
        # cards can be laid out shorter than its charts (seen in English, with taller tiles).
        self._layout.activate()
        self.updateGeometry()

    def draw(self) -> None:
        """Draw the figure at the size the page gave it; a hidden card draws when shown."""
        if self.canvas is None:
            return
        self.canvas.show()  # delivers the pending resize: the figure takes its final size
        if self.canvas.isVisible():
            self.canvas.draw()

    def _set_actions_enabled(self, enabled: bool) -> None:
        for action in (self.copy_action, self.png_action, self.svg_action):
            action.setEnabled(enabled)

    # ------------------------------------------------------------------ clicks

    def _on_pick(self, event) -> None:
        # Overlapping artists each raise a pick event for one click: act on the first only.
        if event.mouseevent is self._last_pick_event or event.mouseevent.button != 1:
            return
        target = pick_target(event.artist)
        if target is not None:
            self._last_pick_event = event.mouseevent
            self.picked.emit(*target)

    def _on_motion(self, event) -> None:
        over = False
        if event.inaxes is not None and self.figure is not None:
            for artist in event.inaxes.get_children():
                if pick_target(artist) is not None and artist.contains(event)[0]:
                    over = True
                    break
        shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor
        self.canvas.setCursor(shape)

    # ------------------------------------------------------------------ exports

    def _menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions([self.copy_action, self.png_action, self.svg_action])
        menu.exec(self.mapToGlobal(pos))

    def save(self, path: str | Path, fmt: str | None = None) -> Path:
        """Write the chart: PNG at 300 dpi, SVG or PDF (format from `fmt` or the suffix)."""
        if self.figure is None:
            raise RuntimeError("no chart to save yet")
        path = Path(path)
        fmt = (fmt or path.suffix.lstrip(".") or "png").lower()
        self.figure.savefig(path, format=fmt, dpi=EXPORT_DPI, facecolor="white")
        self.exported.emit(str(path))
        return path

    def image(self, dpi: int = CLIPBOARD_DPI) -> QImage:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
        return QImage.fromData(buffer.getvalue(), "PNG")

    def copy_to_clipboard(self) -> None:
        if self.figure is not None:
            QGuiApplication.clipboard().setImage(self.image())

    def _ask_and_save(self, fmt: str) -> None:
        if self.figure is None:
            return
        filters = {
            "png": self.tr("PNG image (*.png)"),
            "svg": self.tr("SVG drawing (*.svg)"),
        }
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.name}.{fmt}", filters[fmt]
        )
        if not path:
            return
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        try:
            self.save(path, fmt)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save chart"),
                self.tr("Could not save the chart:\n%1").replace("%1", str(exc)),
            )
