"""Reads of consents, starting from samsyn/participants/selectors/scoping.py."""

from __future__ import annotations

from django.http import Http404

from samsyn.core.models import User
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
        .prefetch_related("parties")
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
