"""方案 ▸ 分发填报表… / 收回填报表… / 填报情况…: the return round's entries in the Plan menu."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from services.errors import LedgerError


def _on_demand(module: str, name: str):
    """`module.name(*args)`, the module imported at the first call."""

    def call(*args):
        from importlib import import_module

        return getattr(import_module(module), name)(*args)

    return call


def add_menu_actions(window) -> None:
    """方案 ▸ 分发填报表… / 收回填报表… / 填报情况… on the main window's Plan menu."""

    def on_plan(open_dialog):
        def run() -> None:
            plan_id = window.current_plan_id()
            if plan_id is None:
                return
            try:
                open_dialog(window, window.ctx, plan_id)
            except LedgerError as exc:
                title = QCoreApplication.translate("ReturnsMenu", "Return round")
                QMessageBox.warning(window, title, str(exc))

        return run

    # The dialogs (and the services and workbook readers they need) load when opened: the
    # first window does not wait for them.
    run_make_dialog = _on_demand("views.returns_dialog", "run_make_dialog")
    run_collect_dialog = _on_demand("views.returns_collect", "run_collect_dialog")
    run_status_dialog = _on_demand("views.returns_status", "run_status_dialog")

    window.menus["plan"].addSeparator()
    for key, text, opener in (
        (
            "returns_make",
            QCoreApplication.translate("ReturnsMenu", "&Distribute Return Sheets…"),
            run_make_dialog,
        ),
        (
            "returns_collect",
            QCoreApplication.translate("ReturnsMenu", "C&ollect Returned Sheets…"),
            run_collect_dialog,
        ),
        (
            "returns_status",
            QCoreApplication.translate("ReturnsMenu", "Return Round &State…"),
            run_status_dialog,
        ),
    ):
        # The window's own factory: enabled only while a plan is shown.
        action = window._action(key, text, on_plan(opener), needs_plan=True)
        window.add_action("plan", action)
