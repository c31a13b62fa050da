"""The reports show an intervention's own age bands (AgeBand) beside the standard bands,
as a table of its own (docs/dashboard.md "Age bands"; seed 001's target group "unga vuxna
... avser åldern 20 – 29 år"), computed in one query whatever the number of bands."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.interventions.models import AgeBand
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date
Y2026 = Period(D(2026, 1, 1), D(2026, 12, 31))
TODAY = D(2026, 12, 31)


def _active(world: World, gender: str, birth_year: int | None) -> None:
    person = PersonFactory(forbund=world.forbund, gender=gender, birth_year=birth_year)
    RegistrationFactory(intervention=world.intervention, person=person, start_date=D(2026, 2, 1))


def _own_bands(content: Any) -> dict[str, Any]:
    tables = {table["id"]: table for table in content["breakdowns"]}
    return tables.get("own_age_bands") or {}


def test_the_report_shows_the_own_bands_beside_the_standard_ones(world: World) -> None:
    assert not _own_bands(report_content(world.intervention, Y2026, suppress=False, today=TODAY))
    AgeBand.objects.create(intervention=world.intervention, min_age=20, max_age=29)
    AgeBand.objects.create(intervention=world.intervention, min_age=60, max_age=64)
    _active(world, "kvinna", 2006)  # 20 in 2026
    _active(world, "kvinna", 2001)  # 25
    _active(world, "man", 1997)  # 29
    _active(world, "man", 1996)  # 30: in no own band
    _active(world, "kvinna", None)  # age unknown: in no own band
    content = report_content(world.intervention, Y2026, suppress=False, today=TODAY)
    rows = {row["label"]: row["values"] for row in _own_bands(content)["rows"]}
    assert rows == {
        "20–29 år": {"kvinna": 2, "man": 1, "total": 3},
        "60–64 år": {"kvinna": 0, "man": 0, "total": 0},
    }
    # The standard bands are still there and still add up to the active.
    standard = {table["id"]: table for table in content["breakdowns"]}["age_bands"]
    assert {row["label"] for row in standard["rows"]} >= {"16–24 år", "25–29 år", "30–39 år"}
    assert sum(int(row["values"]["total"] or 0) for row in standard["rows"]) == 5


def test_the_dashboard_shows_the_own_band(as_persona: Persona, world: World) -> None:
    AgeBand.objects.create(intervention=world.intervention, min_age=20, max_age=29)
    for year in (2001, 2002, 2003, 2004, 2005, 2006):
        _active(world, "kvinna", year)
    page = as_persona("coach").get(
        reverse("reporting:dashboard", args=[world.intervention.pk]),
        {"fran": "2026-01-01", "till": "2026-12-31"},
    )
    html = page.content.decode()
    assert "Aktiva i insatsens egna åldersgrupper" in html
    assert "20–29 år" in html


def test_query_count_does_not_grow_with_bands_or_participants(
    world: World, assert_query_count: QueryCount
) -> None:
    AgeBand.objects.create(intervention=world.intervention, min_age=20, max_age=29)
    _active(world, "kvinna", 2000)
    # Once before counting, so what a process learns once does not depend on test order.
    report_content(world.intervention, Y2026, suppress=True, today=TODAY)
    with assert_query_count(21):
        report_content(world.intervention, Y2026, suppress=True, today=TODAY)
    for low in (30, 40, 50):
        AgeBand.objects.create(intervention=world.intervention, min_age=low, max_age=low + 9)
    for index in range(20):
        _active(world, "man" if index % 2 else "kvinna", 1970 + index)
    with assert_query_count(21):
        report_content(world.intervention, Y2026, suppress=True, today=TODAY)


def test_small_numbers_of_the_own_bands_are_hidden_for_the_styrgrupp(world: World) -> None:
    AgeBand.objects.create(intervention=world.intervention, min_age=20, max_age=29)
    _active(world, "kvinna", 2004)
    _active(world, "kvinna", 2005)
    for year in range(1960, 1970):
        _active(world, "man", year)
    content = report_content(world.intervention, Y2026, suppress=True, today=TODAY)
    table = _own_bands(content)
    assert not table["withheld"]
    cells = table["rows"][0]["values"]
    assert cells["kvinna"] == "< 5"
    assert cells["total"] != 2
