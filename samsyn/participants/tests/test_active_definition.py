"""Issue #10, item 8: one definition of "aktiva", the same number and text on every page.

"Aktiva" counts registrations, not people (the metric ``active`` of the registry,
docs/metrics.md): the intervention page, the start page and the caseload, the dashboard and
the reports all use it and show its definition next to the figure.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samsyn.conftest import World
from samsyn.participants.selectors.caseload import caseload_summary
from samsyn.participants.selectors.intervention_figures import intervention_figures
from samsyn.participants.selectors.metrics import ACTIVE_DEFINITION, evaluate, metric_get
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
DAY = datetime.timedelta(days=1)


def _today_world(world: World, today: datetime.date) -> dict[str, int]:
    """Four registrations of the coach on ``today``: what each counts as in "aktiva i dag"."""
    anna = PersonFactory(forbund=world.forbund, gender="kvinna")
    common = {"intervention": world.intervention, "coach": world["coach"]}
    # Anna ended a registration today and was registered again today: two active registrations.
    RegistrationFactory(
        person=anna,
        start_date=today - 100 * DAY,
        end_date=today,
        exit_reason="fullfoljt",
        outcome="arbete",
        occupation_after="arbetar",
        **common,
    )
    RegistrationFactory(person=anna, start_date=today, **common)
    # Bo: ongoing since last month, active.
    RegistrationFactory(
        person=PersonFactory(forbund=world.forbund, gender="man"),
        start_date=today - 30 * DAY,
        **common,
    )
    # Cissi: registered to start next week, ongoing but not active today.
    RegistrationFactory(
        person=PersonFactory(forbund=world.forbund, gender="kvinna"),
        start_date=today + 7 * DAY,
        **common,
    )
    return {"active": 3, "ongoing": 3}


def test_the_registry_says_what_counts_and_that_a_person_may_count_twice() -> None:
    definition = str(metric_get("active").definition)
    assert definition == str(ACTIVE_DEFINITION)
    assert "Inskrivningar räknas, inte personer" in definition
    assert "räknas två gånger" in definition
    assert "Felregistreringar räknas inte" in definition


def test_every_page_counts_the_same_active_registrations(world: World) -> None:
    today = timezone.localdate()
    expected = _today_world(world, today)
    registry = evaluate(world.intervention, Period(today, today))["active"]["total"]
    figures = intervention_figures(intervention=world.intervention, suppress=False, today=today)
    summary = caseload_summary(actor=world["coach"], today=today)
    assert registry == figures.rows[0].total.value == summary.active == expected["active"]
    # The caseload list itself still holds every ongoing registration (also a later start).
    assert summary.ongoing == expected["ongoing"]


def test_the_start_page_shows_active_today_with_the_definition(
    as_persona: Persona, world: World
) -> None:
    _today_world(world, timezone.localdate())
    body = as_persona("coach").get(reverse("core:start")).content.decode()
    assert "3 aktiva deltagare i dag" in body
    assert str(ACTIVE_DEFINITION) in body


def test_the_caseload_shows_active_today_with_the_definition(
    as_persona: Persona, world: World
) -> None:
    _today_world(world, timezone.localdate())
    body = as_persona("coach").get(reverse("participants:caseload")).content.decode()
    assert "3 aktiva deltagare i dag" in body
    assert str(ACTIVE_DEFINITION) in body


def test_the_intervention_page_shows_the_definition_under_the_figures(
    as_persona: Persona, world: World
) -> None:
    _today_world(world, timezone.localdate())
    url = reverse("interventions:detail", kwargs={"slug": world.intervention.slug})
    body = as_persona("insatsansvarig").get(url).content.decode()
    assert str(ACTIVE_DEFINITION) in body


def test_the_dashboard_shows_the_definition_with_active_over_time(
    as_persona: Persona, world: World
) -> None:
    _today_world(world, timezone.localdate())
    url = reverse("reporting:dashboard", args=[world.intervention.pk])
    body = as_persona("insatsansvarig").get(url).content.decode()
    over_time = body[body.index('id="over-time-heading"') :]
    # On the dashboard the part is a closed <details> section (issue #15, item 4).
    assert str(ACTIVE_DEFINITION) in over_time[: over_time.index("</details>")]
