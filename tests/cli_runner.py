"""The command line run as `python main.py ARGS` would run it, in this process or in a new one.

In this process (`run_cli`) the same entry point main.py calls runs with stdout and stderr
captured: a command costs its own work, not a Python start-up and its imports (~0.7 s).
A new process (`run_cli_process`, `run_python`) is for what only a process shows: the exit status, that
a command loads no Qt, the environment. Both return returncode, stdout and stderr.
"""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, check: bool = False) -> CliResult:
    """`python main.py ARGS` in this process; an exception that escapes fails the test."""
    import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main.run([str(a) for a in args])
        except SystemExit as exc:  # argparse: wrong usage, --help
            code = exc.code if isinstance(exc.code, int) else 1
    result = CliResult(code, out.getvalue(), err.getvalue())
    if check:
        assert result.returncode == 0, result.stderr
    return result


def run_cli_process(*args, check: bool = False, env: dict[str, str] | None = None) -> CliResult:
    """`python main.py ARGS` as a new process, from the repository folder."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    result = CliResult(done.returncode, done.stdout, done.stderr)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def run_python(code: str, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """`python -c CODE` from the repository folder; its stdout (it must exit 0)."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
