"""Creating and editing interventions through the services (and the pages that call them)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.versioning import StaleEditError
from samsyn.interventions import services
from samsyn.interventions.defaults import DEFAULT_LADDER
from samsyn.interventions.models import ActivityType, Intervention, Orientation
from samsyn.interventions.services import InterventionFields
from samsyn.testing.stale import assert_stale_round_trip


def _fields(world: World, **overrides: Any) -> InterventionFields:
    values: dict[str, Any] = {
        "name": "Steget vidare",
        "slug": "steget-vidare",
        "owner_party": world.kommun,
        "partner_parties": [world.fk, world.af],
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2027, 12, 31),
        "last_intake_date": datetime.date(2027, 6, 30),
        "status": "beviljad",
        "methods": ["mi_stegforflyttning"],
        "min_age": 18,
        "max_age": 64,
        "min_parties_current": 2,
        "exclusions": "Pågående missbruk",
    }
    values.update(overrides)
    return InterventionFields(**values)


def _create(world: World, **overrides: Any) -> Intervention:
    return services.intervention_create(
        actor=world["admin"],
        forbund=world.forbund,
        orientation=Orientation.INDIVIDINRIKTAD,
        fields=_fields(world, **overrides),
    )


# --- create -------------------------------------------------------------------------------


def test_create_stores_the_fields_and_the_default_structure(world: World) -> None:
    intervention = _create(world)
    assert intervention.orientation == "individinriktad"
    assert set(intervention.partner_parties.all()) == {world.fk, world.af}
    phases = list(intervention.phases.values_list("name", "order"))
    assert phases == [("Kartläggning", 1), ("Aktivitet", 2), ("Prövning", 3), ("Avslut", 4)]
    steps = list(intervention.ladder_steps.values_list("order", flat=True))
    assert steps == list(range(1, len(DEFAULT_LADDER) + 1))
    assert intervention.ladder_steps.get(order=1).name == "Ej aktuell för arbetsinriktade insatser"
    assert intervention.ladder_steps.get(order=7).name == "Arbete eller studier"
    assert not intervention.indicators.exists()
    # The fourteen of DEFAULT_ACTIVITY_TYPES and the five of IPS_ACTIVITY_TYPES, each saying
    # which interventions offer it (test_method_structure.py).
    assert ActivityType.objects.filter(forbund=world.forbund).count() == 19
    event = AuditEvent.objects.get(action="create", object_id=str(intervention.pk))
    assert event.intervention_id == intervention.pk and event.role == "forbundsadministrator"


def test_defaults_are_stored_in_swedish_whatever_the_language(world: World) -> None:
    with translation.override("en"):
        intervention = _create(world, methods=["bip"])
    assert intervention.phases.get(order=1).name == "Kartläggning"
    assert intervention.indicators.get(order=1).name == "Hantera hälsan"
    assert intervention.indicators.count() == 7


def test_activity_types_are_only_added_when_the_forbund_has_none(world: World) -> None:
    ActivityType.objects.create(forbund=world.forbund, name="Egen typ")
    _create(world)
    assert list(
        ActivityType.objects.filter(forbund=world.forbund).values_list("name", flat=True)
    ) == ["Egen typ"]


def test_create_refuses_bad_input_with_swedish_messages(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _create(
            world,
            name=" ",
            slug="Inte OK!",
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 1, 1),
            min_age=15,
            max_age=101,
            min_parties_current=9,
            follow_up_interval_weeks=0,
            methods=["trolleri"],
            partner_parties=[world.kommun],
        )
    errors = caught.value.message_dict
    assert errors["name"] == ["Ange insatsens namn."]
    assert "små bokstäver" in errors["slug"][0]
    assert errors["end_date"] == ["Slutdatum kan inte vara före startdatum."]
    assert errors["min_age"] == ["Lägsta ålder ska vara mellan 16 och 100 år."]
    assert errors["max_age"] == ["Högsta ålder ska vara mellan 16 och 100 år."]
    assert "0 och 4" in errors["min_parties_current"][0]
    assert "1 och 52" in errors["follow_up_interval_weeks"][0]
    assert errors["methods"] == ["Okänd metod: trolleri."]
    assert "samverkanspart" in errors["partner_parties"][0]
    assert (
        not Intervention.objects.filter(forbund=world.forbund)
        .exclude(pk=world.intervention.pk)
        .exists()
    )


def test_create_refuses_a_taken_slug_an_all_digit_slug_and_a_foreign_party(
    world: World,
) -> None:
    with pytest.raises(ValidationError) as taken:
        _create(world, slug=world.other_intervention.slug)
    assert "används redan" in taken.value.message_dict["slug"][0]
    with pytest.raises(ValidationError) as digits:
        _create(world, slug="2026")
    assert "minst en bokstav" in digits.value.message_dict["slug"][0]
    with pytest.raises(ValidationError) as foreign:
        _create(world, owner_party=world.other_party)
    assert "insatsägare" in foreign.value.message_dict["owner_party"][0]


def test_age_range_the_wrong_way_round(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _create(world, min_age=40, max_age=30)
    assert caught.value.message_dict["max_age"] == [
        "Högsta ålder kan inte vara lägre än lägsta ålder."
    ]


def test_last_intake_outside_the_period(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _create(world, last_intake_date=datetime.date(2028, 1, 1))
    assert caught.value.message_dict["last_intake_date"] == [
        "Sista intag kan inte vara efter slutdatum."
    ]


def test_only_the_forbunds_admin_creates(world: World) -> None:
    for persona in ("outsider", "insatsansvarig", "styrgrupp"):
        with pytest.raises(Http404):
            services.intervention_create(
                actor=world[persona],
                forbund=world.forbund,
                orientation="individinriktad",
                fields=_fields(world),
            )


# --- update -------------------------------------------------------------------------------


def test_update_is_versioned(world: World) -> None:
    intervention = _create(world)
    version = intervention.version
    services.intervention_update(
        actor=world["admin"],
        intervention=intervention,
        expected_version=version,
        fields=_fields(world, name="Steget vidare 2"),
    )
    intervention.refresh_from_db()
    assert (intervention.name, intervention.version) == ("Steget vidare 2", version + 1)
    stale = Intervention.objects.get(pk=intervention.pk)
    with pytest.raises(StaleEditError):
        services.intervention_update(
            actor=world["admin"],
            intervention=stale,
            expected_version=version,
            fields=_fields(world, name="Gammal vy", partner_parties=[]),
        )
    intervention.refresh_from_db()
    assert intervention.name == "Steget vidare 2"
    assert intervention.partner_parties.count() == 2


def test_inriktning_cannot_change(world: World) -> None:
    intervention = _create(world)
    with pytest.raises(ValidationError) as caught:
        services.intervention_update(
            actor=world["admin"],
            intervention=intervention,
            expected_version=intervention.version,
            fields=_fields(world, name="Byter inte"),
            orientation=Orientation.STRUKTUROVERGRIPANDE,
        )
    assert "Inriktningen kan inte ändras" in caught.value.message_dict["orientation"][0]
    intervention.refresh_from_db()
    assert intervention.orientation == "individinriktad"
    assert intervention.name == "Steget vidare"


def test_adding_bip_later_gives_the_bip_indicators(world: World) -> None:
    intervention = _create(world)
    services.intervention_update(
        actor=world["admin"],
        intervention=intervention,
        expected_version=intervention.version,
        fields=_fields(world, methods=["bip", "ips"]),
    )
    intervention.refresh_from_db()
    assert intervention.methods == ["ips", "bip"]
    assert intervention.indicators.count() == 7


# --- through the pages --------------------------------------------------------------------


def _post_data(world: World, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Sidinsatsen",
        "slug": "sidinsatsen",
        "orientation": "individinriktad",
        "owner_party": world.kommun.pk,
        "partner_parties": [world.fk.pk],
        "start_date": "2026-02-01",
        "end_date": "",
        "last_intake_date": "",
        "status": "pagaende",
        "methods": ["ips"],
        "min_age": "18",
        "max_age": "64",
        "min_parties_current": "0",
        "exclusions": "",
        "follow_up_interval_weeks": "8",
    }
    data.update(overrides)
    return data


def test_create_page_creates_and_redirects_to_the_intervention(
    as_persona: Callable[[str], Client], world: World
) -> None:
    response = as_persona("admin").post(reverse("interventions:create"), _post_data(world))
    intervention = Intervention.objects.get(slug="sidinsatsen")
    assert response.status_code == 302
    assert response["Location"] == reverse("interventions:detail", kwargs={"pk": intervention.pk})
    assert intervention.methods == ["ips"]
    assert intervention.phases.count() == 5  # IPS: the IPS phases (test_method_structure.py)


def test_create_page_shows_errors_and_stores_nothing(
    as_persona: Callable[[str], Client], world: World
) -> None:
    data = _post_data(world, start_date="inte ett datum", min_age="12", slug="Ä Ö")
    response = as_persona("admin").post(reverse("interventions:create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Något behöver rättas" in body
    assert not Intervention.objects.filter(name="Sidinsatsen").exists()


def test_edit_page_shows_inriktning_read_only_and_refuses_a_posted_change(
    as_persona: Callable[[str], Client], world: World
) -> None:
    client = as_persona("admin")
    intervention = world.intervention
    url = reverse("interventions:edit", args=[intervention.pk])
    body = client.get(url).content.decode()
    assert 'name="orientation"' not in body
    assert "Individinriktad" in body
    data = _post_data(
        world,
        name="Testinsatsen",
        slug=intervention.slug,
        version=intervention.version,
        orientation="strukturovergripande",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Inriktningen kan inte ändras" in response.content.decode()
    intervention.refresh_from_db()
    assert intervention.orientation == "individinriktad"


def test_edit_page_shows_both_versions_on_a_stale_save(
    as_persona: Callable[[str], Client], world: World
) -> None:
    intervention = world.intervention
    data = _post_data(world, name="Nytt namn", slug=intervention.slug, version=intervention.version)
    data.pop("orientation")
    stale = assert_stale_round_trip(
        saver=as_persona("admin"),
        client=as_persona("admin"),
        url=reverse("interventions:edit", args=[intervention.pk]),
        data=data,
        field="name",
        theirs="Nytt namn",
        mine="Ännu ett namn",
        saver_name=world["admin"].get_full_name(),
        current=lambda: Intervention.objects.get(pk=intervention.pk).name,
    )
    # The heading names the intervention as saved, not as the refused save had it.
    assert "Ändra insats: Nytt namn" in stale


def test_edit_page_saves_the_structured_criteria(
    as_persona: Callable[[str], Client], world: World
) -> None:
    """Issue #10 item 9: the criteria are set on the intervention and shown on its page."""
    client = as_persona("admin")
    intervention = world.intervention
    url = reverse("interventions:edit", args=[intervention.pk])
    assert 'name="requires_lss_daily_activity"' in client.get(url).content.decode()
    data = _post_data(
        world, name="Testinsatsen", slug=intervention.slug, version=intervention.version
    )
    data.pop("orientation")
    data.update(requires_lss_daily_activity="on", requires_income_from_party="on")
    assert client.post(url, data).status_code == 302
    intervention.refresh_from_db()
    assert intervention.requires_lss_daily_activity
    assert intervention.requires_income_from_party
    assert not intervention.requires_current_in_psychiatry
    assert intervention.required_criteria == [
        "Personen ska ha ett LSS-beslut om daglig verksamhet.",
        "Personens försörjning ska komma från en av de anvisande parterna.",
    ]
    page = client.get(reverse("interventions:detail", args=[intervention.slug]))
    assert "Personen ska ha ett LSS-beslut om daglig verksamhet." in page.content.decode()
