"""An intervention's methods decide its phases, ladder and activity types (issue #10).

IPS and Supported Employment place first and train on the job (seed 000: "arbetsplacering
föregår utbildning"; seed 003: "istället för att stegvis träna förmågan"): they get the IPS
template, with no prevocational rung and no arbetsträning or praktik. Other methods keep the
step-by-step template of REBUS.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.interventions import services
from samsyn.interventions.models import ActivityType, Intervention, Orientation
from samsyn.interventions.services import InterventionFields

pytestmark = pytest.mark.django_db

IPS_PHASES = [
    "Inskrivning och engagemang",
    "Karriärprofil",
    "Jobbsökande och arbetsgivarkontakter",
    "I arbete eller studier med fortlöpande stöd",
    "Avslut",
]
IPS_LADDER = [
    "Engagemang och karriärprofil",
    "Aktivt jobbsökande",
    "Arbetsgivarkontakt för deltagaren",
    "Arbete eller studier påbörjade",
    "Behållit arbete eller studier i minst 13 veckor",
]
REBUS_PHASES = ["Kartläggning", "Aktivitet", "Prövning", "Avslut"]
TRAIN_THEN_PLACE = {"Kartläggning", "Social träning", "Arbetsprövning", "Arbetsträning", "Praktik"}


def _fields(world: World, methods: list[str], slug: str = "insatsen") -> InterventionFields:
    return InterventionFields(
        name=f"Insats {slug}",
        slug=slug,
        owner_party=world.kommun,
        start_date=datetime.date(2026, 1, 1),
        methods=methods,
    )


def _create(world: World, methods: list[str], slug: str = "insatsen") -> Intervention:
    return services.intervention_create(
        actor=world["admin"],
        forbund=world.forbund,
        orientation=Orientation.INDIVIDINRIKTAD,
        fields=_fields(world, methods, slug),
    )


def _update(world: World, intervention: Intervention, methods: list[str]) -> Intervention:
    intervention.refresh_from_db()
    return services.intervention_update(
        actor=world["admin"],
        intervention=intervention,
        expected_version=intervention.version,
        fields=_fields(world, methods, intervention.slug),
    )


def _phases(intervention: Intervention) -> list[str]:
    return list(intervention.phases.order_by("order").values_list("name", flat=True))


def _ladder(intervention: Intervention) -> list[str]:
    return list(intervention.ladder_steps.order_by("order").values_list("name", flat=True))


def _approaches(world: World) -> dict[str, str]:
    return dict(ActivityType.objects.filter(forbund=world.forbund).values_list("name", "approach"))


@pytest.mark.parametrize("methods", [["ips"], ["supported_employment"], ["ips", "bip"]])
def test_an_ips_intervention_gets_the_ips_structure(world: World, methods: list[str]) -> None:
    intervention = _create(world, methods)
    assert _phases(intervention) == IPS_PHASES
    assert _ladder(intervention) == IPS_LADDER
    assert not {"Arbetsträning eller praktik", "Arbetsförberedande aktivitet"} & set(
        _ladder(intervention)
    )
    # BIP still adds its indicators; the way of working stays IPS.
    assert intervention.indicators.count() == (7 if "bip" in methods else 0)


@pytest.mark.parametrize("methods", [["mi_stegforflyttning"], ["resursinventering"], []])
def test_other_methods_keep_the_step_by_step_structure(world: World, methods: list[str]) -> None:
    intervention = _create(world, methods)
    assert _phases(intervention) == REBUS_PHASES
    assert _ladder(intervention)[4] == "Arbetsträning eller praktik"
    assert len(_ladder(intervention)) == 7


def test_an_ips_intervention_offers_ips_activities_and_never_train_then_place(
    world: World,
) -> None:
    ips = _create(world, ["ips"])
    approaches = _approaches(world)
    ips_only = {name for name, approach in approaches.items() if approach == "ips"}
    assert ips_only == {
        "Karriärprofil",
        "Jobbmatchning",
        "Jobbsökande med coach",
        "Fortlöpande stöd i arbete eller studier",
        "Samverkan med behandlingsteamet",
    }
    assert {name for name, a in approaches.items() if a == "stegvis"} == TRAIN_THEN_PLACE
    for shared in ("Arbetsgivarkontakt", "Studie- och yrkesvägledning", "Motiverande samtal"):
        assert approaches[shared] == "alla"
    assert ips.activity_approaches == ("alla", "ips")
    rebus = _create(world, ["mi_stegforflyttning"], slug="rebus")
    assert rebus.activity_approaches == ("alla", "stegvis")


def test_an_ips_intervention_adds_the_ips_types_to_a_forbund_that_lacks_them(
    world: World,
) -> None:
    # A förbund whose list predates the IPS types (its own list is otherwise left alone).
    ActivityType.objects.create(forbund=world.forbund, name="Karriärprofil", approach="alla")
    ActivityType.objects.create(forbund=world.forbund, name="Praktik", approach="stegvis")
    _create(world, ["mi_stegforflyttning"], slug="rebus")
    assert set(_approaches(world)) == {"Karriärprofil", "Praktik"}
    _create(world, ["ips"])
    _create(world, ["supported_employment"], slug="se")
    approaches = _approaches(world)
    assert len(approaches) == 6 and approaches["Karriärprofil"] == "alla"  # not twice


def test_adding_ips_to_an_untouched_intervention_gives_it_the_ips_structure(
    world: World,
) -> None:
    intervention = _create(world, ["mi_stegforflyttning"])
    _update(world, intervention, ["ips"])
    assert _phases(intervention) == IPS_PHASES and _ladder(intervention) == IPS_LADDER
    assert "ips" in _approaches(world).values()
    event = AuditEvent.objects.filter(action="update", object_id=str(intervention.pk)).get()
    assert "faser och stege efter metoden" in event.detail
    _update(world, intervention, ["mi_stegforflyttning"])
    assert _phases(intervention) == REBUS_PHASES


def test_a_structure_someone_edited_is_kept_when_the_methods_change(world: World) -> None:
    intervention = _create(world, ["mi_stegforflyttning"])
    services.structure_item_rename(
        actor=world["admin"],
        item=intervention.phases.get(order=1),
        name="Inledning",
        expected_name="Kartläggning",
    )
    _update(world, intervention, ["ips"])
    assert _phases(intervention) == ["Inledning", *REBUS_PHASES[1:]]
    assert len(_ladder(intervention)) == 7


# --- activity types: which interventions offer them ----------------------------------------


def test_activity_type_add_and_set_approach(world: World) -> None:
    admin = world["admin"]
    kind = services.activity_type_add(
        actor=admin, forbund=world.forbund, name="Arbetsplatsbesök", approach="ips"
    )
    assert kind.approach == "ips"
    services.activity_type_set_approach(actor=admin, activity_type=kind, approach="stegvis")
    kind.refresh_from_db()
    assert kind.approach == "stegvis"
    event = AuditEvent.objects.filter(object_id=str(kind.pk), action="update").get()
    assert event.detail == "Aktivitetstyp gäller stegvisa insatser (inte ips): Arbetsplatsbesök"
    with pytest.raises(ValidationError) as caught:
        services.activity_type_set_approach(actor=admin, activity_type=kind, approach="x")
    assert caught.value.message_dict == {
        "approach": ["Välj vilka insatser aktivitetstypen gäller."]
    }


def test_activity_type_page_shows_and_changes_the_approach(
    as_persona: Callable[[str], Client], world: World
) -> None:
    kind = ActivityType.objects.create(forbund=world.forbund, name="Praktik", approach="stegvis")
    url = reverse("interventions:activity_types", args=[world.intervention.pk])
    client = as_persona("admin")
    page = client.get(url).content.decode()
    assert "Stegvisa insatser (inte IPS)" in page and "arbetsträning och praktik" in page
    change = reverse("interventions:activity_type_approach", args=[world.intervention.pk, kind.pk])
    assert client.post(change, {"approach": "alla"}).status_code == 302
    kind.refresh_from_db()
    assert kind.approach == "alla"
    client.post(change, {"approach": "nonsens"})
    kind.refresh_from_db()
    assert kind.approach == "alla"
    client.post(url, {"name": "Jobbcoachning på plats", "approach": "ips"})
    assert ActivityType.objects.get(name="Jobbcoachning på plats").approach == "ips"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 302),
        ("insatsansvarig", 404),
        ("coach", 404),
        ("handlaggare", 404),
        ("styrgrupp", 404),
        ("granskare", 404),
        ("outsider", 404),
    ],
)
def test_only_the_admin_changes_the_approach(
    as_persona: Callable[[str], Client], world: World, persona: str, status: int
) -> None:
    kind = ActivityType.objects.create(forbund=world.forbund, name="Praktik", approach="stegvis")
    change = reverse("interventions:activity_type_approach", args=[world.intervention.pk, kind.pk])
    response: Any = as_persona(persona).post(change, {"approach": "alla"})
    assert response.status_code == status
    kind.refresh_from_db()
    assert kind.approach == ("alla" if status == 302 else "stegvis")


def test_the_migration_marks_a_forbunds_existing_train_first_types(world: World) -> None:
    migration = import_module("samsyn.interventions.migrations.0011_activitytype_train_then_place")
    for name in ("Praktik", "Arbetsträning", "Motiverande samtal", "Egen praktikvariant"):
        ActivityType.objects.create(forbund=world.forbund, name=name)
    migration.mark_train_then_place(django_apps, None)
    assert _approaches(world) == {
        "Praktik": "stegvis",
        "Arbetsträning": "stegvis",
        "Motiverande samtal": "alla",
        "Egen praktikvariant": "alla",  # a förbund's own name: its administrator decides
    }
