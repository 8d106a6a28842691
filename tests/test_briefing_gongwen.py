"""公文-style briefings (issue 18): GB/T 9704 layout, the Word copy, traceable figures and the
as-of date — the real builders on the 2023 sample with a quarter's progress returns, read back
with pypdf, poppler and python-docx, and every figure checked against the services."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from exports.briefing import build_briefing
from exports.briefing_options import BriefingOptions
from models import Project, Rectification
from services import indicators, progress, rectifications, schedule
from services.parsing import format_money
from services.query import ProjectFilter, rows_for_ids
from services.tasks import TaskState

Q2_END = date(2023, 6, 30)
PROGRESS = (60, 45, 20, 100, 55, 10, 70, 50)  # cycled over the projects in table order


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def _start(pages: list[str], heading: str) -> int:
    """The page whose text (after its page number) begins with `heading`."""
    return next(
        i for i, p in enumerate(pages) if re.sub(r"^—\d+—", "", _flat(p)).startswith(heading)
    )


def add_returns(session, plan) -> None:
    """A 2023Q2 return for every project, two indicator actuals and two rectifications 销号."""
    ids = session.scalars(
        select(Project.id).where(Project.plan_id == plan.id).order_by(Project.id)
    ).all()
    changes = {}
    for n, pid in enumerate(ids):
        project = session.get(Project, pid)
        pct = PROGRESS[n % len(PROGRESS)]
        change = {"progress_pct": str(pct), "status": "已建成" if pct == 100 else "在建"}
        if project.planned_investment_wan:
            done = (project.planned_investment_wan * pct / 100).quantize(Decimal("0.01"))
            change["completed_investment_wan"] = str(done)
        changes[pid] = change
    progress.set_reports(session, "2023Q2", changes)
    first, second = indicators.indicator_ids(session, plan.id)[:2]
    indicators.set_actuals(session, "2023", {first: "33.0", second: "80.1"})
    closed = session.scalars(
        select(Rectification.id).where(Rectification.plan_id == plan.id).limit(2)
    ).all()
    rectifications.close_items(session, list(closed), "现场核查", date(2023, 5, 20))
    session.commit()


@pytest.fixture(scope="module")
def tracked(tmp_path_factory):
    """The sample with returns, and its 公文 PDF (with 报头) and Word copy, built once."""
    from db import open_database, session_factory
    from services.sample import load_sample

    folder = tmp_path_factory.mktemp("gongwen")
    engine = open_database(folder / "ledger.sqlite")
    session = session_factory(engine)()
    plan = load_sample(session)
    add_returns(session, plan)
    options = BriefingOptions(
        plan.id,
        style="gongwen",
        masthead=True,
        issue="第3期",
        send_to="区委、区政府主要领导",
        copy_to="区生态环境局",
        briefing_date=date(2023, 7, 10),
    )
    pdf = build_briefing(TaskState(), session, options, folder / "brief.pdf")
    docx = build_briefing(TaskState(), session, options, folder / "brief.docx")
    yield session, plan, pdf, docx
    session.close()
    engine.dispose()


# ---------------------------------------------------------------- fonts


def _gb2312_hanzi() -> list[str]:
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.append(bytes([hi, lo]).decode("gb2312"))
    return out


def test_gongwen_faces_are_truetype_and_cover_gb2312():
    from fontTools.ttLib import TTFont

    from exports.briefing_fonts import _shipped
    from exports.briefing_gongwen_fonts import FILES

    hanzi = _gb2312_hanzi()
    assert len(hanzi) == 6763
    for file in FILES.values():
        font = TTFont(str(_shipped(file)))
        assert "glyf" in font and "CFF " not in font, file  # reportlab embeds glyf only
        cmap = font.getBestCmap()
        missing = [c for c in hanzi if ord(c) not in cmap]
        assert not missing, (file, "".join(missing[:20]))


@pytest.mark.parametrize("face", ["GLFang", "GLKai", "GLTitle"])
def test_rare_characters_render_in_the_face_or_its_fallback(face):
    from reportlab.pdfbase.pdfmetrics import getFont

    from exports.briefing_gongwen_fonts import fallback_face, markup_in, register_gongwen_fonts

    register_gongwen_fonts()
    for ch in "Ⅴ①㎡℃":
        own = ord(ch) in getFont(face).face.charToGlyph
        other = fallback_face(ord(ch), face)
        assert own or (other and ord(ch) in getFont(other).face.charToGlyph), (face, ch)
        if not own:
            assert f'<font face="{other}">{ch}</font>' in markup_in(f"面积{ch}", face)


def test_28_characters_fill_the_156_mm_line():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from exports.briefing_gongwen_fonts import FANG, TYPE_W, register_gongwen_fonts

    register_gongwen_fonts()
    assert abs(stringWidth("生" * 28, FANG, 16) - TYPE_W) < 0.5
    assert stringWidth("生" * 29, FANG, 16) > TYPE_W


def test_every_gongwen_face_is_embedded(tracked):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    _, _, pdf, _ = tracked
    listing = subprocess.run(
        ["pdffonts", str(pdf.path)], capture_output=True, text=True, check=True
    ).stdout
    rows = listing.splitlines()[2:]
    for row in rows:
        assert row.split()[-5] == "yes", row  # emb
    for name in ("FandolFang", "UKaiCN", "FandolSong-Bold", "WenQuanYiMicroHei", "UMingCN"):
        assert name in listing, listing
    assert "Helvetica" not in listing and "STSong" not in listing


# ---------------------------------------------------------------- layout


def test_page_numbers_are_dashed_and_outer_aligned(tracked):
    _, _, pdf, _ = tracked
    reader = PdfReader(str(pdf.path))
    assert pdf.pages == len(reader.pages) > 4
    for index, page in enumerate(reader.pages):
        number = index + 1  # the 报头 replaces the cover: the first page is page 1
        found: list[float] = []

        def visit(text, cm, tm, font, size, number=number, found=found):
            if text.strip() == f"— {number} —":
                found.append(cm[4] + tm[4])

        page.extract_text(visitor_text=visit)
        assert found, (number, page.extract_text()[-80:])
        width = float(page.mediabox.width)
        if number % 2:
            assert found[0] > width / 2, number  # odd pages: right
        else:
            assert found[0] < width / 2, number  # even pages: left


def test_without_masthead_the_cover_is_not_counted(session, sample_plan, tmp_path):
    out = tmp_path / "cover.pdf"
    options = BriefingOptions(sample_plan.id, style="gongwen", chapters=frozenset({"summary"}))
    result = build_briefing(TaskState(), session, options, out)
    pages = _pages(out)
    assert "— " not in pages[0]  # the cover
    assert "— 1 —" in pages[1] and f"— {result.pages - 1} —" in pages[-1]
    assert "生态文明建设工作简报" not in pages[0]


def test_masthead_title_headings_and_版记(tracked):
    _, plan, pdf, _ = tracked
    pages = _pages(pdf.path)
    first = _flat(pages[0]).removeprefix("—1—")  # the page number is drawn before the text
    assert first.startswith("生态文明建设工作简报第3期")
    assert "常州市钟楼区人民政府办公室编2023年7月10日" in first
    assert _flat(f"{plan.title}工程项目实施情况") in first
    text = _flat("".join(pages))
    for heading in ("一、总体情况", "二、推进情况", "（一）分重点任务情况", "（二）进度滞后项目"):
        assert heading in text
    assert "报送：区委、区政府主要领导" in text and "抄送：区生态环境局" in text
    assert "2023年7月10日印发" in text
    assert "附件：1.工程项目表" in text


def test_attachment_1_lists_every_project_with_subtotals_and_total(tracked):
    session, plan, pdf, _ = tracked
    pages = _pages(pdf.path)
    start = _start(pages, "附件1")
    table = _flat("".join(pages[start:]))
    assert "单位：万元" in table
    reader = PdfReader(str(pdf.path))
    box = reader.pages[start].mediabox
    assert float(box.width) > float(box.height)  # landscape
    later = [p for p in pages[start + 1 :] if "工程项目名称" in p]
    assert later, "the header row repeats on the following pages"
    names = session.scalars(select(Project.name).where(Project.plan_id == plan.id)).all()
    for name in names:
        assert _flat(name) in table, name
    assert table.count("小计") >= 6
    assert "合计（56项）" in table and "67,619.88" in table


# ---------------------------------------------------------------- figures against the services


def test_the_text_says_what_the_services_count(tracked):
    session, plan, pdf, _ = tracked
    flt = ProjectFilter(plan_id=plan.id)
    counts = schedule.schedule_counts(session, flt, Q2_END)
    planned = Decimal("67619.88")
    share = (counts.completed_investment_wan * 100 / planned).quantize(Decimal("0.1"))
    expected = (schedule.expected_investment(session, flt, Q2_END) * 100 / planned).quantize(
        Decimal("0.1")
    )
    text = _flat("".join(_pages(pdf.path)))
    head = (
        f"截至2023年6月底，全区56个项目累计完成投资{format_money(counts.completed_investment_wan)}"
        f"万元，占年度计划的{share}%，"
    )
    assert head in text
    gap = share - expected
    if gap:
        assert (
            f"{'超' if gap > 0 else '低于'}序时进度{abs(gap)}个百分点（序时进度{expected}%）"
            in text
        )
    assert f"已报送进展项目{counts.reported}个" in text
    # Behind schedule by lead unit, counted independently from the per-project judgement.
    ids = list(session.scalars(select(Project.id).where(Project.plan_id == plan.id)))
    flags = schedule.schedule_for_ids(session, ids, Q2_END)
    lagging = [r for r in rows_for_ids(session, ids) if flags[r.id].flag in ("behind", "overdue")]
    assert len(lagging) == counts.behind + counts.overdue > 0
    by_unit = Counter(next(n for n, role in r.owners if role == "lead") for r in lagging)
    for unit, n in by_unit.items():
        assert f"{unit}（{n}个）" in text
    for row in lagging:
        assert _flat(row.name) in text
    statuses = indicators.indicator_statuses(session, plan.id)
    met = sum(1 for s in statuses if s.actual is not None and s.met)
    assert f"方案确定工作目标指标{len(statuses)}项" in text
    assert f"已填报实际值2项，其中达标{met}项、未达标{2 - met}项" in text
    rc = rectifications.rectification_counts(session, plan.id, Q2_END)
    assert f"排查问题{rc['total']}个，已整改销号{rc['closed']}个" in text
    assert rc["closed"] == 2


def test_expected_investment_is_the_sum_of_each_projects_序时进度(session, sample_plan):
    flt = ProjectFilter(plan_id=sample_plan.id)
    day = date(2023, 5, 31)
    by_hand = Decimal(0)
    for p in session.scalars(select(Project).where(Project.plan_id == sample_plan.id)):
        pct = schedule.expected_progress(p.start_year, p.end_year, day)
        if pct is not None and p.planned_investment_wan is not None:
            by_hand += p.planned_investment_wan * pct / 100
    assert schedule.expected_investment(session, flt, day) == by_hand.quantize(Decimal("0.01"))


def test_figures_link_to_the_appendix_listing_their_projects(tracked):
    _, _, pdf, _ = tracked
    reader = PdfReader(str(pdf.path))
    pages = _pages(pdf.path)
    index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    attachment_1, attachment_2 = _start(pages, "附件1"), _start(pages, "附件2")
    targets = set()
    for page in reader.pages[:attachment_1]:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            if obj.get("/Subtype") == "/Link" and "/Dest" in obj:
                targets.add(index[obj["/Dest"][0].idnum])
    # 56 个 / 计划总投资 go to the project table, 累计完成投资 and each unit's count to 附件2.
    assert attachment_1 in targets and attachment_2 in targets, targets
    assert min(targets) >= attachment_1
    assert "已报送进展项目及累计完成投资" in pages[attachment_2]
    completed = pdf.figures["completed_wan"]
    assert len(completed.project_ids) == 56


def test_sources_json_from_the_cli(tracked, tmp_path, capsys):
    from cli.main import main

    session, plan, _, _ = tracked
    db = session.get_bind().url.database
    out, sources = tmp_path / "b.pdf", tmp_path / "b.json"
    assert (
        main(["brief", str(out), "--db", db, "--sources", str(sources), "--as-of", "2023-06-30"])
        == 0
    )
    data = json.loads(sources.read_text(encoding="utf-8"))
    assert data["as_of"] == "2023-06-30" and data["filter"] == {"plan_id": plan.id}
    figures = {f["key"]: f for f in data["figures"]}
    counts = schedule.schedule_counts(session, ProjectFilter(plan_id=plan.id), Q2_END)
    assert figures["completed_wan"]["value"] == format_money(counts.completed_investment_wan)
    assert figures["behind"]["projects"] == counts.behind
    assert figures["projects"]["projects"] == 56
    for figure in figures.values():
        assert figure["source"].startswith("services.") and figure["as_of"] == "2023-06-30"


# ---------------------------------------------------------------- Word


def test_word_copy_has_styles_tables_pictures_and_page_fields(tracked):
    from docx import Document
    from docx.oxml.ns import qn

    session, plan, _, docx = tracked
    doc = Document(str(docx.path))
    used = Counter(p.style.name for p in doc.paragraphs)
    assert used["Title"] >= 2 and used["Heading 1"] == 2 and used["Heading 2"] >= 3
    assert used["Heading 3"] >= 1
    fonts = {
        name: doc.styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
        for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title")
    }
    assert fonts == {
        "Normal": "仿宋",
        "Heading 1": "黑体",
        "Heading 2": "楷体",
        "Heading 3": "仿宋",
        "Title": "方正小标宋简体",
    }
    assert doc.styles["Heading 3"].font.bold and doc.styles["Normal"].font.size.pt == 16
    first = doc.paragraphs[0]
    assert first.text == "生态文明建设工作简报" and first.runs[0].font.color.rgb is not None
    table_text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    names = session.scalars(select(Project.name).where(Project.plan_id == plan.id)).all()
    for name in names:
        assert name in table_text, name
    assert "合计（56项）" in table_text and "67,619.88" in table_text
    assert doc.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(doc.inline_shapes) >= 1  # charts as pictures
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "— " in footer_xml and 'w:fldCharType="begin"' in footer_xml
    assert doc.settings.odd_and_even_pages_header_footer
    assert doc.sections[-1].page_width > doc.sections[-1].page_height  # landscape 附件
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "截至2023年6月底，全区56个项目累计完成投资" in body


def test_cli_writes_the_word_copy(db_path, tmp_path, capsys):
    from cli.main import main

    assert main(["sample", "--db", str(db_path)]) == 0
    out = tmp_path / "b.docx"
    assert main(["brief", str(out), "--db", str(db_path)]) == 0
    assert out.stat().st_size > 10_000
    assert main(["brief", str(tmp_path / "b.txt"), "--db", str(db_path)]) == 1
    assert ".docx" in capsys.readouterr().err


# ---------------------------------------------------------------- as-of


def test_default_as_of_follows_the_plan_and_its_returns(session, sample_plan):
    plan_id = sample_plan.id
    assert schedule.default_as_of(session, plan_id, date(2023, 5, 4)) == date(2023, 5, 4)
    # A 2023 plan looked at in 2026 without returns: its last day, not today.
    assert schedule.default_as_of(session, plan_id, date(2026, 3, 1)) == date(2023, 12, 31)
    add_returns(session, sample_plan)
    assert schedule.default_as_of(session, plan_id, date(2026, 3, 1)) == Q2_END


def test_an_as_of_date_changes_序时进度_and_the_flags(session, sample_plan, tmp_path):
    add_returns(session, sample_plan)
    pid = session.scalars(
        select(Project.id).where(
            Project.plan_id == sample_plan.id, Project.start_year == 2023, Project.end_year == 2023
        )
    ).first()
    june = schedule.schedule_for_ids(session, [pid], Q2_END)[pid]
    march = schedule.schedule_for_ids(session, [pid], date(2023, 3, 31))[pid]
    later = schedule.schedule_for_ids(session, [pid], date(2026, 3, 1))[pid]
    assert june.expected_pct == Decimal("50.00") and march.expected_pct == Decimal("25.00")
    assert later.flag in ("overdue", "done")
    # The grid's 序时进度 column judges at the plan's default day, not today.
    assert schedule.as_of_for_ids(session, [pid], today=date(2026, 3, 1)) == Q2_END
    # The briefing at two as-of days prints two different 序时进度 figures.
    texts = []
    for day in (Q2_END, date(2023, 9, 30)):
        out = tmp_path / f"{day}.pdf"
        options = BriefingOptions(
            sample_plan.id, style="gongwen", as_of=day, chapters=frozenset({"summary"})
        )
        result = build_briefing(TaskState(), session, options, out)
        assert result.as_of == day
        texts.append(_flat("".join(_pages(out))))
    assert "截至2023年6月底" in texts[0] and "截至2023年9月底" in texts[1]
    june = Decimal(re.search(r"（序时进度([\d.]+)%", texts[0]).group(1))
    september = Decimal(re.search(r"（序时进度([\d.]+)%", texts[1]).group(1))
    assert june < september


# ---------------------------------------------------------------- the dialog


@pytest.mark.gui
def test_dialog_writes_word_and_a_figure_opens_its_projects(
    qtbot, engine, sample_plan, tmp_path, monkeypatch
):
    from PySide6.QtGui import QUndoStack

    import views.briefing_dialog as dialog_module
    from app import settings
    from app.context import AppContext
    from db import session_factory

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    try:
        with session_factory(engine)() as session:
            plan = session.get(type(sample_plan), sample_plan.id)
            add_returns(session, plan)
        monkeypatch.setattr(dialog_module, "open_file", lambda path: None)
        ctx = AppContext(engine, session_factory(engine), QUndoStack(), plan_id=sample_plan.id)
        dialog = dialog_module.BriefingDialog(None, ctx, None, [])
        qtbot.addWidget(dialog)
        assert dialog.style.currentData() == "gongwen"  # the office's layout by default
        dialog.path_edit.setText(str(tmp_path / "gui.pdf"))
        dialog.format.setCurrentIndex(dialog.format.findData("docx"))
        assert dialog.path_edit.text().endswith("gui.docx") and not dialog.style.isEnabled()
        dialog.masthead.setChecked(True)
        dialog.issue.setText("第5期")
        # Key figures: the list, then a double-click shows that figure's projects.
        dialog.show_figures()
        qtbot.waitUntil(lambda: dialog.figure_list.count() > 0, timeout=60_000)
        texts = [dialog.figure_list.item(i).text() for i in range(dialog.figure_list.count())]
        behind = next(i for i, t in enumerate(texts) if t.startswith("慢于序时进度项目"))
        shown: list[ProjectFilter] = []
        dialog.showProjects.connect(shown.append)
        dialog._figure_activated(dialog.figure_list.item(behind))
        with ctx.session() as session:
            counts = schedule.schedule_counts(
                session, ProjectFilter(plan_id=sample_plan.id), Q2_END
            )
        assert len(shown) == 1 and len(shown[0].ids) == counts.behind

        again = dialog_module.BriefingDialog(None, ctx, None, [])
        qtbot.addWidget(again)
        again.format.setCurrentIndex(again.format.findData("docx"))
        again.masthead.setChecked(True)
        again.issue.setText("第5期")
        out = tmp_path / "gui.docx"
        again.path_edit.setText(str(out))
        again.run()
        qtbot.waitUntil(lambda: again.result is not None, timeout=120_000)
        from docx import Document

        doc = Document(str(out))
        assert doc.paragraphs[1].text == "第5期"
        assert dialog_module.FORMAT.value == "docx" and dialog_module.MASTHEAD.value
    finally:
        settings.use_settings_file(str(tmp_path / "settings-after.ini"))
