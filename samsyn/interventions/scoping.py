"""Which interventions a user may see.

Förbund-wide roles (administrator, styrgrupp) see every intervention of their förbund as a
name and figures. A granskare sees the access log and nothing else (DOMAIN.md), so no
interventions through that role. Intervention roles (insatsansvarig, coach, handläggare) see
the interventions their membership names, or all of the förbund's when it names none.
Which participants inside an intervention they see is decided by the participants app.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from samsyn.core.models import Membership, User
from samsyn.core.roles import FORBUND_WIDE_ROLES, Role
from samsyn.interventions.models import Intervention

__all__ = ["FORBUND_WIDE_ROLES", "interventions_visible_to"]


def interventions_visible_to(user: User, *roles: Role) -> QuerySet[Intervention]:
    """Interventions reachable through the user's active memberships (in one of ``roles``)."""
    if not user.is_authenticated or not user.is_active:
        return Intervention.objects.none()
    memberships = Membership.objects.filter(user=user, is_active=True)
    if roles:
        memberships = memberships.filter(role__in=roles)
    unlimited = memberships.filter(
        Q(role__in=FORBUND_WIDE_ROLES) | Q(interventions__isnull=True)
    ).values("forbund_id")
    named = memberships.exclude(role__in=FORBUND_WIDE_ROLES).values("interventions")
    return Intervention.objects.filter(Q(forbund_id__in=unlimited) | Q(id__in=named))
