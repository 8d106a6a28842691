"""GUI: the import and export dialogs drive the real importer and exporters (offscreen)."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import func, select

from app import settings
from app.context import AppContext
from db import session_factory
from models import Plan, Project
from services.query import ProjectFilter
from services.sample import sample_workbook_path
from tests.test_import import HEADER, build_workbook

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _settings(tmp_path):
    settings.use_settings_file(str(tmp_path / "settings.ini"))
    yield
    settings.use_settings_file(str(tmp_path / "settings-after.ini"))


@pytest.fixture
def ctx(qapp, engine):
    return AppContext(engine, session_factory(engine), QUndoStack())


def _open(qtbot, ctx, path):
    from views.import_dialog import ImportDialog

    dialog = ImportDialog(None, ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.analyzed, timeout=20000):
        dialog.set_path(path)
    return dialog


def _count(ctx, model) -> int:
    with ctx.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_preview_of_the_sample_then_import_in_a_worker(qtbot, ctx):
    dialog = _open(qtbot, ctx, sample_workbook_path())
    assert dialog.summary.text().startswith("56 projects in 6 sections, 67,619.88")
    assert dialog.sections_table.rowCount() == 7
    assert dialog.sections_table.item(2, 0).text() == "(三)深入打好碧水保卫战"
    assert dialog.sections_table.item(2, 2).text() == "40,363.88"
    assert dialog.columns_table.rowCount() == 8
    assert dialog.columns_table.cellWidget(5, 2).currentData() == "planned_investment_wan"
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20000) as signal:
        dialog.import_button.click()
    assert _count(ctx, Project) == 56
    with ctx.session() as session:
        assert session.get(Plan, signal.args[0]).title == "2023年钟楼区生态文明建设工程项目表"


def test_errors_are_listed_sortable_and_block_the_import(qtbot, ctx, tmp_path):
    rows = [
        HEADER,
        [1, "T", "甲", "c", "很多", -1, "2023", "甲局"],
        [2, "T", "乙", "c", 1, 1, "2024-2020", "甲局"],
    ]
    dialog = _open(qtbot, ctx, build_workbook(tmp_path / "bad.xlsx", {"S": rows}))
    model = dialog.issue_model
    assert model.rowCount() == 3
    assert [model.item(r, 3).text() for r in range(3)] == ["E", "F", "G"]
    assert [model.item(r, 2).text() for r in range(3)] == ["2", "2", "3"]
    assert not dialog.import_button.isEnabled()
    assert dialog.tabs.currentIndex() == 2
    dialog.issue_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    proxy = dialog.issue_view.model()
    assert proxy.index(0, 2).data() == "3"
    assert _count(ctx, Project) == 0


def test_corrected_column_mapping_is_applied_and_remembered(qtbot, ctx, tmp_path):
    rows = [["编号", "工程", "说明", "钱"], [1, "甲", "内容", 5]]
    path = build_workbook(tmp_path / "odd.xlsx", {"S": rows})
    dialog = _open(qtbot, ctx, path)
    assert dialog.preview.errors  # no header recognised yet
    from importers.table import header_signature
    from views.import_dialog import remember_mapping, remembered_mappings

    remember_mapping(header_signature(rows[0]), {1: "name", 2: "content"})
    again = _open(qtbot, ctx, path)
    assert again.preview.ok and again.preview.projects[0].name == "甲"
    combo = next(
        again.columns_table.cellWidget(r, 2)
        for r in range(again.columns_table.rowCount())
        if again.columns_table.item(r, 1).text() == "钱"
    )
    with qtbot.waitSignal(again.analyzed, timeout=20000):
        combo.setCurrentIndex(combo.findData("planned_investment_wan"))
    assert str(again.preview.total_wan) == "5.00"
    assert remembered_mappings()[header_signature(rows[0])][3] == "planned_investment_wan"


def test_merge_into_existing_plan_is_one_undo_step(qtbot, ctx, tmp_path, session, sample_plan):
    book = openpyxl.load_workbook(sample_workbook_path())
    sheet = book.worksheets[0]
    sheet["F5"] = 750
    path = tmp_path / "returned.xlsx"
    book.save(path)
    from views.import_dialog import ImportDialog

    dialog = ImportDialog(None, ctx)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findData(sample_plan.id))
    with qtbot.waitSignal(dialog.analyzed, timeout=20000):
        dialog.set_path(path)
    assert dialog.diff is not None and len(dialog.diff.changed) == 1
    assert "Merge: 0 new, 1 changed, 55 unchanged" in dialog.summary.text()
    assert dialog.changes_table.rowCount() == 1
    dialog.import_button.click()

    def amount():
        with ctx.session() as s:
            return str(
                s.scalar(
                    select(Project.planned_investment_wan).where(Project.name == "工业绿色制造体系")
                )
            )

    assert amount() == "750.00"
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert amount() == "700.00"
    ctx.undo_stack.redo()
    assert amount() == "750.00"


def test_export_dialog_writes_the_official_layout(qtbot, ctx, tmp_path, sample_plan):
    from views.export_dialog import ExportDialog

    ctx.plan_id = sample_plan.id
    dialog = ExportDialog(None, ctx, ProjectFilter(plan_id=sample_plan.id, text="口袋公园"))
    qtbot.addWidget(dialog)
    out = tmp_path / "out.xlsx"
    dialog.path_edit.setText(str(out))
    dialog.subtotals.setChecked(True)
    dialog.scope.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_button.click()
    sheet = openpyxl.load_workbook(out).worksheets[0]
    names = [sheet.cell(r, 3).value for r in range(1, sheet.max_row + 1)]
    assert sum(1 for n in names if n and "口袋公园" in n) == 5
    assert [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)].count("小计") == 1
    dialog2 = ExportDialog(None, ctx, ProjectFilter(plan_id=sample_plan.id))
    qtbot.addWidget(dialog2)
    dialog2.format_group.button(2).setChecked(True)
    assert dialog2.path_edit.text().endswith(".csv") and dialog2.encoding.isEnabled()
    dialog2.encoding.setCurrentIndex(1)
    csv_out = tmp_path / "out.csv"
    dialog2.path_edit.setText(str(csv_out))
    with qtbot.waitSignal(dialog2.exported, timeout=20000):
        dialog2.export_button.click()
    assert "工程项目名称" in csv_out.read_bytes().decode("gb18030")
