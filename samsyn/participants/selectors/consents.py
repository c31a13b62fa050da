"""Reads of consents, starting from samsyn/participants/selectors/scoping.py."""

from __future__ import annotations

from django.http import Http404

from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.participants.models import Consent, Person
from samsyn.participants.selectors.scoping import consents_visible_to


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
