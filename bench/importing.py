"""The 100,000-row import of `make bench`: the rows of bench/test_bench_import_large.py,
imported with ``import_registrations`` into the bench's largest intervention inside a
transaction that is rolled back, so the bench database stays as it was built."""

from __future__ import annotations

import random
import resource
import time

from django.db import transaction

from bench.results import Measurement, judge
from bench.test_bench_import_large import _row
from samsyn.core.models import Party
from samsyn.core.personnummer import parse_personnummer, personnummer_blind_index
from samsyn.interventions.models import Intervention
from samsyn.participants.importing.parsing import parse_file
from samsyn.participants.importing.service import import_registrations
from samsyn.participants.models import Person
from samsyn.participants.tests.import_helpers import csv_bytes


def _existing(numbers: list[str]) -> set[str]:
    """The numbers the database already holds a person for (the generator draws its own):
    new people only, so no row is refused as an overlapping registration."""
    by_index = {personnummer_blind_index(parse_personnummer(number)): number for number in numbers}
    found: set[str] = set()
    keys = list(by_index)
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        rows = Person.objects.filter(personnummer_index__in=chunk).values_list(
            "personnummer_index", flat=True
        )
        found.update(by_index[key] for key in rows)
    return found


def import_rows(intervention: Intervention, rows: int, size: str) -> Measurement:
    rng = random.Random(17)
    # Past any personnummer the data may already hold from an earlier, rolled-back run.
    first = 1_000_000
    # Referred by a party the förbund has (the rows name Försäkringskassan otherwise).
    kind = (
        Party.objects.filter(forbund_id=intervention.forbund_id)
        .order_by("kind")
        .values_list("kind", flat=True)
        .first()
    )
    table: list[dict[str, str]] = []
    index = first
    while len(table) < rows:
        candidates = [_row(index + offset, rng) for offset in range(rows - len(table))]
        index += len(candidates)
        taken = _existing([row["personnummer"] for row in candidates])
        for row in candidates:
            if row["personnummer"] not in taken:
                row["remitterande_part"] = kind or row["remitterande_part"]
                table.append(row)
    parsed = parse_file(csv_bytes(table), max_bytes=None).rows
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with transaction.atomic():
        result = import_registrations(actor=None, intervention=intervention, rows=parsed)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    note = f"{result.imported} imported, rolled back"
    if not result.ok:
        note = f"failed: {result.errors[:3]}"
    measurement = Measurement(
        operation=f"import_{rows}",
        size=size,
        median_ms=seconds * 1000,
        runs=1,
        rss_growth_kib=float(rss_after - rss_before),
        note=note,
    )
    measurement.targets = judge(measurement) if result.ok else {"import": "FAIL"}
    return measurement
