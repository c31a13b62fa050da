"""Benchmarks of the reports: time and queries as the number of registrations grows.

Run with `make bench`. The report content (every figure of an intervention and period) and
the report pages are measured at two data sizes; the number of queries must not grow with
the data (asserted); the times are for reading.
"""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.synthetic import grow_registrations
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period

SIZES = (10, 2000)
REPEATS = 5
PERIOD = Period(datetime.date(2025, 1, 1), datetime.date(2026, 12, 31))


def _measure(action: Callable[[], object]) -> tuple[float, int]:
    action()
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        action()
    return statistics.median(timings), len(queries)


def _pages(world) -> list[tuple[str, str, str]]:
    """(label, persona, url) of the report pages that exist."""
    pk = world.intervention.pk
    candidates = [
        ("dashboard", "insatsansvarig", "reporting:dashboard", {"pk": pk}),
        ("dashboard (styrgrupp)", "styrgrupp", "reporting:dashboard", {"pk": pk}),
        ("förbund overview", "admin", "reporting:forbund_overview", {}),
        ("intervention page", "insatsansvarig", "interventions:detail", {"pk": pk}),
    ]
    pages = []
    for label, persona, name, kwargs in candidates:
        pages.append((label, persona, reverse(name, kwargs=kwargs)))
    return pages


@pytest.mark.django_db
def test_reports_scale(world, as_persona, capsys):
    results: dict[str, list[tuple[int, float, int]]] = {}
    grown = 0
    for size in SIZES:
        grow_registrations(world.intervention, rows=size - grown)
        grown = size
        for suppress in (False, True):
            label = f"report content{' (suppressed)' if suppress else ''}"
            seconds, queries = _measure(
                lambda s=suppress: report_content(world.intervention, PERIOD, suppress=s)
            )
            results.setdefault(label, []).append((size, seconds, queries))
        for label, persona, url in _pages(world):
            client = as_persona(persona)

            def get(client=client, url=url) -> None:
                assert client.get(url).status_code == 200

            seconds, queries = _measure(get)
            results.setdefault(label, []).append((size, seconds, queries))
    with capsys.disabled():
        print("\nreport                        registrations   median ms   queries")
        for label, rows in results.items():
            for size, seconds, queries in rows:
                print(f"{label:<30} {size:>13} {seconds * 1000:>11.1f} {queries:>9}")
    for label, rows in results.items():
        assert len({queries for _, _, queries in rows}) == 1, f"{label}: {rows}"
