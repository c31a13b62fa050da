"""Reads of one registration, and the audit event of a list view. Each read starts from
samsyn/participants/selectors/scoping.py.

Reading one participant's record writes a view event; lists write one event per person
shown, in one insert, so a list page stays constant in queries and "who saw person X" finds
it (an empty list is one event naming no participant).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import ShownParticipant, audit_participants_shown, audit_record
from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.participants.models import Referral, Registration
from samsyn.participants.selectors.scoping import (
    PERSON_FIELDS_NOT_LISTED,
    registrations_visible_to,
)
from samsyn.participants.services.audit import audit_participant, audit_refused_access


def registration_get(*, actor: User, registration_id: int, audit: bool = True) -> Registration:
    """One registration the actor may see, or 404. Logs the view unless ``audit`` is False
    (for a write that logs its own event)."""
    registration = (
        registrations_visible_to(actor)
        .select_related(
            "person", "intervention", "intervention__forbund", "coach", "referring_party"
        )
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        audit_refused_access(actor=actor, model=Registration, pk=registration_id)
        raise Http404
    if audit:
        audit_participant(
            actor=actor,
            action=AuditAction.VIEW,
            person=registration.person,
            intervention=registration.intervention,
            obj=registration,
        )
    return registration


def audit_list_view(
    *,
    actor: User,
    interventions: list[Intervention],
    detail: str,
    shown: Iterable[Referral | Registration] = (),
) -> None:
    """Log a list view: one event per person ``shown`` (referrals or registrations with
    person and intervention loaded), in one insert; an empty list as one event naming no
    participant (see the module docstring)."""
    written = audit_participants_shown(
        actor=actor,
        role="",
        detail=detail,
        shown=[
            ShownParticipant(
                participant_ref=record.person.pseudonym,
                forbund_id=record.intervention.forbund_id,
                intervention_id=record.intervention_id,
                obj=record,
            )
            for record in shown
        ],
    )
    if written:
        return
    forbund_ids = {intervention.forbund_id for intervention in interventions}
    forbund = interventions[0].forbund if len(forbund_ids) == 1 else None
    audit_record(actor=actor, action=AuditAction.VIEW, forbund=forbund, detail=detail)


def registration_list_for(
    *,
    actor: User,
    today: datetime.date,
    intervention_slug: str | None = None,
    ongoing: bool | None = None,
) -> QuerySet[Registration]:
    """The registrations in the actor's scope, newest start first, optionally of one
    intervention and ongoing or ended. The caller logs the list view (``list_view_audit``)."""
    registrations = registrations_visible_to(actor, today=today)
    if intervention_slug:
        registrations = registrations.filter(intervention__slug=intervention_slug)
    if ongoing is not None:
        registrations = registrations.filter(end_date__isnull=ongoing)
    return (
        registrations.select_related("person", "intervention", "coach", "current_phase")
        .defer(*PERSON_FIELDS_NOT_LISTED)
        .order_by("-start_date", "-id")
    )
