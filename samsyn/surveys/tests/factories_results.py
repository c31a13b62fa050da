"""Test factories for the survey results: surveys with answers written straight to the models
(the answering pages are another part of issue #13)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from samsyn.core.models import Forbund
from samsyn.interventions.models import Intervention
from samsyn.surveys.demo_results import write_response
from samsyn.surveys.models import Instrument, RespondentGroup, Response, Survey, SurveyStatus
from samsyn.surveys.services.instruments import example_instrument_load

DAY = datetime.date(2026, 3, 10)


def example_instrument() -> Instrument:
    return example_instrument_load()


def make_survey(
    forbund: Forbund,
    *,
    interventions: Iterable[Intervention] = (),
    instrument: Instrument | None = None,
    group: str = RespondentGroup.PARTICIPANT_EXIT,
    period_from: datetime.date = datetime.date(2026, 1, 1),
    period_to: datetime.date = datetime.date(2026, 6, 30),
    target: int = 20,
    name: str = "Deltagarenkät",
) -> Survey:
    survey = Survey.objects.create(
        forbund=forbund,
        name=name,
        instrument=instrument or example_instrument(),
        respondent_group=group,
        period_from=period_from,
        period_to=period_to,
        target_answers=target,
        status=SurveyStatus.OPEN,
    )
    survey.interventions.set(list(interventions))
    return survey


def answer(
    survey: Survey,
    values: Mapping[str, int | bool | str],
    *,
    on: datetime.date = DAY,
    times: int = 1,
) -> list[Response]:
    """``times`` responses with the same answers (question code → step, choice value,
    True/False or text)."""
    return [write_response(survey, values, answered_on=on) for _ in range(times)]
