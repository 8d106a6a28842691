"""The schedule traffic lights (序时进度 红黄绿灯): the office's rule from the settings, the
flag's text and color, the tinting delegate, and the schedule column of the project grid.

`register_schedule_column()` adds the flag (滞后 25%/50%) to project grids created from then on;
`decorate_project_grid(grid)` colors it there; the progress tab colors its own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.settings import Option
from services import schedule
from widgets.grid.table_model import LazyTableModel

SCHEDULE_RULE = Option(
    "tracking/schedule_rule", str, "default", "traffic-light preset: default/yinchuan/sanya/tianjin"
)
SCHEDULE_TOLERANCE = Option(
    "tracking/tolerance_points", float, 10.0, "points behind 序时进度 that count as behind"
)

LIGHT_COLORS = {
    "green": QColor("#d8f0dc"),
    "yellow": QColor("#fff1b8"),
    "red": QColor("#f8d0cc"),
}
FLAG_COLORS = {"done": QColor("#cfe6f7"), "no_report": QColor("#eeeeee")}


def configured_rule() -> schedule.LightRule:
    """The office's traffic-light rule from the settings (a preset, or default + tolerance)."""
    key = SCHEDULE_RULE.value
    if key in schedule.PRESETS and key != "default":
        return schedule.PRESETS[key]
    try:
        return schedule.rule_for(SCHEDULE_TOLERANCE.value)
    except ValueError:
        return schedule.PRESETS["default"]


def apply_configured_rule() -> schedule.LightRule:
    rule = configured_rule()
    schedule.set_default_rule(rule)
    return rule


def flag_label(flag: str) -> str:
    return {
        "on_track": QCoreApplication.translate("TrackingViews", "On track"),
        "behind": QCoreApplication.translate("TrackingViews", "Behind"),
        "overdue": QCoreApplication.translate("TrackingViews", "Overdue"),
        "done": QCoreApplication.translate("TrackingViews", "Done"),
        "no_report": QCoreApplication.translate("TrackingViews", "No report"),
    }.get(flag, flag)


def schedule_label(status: schedule.ScheduleStatus | None) -> str:
    if status is None:
        return ""
    text = flag_label(status.flag)
    if status.expected_pct is None:
        return text
    actual = "—" if status.actual_pct is None else f"{status.actual_pct.normalize():f}%"
    return f"{text} {actual}/{status.expected_pct.normalize():f}%"


def schedule_color(status: schedule.ScheduleStatus | None) -> QColor | None:
    if status is None:
        return None
    if status.flag in FLAG_COLORS:
        return FLAG_COLORS[status.flag]
    return LIGHT_COLORS.get(status.light or "")


# ---------------------------------------------------------------- the schedule column


def register_schedule_column() -> None:
    """Add the read-only 序时进度 flag column to project grids created from now on."""
    from services.records import register_project_column

    apply_configured_rule()

    def fetch(session, ids):
        # The plan's as-of day, not today: a 2023 plan opened in 2026 is not all 逾期.
        return schedule.schedule_for_ids(session, ids, schedule.as_of_for_ids(session, ids))

    register_project_column(
        "schedule",
        fetch,
        title=QCoreApplication.translate("TrackingViews", "Schedule"),
        to_text=schedule_label,
        width=150,
    )


class TintDelegate(QStyledItemDelegate):
    """Paints a cell's background from its record (traffic light, met / not met, overdue)."""

    def __init__(self, model: LazyTableModel, color_of, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.color_of = model, color_of

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        record = self.model.record(index.row())
        color = self.color_of(record) if record is not None else None
        if color is not None:
            # The style paints this brush; a fill under it would be painted over.
            option.backgroundBrush = QBrush(color)


def schedule_delegate(model: LazyTableModel, parent: QWidget) -> TintDelegate:
    return TintDelegate(model, lambda r: schedule_color(model.source.value(r, "schedule")), parent)


def decorate_project_grid(grid) -> None:
    """Color the schedule column of a widgets.project_grid.ProjectGrid, if it has one."""
    try:
        column = grid.model.column_index("schedule")
    except KeyError:
        return
    grid.view.setItemDelegateForColumn(column, schedule_delegate(grid.model, grid.view))
