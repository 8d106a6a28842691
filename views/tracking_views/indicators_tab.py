"""The 工作目标 tab: indicators with their target and the actual value of a chosen period."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from app.context import AppContext
from services import indicators
from services.query import plan_info
from views.tracking_views.schedule_lights import LIGHT_COLORS, TintDelegate
from views.tracking_views.tab import TrackingTab


class IndicatorsView(TrackingTab):
    """工作目标: name, unit, direction, target and the actual value of a chosen period."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, indicators.IndicatorSource(None, str(date.today().year)), parent)
        period = self.add_period_choice(
            self.tr("Period of the actual values: 2023 (year end), 2023Q2, 2023-05")
        )
        self.tools.insertWidget(0, QLabel(self.tr("Actual values for"), self))
        self.tools.insertWidget(1, period)
        self.view.new_row_values = lambda: {"name": self.tr("New indicator")}
        self.source.met_labels = {True: self.tr("Met"), False: self.tr("Not met")}
        self.model.set_headers(
            {
                "name": self.tr("Indicator"),
                "unit": self.tr("Unit"),
                "direction": self.tr("Direction"),
                "target": self.tr("Target"),
                "actual": self.tr("Actual"),
                "met": self.tr("Met"),
                "notes": self.tr("Notes"),
            }
        )
        self.model.set_choice_labels("direction", {"<=": "≤", ">=": "≥", "=": "="})
        met = {True: LIGHT_COLORS["green"], False: LIGHT_COLORS["red"]}
        self.view.setItemDelegateForColumn(
            self.model.column_index("met"),
            TintDelegate(self.model, lambda r: met.get(r.values.get("met")), self.view),
        )

    def set_plan(self, plan_id: int | None) -> None:
        periods: list[str] = []
        if plan_id is not None:
            with self.ctx.session() as session:
                plan = plan_info(session, plan_id)
                year = plan.year_end or plan.year_start if plan else date.today().year
                periods = indicators.indicator_periods(session, plan_id)
            defaults = [str(year), f"{year}Q4", f"{year}Q3", f"{year}Q2", f"{year}Q1"]
            self.fill_periods(list(dict.fromkeys(periods + defaults)), str(year))
        super().set_plan(plan_id)

    def use_period(self, text: str) -> bool:
        period = self.parse_period(text)
        if period is None:
            return False
        label = period.label
        if label != self.source.period:
            self.source.period = label
            self.source.table = indicators.indicator_table(label)
        return True

    def update_summary(self) -> None:
        if self.plan_id is None:
            self.summary.clear()
            return
        with self.ctx.session() as session:
            counts = indicators.indicator_counts(session, self.plan_id, self.source.period)
        self.summary.setText(self.tr("{met} of {total} indicators met").format(**counts))
