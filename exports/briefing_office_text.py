"""The 公文 briefing's text, in the sentences an office writes, from OfficeFigures.

    "截至2023年6月底，全区56个项目累计完成投资X万元，占年度计划的Y%，超序时进度Z个百分点。"

The text is a list of `Block`s (title, "一、" / "（一）" / "1." headings, body paragraphs);
a paragraph is a list of plain strings and `Figure`s, so the PDF can make each figure a link
and the Word copy can print the same words. Headless and side-effect free.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from exports.briefing_data import BriefingData
from exports.briefing_figures import Figure, OfficeFigures
from exports.briefing_tables import DIRECTION_WORDS, _plain_decimal
from exports.briefing_text import money_phrase, share, strip_numbering

NUMERALS = "一二三四五六七八九十"
Segment = str | Figure


@dataclass
class Block:
    kind: str  # "h1" | "h2" | "h3" | "body" | "plain"
    segments: list[Segment] = field(default_factory=list)

    def text(self) -> str:
        return "".join(s.text() if isinstance(s, Figure) else s for s in self.segments)


def as_of_words(day: date) -> str:
    """ "2023年6月底" at a month end, else "2023年6月15日"."""
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return f"{day.year}年{day.month}月底"
    return f"{day.year}年{day.month}月{day.day}日"


class _Numbering:
    def __init__(self) -> None:
        self.h1 = self.h2 = 0

    def one(self, title: str) -> Block:
        self.h1 += 1
        self.h2 = 0
        return Block("h1", [f"{NUMERALS[self.h1 - 1]}、{title}"])

    def two(self, title: str) -> Block:
        self.h2 += 1
        return Block("h2", [f"（{NUMERALS[self.h2 - 1]}）{title}"])


def _area(data: BriefingData) -> str:
    region = data.plan.region or ""
    if not data.whole_plan:
        return "所选范围内"
    for suffix, word in (("区", "全区"), ("县", "全县"), ("市", "全市"), ("镇", "全镇")):
        if region.endswith(suffix):
            return word
    return "全部"


def overview(data: BriefingData, f: OfficeFigures) -> list[Block]:
    key = data.key
    blocks: list[Block] = []
    if key.projects == 0:
        return [Block("body", [f"{data.plan.title}尚未录入工程项目。"])]
    years = data.plan.years_label
    head: list[Segment] = [
        f"{years}年，{_area(data)}共安排生态文明建设工程项目",
        f["projects"],
        "，计划总投资",
        f["planned_wan"],
    ]
    if key.planned_investment_wan >= 10000:
        head.append(money_phrase(key.planned_investment_wan)[len(f["planned_wan"].text()) :])
    ranked = sorted(
        (s for s in data.sections if s.projects),
        key=lambda s: (-s.planned_investment_wan, -s.projects, s.position),
    )
    if len(ranked) >= 2:
        parts = [
            f"{strip_numbering(s.name)}{s.projects}个、{s.planned_investment_wan:,.2f}万元，"
            f"占{share(s.planned_investment_wan, key.planned_investment_wan)}"
            for s in ranked[:4]
        ]
        head.append("。其中，" + "；".join(parts))
        if len(ranked) > 4:
            head.append(f"；其余{len(ranked) - 4}个方面")
    head.append("。")
    blocks.append(Block("body", head))
    progress = progress_sentence(data, f)
    if progress:
        blocks.append(Block("body", progress))
    return blocks


def progress_sentence(data: BriefingData, f: OfficeFigures) -> list[Segment]:
    if f.get("completed_wan") is None:
        return [f"截至{as_of_words(f.as_of)}，尚无项目报送进展。"]
    plan_word = "年度计划" if data.plan.year_end in (None, data.plan.year_start) else "计划总投资"
    out: list[Segment] = [
        f"截至{as_of_words(f.as_of)}，{_area(data)}",
        f["projects"],
        "项目累计完成投资",
        f["completed_wan"],
    ]
    # the figure and both percentages are set together (briefing_figures)
    if (
        f.get("completed_pct") is not None
        and f.completed_pct is not None
        and f.expected_pct is not None
    ):
        gap = f.completed_pct - f.expected_pct
        out += [f"，占{plan_word}的", f["completed_pct"], "，"]
        if gap == 0:
            out += ["与序时进度持平（序时进度", f["expected_pct"], "）"]
        else:
            out += [
                "超" if gap > 0 else "低于",
                "序时进度",
                f["schedule_gap"],
                "（序时进度",
                f["expected_pct"],
                "）",
            ]
    out += ["。已报送进展项目", f["reported"]]
    if f["done"].value != "0":
        out += ["，已完工", f["done"]]
    behind, overdue = f["behind"], f["overdue"]
    if behind.value == "0" and overdue.value == "0":
        out.append("，均达到序时进度要求。")
    else:
        out += ["，慢于序时进度", behind, "、逾期未完成", overdue, "。"]
    return out


def behind_blocks(f: OfficeFigures, num: _Numbering) -> list[Block]:
    if not f.by_unit:
        return []
    total = len(f.behind_rows)
    blocks = [
        num.two("进度滞后项目"),
        Block(
            "body",
            [
                "慢于序时进度",
                f["behind"],
                "、逾期未完成",
                f["overdue"],
                f"，共{total}个项目，涉及{len(f.by_unit)}个牵头单位。按牵头单位分：",
            ],
        ),
    ]
    for n, unit in enumerate(f.by_unit, 1):
        blocks.append(Block("h3", [f"{n}.{unit.unit}（", unit.figure, "）"]))
        names = []
        for row in unit.rows:
            if row.flag == "overdue":
                state = "逾期未完成"
            else:
                state = f"序时进度{row.expected_pct:.1f}%，实际{row.actual_pct:.1f}%"
            names.append(f"{row.name}（{state}）")
        blocks.append(Block("body", ["、".join(names) + "。"]))
    return blocks


def indicator_blocks(data: BriefingData, f: OfficeFigures, num: _Numbering) -> list[Block]:
    if not data.indicators:
        return []
    measured = [i for i in data.indicators if i.actual is not None]
    body: list[Segment] = ["方案确定工作目标指标", f["indicators"]]
    if not measured:
        body.append("，均尚未填报实际值。")
        return [num.two("工作目标指标"), Block("body", body)]
    body += [
        f"，已填报实际值{len(measured)}项，其中达标",
        f["indicators_met"],
        "、未达标",
        f["indicators_not_met"],
        "。",
    ]

    def value(i) -> str:
        unit = i.unit or ""
        return (
            f"{i.name}（目标{DIRECTION_WORDS[i.direction]}{_plain_decimal(i.target)}{unit}，"
            f"实际{_plain_decimal(i.actual)}{unit}）"
        )

    failed = [value(i) for i in measured if not i.met]
    passed = [value(i) for i in measured if i.met]
    if failed:
        body.append("未达标的是：" + "；".join(failed) + "。")
    if passed:
        body.append("达标的是：" + "；".join(passed) + "。")
    return [num.two("工作目标指标"), Block("body", body)]


def rectification_blocks(data: BriefingData, f: OfficeFigures, num: _Numbering) -> list[Block]:
    if not data.rectifications or f.rect_counts is None:
        return []
    body: list[Segment] = [
        "排查问题",
        f["rect_total"],
        "，已整改销号",
        f["rect_closed"],
        "，整改中",
        f["rect_in_progress"],
        "，未整改",
        f["rect_open"],
    ]
    if f.rect_counts["overdue"]:
        body += ["，其中超过整改时限未销号", f["rect_overdue"]]
    body.append("。")
    open_items = [r for r in data.rectifications if str(r.status) != "closed"]
    if open_items:
        # One clause per kind of problem, with the towns that still have it.
        kinds: dict[str, list] = {}
        for r in open_items:
            kinds.setdefault((r.category or r.description[:24]).rstrip("。；;，, "), []).append(r)
        listed = []
        for kind, items in kinds.items():
            towns = "、".join(
                dict.fromkeys(
                    t.strip() for r in items if r.towns for t in re.split("[、,，;；]", r.towns)
                )
            ).strip("、")
            deadlines = [r.deadline for r in items if r.deadline]
            clause = f"{kind}（{len(items)}个" + (f"：{towns}）" if towns else "）")
            if deadlines:
                last = max(deadlines)
                clause += f"，整改时限{last.year}年{last.month}月"
            listed.append(clause)
        body.append("尚未销号的问题：" + "；".join(listed) + "。")
    return [num.two("问题整改"), Block("body", body)]


def sections_blocks(data: BriefingData, num: _Numbering) -> list[Block]:
    sections = [s for s in data.sections if s.projects]
    if len(sections) < 2:
        return []
    blocks = [num.two("分重点任务情况")]
    total = data.key.planned_investment_wan
    for n, s in enumerate(sections, 1):
        blocks.append(
            Block(
                "plain",
                [
                    f"{n}.{strip_numbering(s.name)}：{s.projects}个项目，计划投资"
                    f"{s.planned_investment_wan:,.2f}万元，占{share(s.planned_investment_wan, total)}。"
                ],
            )
        )
    return blocks


def office_blocks(data: BriefingData, f: OfficeFigures, attachments: list[str]) -> list[Block]:
    """The body text: 一、总体情况 / 二、推进情况 (sections, behind, indicators, rectifications)
    / the 附件 list."""
    num = _Numbering()
    blocks = [num.one("总体情况"), *overview(data, f)]
    detail = [
        *sections_blocks(data, num),
        *behind_blocks(f, num),
        *indicator_blocks(data, f, num),
        *rectification_blocks(data, f, num),
    ]
    if detail:
        # The "（一）" numbering restarts under each "一、": the second chapter renumbers.
        num2 = _Numbering()
        num2.h1 = 1
        blocks.append(num2.one("推进情况"))
        renumbered = []
        for block in detail:
            if block.kind == "h2":
                title = block.text().split("）", 1)[1]
                renumbered.append(num2.two(title))
            else:
                renumbered.append(block)
        blocks += renumbered
    if attachments:
        first, *rest = attachments
        blocks.append(Block("attachments", [f"附件：1.{first}"]))
        for n, name in enumerate(rest, 2):
            blocks.append(Block("attachments-more", [f"{n}.{name}"]))
    return blocks
