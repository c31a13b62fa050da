"""Consent (samtycke): which parties may exchange information about the person, and when.

Besides the förbund's parties a consent may name other recipients the staff may contact
(seed 001: "för att kontakta tidigare arbetsplatser, praktiker, skolor och arbetsgivare";
the municipality's own units such as IFO and the LSS-handläggare). A contact about the person
(services/contacts.py) is allowed only with a party or recipient an active consent covers.

Consent is handled by the intervention's staff. It is recorded for the person of a referral
(before registration) or of a registration (a renewed consent), with the signed form; the
form is checked by its content and stored under MEDIA_ROOT with a random name. Withdrawal is
dated; from that day the handläggare of the covered parties see nothing more.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.core.versioning import save_versioned
from samsyn.interventions.models import Intervention
from samsyn.participants.models import (
    Consent,
    ConsentRecipient,
    Person,
    RecipientCategory,
    Referral,
    Registration,
)
from samsyn.participants.selectors.intake import is_intervention_staff
from samsyn.participants.selectors.scoping import referrals_visible_to, registrations_visible_to
from samsyn.participants.services.audit import (
    CONSENT_DOCUMENT_REFUSED_DETAIL,
    audit_participant,
)
from samsyn.participants.uploads import DocumentKind, sniff_document

DOWNLOAD_DETAIL = "Samtyckesblankett hämtad"


MAX_RECIPIENT_NAME = 200


@dataclass(frozen=True)
class RecipientTerm:
    """A recipient outside the parties: its category (RecipientCategory) and name."""

    category: str
    name: str


@dataclass(frozen=True)
class ConsentTerms:
    """What a consent says, as entered on a form."""

    parties: Sequence[Party]
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    document: UploadedFile | None = None
    recipients: Sequence[RecipientTerm] = ()


def _recipient_errors(recipients: Sequence[RecipientTerm]) -> list[str]:
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    for recipient in recipients:
        name = recipient.name.strip()
        if recipient.category not in RecipientCategory.values:
            errors.append(_("Okänt slag av mottagare."))
        elif not name:
            errors.append(_("Ange mottagarens namn."))
        elif len(name) > MAX_RECIPIENT_NAME:
            errors.append(
                _("Mottagarens namn får vara högst %(max)d tecken.") % {"max": MAX_RECIPIENT_NAME}
            )
        elif (recipient.category, name.casefold()) in seen:
            errors.append(_("Mottagaren %(name)s står med två gånger.") % {"name": name})
        seen.add((recipient.category, name.casefold()))
    return errors


def validate_consent_terms(
    *, intervention: Intervention, terms: ConsentTerms
) -> DocumentKind | None:
    """Every problem of ``terms`` keyed by field; the kind of the document when there is one."""
    errors: dict[str, list[str]] = {}
    recipient_errors = _recipient_errors(terms.recipients)
    if recipient_errors:
        errors["recipients"] = recipient_errors
    if not terms.parties and not terms.recipients:
        errors["parties"] = [_("Välj minst en part eller mottagare som samtycket gäller.")]
    elif any(party.forbund_id != intervention.forbund_id for party in terms.parties):
        errors["parties"] = [_("Okänd part: välj bland förbundets parter.")]
    if terms.valid_to is not None and terms.valid_to < terms.valid_from:
        errors["valid_to"] = [_("Slutdatumet kan inte vara före startdatumet.")]
    kind = None
    if terms.document is not None:
        try:
            kind = sniff_document(terms.document)
        except ValidationError as error:
            errors["document"] = error.messages
    if errors:
        raise ValidationError(errors)
    return kind


def consent_store(
    *, actor: User, person: Person, intervention: Intervention, terms: ConsentTerms
) -> Consent:
    """Write a consent whose terms were validated and whose scope was checked (internal)."""
    kind = validate_consent_terms(intervention=intervention, terms=terms)
    consent = Consent.objects.create(
        person=person,
        intervention=intervention,
        valid_from=terms.valid_from,
        valid_to=terms.valid_to,
        recorded_by=actor,
    )
    consent.parties.set(terms.parties)
    ConsentRecipient.objects.bulk_create(
        ConsentRecipient(consent=consent, category=r.category, name=r.name.strip())
        for r in terms.recipients
    )
    audit_participant(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        intervention=intervention,
        obj=consent,
        detail="Samtycke registrerat" + (" med blankett" if kind else ""),
    )
    if terms.document is not None and kind is not None:
        # Last, after every check and row: a failure before this leaves no file behind.
        consent.document.save(f"blankett{kind.extension}", terms.document, save=False)
        consent.document_type = kind.content_type
        consent.save(update_fields=["document", "document_type"])
    return consent


@transaction.atomic
def consent_create(
    *,
    actor: User,
    terms: ConsentTerms,
    referral: Referral | None = None,
    registration: Registration | None = None,
) -> Consent:
    """Record a consent for the person of ``referral`` or of ``registration``.

    For a registration the new consent becomes the one that governs it (a renewal).
    """
    if (referral is None) == (registration is None):
        raise ValueError("Give exactly one of referral and registration.")
    if referral is not None and hasattr(referral, "registration"):
        registration = referral.registration
    if registration is not None:
        visible = registrations_visible_to(actor).filter(pk=registration.pk).exists()
        person, intervention = registration.person, registration.intervention
    else:
        assert referral is not None
        visible = referrals_visible_to(actor).filter(pk=referral.pk).exists()
        person, intervention = referral.person, referral.intervention
    if not visible or not is_intervention_staff(actor=actor, intervention_id=intervention.pk):
        raise Http404
    consent = consent_store(actor=actor, person=person, intervention=intervention, terms=terms)
    if registration is not None:
        Registration.objects.filter(pk=registration.pk).update(
            consent=consent, version=F("version") + 1
        )
        registration.consent = consent
        registration.version += 1
    return consent


@transaction.atomic
def consent_withdraw(
    *, actor: User, consent: Consent, withdrawn_on: datetime.date, expected_version: int
) -> Consent:
    """Record that the person withdrew the consent on ``withdrawn_on``."""
    if not is_intervention_staff(actor=actor, intervention_id=consent.intervention_id):
        raise Http404
    if consent.withdrawn_on is not None:
        raise ValidationError(_("Samtycket är redan återkallat."), code="withdrawn")
    if withdrawn_on < consent.valid_from:
        raise ValidationError(
            {"withdrawn_on": _("Samtycket kan inte återkallas före den dag det började gälla.")}
        )
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("Datumet kan inte ligga i framtiden.")})
    consent.withdrawn_on = withdrawn_on
    save_versioned(consent, expected_version=expected_version, fields=["withdrawn_on"])
    audit_participant(
        actor=actor,
        action=AuditAction.UPDATE,
        person=consent.person,
        intervention=consent.intervention,
        obj=consent,
        detail=f"Samtycke återkallat {withdrawn_on.isoformat()}",
    )
    return consent


def consent_document_open(*, actor: User, consent: Consent) -> tuple[File, str, str]:
    """Open the signed form for download: (file, content type, download name). Logged."""
    if not consent.document or not consent.document_type:
        raise Http404
    if not is_intervention_staff(actor=actor, intervention_id=consent.intervention_id):
        # Refused, and logged as such: the event names the consent, nothing from the form.
        audit_participant(
            actor=actor,
            action=AuditAction.VIEW,
            person=consent.person,
            intervention=consent.intervention,
            obj=consent,
            detail=CONSENT_DOCUMENT_REFUSED_DETAIL,
        )
        raise Http404
    try:
        handle = consent.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    stored_name = consent.document.name or ""
    extension = stored_name.rsplit(".", 1)[-1] if "." in stored_name else ""
    filename = f"samtycke-{consent.person.pseudonym}-{consent.valid_from:%Y%m%d}"
    if extension:
        filename += f".{extension}"
    audit_participant(
        actor=actor,
        action=AuditAction.EXPORT,
        person=consent.person,
        intervention=consent.intervention,
        obj=consent,
        detail=DOWNLOAD_DETAIL,
    )
    return handle, consent.document_type, filename
