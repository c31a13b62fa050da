"""Reads of organisation data, always through the scoping functions."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from samsyn.core.models import Membership, User
from samsyn.core.selectors.intervention_scope import interventions_by_name


def membership_list_for_user(*, user: User) -> list[Membership]:
    """The user's own active roles, with förbund, party and named interventions loaded."""
    if not user.is_authenticated:
        return []
    queryset: QuerySet[Membership] = (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("forbund", "party")
        .prefetch_related(Prefetch("interventions", queryset=interventions_by_name()))
        .order_by("forbund__name", "role")
    )
    return list(queryset)


def users_matching_oidc_claim(value: str) -> QuerySet[User]:
    """The active account whose e-mail address is ``value``; none unless exactly one matches
    (two accounts sharing an address is ambiguous, and ambiguity never signs anyone in)."""
    if not value.strip():
        return User.objects.none()
    matches = User.objects.filter(email__iexact=value.strip(), is_active=True)
    if matches.count() != 1:
        return User.objects.none()
    return matches
