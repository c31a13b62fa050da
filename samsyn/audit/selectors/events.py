"""Reads of the access log and its reviews. Only a granskare sees any of it.

A granskare sees the log of every förbund where they hold an active granskare membership:
the events recorded for that förbund, plus the events that belong to no förbund (log-ins,
log-outs, failed log-ins, changes to one's own account) when the person behind them is a
member of that förbund. Everybody else sees nothing, and the pages answer 404.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from samsyn.audit.models import AuditEvent
from samsyn.core.models import Forbund, Membership, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import ForbundIds, forbund_ids_for

# Dates typed by a reviewer are Swedish calendar dates, whatever the server's time zone.
STOCKHOLM = ZoneInfo("Europe/Stockholm")

# Ids longer than this cannot be a database id; matching them would overflow on SQLite.
_MAX_ID_DIGITS = 18


def granskare_forbund_ids(user: User) -> ForbundIds:
    """Ids (as a subquery) of the förbund whose log ``user`` may review."""
    return forbund_ids_for(user, Role.GRANSKARE)


def reviewable_forbunds_for(user: User) -> QuerySet[Forbund]:
    """The förbund whose log ``user`` reviews; empty for everyone but a granskare."""
    return Forbund.objects.filter(id__in=granskare_forbund_ids(user)).order_by("name")


def audit_events_of_forbunds(
    forbund_ids: QuerySet[Any] | Iterable[int],
) -> QuerySet[AuditEvent]:
    """Events of the given förbund, and förbund-less events of their members.

    Membership here includes inactive memberships: a former member's log-ins from the time
    they worked in the förbund still belong in its review. Everything is a subquery, so no
    row is duplicated however many memberships a person holds.
    """
    members = Membership.objects.filter(forbund_id__in=forbund_ids)
    member_ids = members.values("user_id")
    member_usernames = User.objects.filter(id__in=members.values("user_id")).values("username")
    return AuditEvent.objects.filter(
        Q(forbund_id__in=forbund_ids)
        | Q(forbund__isnull=True, actor_id__in=member_ids)
        # Failed log-ins carry only the user name that was typed.
        | Q(forbund__isnull=True, actor__isnull=True, actor_username__in=member_usernames)
    )


def audit_events_visible_to(user: User) -> QuerySet[AuditEvent]:
    if not user.is_authenticated:
        return AuditEvent.objects.none()
    return audit_events_of_forbunds(granskare_forbund_ids(user))


@dataclass(frozen=True)
class AuditEventFilters:
    """What a reviewer narrowed the log to. Empty values mean "any"."""

    user: str = ""
    participant_ref: str = ""
    intervention_id: int | None = None
    action: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def as_criteria(self) -> dict[str, Any]:
        """A JSON-safe record of the filters, stored with a review."""
        data = asdict(self)
        for key in ("date_from", "date_to"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        return data


def stockholm_day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=STOCKHOLM)


def audit_event_filter(
    queryset: QuerySet[AuditEvent], filters: AuditEventFilters
) -> QuerySet[AuditEvent]:
    """Narrow ``queryset`` by the reviewer's filters; dates are whole Swedish days."""
    if filters.user:
        by_user = Q(actor_username__icontains=filters.user)
        if filters.user.isdigit() and len(filters.user) <= _MAX_ID_DIGITS:
            by_user |= Q(actor_id=int(filters.user))
        queryset = queryset.filter(by_user)
    if filters.participant_ref:
        queryset = queryset.filter(participant_ref=filters.participant_ref)
    if filters.intervention_id is not None:
        queryset = queryset.filter(intervention_id=filters.intervention_id)
    if filters.action:
        queryset = queryset.filter(action=filters.action)
    if filters.date_from is not None:
        queryset = queryset.filter(occurred_at__gte=stockholm_day_start(filters.date_from))
    if filters.date_to is not None:
        next_day = filters.date_to + datetime.timedelta(days=1)
        queryset = queryset.filter(occurred_at__lt=stockholm_day_start(next_day))
    return queryset


def audit_event_list(*, user: User, filters: AuditEventFilters) -> QuerySet[AuditEvent]:
    """The events ``user`` may review, filtered, newest first, ready for a table."""
    return (
        audit_event_filter(audit_events_visible_to(user), filters)
        .select_related("forbund", "intervention")
        .order_by("-occurred_at", "-id")
    )
