"""A dialog's long job started from one of its buttons: the button is off while the job runs
on a worker (app.tasks, progress + Cancel) and comes back on after a failure or Cancel; a
failure is shown under its title. The writers behind these buttons leave no partial file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QPushButton

from app.tasks import TaskHandle, run_task


def run_from_button(
    button: QPushButton,
    title: str,
    failure_title: str,
    work: Callable,
    *args,
    on_done: Callable[[object], None],
) -> TaskHandle:
    """Run `work(state, *args)`; `title` names it in the progress dialog."""
    parent = button.window()

    def failed(exc: Exception, _trace: str) -> None:
        button.setEnabled(True)
        QMessageBox.warning(parent, failure_title, str(exc))

    button.setEnabled(False)
    return run_task(
        parent,
        title,
        work,
        *args,
        on_done=on_done,
        on_error=failed,
        on_cancelled=lambda: button.setEnabled(True),
    )
