"""Benchmark: 100 000 new people imported into a database that already has 300 000.

Run with `make bench` (on PostgreSQL: `DATABASE_URL=postgres://… make bench`). Random
participant codes used to clash at this size (issue 17): the import must succeed every time.
Prints the seconds of the import and the process's peak resident memory before and after it;
a second test shows that the import's own memory does not grow with the file (tracemalloc).
docs/performance.md records the figures.
"""

from __future__ import annotations

import datetime
import random
import resource
import time
import tracemalloc

import pytest

from bench.synthetic import grow_registrations
from samsyn.core.personnummer import personnummer_check_digit
from samsyn.participants.importing.parsing import COLUMNS, parse_file
from samsyn.participants.importing.service import import_registrations
from samsyn.participants.models import Person, Registration
from samsyn.participants.tests.import_helpers import csv_bytes

EXISTING = 300_000
ROWS = 100_000
_SEED_CHUNK = 20_000
_BIRTH_DAYS = 15_000  # 1962 to 2003
_FIRST_BIRTH = datetime.date(1962, 1, 1)


def _pnr(index: int) -> str:
    """Unique per index: a birth date and a serial that the index decides together."""
    birth = (_FIRST_BIRTH + datetime.timedelta(days=index % _BIRTH_DAYS)).strftime("%Y%m%d")
    serial = f"{100 + index // _BIRTH_DAYS:03d}"
    return f"{birth}-{serial}{personnummer_check_digit(birth + serial)}"


def _row(index: int, rng: random.Random) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    # Inside the intervention's time, so the rows carry no warning and memory shows the import.
    start = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(0, 600))
    row.update(
        personnummer=_pnr(index),
        fornamn="Bench",
        efternamn=f"Person {index}",
        kommun="Karlstad",
        remitterande_part="forsakringskassan",
        startdatum=start.isoformat(),
        forsorjning_fore="sjukpenning",
        sysselsattning_fore="ingen",
        utbildningsniva="gymnasial",
    )
    return row


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


@pytest.mark.django_db
def test_import_100000_into_300000(world, capsys) -> None:
    for chunk in range(EXISTING // _SEED_CHUNK):
        grow_registrations(world.intervention, rows=_SEED_CHUNK, seed=chunk)
    rng = random.Random(17)
    data = csv_bytes([_row(index, rng) for index in range(ROWS)])
    rows = parse_file(data, max_bytes=None).rows
    rss_before = _peak_rss_mb()
    started = time.perf_counter()
    result = import_registrations(actor=None, intervention=world.intervention, rows=rows)
    seconds = time.perf_counter() - started
    rss_after = _peak_rss_mb()
    with capsys.disabled():
        print(f"\nimport of {ROWS} rows into {EXISTING} people ({len(data) / 1e6:.1f} MB CSV)")
        print(f"  import     {seconds:6.1f} s")
        print(f"  peak RSS   {rss_before:6.0f} MB before the import, {rss_after:.0f} MB after")
    assert result.ok, result.errors[:5]
    assert result.imported == ROWS
    assert Person.objects.count() == EXISTING + ROWS
    assert Registration.objects.count() == EXISTING + ROWS
    assert Person.objects.values("pseudonym").distinct().count() == EXISTING + ROWS


def _import_peak_bytes(world, rows: int) -> int:
    rng = random.Random(rows)
    first = world.intervention.registrations.count()
    data = csv_bytes([_row(first + index, rng) for index in range(rows)])
    parsed = parse_file(data, max_bytes=None).rows
    tracemalloc.start()
    result = import_registrations(actor=None, intervention=world.intervention, rows=parsed)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.ok and not result.warnings, (result.errors[:3], result.warnings[:3])
    return peak


@pytest.mark.django_db
def test_import_memory_does_not_grow_with_the_file(world, capsys) -> None:
    small = _import_peak_bytes(world, 2_000)
    large = _import_peak_bytes(world, 8_000)
    with capsys.disabled():
        print(
            f"\nimport peak (tracemalloc): 2 000 rows {small / 1e6:.1f} MB, 8 000 rows "
            f"{large / 1e6:.1f} MB"
        )
    # Four times the rows, the same batch: allow 25 % for the lists of results (skipped
    # rows) and allocator noise, far below the 4× that holding the rows would cost.
    assert large < small * 1.25
