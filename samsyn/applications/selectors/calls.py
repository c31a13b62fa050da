"""Reads of calls (utlysningar): the förbund's staff see all of their förbund's calls,
applicants the published ones of their förbund. Outside scope is 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from samsyn.applications.models import Call
from samsyn.applications.selectors.access import applicant_memberships, staff_forbund_ids
from samsyn.core.models import Forbund, User


def calls_visible_to(user: User) -> QuerySet[Call]:
    return Call.objects.filter(
        Q(forbund_id__in=staff_forbund_ids(user))
        | Q(forbund_id__in=applicant_memberships(user).values("forbund_id"), is_published=True)
    )


def call_list(*, actor: User) -> QuerySet[Call]:
    """The calls with the number of applications made to them (drafts included only for
    the förbund's staff count; the page shows the count to staff)."""
    return (
        calls_visible_to(actor)
        .select_related("forbund")
        .annotate(application_count=Count("applications", distinct=True))
        .order_by("-opens_on", "-id")
    )


def call_get(*, actor: User, call_id: int) -> Call:
    call = (
        calls_visible_to(actor).select_related("forbund", "created_by").filter(pk=call_id).first()
    )
    if call is None:
        raise Http404
    return call


def open_calls_for_applicant(*, actor: User) -> QuerySet[Call]:
    """The calls an applicant may apply to today: published, opened, deadline not passed."""
    today = timezone.localdate()
    return (
        Call.objects.filter(
            forbund_id__in=applicant_memberships(actor).values("forbund_id"),
            is_published=True,
            opens_on__lte=today,
        )
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .order_by("deadline", "title")
    )


def staff_forbund(*, actor: User) -> Forbund | None:
    """The förbund a new call belongs to: the administrator's (the first, if several)."""
    return Forbund.objects.filter(pk__in=staff_forbund_ids(actor)).order_by("name").first()
