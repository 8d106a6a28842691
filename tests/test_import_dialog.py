"""GUI: the import and export dialogs drive the real importer and exporters (offscreen)."""

from __future__ import annotations

import csv
import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select

from app import settings
from app.context import AppContext
from db import session_factory
from models import Plan, Project
from services.query import ProjectFilter
from services.sample import sample_workbook_path
from tests.import_helpers import HEADER, build_workbook

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
    assert [model.index(r, 3).data() for r in range(3)] == ["E", "F", "G"]
    assert [model.index(r, 2).data() for r in range(3)] == ["2", "2", "3"]
    assert not dialog.import_button.isEnabled()
    assert dialog.tabs.currentIndex() == 2
    dialog.issue_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 2).data() == "3"
    assert _count(ctx, Project) == 0


def test_the_size_ceiling_comes_from_the_settings(qtbot, ctx, tmp_path):
    from views.import_dialog import MAX_FILE_MB

    path = tmp_path / "big.csv"
    rows = ["序号,项目名称,建设内容,计划投资(万元)"]
    rows += [f"{i},项目{i},{'内容' * 60},{i}.5" for i in range(1, 3001)]
    path.write_text("\n".join(rows), encoding="utf-8")
    assert 1 < path.stat().st_size / 1024 / 1024 < 2
    MAX_FILE_MB.set(1)
    try:
        dialog = _open(qtbot, ctx, path)
        [error] = dialog.preview.errors
        assert "过大" in error.reason and not dialog.import_button.isEnabled()
        MAX_FILE_MB.set(2)
        dialog.reanalyze()
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
        assert len(dialog.preview.projects) == 3000
    finally:
        MAX_FILE_MB.set(200)


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
    with qtbot.waitSignals([dialog.analyzed, dialog.diff_ready], timeout=20000):
        dialog.set_path(path)
    assert dialog.diff is not None and len(dialog.diff.changed) == 1
    assert "Merge: 0 new, 1 changed, 55 unchanged" in dialog.summary.text()
    assert dialog.change_model.rowCount() == 1
    with qtbot.waitSignal(dialog.imported, timeout=20000):  # applied on a worker
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


def test_every_bad_row_is_listed_sorted_by_row_both_ways_and_exported(
    qtbot, ctx, tmp_path, monkeypatch
):
    n = 3000
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("S")
    sheet.append(HEADER)
    for i in range(n):
        sheet.append([i + 1, "T", f"项目{i}", "内容", 1, -(i + 1), "2023", "甲局"])
    path = tmp_path / "all_bad.xlsx"
    book.save(path)
    dialog = _open(qtbot, ctx, path)
    model = dialog.issue_model
    assert len(dialog.preview.issues) == n and model.rowCount() == n
    assert dialog.tabs.tabText(2) == f"Problems ({n})"
    assert not dialog.import_button.isEnabled()

    def shown_rows():
        return [int(model.index(r, 2).data()) for r in range(model.rowCount())]

    assert shown_rows() == list(range(2, n + 2))  # errors first, in file order
    dialog.issue_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert shown_rows() == list(range(n + 1, 1, -1))
    dialog.issue_view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert shown_rows() == list(range(2, n + 2))  # numerically: 10 after 9, not after 1
    dialog.issue_view.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # values, numerically too
    assert [model.index(r, 5).data() for r in (0, 1, n - 1)] == [str(-n), str(1 - n), "-1"]

    out = tmp_path / "problems.csv"
    monkeypatch.setattr(
        "views.import_dialog.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "")
    )
    dialog.export_issues()
    with out.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert len(lines) == n + 1
    assert sorted(int(line[2]) for line in lines[1:]) == list(range(2, n + 2))
    assert {line[0] for line in lines[1:]} == {"错误"}


def _returned_sheet(tmp_path):
    """The sample with two amounts changed (rows 5 and 6) and two projects added at the end."""
    book = openpyxl.load_workbook(sample_workbook_path())
    sheet = book.worksheets[0]
    sheet["F5"] = 750
    sheet["F6"] = 200
    sheet.append([4, "类型", "新增项目一", "新内容一", 1, 10, "2023", "区住建局"])
    sheet.append([5, "类型", "新增项目二", "新内容二", 1, 20, "2023", "区住建局"])
    path = tmp_path / "returned.xlsx"
    book.save(path)
    return path


def _merge_dialog(qtbot, ctx, plan_id):
    from views.import_dialog import ImportDialog

    dialog = ImportDialog(None, ctx)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findData(plan_id))
    return dialog


def _amount(ctx, name) -> str:
    with ctx.session() as s:
        return str(s.scalar(select(Project.planned_investment_wan).where(Project.name == name)))


def test_merge_preview_from_the_worker_is_checkable_row_by_row_and_all_at_once(
    qtbot, ctx, tmp_path, sample_plan
):
    dialog = _merge_dialog(qtbot, ctx, sample_plan.id)
    with qtbot.waitSignals([dialog.analyzed, dialog.diff_ready], timeout=20000):
        dialog.set_path(_returned_sheet(tmp_path))
    model = dialog.change_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "New",
        "New",
        "Changed",
        "Changed",
    ]
    assert model.index(0, 2).data() == "新增项目一"
    assert model.index(2, 3).data().endswith("700.00 → 750.00")
    assert all(
        model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        and model.flags(model.index(r, 0)) & Qt.ItemFlag.ItemIsUserCheckable
        for r in range(4)
    )
    assert dialog.tabs.tabText(3) == "Changes (4)"
    assert dialog.import_button.isEnabled()
    changed_ids = {c.project_id for c in dialog.diff.changed}
    assert dialog._accepted_keys() == ({0, 1}, changed_ids)

    assert model.setData(model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert dialog._accepted_keys() == ({1}, changed_ids)
    assert dialog.selection_label.text() == "Selected: 1 of 2 new, 2 of 2 changed."
    dialog.check_buttons[("changed", False)].click()
    assert dialog._accepted_keys() == ({1}, set())
    dialog.check_buttons[("new", True)].click()
    assert dialog._accepted_keys() == ({0, 1}, set())
    dialog.check_buttons[("new", False)].click()
    assert dialog._accepted_keys() == (set(), set())
    assert not dialog.import_button.isEnabled()  # nothing checked: nothing to merge
    dialog.check_buttons[("changed", True)].click()
    assert dialog.import_button.isEnabled()
    assert dialog._accepted_keys() == (set(), changed_ids)
    assert dialog.selection_label.text() == "Selected: 0 of 2 new, 2 of 2 changed."

    # Sorting the view leaves the check marks on their rows.
    dialog.changes_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    names = [model.index(r, 2).data() for r in range(4)]
    assert names == sorted(names, reverse=True)
    first_changed = next(r for r in range(4) if model.index(r, 2).data() == "工业绿色制造体系")
    model.setData(model.index(first_changed, 0), 0, Qt.ItemDataRole.CheckStateRole)  # as a click
    second_new = names.index("新增项目二")
    model.setData(model.index(second_new, 0), 2, Qt.ItemDataRole.CheckStateRole)

    with qtbot.waitSignal(dialog.imported, timeout=20000):
        dialog.import_button.click()
    assert _amount(ctx, "工业绿色制造体系") == "700.00"  # unchecked: not merged
    assert _amount(ctx, "积极开展强制性清洁生产审核工作") == "200.00"
    assert _amount(ctx, "新增项目二") == "20.00"
    assert _count(ctx, Project) == 57  # only the checked new row
    ctx.undo_stack.undo()
    assert _count(ctx, Project) == 56
    assert _amount(ctx, "积极开展强制性清洁生产审核工作") == "180.00"


def test_no_merge_while_comparing_and_a_newer_comparison_wins(
    qtbot, ctx, tmp_path, sample_plan, monkeypatch
):
    import views.import_dialog as module

    real_diff_plan = module.diff_plan
    gate = threading.Event()
    results, states = {}, {}

    def slow_diff_plan(session, preview, plan_id, state=None):
        call = len(results)
        results[call], states[call] = None, state
        gate.wait(20)  # deaf to Cancel meanwhile, like a long SQL query
        results[call] = real_diff_plan(session, preview, plan_id)
        return results[call]

    monkeypatch.setattr(module, "diff_plan", slow_diff_plan)
    dialog = _merge_dialog(qtbot, ctx, sample_plan.id)
    with qtbot.waitSignal(dialog.analyzed, timeout=20000):
        dialog.set_path(_returned_sheet(tmp_path))
    assert dialog.diff is None and not dialog.import_button.isEnabled()
    assert "Comparing with the plan…" in dialog.summary.text()
    with qtbot.assertNotEmitted(dialog.imported):
        dialog.run_import()  # nothing to apply yet: neither a merge nor a new plan
    with ctx.session() as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 1

    # Pick the plan again: the first comparison is superseded, only the second one counts.
    dialog.target.setCurrentIndex(0)
    dialog.target.setCurrentIndex(dialog.target.findData(sample_plan.id))
    with qtbot.waitSignal(dialog.diff_ready, timeout=20000):
        gate.set()
    qtbot.waitUntil(lambda: len(results) == 2 and all(results.values()), timeout=20000)
    qtbot.wait(50)  # the first worker's late answer, if any, has been delivered and dropped
    assert dialog.diff is results[1] and dialog.diff is not results[0]
    assert states[0].cancelled and not states[1].cancelled  # diff_plan's own Cancel checks
    assert dialog.import_button.isEnabled()

    # Cancel: said at once, the late result is dropped, Import stays off.
    gate.clear()
    dialog.target.setCurrentIndex(0)
    dialog.target.setCurrentIndex(dialog.target.findData(sample_plan.id))
    assert dialog._diff_task is not None
    with qtbot.waitSignal(dialog.diff_ready, timeout=5000):
        dialog._diff_task.dialog.canceled.emit()  # the progress dialog's Cancel button
    assert "Comparison cancelled" in dialog.summary.text()
    gate.set()
    qtbot.waitUntil(lambda: len(results) == 3 and all(results.values()), timeout=20000)
    qtbot.wait(50)
    assert dialog.diff is None and not dialog.import_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.imported):
        dialog.run_import()

    # Closing the dialog mid-comparison: the late answer is dropped, nothing breaks.
    gate.clear()
    dialog.target.setCurrentIndex(0)
    dialog.target.setCurrentIndex(dialog.target.findData(sample_plan.id))
    dialog.reject()
    with qtbot.assertNotEmitted(dialog.diff_ready, wait=100):
        gate.set()
        qtbot.waitUntil(lambda: len(results) == 4 and all(results.values()), timeout=20000)
    assert dialog.diff is None


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


def test_a_cancelled_merge_pushes_nothing_and_can_be_retried(
    qtbot, ctx, tmp_path, sample_plan, monkeypatch
):
    import views.import_dialog as module
    import views.import_merge as merge
    from services.tasks import Cancelled

    book = openpyxl.load_workbook(sample_workbook_path())
    book.worksheets[0]["F5"] = 750
    path = tmp_path / "returned.xlsx"
    book.save(path)
    dialog = module.ImportDialog(None, ctx)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findData(sample_plan.id))
    with qtbot.waitSignals([dialog.analyzed, dialog.diff_ready], timeout=20000):
        dialog.set_path(path)
    real_apply = merge.apply_diff

    def cancelled(session, diff, **options):
        raise Cancelled()

    monkeypatch.setattr(merge, "apply_diff", cancelled)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert "nothing was written" in dialog.summary.text()
    assert ctx.undo_stack.count() == 0 and _amount(ctx, "工业绿色制造体系") == "700.00"
    monkeypatch.setattr(merge, "apply_diff", real_apply)
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        dialog.import_button.click()
    assert ctx.undo_stack.count() == 1 and _amount(ctx, "工业绿色制造体系") == "750.00"


def test_a_typed_or_pasted_path_is_read(qtbot, ctx, tmp_path):
    from views.import_dialog import ImportDialog

    dialog = ImportDialog(None, ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.path_edit.isReadOnly()
    dialog.path_edit.setText(str(tmp_path / "missing.xlsx"))
    dialog.path_edit.editingFinished.emit()
    assert "missing.xlsx" in dialog.summary.text() and not dialog.import_button.isEnabled()
    # Explorer's "Copy as path" puts quotes around it.
    dialog.path_edit.setText(f'"{sample_workbook_path()}"')
    with qtbot.waitSignal(dialog.analyzed, timeout=20000):
        dialog.path_edit.editingFinished.emit()
    assert dialog.summary.text().startswith("56 projects in 6 sections")


def test_after_an_import_and_an_export_a_message_says_what_went_where(
    qtbot, ctx, tmp_path, monkeypatch
):
    from views.export_dialog import ExportDialog
    from widgets import written_message

    opened = []
    monkeypatch.setattr(written_message, "open_location", lambda path: opened.append(path))
    dialog = _open(qtbot, ctx, sample_workbook_path())
    with qtbot.waitSignal(dialog.imported, timeout=20000) as signal:
        dialog.import_button.click()
    box = written_message.last_message
    qtbot.addWidget(box)
    assert "56" in box.text() and "2023年钟楼区生态文明建设工程项目表" in box.text()
    assert str(sample_workbook_path().parent) in box.informativeText()
    ctx.plan_id = signal.args[0]
    export = ExportDialog(None, ctx, ProjectFilter(plan_id=signal.args[0]))
    qtbot.addWidget(export)
    out = tmp_path / "附件1.xlsx"
    export.path_edit.setText(str(out))
    with qtbot.waitSignal(export.exported, timeout=20000):
        export.export_button.click()
    box = written_message.last_message
    qtbot.addWidget(box)
    assert "56" in box.text() and "附件1.xlsx" in box.text()
    assert str(tmp_path) in box.informativeText()
    box.findChild(QPushButton, "openFolder").click()
    box.findChild(QPushButton, "openFile").click()
    assert opened == [tmp_path, out]
