"""The log of unexpected errors: a rotating file in the user-data folder, never a traceback
on screen.

The CLI prints one line and the GUI one dialog; the traceback a developer needs goes here
(`greenledger.log`, 1 MB × 3 files), and both tell the user where it is. Headless: no Qt.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import threading
from pathlib import Path

from platformdirs import user_log_dir

LOG_ENV = "GREENLEDGER_LOG_DIR"  # tests and portable installs put the log elsewhere
_lock = threading.Lock()
_logger: logging.Logger | None = None


def log_path() -> Path:
    folder = os.environ.get(LOG_ENV) or user_log_dir("GreenLedger", appauthor=False)
    return Path(folder) / "greenledger.log"


def _get_logger() -> logging.Logger:
    global _logger
    with _lock:
        if _logger is None:
            logger = logging.getLogger("greenledger.crash")
            logger.propagate = False
            path = log_path()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                handler: logging.Handler = logging.handlers.RotatingFileHandler(
                    path, maxBytes=1024 * 1024, backupCount=3, encoding="utf-8"
                )
            except OSError:  # an unwritable profile must not turn one error into two
                handler = logging.NullHandler()
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            _logger = logger
        return _logger


def log_exception(exc: BaseException, context: str = "") -> Path:
    """Write `exc` with its traceback to the log; returns the log file's path."""
    _get_logger().error(
        "%s", context or type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__)
    )
    for handler in _get_logger().handlers:
        handler.flush()
    return log_path()


def log_message(text: str) -> None:
    _get_logger().warning("%s", text)
