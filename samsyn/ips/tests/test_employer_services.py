"""Employer bank services: organisationsnummer, uniqueness, who may write, history rows,
audit events, stale edits, removal and agreements with sniffed documents."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.versioning import StaleEditError
from samsyn.ips.models import Employer, EmployerAgreement, EmployerEvent
from samsyn.ips.services.employers import (
    AgreementFields,
    ContactPersonFields,
    agreement_create,
    contact_person_create,
    employer_remove,
    employer_update,
)
from samsyn.ips.tests.employer_setup import fields, ips_world, make_employer, orgnr

__all__ = ["ips_world"]
pytestmark = pytest.mark.django_db


def test_orgnr_is_normalised(ips_world: World) -> None:
    number = orgnr(7).replace("-", "")
    employer = make_employer(ips_world, 7, organisationsnummer=f" {number} ")
    assert employer.organisationsnummer == orgnr(7)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12345", "Ange organisationsnumret med tio siffror, till exempel 202100-5489."),
        ("WRONG_CHECK", "Kontrollsiffran stämmer inte."),
        ("801010-1234", "Tredje siffran i ett organisationsnummer ska vara 2 eller högre."),
    ],
)
def test_bad_orgnr_gets_swedish_message(ips_world: World, value: str, message: str) -> None:
    if value == "WRONG_CHECK":
        good = orgnr(3)
        value = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as caught:
        make_employer(ips_world, organisationsnummer=value)
    assert caught.value.message_dict["organisationsnummer"] == [message]
    assert not Employer.objects.exists()


def test_orgnr_unique_per_forbund(ips_world: World) -> None:
    make_employer(ips_world, 1)
    with pytest.raises(ValidationError) as caught:
        make_employer(ips_world, 1, name="Dubblett AB")
    assert "finns redan" in caught.value.message_dict["organisationsnummer"][0]
    assert Employer.objects.count() == 1


def test_other_fields_validated(ips_world: World) -> None:
    future = datetime.date.today() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        make_employer(
            ips_world, name=" ", sni_section="Z", municipality_code="9999", added_on=future
        )
    assert set(caught.value.message_dict) == {
        "name",
        "sni_section",
        "municipality_code",
        "added_on",
    }


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig", "coach"])
def test_bank_staff_may_add(ips_world: World, persona: str) -> None:
    employer = make_employer(ips_world, actor=persona)
    assert employer.created_by == ips_world[persona]
    event = AuditEvent.objects.get(object_type="ips.Employer", object_id=str(employer.pk))
    assert event.action == "create" and event.actor == ips_world[persona]
    assert EmployerEvent.objects.filter(employer=employer, event_type="created").count() == 1


@pytest.mark.parametrize("persona", ["handlaggare", "styrgrupp", "granskare", "outsider", "nobody"])
def test_others_get_404(ips_world: World, persona: str) -> None:
    with pytest.raises(Http404):
        make_employer(ips_world, actor=persona)


def test_coach_of_non_ips_intervention_gets_404(world: World) -> None:
    with pytest.raises(Http404):
        make_employer(world, actor="coach")


def test_update_writes_history_and_refuses_stale(ips_world: World) -> None:
    employer = make_employer(ips_world)
    employer_update(
        actor=ips_world["coach"],
        employer=employer,
        fields=fields(1, name="Nytt namn AB", municipality_code="1783"),
        expected_version=1,
    )
    employer.refresh_from_db()
    assert employer.name == "Nytt namn AB" and employer.version == 2
    event = EmployerEvent.objects.filter(employer=employer, event_type="updated").get()
    assert event.parameters == {"fields": ["name", "municipality_code"]}
    assert event.text == "Uppgifterna ändrades: namn, kommun"
    with pytest.raises(StaleEditError):
        employer_update(
            actor=ips_world["coach"], employer=employer, fields=fields(1), expected_version=1
        )


def test_remove_keeps_history_and_blocks_changes(ips_world: World) -> None:
    employer = make_employer(ips_world)
    employer_remove(
        actor=ips_world["admin"],
        employer=employer,
        removed_on=datetime.date(2025, 6, 1),
        expected_version=1,
    )
    employer.refresh_from_db()
    assert employer.removed_on == datetime.date(2025, 6, 1)
    assert EmployerEvent.objects.filter(employer=employer).count() == 2
    with pytest.raises(ValidationError):
        employer_update(
            actor=ips_world["admin"], employer=employer, fields=fields(1), expected_version=2
        )


def test_remove_before_added_refused(ips_world: World) -> None:
    employer = make_employer(ips_world)
    with pytest.raises(ValidationError):
        employer_remove(
            actor=ips_world["admin"],
            employer=employer,
            removed_on=datetime.date(2024, 1, 1),
            expected_version=1,
        )


def test_contact_person_encrypted_and_logged(ips_world: World) -> None:
    employer = make_employer(ips_world)
    person = contact_person_create(
        actor=ips_world["coach"],
        employer=employer,
        fields=ContactPersonFields(name="Maja Chef", title="HR", email="maja@example.se"),
    )
    person.refresh_from_db()
    assert person.name == "Maja Chef"
    event = EmployerEvent.objects.get(employer=employer, event_type="contact_person_added")
    assert event.text == "Kontaktperson tillagd (HR)"
    with pytest.raises(ValidationError):
        contact_person_create(
            actor=ips_world["coach"],
            employer=employer,
            fields=ContactPersonFields(name="x", email="nej"),
        )


def test_agreement_document_sniffed(ips_world: World, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    employer = make_employer(ips_world)
    pdf = SimpleUploadedFile("avtal.txt", b"%PDF-1.4 test", content_type="text/plain")
    agreement = agreement_create(
        actor=ips_world["coach"],
        employer=employer,
        fields=AgreementFields(status="tecknad", agreed_on=datetime.date(2025, 3, 1)),
        document=pdf,
    )
    assert agreement.document_type == "application/pdf"
    assert str(agreement.document).endswith(".pdf")
    fake = SimpleUploadedFile("avtal.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        agreement_create(
            actor=ips_world["coach"],
            employer=employer,
            fields=AgreementFields(status="diskuterad"),
            document=fake,
        )
    assert "document" in caught.value.message_dict


def _docx(*extra_parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("[Content_Types].xml", "word/document.xml", *extra_parts):
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def test_agreement_docx_accepted_but_not_with_macros(ips_world: World, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    employer = make_employer(ips_world)
    docx = SimpleUploadedFile("avtal.docx", _docx(), content_type="application/msword")
    agreement = agreement_create(
        actor=ips_world["coach"],
        employer=employer,
        fields=AgreementFields(status="diskuterad"),
        document=docx,
    )
    assert str(agreement.document.name).endswith(".docx")
    docm = SimpleUploadedFile("avtal.docx", _docx("word/vbaProject.bin"))
    with pytest.raises(ValidationError) as caught:
        agreement_create(
            actor=ips_world["coach"],
            employer=employer,
            fields=AgreementFields(status="diskuterad"),
            document=docm,
        )
    assert "makron" in caught.value.message_dict["document"][0]
    assert EmployerAgreement.objects.count() == 1


def test_signed_agreement_needs_date(ips_world: World) -> None:
    employer = make_employer(ips_world)
    with pytest.raises(ValidationError) as caught:
        agreement_create(
            actor=ips_world["coach"], employer=employer, fields=AgreementFields(status="tecknad")
        )
    assert "agreed_on" in caught.value.message_dict
