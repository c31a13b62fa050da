"""Who may see which organisation records. Every selector starts from one of these.

A record outside the user's scope is simply not in the queryset, so views answer 404 and
never reveal that it exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from samsyn.core.models import Forbund, Membership, Party, Team, TeamMember, User
from samsyn.core.roles import Role

# A subquery of förbund ids, for ``forbund_id__in=``.
ForbundIds = QuerySet[Membership, Mapping[str, Any]]


def _active(user: User) -> QuerySet[Membership]:
    if not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True)


def forbund_ids_for(user: User, *roles: Role) -> ForbundIds:
    """Ids of förbund where the user holds an active membership (in one of ``roles``)."""
    memberships = _active(user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("forbund_id")


def forbunds_visible_to(user: User) -> QuerySet[Forbund]:
    return Forbund.objects.filter(id__in=forbund_ids_for(user))


def forbunds_administered_by(user: User) -> QuerySet[Forbund]:
    return Forbund.objects.filter(id__in=forbund_ids_for(user, Role.FORBUNDSADMIN))


def parties_visible_to(user: User) -> QuerySet[Party]:
    """Parties are the förbund's public membership: any role of the förbund sees them."""
    return Party.objects.filter(forbund_id__in=forbund_ids_for(user))


def teams_visible_to(user: User) -> QuerySet[Team]:
    return Team.objects.filter(forbund_id__in=forbund_ids_for(user))


def team_members_visible_to(user: User) -> QuerySet[TeamMember]:
    """Team rosters carry contact details: only the förbund's administrators see them."""
    return TeamMember.objects.filter(team__forbund_id__in=forbund_ids_for(user, Role.FORBUNDSADMIN))


def users_visible_to(user: User) -> QuerySet[User]:
    """A förbundsadministratör sees the accounts of its förbund (with a role there or one
    asked for); everybody sees themselves."""
    administered = forbund_ids_for(user, Role.FORBUNDSADMIN)
    if not user.is_authenticated:
        return User.objects.none()
    # An account created with a role that waits for approval has no membership yet.
    return User.objects.filter(
        Q(pk=user.pk)
        | Q(memberships__forbund_id__in=administered)
        | Q(role_grant_requests__forbund_id__in=administered)
    ).distinct()


def memberships_visible_to(user: User) -> QuerySet[Membership]:
    administered = forbund_ids_for(user, Role.FORBUNDSADMIN)
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(Q(user=user) | Q(forbund_id__in=administered))
