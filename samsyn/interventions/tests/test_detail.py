"""The intervention page: figures against a hand count, who sees names, logging, queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.paginator import Page
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.interventions.models import Capacity
from samsyn.interventions.selectors.detail import InterventionPage
from samsyn.interventions.templatetags.intervention_tags import participant_url
from samsyn.participants.models import Person
from samsyn.participants.selectors.intervention_figures import (
    GenderRow,
    InterventionFigures,
    intervention_figures,
    suppress_parts,
)
from samsyn.participants.selectors.intervention_page import ParticipantList
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.testing.queries import QueryCount

D = datetime.date
TODAY = D(2026, 6, 15)


def _person(world: World, gender: str, kommun: str = "1780") -> Person:
    return PersonFactory(forbund=world.forbund, gender=gender, home_municipality_code=kommun)


@pytest.fixture
def counted(world: World) -> World:
    """A hand-countable intervention; the expected figures are in the tests below."""
    intervention = world.intervention
    Capacity.objects.create(intervention=intervention, municipality_code="1780", places=10)
    Capacity.objects.create(intervention=intervention, municipality_code="1784", places=4)
    anna = _person(world, "kvinna")
    # Anna twice: the earlier registration ended last year and counts in none of the figures
    # (they count registrations, as every report does).
    RegistrationFactory(intervention=intervention, person=anna, start_date=D(2026, 2, 1))
    RegistrationFactory(
        intervention=intervention,
        person=anna,
        start_date=D(2025, 9, 1),
        end_date=D(2025, 12, 31),
        exit_reason="fullfoljt",
    )
    RegistrationFactory(  # Bo: active, started last year
        intervention=intervention, person=_person(world, "man"), start_date=D(2025, 5, 1)
    )
    RegistrationFactory(  # Cissi: ended this year
        intervention=intervention,
        person=_person(world, "kvinna", "1784"),
        start_date=D(2025, 3, 1),
        end_date=D(2026, 3, 1),
        exit_reason="fullfoljt",
    )
    RegistrationFactory(  # David: felregistrering, never counts
        intervention=intervention,
        person=_person(world, "man"),
        start_date=D(2026, 1, 15),
        end_date=D(2026, 2, 1),
        exit_reason="felregistrering",
    )
    RegistrationFactory(  # Eva: starts later this year, not active yet
        intervention=intervention, person=_person(world, "kvinna"), start_date=D(2026, 12, 1)
    )
    RegistrationFactory(  # Filip: active, lives where the intervention has no places
        intervention=intervention, person=_person(world, "man", "1785"), start_date=D(2026, 4, 1)
    )
    RegistrationFactory(  # Gustav: another intervention
        intervention=world.other_intervention, start_date=D(2026, 2, 1)
    )
    return world


def _values(row: GenderRow) -> tuple[int, int, int]:
    return (row.kvinna.value, row.man.value, row.total.value)


def test_figures_match_a_hand_count(counted: World) -> None:
    figures = intervention_figures(intervention=counted.intervention, suppress=False, today=TODAY)
    active, started, ended = figures.rows
    assert _values(active) == (1, 2, 3)  # Anna; Bo, Filip
    assert _values(started) == (2, 1, 3)  # Anna, Eva; Filip (not David)
    assert _values(ended) == (1, 0, 1)  # Cissi (not David)
    occupancy = [(row.code, row.places, row.occupied.value) for row in figures.occupancy]
    assert occupancy == [("1780", 10, 2), ("1784", 4, 0), ("", None, 1)]
    assert figures.occupancy[0].label == "Karlstad (1780)"
    assert all(not cell.hidden for row in figures.rows for cell in (row.kvinna, row.man))


def test_felregistrering_alone_counts_nothing(world: World) -> None:
    RegistrationFactory(
        intervention=world.intervention,
        person=_person(world, "kvinna"),
        start_date=D(2026, 1, 15),
        end_date=D(2026, 2, 1),
        exit_reason="felregistrering",
    )
    figures = intervention_figures(intervention=world.intervention, suppress=False, today=TODAY)
    assert [_values(row) for row in figures.rows] == [(0, 0, 0)] * 3


def test_small_counts_are_suppressed_with_a_secondary_cell() -> None:
    cells, total = suppress_parts([3, 10], 13, suppress=True)
    assert [cell.text for cell in cells] == ["< 5", "dolt"]
    assert total.text == "13"
    cells, total = suppress_parts([2, 1], 3, suppress=True)
    assert [cell.text for cell in cells] + [total.text] == ["< 5", "< 5", "< 5"]
    # Zero is not disclosive and stays visible (docs/small-numbers.md).
    cells, total = suppress_parts([6, 7, 0], 13, suppress=True)
    assert [cell.text for cell in cells] == ["6", "7", "0"]
    # "< 5" + "< 5" = 8 would give both away as 4: the total is hidden too.
    cells, total = suppress_parts([4, 4], 8, suppress=True)
    assert "8" not in [cell.text for cell in cells] + [total.text]
    cells, total = suppress_parts([3, 10], 13, suppress=False)
    assert [cell.text for cell in cells] == ["3", "10"]


def _participants(page: InterventionPage) -> Page:
    """The participant list section (participants/selectors/intervention_page.py) of the page."""
    shown = page.data_of("participants")
    assert isinstance(shown, ParticipantList)
    return shown.participants


def _detail(world: World) -> str:
    return reverse("interventions:detail", kwargs={"slug": world.intervention.slug})


def _active_registrations(world: World, count: int, coach_every: int = 2) -> None:
    start = timezone.localdate() - datetime.timedelta(days=30)
    phase = world.intervention.phases.create(name="Kartläggning", order=1)
    for number in range(count):
        RegistrationFactory(
            intervention=world.intervention,
            person=_person(world, "kvinna" if number % 2 else "man"),
            start_date=start,
            coach=world["coach"] if number % coach_every == 0 else None,
            current_phase=phase,
        )


def test_styrgrupp_sees_suppressed_counts_and_no_names(
    as_persona: Callable[[str], Client], world: World
) -> None:
    _active_registrations(world, 3)
    body = as_persona("styrgrupp").get(_detail(world)).content.decode()
    assert "&lt; 5" in body
    assert "Testsson" not in body
    assert not AuditEvent.objects.filter(detail="Deltagarlista").exists()


@pytest.mark.parametrize("persona", ["admin", "granskare", "handlaggare", "styrgrupp"])
def test_only_staff_of_the_intervention_see_names(
    as_persona: Callable[[str], Client], world: World, persona: str
) -> None:
    _active_registrations(world, 6)
    response = as_persona(persona).get(_detail(world))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Testsson" not in body
    assert "participants-heading" not in body
    assert not AuditEvent.objects.filter(detail="Deltagarlista").exists()


def test_admin_sees_unsuppressed_figures(as_persona: Callable[[str], Client], world: World) -> None:
    _active_registrations(world, 3)
    page = as_persona("admin").get(_detail(world)).context["page"]
    figures = page.data_of("figures")
    assert isinstance(figures, InterventionFigures)
    assert _values(figures.rows[0]) == (1, 2, 3)
    assert not figures.suppressed
    assert page.can_manage and page.data_of("participants") is None


def test_insatsansvarig_sees_everyone_and_each_participant_shown_is_logged(
    as_persona: Callable[[str], Client], world: World
) -> None:
    _active_registrations(world, 4)
    response = as_persona("insatsansvarig").get(_detail(world))
    page = response.context["page"]
    assert _participants(page).paginator.count == 4
    body = response.content.decode()
    assert body.count("Kim Testsson") == 4
    assert "Kartläggning" in body
    events = AuditEvent.objects.filter(detail="Deltagarlista")
    # One event per participant on the page, naming them (one insert).
    assert sorted(e.participant_ref for e in events) == sorted(
        r.person.pseudonym for r in _participants(page).object_list
    )
    for event in events:
        assert (event.actor, event.role, event.action) == (
            world["insatsansvarig"],
            "insatsansvarig",
            "view",
        )
        assert (event.intervention_id, event.forbund_id) == (
            world.intervention.pk,
            world.forbund.pk,
        )


def test_coach_sees_only_own_caseload(as_persona: Callable[[str], Client], world: World) -> None:
    _active_registrations(world, 4)
    page = as_persona("coach").get(_detail(world)).context["page"]
    assert _participants(page).paginator.count == 2
    assert {r.coach_id for r in _participants(page).object_list} == {world["coach"].pk}
    assert AuditEvent.objects.filter(detail="Deltagarlista", role="coach").count() == 2


def test_ended_participants_are_shown_on_request(
    as_persona: Callable[[str], Client], world: World
) -> None:
    RegistrationFactory(
        intervention=world.intervention,
        person=_person(world, "man"),
        start_date=D(2025, 1, 10),
        end_date=D(2025, 6, 1),
        exit_reason="fullfoljt",
    )
    client = as_persona("insatsansvarig")
    assert _participants(client.get(_detail(world)).context["page"]).paginator.count == 0
    shown = client.get(_detail(world), {"visa": "alla"}).context["page"]
    assert _participants(shown).paginator.count == 1


# The intervention page's exact queries per persona, whatever the number of participants.
# Two sections of the applications app (samsyn/applications) add to the base page: "Beslut
# och ansökningar" two queries for everyone (may the viewer read decisions, apply for a
# change) and two (applications, grants) for those who see it; the utilisation section a
# claimant check (not for the insatsansvarig, whose role says it) and three sums for its
# readers (the styrgrupp and the administrator read utilisation; the coach does not).
DETAIL_QUERIES = {"insatsansvarig": 25, "coach": 21, "styrgrupp": 22, "admin": 22}


def _get_detail(
    persona: str,
    count: int,
    as_persona: Callable[[str], Client],
    world: World,
    assert_query_count: QueryCount,
) -> None:
    _active_registrations(world, count, coach_every=1)
    client = as_persona(persona)
    with assert_query_count(DETAIL_QUERIES[persona]):
        assert client.get(_detail(world)).status_code == 200


@pytest.mark.parametrize("persona", ["insatsansvarig", "coach", "styrgrupp", "admin"])
def test_query_count_does_not_grow_with_participants(
    as_persona: Callable[[str], Client],
    world: World,
    assert_query_count: QueryCount,
    persona: str,
) -> None:
    _get_detail(persona, 3, as_persona, world, assert_query_count)
    from samsyn.participants.models import Registration

    Registration.objects.all().delete()
    world.intervention.phases.all().delete()
    _get_detail(persona, 30, as_persona, world, assert_query_count)


def test_participant_rows_link_to_the_participant_page(
    as_persona: Callable[[str], Client], world: World
) -> None:
    _active_registrations(world, 1)
    registration = world.intervention.registrations.get()
    body = as_persona("insatsansvarig").get(_detail(world)).content.decode()
    assert f'href="{participant_url(registration.pk)}"' in body
    assert participant_url(registration.pk) == reverse(
        "participants:registration_detail", kwargs={"pk": registration.pk}
    )


def test_participant_url_is_empty_while_the_page_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.urls import NoReverseMatch

    from samsyn.interventions.templatetags import intervention_tags

    def missing(*args: object, **kwargs: object) -> str:
        raise NoReverseMatch("participants:registration_detail")

    monkeypatch.setattr(intervention_tags, "reverse", missing)
    assert intervention_tags.participant_url(1) == ""
