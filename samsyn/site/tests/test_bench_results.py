"""The pure part of `make bench` (bench/results.py): ratio to the floor, the targets' PASS and
FAIL, memory growth, percentiles and the shape of bench/results.json. No big data needed."""

from __future__ import annotations

import json

from bench.results import (
    LoadResult,
    Measurement,
    judge,
    judge_load,
    judge_memory,
    percentile,
    ratio,
    results_document,
    table_lines,
)


def _measured(operation: str, size: str, median: float, floor: float | None = None) -> Measurement:
    return Measurement(operation=operation, size=size, median_ms=median, runs=5, floor_ms=floor)


def test_ratio_is_the_times_the_floor_and_none_without_one() -> None:
    assert ratio(300.0, 100.0) == 3.0
    assert ratio(300.0, None) is None
    assert ratio(300.0, 0.0) is None


def test_a_report_within_twice_its_floor_passes_at_50000_and_national_only() -> None:
    assert judge(_measured("report_content", "50000", 199.0, 100.0)) == {"<= 2x floor": "PASS"}
    assert judge(_measured("report_content", "50000", 201.0, 100.0)) == {"<= 2x floor": "FAIL"}
    # 5,000 is for development: nothing judged; nor are pages that are not reports.
    assert judge(_measured("report_content", "5000", 900.0, 100.0)) == {}
    assert judge(_measured("caseload", "50000", 900.0, 1.0)) == {}


def test_national_time_limits() -> None:
    dashboard = judge(_measured("dashboard", "national", 140.0, 100.0))
    assert dashboard == {"<= 2x floor": "PASS", "< 150 ms": "PASS"}
    assert judge(_measured("forbund_overview", "national", 600.0))["< 500 ms"] == "FAIL"
    assert judge(_measured("national_aggregate", "national", 1999.0))["< 2000 ms"] == "PASS"


def test_import_limit() -> None:
    assert judge(_measured("import_100000", "national", 59_000.0)) == {"< 60 s": "PASS"}
    assert judge(_measured("import_100000", "national", 61_000.0)) == {"< 60 s": "FAIL"}


def test_load_p95_and_errors() -> None:
    fast = LoadResult("caseload", "50000", 16, 30.0, 600, 0, 20.0, 90.0)
    failing = LoadResult("caseload", "50000", 16, 30.0, 600, 1, 20.0, 90.0)
    assert judge_load(fast) == {"p95 < 100 ms, no errors": "PASS"}
    assert judge_load(failing) == {"p95 < 100 ms, no errors": "FAIL"}
    assert judge_load(LoadResult("dashboard", "50000", 16, 30.0, 1, 0, 1.0, 1.0)) == {}
    # Every request failed (gunicorn's worker timeout): no latency, FAIL.
    timed_out = LoadResult("caseload", "50000", 16, 30.0, 0, 16, None, None)
    assert judge_load(timed_out) == {"p95 < 100 ms, no errors": "FAIL"}
    assert fast.pages_per_second == 20.0


def test_percentile_is_nearest_rank() -> None:
    values = [float(value) for value in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([], 0.95) == 0.0


def test_memory_must_not_grow_with_ten_times_the_data() -> None:
    items = [
        Measurement("caseload", "5000", 1.0, 1, peak_kib=1000.0),
        Measurement("caseload", "50000", 1.0, 1, peak_kib=1400.0),
        Measurement("dashboard", "5000", 1.0, 1, peak_kib=1000.0),
        Measurement("dashboard", "50000", 1.0, 1, peak_kib=9000.0),
        Measurement("api_list", "5000", 1.0, 1, peak_kib=1000.0),
    ]
    assert judge_memory(items, "5000", "50000") == {"caseload": "PASS", "dashboard": "FAIL"}


def test_results_json_shape() -> None:
    item = _measured("dashboard", "50000", 300.0, 100.0)
    item.targets = judge(item)
    load = LoadResult("caseload", "50000", 16, 30.0, 300, 0, 20.0, 40.0)
    document = results_document(
        machine_info={"cores": 2, "postgresql": "15.20"},
        measurements=[item],
        load=[load],
        memory={"dashboard": "PASS"},
        notes=["a note"],
    )
    assert set(document) == {"machine", "notes", "operations", "load", "memory_not_growing"}
    (operation,) = document["operations"]
    assert operation["operation"] == "dashboard"
    assert operation["ratio"] == 3.0
    assert operation["targets"] == {"<= 2x floor": "FAIL"}
    assert document["load"][0]["pages_per_second"] == 10.0
    json.dumps(document)  # it must be writable as it is
    assert "3.0x" in table_lines([item])[1]
