"""Surveys in the JSON API: the list, one survey, a new survey and a batch of one-time links
(whose plain links are in that answer only). For the förbundsadministratör and the
insatsansvarig, with the same selectors and services as the pages.

There is deliberately no operation for answering: the public page ``/enkat/<token>/`` is
the only way to answer (docs/surveys.md)."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from samsyn.participants.api.common import ObjectId, actor_of
from samsyn.participants.api.schemas import Day, ErrorOut, Id, In, InvalidOut, ShortText
from samsyn.surveys.models import RespondentGroup, Survey
from samsyn.surveys.selectors import surveys as selectors
from samsyn.surveys.services import surveys as services
from samsyn.surveys.services.tokens import MAX_BATCH, token_batch_create
from samsyn.surveys.views.links import answer_url

router = Router(tags=["Enkäter"])


class SurveyOut(Schema):
    id: int
    forbund_id: int
    name: str
    instrument_id: int
    respondent_group: str
    intervention_ids: list[int]
    period_from: datetime.date
    period_to: datetime.date
    target_answers: int
    status: str
    answers: int
    version: int


class SurveyIn(In):
    forbund_id: Id
    name: ShortText
    instrument_id: Id
    respondent_group: RespondentGroup
    intervention_ids: Annotated[list[Id], Field(max_length=100)] = []
    period_from: Day
    period_to: Day
    target_answers: Annotated[int, Field(ge=0, le=services.MAX_TARGET)] = 0


class LinksIn(In):
    count: Annotated[int, Field(ge=1, le=MAX_BATCH)]


class LinksOut(Schema):
    survey_id: int
    links: list[str]


def _survey(survey: Survey) -> SurveyOut:
    return SurveyOut(
        id=survey.pk,
        forbund_id=survey.forbund_id,
        name=survey.name,
        instrument_id=survey.instrument_id,
        respondent_group=survey.respondent_group,
        intervention_ids=sorted(row.pk for row in survey.interventions.all()),
        period_from=survey.period_from,
        period_to=survey.period_to,
        target_answers=survey.target_answers,
        status=survey.status,
        answers=getattr(survey, "answer_count", 0),
        version=survey.version,
    )


@router.get(
    "/surveys",
    response={200: list[SurveyOut]},
    summary="Enkäter",
    description="The surveys the caller may see, with the number of answers so far. Empty "
    "for roles other than förbundsadministratör and insatsansvarig.",
    operation_id="samsyn_surveys_api_surveys_get",
)
def surveys_get(request: HttpRequest) -> list[SurveyOut]:
    rows = selectors.survey_list(actor=actor_of(request)).prefetch_related("interventions")
    return [_survey(row) for row in rows]


@router.get(
    "/surveys/{survey_id}",
    response={200: SurveyOut, 404: ErrorOut},
    summary="En enkät",
    description="One survey with its number of answers so far; 404 outside the caller's scope.",
    operation_id="samsyn_surveys_api_survey_get",
)
def survey_get(request: HttpRequest, survey_id: ObjectId) -> SurveyOut:
    return _survey(selectors.survey_get(actor=actor_of(request), survey_id=survey_id))


@router.post(
    "/surveys",
    response={201: SurveyOut, 404: ErrorOut, 422: InvalidOut},
    summary="Skapa en enkät",
    description="A new survey, as a draft, for a published instrument, one respondent group "
    "and the caller's interventions (none: the förbund itself, administrator only). A "
    "förbund, instrument or intervention the caller may not use is 404.",
    operation_id="samsyn_surveys_api_survey_create",
)
def survey_create(request: HttpRequest, payload: SurveyIn) -> Status[SurveyOut]:
    actor = actor_of(request)
    forbund = selectors.forbunds_for_surveys(actor).filter(pk=payload.forbund_id).first()
    instrument = selectors.instruments_for_surveys(actor).filter(pk=payload.instrument_id).first()
    ids = set(payload.intervention_ids)
    interventions = list(selectors.survey_interventions_for(actor).filter(pk__in=ids))
    if forbund is None or instrument is None or len(interventions) != len(ids):
        raise Http404
    survey = services.survey_create(
        actor=actor,
        forbund=forbund,
        fields=services.SurveyFields(
            name=payload.name,
            instrument=instrument,
            respondent_group=payload.respondent_group,
            interventions=interventions,
            period_from=payload.period_from,
            period_to=payload.period_to,
            target_answers=payload.target_answers,
        ),
    )
    return Status(201, _survey(selectors.survey_get(actor=actor, survey_id=survey.pk)))


@router.post(
    "/surveys/{survey_id}/links",
    response={201: LinksOut, 404: ErrorOut, 422: InvalidOut},
    summary="Skapa svarslänkar",
    description="A batch of one-time answering links (1–500). The links are in this answer "
    "only: Samsyn keeps a keyed hash of each, never the link, so they cannot be fetched "
    "again. Refused (422) for a closed survey.",
    operation_id="samsyn_surveys_api_survey_links_create",
)
def survey_links_create(
    request: HttpRequest, survey_id: ObjectId, payload: LinksIn
) -> Status[LinksOut]:
    actor = actor_of(request)
    survey = selectors.survey_get(actor=actor, survey_id=survey_id)
    tokens = token_batch_create(actor=actor, survey=survey, count=payload.count)
    links = [answer_url(request, token) for token in tokens]
    return Status(201, LinksOut(survey_id=survey.pk, links=links))
