"""Issue #10 item 10: a consent names other recipients than the parties (seed 001: "för att
kontakta tidigare arbetsplatser, praktiker, skolor och arbetsgivare"; IFO, LSS-handläggare),
and the contact log allows a contact only with a recipient an active consent covers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.participants.models import (
    Consent,
    ConsentRecipient,
    ParticipantContact,
    Registration,
)
from samsyn.participants.selectors.consents import consent_covers
from samsyn.participants.services.consent import (
    ConsentTerms,
    RecipientTerm,
    validate_consent_terms,
)
from samsyn.participants.services.contacts import ContactEntry, participant_contact_create
from samsyn.participants.tests.intake_setup import (
    consent_for,
    days,
    media_fixture,  # noqa: F401 - the media fixture
    referral_of,
    registered,
    upload,
)

ALL = ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "outsider"]
WRITERS = {"insatsansvarig", "coach"}
NOT_COVERED = "Personens samtycke omfattar inte kontakt med"


# --- The consent ---------------------------------------------------------------------------


@pytest.mark.usefixtures("media")
def test_the_consent_form_records_other_recipients(
    world: World, as_persona: Callable[[str], Client], media: Path
) -> None:
    referral = referral_of(world)
    url = reverse("participants:referral_consent_create", args=[referral.pk])
    data = {
        "parties": [world.fk.pk],
        "valid_from": days(0).isoformat(),
        "document": upload(),
        "recipients_tidigare_arbetsgivare": "ICA Kvantum Landskrona\n\n Bageriet ",
        "recipients_kommunal_enhet": "LSS-handläggare Landskrona stad",
    }
    response = as_persona("coach").post(url, data)
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert sorted((r.category, r.name) for r in consent.recipients.all()) == [
        ("kommunal_enhet", "LSS-handläggare Landskrona stad"),
        ("tidigare_arbetsgivare", "Bageriet"),
        ("tidigare_arbetsgivare", "ICA Kvantum Landskrona"),
    ]


@pytest.mark.usefixtures("media")
def test_a_consent_with_only_other_recipients_is_allowed_but_not_an_empty_one(
    world: World, as_persona: Callable[[str], Client], media: Path
) -> None:
    referral = referral_of(world)
    url = reverse("participants:referral_consent_create", args=[referral.pk])
    base = {"valid_from": days(0).isoformat(), "document": upload()}
    response = as_persona("coach").post(url, base)
    assert "Välj minst en part eller mottagare som samtycket gäller." in response.content.decode()
    assert not Consent.objects.exists()
    response = as_persona("coach").post(
        url, {**base, "document": upload(), "recipients_skola": "Komvux Landskrona"}
    )
    assert response.status_code == 302
    assert ConsentRecipient.objects.get().name == "Komvux Landskrona"


def test_recipient_terms_are_validated(world: World) -> None:
    terms = ConsentTerms(
        parties=[],
        valid_from=days(0),
        recipients=[
            RecipientTerm(category="okand", name="X"),
            RecipientTerm(category="skola", name=" "),
            RecipientTerm(category="skola", name="Särvux"),
            RecipientTerm(category="skola", name="särvux"),
        ],
    )
    with pytest.raises(ValidationError) as error:
        validate_consent_terms(intervention=world.intervention, terms=terms)
    assert error.value.message_dict["recipients"] == [
        "Okänt slag av mottagare.",
        "Ange mottagarens namn.",
        "Mottagaren särvux står med två gånger.",
    ]


def test_the_api_lists_the_recipients(world: World, as_persona: Callable[[str], Client]) -> None:
    referral = referral_of(world)
    consent = consent_for(referral, parties=[world.fk])
    ConsentRecipient.objects.create(consent=consent, category="arbetsgivare", name="Kyrkogården")
    registration = registered(referral, consent=consent, coach=world["coach"])
    response = as_persona("coach").get(f"/api/v1/registrations/{registration.pk}/consents")
    assert response.status_code == 200
    assert response.json()[0]["recipients"] == [{"category": "arbetsgivare", "name": "Kyrkogården"}]


# --- What the consent covers ----------------------------------------------------------------


def _registration(world: World, **consent_kwargs: object) -> Registration:
    referral = referral_of(world)
    consent = consent_for(referral, parties=[world.fk], **consent_kwargs)  # type: ignore[arg-type]
    ConsentRecipient.objects.create(
        consent=consent, category="tidigare_arbetsgivare", name="ICA Kvantum Landskrona"
    )
    return registered(referral, consent=consent, coach=world["coach"])


def test_coverage_by_party_and_by_named_recipient(world: World) -> None:
    registration = _registration(world)
    on = days(0)
    assert consent_covers(registration=registration, on=on, party=world.fk)
    assert not consent_covers(registration=registration, on=on, party=world.af)
    assert consent_covers(
        registration=registration,
        on=on,
        category="tidigare_arbetsgivare",
        name=" ica kvantum landskrona ",
    )
    assert not consent_covers(
        registration=registration, on=on, category="arbetsgivare", name="ICA Kvantum Landskrona"
    )
    assert not consent_covers(
        registration=registration, on=on, category="tidigare_arbetsgivare", name="Bageriet"
    )


def test_a_withdrawn_or_expired_consent_covers_nobody_after_it_ends(world: World) -> None:
    registration = _registration(world, withdrawn_on=days(-5))
    assert consent_covers(registration=registration, on=days(-6), party=world.fk)
    assert not consent_covers(registration=registration, on=days(-5), party=world.fk)


# --- The contact log ------------------------------------------------------------------------


def _entry(**fields: object) -> ContactEntry:
    values: dict[str, object] = {"contacted_on": days(-1), "purpose": "Referens från praktiken."}
    values.update(fields)
    return ContactEntry(**values)  # type: ignore[arg-type]


def test_a_contact_with_a_covered_recipient_is_logged_and_audited(world: World) -> None:
    registration = _registration(world)
    contact = participant_contact_create(
        actor=world["coach"],
        registration=registration,
        entry=_entry(category="tidigare_arbetsgivare", name="ICA Kvantum Landskrona"),
    )
    assert contact.recipient_label == (
        "Tidigare arbetsgivare eller arbetsplats: ICA Kvantum Landskrona"
    )
    event = AuditEvent.objects.filter(object_type="participants.ParticipantContact").get()
    assert event.detail == "Kontakt om deltagaren loggad"
    participant_contact_create(
        actor=world["coach"], registration=registration, entry=_entry(party=world.fk)
    )
    assert ParticipantContact.objects.count() == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"party_key": "af"},
        {"category": "skola", "name": "Komvux"},
        {"category": "kommunal_enhet", "name": "IFO Landskrona"},
    ],
)
def test_a_contact_not_covered_is_refused_in_swedish(world: World, fields: dict) -> None:
    registration = _registration(world)
    if "party_key" in fields:
        fields = {"party": getattr(world, fields["party_key"])}
    with pytest.raises(ValidationError) as refused:
        participant_contact_create(
            actor=world["coach"], registration=registration, entry=_entry(**fields)
        )
    assert refused.value.message_dict["recipient"][0].startswith(NOT_COVERED)
    assert not ParticipantContact.objects.exists()


def test_an_anonymous_registration_covers_no_contact(world: World) -> None:
    referral = referral_of(world)
    registration = registered(referral, consent=None, coach=world["coach"])
    with pytest.raises(ValidationError):
        participant_contact_create(
            actor=world["coach"], registration=registration, entry=_entry(party=world.fk)
        )


def test_bad_contact_input_changes_nothing(world: World) -> None:
    registration = _registration(world)
    with pytest.raises(ValidationError) as error:
        participant_contact_create(
            actor=world["coach"],
            registration=registration,
            entry=_entry(contacted_on=days(3), purpose=" ", party=world.fk, category="skola"),
        )
    assert set(error.value.message_dict) == {"contacted_on", "purpose", "recipient"}


def test_only_journey_writers_log_contacts(world: World) -> None:
    registration = _registration(world)
    with pytest.raises((Http404, PermissionDenied)):
        participant_contact_create(
            actor=world["outsider"], registration=registration, entry=_entry(party=world.fk)
        )


def test_the_contact_page_refuses_and_logs(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    registration = _registration(world)
    url = reverse("participants:contact_log", args=[registration.pk])
    client = as_persona("coach")
    assert client.get(url).status_code == 200
    data = {
        "contacted_on": days(-1).isoformat(),
        "party": "",
        "recipient_category": "skola",
        "recipient_name": "Komvux",
        "purpose": "Fråga om kurs.",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert NOT_COVERED in response.content.decode()
    data.update(recipient_category="tidigare_arbetsgivare", recipient_name="ICA Kvantum Landskrona")
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "ICA Kvantum Landskrona" in page


@pytest.mark.parametrize("persona", ALL)
def test_who_may_open_the_contact_log(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    registration = _registration(world)
    response = as_persona(persona).get(reverse("participants:contact_log", args=[registration.pk]))
    if persona in WRITERS:
        assert response.status_code == 200
    else:
        assert response.status_code in {403, 404}
