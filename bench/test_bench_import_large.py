"""Benchmark: 100 000 new people imported into a database that already has 300 000.

Run with `make bench` (on PostgreSQL: `DATABASE_URL=postgres://… make bench`). Random
participant codes used to clash at this size (issue 17): the import must succeed every time.
Prints the seconds and the peak memory of the import itself (Python allocations, measured with
tracemalloc, which also slows the run down by about a third); docs/performance.md records the
figures and what the memory is made of.
"""

from __future__ import annotations

import datetime
import random
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
    start = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(0, 900))
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


@pytest.mark.django_db
def test_import_100000_into_300000(world, capsys) -> None:
    for chunk in range(EXISTING // _SEED_CHUNK):
        grow_registrations(world.intervention, rows=_SEED_CHUNK, seed=chunk)
    rng = random.Random(17)
    data = csv_bytes([_row(index, rng) for index in range(ROWS)])
    rows = parse_file(data, max_bytes=None).rows
    tracemalloc.start()
    started = time.perf_counter()
    result = import_registrations(actor=None, intervention=world.intervention, rows=rows)
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with capsys.disabled():
        print(f"\nimport of {ROWS} rows into {EXISTING} people ({len(data) / 1e6:.1f} MB CSV)")
        print(f"  import     {seconds:6.1f} s (under tracemalloc)")
        print(f"  peak       {peak / 1e6:6.0f} MB of Python allocations during the import")
    assert result.ok, result.errors[:5]
    assert result.imported == ROWS
    assert Person.objects.count() == EXISTING + ROWS
    assert Registration.objects.count() == EXISTING + ROWS
    assert Person.objects.values("pseudonym").distinct().count() == EXISTING + ROWS
