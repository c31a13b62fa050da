"""The förbund's reports under the förbund's own small-count limit, with the Insatsrapport's
counts since the start suppressed on their own and a notice of what is hidden and why
(issue #10, item 12)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.selectors.forbund_tables import forbund_intervention_report
from samsyn.reporting.tests.forbund_data import Q1, build_scenario
from samsyn.stats.suppression import Suppressed

Persona = Callable[[str], Client]
PERIOD = {"fran": "2026-01-01", "till": "2026-03-31"}


def _testinsatsen(world: Any) -> tuple[Any, ...]:
    access = forbund_access(actor=world["styrgrupp"], forbund_id=None)
    table = forbund_intervention_report(access, Q1).tables[0]
    return next(row for row in table.rows if row[0] == "Testinsatsen")


def test_since_the_start_is_suppressed_on_its_own(world: Any) -> None:
    build_scenario(world)
    world.forbund.small_count_limit = 3
    world.forbund.save(update_fields=["small_count_limit"])
    row = _testinsatsen(world)
    # Påbörjade in Q1: 2 / 1 / 3 -> the 2 and 1 are below 3. Since the start: 4 / 2 / 6.
    started, since_start = row[1:4], row[4:7]
    assert isinstance(started[0], Suppressed) and isinstance(started[1], Suppressed)
    assert isinstance(since_start[1], Suppressed) and str(since_start[1]) == "< 3"
    # Suppressed as its own column group (with its totals row), not with the period's.
    assert since_start != started


def test_the_limit_of_five_hides_more(world: Any) -> None:
    build_scenario(world)
    row = _testinsatsen(world)
    assert all(isinstance(cell, Suppressed) for cell in row[4:6])
    assert all(str(cell) in ("< 5", "dolt") for cell in row[1:7])


def test_the_page_says_what_is_hidden_and_why(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    url = reverse("reporting:forbund_interventions")
    html = as_persona("styrgrupp").get(url, PERIOD).content.decode()
    assert "Påbörjade sedan start" in html
    assert "antal visas som ”&lt; 5”: färre än 5 personer." in html
    world.forbund.small_count_limit = 3
    world.forbund.save(update_fields=["small_count_limit"])
    html = as_persona("styrgrupp").get(url, PERIOD).content.decode()
    assert "Antal från 1 till 2 visas som ”&lt; 3”" in html
    assert "färre än 3 personer" in html
    exact = as_persona("admin").get(url, PERIOD).content.decode()
    assert "färre än" not in exact
