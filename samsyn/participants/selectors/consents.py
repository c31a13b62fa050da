"""Reads of consents, starting from samsyn/participants/selectors/scoping.py."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.http import Http404

from samsyn.core.models import Party, User
from samsyn.interventions.models import Intervention
from samsyn.participants.models import Consent, Person, Referral, Registration
from samsyn.participants.selectors.scoping import consents_visible_to, referrals_visible_to


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
