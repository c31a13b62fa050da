"""Timing and memory of one operation in the bench process.

Time: the median wall-clock time of ``repeats`` runs after one warm-up run.
Memory: the peak of the Python allocations during one more run, by ``tracemalloc`` (what the
operation itself holds at its worst: rows, objects, the rendered page or file); memory that C
libraries allocate outside Python's allocator (libpq's result buffers, WeasyPrint's cairo
surfaces) is not in it. Beside it the growth of the process's peak resident set
(``resource.getrusage``'s ``ru_maxrss``) during the runs, which includes that C memory but only
shows when an operation raises the process's high-water mark.
"""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from django.db import connection

from bench.results import Measurement


def _max_rss_kib() -> float:
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # Linux: KiB


def median_ms(action: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure(name: str, size: str, action: Callable[[], object], repeats: int) -> Measurement:
    rss_before = _max_rss_kib()
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    action()  # warm-up: caches, the session, the template loader
    # Counted by a wrapper, not the query log: a request clears the log when it starts.
    with connection.execute_wrapper(count):
        action()
    value = median_ms(action, repeats)
    tracemalloc.start()
    try:
        action()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return Measurement(
        operation=name,
        size=size,
        median_ms=value,
        runs=repeats,
        queries=len(queries),
        peak_kib=peak / 1024,
        rss_growth_kib=_max_rss_kib() - rss_before,
    )
