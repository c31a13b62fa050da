"""The API's consents (list, withdrawal, the signed form) and the undoing of an exit."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samsyn.audit.models import AuditAction
from samsyn.conftest import World
from samsyn.participants.models import Consent, PostExitFollowUp, Registration
from samsyn.participants.services.consent import ConsentTerms, consent_create
from samsyn.participants.tests.api_setup import (
    ALL_PERSONAS,
    NOT_FOUND,
    OUTSIDE,
    READ_ONLY,
    STALE,
    ApiClient,
    as_api_fixture,  # noqa: F401 - the as_api fixture
    events,
    events_about,
    field_errors,
)
from samsyn.participants.tests.followup_setup import ended
from samsyn.participants.tests.intake_setup import (
    PDF_BYTES,
    days,
    media_fixture,  # noqa: F401 - the media fixture
    upload,
)
from samsyn.participants.tests.journey_setup import registration_for

pytestmark = pytest.mark.django_db
AsApi = Callable[[str], ApiClient]
STAFF = ("insatsansvarig", "coach")
REFUSED = "Åtkomst nekad: utanför behörighet eller samtycke"


@pytest.fixture
def registration(world: World) -> Registration:
    return registration_for(world)


def _refused_events(world: World, name: str, registration: Registration) -> list[str]:
    return [e.detail for e in events_about(registration, actor=world[name])]


# --- The registration's consents ------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_consent_list_per_persona(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    response = as_api(name).get(f"/registrations/{registration.pk}/consents")
    if name in OUTSIDE:
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
        assert _refused_events(world, name, registration) == [REFUSED]
        return
    if name == "handlaggare":
        # A handläggare never sees the consent records themselves.
        assert response.status_code == 403
        assert response.json() == {"detail": "Samtycken hanteras av insatsens personal."}
        assert _refused_events(world, name, registration) == []
        return
    assert response.status_code == 200
    (consent,) = response.json()
    assert consent["id"] == registration.consent_id
    assert consent["valid_from"] == "2026-01-27"
    assert consent["withdrawn_on"] is None
    assert consent["active"] is True
    assert consent["has_document"] is False
    assert sorted(p["id"] for p in consent["parties"]) == sorted([world.kommun.pk, world.fk.pk])
    viewed = events_about(registration, action=AuditAction.VIEW, actor=world[name])
    assert [e.detail for e in viewed] == ["Samtycken visade (API)"]


# --- Withdrawal -----------------------------------------------------------------------------


def _withdraw(client: ApiClient, consent: Consent, **overrides: object) -> Any:
    body: dict[str, object] = {"withdrawn_on": days(0).isoformat(), "version": consent.version}
    body.update(overrides)
    return client.post(f"/consents/{consent.pk}/withdrawal", body)


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_withdrawal_per_persona(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    consent = registration.consent
    assert consent is not None
    response = _withdraw(as_api(name), consent)
    consent.refresh_from_db()
    if name not in STAFF:
        # As on the page: a consent the caller may not see does not exist for it.
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
        assert consent.withdrawn_on is None
        return
    assert response.status_code == 200
    assert response.json()["withdrawn_on"] == days(0).isoformat()
    assert response.json()["active"] is False
    assert consent.withdrawn_on == days(0)
    updated = events_about(consent, action=AuditAction.UPDATE, actor=world[name])
    assert [e.detail for e in updated] == [f"Samtycke återkallat {days(0).isoformat()}"]
    assert updated[0].participant_ref == registration.person.pseudonym


def test_withdrawal_conflicts_and_bad_input(as_api: AsApi, registration: Registration) -> None:
    coach = as_api("coach")
    consent = registration.consent
    assert consent is not None
    future = _withdraw(coach, consent, withdrawn_on=days(1).isoformat())
    assert field_errors(future) == {"withdrawn_on": "Datumet kan inte ligga i framtiden."}
    early = _withdraw(coach, consent, withdrawn_on="2026-01-01")
    assert field_errors(early) == {
        "withdrawn_on": "Samtycket kan inte återkallas före den dag det började gälla."
    }
    assert field_errors(_withdraw(coach, consent, withdrawn_on="31/12")) == {
        "withdrawn_on": "Ange ett datum som ÅÅÅÅ-MM-DD."
    }
    assert field_errors(_withdraw(coach, consent, version=None)) == {"version": "Ange ett heltal."}
    stale = _withdraw(coach, consent, version=consent.version + 5)
    assert (stale.status_code, stale.json()) == (409, {"detail": STALE})
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    assert _withdraw(coach, consent).status_code == 200
    consent.refresh_from_db()
    again = _withdraw(coach, consent, withdrawn_on=days(-1).isoformat())
    assert again.status_code == 409
    assert again.json() == {"detail": "Samtycket är redan återkallat."}
    consent.refresh_from_db()
    assert consent.withdrawn_on == days(0)


# --- The signed form ------------------------------------------------------------------------


@pytest.fixture
def signed(world: World, registration: Registration, media: Path) -> Consent:
    terms = ConsentTerms(parties=[world.kommun], valid_from=days(-1), document=upload())
    return consent_create(actor=world["insatsansvarig"], terms=terms, registration=registration)


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_document_per_persona(world: World, as_api: AsApi, signed: Consent, name: str) -> None:
    response = as_api(name).get(f"/consents/{signed.pk}/document")
    exports = events(action=AuditAction.EXPORT)
    if name not in STAFF:
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
        assert exports == []
        # #11 item 5: the refusal is logged, naming the consent and nothing from the form.
        refused = events(action=AuditAction.VIEW, actor=world[name])
        assert [(e.detail, e.object_id, e.participant_ref) for e in refused] == [
            ("Åtkomst nekad: samtyckesblankett", str(signed.pk), signed.person.pseudonym)
        ]
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="samtycke-{signed.person.pseudonym}-{days(-1):%Y%m%d}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert [(e.detail, e.actor, e.participant_ref) for e in exports] == [
        ("Samtyckesblankett hämtad", world[name], signed.person.pseudonym)
    ]


def test_document_of_a_consent_without_a_form_is_404(
    as_api: AsApi, registration: Registration
) -> None:
    response = as_api("insatsansvarig").get(f"/consents/{registration.consent_id}/document")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert events(action=AuditAction.EXPORT) == []


def test_consent_list_shows_the_renewal_first(
    as_api: AsApi, registration: Registration, signed: Consent
) -> None:
    first = Consent.objects.exclude(pk=signed.pk).get()
    consents = as_api("coach").get(f"/registrations/{registration.pk}/consents").json()
    assert [(c["id"], c["has_document"]) for c in consents] == [
        (signed.pk, True),
        (first.pk, False),
    ]


# --- Undoing an exit ------------------------------------------------------------------------


@pytest.fixture
def exited(registration: Registration) -> Registration:
    ended(registration, datetime.date(2026, 9, 1))
    registration.refresh_from_db()
    return registration


def _undo(client: ApiClient, registration: Registration, version: object = None) -> Any:
    body = {"version": registration.version if version is None else version}
    return client.post(f"/registrations/{registration.pk}/exit/undo", body)


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_exit_undo_per_persona(
    world: World, as_api: AsApi, exited: Registration, name: str
) -> None:
    response = _undo(as_api(name), exited)
    if name in OUTSIDE:
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
        assert _refused_events(world, name, exited) == [REFUSED]
    elif name == "handlaggare":
        assert (response.status_code, response.json()) == (403, {"detail": READ_ONLY})
    elif name == "coach":
        assert response.status_code == 403
        assert response.json() == {"detail": "Bara insatsansvarig kan ångra ett avslut."}
    if name != "insatsansvarig":
        exited.refresh_from_db()
        assert exited.end_date == datetime.date(2026, 9, 1)
        assert PostExitFollowUp.objects.filter(registration=exited).count() == 2
        return
    assert response.status_code == 200
    assert response.json()["id"] == exited.pk
    exited.refresh_from_db()
    assert exited.end_date is None
    assert exited.exit_reason == ""
    assert not PostExitFollowUp.objects.filter(registration=exited).exists()
    updated = events_about(exited, action=AuditAction.UPDATE, actor=world[name])
    assert [e.detail for e in updated] == ["Avslut ångrat"]


def test_exit_undo_conflicts_and_bad_input(
    world: World, as_api: AsApi, exited: Registration
) -> None:
    lead = as_api("insatsansvarig")
    stale = _undo(lead, exited, version=exited.version + 3)
    assert (stale.status_code, stale.json()) == (409, {"detail": STALE})
    url = f"/registrations/{exited.pk}/exit/undo"
    assert field_errors(lead.post(url, {})) == {"version": "Uppgiften saknas."}
    assert field_errors(lead.post(url, {"version": -1})) == {"version": "Värdet är för litet."}
    follow_up = exited.post_exit_follow_ups.get(months_after=6)
    follow_up.done_on = datetime.date(2026, 11, 1)
    follow_up.reached = False
    follow_up.save()
    recorded = _undo(lead, exited)
    assert recorded.status_code == 409
    assert recorded.json() == {
        "detail": "En efteruppföljning är redan registrerad, så avslutet kan inte ångras."
    }
    exited.refresh_from_db()
    assert exited.end_date is not None


def test_exit_undo_of_an_ongoing_registration_is_a_conflict(
    as_api: AsApi, registration: Registration
) -> None:
    response = _undo(as_api("insatsansvarig"), registration)
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Inskrivningen är inte avslutad."},
    )
