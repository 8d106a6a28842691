"""Timing and memory figures shared by the benchmark scripts."""

from __future__ import annotations

import resource
import statistics
import time


def median_time(fn, runs: int) -> tuple[float, list[float]]:
    """The median and every single time of `runs` calls of fn."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def median_text(median: float, times: list[float]) -> str:
    """'  1.23 s median of 3 (1.20, 1.23, 1.30)', as every median figure is printed."""
    runs = ", ".join(f"{t:.2f}" for t in times)
    return f"{median:6.2f} s median of {len(times)} ({runs})"


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
