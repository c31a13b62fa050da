"""Persona tests of every inventory page, the forms and the distribution page."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.assessments.models import ObservationWeek, ProfessionalAssessment, ResourceInventory
from samsyn.assessments.services.inventory import InventoryFields
from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.participants.models import Registration
from samsyn.testing.queries import QueryCount
from samsyn.testing.stale import assert_stale_round_trip

from .setup import (
    ALL_PERSONAS,
    OUTSIDE,
    START,
    WRITERS,
    assessed,
    ended,
    inventory_registration,
    started,
)

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
FORMS = ("observation", "assessment_create", "week_create", "recommendation", "handover")


def _url(name: str, pk: int) -> str:
    return (
        f"/resursinventering/{pk}/"
        + {
            "inventory": "",
            "start": "paborja/",
            "observation": "aktivitetsperiod/",
            "assessment_create": "bedomning/ny/",
            "week_create": "vecka/ny/",
            "recommendation": "rekommendation/",
            "handover": "overlamning/",
        }[name]
    )


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_inventory_page_by_persona(world: World, as_persona: Persona, name: str) -> None:
    inventory = started(inventory_registration(world))
    assessed(inventory)
    response = as_persona(name).get(_url("inventory", inventory.registration_id))
    expected = 404 if name in OUTSIDE else 200
    assert response.status_code == expected
    if expected == 200:
        assert "Nedsatt uthållighet." in response.content.decode()
        assert AuditEvent.objects.filter(detail="Resursinventering visad").exists()


def test_anonymous_is_sent_to_login(world: World) -> None:
    registration = inventory_registration(world)
    response = Client().get(_url("inventory", registration.pk))
    assert response.status_code == 302
    assert "login" in response["Location"] or "logga-in" in response["Location"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_form_pages_by_persona(world: World, as_persona: Persona, name: str, form: str) -> None:
    inventory = started(inventory_registration(world))
    response = as_persona(name).get(_url(form, inventory.registration_id))
    expected = 200 if name in WRITERS else 404 if name in OUTSIDE else 403
    assert response.status_code == expected


def test_handlaggare_post_is_403_and_changes_nothing(world: World, as_persona: Persona) -> None:
    registration = inventory_registration(world)
    response = as_persona("handlaggare").post(_url("start", registration.pk), {"started_on": START})
    assert response.status_code == 403
    assert not ResourceInventory.objects.exists()


def test_intervention_without_method_is_404(world: World, as_persona: Persona) -> None:
    from samsyn.participants.tests.journey_setup import registration_for

    registration = registration_for(world)
    assert as_persona("insatsansvarig").get(_url("inventory", registration.pk)).status_code == 404


def test_whole_flow_through_the_forms(world: World, as_persona: Persona) -> None:
    registration = inventory_registration(world)
    client = as_persona("coach")
    pk = registration.pk
    assert client.post(_url("start", pk), {"started_on": "2026-02-02"}).status_code == 302
    response = client.post(
        _url("observation", pk),
        {
            "version": 1,
            "started_on": "2026-02-02",
            "observation_from": "2026-02-09",
            "observation_to": "2026-05-03",
            "observation_place": "Snickeriet",
        },
    )
    assert response.status_code == 302
    week = {"week_starting": "2026-02-09", "planned_hours": "20", "attended_hours": "15"}
    assert client.post(_url("week_create", pk), week).status_code == 302
    bad = client.post(_url("week_create", pk), week | {"attended_hours": "70"})
    assert "Högst 60 timmar per vecka." in bad.content.decode()
    recommendation = {
        "version": 2,
        "recommendation": "aktivitet",
        "recommended_on": "2026-05-04",
        "recommendation_reasons": "Stabilisera",
    }
    refused = client.post(_url("recommendation", pk), recommendation)
    assert "minst en professionsbedömning" in refused.content.decode()
    assessment = {
        "profession": "lakare",
        "assessor": "Dr A",
        "assessed_on": "2026-02-03",
        "findings": "Ok",
    }
    assert client.post(_url("assessment_create", pk), assessment).status_code == 302
    assert client.post(_url("recommendation", pk), recommendation).status_code == 302
    assert Registration.objects.get(pk=pk).recommendation == "aktivitet"
    stale = client.post(_url("recommendation", pk), recommendation)
    assert "Någon annan har sparat under tiden" in stale.content.decode()
    page = client.get(_url("inventory", pk)).content.decode()
    assert "75 %" in page  # 15 of 20 hours, computed in SQL
    assert ObservationWeek.objects.count() == 1


STALE_FORMS = {
    "observation": ({"started_on": "2026-02-02"}, "observation_place"),
    "recommendation": (
        {"recommendation": "aktivitet", "recommended_on": "2026-05-04"},
        "recommendation_reasons",
    ),
    "handover": ({"handover_on": "2026-05-04"}, "handover_note"),
    "assessment": (
        {"profession": "lakare", "assessor": "Dr Test", "assessed_on": "2026-02-02"},
        "findings",
    ),
}


def _stale_target(world: World, form: str) -> tuple[str, dict[str, object], Callable[[], str]]:
    """The form's URL, what it posts and a reader of its text field as saved."""
    inventory = started(inventory_registration(world))
    assessment = assessed(inventory)
    pk = inventory.registration_id
    data, field = STALE_FORMS[form]
    posted: dict[str, object] = {**data, "version": 1}
    if form == "handover":
        posted["handover_party"] = world.af.pk
        Registration.objects.filter(pk=pk).update(recommendation="aktivitet")
        recommended = datetime.date(2026, 5, 1)
        ResourceInventory.objects.filter(pk=inventory.pk).update(
            recommended_on=recommended, recommendation_reasons="Stabilisera"
        )
    if form == "assessment":
        url = reverse("assessments:assessment_edit", args=[pk, assessment.pk])
        return url, posted, lambda: ProfessionalAssessment.objects.get(pk=assessment.pk).findings

    def current() -> str:
        inventory.refresh_from_db()
        inventory.registration.refresh_from_db()
        return str(getattr(InventoryFields.of(inventory), field))

    return _url(form, pk), posted, current


@pytest.mark.parametrize("form", STALE_FORMS)
def test_stale_save_shows_both_versions(world: World, as_persona: Persona, form: str) -> None:
    url, data, current = _stale_target(world, form)
    client = as_persona("coach")
    client.get(url)
    views = AuditEvent.objects.filter(action="view").count()
    assert_stale_round_trip(
        saver=as_persona("insatsansvarig"),
        client=client,
        url=url,
        data=data,
        field=STALE_FORMS[form][1],
        theirs="Deras text",
        mine="Min text",
        saver_name=world["insatsansvarig"].get_full_name(),
        current=current,
    )
    # The stale post showed the saved record: logged as a read like opening the form (GET).
    assert AuditEvent.objects.filter(action="view").count() == 2 * views


@pytest.mark.parametrize("persona", ["handlaggare", "admin", "outsider"])
def test_stale_save_shows_nothing_to_who_may_not_change_it(
    world: World, as_persona: Persona, persona: str
) -> None:
    url, data, _current = _stale_target(world, "assessment")
    assert as_persona("coach").post(url, {**data, "findings": "Sparat"}).status_code == 302
    response = as_persona(persona).post(url, {**data, "findings": "Mitt"})
    assert response.status_code in (403, 404)
    assert "Sparat" not in response.content.decode()


def test_inventory_page_queries_are_constant(
    world: World, as_persona: Persona, assert_query_count: QueryCount
) -> None:
    inventory = started(
        inventory_registration(world),
        observation_from=datetime.date(2026, 2, 9),
        observation_to=datetime.date(2026, 5, 3),
    )
    client = as_persona("coach")
    url = _url("inventory", inventory.registration_id)
    client.get(url)
    assessed(inventory)
    with assert_query_count(18):
        client.get(url)
    for index in range(10):
        assessed(inventory)
        ObservationWeek.objects.create(
            inventory=inventory,
            week_starting=datetime.date(2026, 2, 9) + datetime.timedelta(weeks=index),
            planned_hours=20,
            attended_hours=10,
        )
    with assert_query_count(18):
        client.get(url)


DISTRIBUTION = "/resursinventering/insats/{pk}/rekommendationer/?fran=2026-01-01&till=2026-12-31"


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_distribution_by_persona(world: World, as_persona: Persona, name: str) -> None:
    inventory_registration(world)
    response = as_persona(name).get(DISTRIBUTION.format(pk=world.intervention.pk))
    allowed = {"admin", "styrgrupp", "insatsansvarig", "coach"}
    assert response.status_code == (200 if name in allowed else 404)


def test_distribution_bad_dates_give_a_message(world: World, as_persona: Persona) -> None:
    inventory_registration(world)
    base = f"/resursinventering/insats/{world.intervention.pk}/rekommendationer/"
    url = base + "?fran=2026-13-01&till=x"
    response = as_persona("admin").get(url)
    assert response.status_code == 200
    assert "standardperioden" in response.content.decode()


def test_distribution_queries_are_constant(
    world: World, as_persona: Persona, assert_query_count: QueryCount
) -> None:
    inventory_registration(world)
    url = DISTRIBUTION.format(pk=world.intervention.pk)
    client = as_persona("insatsansvarig")
    ended(world, "kvinna", "aktivitet", datetime.date(2026, 3, 1))
    client.get(url)
    with assert_query_count(19):
        client.get(url)
    for _index in range(8):
        registration = ended(world, "man", "sjukersattning", datetime.date(2026, 3, 1))
        started(registration)
        registration.end_date = None
        registration.save()
    with assert_query_count(19):
        client.get(url)
