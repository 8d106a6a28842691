"""Every word a chart prints (`ChartText`): Chinese by default, the language of the office's
documents; the Qt view passes its translations."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.fields import STATUS_LABELS


@dataclass(frozen=True)
class ChartText:
    """Every word a chart prints. `{unit}` is 万元 or 亿元, `{n}` a count."""

    sections_title: str = "各分类计划投资"
    lead_units_title: str = "牵头单位计划投资（前{n}位）"
    lead_units_all_title: str = "牵头单位计划投资"  # every lead unit shown: no "top n"
    participation_title: str = "各单位参与项目数"
    areas_title: str = "各镇（街道）涉及投资"
    years_title: str = "分年度计划投资"
    status_title: str = "项目状态"
    progress_title: str = "各分类计划与完成投资"
    timeline_title: str = "建设期限"
    investment_axis: str = "计划投资（{unit}）"
    amount_axis: str = "投资（{unit}）"
    projects_axis: str = "项目数（个）"
    year_axis: str = "年度"
    projects_count: str = "{n}项"
    projects_total: str = "{n}个项目"
    other: str = "其他（{n}个单位）"
    no_lead: str = "未指定牵头单位"
    lead: str = "牵头"
    cooperating: str = "配合"
    constructing: str = "建设主体"
    planned: str = "计划投资"
    completed: str = "完成投资"
    year_label: str = "{year}年"
    no_data: str = "暂无数据"
    no_progress: str = "暂无进度数据"
    more_units: str = "另有{n}个单位未列出"
    more_projects: str = "另有{n}个项目未列出（按计划投资取前{shown}个）"
    no_period: str = "另有{n}个项目未填建设期限"
    spread_note: str = "多年项目的投资按建设期限平均分摊到各年"
    start_note: str = "多年项目的投资全部计入开工年度"
    area_note: str = "项目投资全额计入其涉及的每个镇（街道），“各板块”项目（{n}个）计入全部镇（街道），各镇（街道）合计不等于总投资"
    progress_note: str = "完成投资取各项目截至{date}的最新进度报告"
    # The money units as the reader's language writes them ("10k yuan" in English).
    unit_names: dict[str, str] = field(default_factory=lambda: {"万元": "万元", "亿元": "亿元"})
    status_labels: dict[str, str] = field(
        default_factory=lambda: {s.value: label for s, label in STATUS_LABELS.items()}
    )
