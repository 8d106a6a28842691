"""Year-round tracking tabs, one module each: indicators, rectifications, key tasks and
progress entry.

Each tab is a thin shell over the shared grid machinery (widgets.grid LazyTableModel +
SpreadsheetView over a services RecordSource, framed by `tab.TrackingTab`), so validation,
copy/paste from Excel, fill-down, clear, insert/delete/move rows and undo behave exactly as in
the project table. Every tab has `set_plan(plan_id)`; the main window keeps it in step with the
plan tree. Writes are operations on the undo stack (app.operations), announced on the change
bus; tabs refresh from the bus. Never build SQL here: everything goes through services.
"""

from views.tracking_views.indicators_tab import IndicatorsView
from views.tracking_views.key_tasks_tab import KeyTasksView
from views.tracking_views.progress_tab import ProgressView
from views.tracking_views.rectifications_tab import RectificationsView
from views.tracking_views.schedule_lights import decorate_project_grid, register_schedule_column

__all__ = [
    "IndicatorsView",
    "KeyTasksView",
    "ProgressView",
    "RectificationsView",
    "decorate_project_grid",
    "register_schedule_column",
]
