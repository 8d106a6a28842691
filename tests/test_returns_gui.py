"""The return-round dialogs driven like the office would (offscreen Qt)."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app import operations
from app.context import AppContext
from db import session_factory
from exports.return_sheets import make_round
from models import ProgressReport, ReturnSend
from services import returns
from tests.returns_helpers import ids_in, type_values

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(qapp, engine, sample_plan, tmp_path):
    from app import settings

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    yield AppContext(engine, session_factory(engine), QUndoStack(), plan_id=sample_plan.id)
    settings.use_settings_file(None)


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch):
    shown: list = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a))
    monkeypatch.setattr(operations, "error_handler", lambda title, exc: shown.append(exc))
    return shown


def count(ctx, model):
    with ctx.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_make_dialog_writes_the_checked_units(qtbot, ctx, sample_plan, tmp_path):
    from views.returns_dialog import MakeRoundDialog

    dialog = MakeRoundDialog(None, ctx, sample_plan.id)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("春季")
    assert not dialog.ok_button.isEnabled()  # no period in the name
    dialog.name_edit.setText("2023年第一季度")
    assert dialog.period_label.text() == "2023Q1" and dialog.ok_button.isEnabled()
    dialog.folder_edit.setText(str(tmp_path / "out"))
    units = dialog.units_list
    for r in range(units.count()):
        keep = units.item(r).data(Qt.ItemDataRole.UserRole) in ("区住建局", "区发改局")
        units.item(r).setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    dialog.accept()
    assert sorted(s.unit for s in dialog.made.sheets) == ["区住建局", "区发改局"]
    assert all(s.path.exists() for s in dialog.made.sheets)
    assert count(ctx, ReturnSend) == 2


def test_collect_dialog_diff_approve_apply_undo(qtbot, ctx, sample_plan, tmp_path):
    from views.returns_collect import CollectDialog

    with ctx.session() as session:
        round_ = returns.open_round(
            session, sample_plan.id, "2023年第一季度", deadline=date(2023, 4, 10)
        )
        made = make_round(session, round_, tmp_path / "out", ["区住建局"])
    path = made.sheets[0].path
    book = openpyxl.load_workbook(path)
    pid = ids_in(book["填报表"])[0]
    type_values(path, {pid: {"形象进度(%)": 55, "项目名称": "改名"}}, unprotect=True)
    csv = tmp_path / "back.csv"
    csv.write_text("项目编号\n1\n", encoding="utf-8")

    dialog = CollectDialog(None, ctx, sample_plan.id)
    qtbot.addWidget(dialog)
    dialog.add_paths([path, csv])
    top = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert any("区住建局" in t for t in top) and any("back.csv" in t for t in top)
    [(_unit, locked_item, diff)] = dialog.unit_items
    assert diff.unit == "区住建局"
    assert locked_item is not None and locked_item.checkState(0) == Qt.CheckState.Unchecked
    before = count(ctx, ProgressReport)
    dialog.apply()
    assert count(ctx, ProgressReport) == before + 1
    with ctx.session() as session:
        assert session.get(ProgressReport, _report_id(session, pid)).progress_pct == 55
        from models import Project

        assert session.get(Project, pid).name != "改名"  # locked change not approved
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert count(ctx, ProgressReport) == before


def _report_id(session, pid):
    return session.scalar(select(ProgressReport.id).where(ProgressReport.project_id == pid))


def test_round_state_view_and_screenshot(qtbot, ctx, sample_plan, tmp_path):
    from views.returns_status import RoundStatusDialog

    with ctx.session() as session:
        round_ = returns.open_round(
            session, sample_plan.id, "2023年第一季度", deadline=date(2023, 4, 10)
        )
        made = make_round(session, round_, tmp_path / "out")
    by_unit = {s.unit: s.path for s in made.sheets}
    from importers.return_apply import apply_returns
    from importers.return_sheets import collect

    edits = {
        "区住建局": {"形象进度(%)": 40},
        "区发改局": {"形象进度(%)": 140},
        "北港街道": {"存在问题": "资金"},
    }
    files = []
    for unit, values in edits.items():
        pid = ids_in(openpyxl.load_workbook(by_unit[unit])["填报表"])[0]
        files.append(type_values(by_unit[unit], {pid: values}))
    with ctx.session() as session:
        apply_returns(session, collect(session, files))
    dialog = RoundStatusDialog(None, ctx, sample_plan.id)
    qtbot.addWidget(dialog)
    view = dialog.view
    view.today = date(2023, 4, 14)
    view.refresh()
    states = {
        view.units.item(r, 0).text(): view.units.item(r, 1).text()
        for r in range(view.units.rowCount())
    }
    assert states["区住建局"] == "已回" and states["区发改局"] == "有问题"
    assert states["五星街道"] == "逾期"
    assert view.chase_button.isEnabled()
    out = view.write_chase(tmp_path / "催报.xlsx")
    listed = [c.value for c in openpyxl.load_workbook(out).active["B"][4:]]
    assert "五星街道" in listed and "区住建局" not in listed
    row = next(
        r for r in range(view.units.rowCount()) if view.units.item(r, 0).text() == "区发改局"
    )
    view.units.selectRow(row)
    assert "140" in view.problems.text()
    dialog.resize(1180, 680)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab()
    assert image.width() > 1000
    image.save(str(tmp_path / "returns.png"))


def test_plan_menu_offers_the_round_while_a_plan_is_shown(qtbot, engine, sample_plan, tmp_path):
    from app import settings
    from tests.test_main_window_gui import make_window

    settings.use_settings_file(str(tmp_path / "window.ini"))
    try:
        window = make_window(qtbot, engine)
        window.menus["plan"].aboutToShow.emit()  # what opening the menu does
        plan_menu = window.menus["plan"].actions()
        for key in ("returns_make", "returns_collect", "returns_status"):
            action = window.actions_by_key[key]
            assert action in plan_menu and action.isEnabled()
        assert window.actions_by_key["returns_make"].text() == "分发填报表(&D)…" or (
            window.actions_by_key["returns_make"].text() == "&Distribute Return Sheets…"
        )
    finally:
        settings.use_settings_file(None)
