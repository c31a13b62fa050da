"""Consent: record with the signed form (checked by content), download, withdraw."""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core import crypto
from samsyn.participants.models import Consent, Referral
from samsyn.participants.selectors.consents import WITHDRAW_PAGE_DETAIL
from samsyn.participants.services.audit import CONSENT_DOCUMENT_REFUSED_DETAIL
from samsyn.participants.tests.intake_setup import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    consent_for,
    days,
    media_fixture,  # noqa: F401 - the media fixture
    referral_of,
    registered,
    upload,
)
from samsyn.testing.stale import assert_stale_panel, change_events

ALL = ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "outsider"]
STAFF = {"insatsansvarig", "coach"}
LIMIT = settings.SAMSYN_MAX_UPLOAD_BYTES


def _docm() -> bytes:
    """A Word package with macros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"):
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def _url(referral: Referral) -> str:
    return reverse("participants:referral_consent_create", args=[referral.pk])


def _data(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "parties": [world.kommun.pk, world.fk.pk],
        "valid_from": days(0).isoformat(),
        "valid_to": days(365).isoformat(),
        "document": upload(),
    }
    data.update(overrides)
    return data


@pytest.mark.usefixtures("media")
def test_consent_is_recorded_with_the_form_under_a_neutral_name(
    world: World, as_persona: Callable[[str], Client], media: Path
) -> None:
    referral = referral_of(world)
    response = as_persona("coach").post(_url(referral), _data(world))
    assert response["Location"] == reverse("participants:referral_detail", args=[referral.pk])
    consent = Consent.objects.get()
    assert (consent.person, consent.intervention) == (referral.person, world.intervention)
    assert set(consent.parties.all()) == {world.kommun, world.fk}
    assert consent.valid_to == days(365)
    assert consent.document_type == "application/pdf"
    name = str(consent.document)
    assert name.startswith("samtycken/")
    assert name.endswith(".pdf")
    assert "Kim" not in name and "Testsson" not in name
    stored = media / name
    assert crypto.decrypt_file_bytes(stored.read_bytes()) == PDF_BYTES  # sealed on disk
    event = AuditEvent.objects.get(object_type="participants.Consent")
    assert (event.action, event.detail) == ("create", "Samtycke registrerat med blankett")
    assert event.participant_ref == referral.person.pseudonym


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize(
    ("content", "name", "content_type", "expected"),
    [
        (JPEG_BYTES, "foto.png", "image/png", "image/jpeg"),
        (PNG_BYTES, "skanning.pdf", "application/pdf", "image/png"),
        (PDF_BYTES, "blankett", "application/octet-stream", "application/pdf"),
    ],
)
def test_the_content_decides_the_type_not_the_name(
    world: World,
    as_persona: Callable[[str], Client],
    content: bytes,
    name: str,
    content_type: str,
    expected: str,
) -> None:
    referral = referral_of(world)
    document = upload(content, name=name, content_type=content_type)
    as_persona("insatsansvarig").post(_url(referral), _data(world, document=document))
    assert Consent.objects.get().document_type == expected


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"document": upload(b"Jag samtycker. /Kim", name="samtycke.pdf")},
            "Filen är inte en PDF, JPEG eller PNG.",
        ),
        (
            {"document": upload(b"%PDF-" + b"0" * (LIMIT + 1024 * 1024 - 5))},
            "Den får vara högst 10 MB.",
        ),
        ({"document": upload(b"", name="tom.pdf")}, "Filen är tom."),
        ({"document": upload(_docm(), name="samtycke.docx")}, "Filer med makron tas inte emot"),
        ({"document": ""}, "Ladda upp den underskrivna blanketten."),
        ({"valid_to": days(-1).isoformat()}, "Slutdatumet kan inte vara före startdatumet."),
        ({"parties": []}, "Välj minst en part eller mottagare som samtycket gäller."),
        ({"parties": ["999999"]}, "Okänd part: välj bland förbundets parter."),
        ({"valid_from": "2026-02-30"}, "Ange datumet som ÅÅÅÅ-MM-DD."),
    ],
)
def test_bad_consent_input_changes_nothing(
    world: World,
    as_persona: Callable[[str], Client],
    media: Path,
    overrides: dict,
    message: str,
) -> None:
    referral = referral_of(world)
    response = as_persona("coach").post(_url(referral), _data(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Consent.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


@pytest.mark.usefixtures("media")
def test_party_of_another_forbund_is_refused(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = referral_of(world)
    data = _data(world, parties=[world.other_party.pk])
    response = as_persona("coach").post(_url(referral), data)
    assert "Okänd part: välj bland förbundets parter." in response.content.decode()
    assert not Consent.objects.exists()


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize("persona", [*ALL, "nobody"])
def test_only_the_interventions_staff_record_consent(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    referral = referral_of(world)
    client = as_persona(persona)
    assert client.get(_url(referral)).status_code == (200 if persona in STAFF else 404)
    client.post(_url(referral), _data(world))
    assert Consent.objects.exists() == (persona in STAFF)


@pytest.mark.usefixtures("media")
def test_consent_for_a_registration_renews_it(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = referral_of(world)
    old = consent_for(referral, parties=[world.kommun], valid_to=days(-1))
    registration = registered(referral, consent=old, coach=world["coach"])
    url = reverse("participants:registration_consent_create", args=[registration.pk])
    assert as_persona("handlaggare").post(url, _data(world)).status_code == 404
    response = as_persona("coach").post(url, _data(world))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.consent is not None and registration.consent != old
    assert registration.consent.valid_from == days(0)
    assert registration.version == 2


# --- Download --------------------------------------------------------------------------


@pytest.fixture
def stored_consent(world: World, as_persona: Callable[[str], Client], media: Path) -> Consent:
    referral = referral_of(world)
    as_persona("insatsansvarig").post(_url(referral), _data(world))
    return Consent.objects.get()


@pytest.mark.parametrize("persona", [*ALL, "nobody"])
def test_download_streams_the_form_to_staff_only(
    world: World, as_persona: Callable[[str], Client], persona: str, stored_consent: Consent
) -> None:
    url = reverse("participants:consent_download", args=[stored_consent.pk])
    response = as_persona(persona).get(url)
    if persona not in STAFF:
        assert response.status_code == 404
        assert not AuditEvent.objects.filter(action="export").exists()
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pseudonym = stored_consent.person.pseudonym
    assert response["Content-Disposition"] == (
        f'attachment; filename="samtycke-{pseudonym}-{days(0):%Y%m%d}.pdf"'
    )
    assert response.getvalue() == PDF_BYTES
    event = AuditEvent.objects.get(action="export")
    assert event.detail == "Samtyckesblankett hämtad"
    assert event.participant_ref == pseudonym
    assert event.actor == world[persona]


@pytest.mark.parametrize("persona", sorted({*ALL, "nobody"} - set(STAFF)))
def test_a_refused_download_is_logged_and_still_404(
    world: World, as_persona: Callable[[str], Client], persona: str, stored_consent: Consent
) -> None:
    """#11 item 5: refused access to a signed form leaves a trace: a view event that names the
    consent and says it was refused, with nothing from the document; the answer stays 404."""
    url = reverse("participants:consent_download", args=[stored_consent.pk])
    response = as_persona(persona).get(url)
    assert response.status_code == 404
    assert PDF_BYTES not in response.content
    event = AuditEvent.objects.get(actor=world[persona], action="view")
    assert event.detail == CONSENT_DOCUMENT_REFUSED_DETAIL
    assert (event.object_type, event.object_id) == ("participants.Consent", str(stored_consent.pk))
    assert event.participant_ref == stored_consent.person.pseudonym
    assert not AuditEvent.objects.filter(action="export").exists()


def test_a_download_of_a_consent_that_does_not_exist_logs_nothing(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    url = reverse("participants:consent_download", args=[999_999])
    assert as_persona("outsider").get(url).status_code == 404
    assert not AuditEvent.objects.filter(actor=world["outsider"], action="view").exists()


def test_the_signed_form_is_encrypted_on_disk_and_readable_only_by_the_service(
    stored_consent: Consent, media: Path
) -> None:
    """#11 item 3: the file under MEDIA_ROOT is sealed (no PDF bytes), mode 0600; the
    audited download above is what opens it."""
    path = media / str(stored_consent.document.name)
    blob = path.read_bytes()
    assert blob.startswith(b"SAMSYNF1")
    assert PDF_BYTES not in blob and b"%PDF" not in blob
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_rotating_the_keys_reseals_the_signed_form(
    stored_consent: Consent,
    media: Path,
    settings: Any,  # pytest-django's fixture
) -> None:
    new = "new:" + base64.urlsafe_b64encode(b"n" * 32).decode()
    settings.SAMSYN_FIELD_KEYS = f"{new},{settings.SAMSYN_FIELD_KEYS}"
    out = StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "participants.Consent: re-encrypted 1 document(s)" in out.getvalue()
    assert crypto.file_key_id((media / str(stored_consent.document.name)).read_bytes()) == "new"
    settings.SAMSYN_FIELD_KEYS = new
    with stored_consent.document.open("rb") as handle:
        assert handle.read() == PDF_BYTES


def test_download_without_a_form_is_404(world: World, as_persona: Callable[[str], Client]) -> None:
    consent = consent_for(referral_of(world), parties=[world.kommun])
    url = reverse("participants:consent_download", args=[consent.pk])
    assert as_persona("insatsansvarig").get(url).status_code == 404


# --- Withdrawal ------------------------------------------------------------------------


def _withdraw(consent: Consent, **overrides: object) -> tuple[str, dict[str, object]]:
    data: dict[str, object] = {"withdrawn_on": days(0).isoformat(), "version": consent.version}
    data.update(overrides)
    return reverse("participants:consent_withdraw", args=[consent.pk]), data


def test_withdrawal_is_dated_and_audited(world: World, as_persona: Callable[[str], Client]) -> None:
    referral = referral_of(world)
    consent = consent_for(referral, parties=[world.kommun])
    registration = registered(referral, consent=consent, coach=world["coach"])
    url, data = _withdraw(consent)
    response = as_persona("coach").post(url, data)
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == days(0)
    event = AuditEvent.objects.get(object_type="participants.Consent", action="update")
    assert event.detail == f"Samtycke återkallat {days(0).isoformat()}"
    assert event.participant_ref == registration.person.pseudonym


def test_the_withdraw_page_logs_the_person_it_shows(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    """#11 item 5: the page shows the person's name, so opening it is a logged view."""
    referral = referral_of(world)
    consent = consent_for(referral, parties=[world.kommun])
    url, _data = _withdraw(consent)
    response = as_persona("insatsansvarig").get(url)
    assert response.status_code == 200
    event = AuditEvent.objects.get(actor=world["insatsansvarig"], action="view")
    assert event.participant_ref == referral.person.pseudonym
    assert (event.object_type, event.object_id) == ("participants.Consent", str(consent.pk))
    assert event.detail == WITHDRAW_PAGE_DETAIL


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"withdrawn_on": days(2).isoformat()}, "Datumet kan inte ligga i framtiden."),
        ({"withdrawn_on": days(-400).isoformat()}, "före den dag det började gälla"),
        ({"withdrawn_on": ""}, "Fyll i det här fältet."),
        ({"version": 7}, "Någon annan har sparat under tiden"),
    ],
)
def test_bad_withdrawal_changes_nothing(
    world: World, as_persona: Callable[[str], Client], overrides: dict, message: str
) -> None:
    consent = consent_for(referral_of(world), parties=[world.kommun])
    url, data = _withdraw(consent, **overrides)
    response = as_persona("insatsansvarig").post(url, data)
    assert message in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_stale_withdrawal_shows_the_saved_version(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    consent = consent_for(referral_of(world), parties=[world.kommun])
    Consent.objects.filter(pk=consent.pk).update(version=4)
    day = days(-1).isoformat()
    url, data = _withdraw(consent, withdrawn_on=day, version=1)
    client = as_persona("insatsansvarig")
    changes = change_events()
    response = client.post(url, data)
    assert_stale_panel(
        response, field="withdrawn_on", mine=day, theirs=None, saver_name=None, version=4
    )
    assert change_events() == changes
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    assert client.post(url, {**data, "version": 4}).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == days(-1)


@pytest.mark.parametrize("persona", [*ALL, "nobody"])
def test_who_may_withdraw(world: World, as_persona: Callable[[str], Client], persona: str) -> None:
    consent = consent_for(referral_of(world), parties=[world.kommun])
    url, data = _withdraw(consent)
    client = as_persona(persona)
    assert client.get(url).status_code == (200 if persona in STAFF else 404)
    client.post(url, data)
    consent.refresh_from_db()
    assert (consent.withdrawn_on is not None) == (persona in STAFF)


def test_htmx_withdrawal_answers_with_a_redirect_header(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = referral_of(world)
    consent = consent_for(referral, parties=[world.kommun])
    url, data = _withdraw(consent)
    client = as_persona("coach")
    assert client.get(url, HTTP_HX_REQUEST="true").content.decode().startswith("<form")
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("participants:referral_detail", args=[referral.pk])
