"""Reads of one registration's follow-up records (meetings, job and study starts, incomes
after exit, post-exit follow-ups).

The registration comes from ``registration_get`` (samsyn/participants/selectors/
registrations.py), so scope is decided there and the caller writes the view event.
"""

from __future__ import annotations

from django.db.models import QuerySet

from samsyn.participants.models import (
    FollowUpMeeting,
    PostExitFollowUp,
    Registration,
    RegistrationIncome,
    WorkStart,
)


def follow_up_meetings_of(*, registration: Registration) -> QuerySet[FollowUpMeeting]:
    return FollowUpMeeting.objects.filter(registration=registration).select_related("recorded_by")


def work_starts_of(*, registration: Registration, kind: str = "") -> QuerySet[WorkStart]:
    """Newest first; only jobs or only studies when ``kind`` says so."""
    starts = WorkStart.objects.filter(registration=registration)
    if kind:
        starts = starts.filter(kind=kind)
    return starts.order_by("-start_date", "-id")


def work_start_of(*, registration: Registration, work_start_id: int) -> WorkStart | None:
    """One job or study start of ``registration`` (the caller has checked its scope)."""
    return WorkStart.objects.filter(registration=registration, pk=work_start_id).first()


def incomes_after_exit(*, registration: Registration) -> QuerySet[RegistrationIncome]:
    return registration.incomes.filter(moment="efter").order_by("source")


def post_exit_follow_up_of(
    *, registration: Registration, follow_up_id: int
) -> PostExitFollowUp | None:
    return registration.post_exit_follow_ups.filter(pk=follow_up_id).first()


def registration_id_of_post_exit(*, follow_up_id: int) -> int | None:
    """Only the parent's id, read without scope: the caller then asks the scope (404 logged,
    or 403) before anything of the follow-up is shown or changed."""
    return (
        PostExitFollowUp.objects.filter(pk=follow_up_id)
        .values_list("registration_id", flat=True)
        .first()
    )
