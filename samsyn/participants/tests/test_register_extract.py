"""Register extract (Art. 15) and erasure on request (Art. 17): who may, what is in it,
what is logged, and the second administrator's approval."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World, login_verified
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.participants.models import (
    Activity,
    ErasureRequest,
    JournalNote,
    Person,
    Registration,
)
from samsyn.participants.services.audit import audit_participant
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.participants.tests.intake_setup import media_fixture  # noqa: F401  # fixture
from samsyn.participants.tests.lifecycle_setup import PNR, identified_person, old_file
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db

EXTRACT = "/forvaltning/registerutdrag/"
ERASURE = "/forvaltning/radering/"
LIST_QUERIES = 10
# The request event and the reads are one transaction (a savepoint and its release in a
# test); the file is rendered after it and the delivery event (issue #11).
EXTRACT_QUERIES = 38


def _extract(client: Client, world: World, output: str = "json", pnr: str = PNR) -> HttpResponse:
    data = {"forbund": world.forbund.pk, "personnummer": pnr, "output": output}
    return cast(HttpResponse, client.post(EXTRACT, data))


def test_the_urls_are_named() -> None:
    assert reverse("lifecycle:register_extract") == EXTRACT
    assert reverse("lifecycle:erasure_list") == ERASURE


@pytest.mark.parametrize(
    "persona", ["insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "nobody"]
)
def test_other_roles_get_404(as_persona: Callable[[str], Client], persona: str) -> None:
    client = as_persona(persona)
    assert client.get(EXTRACT).status_code == 404
    assert client.get(ERASURE).status_code == 404
    assert client.post(ERASURE + "1/godkann/", {"version": 1}).status_code == 404


def test_the_admin_sees_the_form(as_persona: Callable[[str], Client]) -> None:
    response = as_persona("admin").get(EXTRACT)
    assert response.status_code == 200
    assert "Personnummer" in response.content.decode()


def test_the_json_extract_holds_everything_and_who_read_it(
    world: World, as_persona: Callable[[str], Client], media: Path
) -> None:
    file = old_file(world)
    audit_participant(
        actor=world["coach"],
        action="view",
        person=file.person,
        intervention=world.intervention,
        obj=file.registration,
        detail="Deltagarsidan visad",
    )
    response = _extract(as_persona("admin"), world)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["found"] is True
    assert data["person"]["fields"]["first_name"] == "Tolvan"
    keys = {section["key"] for section in data["sections"]}
    assert {"registrations", "referrals", "consents", "activities", "journal_notes"} <= keys
    notes = next(s for s in data["sections"] if s["key"] == "journal_notes")
    assert notes["records"][0]["fields"]["text"] == "Känslig anteckning."
    assert any(row["detail"] == "Deltagarsidan visad" for row in data["access_log"])
    assert any(row["who"].startswith("Coach") for row in data["access_log"])


def test_the_request_and_the_delivery_are_logged(
    world: World, as_persona: Callable[[str], Client], media: Path
) -> None:
    file = old_file(world)
    _extract(as_persona("admin"), world, "json")
    events = list(
        AuditEvent.objects.filter(participant_ref=file.person.pseudonym, actor=world["admin"])
        .order_by("id")
        .values_list("action", "detail")
    )
    assert events == [
        ("view", "Registerutdrag begärt (art. 15)"),
        ("export", "Registerutdrag levererat som JSON"),
    ]
    for event in AuditEvent.objects.all():
        assert "1212" not in event.detail


def test_the_pdf_extract(world: World, as_persona: Callable[[str], Client], media: Path) -> None:
    file = old_file(world)
    response = _extract(as_persona("admin"), world, "pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(participant_ref=file.person.pseudonym, action="print").exists()


def test_an_unknown_person_gets_an_extract_saying_so_and_is_logged(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    response = _extract(as_persona("admin"), world)
    data = json.loads(response.content)
    assert data == {**data, "found": False, "person": None, "sections": []}
    assert AuditEvent.objects.filter(detail__contains="inga uppgifter").exists()


def test_another_forbunds_person_is_never_included(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    identified_person(world, forbund=world.other_forbund)
    data = json.loads(_extract(as_persona("admin"), world).content)
    assert data["found"] is False
    # The outsider administers only the other förbund: Testdalen is not a choice.
    response = _extract(as_persona("outsider"), world)
    assert response["Content-Type"].startswith("text/html")
    assert (
        not AuditEvent.objects.filter(detail__startswith="Registerutdrag levererat")
        .exclude(actor=world["admin"])
        .exists()
    )


def test_a_bad_personnummer_gets_a_swedish_message_and_nothing_is_logged(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    client = as_persona("admin")
    before = AuditEvent.objects.count()
    response = _extract(client, world, pnr="19121212-1213")
    assert response.status_code == 200
    assert "Kontrollsiffran stämmer inte." in response.content.decode()
    assert AuditEvent.objects.count() == before


# --- erasure (Art. 17) ----------------------------------------------------------------------


@pytest.fixture
def second_admin(world: World) -> Client:
    user = UserFactory(username="admin2", first_name="Andra")
    MembershipFactory(user=user, forbund=world.forbund, role=Role.FORBUNDSADMIN)
    return login_verified(Client(), user)


def _request(
    client: Client, world: World, pnr: str = PNR, reason: str = "Personen begär det."
) -> HttpResponse:
    data = {"forbund": world.forbund.pk, "personnummer": pnr, "reason": reason}
    return cast(HttpResponse, client.post(ERASURE, data))


def test_erasure_needs_a_second_admin(
    world: World, as_persona: Callable[[str], Client], second_admin: Client, media: Path
) -> None:
    file = old_file(world)
    admin = as_persona("admin")
    assert _request(admin, world).status_code == 302
    request = ErasureRequest.objects.get()
    assert request.status == "pending"
    admin.post(f"{ERASURE}{request.pk}/godkann/", {"version": request.version})
    request.refresh_from_db()
    assert request.status == "pending"
    assert Person.objects.get(pk=file.person.pk).first_name == "Tolvan"
    second_admin.post(f"{ERASURE}{request.pk}/godkann/", {"version": request.version})
    request.refresh_from_db()
    assert request.status == "approved"
    person = Person.objects.get(pk=file.person.pk)
    assert (person.first_name, person.personnummer_index) == ("", "")
    registration = Registration.objects.get(pk=file.registration.pk)
    assert registration.exit_plan == ""
    details = set(AuditEvent.objects.values_list("detail", flat=True))
    assert "Begäran om radering (art. 17)" in details
    assert "Radering godkänd (art. 17)" in details
    assert any(d.startswith("Radering på begäran (art. 17)") for d in details)


def test_a_refused_erasure_changes_nothing_but_is_logged(
    world: World, as_persona: Callable[[str], Client], second_admin: Client, media: Path
) -> None:
    file = old_file(world)
    _request(as_persona("admin"), world)
    request = ErasureRequest.objects.get()
    second_admin.post(f"{ERASURE}{request.pk}/avsla/", {"version": request.version})
    request.refresh_from_db()
    assert request.status == "refused"
    assert Person.objects.get(pk=file.person.pk).first_name == "Tolvan"
    assert AuditEvent.objects.filter(detail="Radering avslagen (art. 17)").exists()


def test_erasure_is_refused_during_an_ongoing_registration(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    person = identified_person(world)
    RegistrationFactory(intervention=world.intervention, person=person)
    response = _request(as_persona("admin"), world)
    assert "pågående inskrivning" in response.content.decode()
    assert not ErasureRequest.objects.exists()


@pytest.mark.parametrize(
    ("pnr", "reason", "message"),
    [
        ("19121212-1213", "Skäl", "Kontrollsiffran stämmer inte."),
        (PNR, "", "Fyll i det här fältet."),
        (PNR, "Skäl", "Förbundet har inga uppgifter om personen"),
    ],
)
def test_bad_erasure_requests_get_a_message(
    world: World, as_persona: Callable[[str], Client], pnr: str, reason: str, message: str
) -> None:
    response = _request(as_persona("admin"), world, pnr, reason)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_an_unknown_decision_is_404(
    world: World, as_persona: Callable[[str], Client], media: Path
) -> None:
    old_file(world)
    _request(as_persona("admin"), world)
    request = ErasureRequest.objects.get()
    assert as_persona("admin").post(f"{ERASURE}{request.pk}/kanske/").status_code == 404
    assert as_persona("outsider").post(f"{ERASURE}{request.pk}/godkann/").status_code == 404


def test_the_list_has_a_constant_number_of_queries(
    world: World, as_persona: Callable[[str], Client], assert_query_count: QueryCount
) -> None:
    client = as_persona("admin")

    def add(n: int) -> None:
        for _ in range(n):
            ErasureRequest.objects.create(
                forbund=world.forbund,
                person=PersonFactory(forbund=world.forbund),
                reason="Skäl",
                requested_by=world["admin"],
            )

    add(1)
    client.get(ERASURE)  # warm up the session and the per-process caches
    with assert_query_count(LIST_QUERIES):
        client.get(ERASURE)
    add(5)
    with assert_query_count(LIST_QUERIES):
        client.get(ERASURE)


def test_the_extract_has_a_constant_number_of_queries(
    world: World, as_persona: Callable[[str], Client], media: Path, assert_query_count: QueryCount
) -> None:
    file = old_file(world)
    client = as_persona("admin")
    _extract(client, world)  # warm up the session and the per-process caches
    with assert_query_count(EXTRACT_QUERIES):
        _extract(client, world)
    for day in (2, 3, 4):
        Activity.objects.create(
            registration=file.registration,
            activity_type=file.activity.activity_type,
            held_on=file.activity.held_on.replace(day=day),
            hours=1,
            recorded_by=world["coach"],
        )
        JournalNote.objects.create(registration=file.registration, author=world["coach"], text="x")
    with assert_query_count(EXTRACT_QUERIES):
        _extract(client, world)


def test_the_list_shows_decided_requests_and_refuses_the_requester(
    world: World, as_persona: Callable[[str], Client], second_admin: Client, media: Path
) -> None:
    file = old_file(world)
    admin = as_persona("admin")
    _request(admin, world)
    request = ErasureRequest.objects.get()
    page = admin.get(ERASURE).content.decode()
    assert file.person.pseudonym in page
    assert "Väntar på en annan förbundsadministratör." in page
    assert "Tolvan" not in page
    response = admin.post(
        f"{ERASURE}{request.pk}/godkann/", {"version": request.version}, follow=True
    )
    assert (
        "En annan förbundsadministratör än den som begärde raderingen" in response.content.decode()
    )
    stale = second_admin.post(f"{ERASURE}{request.pk}/avsla/", {"version": 99}, follow=True)
    assert ErasureRequest.objects.get().status == "pending"
    assert stale.status_code == 200
    second_admin.post(f"{ERASURE}{request.pk}/avsla/", {"version": request.version})
    page = second_admin.get(ERASURE).content.decode()
    assert "Avslagen" in page


def test_a_second_pending_request_for_the_same_person_is_refused(
    world: World, as_persona: Callable[[str], Client], media: Path
) -> None:
    old_file(world)
    admin = as_persona("admin")
    _request(admin, world)
    response = _request(admin, world)
    assert "väntar på godkännande" in response.content.decode()
    assert ErasureRequest.objects.count() == 1
