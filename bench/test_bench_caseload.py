"""Benchmarks of the coach's pages: the caseload, the participant page and the API list.

Run with `make bench` (on PostgreSQL with ``DATABASE_URL=postgres://… make bench``). One coach
with a caseload of identified people is measured, then the rest of the database grows by
other förbund's registrations that none of these pages show. The number of queries must not
change (asserted); the times are printed for reading: they should not grow either, since
every page's queries start from the coach's scope (docs/performance.md, "Pages").
"""

from __future__ import annotations

import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.caseload_data import build_caseload_world, grow_other_forbund
from samsyn.conftest import login_verified
from samsyn.core.services.api_tokens import api_token_create

REPEATS = 5
# Registrations in other förbund, added before each measurement.
GROWTH = (0, 8000)


def _measure(client: Client, url: str) -> tuple[float, int]:
    assert client.get(url).status_code == 200
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


@pytest.mark.django_db
def test_coach_pages_do_not_grow_with_the_database(capsys):
    world = build_caseload_world(caseload=60, colleagues=200, other_forbund=0, registrations_each=0)
    browser = login_verified(Client(), world.coach)
    TOTPDevice.objects.get_or_create(user=world.coach, name="bench", defaults={"confirmed": True})
    _token, raw = api_token_create(user=world.coach, name="bench")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    pages = {
        "caseload": (browser, reverse("participants:caseload")),
        "participant page": (
            browser,
            reverse("participants:registration_detail", args=[world.registration_ids[0]]),
        ),
        "API registrations": (api, "/api/v1/registrations?limit=50"),
    }
    results: dict[str, list[tuple[int, float, int]]] = {}
    for other in GROWTH:
        grow_other_forbund(count=4, registrations_each=other // 4)
        for name, (client, url) in pages.items():
            seconds, queries = _measure(client, url)
            results.setdefault(name, []).append((other, seconds, queries))
    with capsys.disabled():
        print("\npage                 other registrations   median ms   queries")
        for name, rows in results.items():
            for other, seconds, queries in rows:
                print(f"{name:<20} {other:>19} {seconds * 1000:>11.1f} {queries:>9}")
    for name, rows in results.items():
        assert len({queries for _, _, queries in rows}) == 1, f"{name}: {rows}"
