"""Persona tests of the employer-bank pages: who sees what (404 for everyone else, login
redirect for anonymous), adding through the form, bad input, constant queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.ips.models import Employer, EmployerAgreement, EmployerContact, EmployerContactPerson
from samsyn.ips.services.employers import (
    AgreementFields,
    ContactPersonFields,
    agreement_create,
    contact_person_create,
)
from samsyn.ips.tests.employer_setup import ips_world, make_employer, orgnr
from samsyn.participants.tests.factories import RegistrationFactory
from samsyn.testing.stale import assert_stale_round_trip

__all__ = ["ips_world"]
pytestmark = pytest.mark.django_db
STAFF = ("admin", "insatsansvarig", "coach")
OTHERS = ("handlaggare", "styrgrupp", "granskare", "outsider", "nobody")


def urls(world: World) -> list[str]:
    employer = make_employer(world)
    pk = employer.pk
    return [
        reverse("ips:employer_list"),
        reverse("ips:employer_create"),
        reverse("ips:employer_detail", args=[pk]),
        reverse("ips:employer_edit", args=[pk]),
        reverse("ips:employer_person_create", args=[pk]),
        reverse("ips:employer_agreement_create", args=[pk]),
        reverse("ips:employer_suggestions", args=[pk]),
        reverse("ips:contact_mine"),
    ]


@pytest.mark.parametrize("persona", STAFF)
def test_staff_see_pages(
    ips_world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    for url in urls(ips_world):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", OTHERS)
def test_others_get_404(
    ips_world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    found = urls(ips_world)
    # The outsider administers another förbund: its own (empty) bank is open to it.
    checked = found[2:7] if persona == "outsider" else found
    for url in checked:
        assert client.get(url).status_code == 404, url


def test_anonymous_redirected(ips_world: World) -> None:
    response = Client().get(reverse("ips:employer_list"))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_contact_form_for_coach_only(ips_world: World, as_persona: Callable[[str], Client]) -> None:
    pk = make_employer(ips_world).pk
    url = reverse("ips:employer_contact_create", args=[pk])
    assert as_persona("coach").get(url).status_code == 200
    assert as_persona("admin").get(url).status_code == 404  # works in no IPS intervention


def test_add_employer_through_form(ips_world: World, as_persona: Callable[[str], Client]) -> None:
    client = as_persona("coach")
    data = {
        "name": "Bageriet AB",
        "organisationsnummer": orgnr(9),
        "sni_section": "C",
        "municipality_code": "1780",
        "added_on": "2025-02-01",
    }
    response = client.post(reverse("ips:employer_create"), data)
    employer = Employer.objects.get(name="Bageriet AB")
    assert response.status_code == 302
    assert response["Location"] == reverse("ips:employer_detail", args=[employer.pk])
    again = client.post(reverse("ips:employer_create"), data)
    assert again.status_code == 200
    assert "finns redan" in again.content.decode()
    bad = client.post(reverse("ips:employer_create"), {**data, "organisationsnummer": "abc"})
    assert "Ange organisationsnumret med tio siffror" in bad.content.decode()


def test_log_contact_and_stale_edit(ips_world: World, as_persona: Callable[[str], Client]) -> None:
    employer = make_employer(ips_world)
    client = as_persona("coach")
    response = client.post(
        reverse("ips:employer_contact_create", args=[employer.pk]),
        {
            "contacted_on": "2025-03-03",
            "kind": "besok",
            "intervention": ips_world.intervention.pk,
            "purpose": "Presentation",
        },
    )
    assert response.status_code == 302
    assert EmployerContact.objects.get().coach == ips_world["coach"]
    edit = reverse("ips:employer_edit", args=[employer.pk])
    data = {
        "name": "Ändrat AB",
        "organisationsnummer": employer.organisationsnummer,
        "sni_section": "G",
        "municipality_code": "1780",
        "added_on": "2025-01-15",
        "version": 1,
    }
    stale = assert_stale_round_trip(
        saver=as_persona("admin"),
        client=client,
        url=edit,
        data=data,
        field="name",
        theirs="Ändrat AB",
        mine="Igen AB",
        saver_name=ips_world["admin"].get_full_name(),
        current=lambda: Employer.objects.get(pk=employer.pk).name,
    )
    assert "<title>Ändra arbetsgivare – Ändrat AB" in stale


@pytest.mark.parametrize("form", ["person", "agreement"])
def test_stale_person_and_agreement_edit_show_both_versions(
    ips_world: World, as_persona: Callable[[str], Client], form: str
) -> None:
    employer = make_employer(ips_world)
    admin = ips_world["admin"]
    if form == "person":
        person = contact_person_create(
            actor=admin, employer=employer, fields=ContactPersonFields(name="Anna Chef")
        )
        url = reverse("ips:employer_person_edit", args=[employer.pk, person.pk])
        data = {"name": "Anna Chef", "is_active": "on", "version": "1"}
        field, current = "title", lambda: EmployerContactPerson.objects.get(pk=person.pk).title
    else:
        agreement = agreement_create(
            actor=admin, employer=employer, fields=AgreementFields(status="diskuterad")
        )
        url = reverse("ips:employer_agreement_edit", args=[employer.pk, agreement.pk])
        data = {"status": "diskuterad", "version": "1"}
        field, current = "content", lambda: EmployerAgreement.objects.get(pk=agreement.pk).content
    assert_stale_round_trip(
        saver=as_persona("coach"),
        client=as_persona("insatsansvarig"),
        url=url,
        data=data,
        field=field,
        theirs="Deras text",
        mine="Min text",
        saver_name=ips_world["coach"].get_full_name(),
        current=current,
    )


def test_bad_filters_message_no_500(ips_world: World, as_persona: Callable[[str], Client]) -> None:
    make_employer(ips_world)
    response = as_persona("coach").get(
        reverse("ips:employer_list"), {"bransch": "ZZ", "kommun": "x", "q": "a" * 500}
    )
    assert response.status_code == 200
    assert "Okänd bransch" in response.content.decode()


def test_list_constant_queries(
    ips_world: World, as_persona: Callable[[str], Client], assert_query_count
) -> None:
    client = as_persona("coach")
    make_employer(ips_world, 1)
    with assert_query_count(13):
        client.get(reverse("ips:employer_list"))
    for serial in range(2, 30):
        make_employer(ips_world, serial)
    with assert_query_count(13):
        client.get(reverse("ips:employer_list"))


def test_detail_constant_queries(
    ips_world: World, as_persona: Callable[[str], Client], assert_query_count
) -> None:
    employer = make_employer(ips_world)
    client = as_persona("coach")
    url = reverse("ips:employer_detail", args=[employer.pk])

    def add(count: int) -> None:
        for _ in range(count):
            registration = RegistrationFactory(
                intervention=ips_world.intervention, coach=ips_world["coach"]
            )
            EmployerContact.objects.create(
                employer=employer,
                coach=ips_world["coach"],
                intervention=ips_world.intervention,
                registration=registration,
                contacted_on=datetime.date(2025, 3, 3),
                kind="besok",
                purpose="Besök",
            )

    add(2)
    with assert_query_count(23):
        assert client.get(url).status_code == 200
    add(10)
    with assert_query_count(23):
        client.get(url)


@pytest.mark.parametrize("persona", [*STAFF, "styrgrupp"])
def test_job_development_page(
    ips_world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    response = as_persona(persona).get(reverse("ips:job_development"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Personliga möten med arbetsgivare per vecka" in body
    assert ("Personliga möten per coach och vecka" in body) == (persona != "styrgrupp")


@pytest.mark.parametrize("persona", ["handlaggare", "granskare", "outsider", "nobody"])
def test_job_development_404(
    ips_world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    assert as_persona(persona).get(reverse("ips:job_development")).status_code == 404


def test_job_development_bad_input(ips_world: World, as_persona: Callable[[str], Client]) -> None:
    response = as_persona("coach").get(
        reverse("ips:job_development"),
        {"fran": "2025-13-01", "till": "x", "veckor": "999", "insats": "abc"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ange antal veckor" in body and "Okänd insats" in body


def test_participant_page_scope(ips_world: World, as_persona: Callable[[str], Client]) -> None:
    registration = RegistrationFactory(
        intervention=ips_world.intervention, coach=ips_world["coach"]
    )
    url = reverse("ips:contact_participant", args=[registration.pk])
    response = as_persona("coach").get(url)
    assert response.status_code == 200
    assert "ingen karriärprofil" in response.content.decode()
    for persona in ("admin", "styrgrupp", "granskare", "outsider"):
        assert as_persona(persona).get(url).status_code == 404, persona
