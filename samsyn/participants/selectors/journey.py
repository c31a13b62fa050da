"""Reads of one registration's journey records (activities, notes, ratings, sub-goals) and
of the intervention's choices a journey record refers to (phases, ladder steps, activity
types).

The registration comes from ``registration_get`` (samsyn/participants/selectors/
registrations.py), so scope is decided there and the caller writes the view event.
"""

from __future__ import annotations

from django.db.models import QuerySet

from samsyn.interventions.models import (
    ActivityType,
    Intervention,
    LadderStep,
    Phase,
    ProgressionIndicator,
)
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    IndicatorRating,
    JournalNote,
    Registration,
    SubGoal,
)


def activities_of(*, registration: Registration) -> QuerySet[Activity]:
    return Activity.objects.filter(registration=registration).select_related(
        "activity_type", "recorded_by"
    )


def journal_notes_of(*, registration: Registration) -> list[JournalNote]:
    return list(JournalNote.objects.filter(registration=registration).select_related("author"))


def indicator_ratings_of(*, registration: Registration) -> QuerySet[IndicatorRating]:
    """Oldest first, so that grouping by date keeps the indicators' order."""
    return (
        IndicatorRating.objects.filter(registration=registration)
        .select_related("indicator")
        .order_by("rated_on", "indicator__order", "indicator__name", "id")
    )


def sub_goals_of(*, plan: ActionPlan | None) -> list[SubGoal]:
    if plan is None:
        return []
    return list(SubGoal.objects.filter(plan=plan).select_related("responsible_party"))


def registration_id_of_sub_goal(*, sub_goal_id: int) -> int | None:
    """Only the parent's id, read without scope: the caller then asks the scope (404 logged,
    or 403) before anything of the sub-goal is shown or changed."""
    return (
        SubGoal.objects.filter(pk=sub_goal_id)
        .values_list("plan__registration_id", flat=True)
        .first()
    )


def activity_types_of(*, forbund_id: int) -> QuerySet[ActivityType]:
    """Every activity type of the förbund (the ids an activity may refer to)."""
    return ActivityType.objects.filter(forbund_id=forbund_id)


def active_activity_types(*, intervention: Intervention) -> QuerySet[ActivityType]:
    """The active activity types the intervention offers (its way of working decides)."""
    return ActivityType.objects.filter(
        forbund_id=intervention.forbund_id,
        is_active=True,
        approach__in=intervention.activity_approaches,
    ).order_by("name")


def phases_of(*, intervention_id: int) -> QuerySet[Phase]:
    return Phase.objects.filter(intervention_id=intervention_id)


def ladder_steps_of(*, intervention_id: int) -> QuerySet[LadderStep]:
    return LadderStep.objects.filter(intervention_id=intervention_id)


def indicators_of(*, intervention_id: int) -> QuerySet[ProgressionIndicator]:
    return ProgressionIndicator.objects.filter(intervention_id=intervention_id).order_by(
        "order", "name", "id"
    )
