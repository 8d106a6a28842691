"""The ProjectGrid's columns: frozen number and name, the chooser, owner roles, headers, printing."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit

from models import OwnerRole
from tests import grid_helpers as gh
from widgets.project_grid import ProjectGrid

pytestmark = pytest.mark.gui

# The shared fixtures by name: the sample plan in a shown grid, error pop-ups recorded.
ctx, grid, quiet_errors = gh.ctx, gh.grid, gh.quiet_errors


def _scroll_right(qtbot, grid, pixels=600):
    grid.view.horizontalScrollBar().setValue(pixels)
    qtbot.waitUntil(lambda: grid.view.frozen_view().isVisible(), timeout=2000)


def test_number_and_name_stay_in_view_when_scrolling_right(qtbot, grid):
    view = grid.view
    frozen = view.frozen_view()
    assert not frozen.isVisible()  # nothing to cover before scrolling
    _scroll_right(qtbot, grid)
    shown = [c for c in range(grid.model.columnCount()) if not frozen.isColumnHidden(c)]
    assert shown == [gh.column_of(grid, "seq_label"), gh.column_of(grid, "name")]
    assert frozen.x() == view.verticalHeader().width() + view.frameWidth()
    assert frozen.width() >= view.columnWidth(shown[0]) + view.columnWidth(shown[1])
    # Rows stay level with the grid when it scrolls down.
    view.verticalScrollBar().setValue(20)
    assert frozen.verticalScrollBar().value() == 20
    index = grid.model.index(view.rowAt(5), gh.column_of(grid, "name"))
    assert frozen.visualRect(index).top() == view.visualRect(index).top()
    # Scrolled back to the start, the grid shows its own columns again.
    view.horizontalScrollBar().setValue(0)
    assert not frozen.isVisible()


def test_typing_into_a_frozen_cell_edits_it_where_it_is_seen(qtbot, grid):
    view = grid.view
    _scroll_right(qtbot, grid)
    before = view.horizontalScrollBar().value()
    row, pid = gh.row_of(grid, "储罐综合整治")
    view.setFocus()
    view.setCurrentIndex(grid.model.index(row, gh.column_of(grid, "name")))
    assert view.horizontalScrollBar().value() == before  # the frozen cell is already in view
    qtbot.keyClick(view, "T")  # the first key opens the editor (QTest types ASCII only)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.frozen_view().isAncestorOf(editor)
    qtbot.keyClicks(editor, "ank")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert gh.db_value(grid.ctx, pid, "name") == "Tank"


def test_moving_left_brings_a_column_out_from_under_the_frozen_ones(qtbot, grid):
    view = grid.view
    _scroll_right(qtbot, grid, 600)
    content = grid.model.index(0, gh.column_of(grid, "content"))
    assert view.visualRect(content).left() < view.frozen_view().frozen_width()  # hidden
    view.setCurrentIndex(content)
    assert view.frozen_view().isVisible()
    assert view.visualRect(content).left() == view.frozen_view().frozen_width()


def test_column_chooser_hides_columns_and_the_layout_is_kept_per_table(qtbot, ctx, grid):
    layout = grid.view.column_layout
    menu = layout.build_menu()
    menu.findChild(QAction, "column_remarks").setChecked(False)
    assert grid.view.isColumnHidden(gh.column_of(grid, "remarks"))
    grid.view.setColumnWidth(gh.column_of(grid, "content"), 333)
    layout.save()
    again = ProjectGrid(ctx)
    qtbot.addWidget(again)
    assert again.view.isColumnHidden(gh.column_of(again, "remarks"))
    assert again.view.columnWidth(gh.column_of(again, "content")) == 333
    assert "remarks" in layout.hidden_keys()
    # Unfreezing is remembered too; Reset brings back every column at its default width.
    menu.findChild(QAction, "freeze_columns").setChecked(False)
    assert ProjectGrid(ctx).view.column_layout.is_frozen() is False
    layout.build_menu().findChild(QAction, "reset_columns").trigger()
    assert not grid.view.isColumnHidden(gh.column_of(grid, "remarks")) and layout.is_frozen()
    assert (
        grid.view.columnWidth(gh.column_of(grid, "content"))
        == grid.model.column(gh.column_of(grid, "content")).width
    )


def test_the_last_visible_column_cannot_be_hidden(grid):
    layout = grid.view.column_layout
    keys = [c.key for c in grid.model.columns()]
    for key in keys:
        layout.set_hidden(key, True)
    assert len(layout.hidden_keys()) == len(keys) - 1


def test_lead_and_cooperating_columns_edit_the_owner_roles(qtbot, grid):
    row, pid = gh.row_of(grid, "工业绿色制造体系")
    lead = grid.model.index(row, gh.column_of(grid, "lead_units"))
    assert lead.data() == "区工信局"
    assert grid.model.index(row, gh.column_of(grid, "cooperating_units")).data() == "经开区"
    gh.select_cells(grid, row, lead.column(), row, lead.column())
    assert grid.view.paste("区发改局\r\n")
    assert gh.db_value(grid.ctx, pid, "owners") == [
        ("区发改局", OwnerRole.LEAD),
        ("经开区", OwnerRole.COOPERATING),
    ]
    assert grid.model.index(row, gh.column_of(grid, "owners")).data() == "区发改局、经开区"
    grid.ctx.undo_stack.undo()
    assert gh.db_value(grid.ctx, pid, "owners")[0] == ("区工信局", OwnerRole.LEAD)


def test_headers_read_in_full_in_either_language(grid):
    from widgets.grid.column_layout import HEADER_WIDTH_LIMIT

    header = grid.view.horizontalHeader()
    for i in range(grid.model.columnCount()):
        title = grid.model.header_title(i)
        needed = header.fontMetrics().horizontalAdvance(title) + 12
        assert grid.view.columnWidth(i) >= min(needed, HEADER_WIDTH_LIMIT), title


def test_print_the_table_or_the_selection_on_the_official_page(qtbot, grid, tmp_path):
    import subprocess

    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter

    from widgets.grid.grid_printer import collect, official_printer, render

    printer = official_printer()
    layout = printer.pageLayout()
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    assert layout.pageSize().name() == "A4"
    grid.view.print_title = "2023年钟楼区生态文明建设工作方案"
    everything = collect(grid.view, grid.view.print_title)
    assert len(everything.rows) == 56 and everything.headers[0] == "No."
    out = tmp_path / "grid.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    pages = render(printer, everything)
    assert pages >= 3
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())  # pdftotext breaks lines inside cells
    assert "工业绿色制造体系" in flat and "—2—" in flat
    assert flat.count("Projectname") == pages  # the header row on every page
    # Two rows, three columns selected: only they are printed.
    gh.select_cells(grid, 2, gh.column_of(grid, "name"), 3, gh.column_of(grid, "quantity"))
    picked = collect(grid.view, "")
    assert picked.headers == ["Project name", "Main construction content", "Quantity"]
    assert [row[0] for row in picked.rows] == [
        grid.model.index(2, gh.column_of(grid, "name")).data(),
        grid.model.index(3, gh.column_of(grid, "name")).data(),
    ]
    preview = grid.view.print_preview()
    qtbot.addWidget(preview)
    assert preview.isVisible()
    preview.close()
