"""Benchmark of the registration import: 10 000 generated rows must import well under a minute.

Run with `make bench`. Prints the seconds for parsing, the first import and a re-import of
the same file (every row already there); asserts the first import takes under 60 s.
"""

from __future__ import annotations

import datetime
import random
import time

import pytest

from samsyn.core.personnummer import personnummer_check_digit
from samsyn.participants.importing.parsing import COLUMNS, parse_file
from samsyn.participants.importing.service import import_registrations
from samsyn.participants.models import Registration
from samsyn.participants.tests.import_helpers import csv_bytes

ROWS = 10_000
LIMIT_SECONDS = 60
_KOMMUNER = ["Karlstad", "1783", "Hagfors", "Forshaga", "1715", "Sunne", "Torsby", "1784"]
_PARTIES = ["forsakringskassan", "arbetsformedlingen", "kommun", "region"]
_INCOMES = ["sjukpenning", "forsorjningsstod", "aktivitetsersattning", "a_kassa", "ingen"]


def _pnr(index: int, rng: random.Random) -> str:
    born = datetime.date(1962, 1, 1) + datetime.timedelta(days=index)  # unique per row
    birth = born.strftime("%Y%m%d")
    serial = f"{rng.randrange(100, 1000):03d}"
    return f"{birth}-{serial}{personnummer_check_digit(birth + serial)}"


def _row(index: int, rng: random.Random) -> dict[str, str]:
    start = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(0, 1800))
    row = dict.fromkeys(COLUMNS, "")
    anonymous = index % 10 == 0
    row.update(
        personnummer="" if anonymous else _pnr(index, rng),
        fornamn="" if anonymous else "Bench",
        efternamn="" if anonymous else f"Person {index}",
        kon=rng.choice(["kvinna", "man"]) if anonymous else "",
        fodelsear=str(rng.randrange(1960, 2004)) if anonymous else "",
        kommun="" if anonymous else rng.choice(_KOMMUNER),
        remitterande_part=rng.choice(_PARTIES),
        startdatum=start.isoformat(),
        forsorjning_fore="|".join(rng.sample(_INCOMES, 2)),
        sysselsattning_fore="ingen",
        utbildningsniva=rng.choice(["forgymnasial", "gymnasial", "eftergymnasial"]),
    )
    if index % 2:
        end = start + datetime.timedelta(days=rng.randrange(30, 500))
        row.update(
            slutdatum=min(end, datetime.date(2026, 1, 31)).isoformat(),
            avslutsorsak=rng.choice(["fullfoljt", "avbrutit", "felregistrering"]),
            utfall=rng.choice(["arbete", "studier", "ovrigt"]),
            sysselsattning_efter="arbetar",
            forsorjning_efter="lon",
            stegforflyttning=rng.choice(["ja", "nej"]),
        )
    return row


@pytest.mark.django_db
def test_import_10000_rows(world, capsys) -> None:
    rng = random.Random(3)
    data = csv_bytes([_row(index, rng) for index in range(ROWS)])
    started = time.perf_counter()
    rows = parse_file(data, max_bytes=None).rows
    parsed = time.perf_counter()
    result = import_registrations(
        actor=world["insatsansvarig"], intervention=world.intervention, rows=rows
    )
    imported = time.perf_counter()
    again = import_registrations(actor=None, intervention=world.intervention, rows=rows)
    reimported = time.perf_counter()
    with capsys.disabled():
        print(f"\nimport of {ROWS} rows ({len(data) / 1e6:.1f} MB CSV)")
        print(f"  parse      {parsed - started:6.2f} s")
        print(f"  import     {imported - parsed:6.2f} s  ({result.imported} registrations)")
        print(f"  re-import  {reimported - imported:6.2f} s  ({len(again.skipped)} skipped)")
    assert result.ok, result.errors[:5]
    assert result.imported == ROWS
    assert Registration.objects.count() == ROWS
    assert again.imported == 0 and len(again.skipped) == ROWS
    assert imported - started < LIMIT_SECONDS
