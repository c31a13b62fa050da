"""Demo surveys with answers (issue #13, item 6): with Samsyn's example instrument, a
participant survey at every demo intervention with enough answers to show results (and one
with too few, shown suppressed), a staff survey and a board survey, national reference
values, and goals that use them.

Idempotent: every survey is found by its name in the förbund; a survey that exists is left
as it is, so a second run creates nothing. The answers are generated deterministically (a
seeded random generator per survey), so every run of a fresh database shows the same
figures.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction

from samsyn.core.demo_data import IMPORT_TRIAL_SLUG, INVENTORY_SLUG, IPS_SLUG, STEP_SLUG
from samsyn.core.models import Forbund
from samsyn.interventions.models import Goal, GoalComparison, Intervention
from samsyn.surveys.models import (
    Answer,
    Instrument,
    NationalReference,
    Question,
    QuestionKind,
    RespondentGroup,
    Response,
    ResponseChannel,
    Survey,
    SurveyStatus,
)
from samsyn.surveys.selectors.metrics import survey_metric_id
from samsyn.surveys.services.instruments import example_instrument_load

PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
PREVIOUS_PERIOD = (datetime.date(2025, 7, 1), datetime.date(2025, 12, 31))
FREE_TEXTS = (
    "Bra att få träffa alla på samma ställe.",
    "Det tog lång tid innan det hände något.",
    "Mer tid med min coach.",
)


def write_response(
    survey: Survey,
    values: Mapping[str, int | bool | str],
    *,
    answered_on: datetime.date,
    channel: str = ResponseChannel.WEB,
) -> Response:
    """One response with its answers, by question code (step, choice value, True/False for
    yes/no, text for free text). For demo and tests: the answering pages have their own
    service that validates the answers."""
    response = Response.objects.create(survey=survey, answered_on=answered_on, channel=channel)
    questions = {
        q.code: q
        for q in Question.objects.filter(instrument_id=survey.instrument_id).prefetch_related(
            "choices"
        )
    }
    answers = []
    for code, value in values.items():
        question = questions[code]
        answer = Answer(response=response, question=question)
        if question.kind == QuestionKind.SCALE:
            answer.step = int(value)
        elif question.kind == QuestionKind.CHOICE:
            answer.choice = next(c for c in question.choices.all() if c.value == value)
        elif question.kind == QuestionKind.YES_NO:
            answer.yes_no = bool(value)
        else:
            answer.free_text = str(value)
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    return response


def _questions_for(instrument: Instrument, group: str) -> list[Question]:
    return list(
        Question.objects.filter(instrument=instrument, groups__group=group).order_by("order", "id")
    )


def _random_values(
    questions: list[Question], rng: random.Random, *, mood: float
) -> dict[str, int | bool | str]:
    """One respondent: ``mood`` (0–1) tilts the scale answers towards the top."""
    values: dict[str, int | bool | str] = {}
    for question in questions:
        if question.kind == QuestionKind.SCALE:
            values[question.code] = min(5, max(1, round(rng.gauss(1 + 4 * mood, 1.0))))
        elif question.kind == QuestionKind.YES_NO:
            values[question.code] = rng.random() < mood * 0.6
        elif question.kind == QuestionKind.CHOICE and question.is_gender_question:
            values[question.code] = rng.choices([1, 2, 3, 9], weights=[48, 44, 3, 5])[0]
        elif question.kind == QuestionKind.FREE_TEXT and rng.random() < 0.25:
            values[question.code] = rng.choice(FREE_TEXTS)
    return values


def _survey(
    forbund: Forbund,
    instrument: Instrument,
    *,
    name: str,
    group: str,
    interventions: list[Intervention],
    period: tuple[datetime.date, datetime.date],
    answers: int,
    target: int,
    mood: float,
) -> Survey | None:
    """The survey with ``answers`` responses, or None when it exists already."""
    if Survey.objects.filter(forbund=forbund, name=name).exists():
        return None
    status = SurveyStatus.CLOSED if period[1] < datetime.date(2026, 6, 30) else SurveyStatus.OPEN
    survey = Survey.objects.create(
        forbund=forbund,
        name=name,
        instrument=instrument,
        respondent_group=group,
        period_from=period[0],
        period_to=period[1],
        target_answers=target,
        status=status,
    )
    survey.interventions.set(interventions)
    rng = random.Random(name)
    questions = _questions_for(instrument, group)
    span = (period[1] - period[0]).days
    for index in range(answers):
        day = period[0] + datetime.timedelta(days=rng.randrange(span + 1))
        channel = ResponseChannel.PAPER if index % 5 == 4 else ResponseChannel.WEB
        values = _random_values(questions, rng, mood=mood)
        write_response(survey, values, answered_on=day, channel=channel)
    return survey


def _participant_surveys(
    forbund: Forbund, instrument: Instrument, interventions: list[Intervention]
) -> int:
    made = 0
    for index, intervention in enumerate(interventions):
        # The last intervention's survey has too few answers: its results are suppressed.
        few = index == len(interventions) - 1 and len(interventions) > 1
        made += (
            _survey(
                forbund,
                instrument,
                name=f"Deltagarenkät vid avslut vt 2026 – {intervention.name}",
                group=RespondentGroup.PARTICIPANT_EXIT,
                interventions=[intervention],
                period=PERIOD,
                answers=3 if few else 24 + 4 * index,
                target=30,
                mood=0.7 - 0.05 * index,
            )
            is not None
        )
        if index == 0:
            made += (
                _survey(
                    forbund,
                    instrument,
                    name=f"Deltagarenkät vid avslut ht 2025 – {intervention.name}",
                    group=RespondentGroup.PARTICIPANT_EXIT,
                    interventions=[intervention],
                    period=PREVIOUS_PERIOD,
                    answers=20,
                    target=30,
                    mood=0.6,
                )
                is not None
            )
    return made


def _other_surveys(
    forbund: Forbund, instrument: Instrument, interventions: list[Intervention]
) -> int:
    staff = _survey(
        forbund,
        instrument,
        name="Personalenkät 2026",
        group=RespondentGroup.STAFF,
        interventions=interventions,
        period=PERIOD,
        answers=12,
        target=15,
        mood=0.65,
    )
    board = _survey(
        forbund,
        instrument,
        name="Styrelseenkät 2026",
        group=RespondentGroup.BOARD,
        interventions=[],
        period=PERIOD,
        answers=8,
        target=10,
        mood=0.75,
    )
    return (staff is not None) + (board is not None)


def _references(forbund: Forbund, instrument: Instrument) -> int:
    """Illustrative reference values, stated as such (not NNS's figures)."""
    made = 0
    for code, share in (("1", "78.0"), ("2", "64.5"), ("3", "55.0"), ("4", "88.0")):
        _row, created = NationalReference.objects.get_or_create(
            forbund=forbund,
            instrument_key=instrument.key,
            indicator_code=code,
            year=2025,
            defaults={
                "share_positive": Decimal(share),
                "source": "Påhittat demovärde, inte NNS siffror",
            },
        )
        made += created
    return made


def _goals(instrument: Instrument, interventions: list[Intervention]) -> int:
    made = 0
    for intervention in interventions[:2]:
        for group, code, target in (
            (RespondentGroup.PARTICIPANT_EXIT, "2", 75),
            (RespondentGroup.STAFF, "5", 80),
        ):
            metric_id = survey_metric_id(instrument.pk, group, code)
            _goal, created = Goal.objects.get_or_create(
                intervention=intervention,
                metric_id=metric_id,
                defaults={
                    "comparison": GoalComparison.AT_LEAST,
                    "target": Decimal(target),
                    "label": f"{target} % positiva på indikator {code}",
                },
            )
            made += created
    return made


SURVEYED_SLUGS = (IPS_SLUG, STEP_SLUG, INVENTORY_SLUG, IMPORT_TRIAL_SLUG)


@transaction.atomic
def seed_survey_results(forbund: Forbund) -> Counter[str]:
    instrument = example_instrument_load(actor=None)
    # The demo's own interventions only: the decisions demo later grants one more, which must
    # not get a survey on a second run (a second run changes nothing).
    interventions = list(
        Intervention.objects.filter(forbund=forbund, slug__in=SURVEYED_SLUGS).order_by(
            "start_date", "pk"
        )
    )
    counts: Counter[str] = Counter()
    surveys = _participant_surveys(forbund, instrument, interventions)
    surveys += _other_surveys(forbund, instrument, interventions)
    if surveys:
        counts["enkäter"] = surveys
    if references := _references(forbund, instrument):
        counts["nationella referensvärden"] = references
    if goals := _goals(instrument, interventions):
        counts["enkätmål"] = goals
    return counts
