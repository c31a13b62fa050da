"""The pure part of `make bench`: measurements, their ratio to the SQL floor, the targets
(PASS/FAIL) and the shape of `bench/results.json`. No Django, no database: tested in
samsyn/site/tests/test_bench_results.py."""

from __future__ import annotations

import datetime
import os
import platform
from dataclasses import asdict, dataclass, field
from typing import Any

# Issue #16, "Targets". A report or dashboard is within this factor of its SQL floor.
FLOOR_FACTOR = 2.0
DASHBOARD_NATIONAL_MS = 150.0
OVERVIEW_NATIONAL_MS = 500.0
NATIONAL_AGGREGATE_MS = 2000.0
LOAD_P95_MS = 100.0
IMPORT_SECONDS = 60.0
# Memory "does not grow with the data": ten times the registrations may cost this much more.
MEMORY_GROWTH = 1.5
# The operations judged against their floor (reports and dashboards, issue #16).
REPORT_OPERATIONS = frozenset(
    {
        "report_content",
        "dashboard",
        "forbund_overview",
        "period_report_page",
        "period_report_pdf",
        "period_report_xlsx",
        "finsam_export",
        "national_aggregate",
    }
)
# The sizes whose report/floor ratio is judged (5,000 is for development).
JUDGED_SIZES = frozenset({"50000", "national"})


@dataclass
class Measurement:
    """One operation at one data size: median milliseconds, its floor, peak memory."""

    operation: str
    size: str
    median_ms: float
    runs: int
    queries: int | None = None
    floor_ms: float | None = None
    peak_kib: float | None = None
    rss_growth_kib: float | None = None
    note: str = ""
    targets: dict[str, str] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return ratio(self.median_ms, self.floor_ms)


@dataclass
class LoadResult:
    """16 clients against gunicorn for a while: latency percentiles, throughput, errors."""

    page: str
    size: str
    clients: int
    seconds: float
    requests: int
    errors: int
    # None when no request succeeded.
    p50_ms: float | None
    p95_ms: float | None
    targets: dict[str, str] = field(default_factory=dict)

    @property
    def pages_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def ratio(value_ms: float, floor_ms: float | None) -> float | None:
    """How many times the floor ``value_ms`` is; None without a (positive) floor."""
    if floor_ms is None or floor_ms <= 0:
        return None
    return value_ms / floor_ms


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-share * len(ordered) // 1))))
    return ordered[rank - 1]


def judge(measurement: Measurement) -> dict[str, str]:
    """The targets of issue #16 that apply to ``measurement``, each PASS or FAIL."""
    targets: dict[str, str] = {}
    name, size = measurement.operation, measurement.size
    value = measurement.ratio
    if name in REPORT_OPERATIONS and size in JUDGED_SIZES and value is not None:
        targets[f"<= {FLOOR_FACTOR:g}x floor"] = verdict(value <= FLOOR_FACTOR)
    if size == "national":
        limits = {
            "dashboard": DASHBOARD_NATIONAL_MS,
            "forbund_overview": OVERVIEW_NATIONAL_MS,
            "national_aggregate": NATIONAL_AGGREGATE_MS,
        }
        if name in limits:
            targets[f"< {limits[name]:g} ms"] = verdict(measurement.median_ms < limits[name])
    if name == "import_100000":
        targets[f"< {IMPORT_SECONDS:g} s"] = verdict(measurement.median_ms < IMPORT_SECONDS * 1000)
    return targets


def judge_load(result: LoadResult) -> dict[str, str]:
    if result.page in {"caseload", "participant_page"}:
        passed = result.p95_ms is not None and result.p95_ms < LOAD_P95_MS and not result.errors
        return {f"p95 < {LOAD_P95_MS:g} ms, no errors": verdict(passed)}
    return {}


def judge_memory(measurements: list[Measurement], small: str, large: str) -> dict[str, str]:
    """Per operation measured at both sizes: PASS when the peak at ``large`` is at most
    ``MEMORY_GROWTH`` times the peak at ``small`` (tracemalloc peaks)."""
    peaks: dict[str, dict[str, float]] = {}
    for item in measurements:
        if item.peak_kib is not None:
            peaks.setdefault(item.operation, {})[item.size] = item.peak_kib
    verdicts: dict[str, str] = {}
    for operation, by_size in sorted(peaks.items()):
        if small in by_size and large in by_size and by_size[small] > 0:
            verdicts[operation] = verdict(by_size[large] <= by_size[small] * MEMORY_GROWTH)
    return verdicts


def machine() -> dict[str, Any]:
    """Cores, RAM, Python and the date; the caller adds PostgreSQL's version."""
    ram_bytes = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cores": os.cpu_count(),
        "ram_gib": round(ram_bytes / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def results_document(
    *,
    machine_info: dict[str, Any],
    measurements: list[Measurement],
    load: list[LoadResult],
    memory: dict[str, str],
    notes: list[str],
) -> dict[str, Any]:
    """What `bench/results.json` holds (docs/performance.md, "make bench")."""
    return {
        "machine": machine_info,
        "notes": notes,
        "operations": [
            {**asdict(item), "ratio": None if item.ratio is None else round(item.ratio, 2)}
            for item in measurements
        ],
        "load": [
            {**asdict(item), "pages_per_second": round(item.pages_per_second, 2)} for item in load
        ],
        "memory_not_growing": memory,
    }


def table_lines(measurements: list[Measurement]) -> list[str]:
    """The printed table: operation, size, median, floor, ratio, peak memory, targets."""
    lines = [
        f"{'operation':<22} {'size':>9} {'median ms':>10} {'floor ms':>9} {'ratio':>7} "
        f"{'queries':>7} {'peak KiB':>9}  targets"
    ]
    for item in measurements:
        floor = "-" if item.floor_ms is None else f"{item.floor_ms:.1f}"
        value = item.ratio
        shown_ratio = "-" if value is None else f"{value:.1f}x"
        queries = "-" if item.queries is None else str(item.queries)
        peak = "-" if item.peak_kib is None else f"{item.peak_kib:.0f}"
        targets = ", ".join(f"{name}: {result}" for name, result in item.targets.items())
        lines.append(
            f"{item.operation:<22} {item.size:>9} {item.median_ms:>10.1f} {floor:>9} "
            f"{shown_ratio:>7} {queries:>7} {peak:>9}  {targets}"
        )
    return lines


def load_lines(results: list[LoadResult]) -> list[str]:
    lines = [
        f"{'page':<18} {'size':>9} {'clients':>7} {'requests':>8} {'pages/s':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'errors':>6}  targets"
    ]
    for item in results:
        targets = ", ".join(f"{name}: {result}" for name, result in item.targets.items())
        p50, p95 = (
            "-" if value is None else f"{value:.1f}" for value in (item.p50_ms, item.p95_ms)
        )
        lines.append(
            f"{item.page:<18} {item.size:>9} {item.clients:>7} {item.requests:>8} "
            f"{item.pages_per_second:>8.1f} {p50:>8} {p95:>8} {item.errors:>6}  {targets}"
        )
    return lines
