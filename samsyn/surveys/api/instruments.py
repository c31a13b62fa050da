"""Instruments in the JSON API: the list and one instrument with its questions, for the
förbundsadministratör and insatsansvarig (404 for everybody else, as on the pages)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from samsyn.participants.api.common import ObjectId, actor_of
from samsyn.participants.api.schemas import ErrorOut
from samsyn.surveys.models import Instrument, Question
from samsyn.surveys.selectors import instruments as selectors

router = Router(tags=["Enkäter"])


class InstrumentOut(Schema):
    id: int
    key: str
    name: str
    version: int
    status: str
    source: str
    forbund_id: int | None
    previous_version_id: int | None


class OptionOut(Schema):
    value: int
    label: str


class QuestionOut(Schema):
    code: str
    text: str
    kind: str
    groups: list[str]
    indicator: str | None
    is_gender_question: bool
    positive_steps: list[int]
    scale_steps: list[OptionOut]
    choices: list[OptionOut]


class IndicatorOut(Schema):
    code: str
    name: str
    description: str


class InstrumentDetailOut(InstrumentOut):
    indicators: list[IndicatorOut]
    questions: list[QuestionOut]


def _instrument(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.pk,
        "key": instrument.key,
        "name": instrument.name,
        "version": instrument.version,
        "status": instrument.status,
        "source": instrument.source,
        "forbund_id": instrument.forbund_id,
        "previous_version_id": instrument.previous_version_id,
    }


def _question(question: Question) -> QuestionOut:
    return QuestionOut(
        code=question.code,
        text=question.text,
        kind=question.kind,
        groups=[row.group for row in question.groups.all()],
        indicator=question.indicator.code if question.indicator else None,
        is_gender_question=question.is_gender_question,
        positive_steps=list(question.positive_steps),
        scale_steps=[OptionOut(value=s.value, label=s.label) for s in question.scale_steps.all()],
        choices=[OptionOut(value=c.value, label=c.label) for c in question.choices.all()],
    )


@router.get(
    "/survey-instruments",
    response={200: list[InstrumentOut]},
    summary="Enkätinstrument",
    description="The instruments the caller may see: the förbund's own and those shipped "
    "with Samsyn. Empty for roles other than förbundsadministratör and insatsansvarig.",
    operation_id="samsyn_surveys_api_instruments_get",
)
def instruments_get(request: HttpRequest) -> list[dict[str, Any]]:
    return [_instrument(row) for row in selectors.instrument_list(actor=actor_of(request))]


@router.get(
    "/survey-instruments/{instrument_id}",
    response={200: InstrumentDetailOut, 404: ErrorOut},
    summary="Ett enkätinstrument med frågor",
    description="One instrument with its indicators and questions (steps, choices, "
    "respondent groups, the positive rule).",
    operation_id="samsyn_surveys_api_instrument_get",
)
def instrument_get(request: HttpRequest, instrument_id: ObjectId) -> InstrumentDetailOut:
    instrument = selectors.instrument_get(actor=actor_of(request), instrument_id=instrument_id)
    indicators = [
        IndicatorOut(code=row.code, name=row.name, description=row.description)
        for row in selectors.instrument_indicators(instrument)
    ]
    questions = [_question(row) for row in selectors.instrument_questions(instrument)]
    return InstrumentDetailOut(
        **_instrument(instrument), indicators=indicators, questions=questions
    )
