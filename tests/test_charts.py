"""Charts: every kind renders PNG (300 dpi) and SVG, all text in the CJK font with every glyph
present, section colours shared across charts, and `main.py chart` headless."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.font_manager import findfont
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from exports.chart_style import section_color
from exports.charts import KINDS, ChartText, figure_for, pick_target, render_chart
from services import aggregates as agg
from services.fonts import cjk_font
from services.query import ProjectFilter
from tests.cli_runner import run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def board(session, sample_plan):
    return agg.dashboard(None, session, ProjectFilter(plan_id=sample_plan.id))


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("kind", KINDS)
def test_png_and_svg_exist_and_are_substantial(board, tmp_path, kind):
    png = render_chart(kind, board.chart_data(kind), tmp_path / f"{kind}.png")
    svg = render_chart(kind, board.chart_data(kind), tmp_path / f"{kind}.svg")
    assert _png_size(png)[0] == 8 * 300  # 8 inches at 300 dpi
    assert png.stat().st_size > 20_000
    text = svg.read_text("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert svg.stat().st_size > 10_000


def _texts(fig):
    FigureCanvasAgg(fig).draw()  # lay out and create every tick label first
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("kind", KINDS)
def test_every_text_uses_the_cjk_font_and_has_its_glyphs(board, kind):
    font_path = str(cjk_font().path)
    charmap = FT2Font(font_path).get_charmap()
    fig = figure_for(kind, board.chart_data(kind))
    texts = _texts(fig)
    assert texts
    for text in texts:
        assert findfont(text.get_fontproperties()) == font_path, text.get_text()
        missing = {c for c in text.get_text() if not c.isspace() and ord(c) not in charmap}
        assert not missing, (text.get_text(), missing)


def test_charts_show_chinese_labels_and_values(board):
    fig = figure_for("sections", board.sections)
    words = " ".join(t.get_text() for t in _texts(fig))
    assert "碧水保卫战" in words and "40,363.88" in words and "万元" in words
    fig = figure_for("years", board.years)
    words = " ".join(t.get_text() for t in _texts(fig))
    assert "2023年" in words and "平均分摊" in words


def test_large_amounts_switch_the_axis_to_yi(board):
    from dataclasses import replace

    # x100: (三) becomes 4,036,388.00 万元 = 403.64 亿元.
    big = [
        replace(s, planned_investment_wan=s.planned_investment_wan * 100) for s in board.sections
    ]
    words = " ".join(t.get_text() for t in _texts(figure_for("sections", big)))
    assert "亿元" in words and "403.64" in words


def test_section_colours_agree_across_charts(board):
    water = next(s for s in board.sections if s.name.startswith("(三)"))
    sections_fig = figure_for("sections", board.sections)
    timeline_fig = figure_for("timeline", board.timeline)

    def colour_of(fig, section_id):
        for artist in fig.axes[0].patches:
            target = pick_target(artist)
            if target and target[0].section_id == section_id:
                return artist.get_facecolor()
        raise AssertionError("no bar for the section")

    from matplotlib.colors import to_rgba

    expected = to_rgba(section_color(water.position))
    assert colour_of(sections_fig, water.section_id) == expected
    assert colour_of(timeline_fig, water.section_id) == expected
    assert section_color(water.position) != section_color(water.position + 1)


def test_bars_carry_their_drill_targets(board):
    fig = figure_for("lead_units", board.lead_units)
    targets = [pick_target(a) for a in fig.axes[0].patches if pick_target(a)]
    assert len(targets) == len(board.lead_units.bars)
    assert targets[0][0] == board.lead_units.top[0].drill


def test_empty_data_and_translated_words(tmp_path):
    empty = agg.ProgressBreakdown([], None)
    fig = figure_for("planned_vs_completed", empty)
    assert "暂无进度数据" in [t.get_text() for t in _texts(fig)]
    english = ChartText(no_progress="No progress data yet")
    fig = figure_for("planned_vs_completed", empty, text=english)
    assert "No progress data yet" in [t.get_text() for t in _texts(fig)]
    with pytest.raises(ValueError):
        figure_for("pie_of_everything", [])
    with pytest.raises(ValueError):
        render_chart("sections", [], tmp_path / "x.gif")


def test_cli_kinds_match_the_renderer():
    from cli.chart_cmd import KINDS as CLI_KINDS

    assert CLI_KINDS == KINDS


def test_cli_chart_headless(tmp_path, tmp_path_factory):
    db = tmp_path / "cli.sqlite"
    run_cli("sample", "--db", db, check=True)
    out = tmp_path / "areas.png"
    run_cli("chart", "areas", out, "--db", db, check=True)
    assert _png_size(out)[0] == 8 * 300
    svg = tmp_path / "timeline.svg"
    run_cli("chart", "timeline", svg, "--db", db, "--timeline", "project", check=True)
    assert svg.stat().st_size > 10_000
    bad = run_cli("chart", "years", tmp_path / "years.txt", "--db", db)
    assert bad.returncode == 1 and ".png" in bad.stderr and "Traceback" not in bad.stderr
    # A new process with no display and no Qt platform: the command must need neither.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    # An empty HOME would make matplotlib rebuild its font list in every process (~2 s each).
    env["MPLCONFIGDIR"] = str(tmp_path_factory.getbasetemp() / "matplotlib")
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from cli.main import main; "
            f"code = main(['chart', 'status', {str(tmp_path / 's.png')!r}, '--db', {str(db)!r}]); "
            "print(code, 'PySide6' in sys.modules)",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert check.stdout.strip().endswith("0 False"), check.stderr
    assert _png_size(tmp_path / "s.png")[0] > 0
