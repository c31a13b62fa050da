"""Beredning: the förbund's staff prepare a submitted application.

They take it into preparation, write internal comments (never shown to the applicant), send
questions back to the applicant (the application waits in "komplettering" until the
applicant answers, then returns to beredning) and write the recommendation to the deciding
body. Every step checks who acts (404 outside scope), validates in Swedish and is audited.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.applications.models import (
    Application,
    ApplicationStatus,
    DecisionOutcome,
    NoteKind,
    PreparationNote,
)
from samsyn.applications.selectors.access import applicant_memberships, is_staff_of
from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.versioning import StaleEditError, save_versioned

MAX_NOTE = 5000
APPLICANT_ROLE = "sokande"
# Where staff may still comment: from submission until the decision.
OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_PREPARATION,
    ApplicationStatus.RETURNED,
)


def require_staff(actor: User, application: Application) -> None:
    """Only the förbund's staff prepare and decide; anyone else gets a 404."""
    if not is_staff_of(actor, application.forbund_id):
        raise Http404


def is_applicant_of(actor: User, application: Application) -> bool:
    return (
        applicant_memberships(actor)
        .filter(forbund_id=application.forbund_id, party_id=application.applicant_party_id)
        .exists()
    )


def audit_application(
    *,
    actor: User,
    role: str,
    action: AuditAction,
    application: Application,
    detail: str,
    obj: object | None = None,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=application.forbund,
        intervention=application.intervention,
        role=role,
        obj=obj if obj is not None else application,  # type: ignore[arg-type]
        detail=detail[:255],
    )


def set_status(application: Application, status: str) -> None:
    """Move the application to ``status`` unless someone moved it meanwhile (refused)."""
    application.status = status
    save_versioned(application, expected_version=application.version, fields=["status"])


def _clean_text(text: str, *, field: str = "text") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: [_("Skriv en text.")]})
    if len(text) > MAX_NOTE:
        raise ValidationError({field: [_("Texten får vara högst 5 000 tecken.")]})
    return text


@transaction.atomic
def preparation_start(*, actor: User, application: Application) -> Application:
    """A submitted application is taken into beredning."""
    require_staff(actor, application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(
            _("Bara en inskickad ansökan kan tas upp till beredning."), code="state"
        )
    set_status(application, ApplicationStatus.IN_PREPARATION)
    audit_application(
        actor=actor,
        role=Role.FORBUNDSADMIN.value,
        action=AuditAction.UPDATE,
        application=application,
        detail="Ansökan tagen till beredning",
    )
    return application


@transaction.atomic
def preparation_note_add(
    *, actor: User, application: Application, kind: str, text: str
) -> PreparationNote:
    """An internal comment, or a question to the applicant (the application then waits for
    the answer in "komplettering")."""
    require_staff(actor, application)
    if kind not in (NoteKind.COMMENT, NoteKind.QUESTION):
        raise ValidationError({"kind": [_("Välj kommentar eller fråga till sökande.")]})
    if application.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Ansökan är inte under beredning och kan inte längre kommenteras."), code="state"
        )
    clean = _clean_text(text)
    note = PreparationNote.objects.create(
        application=application, kind=kind, text=clean, author=actor
    )
    if kind == NoteKind.QUESTION and application.status != ApplicationStatus.RETURNED:
        set_status(application, ApplicationStatus.RETURNED)
    detail = "Fråga till sökande" if kind == NoteKind.QUESTION else "Beredningskommentar"
    audit_application(
        actor=actor,
        role=Role.FORBUNDSADMIN.value,
        action=AuditAction.CREATE,
        application=application,
        obj=note,
        detail=detail,
    )
    return note


@transaction.atomic
def preparation_answer_add(*, actor: User, application: Application, text: str) -> PreparationNote:
    """The applicant answers the förbund's questions; the application returns to beredning."""
    if not is_applicant_of(actor, application):
        raise Http404
    if application.status != ApplicationStatus.RETURNED:
        raise ValidationError(
            _("Förbundet väntar inte på något svar på den här ansökan."), code="state"
        )
    clean = _clean_text(text)
    note = PreparationNote.objects.create(
        application=application, kind=NoteKind.ANSWER, text=clean, author=actor
    )
    set_status(application, ApplicationStatus.IN_PREPARATION)
    audit_application(
        actor=actor,
        role=APPLICANT_ROLE,
        action=AuditAction.CREATE,
        application=application,
        obj=note,
        detail="Svar från sökande",
    )
    return note


@transaction.atomic
def recommendation_set(
    *,
    actor: User,
    application: Application,
    expected_version: int,
    recommendation: str,
    text: str,
) -> Application:
    """The staff's proposal to the deciding body: an outcome and its motivation."""
    require_staff(actor, application)
    if application.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Förslag till beslut kan bara skrivas innan ansökan är beslutad."), code="state"
        )
    errors: dict[str, list[str]] = {}
    if recommendation not in DecisionOutcome.values:
        errors["recommendation"] = [_("Välj ett förslag till beslut.")]
    try:
        clean = _clean_text(text, field="recommendation_text")
    except ValidationError as error:
        errors.update(error.message_dict)
        clean = ""
    if errors:
        raise ValidationError(errors)
    application.recommendation = recommendation
    application.recommendation_text = clean
    if expected_version != application.version:
        raise StaleEditError()
    save_versioned(
        application,
        expected_version=expected_version,
        fields=["recommendation", "recommendation_text"],
    )
    audit_application(
        actor=actor,
        role=Role.FORBUNDSADMIN.value,
        action=AuditAction.UPDATE,
        application=application,
        detail=f"Förslag till beslut: {recommendation}",
    )
    return application
