"""Reads of surveys. The förbundsadministratör sees every survey of the förbund; the
insatsansvarig sees the surveys sent for one of their interventions. Both may manage what
they see (edit, open and close, make links, enter paper forms). Everybody else: 404.

A survey about the förbund itself (no interventions: the board, managers in the
collaboration) is the administrator's only.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbund_ids_for
from samsyn.core.web.http import found_or_404
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.surveys.models import (
    Choice,
    Instrument,
    InstrumentStatus,
    Question,
    RespondentGroup,
    ScaleStep,
    Survey,
    SurveyStatus,
)
from samsyn.surveys.selectors.instruments import instruments_visible_to

SURVEY_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)


def survey_interventions_for(actor: User) -> QuerySet[Intervention]:
    """The interventions the user may send a survey for: all of an administered förbund's,
    and the insatsansvarig's own."""
    return interventions_visible_to(actor, *SURVEY_ROLES)


def surveys_visible_to(user: User) -> QuerySet[Survey]:
    administered = forbund_ids_for(user, Role.FORBUNDSADMIN)
    own = interventions_visible_to(user, Role.INSATSANSVARIG).values("id")
    # A subquery, not a join: a survey with several interventions stays one row.
    with_own = Survey.interventions.through.objects.filter(intervention_id__in=own).values(
        "survey_id"
    )
    return Survey.objects.filter(Q(forbund_id__in=administered) | Q(pk__in=with_own))


def may_create_survey(actor: User) -> bool:
    return forbunds_for_surveys(actor).exists()


def forbunds_for_surveys(actor: User) -> QuerySet[Forbund]:
    return Forbund.objects.filter(id__in=forbund_ids_for(actor, *SURVEY_ROLES)).order_by("name")


def is_forbund_admin(actor: User, forbund_id: int) -> bool:
    return forbund_ids_for(actor, Role.FORBUNDSADMIN).filter(forbund_id=forbund_id).exists()


def survey_list(*, actor: User) -> QuerySet[Survey]:
    """The visible surveys with their number of answers so far (one query)."""
    return (
        surveys_visible_to(actor)
        .select_related("forbund", "instrument")
        .annotate(answer_count=Count("responses", distinct=True))
        .order_by("-period_from", "name", "id")
    )


def survey_get(*, actor: User, survey_id: int) -> Survey:
    """The survey with its answer count and interventions, or 404."""
    found = (
        survey_list(actor=actor)
        .prefetch_related(Prefetch("interventions", queryset=Intervention.objects.order_by("name")))
        .filter(pk=survey_id)
        .first()
    )
    return found_or_404(found)


def survey_token_counts(survey: Survey) -> dict[str, int]:
    """How many links were made and how many are used (one query)."""
    counts = survey.tokens.aggregate(made=Count("id"), used=Count("id", filter=Q(used=True)))
    return {"made": counts["made"] or 0, "used": counts["used"] or 0}


def instruments_for_surveys(actor: User) -> QuerySet[Instrument]:
    """Published instruments the user may send: the förbund's own and the shipped ones."""
    return (
        instruments_visible_to(actor)
        .filter(status=InstrumentStatus.PUBLISHED)
        .select_related("forbund")
        .order_by("name", "-version")
    )


def form_questions(survey: Survey) -> list[Question]:
    """The questions of the survey's form: the instrument's questions asked of the survey's
    respondent group, in order, with their steps and choices (three queries)."""
    return list(
        survey.instrument.questions.filter(groups__group=survey.respondent_group)
        .prefetch_related(
            Prefetch("scale_steps", queryset=ScaleStep.objects.order_by("order", "value")),
            Prefetch("choices", queryset=Choice.objects.order_by("order", "value")),
        )
        .order_by("order", "id")
    )


def instrument_has_group(instrument: Instrument, group: str) -> bool:
    return instrument.questions.filter(groups__group=group).exists()


def open_exit_surveys(*, actor: User, intervention_id: int) -> list[Survey]:
    """Open surveys for participants at exit that include this intervention, for the exit
    page: any of the intervention's staff who records exits may hand over the form."""
    staff = interventions_visible_to(
        actor, Role.FORBUNDSADMIN, Role.INSATSANSVARIG, Role.COACH
    ).filter(pk=intervention_id)
    if not staff.exists():
        return []
    return list(
        Survey.objects.filter(
            interventions=intervention_id,
            status=SurveyStatus.OPEN,
            respondent_group=RespondentGroup.PARTICIPANT_EXIT,
        ).order_by("name", "id")
    )


def exit_survey_get(*, actor: User, survey_id: int) -> Survey:
    """An open exit survey of one of the user's interventions (as its staff), or 404."""
    staff = interventions_visible_to(
        actor, Role.FORBUNDSADMIN, Role.INSATSANSVARIG, Role.COACH
    ).values("id")
    found = (
        Survey.objects.filter(
            pk=survey_id,
            status=SurveyStatus.OPEN,
            respondent_group=RespondentGroup.PARTICIPANT_EXIT,
            interventions__in=staff,
        )
        .select_related("forbund")
        .first()
    )
    return found_or_404(found)
