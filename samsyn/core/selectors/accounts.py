"""Reads of organisation data, always through the scoping functions."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone

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


def login_is_locked(*, user: User) -> bool:
    """Whether ``user``'s name is locked out from some address or from everywhere
    (samsyn/core/login_lockout.py), judged over the last ``AXES_COOLOFF_TIME``."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    per_address = list(
        AccessAttempt.objects.filter(username__iexact=user.username, attempt_time__gte=since)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"))
        .order_by()
        .values_list("failures", flat=True)
    )
    return (
        any(failures >= settings.AXES_FAILURE_LIMIT for failures in per_address)
        or sum(per_address) >= settings.SAMSYN_LOCKOUT_ACCOUNT_ATTEMPTS
    )


def users_matching_oidc_claim(value: str) -> QuerySet[User]:
    """The active account whose e-mail address is ``value``; none unless exactly one matches
    (two accounts sharing an address is ambiguous, and ambiguity never signs anyone in)."""
    if not value.strip():
        return User.objects.none()
    matches = User.objects.filter(email__iexact=value.strip(), is_active=True)
    if matches.count() != 1:
        return User.objects.none()
    return matches
