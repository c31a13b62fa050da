"""Logging an employer contact (arbetsgivarkontakt).

The coach is the actor unless the actor is insatsansvarig of the intervention, who may log a
contact for one of its coaches; a coach logs only their own. The intervention must be an
IPS/Supported Employment intervention the actor works in, in the employer's förbund. A
contact for a named participant needs a registration the actor may see in that intervention
and a consent, active on the contact's day, that names the employer as a recipient
(category *arbetsgivare*, the employer's name): the participant decides which employers may
hear about them (seed 001; docs/participants-intake.md, "Recipients outside the parties").
It writes an audit event naming the participant.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.ips.models import ContactKind, EmployerContact, EmployerEventType
from samsyn.ips.selectors.employers import BankAccess, bank_access, coaches_of, employer_get
from samsyn.ips.services import employer_events as events
from samsyn.participants.models import Registration
from samsyn.participants.models.choices import RecipientCategory
from samsyn.participants.selectors.consents import consent_covers
from samsyn.participants.selectors.scoping import registrations_visible_to
from samsyn.participants.services.audit import audit_participant

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class ContactFields:
    employer_id: int
    intervention_id: int | None
    contacted_on: datetime.date | None
    kind: str
    purpose: str
    coach_id: int | None = None  # None: the actor
    registration_id: int | None = None
    outcome: str = ""
    next_step: str = ""
    next_step_on: datetime.date | None = None


def _intervention(access: BankAccess, fields: ContactFields, errors: Errors) -> Intervention | None:
    chosen = next((i for i in access.ips_interventions if i.pk == fields.intervention_id), None)
    if chosen is None:
        errors["intervention"] = [_("Välj en IPS-insats som du arbetar i.")]
    return chosen


def _coach(actor: User, intervention: Intervention, coach_id: int | None, errors: Errors) -> User:
    if coach_id is None or coach_id == actor.pk:
        return actor
    leads = access_leads(actor, intervention)
    coach = coaches_of(intervention).filter(pk=coach_id).first() if leads else None
    if coach is None:
        errors["coach"] = [
            _("Du kan bara registrera dina egna kontakter.")
            if not leads
            else _("Välj en coach i insatsen.")
        ]
        return actor
    return coach


def access_leads(actor: User, intervention: Intervention) -> bool:
    """Whether the actor is insatsansvarig of ``intervention``."""
    led = interventions_visible_to(actor, Role.INSATSANSVARIG)
    return led.filter(pk=intervention.pk).exists()


def _registration(
    actor: User, intervention: Intervention | None, registration_id: int | None, errors: Errors
) -> Registration | None:
    if registration_id is None:
        return None
    registration = (
        registrations_visible_to(actor)
        .select_related("person")
        .filter(pk=registration_id, intervention=intervention)
        .first()
        if intervention is not None
        else None
    )
    if registration is None:
        errors["registration"] = [_("Välj en deltagare i insatsen som du får se.")]
    return registration


def _check_consent(
    registration: Registration, employer_name: str, on: datetime.date, errors: Errors
) -> None:
    """The participant's consent must name this employer on the contact's day."""
    if consent_covers(
        registration=registration,
        on=on,
        category=RecipientCategory.ARBETSGIVARE,
        name=employer_name,
    ):
        return
    errors["registration"] = [
        _(
            "Deltagarens samtycke den dagen omfattar inte kontakt med %(employer)s. Lägg till "
            "arbetsgivaren som mottagare (slag ”Arbetsgivare”) i samtycket, eller logga "
            "kontakten utan deltagare."
        )
        % {"employer": employer_name}
    ]


def _check_texts(fields: ContactFields, errors: Errors) -> None:
    today = timezone.localdate()
    if fields.contacted_on is None:
        errors["contacted_on"] = [_("Ange datum för kontakten.")]
    elif fields.contacted_on > today:
        errors["contacted_on"] = [_("Datumet kan inte ligga i framtiden.")]
    if fields.kind not in ContactKind.values:
        errors["kind"] = [_("Välj personligt möte, telefon eller digitalt.")]
    purpose = fields.purpose.strip()
    if not purpose:
        errors["purpose"] = [_("Ange syftet med kontakten.")]
    elif len(purpose) > 300:
        errors["purpose"] = [_("Syftet får vara högst 300 tecken.")]
    if len(fields.next_step.strip()) > 300:
        errors["next_step"] = [_("Nästa steg får vara högst 300 tecken.")]
    before = (
        fields.contacted_on and fields.next_step_on and fields.next_step_on < fields.contacted_on
    )
    if before:
        errors["next_step_on"] = [_("Nästa steg kan inte ligga före kontakten.")]


@transaction.atomic
def contact_create(*, actor: User, fields: ContactFields) -> EmployerContact:
    access = bank_access(actor)
    employer = employer_get(actor=actor, employer_id=fields.employer_id, access=access)
    role = access.role_in(employer.forbund_id)
    errors: Errors = {}
    if employer.removed_on is not None:
        errors["employer"] = [_("Arbetsgivaren är borttagen ur företagsbanken.")]
    intervention = _intervention(access, fields, errors)
    if intervention is not None and intervention.forbund_id != employer.forbund_id:
        errors["intervention"] = [_("Välj en IPS-insats som du arbetar i.")]
    coach = _coach(actor, intervention, fields.coach_id, errors) if intervention else actor
    registration = _registration(actor, intervention, fields.registration_id, errors)
    if registration is not None and fields.contacted_on is not None:
        _check_consent(registration, employer.name, fields.contacted_on, errors)
    _check_texts(fields, errors)
    if errors:
        raise ValidationError(errors)
    assert intervention is not None and fields.contacted_on is not None
    contact = EmployerContact.objects.create(
        employer=employer,
        coach=coach,
        intervention=intervention,
        registration=registration,
        contacted_on=fields.contacted_on,
        kind=fields.kind,
        purpose=fields.purpose.strip(),
        outcome=fields.outcome.strip(),
        next_step=fields.next_step.strip(),
        next_step_on=fields.next_step_on,
    )
    _log(actor, contact, role)
    return contact


def _log(actor: User, contact: EmployerContact, role: str) -> None:
    events.employer_event_record(
        employer=contact.employer,
        actor=actor,
        event_type=EmployerEventType.CONTACT_LOGGED,
        parameters=events.contact_logged_parameters(contact),
    )
    if contact.registration is not None:
        audit_participant(
            actor=actor,
            action=AuditAction.CREATE,
            person=contact.registration.person,
            intervention=contact.intervention,
            obj=contact,
            detail="Arbetsgivarkontakt för deltagaren registrerad",
        )
        return
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        forbund=contact.employer.forbund,
        intervention=contact.intervention,
        role=role,
        obj=contact,
        detail="Arbetsgivarkontakt registrerad",
    )
