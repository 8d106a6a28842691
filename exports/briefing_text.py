"""The briefing's prose: the Chinese summary paragraphs written from the figures.

"2023年共安排生态文明建设工程项目56项，计划总投资67,619.88万元（约6.76亿元），其中深入打好碧水
保卫战12项、40,363.88万元，占59.7%……" — every number comes from BriefingData (money formatted by
services.parsing, shares rounded half up to one decimal). Plain text out; the layout escapes it.
Headless and side-effect free: never query the database here.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from exports.briefing_data import BriefingData
from services.parsing import format_money, format_yi

_NUMBERING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百\d]+[、.．])\s*"
)
TOPIC = "生态文明建设工程项目"


def strip_numbering(name: str) -> str:
    """ "(三)深入打好碧水保卫战" → "深入打好碧水保卫战" for use inside a sentence."""
    return _NUMBERING.sub("", name).strip() or name


def share(part: Decimal, whole: Decimal) -> str:
    """ "59.7%": part of whole, one decimal, half up; "—" when the whole is zero."""
    if not whole:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{value}%"


def money_phrase(amount: Decimal) -> str:
    """ "67,619.88万元（约6.76亿元）"; the 亿元 gloss only from 1 亿元 up, as reports write it."""
    text = f"{format_money(amount)}万元"
    if amount >= 10000:
        text += f"（约{format_yi(amount)}亿元）"
    return text


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _sections_clause(data: BriefingData, total: Decimal) -> str:
    ranked = sorted(
        (s for s in data.sections if s.projects),
        key=lambda s: (-s.planned_investment_wan, -s.projects, s.position),
    )
    if len(ranked) < 2:
        return ""
    shown, rest = (ranked, []) if len(ranked) <= 6 else (ranked[:5], ranked[5:])
    parts = [
        f"{strip_numbering(s.name)}{s.projects}项、{format_money(s.planned_investment_wan)}万元，"
        f"占{share(s.planned_investment_wan, total)}"
        for s in shown
    ]
    if rest:
        rest_wan = sum((s.planned_investment_wan for s in rest), Decimal(0))
        parts.append(
            f"其余{len(rest)}个方面共{sum(s.projects for s in rest)}项、"
            f"{format_money(rest_wan)}万元，占{share(rest_wan, total)}"
        )
    return "，其中" + "；".join(parts)


def overview(data: BriefingData) -> str:
    """Projects and money, split by campaign (the headline paragraph)."""
    key = data.key
    total = key.planned_investment_wan
    years = data.plan.years_label
    if key.projects == 0:
        if data.whole_plan:
            return f"{data.plan.title}尚未录入工程项目。"
        return f"按所选范围（{data.scope_label}），{data.plan.title}中没有符合条件的工程项目。"
    if data.whole_plan:
        head = f"{years}年共安排{TOPIC}{key.projects}项，计划总投资{money_phrase(total)}"
    else:
        head = (
            f"按所选范围（{data.scope_label}），{years}年安排的{TOPIC}中共有{key.projects}项，"
            f"计划投资{money_phrase(total)}，占全部{data.plan_projects}项、"
            f"{format_money(data.plan_total_wan)}万元计划投资的{share(total, data.plan_total_wan)}"
        )
    text = head + _sections_clause(data, total) + "。"
    if key.no_investment:
        text += f"另有{key.no_investment}项未列计划投资（表中以“/”表示），未计入上述金额。"
    return text


def structure(data: BriefingData) -> str:
    """Multi-year and continued projects, lead units, towns/streets and years."""
    key = data.key
    total = key.planned_investment_wan
    if key.projects == 0:
        return ""
    sentences: list[str] = []
    if key.multi_year:
        sentences.append(
            f"跨年度实施项目{key.multi_year}项，计划投资{format_money(data.multi_year_wan)}万元，"
            f"占{share(data.multi_year_wan, total)}"
        )
    else:
        sentences.append("所列项目均为当年实施项目")
    if data.continued:
        sentences.append(
            f"续建项目{data.continued}项、{format_money(data.continued_wan)}万元，"
            f"新建项目{key.projects - data.continued}项"
        )
    top = data.lead_units.top
    if top:
        lead = top[0]
        clause = (
            f"从牵头单位看，{lead.name}牵头{lead.projects}项、"
            f"{format_money(lead.planned_investment_wan)}万元，占{share(lead.planned_investment_wan, total)}"
        )
        if len(top) >= 3:
            clause += f"，{top[1].name}、{top[2].name}分列其后"
        elif len(top) == 2:
            clause += f"，{top[1].name}次之"
        sentences.append(clause)
    if data.lead_units.no_lead is not None:
        sentences.append(f"尚有{data.lead_units.no_lead.projects}项未明确牵头单位")
    areas = [a for a in data.areas.areas if a.projects]
    if areas:
        biggest = max(areas, key=lambda a: (a.planned_investment_wan, a.projects))
        clause = (
            f"项目涉及{len(areas)}个镇（街道），其中{biggest.name}涉及项目最多、投资最大，"
            f"共{biggest.projects}项、{format_money(biggest.planned_investment_wan)}万元"
        )
        if data.areas.group_projects:
            clause += f"（含“各板块”共同实施项目{data.areas.group_projects}项）"
        sentences.append(clause)
    years = [y for y in data.years.years if y.planned_investment_wan]
    if len(years) > 1:
        sentences.append(
            "按建设期限均摊，"
            + "、".join(
                f"{y.year}年{format_money(y.planned_investment_wan)}万元" for y in years[:6]
            )
            + ("等" if len(years) > 6 else "")
        )
    return "；".join(sentences) + "。"


def progress(data: BriefingData) -> str:
    """Completion and schedule (序时进度), only when progress returns exist."""
    track = data.tracking
    if track is None:
        return ""
    c = track.counts
    total = data.key.planned_investment_wan
    text = f"截至{cn_date(track.as_of)}，已报送进展的项目{c.reported}项"
    if c.completed_investment_wan:  # returns may give percentages only
        text += (
            f"，累计完成投资{format_money(c.completed_investment_wan)}万元，"
            f"占计划总投资的{share(c.completed_investment_wan, total)}"
        )
    done = getattr(c, "done", 0)
    if done:
        text += f"；已完成{done}项"
    if c.behind or c.overdue:
        parts = []
        if c.behind:
            parts.append(f"慢于序时进度{c.behind}项")
        if c.overdue:
            parts.append(f"逾期未完成{c.overdue}项")
        text += "；" + "、".join(parts) + "，详见滞后项目清单"
    else:
        text += "；各已报送项目均达到序时进度要求"
    return text + "。"


def goals(data: BriefingData) -> str:
    """Indicators against targets and rectification status, when those chapters have data."""
    sentences: list[str] = []
    if data.indicators:
        measured = [i for i in data.indicators if i.actual is not None]
        clause = f"方案确定工作目标指标{len(data.indicators)}项"
        if measured:
            met = sum(1 for i in measured if i.met)
            clause += f"，已有实际值的{len(measured)}项中达标{met}项"
        sentences.append(clause)
    if data.rectifications:
        counts: dict[str, int] = {}
        for r in data.rectifications:
            counts[str(r.status)] = counts.get(str(r.status), 0) + 1
        clause = f"排查问题{len(data.rectifications)}个"
        parts = [
            f"{label}{counts[key]}个"
            for key, label in (("closed", "已销号"), ("in_progress", "整改中"), ("open", "未整改"))
            if counts.get(key)
        ]
        if parts:
            clause += "，其中" + "、".join(parts)
        sentences.append(clause)
    return "；".join(sentences) + "。" if sentences else ""


def summary_paragraphs(data: BriefingData) -> list[str]:
    """The summary chapter's paragraphs, empty ones left out."""
    return [p for p in (overview(data), structure(data), progress(data), goals(data)) if p]
