"""The real ProjectGrid on the sample plan, driven like a user would (offscreen Qt): showing,
editing, rows, sort, filter and big tables.

Paste, copy and fill are in test_grid_paste_gui.py; frozen and chosen columns, printing in
test_grid_columns_gui.py.
"""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app import operations
from models import Project
from services import ledger
from services.operations import run_op
from services.query import ProjectFilter, Sort
from tests import grid_helpers as gh
from widgets.project_grid import ProjectGrid

pytestmark = pytest.mark.gui

# The shared fixtures by name: the sample plan in a shown grid, error pop-ups recorded.
ctx, grid, quiet_errors = gh.ctx, gh.grid, gh.quiet_errors


# ---------------------------------------------------------------- showing


def test_shows_sample_lazily_with_formatted_money(grid):
    model = grid.model
    assert model.rowCount() == 56
    assert model.page_fetches <= 1  # one page painted, not 56 row queries
    row, _pid = gh.row_of(grid, "光伏发电试点区建设")
    index = model.index(row, gh.column_of(grid, gh.INVEST))
    assert index.data() == "2,000.00"
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers[:3] == ["No.", "Project type", "Project name"]
    stats = grid.stats()
    assert (stats.filtered_projects, stats.filtered_investment_wan) == (56, Decimal("67619.88"))


def test_unset_money_shows_slash(grid):
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    grid.view.setCurrentIndex(grid.model.index(row, gh.column_of(grid, gh.INVEST)))
    assert grid.view.clear_cells()
    assert gh.db_value(grid.ctx, pid, gh.INVEST) is None
    assert grid.model.index(row, gh.column_of(grid, gh.INVEST)).data() == "/"


# ---------------------------------------------------------------- editing


def test_edit_cell_through_editor_writes_db_and_moves_down(qtbot, grid):
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    editor = gh.open_editor(qtbot, grid, row, gh.column_of(grid, gh.INVEST))
    editor.clear()
    qtbot.keyClicks(editor, "2,500.5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert gh.db_value(grid.ctx, pid, gh.INVEST) == Decimal("2500.50")
    assert grid.model.index(row, gh.column_of(grid, gh.INVEST)).data() == "2,500.50"
    assert grid.view.currentIndex().row() == row + 1
    assert grid.ctx.undo_stack.count() == 1
    assert grid.stats().filtered_investment_wan == Decimal("68120.38")


def test_invalid_edit_refused_visibly_and_editor_stays(qtbot, grid):
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    editor = gh.open_editor(qtbot, grid, row, gh.column_of(grid, gh.INVEST))
    messages = []
    grid.view.statusMessage.connect(messages.append)
    editor.clear()
    qtbot.keyClicks(editor, "-5")
    assert "负" in editor.toolTip() and "d93025" in editor.styleSheet()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.isVisible()  # still editing: the value is not dropped
    assert messages and "负" in messages[-1]
    assert gh.db_value(grid.ctx, pid, gh.INVEST) == Decimal("2000.00")
    assert grid.ctx.undo_stack.count() == 0


def test_period_editor_accepts_office_spellings(qtbot, grid):
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    for text, expected in (("2022年-2024年", (2022, 2024)), ("2022—2025", (2022, 2025))):
        editor = gh.open_editor(qtbot, grid, row, gh.column_of(grid, "period"))
        editor.clear()
        gh.type_text(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert (
            gh.db_value(grid.ctx, pid, "start_year"),
            gh.db_value(grid.ctx, pid, "end_year"),
        ) == expected


def test_owner_completion_uses_aliases(qtbot, grid):
    row, _pid = gh.row_of(grid, "光伏发电试点区建设")
    editor = gh.open_editor(qtbot, grid, row, gh.column_of(grid, "owners"))
    editor.clear()
    gh.type_text(editor, "区发改局、资规")
    names = editor.completer_popup.model().stringList()
    assert "钟楼自然资源和规划分局" in names
    editor._insert("钟楼自然资源和规划分局")
    assert editor.text() == "区发改局、钟楼自然资源和规划分局"


def test_undo_redo_round_trip_and_merge_typing(grid):
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    index = grid.model.index(row, gh.column_of(grid, "quantity"))
    stack = grid.ctx.undo_stack
    assert grid.model.setData(index, "5")
    assert grid.model.setData(index, "6")  # same cell again: merged into one step
    assert stack.count() == 1
    assert gh.db_value(grid.ctx, pid, "quantity") == 6
    stack.undo()
    assert gh.db_value(grid.ctx, pid, "quantity") == 1
    assert index.data() == "1"
    stack.redo()
    assert gh.db_value(grid.ctx, pid, "quantity") == 6
    assert index.data() == "6"


# ---------------------------------------------------------------- rows


def test_delete_and_undo_restores_ids_and_owners(grid):
    row, pid = gh.row_of(grid, "储罐综合整治")
    owners = gh.db_value(grid.ctx, pid, "owners")
    gh.select_row(grid, row)
    assert grid.view.delete_rows()
    assert grid.model.rowCount() == 55
    with grid.ctx.session() as s:
        assert s.get(Project, pid) is None
    grid.ctx.undo_stack.undo()
    assert grid.model.rowCount() == 56
    assert gh.db_value(grid.ctx, pid, "owners") == owners
    assert gh.row_of(grid, "储罐综合整治")[0] == row
    assert grid.current_project_id() == pid
    grid.ctx.undo_stack.redo()
    assert grid.model.rowCount() == 55


def test_insert_row_below_and_undo(grid):
    gh.select_cells(grid, 5, 0, 5, 0)
    ids = grid.view.insert_rows(below=True)
    assert len(ids) == 1 and grid.model.id_at(6) == ids[0]
    assert grid.model.index(6, gh.column_of(grid, "name")).data() == "New project"
    assert grid.view.currentIndex().column() == gh.column_of(grid, "name")
    assert grid.view.currentIndex().row() == 6
    grid.ctx.undo_stack.undo()
    assert grid.model.rowCount() == 56
    grid.ctx.undo_stack.redo()
    assert grid.model.id_at(6) == ids[0]


def test_rows_inserted_into_a_big_table_are_selected_when_its_ids_arrive(qtbot, grid):
    grid.model.ASYNC_ROWS = 20  # the 56 sample rows count as big: re-reads run in background
    gh.select_cells(grid, 5, 0, 5, 0)
    ids = grid.view.insert_rows(below=True)
    qtbot.waitUntil(lambda: not grid.model.is_loading(), timeout=5000)
    assert grid.model.id_at(6) == ids[0]
    assert grid.view.selected_ids() == ids


def test_move_rows_up_down_and_between_sections(grid):
    model = grid.model
    order = list(model.ids())
    gh.select_row(grid, 5)
    assert grid.view.move_rows(-1)
    assert list(model.ids())[4:6] == [order[5], order[4]]
    assert grid.current_project_id() == order[5]
    grid.ctx.undo_stack.undo()
    assert list(model.ids()) == order
    # The first row of section 2 moves up into the end of section 1.
    with grid.ctx.session() as s:
        sections = [s.get(Project, pid).section_id for pid in order]
    boundary = next(i for i in range(1, 56) if sections[i] != sections[i - 1])
    gh.select_row(grid, boundary)
    assert grid.view.move_rows(-1)
    assert list(model.ids()) == order  # same visual order, but now in the earlier section
    assert gh.db_value(grid.ctx, order[boundary], "section_id") == sections[0]
    grid.ctx.undo_stack.undo()
    assert gh.db_value(grid.ctx, order[boundary], "section_id") == sections[boundary]
    # Move to another section's end, then undo.
    gh.select_row(grid, 0)
    assert grid.view.move_to_group(sections[-1])
    assert model.id_at(55) == order[0]
    grid.ctx.undo_stack.undo()
    assert list(model.ids()) == order


def test_move_refused_while_sorted(grid, monkeypatch):
    informed = []
    monkeypatch.setattr(grid.view, "inform", informed.append)
    grid.set_sort(Sort(gh.INVEST))
    gh.select_row(grid, 3)
    assert not grid.view.move_rows(1)
    assert informed


# ---------------------------------------------------------------- sort, filter, stats


def test_sort_by_investment_header_keeps_current_by_id(qtbot, grid):
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    grid.view.setCurrentIndex(grid.model.index(row, 2))
    header = grid.view.horizontalHeader()
    col = gh.column_of(grid, gh.INVEST)
    header.sectionClicked.emit(col)  # ascending
    header.sectionClicked.emit(col)  # descending
    assert grid.model.sort_state() == Sort(gh.INVEST, True)
    amounts = [gh.db_value(grid.ctx, grid.model.id_at(r), gh.INVEST) for r in range(56)]
    values = [a for a in amounts if a is not None]
    assert values == sorted(values, reverse=True)
    assert amounts.index(None) == len(values) if None in amounts else True
    assert grid.current_project_id() == pid
    assert header.isSortIndicatorShown()
    header.sectionClicked.emit(col)  # back to table order
    assert grid.model.sort_state() is None and not header.isSortIndicatorShown()


def test_filter_and_selection_stats(qtbot, grid, sample_plan):
    grid.set_filter(ProjectFilter(plan_id=sample_plan.id, text="VOCs"))
    count = grid.model.rowCount()
    assert 0 < count < 56
    names = [grid.model.index(r, gh.column_of(grid, "name")).data() for r in range(count)]
    contents = [grid.model.index(r, gh.column_of(grid, "content")).data() for r in range(count)]
    types = [grid.model.index(r, gh.column_of(grid, "project_type")).data() for r in range(count)]
    assert all("VOCs" in " ".join(t) for t in zip(names, contents, types, strict=True))
    with qtbot.waitSignal(grid.selectionStatsChanged, timeout=2000) as blocker:
        gh.select_row(grid, 0)
    stats = blocker.args[0]
    assert stats.projects == 1
    assert stats.planned_investment_wan == gh.db_value(grid.ctx, grid.model.id_at(0), gh.INVEST)
    assert stats.filtered_projects == count
    with qtbot.waitSignal(grid.selectionStatsChanged, timeout=2000) as blocker:
        grid.view.selectAll()
    assert blocker.args[0].planned_investment_wan == stats.filtered_investment_wan


def test_current_project_signal(qtbot, grid):
    with qtbot.waitSignal(grid.currentProjectChanged, timeout=1000) as blocker:
        grid.view.setCurrentIndex(grid.model.index(7, 2))
    assert blocker.args == [grid.model.id_at(7)]


def test_external_change_refreshes_only_changed_rows(grid):
    blocks = []
    grid.model.dataChanged.connect(lambda a, b, *_: blocks.append((a.row(), b.row())))
    ids = [grid.model.id_at(r) for r in (2, 3, 4, 9)]
    changes = run_op(
        grid.ctx,
        lambda op: ledger.set_fields(op.session, {pid: {"remarks": "外部修改"} for pid in ids}),
        label="edit",
    )
    operations.announce(grid.ctx, changes)
    assert blocks == [(2, 4), (9, 9)]
    assert grid.model.index(9, gh.column_of(grid, "remarks")).data() == "外部修改"


def test_failed_undo_is_reported_and_leaves_the_history_where_it_was(qtbot, grid, quiet_errors):
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    grid.model.setData(grid.model.index(row, gh.column_of(grid, "remarks")), "备注")
    grid.model.setData(grid.model.index(row, gh.column_of(grid, "quantity")), "9")
    stack = grid.ctx.undo_stack
    with grid.ctx.session() as s:  # someone deletes the project behind the grid's back
        ledger.delete_projects(s, [pid])
    stack.undo()
    assert quiet_errors and quiet_errors[0][0] == "Undo failed"
    # The step that could not be undone is still the next one to undo; nothing was skipped.
    qtbot.waitUntil(lambda: stack.index() == 2)
    assert stack.count() == 2 and stack.undoText() == stack.command(1).text()


def test_large_table_reads_only_visible_pages(qtbot, ctx, sample_plan):
    with ctx.session() as s:
        section = s.scalar(select(Project.section_id).where(Project.plan_id == sample_plan.id))
        ledger.insert_projects(s, section, None, [{"name": f"P{i}"} for i in range(3000)])
    widget = gh.show_grid(qtbot, ctx, sample_plan.id, 1000, 500)
    assert widget.model.rowCount() == 3056
    widget.view.scrollToBottom()
    QApplication.processEvents()
    assert widget.model.page_fetches <= 4
    assert widget.model.cached_rows() <= 4 * widget.model.PAGE_SIZE


def test_big_tables_reload_in_background_latest_wins(qtbot, grid):
    model = grid.model
    model.ASYNC_ROWS = 10  # treat the sample as "big"
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    grid.view.setCurrentIndex(model.index(row, 2))
    with qtbot.waitSignal(model.loadingChanged, timeout=5000, check_params_cb=lambda b: not b):
        model.set_sort(Sort(gh.INVEST))
        model.set_sort(Sort(gh.INVEST, descending=True))  # supersedes the first request
        assert model.is_loading()
        assert model.rowCount() == 56  # old rows stay on screen meanwhile
    assert model.sort_state() == Sort(gh.INVEST, True)
    amounts = [gh.db_value(grid.ctx, model.id_at(r), gh.INVEST) for r in range(56)]
    values = [a for a in amounts if a is not None]
    assert values == sorted(values, reverse=True)
    assert grid.current_project_id() == pid


def test_registered_column_shows_read_only(grid):
    from services.records import register_project_column, unregister_project_column

    register_project_column("flag", lambda s, ids: {i: "behind" for i in ids}, title="Flag")
    try:
        grid.refresh_columns()
        col = grid.model.column_index("flag")
        assert grid.model.columnCount() == 14  # 11 official, 牵头单位, 配合单位, the flag
        assert grid.model.index(0, col).data() == "behind"
        assert not grid.model.flags(grid.model.index(0, col)) & Qt.ItemFlag.ItemIsEditable
        gh.select_cells(grid, 0, col, 0, col)
        assert not grid.view.paste("on_track\r\n")
        assert grid.view.last_error_dialog.errors[0].reason == "This column is read-only."
    finally:
        unregister_project_column("flag")


def test_first_load_of_a_big_table_paints_its_head_then_fills_in(
    qtbot, ctx, sample_plan, monkeypatch
):
    from widgets.grid.table_model import LazyTableModel

    # 56 sample rows stand in for a million: the head is 10 rows, the rest arrive in background.
    monkeypatch.setattr(LazyTableModel, "HEAD_ROWS", 10)
    widget = ProjectGrid(ctx)
    qtbot.addWidget(widget)
    widget.set_filter(ProjectFilter(plan_id=sample_plan.id))
    assert widget.model.rowCount() == 10
    assert widget.model.index(0, gh.column_of(widget, "name")).data() == "工业绿色制造体系"
    qtbot.waitUntil(lambda: widget.model.rowCount() == 56, timeout=5000)
    assert not widget.model.is_loading()
    # Once the table has been big, narrowing and clearing a filter read in the background:
    # the old rows stay until the new list is there (the GUI never waits for every id).
    widget.model.ASYNC_ROWS = 20
    widget.set_filter(ProjectFilter(plan_id=sample_plan.id, text="口袋公园"))
    assert widget.model.rowCount() == 56 and widget.model.is_loading()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 5, timeout=5000)
    widget.set_filter(ProjectFilter(plan_id=sample_plan.id))
    assert widget.model.rowCount() == 5 and widget.model.is_loading()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 56, timeout=5000)
