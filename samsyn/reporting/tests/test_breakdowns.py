"""The breakdown tables against hand counts (period 2026-01-01 – 2026-03-31)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samsyn.core.tests.factories import InterventionFactory, PartyFactory
from samsyn.interventions.models import Capacity, Intervention, Phase
from samsyn.participants.models import Registration, RegistrationIncome
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.reporting.selectors.breakdowns import (
    active_by_age_band,
    active_by_municipality,
    active_by_phase,
    active_by_referring_party,
    income_transitions,
)
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db

D = datetime.date
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))


def reg(
    ins: Intervention,
    gender: str,
    start: datetime.date,
    end: datetime.date | None = None,
    *,
    person: dict[str, Any] | None = None,
    before: tuple[str, ...] = (),
    after: tuple[str, ...] = (),
    **fields: Any,
) -> Registration:
    owner = PersonFactory(forbund=ins.forbund, gender=gender, **(person or {}))
    if end is not None:
        fields.setdefault("exit_reason", "fullfoljt")
    registration = RegistrationFactory(
        intervention=ins, person=owner, start_date=start, end_date=end, **fields
    )
    for moment, sources in (("fore", before), ("efter", after)):
        for source in sources:
            RegistrationIncome.objects.create(
                registration=registration, moment=moment, source=source
            )
    return registration


def counts(kvinna: int, man: int) -> dict[str, int]:
    return {"kvinna": kvinna, "man": man, "total": kvinna + man}


def test_income_transitions() -> None:
    ins = InterventionFactory()
    end = D(2026, 2, 1)
    reg(ins, "kvinna", D(2025, 1, 1), end, before=("sjukpenning",), after=("lon",))
    reg(ins, "kvinna", D(2025, 1, 1), end, before=("sjukpenning",), after=("lon",))
    reg(ins, "man", D(2025, 1, 1), end, before=("sjukpenning",), after=("lon",))
    # Two sources before: counted in both pairs.
    reg(ins, "man", D(2025, 1, 1), end, before=("a_kassa", "forsorjningsstod"), after=("ingen",))
    # Not ended in the period, felregistrering, no source after: not in the table.
    reg(ins, "kvinna", D(2025, 1, 1), D(2025, 12, 31), before=("a_kassa",), after=("lon",))
    reg(
        ins,
        "kvinna",
        D(2025, 1, 1),
        end,
        before=("a_kassa",),
        after=("lon",),
        exit_reason="felregistrering",
    )
    reg(ins, "kvinna", D(2025, 1, 1), None, before=("a_kassa",))
    reg(ins, "kvinna", D(2025, 1, 1), end, before=("a_kassa",))
    table = {row.key: row.counts for row in income_transitions(ins, Q1)}
    assert table == {
        ("sjukpenning", "lon"): counts(2, 1),
        ("a_kassa", "ingen"): counts(0, 1),
        ("forsorjningsstod", "ingen"): counts(0, 1),
    }
    labels = [row.label for row in income_transitions(ins, Q1)]
    assert "Sjukpenning/rehabiliteringspenning → Lön" in labels


def test_age_bands_at_period_end() -> None:
    ins = InterventionFactory()
    # Age = 2026 − birth year.
    for gender, year in [
        ("kvinna", 2002),  # 24
        ("man", 2001),  # 25
        ("kvinna", 1997),  # 29
        ("kvinna", 1996),  # 30
        ("man", 1977),  # 49
        ("man", 1967),  # 59
        ("kvinna", 1966),  # 60
        ("man", None),
    ]:
        reg(ins, gender, D(2026, 1, 1), person={"birth_year": year})
    reg(ins, "kvinna", D(2026, 4, 1), person={"birth_year": 2000})  # not active
    bands = {row.key: row.counts for row in active_by_age_band(ins, Q1)}
    assert bands == {
        "16-24": counts(1, 0),
        "25-29": counts(1, 1),
        "30-39": counts(1, 0),
        "40-49": counts(0, 1),
        "50-59": counts(0, 1),
        "60+": counts(1, 0),
        "okand": counts(0, 1),
    }


def test_municipality_against_places() -> None:
    ins = InterventionFactory()
    Capacity.objects.create(intervention=ins, municipality_code="1783", places=17)
    Capacity.objects.create(intervention=ins, municipality_code="1715", places=10)
    reg(ins, "kvinna", D(2026, 1, 1), person={"home_municipality_code": "1783"})
    reg(ins, "man", D(2026, 3, 31), person={"home_municipality_code": "1783"})
    reg(ins, "man", D(2025, 1, 1), D(2026, 1, 1), person={"home_municipality_code": "1780"})
    reg(ins, "man", D(2025, 1, 1), D(2025, 12, 31), person={"home_municipality_code": "1715"})
    rows = {row.key: (row.counts, row.places) for row in active_by_municipality(ins, Q1)}
    assert rows == {
        "1715": (counts(0, 0), 10),
        "1780": (counts(0, 1), None),
        "1783": (counts(1, 1), 17),
    }


def test_phase_and_referring_party() -> None:
    ins = InterventionFactory()
    first = Phase.objects.create(intervention=ins, name="Kartläggning", order=1)
    second = Phase.objects.create(intervention=ins, name="Insats", order=2)
    party = PartyFactory(forbund=ins.forbund, name="Arbetsförmedlingen")
    reg(ins, "kvinna", D(2026, 1, 1), current_phase=second, referring_party=party)
    reg(ins, "man", D(2026, 1, 1), current_phase=first, referring_party=party)
    reg(ins, "man", D(2026, 1, 1), current_phase=first)
    reg(ins, "kvinna", D(2026, 1, 1))
    reg(ins, "kvinna", D(2026, 5, 1), current_phase=first, referring_party=party)  # not active
    phases = [(row.label, row.counts) for row in active_by_phase(ins, Q1)]
    assert phases == [
        ("Kartläggning", counts(0, 2)),
        ("Insats", counts(1, 0)),
        ("Ingen fas", counts(1, 0)),
    ]
    parties = [(row.label, row.counts) for row in active_by_referring_party(ins, Q1)]
    assert parties == [
        ("Arbetsförmedlingen", counts(1, 1)),
        ("Ingen anvisande part", counts(1, 1)),
    ]


def _queries(size: int) -> int:
    ins = InterventionFactory()
    Capacity.objects.create(intervention=ins, municipality_code="1780", places=5)
    for index in range(size):
        reg(
            ins,
            ("kvinna", "man")[index % 2],
            D(2025, 1, 1),
            D(2026, 2, 1),
            before=("a_kassa",),
            after=("lon",),
        )
    with CaptureQueriesContext(connection) as queries:
        assert income_transitions(ins, Q1)[0].counts["total"] == size
        active_by_age_band(ins, Q1)
        active_by_municipality(ins, Q1)
        active_by_phase(ins, Q1)
        active_by_referring_party(ins, Q1)
    return len(queries)


def test_query_count_is_constant() -> None:
    assert _queries(3) == _queries(30) == 6
