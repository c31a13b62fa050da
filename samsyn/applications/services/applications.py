"""Writes of an application by its applicant: start it (optionally under a call), save the
sections of seed 003 as a draft at any time, submit it, withdraw it before the decision.

Who may write is ``selectors/access.py``: a membership with the "sökande" right writes its
party's applications while they are drafts or returned for completion. A draft may be
incomplete; submitting checks everything seed 003 marks required (*), and refuses with the
whole list of what is missing. Every step is versioned (a stale save is refused) and
audited. The budget, years, goals and signatures are in ``services/application_parts.py``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.applications.models import (
    Application,
    ApplicationKind,
    ApplicationStatus,
    Call,
)
from samsyn.applications.selectors.access import applicant_memberships, may_write_application
from samsyn.applications.services.calls import call_is_open, deadline_message
from samsyn.applications.services.common import (
    Errors,
    add,
    audit_application_step,
    raise_if,
)
from samsyn.applications.services.submission import submission_errors
from samsyn.audit.models import AuditAction
from samsyn.core.models import Membership, Party, User
from samsyn.core.versioning import StaleEditError, save_versioned
from samsyn.interventions.models import Method, Orientation

SECTION_FIELDS = [
    "call",
    "name",
    "contact_name",
    "contact_email",
    "purpose",
    "goals_text",
    "background",
    "target_group",
    "method",
    "methods",
    "orientation",
    "implementation",
    "follow_up",
    "anchoring",
    "lokus_discussed",
    "lokus_comment",
    "planned_start",
    "planned_end",
    "last_intake_date",
]
TEXT_MAX = 20_000
WITHDRAWABLE = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_PREPARATION,
    ApplicationStatus.RETURNED,
)


@dataclass(frozen=True)
class ApplicationFields:
    """Seed 003's sections; all but the name may be empty in a draft."""

    name: str
    call_id: int | None = None
    contact_name: str = ""
    contact_email: str = ""
    purpose: str = ""
    goals_text: str = ""
    background: str = ""
    target_group: str = ""
    method: str = ""
    methods: tuple[str, ...] = ()
    orientation: str = Orientation.INDIVIDINRIKTAD
    implementation: str = ""
    follow_up: str = ""
    anchoring: str = ""
    lokus_discussed: bool | None = None
    lokus_comment: str = ""
    planned_start: datetime.date | None = None
    planned_end: datetime.date | None = None
    last_intake_date: datetime.date | None = None
    partner_party_ids: tuple[int, ...] = ()


# --- access --------------------------------------------------------------------------------


def applicant_membership(actor: User, party_id: int | None = None) -> Membership:
    """The membership the actor applies through (the one naming ``party_id`` when given;
    otherwise the only one). A user without the right gets 404."""
    memberships = applicant_memberships(actor).select_related("forbund", "party")
    if party_id is not None:
        memberships = memberships.filter(party_id=party_id)
    found = list(memberships[:2])
    if not found:
        raise Http404
    if len(found) > 1 and party_id is None:
        raise ValidationError({"party": [_("Välj vilken part du söker för.")]}, code="choose_party")
    return found[0]


def writable_application(actor: User, application_id: int) -> Application:
    """The application, locked, if the actor may write it now. Outside the actor's party it
    is 404; a submitted one of the own party is refused with a message."""
    application = (
        Application.objects.select_for_update()
        .filter(
            pk=application_id,
            forbund_id__in=applicant_memberships(actor).values("forbund_id"),
            applicant_party_id__in=applicant_memberships(actor).values("party_id"),
        )
        .first()
    )
    if application is None:
        raise Http404
    if not may_write_application(actor, application):
        raise ValidationError(
            _("Ansökan är inskickad och kan inte längre ändras."), code="not_draft"
        )
    return application


def audit_applicant_step(
    actor: User, application: Application, action: AuditAction, detail: str
) -> None:
    role = (
        applicant_memberships(actor)
        .filter(party_id=application.applicant_party_id)
        .values_list("role", flat=True)
        .first()
    )
    audit_application_step(
        actor=actor,
        action=action,
        forbund=application.forbund,
        obj=application,
        detail=f"{detail}: {application.name}",
        role=role or "",
    )


# --- validation ----------------------------------------------------------------------------


def _call_errors(call_id: int | None, forbund_id: int, errors: Errors) -> Call | None:
    if call_id is None:
        return None
    call = Call.objects.filter(pk=call_id, forbund_id=forbund_id, is_published=True).first()
    if call is None:
        add(errors, "call", _("Välj en av förbundets publicerade utlysningar."))
    elif not call_is_open(call):
        add(errors, "call", deadline_message(call))
    return call


def _text_errors(fields: ApplicationFields, errors: Errors) -> None:
    if not fields.name.strip():
        add(errors, "name", _("Ange insatsens namn."))
    for name in ("name", "contact_name"):
        if len(getattr(fields, name)) > 200:
            add(errors, name, _("Texten får vara högst 200 tecken."))
    for name in ("purpose", "goals_text", "background", "target_group", "method"):
        if len(getattr(fields, name)) > TEXT_MAX:
            add(errors, name, _("Texten är för lång."))
    if fields.contact_email:
        try:
            validate_email(fields.contact_email)
        except ValidationError:
            add(errors, "contact_email", _("Ange en giltig e-postadress."))
    if not set(fields.methods) <= set(Method.values):
        add(errors, "methods", _("Välj metoderna i listan."))
    if fields.orientation not in Orientation.values:
        add(errors, "orientation", _("Välj individinriktad eller strukturövergripande."))


def _date_errors(fields: ApplicationFields, errors: Errors) -> None:
    start, end, intake = fields.planned_start, fields.planned_end, fields.last_intake_date
    if start and end and end < start:
        add(errors, "planned_end", _("Slutdatum kan inte vara före startdatum."))
    if intake and start and intake < start:
        add(errors, "last_intake_date", _("Sista intag kan inte vara före startdatum."))
    if intake and end and intake > end:
        add(errors, "last_intake_date", _("Sista intag kan inte vara efter slutdatum."))


def _partners(fields: ApplicationFields, application_party: Party, errors: Errors) -> QuerySet:
    ids = set(fields.partner_party_ids) - {application_party.pk}
    partners = Party.objects.filter(pk__in=ids, forbund_id=application_party.forbund_id)
    if len(ids) > 50 or partners.filter(is_active=True).count() != len(ids):
        add(errors, "partner_parties", _("Välj samverkansparterna bland förbundets parter."))
    return partners


def _clean(fields: ApplicationFields, party: Party, current_call_id: int | None) -> QuerySet:
    errors: Errors = {}
    _text_errors(fields, errors)
    _date_errors(fields, errors)
    if fields.call_id != current_call_id:
        _call_errors(fields.call_id, party.forbund_id, errors)
    partners = _partners(fields, party, errors)
    raise_if(errors)
    return partners


def _apply(application: Application, fields: ApplicationFields) -> None:
    for name in SECTION_FIELDS:
        if name == "call":
            application.call_id = fields.call_id
        elif name == "methods":
            application.methods = list(fields.methods)
        elif name in ("name", "contact_name", "contact_email"):
            setattr(application, name, getattr(fields, name).strip())
        else:
            setattr(application, name, getattr(fields, name))


# --- writes --------------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *, actor: User, fields: ApplicationFields, party_id: int | None = None
) -> Application:
    """Start a new application (kind "ny") as a draft for the actor's party."""
    membership = applicant_membership(actor, party_id)
    party = membership.party
    assert party is not None  # an applicant membership names its party (DB constraint)
    partners = _clean(fields, party, None)
    application = Application(
        forbund=membership.forbund,
        kind=ApplicationKind.NEW,
        applicant_party=party,
        created_by=actor,
    )
    _apply(application, fields)
    application.save()
    application.partner_parties.set(partners)
    audit_applicant_step(actor, application, AuditAction.CREATE, "Ansökan påbörjad")
    return application


@transaction.atomic
def application_update(
    *, actor: User, application_id: int, expected_version: int, fields: ApplicationFields
) -> Application:
    """Save the sections of a draft (or of one returned for completion)."""
    application = writable_application(actor, application_id)
    partners = _clean(fields, application.applicant_party, application.call_id)
    _apply(application, fields)
    save_versioned(application, expected_version=expected_version, fields=SECTION_FIELDS)
    application.partner_parties.set(partners)
    audit_applicant_step(actor, application, AuditAction.UPDATE, "Ansökan sparad")
    return application


@transaction.atomic
def application_submit(*, actor: User, application_id: int, expected_version: int) -> Application:
    """Submit: everything required must be there, or nothing changes and the message lists
    what is missing."""
    application = writable_application(actor, application_id)
    if application.version != expected_version:
        raise StaleEditError
    raise_if(submission_errors(application))
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_on = timezone.localdate()
    save_versioned(
        application, expected_version=expected_version, fields=["status", "submitted_on"]
    )
    audit_applicant_step(actor, application, AuditAction.UPDATE, "Ansökan inskickad")
    return application


@transaction.atomic
def application_withdraw(*, actor: User, application_id: int, expected_version: int) -> Application:
    """Withdraw (återkalla) an application before it is decided."""
    application = (
        Application.objects.select_for_update()
        .filter(
            pk=application_id,
            forbund_id__in=applicant_memberships(actor).values("forbund_id"),
            applicant_party_id__in=applicant_memberships(actor).values("party_id"),
        )
        .first()
    )
    if application is None:
        raise Http404
    if application.status not in WITHDRAWABLE:
        raise ValidationError(
            _("Ansökan är redan beslutad eller återkallad och kan inte återkallas."),
            code="not_withdrawable",
        )
    application.status = ApplicationStatus.WITHDRAWN
    save_versioned(application, expected_version=expected_version, fields=["status"])
    audit_applicant_step(actor, application, AuditAction.UPDATE, "Ansökan återkallad")
    return application
