"""Writes to the employer bank: employers, their contact people and agreements.

Every write checks the actor reaches the förbund's bank (404 otherwise,
samsyn/ips/selectors/employers.py), validates with Swedish messages, appends an EmployerEvent
(the employer's history, shown on its page: an event type and its parameters, see
services/employer_events.py) and an audit event. Removing an employer sets ``removed_on`` and
keeps its history and contacts: the bank's size over time is counted from
``added_on``/``removed_on``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.files.sniffing import DOCX, JPEG, PDF, PNG, sniff_upload
from samsyn.core.models import Forbund, Team, User
from samsyn.core.orgnr import normalize_organisationsnummer
from samsyn.core.versioning import save_versioned
from samsyn.interventions.municipalities import municipality_known
from samsyn.ips.models import (
    AgreementStatus,
    Employer,
    EmployerAgreement,
    EmployerContactPerson,
    EmployerEventType,
    SniSection,
)
from samsyn.ips.selectors.employers import bank_access
from samsyn.ips.services import employer_events as events

Errors = dict[str, list[str]]
EMPLOYER_FIELDS = [
    "name",
    "organisationsnummer",
    "sni_section",
    "municipality_code",
    "address",
    "description",
    "added_on",
    "team_id",
]
PERSON_FIELDS = ["name", "title", "phone", "email", "is_active"]
AGREEMENT_FIELDS = ["status", "agreed_on", "ends_on", "content"]


@dataclass(frozen=True)
class EmployerFields:
    name: str
    organisationsnummer: str
    sni_section: str
    municipality_code: str
    added_on: datetime.date | None
    address: str = ""
    description: str = ""
    team_id: int | None = None


@dataclass(frozen=True)
class ContactPersonFields:
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    is_active: bool = True


@dataclass(frozen=True)
class AgreementFields:
    status: str
    agreed_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    content: str = ""


def _raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _record(
    actor: User,
    employer: Employer,
    role: str,
    action: AuditAction,
    event_type: EmployerEventType,
    parameters: dict[str, Any],
) -> None:
    """The employer's own history row and the access log's event, in Swedish."""
    event = events.employer_event_record(
        employer=employer, actor=actor, event_type=event_type, parameters=parameters
    )
    audit_record(
        actor=actor,
        action=action,
        forbund=employer.forbund,
        role=role,
        obj=employer,
        detail=events.employer_event_swedish(event),
    )


def _check_orgnr(
    fields: EmployerFields, forbund_id: int, exclude: int | None, errors: Errors
) -> str:
    try:
        number = normalize_organisationsnummer(fields.organisationsnummer)
    except ValidationError as error:
        errors["organisationsnummer"] = list(error.messages)
        return fields.organisationsnummer
    taken = Employer.objects.filter(forbund_id=forbund_id, organisationsnummer=number)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        errors["organisationsnummer"] = [
            _(
                "Det finns redan en arbetsgivare med organisationsnumret %(number)s "
                "i företagsbanken."
            )
            % {"number": number}
        ]
    return number


def _clean_employer(
    fields: EmployerFields, *, forbund_id: int, exclude: int | None = None
) -> dict[str, Any]:
    errors: Errors = {}
    name = fields.name.strip()
    if not name:
        errors["name"] = [_("Ange arbetsgivarens namn.")]
    elif len(name) > 200:
        errors["name"] = [_("Namnet får vara högst 200 tecken.")]
    number = _check_orgnr(fields, forbund_id, exclude, errors)
    if fields.sni_section not in SniSection.values:
        errors["sni_section"] = [_("Välj en bransch i listan.")]
    code = fields.municipality_code.strip()
    if not (len(code) == 4 and code.isdigit() and municipality_known(code)):
        errors["municipality_code"] = [_("Välj en kommun i listan.")]
    if fields.added_on is None:
        errors["added_on"] = [_("Ange datum då arbetsgivaren kom in i företagsbanken.")]
    elif fields.added_on > timezone.localdate():
        errors["added_on"] = [_("Datumet kan inte ligga i framtiden.")]
    if len(fields.address.strip()) > 200:
        errors["address"] = [_("Adressen får vara högst 200 tecken.")]
    if (
        fields.team_id is not None
        and not Team.objects.filter(pk=fields.team_id, forbund_id=forbund_id).exists()
    ):
        errors["team_id"] = [_("Välj ett team i förbundet.")]
    _raise_if(errors)
    return {
        "name": name,
        "organisationsnummer": number,
        "sni_section": fields.sni_section,
        "municipality_code": code,
        "address": fields.address.strip(),
        "description": fields.description.strip(),
        "added_on": fields.added_on,
        "team_id": fields.team_id,
    }


def _unique_error() -> ValidationError:
    # Two saves racing past the check above: the constraint answers, with the same message.
    return ValidationError(
        {"organisationsnummer": [_("Organisationsnumret finns redan i företagsbanken.")]}
    )


@transaction.atomic
def employer_create(*, actor: User, forbund: Forbund, fields: EmployerFields) -> Employer:
    role = bank_access(actor).role_in(forbund.pk)
    values = _clean_employer(fields, forbund_id=forbund.pk)
    employer = Employer(forbund=forbund, created_by=actor, **values)
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError as error:
        raise _unique_error() from error
    _record(
        actor,
        employer,
        role,
        AuditAction.CREATE,
        EmployerEventType.CREATED,
        events.employer_created_parameters(employer),
    )
    return employer


def _changed(employer: Employer, values: dict[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(employer, name) != value]


def _refuse_removed(employer: Employer) -> None:
    if employer.removed_on is not None:
        raise ValidationError(
            _("Arbetsgivaren är borttagen ur företagsbanken och kan inte ändras."), code="removed"
        )


@transaction.atomic
def employer_update(
    *, actor: User, employer: Employer, fields: EmployerFields, expected_version: int
) -> Employer:
    role = bank_access(actor).role_in(employer.forbund_id)
    _refuse_removed(employer)
    values = _clean_employer(fields, forbund_id=employer.forbund_id, exclude=employer.pk)
    changed = _changed(employer, values)
    for name, value in values.items():
        setattr(employer, name, value)
    try:
        with transaction.atomic():
            save_versioned(employer, expected_version=expected_version, fields=EMPLOYER_FIELDS)
    except IntegrityError as error:
        raise _unique_error() from error
    _record(
        actor,
        employer,
        role,
        AuditAction.UPDATE,
        EmployerEventType.UPDATED,
        events.employer_updated_parameters(changed),
    )
    return employer


@transaction.atomic
def employer_remove(
    *, actor: User, employer: Employer, removed_on: datetime.date | None, expected_version: int
) -> Employer:
    """Take the employer out of the bank from ``removed_on`` (today when None)."""
    role = bank_access(actor).role_in(employer.forbund_id)
    _refuse_removed(employer)
    day = removed_on or timezone.localdate()
    if day < employer.added_on:
        raise ValidationError(
            {"removed_on": [_("Datumet kan inte ligga före dagen då arbetsgivaren lades till.")]}
        )
    if day > timezone.localdate():
        raise ValidationError({"removed_on": [_("Datumet kan inte ligga i framtiden.")]})
    employer.removed_on = day
    save_versioned(employer, expected_version=expected_version, fields=["removed_on"])
    _record(
        actor,
        employer,
        role,
        AuditAction.DELETE,
        EmployerEventType.REMOVED,
        events.employer_removed_parameters(day),
    )
    return employer


# --- contact people -------------------------------------------------------------------------


def _clean_person(fields: ContactPersonFields) -> dict[str, Any]:
    errors: Errors = {}
    name = fields.name.strip()
    if not name:
        errors["name"] = [_("Ange kontaktpersonens namn.")]
    if len(fields.title.strip()) > 120:
        errors["title"] = [_("Rollen får vara högst 120 tecken.")]
    email = fields.email.strip()
    if email and ("@" not in email or " " in email or len(email) > 254):
        errors["email"] = [_("Ange en giltig e-postadress.")]
    phone = fields.phone.strip()
    if len(phone) > 40:
        errors["phone"] = [_("Telefonnumret är för långt.")]
    _raise_if(errors)
    return {
        "name": name,
        "title": fields.title.strip(),
        "phone": phone,
        "email": email,
        "is_active": fields.is_active,
    }


@transaction.atomic
def contact_person_create(
    *, actor: User, employer: Employer, fields: ContactPersonFields
) -> EmployerContactPerson:
    role = bank_access(actor).role_in(employer.forbund_id)
    _refuse_removed(employer)
    person = EmployerContactPerson.objects.create(employer=employer, **_clean_person(fields))
    _record(
        actor,
        employer,
        role,
        AuditAction.CREATE,
        EmployerEventType.CONTACT_PERSON_ADDED,
        events.contact_person_parameters(person),
    )
    return person


@transaction.atomic
def contact_person_update(
    *,
    actor: User,
    person: EmployerContactPerson,
    fields: ContactPersonFields,
    expected_version: int,
) -> EmployerContactPerson:
    employer = person.employer
    role = bank_access(actor).role_in(employer.forbund_id)
    _refuse_removed(employer)
    for name, value in _clean_person(fields).items():
        setattr(person, name, value)
    save_versioned(person, expected_version=expected_version, fields=PERSON_FIELDS)
    _record(
        actor,
        employer,
        role,
        AuditAction.UPDATE,
        EmployerEventType.CONTACT_PERSON_CHANGED,
        events.contact_person_parameters(person),
    )
    return person


# --- agreements -----------------------------------------------------------------------------


def sniff_agreement_document(upload: UploadedFile) -> tuple[str, str]:
    """(content type, extension) judged from the content: PDF, JPEG, PNG or DOCX without
    macros (samsyn/core/files/sniffing)."""
    try:
        kind = sniff_upload(
            upload,
            accept=(PDF, JPEG, PNG, DOCX),
            refusal=_("Filen är inte en PDF, JPEG, PNG eller Word-fil (.docx)."),
        )
    except ValidationError as error:
        raise ValidationError({"document": error.messages}) from None
    return kind.content_type, kind.extension


def _clean_agreement(fields: AgreementFields) -> dict[str, Any]:
    errors: Errors = {}
    if fields.status not in AgreementStatus.values:
        errors["status"] = [_("Välj en status i listan.")]
    if fields.status == AgreementStatus.SIGNED and fields.agreed_on is None:
        errors["agreed_on"] = [_("Ange datum då överenskommelsen tecknades.")]
    if fields.agreed_on and fields.ends_on and fields.ends_on < fields.agreed_on:
        errors["ends_on"] = [_("Slutdatumet kan inte ligga före datumet.")]
    _raise_if(errors)
    return {
        "status": fields.status,
        "agreed_on": fields.agreed_on,
        "ends_on": fields.ends_on,
        "content": fields.content.strip(),
    }


def _attach(agreement: EmployerAgreement, document: UploadedFile) -> None:
    content_type, extension = sniff_agreement_document(document)
    original = (document.name or "dokument")[:200]
    agreement.document_name = original
    agreement.document_type = content_type
    # The stored name gets the sniffed extension, whatever the uploaded name said.
    agreement.document.save(f"overenskommelse{extension}", document, save=False)


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    employer: Employer,
    fields: AgreementFields,
    document: UploadedFile | None = None,
) -> EmployerAgreement:
    role = bank_access(actor).role_in(employer.forbund_id)
    _refuse_removed(employer)
    agreement = EmployerAgreement(employer=employer, **_clean_agreement(fields))
    if document is not None:
        _attach(agreement, document)
    agreement.save()
    _record(
        actor,
        employer,
        role,
        AuditAction.CREATE,
        EmployerEventType.AGREEMENT_ADDED,
        events.agreement_parameters(agreement),
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: User,
    agreement: EmployerAgreement,
    fields: AgreementFields,
    expected_version: int,
    document: UploadedFile | None = None,
) -> EmployerAgreement:
    employer = agreement.employer
    role = bank_access(actor).role_in(employer.forbund_id)
    _refuse_removed(employer)
    for name, value in _clean_agreement(fields).items():
        setattr(agreement, name, value)
    names = list(AGREEMENT_FIELDS)
    if document is not None:
        _attach(agreement, document)
        names += ["document", "document_name", "document_type"]
    save_versioned(agreement, expected_version=expected_version, fields=names)
    _record(
        actor,
        employer,
        role,
        AuditAction.UPDATE,
        EmployerEventType.AGREEMENT_CHANGED,
        events.agreement_parameters(agreement),
    )
    return agreement
