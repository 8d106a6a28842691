"""Workbooks are read by calamine in a child process with a memory and a time limit.

calamine is native code: a workbook it cannot cope with may abort the whole process (a failed
allocation is not an exception in Rust), which in the desktop app would close every window.
One worker process is started on first use and reused; it reads a file and sends the text
grids back packed as strings of some 250,000 cells (cells joined by \\x1f, rows by \\x1e),
which costs a fraction of pickling millions of small strings, and lets the caller unpack one
while the worker makes the next. While it reads, the caller streams the sheet
XML for its real extent (importers.bounds) and stops the worker as soon as a limit is passed.
If the worker dies, runs out of memory or time, the caller gets a located `ReadError`, and the
next read starts a fresh worker. Never write anything here.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from importers.issues import ImportIssue
from importers.safety import ImportLimits

CELL, ROW = "\x1f", "\x1e"
RETIRE_AFTER_CELLS = 2_000_000  # a worker that held a big grid is not kept (its memory)
IN_PROCESS_ENV = "GREENLEDGER_READER_IN_PROCESS"  # "1": read in this process (debugging)


def pack_rows(rows: list[list[str]]) -> bytes | None:
    """One UTF-8 string for a rectangular grid, or None when a cell holds a separator."""
    if not rows:
        return b""
    width = len(rows[0])
    if width == 0 or any(len(row) != width for row in rows):
        return None
    text = ROW.join(CELL.join(row) for row in rows)
    if text.count(CELL) != len(rows) * (width - 1) or text.count(ROW) != len(rows) - 1:
        return None
    return text.encode("utf-8", "surrogatepass")


def unpack_rows(data: bytes) -> list[list[str]]:
    if not data:
        return []
    return [line.split(CELL) for line in data.decode("utf-8", "surrogatepass").split(ROW)]


def limit_memory(max_bytes: int) -> None:
    """Cap the address space of this process (POSIX); elsewhere the time limit still holds."""
    try:
        import resource
    except ImportError:  # Windows
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):  # macOS refuses RLIMIT_AS on some versions
        pass


def _silence_native_output() -> None:
    """A Rust panic or allocation failure prints a backtrace on stderr; the caller reports
    the reader's end in words instead, so the worker's own stderr goes nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
    except OSError:
        pass


def _serve(connection, max_memory: int) -> None:
    """The worker: read each path it is sent, answer with the sheets or the reason."""
    _silence_native_output()
    limit_memory(max_memory)
    from importers.workbook import ReadError, read_sheets

    while True:
        try:
            path = connection.recv()
        except (EOFError, OSError):  # the app has gone: so do we
            return
        try:
            sheets = read_sheets(Path(path))
        except ReadError as exc:
            connection.send(("issues", exc.issues))
            continue
        except MemoryError:
            connection.send(("memory", None))
            return
        except Exception as exc:  # anything else is reported, never fatal to the app
            connection.send(("failed", f"{type(exc).__name__}: {exc}"[:300]))
            continue
        connection.send(("sheets", [(name, merges) for name, _raw, merges in sheets]))
        while sheets:
            _send_rows(connection, sheets.pop(0)[1])


CHUNK_ENV = "GREENLEDGER_READER_CHUNK_CELLS"  # cells made text and sent at a time
CHUNK_CELLS = 250_000
END = b"E"


def _send_rows(connection, raw: list[list]) -> None:
    """A sheet's rows as text, in chunks: the caller unpacks one while the next is made."""
    from importers.workbook import text_rows

    cells = int(os.environ.get(CHUNK_ENV) or CHUNK_CELLS)  # set smaller by a test
    step = max(1, cells // max(1, len(raw[0]) if raw else 1))
    for start in range(0, len(raw), step):
        rows = text_rows(raw[start : start + step])
        packed = pack_rows(rows)
        connection.send_bytes(b"P" + pickle.dumps(rows) if packed is None else b"T" + packed)
    connection.send_bytes(END)


@contextmanager
def _main_module_hidden():
    """spawn re-runs the parent's main script (or module) in the child before the worker
    starts; for `main.py` that imports the whole CLI (SQLAlchemy: half a second before the
    first cell is read), and `python -` or an embedded interpreter has no script on disk at
    all. The worker needs none of it (its code is importers.reader_process), so the child is
    told there is no main module. A frozen build starts its children through
    multiprocessing.freeze_support instead."""
    main = sys.modules.get("__main__")
    if main is None or getattr(sys, "frozen", False):
        yield
        return
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__dict__.update(saved)
        if "__spec__" not in saved:
            del main.__spec__


class _Worker:
    def __init__(self, max_memory: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, max_memory), name="greenledger-reader", daemon=True
        )
        with _main_module_hidden():
            self.process.start()
        child.close()
        self.max_memory = max_memory
        self.pending: str | None = None  # a path sent ahead (start_reading), answer not taken

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


_lock = threading.Lock()
_worker: _Worker | None = None


def _take_worker(max_memory: int) -> _Worker:
    global _worker
    if _worker is None or not _worker.process.is_alive() or _worker.max_memory != max_memory:
        if _worker is not None:
            _worker.stop()
        _worker = _Worker(max_memory)
    return _worker


def _drop_worker() -> None:
    global _worker
    if _worker is not None:
        _worker.stop()
        _worker = None


def start_reading(path: Path, limits: ImportLimits) -> bool:
    """Send `path` to the worker now, so that it reads while the caller is still starting up
    (a command's imports, the file checks); `read_workbook_guarded` for the same path then
    takes that answer, with the extent check as always. The caller has run check_file.
    True when the worker is reading it (False: reading in-process, or busy with another)."""
    if os.environ.get(IN_PROCESS_ENV) == "1":
        return False
    with _lock:
        worker = _take_worker(limits.max_reader_memory_bytes)
        if worker.pending is None:
            worker.connection.send(str(path))
            worker.pending = str(path)
        return worker.pending == str(path)


def read_workbook_guarded(path: Path, limits: ImportLimits, should_stop=None):
    """calamine's sheets for `path`, read in the worker; the extent check runs meanwhile.

    `should_stop()` (a cancel button) is polled while waiting. Raises ReadError.
    """
    from importers.bounds import check_bounds
    from importers.workbook import ReadError, read_workbook

    if os.environ.get(IN_PROCESS_ENV) == "1":
        issues = check_bounds(path, limits)
        if issues:
            raise ReadError(issues)
        return read_workbook(path)
    with _lock:
        worker = _worker_reading(path, limits)
        issues = check_bounds(path, limits)
        if issues:
            _drop_worker()  # it may be filling gigabytes for this very file
            raise ReadError(issues)
        try:
            sheets = _sheets(worker, path, limits, should_stop)
        except ReadError:
            raise
        except (EOFError, OSError):
            _drop_worker()
            raise ReadError([_failure_issue(path, "crashed", None, limits)]) from None
        except BaseException:
            _drop_worker()  # cancelled mid-answer: the pipe is out of step
            raise
        if sum(len(s.rows) * len(s.rows[0]) for s in sheets if s.rows) > RETIRE_AFTER_CELLS:
            _drop_worker()
    return sheets


def _worker_reading(path: Path, limits: ImportLimits) -> _Worker:
    """The worker, reading `path`: sent now, or earlier by start_reading."""
    worker = _take_worker(limits.max_reader_memory_bytes)
    if worker.pending not in (None, str(path)):
        _drop_worker()  # it reads another file, sent ahead and never asked for
        worker = _take_worker(limits.max_reader_memory_bytes)
    if worker.pending is None:
        worker.connection.send(str(path))
    worker.pending = None
    return worker


def _sheets(worker: _Worker, path: Path, limits: ImportLimits, should_stop):
    """The worker's answer for `path` as sheets, or the located ReadError it amounts to."""
    from importers.workbook import ReadError, SheetGrid

    kind, payload = _answer(worker, path, limits, should_stop)
    if kind == "issues":
        raise ReadError(payload)
    if kind != "sheets":
        if kind in ("memory", "crashed"):
            _drop_worker()
        raise ReadError([_failure_issue(path, kind, payload, limits)])
    sheets = []
    for name, merges in payload:
        rows: list[list[str]] = []
        while (data := worker.connection.recv_bytes()) != END:
            rows += pickle.loads(data[1:]) if data[:1] == b"P" else unpack_rows(data[1:])
        sheets.append(SheetGrid(name, rows, merges))
    return sheets


def _answer(worker: _Worker, path: Path, limits: ImportLimits, should_stop):
    deadline = time.monotonic() + limits.max_read_seconds
    while not worker.connection.poll(0.05):
        if should_stop is not None and should_stop():
            _drop_worker()
            from services.tasks import Cancelled

            raise Cancelled()
        if not worker.process.is_alive() and not worker.connection.poll(0):
            return "crashed", worker.process.exitcode
        if time.monotonic() > deadline:
            _drop_worker()
            return "timeout", None
    return worker.connection.recv()


def _failure_issue(path: Path, kind: str, payload, limits: ImportLimits) -> ImportIssue:
    mb = limits.max_reader_memory_bytes // (1024 * 1024)
    if kind == "timeout":
        reason = (
            f"读取超过 {limits.max_read_seconds} 秒仍未完成，已停止 "
            f"(reading took longer than {limits.max_read_seconds} s; stopped)"
        )
    elif kind == "memory":
        reason = f"读取需要超过 {mb} MB 内存，已停止 (reading needed more than {mb} MB; stopped)"
    elif kind == "crashed":
        reason = (
            f"表格读取程序异常退出（文件损坏或所需内存超过 {mb} MB），程序本身不受影响 "
            f"(the reader stopped on this file: damaged, or over {mb} MB; exit code {payload})"
        )
    else:
        reason = f"文件已损坏或不是表格 (corrupt or not a workbook): {payload}"
    return ImportIssue.file(path.name, reason)
