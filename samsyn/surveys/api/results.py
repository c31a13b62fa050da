"""Survey results in the JSON API, read-only and suppressed as on the pages: one survey, and
an intervention's surveys in one of its report periods. 404 outside the caller's scope."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import AfterValidator, Field

from samsyn.participants.api.common import ObjectId, actor_of
from samsyn.participants.api.schemas import ErrorOut, printable
from samsyn.stats.suppression import Shown
from samsyn.surveys.selectors import pages
from samsyn.surveys.selectors.figures import ScopeResults

router = Router(tags=["Enkäter"])


def _shown(value: Shown) -> int | str:
    return value if isinstance(value, int) else str(value)


class GenderShareOut(Schema):
    label: str
    respondents: int | str
    share_percent: float | None
    share_text: str


class IndicatorResultOut(Schema):
    code: str
    name: str
    definition: str
    respondents: int | str
    share_percent: float | None
    share_text: str
    previous: str
    national_reference: str
    by_gender: list[GenderShareOut]


class StepResultOut(Schema):
    value: int | str
    label: str
    count: int | str


class QuestionResultOut(Schema):
    code: str
    indicator: str
    hidden: bool
    total: int | str
    steps: list[StepResultOut]


class SurveyResultsOut(Schema):
    title: str
    instrument_key: str
    instrument_version: int
    respondent_group: str
    period_from: str | None
    period_to: str | None
    responses: int | str
    target_answers: int
    response_rate: str
    compared_with: str
    indicators: list[IndicatorResultOut]
    questions: list[QuestionResultOut]


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _results(title: str, results: ScopeResults, compared_with: str) -> SurveyResultsOut:
    period = results.scope.period
    return SurveyResultsOut(
        title=title,
        instrument_key=results.instrument.key,
        instrument_version=results.instrument.version,
        respondent_group=results.scope.respondent_group,
        period_from=period.start.isoformat() if period else None,
        period_to=period.end.isoformat() if period else None,
        responses=_shown(results.responses),
        target_answers=results.target,
        response_rate=results.response_rate_text,
        compared_with=compared_with,
        indicators=[
            IndicatorResultOut(
                code=row.code,
                name=row.name,
                definition=row.definition,
                respondents=_shown(row.respondents),
                share_percent=_percent(row.share),
                share_text=row.share_text,
                previous=row.previous_text,
                national_reference=row.reference_text,
                by_gender=[
                    GenderShareOut(
                        label=group.label,
                        respondents=_shown(group.respondents),
                        share_percent=_percent(group.share),
                        share_text=group.share_text,
                    )
                    for group in row.by_gender
                ],
            )
            for row in results.indicators
        ],
        questions=[
            QuestionResultOut(
                code=q.code,
                indicator=q.indicator_code,
                hidden=q.hidden,
                total=_shown(q.total),
                steps=[]
                if q.hidden
                else [
                    StepResultOut(value=c.value, label=c.label, count=_shown(c.count))
                    for c in q.cells
                ],
            )
            for q in results.questions
        ],
    )


@router.get(
    "/survey-results/{survey_id}",
    response={200: SurveyResultsOut, 404: ErrorOut},
    summary="Resultatet av en enkät",
    description="Answers, response rate, share positive per indicator (with its definition, "
    "by gender, compared with the previous survey and the national reference) and the "
    "distribution per question. Suppressed for everyone: nothing for fewer than 5 answers.",
    operation_id="samsyn_surveys_api_survey_results_get",
)
def survey_results_get(request: HttpRequest, survey_id: ObjectId) -> SurveyResultsOut:
    page = pages.survey_results_page(actor=actor_of(request), survey_id=survey_id)
    return _results(page.block.title, page.block.results, page.block.previous_label)


class SurveyResultsPeriodQuery(Schema):
    rapportperiod: Annotated[str, Field(max_length=32), AfterValidator(printable)] = ""


@router.get(
    "/interventions/{intervention_id}/survey-results",
    response={200: list[SurveyResultsOut], 404: ErrorOut},
    summary="En insats enkätresultat",
    description="One result per instrument version and respondent group of the "
    "intervention's surveys, for one of its report periods (?rapportperiod=YYYY-MM-DD_"
    "YYYY-MM-DD; the default period otherwise), compared with the period before.",
    operation_id="samsyn_surveys_api_intervention_results_get",
)
def intervention_results_get(
    request: HttpRequest, intervention_id: ObjectId, query: Query[SurveyResultsPeriodQuery]
) -> list[SurveyResultsOut]:
    page = pages.intervention_results_page(
        actor=actor_of(request), intervention_id=intervention_id, quick=query.rapportperiod
    )
    return [_results(b.title, b.results, b.previous_label) for b in page.blocks]
