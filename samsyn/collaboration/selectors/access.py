"""Who reaches which team's collaboration pages (ISSUE14.md, shared design).

Minimal version written by the ``cases`` branch; the ``meetings`` branch owns this module and
its version wins at the merge (same names and signatures).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samsyn.core.models import Membership, Team, User
from samsyn.core.roles import Role


def _administered_forbund_ids(user: User) -> QuerySet[Membership, Any]:
    return Membership.objects.filter(user=user, is_active=True, role=Role.FORBUNDSADMIN).values(
        "forbund_id"
    )


def teams_visible_to(user: User) -> QuerySet[Team]:
    """Teams where the user holds a seat, plus every team of the förbund they administer."""
    if not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    return Team.objects.filter(
        Q(members__user=user) | Q(forbund_id__in=_administered_forbund_ids(user))
    ).distinct()


def teams_coordinated_by(user: User) -> QuerySet[Team]:
    """Teams where the user's seat is the coordinator's, plus the förbund administered."""
    if not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    return Team.objects.filter(
        Q(members__user=user, members__is_coordinator=True)
        | Q(forbund_id__in=_administered_forbund_ids(user))
    ).distinct()
