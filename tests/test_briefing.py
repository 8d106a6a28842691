"""PDF briefings (issue 6): the real builder on the 2023 sample, read back with pypdf/poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from exports.briefing import build_briefing
from exports.briefing_options import WATERMARK, BriefingOptions
from models import Project, Section
from services.query import ProjectFilter
from services.tasks import Cancelled, TaskState

TITLE = "2023年钟楼区生态文明建设工作方案"


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _flat(text: str) -> str:
    # Table cells wrap; compare against text with the line breaks taken out.
    return re.sub(r"\s+", "", text)


def _outline_titles(path) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(str(path)).outline)
    return titles


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    """The full sample briefing, built once for the tests that only read it."""
    from db import open_database, session_factory
    from services.sample import load_sample

    folder = tmp_path_factory.mktemp("briefing")
    engine = open_database(folder / "ledger.sqlite")
    try:
        with session_factory(engine)() as session:
            plan = load_sample(session)
            out = folder / "brief.pdf"
            options = BriefingOptions(plan.id, briefing_date=date(2024, 1, 8))
            result = build_briefing(TaskState(), session, options, out)
    finally:
        engine.dispose()
    return result, out


def test_sample_briefing_has_the_plan_the_money_and_the_units(briefing):
    result, out = briefing
    text = _text(out)
    flat = _flat(text)
    assert TITLE in text
    assert "67,619.88" in text
    assert "钟楼生态环境局" in flat
    assert "40,363.88" in text  # 碧水 subtotal
    assert "第 1 页 / 共" in text
    assert "2024年1月8日" in text  # the briefing date on the cover
    assert "钟政办发〔2023〕17号" in text
    assert (
        "2023年共安排生态文明建设工程项目56项，计划总投资67,619.88万元（约6.76亿元），"
        "其中深入打好碧水保卫战12项、40,363.88万元，占59.7%"
    ) in flat
    pages = len(PdfReader(str(out)).pages)
    assert result.pages == pages
    assert 6 <= pages <= 30
    assert result.projects == 56


def test_every_section_subtotal_and_the_grand_total_are_printed(briefing):
    from services.sample import sample_data

    _, out = briefing
    flat = _flat(_text(out))
    for section in sample_data()["sections"]:
        amounts = [Decimal(p["planned_investment_wan"] or 0) for p in section["projects"]]
        assert f"小计（{len(amounts)}项）{sum(amounts):,.2f}" in flat, section["name"]
    assert "合计（56项）67,619.88" in flat


def test_footer_counts_pages_and_contents_lists_chapters(briefing):
    result, out = briefing
    text = _text(out)
    numbered = result.pages - 1  # the cover is unnumbered
    assert f"第 {numbered} 页 / 共" in text
    assert f"第 {numbered + 1} 页" not in text
    reader = PdfReader(str(out))
    assert reader.page_labels[:3] == ["封面", "1", "2"]
    titles = _outline_titles(out)
    assert titles[0] == "一、总体情况"
    assert any(t.endswith("工程项目表") for t in titles)
    assert "(三)深入打好碧水保卫战" in titles
    contents = reader.pages[1].extract_text()
    assert "目 录" in contents and "工程项目表" in contents


def test_metadata(briefing):
    _, out = briefing
    meta = PdfReader(str(out)).metadata
    assert TITLE in meta.title
    assert meta.author == "常州市钟楼区人民政府办公室"
    assert "简报" in meta.subject


def test_every_font_is_embedded(briefing):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    _, out = briefing
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    for row in rows:
        # name type encoding emb sub uni object ID — "emb" is the fourth column from the end.
        assert row.split()[-5] == "yes", row
    assert "STSong" not in listing and "Helvetica" not in listing


def test_a_filter_makes_a_smaller_briefing_with_only_its_projects(session, sample_plan, tmp_path):
    bishui = session.scalar(
        select(Section.id).where(Section.plan_id == sample_plan.id, Section.name.like("%碧水%"))
    )
    inside = session.scalars(select(Project.name).where(Project.section_id == bishui)).all()
    outside = session.scalars(
        select(Project.name).where(Project.plan_id == sample_plan.id, Project.section_id != bishui)
    ).all()
    whole = build_briefing(
        TaskState(), session, BriefingOptions(sample_plan.id), tmp_path / "a.pdf"
    )
    flt = ProjectFilter(plan_id=sample_plan.id, section_ids=(bishui,))
    part = build_briefing(
        TaskState(), session, BriefingOptions(sample_plan.id, flt=flt), tmp_path / "b.pdf"
    )
    assert part.projects == 12 < whole.projects
    assert part.pages < whole.pages
    flat = _flat(_text(tmp_path / "b.pdf"))
    assert "合计（12项）40,363.88" in flat
    assert "范围：重点任务：(三)深入打好碧水保卫战" in flat
    for name in inside:
        assert _flat(name) in flat
    only_outside = [n for n in outside if not any(_flat(n) in _flat(i) for i in inside)]
    assert only_outside
    for name in only_outside:
        assert _flat(name) not in flat, name


def test_a_selection_prints_exactly_the_selected_projects(session, sample_plan, tmp_path):
    rows = session.execute(
        select(Project.id, Project.name, Project.planned_investment_wan)
        .where(Project.plan_id == sample_plan.id)
        .order_by(Project.id)
        .limit(3)
    ).all()
    flt = ProjectFilter(plan_id=sample_plan.id, ids=tuple(r.id for r in rows))
    result = build_briefing(
        TaskState(), session, BriefingOptions(sample_plan.id, flt=flt), tmp_path / "s.pdf"
    )
    assert result.projects == 3
    flat = _flat(_text(tmp_path / "s.pdf"))
    total = sum((r.planned_investment_wan for r in rows), Decimal("0.00"))
    assert f"合计（3项）{total:,.2f}" in flat
    assert "选定项目3项" in flat


def test_options_landscape_watermark_and_chapters(session, sample_plan, tmp_path):
    out = tmp_path / "l.pdf"
    result = build_briefing(
        TaskState(),
        session,
        BriefingOptions(
            sample_plan.id,
            orientation="landscape",
            watermark=WATERMARK,
            chapters=frozenset({"summary", "projects"}),
            office="钟楼区生态文明建设领导小组办公室",
        ),
        out,
    )
    assert result.chapters == ("summary", "projects")
    reader = PdfReader(str(out))
    for page in reader.pages:
        assert page.mediabox.width > page.mediabox.height
    text = _text(out)
    assert WATERMARK in text
    assert "钟楼区生态文明建设领导小组办公室" in text
    titles = _outline_titles(out)
    assert titles[:2] == ["一、总体情况", "二、工程项目表"]
    assert not any("指标" in t or "整改" in t for t in titles)


def test_portrait_body_with_landscape_project_table(briefing):
    _, out = briefing
    reader = PdfReader(str(out))
    shapes = [p.mediabox.width > p.mediabox.height for p in reader.pages]
    assert shapes[0] is False and shapes[-1] is True  # cover portrait, project table landscape


def test_optional_chapters_only_with_data(session, tmp_path):
    from services.ledger import insert_projects
    from services.plans import add_section, create_plan

    plan = create_plan(session, title="2024年测试方案", year_start=2024)
    section = add_section(session, plan.id, "(一)测试任务")
    insert_projects(
        session,
        section.id,
        0,
        [{"name": "测试项目", "planned_investment_wan": "10", "period": "2024"}],
    )
    out = tmp_path / "t.pdf"
    result = build_briefing(TaskState(), session, BriefingOptions(plan.id), out)
    assert "indicators" not in result.chapters
    assert "rectifications" not in result.chapters
    assert "behind" not in result.chapters
    titles = _outline_titles(out)
    assert not any("指标" in t or "整改" in t or "滞后" in t for t in titles)
    assert "测试项目" in _text(out)


def test_progress_paragraph_and_behind_schedule_list(session, sample_plan, tmp_path):
    from services import progress

    ids = session.scalars(
        select(Project.id)
        .where(Project.plan_id == sample_plan.id, Project.start_year == 2023)
        .where(Project.end_year == 2023, Project.planned_investment_wan > 0)
        .order_by(Project.id)
        .limit(3)
    ).all()
    lagging, done, on_track = ids
    progress.set_reports(
        session,
        "2023Q2",
        {
            lagging: {"progress_pct": "10", "status": "在建"},
            done: {"progress_pct": "100", "status": "已建成"},
            on_track: {"progress_pct": "60", "status": "在建"},
        },
    )
    lagging_name = session.get(Project, lagging).name
    out = tmp_path / "p.pdf"
    result = build_briefing(TaskState(), session, BriefingOptions(sample_plan.id), out)
    assert "behind" in result.chapters
    flat = _flat(_text(out))
    assert "截至2023年6月30日，已报送进展的项目3项" in flat
    assert "已完成1项" in flat
    assert "慢于序时进度1项" in flat
    assert any("滞后项目清单" in t for t in _outline_titles(out))
    assert _flat(lagging_name) in flat


def test_a_row_taller_than_a_page_is_continued_not_lost(session, sample_plan, tmp_path):
    from services.ledger import set_fields

    pid = session.scalar(
        select(Project.id).where(Project.plan_id == sample_plan.id).order_by(Project.id)
    )
    long_text = "".join(f"第{i}条：完成河道清淤和生态修复。" for i in range(1, 400))
    set_fields(session, {pid: {"content": long_text}})
    out = tmp_path / "long.pdf"
    build_briefing(
        TaskState(),
        session,
        BriefingOptions(sample_plan.id, chapters=frozenset({"projects"})),
        out,
    )
    flat = _flat(_text(out))
    assert "（续）" in flat
    assert "第1条：" in flat and "第399条：完成河道清淤和生态修复。" in flat


def test_cancel_leaves_no_file(session, sample_plan, tmp_path):
    state = TaskState()
    calls = []

    def progress(done, total, message):
        calls.append(message)
        if message == "排版工程项目表":
            state.cancel()

    state.on_progress = progress
    state.min_interval = 0
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "c.pdf"
    with pytest.raises(Cancelled):
        build_briefing(state, session, BriefingOptions(sample_plan.id), out)
    assert "排版工程项目表" in calls
    assert list(folder.iterdir()) == []  # neither the PDF nor its temporary file


def test_cell_text_breaks_lines_like_chinese_typesetting():
    from exports.briefing_celltext import NO_LINE_START, CellText
    from exports.briefing_fonts import styles

    cell = CellText(
        "钟楼生态环境局、区住建局、北港街道、新闸街道，完成VOCs综合治理67,619.88万元。" * 3,
        styles().cell,
    )
    cell.wrap(90, 1000)
    lines = ["".join(t for _, t in runs) for runs in cell.lines]
    assert len(lines) > 3
    assert all(line[0] not in NO_LINE_START for line in lines)
    assert all(width <= 90 + 1e-6 for width in cell.line_widths)
    assert "".join(lines) == cell.segments[0][0]
    joined = "\n".join(lines)
    assert "67,619.88" in joined.replace("\n", "") and "VOCs" in joined  # runs kept whole


def test_glyphs_missing_from_the_body_face_use_the_heading_face():
    from exports.briefing_fonts import HEADING, LATIN, markup, register_fonts

    missing = next(iter(sorted(register_fonts().fallback)))
    text = markup(f"太湖{chr(missing)}湖 PM2.5")
    assert f'<font face="{HEADING}">{chr(missing)}</font>' in text
    assert f'<font face="{LATIN}">PM2.5</font>' in text


def test_cli_brief_and_its_errors(db_path, tmp_path, capsys):
    from cli.main import main

    assert main(["sample", "--db", str(db_path)]) == 0
    out = tmp_path / "cli.pdf"
    assert main(["brief", str(out), "--db", str(db_path), "--plan", "2023", "--watermark"]) == 0
    printed = capsys.readouterr().out
    assert "页" in printed and str(out) in printed
    assert TITLE in _text(out)
    missing = tmp_path / "missing.pdf"
    assert main(["brief", str(missing), "--db", str(db_path), "--plan", "没有这个方案"]) == 1
    assert "找不到方案" in capsys.readouterr().err
    assert not missing.exists()
    assert main(["brief", str(missing), "--db", str(db_path), "--only", "nope"]) == 1
    assert "unknown chapter" in capsys.readouterr().err
    part = tmp_path / "part.pdf"
    code = main(
        ["brief", str(part), "--db", str(db_path), "--section", "碧水", "--json", "--landscape"]
    )
    assert code == 0
    assert '"projects": 12' in capsys.readouterr().out


@pytest.mark.gui
def test_dialog_builds_in_a_worker_opens_the_pdf_and_remembers_choices(
    qtbot, engine, sample_plan, tmp_path, monkeypatch
):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QUndoStack

    import views.briefing_dialog as dialog_module
    from app import settings
    from app.context import AppContext
    from db import session_factory
    from services.query import totals

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    try:
        opened: list[str] = []
        monkeypatch.setattr(dialog_module, "open_file", opened.append)
        ctx = AppContext(engine, session_factory(engine), QUndoStack(), plan_id=sample_plan.id)
        flt = ProjectFilter(plan_id=sample_plan.id, text="水")
        dialog = dialog_module.BriefingDialog(None, ctx, flt, [])
        qtbot.addWidget(dialog)
        scope_model = dialog.scope.model()
        assert not scope_model.item(dialog.scope.findData("selection")).isEnabled()
        dialog.scope.setCurrentIndex(dialog.scope.findData("filter"))
        dialog.style.setCurrentIndex(dialog.style.findData("modern"))
        dialog.landscape.setChecked(True)
        dialog.chapter_boxes["charts"].setChecked(False)
        dialog.watermark.setChecked(True)
        out = tmp_path / "gui.pdf"
        dialog.path_edit.setText(str(out))
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
        assert out.exists()
        assert opened == [str(out)]
        with ctx.session() as session:
            expected = totals(session, flt).projects
        assert dialog.result.projects == expected
        assert "charts" not in dialog.result.chapters
        flat = _flat(_text(out))
        assert WATERMARK.replace(" ", "") in flat and "关键词“水”" in flat
        assert all(p.mediabox.width > p.mediabox.height for p in PdfReader(str(out)).pages)

        again = dialog_module.BriefingDialog(None, ctx, flt, [])
        qtbot.addWidget(again)
        assert again.landscape.isChecked()
        assert not again.chapter_boxes["charts"].isChecked()
        assert again.chapter_boxes["projects"].isChecked()
        assert again.watermark.isChecked()
        assert again.scope.currentData() == "filter"
        assert again.path_edit.text().startswith(str(tmp_path))
        # Without a filter the filter choice is disabled and the remembered scope falls back.
        whole = dialog_module.BriefingDialog(None, ctx, ProjectFilter(plan_id=sample_plan.id), [])
        qtbot.addWidget(whole)
        assert whole.scope.currentData() == "plan"
    finally:
        settings.use_settings_file(str(tmp_path / "settings-after.ini"))


def test_an_empty_plan_still_makes_a_short_briefing(session, tmp_path):
    from services.plans import add_section, create_plan

    plan = create_plan(session, title="2025年空白方案", year_start=2025)
    add_section(session, plan.id, "(一)待定任务")
    out = tmp_path / "empty.pdf"
    result = build_briefing(TaskState(), session, BriefingOptions(plan.id), out)
    assert result.projects == 0
    assert result.chapters == ("summary",)
    assert "2025年空白方案尚未录入工程项目。" in _flat(_text(out))
