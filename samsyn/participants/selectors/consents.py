"""Reads of consents, starting from samsyn/participants/selectors/scoping.py."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.http import Http404

from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.interventions.models import Intervention
from samsyn.participants.models import Consent, Person, Referral, Registration
from samsyn.participants.selectors.scoping import consents_visible_to, referrals_visible_to
from samsyn.participants.services.audit import (
    REFUSED_DETAIL,
    audit_participant,
    audit_refused_access,
)

WITHDRAW_PAGE_DETAIL = "Återkallelse av samtycke visad"


def consent_get(*, actor: User, consent_id: int, refused_detail: str = REFUSED_DETAIL) -> Consent:
    """One consent the actor may see, or 404; a refused attempt on an existing consent is
    logged (``refused_detail``). The caller logs what it does with the consent."""
    consent = (
        consents_visible_to(actor)
        .select_related("person", "intervention", "intervention__forbund")
        .filter(pk=consent_id)
        .first()
    )
    if consent is None:
        audit_refused_access(actor=actor, model=Consent, pk=consent_id, detail=refused_detail)
        raise Http404
    return consent


def consent_shown(*, actor: User, consent: Consent, detail: str = WITHDRAW_PAGE_DETAIL) -> None:
    """Log that a page shows the consent's person (the withdraw page shows the name)."""
    audit_participant(
        actor=actor,
        action=AuditAction.VIEW,
        person=consent.person,
        intervention=consent.intervention,
        obj=consent,
        detail=detail,
    )


def consent_list_for(*, actor: User, person: Person, intervention: Intervention) -> list[Consent]:
    """The person's consents in the intervention with their parties, newest first."""
    return list(
        consents_visible_to(actor)
        .filter(person=person, intervention=intervention)
        .prefetch_related("parties", "recipients")
        .order_by("-valid_from", "-id")
    )


def latest_registration_of(*, consent: Consent) -> Registration | None:
    """The newest registration the consent covers (the consent was read in scope)."""
    return consent.registrations.order_by("-start_date").first()


def latest_referral_for(*, actor: User, consent: Consent) -> Referral | None:
    """The actor's newest visible referral of the consent's person to its intervention."""
    return (
        referrals_visible_to(actor)
        .filter(person_id=consent.person_id, intervention_id=consent.intervention_id)
        .order_by("-referred_on", "-id")
        .first()
    )


def consent_covers(
    *,
    registration: Registration,
    on: datetime.date,
    party: Party | None = None,
    category: str = "",
    name: str = "",
) -> bool:
    """Whether a consent of the registration's person in its intervention, active on ``on``,
    names ``party`` or the recipient (``category`` and ``name``, compared without case).

    An anonymous registration has no consent and covers nobody. One query.
    """
    consents = Consent.objects.filter(
        person_id=registration.person_id,
        intervention_id=registration.intervention_id,
        valid_from__lte=on,
    ).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on),
    )
    if party is not None:
        return consents.filter(parties=party).exists()
    return consents.filter(
        recipients__category=category, recipients__name__iexact=name.strip()
    ).exists()
