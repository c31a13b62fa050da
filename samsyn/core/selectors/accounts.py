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
