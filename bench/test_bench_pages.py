"""Benchmarks of the list pages: time per request and queries per request, as data grows.

Run with `make bench`. Each page is requested at two data sizes; the report prints the median
time and the number of queries at each size. The number of queries must not grow with the
data (that is asserted); the times are for reading, since they depend on the machine.
"""

from __future__ import annotations

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.synthetic import grow_forbund

PAGES = [
    ("admin", "core:start"),
    ("admin", "manage:party_list"),
    ("admin", "manage:team_list"),
    ("admin", "manage:user_list"),
    ("granskare", "audit:event_list"),
]
SIZES = (10, 1000)
REPEATS = 15


def _measure(client, url: str) -> tuple[float, int]:
    client.get(url)  # warm caches and the session
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


@pytest.mark.django_db
def test_list_pages_scale(world, as_persona, capsys):
    results: dict[str, list[tuple[int, float, int]]] = {}
    grown = 0
    for size in SIZES:
        grow_forbund(world.forbund, rows=size - grown)
        grown = size
        for persona, name in PAGES:
            url = reverse(name)
            seconds, queries = _measure(as_persona(persona), url)
            results.setdefault(name, []).append((size, seconds, queries))
    with capsys.disabled():
        print("\npage                        rows    median ms   queries")
        for name, rows in results.items():
            for size, seconds, queries in rows:
                print(f"{name:<26} {size:>6} {seconds * 1000:>11.1f} {queries:>9}")
    for name, rows in results.items():
        query_counts = {queries for _, _, queries in rows}
        assert len(query_counts) == 1, f"{name}: queries grow with rows: {rows}"
