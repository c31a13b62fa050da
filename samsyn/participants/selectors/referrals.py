"""Reads of referrals: one referral (a refused attempt is logged), the staff's list and the
handläggare's own list. Each starts from samsyn/participants/selectors/scoping.py."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.models import Referral
from samsyn.participants.selectors.scoping import referrals_visible_to
from samsyn.participants.services.audit import audit_participant, audit_refused_access


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
        audit_refused_access(actor=actor, model=Referral, pk=referral_id)
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
    """'Mina anvisningar': the referrals the actor made that it may still see."""
    referrals = referrals_visible_to(actor).filter(referred_by=actor)
    if status:
        referrals = referrals.filter(status=status)
    return _referral_related(referrals).order_by("-referred_on", "-id")
