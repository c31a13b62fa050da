"""Phases, ladder steps, indicators, places per municipality and activity types."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.versioning import StaleEditError
from samsyn.interventions import services
from samsyn.interventions.models import ActivityType, Capacity, Intervention, ProgressionIndicator
from samsyn.interventions.services import default_structure_create
from samsyn.interventions.structure import StructureItem
from samsyn.participants.models import IndicatorRating, PhaseChange, StepRecord
from samsyn.participants.tests.factories import RegistrationFactory


@pytest.fixture
def intervention(world: World) -> Intervention:
    default_structure_create(intervention=world.intervention)
    return world.intervention


def _phase_names(intervention: Intervention) -> list[str]:
    return list(intervention.phases.order_by("order").values_list("name", flat=True))


# --- phases, ladder, indicators -----------------------------------------------------------


def test_add_rename_move_and_remove_a_phase(world: World, intervention: Intervention) -> None:
    admin = world["admin"]
    extra = services.structure_item_add(
        actor=admin, intervention=intervention, kind="faser", name="  Efterarbete "
    )
    assert (extra.name, extra.order) == ("Efterarbete", 5)
    services.structure_item_rename(
        actor=admin, item=extra, name="Eftervård", expected_name="Efterarbete"
    )
    services.structure_item_move(actor=admin, item=extra, direction="up", expected_order=5)
    assert _phase_names(intervention) == [
        "Kartläggning",
        "Aktivitet",
        "Prövning",
        "Eftervård",
        "Avslut",
    ]
    first = intervention.phases.get(order=1)
    services.structure_item_remove(actor=admin, item=first)
    assert _phase_names(intervention) == ["Aktivitet", "Prövning", "Eftervård", "Avslut"]
    assert list(intervention.phases.order_by("order").values_list("order", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    details = set(
        AuditEvent.objects.filter(intervention=intervention).values_list("detail", flat=True)
    )
    assert {
        "Fas tillagd: Efterarbete",
        "Fas bytte namn: Eftervård",
        "Fas borttagen: Kartläggning",
    } <= details


def test_moving_the_first_up_changes_nothing(world: World, intervention: Intervention) -> None:
    first = intervention.phases.get(order=1)
    services.structure_item_move(actor=world["admin"], item=first, direction="up", expected_order=1)
    assert _phase_names(intervention)[0] == "Kartläggning"


def test_stale_rename_and_move_are_refused(world: World, intervention: Intervention) -> None:
    phase = intervention.phases.get(order=2)
    with pytest.raises(StaleEditError):
        services.structure_item_rename(
            actor=world["admin"], item=phase, name="Nytt", expected_name="Något annat"
        )
    with pytest.raises(StaleEditError):
        services.structure_item_move(
            actor=world["admin"], item=phase, direction="down", expected_order=1
        )
    assert _phase_names(intervention) == ["Kartläggning", "Aktivitet", "Prövning", "Avslut"]


def test_duplicate_and_empty_names_are_refused(world: World, intervention: Intervention) -> None:
    with pytest.raises(ValidationError) as duplicate:
        services.structure_item_add(
            actor=world["admin"], intervention=intervention, kind="faser", name="aktivitet"
        )
    assert duplicate.value.message_dict["name"] == ["Insatsen har redan en fas med det namnet."]
    with pytest.raises(ValidationError) as empty:
        services.structure_item_add(
            actor=world["admin"], intervention=intervention, kind="stegen", name="   "
        )
    assert empty.value.message_dict["name"] == ["Ange stegets namn."]


def test_items_in_use_cannot_be_removed(world: World, intervention: Intervention) -> None:
    phase = intervention.phases.get(order=1)
    second = intervention.phases.get(order=2)
    step = intervention.ladder_steps.get(order=1)
    indicator = services.structure_item_add(
        actor=world["admin"], intervention=intervention, kind="indikatorer", name="Hälsa"
    )
    assert isinstance(indicator, ProgressionIndicator)
    registration = RegistrationFactory(intervention=intervention, current_phase=phase)
    PhaseChange.objects.create(
        registration=registration, phase=second, entered_on=datetime.date(2026, 3, 1)
    )
    StepRecord.objects.create(
        registration=registration, step=step, recorded_on=datetime.date(2026, 3, 1)
    )
    IndicatorRating.objects.create(
        registration=registration, indicator=indicator, rated_on=datetime.date(2026, 3, 1), score=3
    )
    in_use: list[tuple[StructureItem, str]] = [
        (phase, "Fasen används av deltagare och kan inte tas bort."),
        (second, "Fasen används av deltagare och kan inte tas bort."),
        (step, "Steget används i deltagares bedömningar och kan inte tas bort."),
        (indicator, "Indikatorn har skattningar och kan inte tas bort."),
    ]
    for item, message in in_use:
        with pytest.raises(ValidationError) as caught:
            services.structure_item_remove(actor=world["admin"], item=item)
        assert caught.value.messages == [message]
    assert intervention.phases.count() == 4
    assert intervention.indicators.count() == 1


def test_the_last_phase_stays(world: World, intervention: Intervention) -> None:
    for phase in list(intervention.phases.order_by("order"))[:-1]:
        services.structure_item_remove(actor=world["admin"], item=phase)
    last = intervention.phases.get()
    with pytest.raises(ValidationError) as caught:
        services.structure_item_remove(actor=world["admin"], item=last)
    assert caught.value.messages == ["Insatsen måste ha minst en fas."]


def test_structure_page_marks_items_in_use_and_refuses_removal(
    as_persona: Callable[[str], Client], world: World, intervention: Intervention
) -> None:
    phase = intervention.phases.get(order=1)
    RegistrationFactory(intervention=intervention, current_phase=phase)
    client = as_persona("admin")
    url = reverse("interventions:phases", args=[intervention.pk])
    body = client.get(url).content.decode()
    assert "används" in body
    assert reverse("interventions:phases_remove", args=[intervention.pk, phase.pk]) not in body
    response = client.post(
        reverse("interventions:phases_remove", args=[intervention.pk, phase.pk]),
        {"confirm": "1"},
        follow=True,
    )
    assert "Fasen används av deltagare" in response.content.decode()
    assert intervention.phases.filter(pk=phase.pk).exists()


def test_structure_pages_report_bad_input(
    as_persona: Callable[[str], Client], world: World, intervention: Intervention
) -> None:
    client = as_persona("admin")
    phase = intervention.phases.get(order=1)
    add = client.post(reverse("interventions:ladder", args=[intervention.pk]), {"name": ""})
    assert add.status_code == 200
    assert "Något behöver rättas" in add.content.decode()
    rename = client.post(
        reverse("interventions:phases_rename", args=[intervention.pk, phase.pk]),
        {"name": "", "expected_name": phase.name},
        follow=True,
    )
    assert "Nytt namn:" in rename.content.decode()
    move = client.post(
        reverse("interventions:phases_move", args=[intervention.pk, phase.pk]),
        {"direction": "sidled", "expected_order": "1"},
        follow=True,
    )
    assert move.status_code == 200
    assert _phase_names(intervention) == ["Kartläggning", "Aktivitet", "Prövning", "Avslut"]


def test_moving_through_the_page(
    as_persona: Callable[[str], Client], world: World, intervention: Intervention
) -> None:
    step = intervention.ladder_steps.get(order=1)
    client = as_persona("admin")
    client.post(
        reverse("interventions:ladder_move", args=[intervention.pk, step.pk]),
        {"direction": "down", "expected_order": "1"},
    )
    step.refresh_from_db()
    assert step.order == 2


# --- places per municipality --------------------------------------------------------------


def test_capacity_add_update_remove(world: World) -> None:
    admin = world["admin"]
    capacity = services.capacity_add(
        actor=admin, intervention=world.intervention, municipality_code="1783", places=17
    )
    assert capacity.municipality_code == "1783"
    services.capacity_update(actor=admin, capacity=capacity, places=20, expected_places=17)
    capacity.refresh_from_db()
    assert capacity.places == 20
    with pytest.raises(StaleEditError):
        services.capacity_update(actor=admin, capacity=capacity, places=5, expected_places=17)
    services.capacity_remove(actor=admin, capacity=capacity)
    assert not Capacity.objects.exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("17", "Ange kommunkoden med fyra siffror, till exempel 1780 för Karlstad."),
        ("abcd", "Ange kommunkoden med fyra siffror, till exempel 1780 för Karlstad."),
        ("9999", "Det finns ingen kommun med kommunkoden 9999."),
    ],
)
def test_capacity_refuses_a_bad_municipality(world: World, code: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.capacity_add(
            actor=world["admin"], intervention=world.intervention, municipality_code=code, places=3
        )
    assert caught.value.message_dict["municipality_code"] == [message]
    assert not Capacity.objects.exists()


def test_capacity_accepts_a_name_and_refuses_a_second_row(world: World) -> None:
    admin = world["admin"]
    capacity = services.capacity_add(
        actor=admin, intervention=world.intervention, municipality_code="Hagfors", places=17
    )
    assert capacity.municipality_code == "1783"
    with pytest.raises(ValidationError) as caught:
        services.capacity_add(
            actor=admin, intervention=world.intervention, municipality_code="1783", places=2
        )
    assert "redan platser" in caught.value.message_dict["municipality_code"][0]


def test_capacity_refuses_negative_places(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.capacity_add(
            actor=world["admin"],
            intervention=world.intervention,
            municipality_code="1780",
            places=-1,
        )
    assert caught.value.message_dict["places"] == ["Antalet platser ska vara mellan 0 och 9999."]


def test_capacity_page(as_persona: Callable[[str], Client], world: World) -> None:
    client = as_persona("admin")
    url = reverse("interventions:capacity", args=[world.intervention.pk])
    assert client.post(url, {"municipality_code": "1780", "places": "12"}).status_code == 302
    body = client.get(url).content.decode()
    assert "Karlstad (1780)" in body
    bad = client.post(url, {"municipality_code": "1780", "places": "många"})
    assert bad.status_code == 200
    assert "Något behöver rättas" in bad.content.decode()
    capacity = Capacity.objects.get()
    refused = client.post(
        reverse("interventions:capacity_update", args=[world.intervention.pk, capacity.pk]),
        {"places": "3", "expected_places": "99"},
        follow=True,
    )
    assert "Någon annan har ändrat" in refused.content.decode()
    capacity.refresh_from_db()
    assert capacity.places == 12


# --- activity types -----------------------------------------------------------------------


def test_activity_types_add_rename_deactivate(world: World) -> None:
    admin = world["admin"]
    activity_type = services.activity_type_add(actor=admin, forbund=world.forbund, name="Simning")
    with pytest.raises(ValidationError) as duplicate:
        services.activity_type_add(actor=admin, forbund=world.forbund, name="simning")
    assert duplicate.value.message_dict["name"] == [
        "Förbundet har redan en aktivitetstyp med det namnet."
    ]
    services.activity_type_rename(
        actor=admin, activity_type=activity_type, name="Vattengympa", expected_name="Simning"
    )
    with pytest.raises(StaleEditError):
        services.activity_type_rename(
            actor=admin, activity_type=activity_type, name="Annat", expected_name="Simning"
        )
    services.activity_type_set_active(actor=admin, activity_type=activity_type, active=False)
    activity_type.refresh_from_db()
    assert (activity_type.name, activity_type.is_active) == ("Vattengympa", False)


def test_activity_type_page(as_persona: Callable[[str], Client], world: World) -> None:
    client = as_persona("admin")
    url = reverse("interventions:activity_types", args=[world.intervention.pk])
    assert client.post(url, {"name": "Promenadgrupp"}).status_code == 302
    activity_type = ActivityType.objects.get(forbund=world.forbund, name="Promenadgrupp")
    client.post(
        reverse(
            "interventions:activity_type_deactivate", args=[world.intervention.pk, activity_type.pk]
        )
    )
    activity_type.refresh_from_db()
    assert not activity_type.is_active
    assert "Promenadgrupp" in client.get(url).content.decode()
