"""The ProjectGrid's paste, copy, fill and clear, driven like a user would (offscreen Qt)."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from models import OwnerRole
from services import ledger
from services.parsing import Period
from services.tsv import format_tsv, parse_tsv
from tests import grid_helpers as gh

pytestmark = pytest.mark.gui

# The shared fixtures by name: the sample plan in a shown grid, error pop-ups recorded.
ctx, grid, quiet_errors = gh.ctx, gh.grid, gh.quiet_errors


# ---------------------------------------------------------------- paste


def _block_values(grid, top, left, height, width):
    out = []
    for r in range(height):
        pid = grid.model.id_at(top + r)
        out.append(
            [gh.db_value(grid.ctx, pid, grid.model.column(left + c).key) for c in range(width)]
        )
    return out


def test_paste_with_bad_value_changes_nothing_and_lists_error(grid):
    top, left = 4, gh.column_of(grid, "quantity")  # quantity, investment, period, owners
    before = _block_values(grid, top, left, 3, 4)
    gh.select_cells(grid, top, left, top, left)
    text = format_tsv(
        [
            ["3", "100", "2023", "区住建局"],
            ["4", "-7", "2023-2024", "区发改局"],
            ["5", "300.25", "2025-2023", "区发改局、北港街道"],
        ]
    )
    assert not grid.view.paste(text)
    assert _block_values(grid, top, left, 3, 4) == before
    dialog = grid.view.last_error_dialog
    assert dialog is not None and dialog.isVisible()
    rows = [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]
    assert rows[0][:3] == [str(top + 2), "Planned investment (10k yuan)", "-7"]
    assert "负" in rows[0][3]
    assert rows[1][:3] == [str(top + 3), "Construction period", "2025-2023"]
    assert "Nothing was changed" in dialog.summary.text()
    assert grid.ctx.undo_stack.count() == 0


def test_paste_block_is_one_undo_step(grid):
    top, left = 4, gh.column_of(grid, "quantity")
    before = _block_values(grid, top, left, 3, 4)
    text = "3\t100\t2023\t区住建局\r\n4\t200.5\t2022—2024\t区发改局\r\n5\t/\t2023年\t资规分局\r\n"
    gh.select_cells(grid, top, left, top, left)
    assert grid.view.paste(text)
    after = _block_values(grid, top, left, 3, 4)
    assert after[0][:3] == [3, Decimal("100.00"), Period(2023, 2023)]
    assert after[1][2] == Period(2022, 2024)
    assert after[1][1] == Decimal("200.50")
    assert after[2][1] is None
    assert after[2][3] == [("钟楼自然资源和规划分局", OwnerRole.LEAD)]
    assert grid.ctx.undo_stack.count() == 1
    grid.ctx.undo_stack.undo()
    assert _block_values(grid, top, left, 3, 4) == before
    grid.ctx.undo_stack.redo()
    assert _block_values(grid, top, left, 3, 4) == after


def test_paste_single_value_fills_selection(grid):
    col = gh.column_of(grid, "status")
    gh.select_cells(grid, 0, col, 5, col)
    assert grid.view.paste("在建\r\n")
    assert {gh.db_value(grid.ctx, grid.model.id_at(r), "status").value for r in range(6)} == {
        "in_progress"
    }
    assert grid.model.index(0, col).data() == "In progress"


def test_paste_beyond_last_row_asks_then_adds_rows(grid, monkeypatch):
    model = grid.model
    last = model.rowCount() - 1
    text = "末行\t9\r\n新项目甲\t1\r\n新项目乙\t2\r\n"
    grid.view.setCurrentIndex(model.index(last, gh.column_of(grid, "name")))
    monkeypatch.setattr(grid.view, "confirm", lambda title, body: False)
    assert not grid.view.paste(text)
    assert model.rowCount() == 56
    monkeypatch.setattr(grid.view, "confirm", lambda title, body: True)
    assert grid.view.paste(text)
    assert model.rowCount() == 58
    assert [model.index(r, gh.column_of(grid, "name")).data() for r in range(56, 58)] == [
        "新项目甲",
        "新项目乙",
    ]
    assert model.index(57, gh.column_of(grid, "content")).data() == "2"
    assert grid.ctx.undo_stack.count() == 1
    grid.ctx.undo_stack.undo()
    assert model.rowCount() == 56
    assert model.index(last, gh.column_of(grid, "name")).data() != "末行"


def test_paste_that_adds_rows_failing_half_way_changes_nothing(grid, db_path, monkeypatch):
    """Acceptance: the paste's cell edits and its new rows are one transaction."""
    import sqlite3

    from services.errors import LedgerError

    def dump():
        with sqlite3.connect(db_path) as con:
            return "\n".join(con.iterdump())

    real_insert = ledger.insert_projects

    def insert_then_fail(*args, **kwargs):
        real_insert(*args, **kwargs)  # the new rows are written, the edits before them too
        raise LedgerError("injected failure")

    model = grid.model
    last = model.rowCount() - 1
    grid.view.setCurrentIndex(model.index(last, gh.column_of(grid, "name")))
    monkeypatch.setattr(grid.view, "confirm", lambda title, body: True)
    monkeypatch.setattr(ledger, "insert_projects", insert_then_fail)
    before = dump()
    assert not grid.view.paste("末行\t9\r\n新项目甲\t1\r\n")
    assert dump() == before
    assert grid.ctx.undo_stack.count() == 0 and model.rowCount() == 56


def test_a_history_jump_stops_at_the_step_that_cannot_be_undone(qtbot, grid, quiet_errors):
    stack = grid.ctx.undo_stack
    quantity = gh.column_of(grid, "quantity")
    rows = [
        gh.row_of(grid, name) for name in ("光伏发电试点区建设", "VOCs源头替代", "储罐综合整治")
    ]
    for row, _pid in rows:
        grid.model.setData(grid.model.index(row, quantity), "9")
    (_r1, first), (_r2, second), (_r3, third) = rows
    with grid.ctx.session() as s:
        ledger.delete_projects(s, [second])
    stack.setIndex(0)  # the history view: undo all three at once
    assert [title for title, _exc in quiet_errors] == ["Undo failed"]
    qtbot.waitUntil(lambda: stack.index() == 2)
    assert gh.db_value(grid.ctx, third, "quantity") != 9  # undone before the failing step
    assert gh.db_value(grid.ctx, first, "quantity") == 9  # never reached: still as edited


def test_failed_redo_is_reported_and_leaves_the_history_where_it_was(qtbot, grid, quiet_errors):
    row, pid = gh.row_of(grid, "光伏发电试点区建设")
    grid.model.setData(grid.model.index(row, gh.column_of(grid, "quantity")), "9")
    stack = grid.ctx.undo_stack
    stack.undo()
    with grid.ctx.session() as s:
        ledger.delete_projects(s, [pid])
    stack.redo()
    assert quiet_errors and quiet_errors[0][0] == "Redo failed"
    qtbot.waitUntil(lambda: stack.index() == 0)
    assert stack.count() == 1 and stack.canRedo()


def test_paste_too_wide_refused(grid):
    model = grid.model
    grid.view.setCurrentIndex(model.index(0, model.columnCount() - 1))
    assert not grid.view.paste("a\tb\r\n")
    assert "2 columns wide" in grid.view.last_error_dialog.summary.text()


# ---------------------------------------------------------------- copy


def test_copy_gives_excel_tsv(grid):
    row, _pid = gh.row_of(grid, "光伏发电试点区建设")
    name, content = gh.column_of(grid, "name"), gh.column_of(grid, "content")
    gh.select_cells(grid, row, name, row + 1, gh.column_of(grid, gh.INVEST))
    assert grid.view.copy_selection()
    text = QGuiApplication.clipboard().text()
    assert text.endswith("\r\n") and text.count("\r\n") >= 2
    rows = parse_tsv(text)
    assert len(rows) == 2 and len(rows[0]) == gh.column_of(grid, gh.INVEST) - name + 1
    assert rows[0][0] == "光伏发电试点区建设" and rows[0][-1] == "2000.00"
    full = grid.model.index(row, content).data(Qt.ItemDataRole.EditRole)
    assert rows[0][1] == full
    if "\n" in full:
        assert '"' in text  # multi-line cells are quoted the way Excel does
    assert "<table" in QGuiApplication.clipboard().mimeData().html()


def test_copy_then_paste_round_trip_is_no_change(grid):
    gh.select_cells(grid, 0, 0, 9, grid.model.columnCount() - 1)
    grid.view.copy_selection()
    # Everything copied (money, periods, owners, status labels) pastes back as the same values.
    assert grid.view.paste() is False
    assert grid.view.last_error_dialog is None
    assert grid.ctx.undo_stack.count() == 0


def test_ctrl_c_key_copies(qtbot, grid):
    row, _pid = gh.row_of(grid, "光伏发电试点区建设")
    grid.view.setFocus()
    gh.select_cells(grid, row, gh.column_of(grid, "name"), row, gh.column_of(grid, "name"))
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(grid.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "光伏发电试点区建设\r\n"


# ---------------------------------------------------------------- fill, clear


def test_fill_down_is_one_step(grid):
    col_q, col_p = gh.column_of(grid, "quantity"), gh.column_of(grid, "period")
    gh.select_cells(grid, 10, col_q, 14, col_p)
    top_id = grid.model.id_at(10)
    expected = (gh.db_value(grid.ctx, top_id, "quantity"), gh.db_value(grid.ctx, top_id, gh.INVEST))
    before = [gh.db_value(grid.ctx, grid.model.id_at(r), "quantity") for r in range(11, 15)]
    assert grid.view.fill_down()
    for r in range(11, 15):
        pid = grid.model.id_at(r)
        assert (
            gh.db_value(grid.ctx, pid, "quantity"),
            gh.db_value(grid.ctx, pid, gh.INVEST),
        ) == expected
    assert grid.ctx.undo_stack.count() == 1
    grid.ctx.undo_stack.undo()
    assert [gh.db_value(grid.ctx, grid.model.id_at(r), "quantity") for r in range(11, 15)] == before


def test_ctrl_d_key_fills_down(qtbot, grid):
    col = gh.column_of(grid, "remarks")
    grid.model.setData(grid.model.index(0, col), "备注A")
    gh.select_cells(grid, 0, col, 3, col)
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert {gh.db_value(grid.ctx, grid.model.id_at(r), "remarks") for r in range(4)} == {"备注A"}


def test_clear_refuses_name_and_clears_others(grid):
    gh.select_cells(grid, 2, gh.column_of(grid, "name"), 3, gh.column_of(grid, "quantity"))
    names = [gh.db_value(grid.ctx, grid.model.id_at(r), "name") for r in (2, 3)]
    assert not grid.view.clear_cells()
    errors = grid.view.last_error_dialog.errors
    assert [(e.row, e.column) for e in errors] == [("3–4", "Project name")]
    assert [gh.db_value(grid.ctx, grid.model.id_at(r), "name") for r in (2, 3)] == names
    gh.select_cells(grid, 2, gh.column_of(grid, "content"), 3, gh.column_of(grid, "quantity"))
    assert grid.view.clear_cells()
    assert gh.db_value(grid.ctx, grid.model.id_at(2), "quantity") is None
    assert grid.ctx.undo_stack.count() == 1
    grid.ctx.undo_stack.undo()
    assert gh.db_value(grid.ctx, grid.model.id_at(2), "quantity") is not None


def test_refused_paste_dialog_is_resizable_and_shows_each_reason_in_full(qtbot, qapp):
    from widgets.grid.cell_errors import CellError, CellErrorDialog

    reason = (
        "建设期限格式不对：应写成“2023”或“2022-2024”，开始年份不能晚于结束年份，"
        "也不能写成“长期”或“持续推进”；请改正后重新粘贴。"
    )
    errors = [
        CellError("5", "建设期限", "2025-2023", reason),
        CellError("6", "数量", "x", "须为整数"),
    ]
    dialog = CellErrorDialog(None, "粘贴被拒绝", "没有做任何修改。", errors)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(30)  # the rows are fitted once the layout has settled
    assert dialog.isSizeGripEnabled() and dialog.minimumWidth() < dialog.width()
    table = dialog.table
    rect = table.visualRect(table.model().index(0, 3))
    needed = table.fontMetrics().boundingRect(
        0, 0, rect.width() - 8, 10_000, Qt.TextFlag.TextWordWrap, reason
    )
    assert rect.height() >= needed.height(), "the reason is cut off"
    assert rect.right() <= table.viewport().width()  # no need to scroll sideways to read it
    dialog.resize(dialog.width() - 300, dialog.height())  # narrower: the rows grow again
    qtbot.wait(30)
    narrower = table.visualRect(table.model().index(0, 3))
    assert narrower.height() > rect.height()
    dialog.copy_list()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0].split("\t")[3] == "Reason" and copied[1].split("\t")[3] == reason
