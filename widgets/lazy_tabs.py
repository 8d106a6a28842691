"""A tab widget whose pages are built the first time they are shown, addressed by key.

The main window's centre holds the project grid plus the other views (dashboard,
tracking); most sessions open only one or two of them, so each is created on first show. A page
that fails to build shows the error
instead of taking the window down. Every page gets a "go to" action with Ctrl+1…Ctrl+9.
This widget knows nothing about plans or filters; the main window wires the built pages.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

log = logging.getLogger(__name__)


@dataclass
class TabSpec:
    key: str
    title: str
    factory: Callable[[], QWidget] | None  # None: a page that was built when added
    page: QWidget  # the placeholder until built, then the real widget
    built: bool = False
    action: QAction | None = None


class LazyTabWidget(QTabWidget):
    tabBuilt = Signal(str, object)  # key, widget — just created, before it is shown
    currentKeyChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._specs: dict[str, TabSpec] = {}
        self.currentChanged.connect(self._on_current_changed)

    # ------------------------------------------------------------------ adding pages

    def add_page(self, key: str, title: str, widget: QWidget) -> TabSpec:
        """A page that exists already (the project grid)."""
        spec = TabSpec(key, title, None, widget, built=True)
        self.addTab(widget, title)
        return self._register(spec)

    def add_lazy(
        self, key: str, title: str, factory: Callable[[], QWidget], index: int = -1
    ) -> TabSpec:
        """A page that `factory()` builds on first show."""
        placeholder = QLabel(self.tr("Loading…"), self)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        spec = TabSpec(key, title, factory, placeholder)
        self.insertTab(index, placeholder, title)
        return self._register(spec)

    def _register(self, spec: TabSpec) -> TabSpec:
        self._specs[spec.key] = spec
        spec.action = QAction(spec.title, self)
        spec.action.setObjectName(f"tab_{spec.key}")
        spec.action.triggered.connect(lambda _checked=False, key=spec.key: self.show_key(key))
        self._renumber()
        return spec

    def _renumber(self) -> None:
        for spec in self._specs.values():
            position = self.indexOf(spec.page)
            shortcut = QKeySequence(f"Ctrl+{position + 1}") if 0 <= position < 9 else QKeySequence()
            spec.action.setShortcut(shortcut)
            spec.action.setEnabled(self.isTabEnabled(position))

    # ------------------------------------------------------------------ access

    def actions_in_order(self) -> list[QAction]:
        return [s.action for s in sorted(self._specs.values(), key=lambda s: self.indexOf(s.page))]

    def spec(self, key: str) -> TabSpec | None:
        return self._specs.get(key)

    def page(self, key: str, *, build: bool = True) -> QWidget | None:
        """The page's widget, built now if needed; None if the key is unknown."""
        spec = self._specs.get(key)
        if spec is None or (spec.factory is None and not spec.built):
            return None
        if not spec.built and build:
            self._build(spec)
        return spec.page if spec.built else None

    def built_pages(self) -> Iterator[tuple[str, QWidget]]:
        for spec in self._specs.values():
            if spec.built:
                yield spec.key, spec.page

    def show_key(self, key: str) -> bool:
        spec = self._specs.get(key)
        if spec is None or not self.isTabEnabled(self.indexOf(spec.page)):
            return False
        self.setCurrentWidget(spec.page)
        return True

    def current_key(self) -> str | None:
        for spec in self._specs.values():
            if spec.page is self.currentWidget():
                return spec.key
        return None

    # ------------------------------------------------------------------ building

    def _on_current_changed(self, _index: int) -> None:
        key = self.current_key()
        if key is None:
            return
        spec = self._specs[key]
        if not spec.built and spec.factory is not None:
            self._build(spec)
        self.currentKeyChanged.emit(key)

    def _build(self, spec: TabSpec) -> None:
        try:
            widget = spec.factory()
        except Exception:
            log.exception("tab %s failed to load", spec.key)
            widget = QLabel(
                self.tr("This view could not be opened:\n%1").replace(
                    "%1", traceback.format_exc(limit=3)
                )
            )
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setWordWrap(True)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        placeholder, position = spec.page, self.indexOf(spec.page)
        with QSignalBlocker(self):
            current = self.currentIndex()
            self.removeTab(position)
            self.insertTab(position, widget, spec.title)
            self.setCurrentIndex(current)
        placeholder.deleteLater()
        spec.page, spec.built = widget, True
        self.tabBuilt.emit(spec.key, widget)
