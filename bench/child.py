"""One size of `make bench`, in its own process connected to that size's bench database:
build (or reuse) the data, measure every operation beside its floor, run the concurrent
clients against gunicorn, and (when asked) the 100,000-row import."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings as django_settings
from django.db import connection

from bench import dataset
from bench.databases import SIZES
from bench.floors import run_floor
from bench.importing import import_rows
from bench.load import gunicorn, hammer, server_env
from bench.measure import measure, median_ms
from bench.operations import operations, session_cookie, year_params
from bench.results import LoadResult, Measurement, judge, load_lines

if TYPE_CHECKING:
    from bench.run import Settings

LOAD_PAGES = ("caseload", "participant_page", "dashboard")
# The förbund floors ask for the calendar year, as the overview and the Finsam export do.
YEAR_FLOORS = frozenset({"forbund", "national"})


def _postgresql() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        row = cursor.fetchone()
    return str(row[0]) if row else "?"


def measure_size(settings: Settings, size: str, *, with_import: bool) -> dict[str, Any]:
    notes = dataset.build(SIZES[size])
    subjects = dataset.subjects()
    print(
        f"   intervention {subjects.intervention.pk} with {subjects.registrations_in_intervention}"
        f" registrations; coach {subjects.coach.pk} with {subjects.caseload} ongoing",
        flush=True,
    )
    items, params, urls = operations(subjects)
    measurements: list[Measurement] = []
    for item in items:
        result = measure(item.name, size, item.action, settings.repeats)
        floor_params = year_params(params) if item.floor in YEAR_FLOORS else params
        run_floor(item.floor, floor_params)  # warm-up
        result.floor_ms = median_ms(partial(run_floor, item.floor, floor_params), 5)
        result.note = f"floor: {item.floor}"
        result.targets = judge(result)
        measurements.append(result)
        print(
            f"   {item.name:<22} {result.median_ms:9.1f} ms  floor {result.floor_ms:7.1f} ms",
            flush=True,
        )
    load: list[LoadResult] = []
    if size in settings.load_sizes:
        load = _load(settings, size, subjects, urls)
    if with_import:
        measurements.append(import_rows(subjects.intervention, settings.import_rows, size))
    return {
        "operations": [asdict(item) for item in measurements],
        "load": [asdict(item) for item in load],
        "notes": notes,
        "postgresql": _postgresql(),
    }


def _load(
    settings: Settings, size: str, subjects: dataset.Subjects, urls: dict[str, str]
) -> list[LoadResult]:
    users = {
        "caseload": subjects.coach,
        "participant_page": subjects.coach,
        "dashboard": subjects.lead,
    }
    cookie_name = django_settings.SESSION_COOKIE_NAME
    results = []
    with gunicorn(settings.workers, server_env()) as port:
        for page in LOAD_PAGES:
            cookies = [
                f"{cookie_name}={session_cookie(users[page])}" for _ in range(settings.clients)
            ]
            result = hammer(
                port=port,
                page=page,
                path=urls[page],
                cookies=cookies,
                seconds=settings.load_seconds,
                size=size,
            )
            print(f"   load {load_lines([result])[1]}", flush=True)
            results.append(result)
    return results
