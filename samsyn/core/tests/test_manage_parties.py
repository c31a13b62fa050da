"""Parties: create, edit, deactivate, with validation, versioning and audit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.models import Party, PartyKind
from samsyn.core.roles import Role
from samsyn.core.services import organisation
from samsyn.core.tests.factories import ForbundFactory, MembershipFactory, PartyFactory
from samsyn.core.versioning import STALE_EDIT_MESSAGE
from samsyn.testing.queries import QueryCount

CREATE = reverse("manage:party_create")


def _party_data(**overrides: str) -> dict[str, str]:
    data = {
        "kind": PartyKind.KOMMUN,
        "name": "Nyby kommun",
        "organisationsnummer": "2120001876",
        "municipality_code": "1780",
    }
    data.update(overrides)
    return data


def _edit_data(party: Party, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": party.kind,
        "name": party.name,
        "organisationsnummer": party.organisationsnummer,
        # The factories leave kommunkod empty; a kommun must have one to be saved.
        "municipality_code": party.municipality_code or "1780",
        "version": party.version,
    }
    data.update(overrides)
    return data


def test_create_party_normalises_and_audits(
    as_persona: Callable[[str], Client], world: World
) -> None:
    response = as_persona("admin").post(CREATE, _party_data())
    assert response.status_code == 302
    party = Party.objects.get(name="Nyby kommun")
    assert party.forbund == world.forbund
    assert party.organisationsnummer == "212000-1876"
    assert party.municipality_code == "1780"
    event = AuditEvent.objects.get(object_type="core.Party", object_id=str(party.pk))
    assert event.action == "create"
    assert event.actor == world["admin"]
    assert event.forbund_id == world.forbund.pk
    assert event.role == Role.FORBUNDSADMIN
    assert event.detail == "Part skapad"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"organisationsnummer": "212000-1877"}, "Kontrollsiffran stämmer inte."),
        ({"organisationsnummer": "12345"}, "Ange organisationsnumret med tio siffror"),
        ({"organisationsnummer": "191212-1212"}, "Tredje siffran i ett organisationsnummer"),
        ({"name": "Testby kommun"}, "Det finns redan en part med det namnet i förbundet."),
        ({"name": "testby KOMMUN"}, "Det finns redan en part med det namnet i förbundet."),
        ({"municipality_code": ""}, "En kommun ska ha en kommunkod med fyra siffror"),
        ({"municipality_code": "17a0"}, "En kommun ska ha en kommunkod med fyra siffror"),
        (
            {"kind": PartyKind.REGION, "municipality_code": "1780"},
            "Kommunkod anges bara för kommuner.",
        ),
    ],
)
def test_bad_party_input_is_refused_in_swedish(
    as_persona: Callable[[str], Client], world: World, overrides: dict[str, str], message: str
) -> None:
    before = Party.objects.count()
    response = as_persona("admin").post(CREATE, _party_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Party.objects.count() == before
    assert not AuditEvent.objects.filter(object_type="core.Party").exists()


def test_same_name_is_allowed_in_another_forbund(world: World) -> None:
    party = organisation.party_create(
        actor=world["outsider"],
        forbund=world.other_forbund,
        kind=PartyKind.KOMMUN,
        name="Testby kommun",
        organisationsnummer="212000-1876",
        municipality_code="1780",
    )
    assert party.forbund == world.other_forbund


def test_edit_party_bumps_version_and_audits(
    as_persona: Callable[[str], Client], world: World
) -> None:
    party = world.kommun
    url = reverse("manage:party_edit", args=[party.pk])
    response = as_persona("admin").post(url, _edit_data(party, name="Testby stad"))
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.name == "Testby stad"
    assert party.version == 2
    event = AuditEvent.objects.get(object_type="core.Party", action="update")
    assert event.detail == "Part ändrad"


def test_stale_party_edit_is_refused(as_persona: Callable[[str], Client], world: World) -> None:
    party = world.kommun
    stale = _edit_data(party, name="Min ändring")
    Party.objects.filter(pk=party.pk).update(name="Någon annans ändring", version=2)
    response = as_persona("admin").post(reverse("manage:party_edit", args=[party.pk]), stale)
    assert response.status_code == 200
    assert str(STALE_EDIT_MESSAGE) in response.content.decode()
    party.refresh_from_db()
    assert party.name == "Någon annans ändring"
    assert party.version == 2
    assert not AuditEvent.objects.filter(object_type="core.Party").exists()


def test_edit_to_duplicate_name_is_refused(
    as_persona: Callable[[str], Client], world: World
) -> None:
    url = reverse("manage:party_edit", args=[world.kommun.pk])
    response = as_persona("admin").post(url, _edit_data(world.kommun, name="Region Test"))
    assert "Det finns redan en part med det namnet i förbundet." in response.content.decode()
    world.kommun.refresh_from_db()
    assert world.kommun.name == "Testby kommun"


def test_deactivate_and_reactivate_party(as_persona: Callable[[str], Client], world: World) -> None:
    client = as_persona("admin")
    party = world.af
    response = client.post(
        reverse("manage:party_deactivate", args=[party.pk]), {"version": party.version}
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert not party.is_active
    assert Party.objects.filter(pk=party.pk).exists()  # deactivated, never deleted
    client.post(reverse("manage:party_reactivate", args=[party.pk]), {"version": party.version})
    party.refresh_from_db()
    assert party.is_active
    details = list(
        AuditEvent.objects.filter(object_type="core.Party")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == ["Part inaktiverad", "Part återaktiverad"]


def test_stale_deactivation_is_refused(as_persona: Callable[[str], Client], world: World) -> None:
    party = world.af
    response = as_persona("admin").post(
        reverse("manage:party_deactivate", args=[party.pk]),
        {"version": party.version + 5},
        follow=True,
    )
    assert str(STALE_EDIT_MESSAGE) in response.content.decode()
    party.refresh_from_db()
    assert party.is_active


def test_services_refuse_other_forbund(world: World) -> None:
    with pytest.raises(Http404):
        organisation.party_create(
            actor=world["outsider"],
            forbund=world.forbund,
            kind=PartyKind.REGION,
            name="Region Smyg",
            organisationsnummer="232100-0206",
        )
    with pytest.raises(Http404):
        organisation.party_set_active(
            actor=world["outsider"], party=world.kommun, active=False, expected_version=1
        )
    with pytest.raises(Http404):
        organisation.party_update(
            actor=world["coach"],
            party=world.kommun,
            expected_version=1,
            kind=PartyKind.KOMMUN,
            name="Kapad",
            organisationsnummer="212000-1876",
            municipality_code="1780",
        )
    world.kommun.refresh_from_db()
    assert world.kommun.is_active
    assert world.kommun.name == "Testby kommun"


def test_forbund_field_only_for_administrators_of_several(
    as_persona: Callable[[str], Client], world: World
) -> None:
    client = as_persona("admin")
    assert 'name="forbund"' not in client.get(CREATE).content.decode()

    MembershipFactory(user=world["admin"], forbund=world.other_forbund, role=Role.FORBUNDSADMIN)
    assert 'name="forbund"' in client.get(CREATE).content.decode()
    data = _party_data(forbund=str(world.other_forbund.pk), name="Tredjeby kommun")
    assert client.post(CREATE, data).status_code == 302
    assert Party.objects.get(name="Tredjeby kommun").forbund == world.other_forbund

    foreign = ForbundFactory()
    response = client.post(CREATE, _party_data(forbund=str(foreign.pk), name="Smygby kommun"))
    assert response.status_code == 200
    assert "alternativen i listan" in response.content.decode()
    assert not Party.objects.filter(name="Smygby kommun").exists()


def test_party_list_queries_do_not_grow(
    as_persona: Callable[[str], Client],
    world: World,
    assert_query_count: QueryCount,
) -> None:
    client = as_persona("admin")
    with assert_query_count(10):  # the four parties of the persona förbund
        assert client.get(reverse("manage:party_list")).status_code == 200
    PartyFactory.create_batch(26, forbund=world.forbund, kind=PartyKind.KOMMUN)
    assert Party.objects.filter(forbund=world.forbund).count() == 30
    with assert_query_count(10):
        response = client.get(reverse("manage:party_list"))
    assert response.content.decode().count("/forvaltning/parter/") >= 30
