"""Reads of participant data. Each starts from samsyn/participants/scoping.py.

Reading one participant's record writes a view event; lists write one event per list view
(not per row) naming no participant, so a caseload page stays one insert.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Membership, Party, User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention, InterventionStatus, Orientation
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.audit import audit_participant
from samsyn.participants.models import Consent, Person, Referral, Registration
from samsyn.participants.scoping import (
    consents_visible_to,
    referrals_visible_to,
    registrations_visible_to,
)


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
        _log_refused(actor=actor, registration_id=registration_id)
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


def _log_refused(*, actor: User, registration_id: int) -> None:
    """An attempt to open a registration outside one's scope is itself logged.

    A handläggare whose consent has ended must leave a trace when they try again; the event
    names the registration only when it exists, and the answer is 404 either way.
    """
    registration = (
        Registration.objects.select_related("person", "intervention__forbund")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    audit_participant(
        actor=actor,
        action=AuditAction.VIEW,
        person=registration.person,
        intervention=registration.intervention,
        obj=registration,
        detail="Åtkomst nekad: utanför behörighet eller samtycke",
    )


# --- Intake: referrals, consents, choices for the intake forms ------------------------------


def is_intervention_staff(*, actor: User, intervention_id: int) -> bool:
    """Insatsansvarig or coach of the intervention: may decide, consent and register."""
    staff = interventions_visible_to(actor, Role.INSATSANSVARIG, Role.COACH)
    return staff.filter(pk=intervention_id).exists()


def referral_interventions_for(*, actor: User) -> QuerySet[Intervention]:
    """Individinriktade interventions the actor may refer to (or register in, as staff)."""
    roles = (Role.HANDLAGGARE, Role.INSATSANSVARIG, Role.COACH)
    return (
        interventions_visible_to(actor, *roles)
        .filter(orientation=Orientation.INDIVIDINRIKTAD)
        .exclude(status=InterventionStatus.AVSLUTAD)
        .select_related("forbund")
        .order_by("name")
    )


def registration_interventions_for(*, actor: User) -> QuerySet[Intervention]:
    """Interventions where the actor may register a person directly (staff only)."""
    return (
        interventions_visible_to(actor, Role.INSATSANSVARIG, Role.COACH)
        .filter(orientation=Orientation.INDIVIDINRIKTAD)
        .exclude(status=InterventionStatus.AVSLUTAD)
        .select_related("forbund")
        .order_by("name")
    )


def referring_parties_for(*, actor: User, intervention: Intervention) -> QuerySet[Party]:
    """The parties ``actor`` may refer for: any active party of the förbund for the
    intervention's staff (entering a team's referral), otherwise the handläggare's own."""
    parties = Party.objects.filter(forbund_id=intervention.forbund_id, is_active=True)
    if is_intervention_staff(actor=actor, intervention_id=intervention.pk):
        return parties
    own = Membership.objects.filter(
        user=actor,
        is_active=True,
        role=Role.HANDLAGGARE,
        forbund_id=intervention.forbund_id,
    ).filter(Q(interventions__isnull=True) | Q(interventions=intervention))
    return parties.filter(id__in=own.values("party_id"))


def coaches_for(*, intervention: Intervention) -> QuerySet[User]:
    """Active users holding the coach role for the intervention."""
    memberships = Membership.objects.filter(
        is_active=True, role=Role.COACH, forbund_id=intervention.forbund_id
    ).filter(Q(interventions__isnull=True) | Q(interventions=intervention))
    return User.objects.filter(is_active=True, id__in=memberships.values("user_id")).order_by(
        "first_name", "last_name", "username"
    )


def _referral_related(queryset: QuerySet[Referral]) -> QuerySet[Referral]:
    return queryset.select_related(
        "person", "intervention", "intervention__forbund", "referring_party", "team", "referred_by"
    )


def referral_get(*, actor: User, referral_id: int, audit: bool = True) -> Referral:
    """One referral the actor may see, or 404 (a refused attempt is logged)."""
    referral = (
        _referral_related(referrals_visible_to(actor))
        .select_related("registration")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        _log_refused_referral(actor=actor, referral_id=referral_id)
        raise Http404
    if audit:
        audit_participant(
            actor=actor,
            action=AuditAction.VIEW,
            person=referral.person,
            intervention=referral.intervention,
            obj=referral,
        )
    return referral


def _log_refused_referral(*, actor: User, referral_id: int) -> None:
    referral = (
        Referral.objects.select_related("person", "intervention__forbund")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        return
    audit_participant(
        actor=actor,
        action=AuditAction.VIEW,
        person=referral.person,
        intervention=referral.intervention,
        obj=referral,
        detail="Åtkomst nekad: utanför behörighet eller samtycke",
    )


def referral_list_for_staff(
    *, actor: User, status: str = "", intervention_id: int | None = None
) -> QuerySet[Referral]:
    """Referrals of the interventions the actor works in (insatsansvarig or coach)."""
    staff = interventions_visible_to(actor, Role.INSATSANSVARIG, Role.COACH).values("id")
    referrals = referrals_visible_to(actor).filter(intervention_id__in=staff)
    if status:
        referrals = referrals.filter(status=status)
    if intervention_id is not None:
        referrals = referrals.filter(intervention_id=intervention_id)
    return _referral_related(referrals).order_by("referred_on", "id")


def referral_list_mine(*, actor: User, status: str = "") -> QuerySet[Referral]:
    """'Mina remisser': the referrals the actor made that it may still see."""
    referrals = referrals_visible_to(actor).filter(referred_by=actor)
    if status:
        referrals = referrals.filter(status=status)
    return _referral_related(referrals).order_by("-referred_on", "-id")


def audit_list_view(*, actor: User, interventions: list[Intervention], detail: str) -> None:
    """One event per list view, naming no participant (see the module docstring)."""
    forbund_ids = {intervention.forbund_id for intervention in interventions}
    forbund = interventions[0].forbund if len(forbund_ids) == 1 else None
    audit_record(actor=actor, action=AuditAction.VIEW, forbund=forbund, detail=detail)


def consent_get(*, actor: User, consent_id: int) -> Consent:
    consent = (
        consents_visible_to(actor)
        .select_related("person", "intervention", "intervention__forbund")
        .filter(pk=consent_id)
        .first()
    )
    if consent is None:
        raise Http404
    return consent


def consent_list_for(*, actor: User, person: Person, intervention: Intervention) -> list[Consent]:
    """The person's consents in the intervention with their parties, newest first."""
    return list(
        consents_visible_to(actor)
        .filter(person=person, intervention=intervention)
        .prefetch_related("parties")
        .order_by("-valid_from", "-id")
    )
