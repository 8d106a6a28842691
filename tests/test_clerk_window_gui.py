"""The window as a clerk meets it: title, layout in both languages, frozen columns, printing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui

pytest.importorskip("pytestqt")

from tests.test_main_window_gui import (  # noqa: E402, F401  (fixtures used by name)
    drain_background_work,
    isolated_settings,
    make_window,
)


@pytest.fixture
def clerk_window(qtbot, engine, sample_plan):
    return make_window(qtbot, engine)


def test_window_title_names_the_plan_once(clerk_window, sample_plan):
    window = clerk_window
    # Qt appends the display name ("— GreenLedger 绿色台账") itself; the title must not repeat it.
    assert window.windowTitle() == sample_plan.title
    assert "绿色台账" not in window.windowTitle() and "GreenLedger" not in window.windowTitle()
