"""Storing answers: by a one-time link (the public page), from a paper form (staff) and for
the demo, all through :func:`response_record`.

What is stored (docs/surveys.md, "Answering without a trace"): one ``Response`` with a random
id, the survey, the day (a date, never a time) and the channel, and one ``Answer`` per
answered question. Not stored: the token, the address, the time, the user, the session, the
browser. The link's token row is only marked used, in the same transaction, so the link
cannot answer again and the row does not say which answer it gave.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseChannel,
    Survey,
    SurveyStatus,
    SurveyToken,
)
from samsyn.surveys.selectors.surveys import form_questions
from samsyn.surveys.services.surveys import audit_survey, check_may_manage
from samsyn.surveys.services.tokens import token_hash

MAX_FREE_TEXT = 2000
RawValue = str | int | bool | None
YES = {"1", "ja", "yes", "true"}
NO = {"0", "nej", "no", "false"}


class TokenUnusable(Exception):
    """The link is unknown, used, or its survey is not open: one answer for all three, so
    the page never tells which."""


def field_name(question: Question) -> str:
    """The form field of a question (also the key of its error)."""
    return f"q_{question.code}"


@dataclass(frozen=True)
class _Parsed:
    step: int | None = None
    choice_id: int | None = None
    yes_no: bool | None = None
    free_text: str = ""


def _as_int(value: RawValue) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _parse(question: Question, value: RawValue) -> _Parsed:
    """One answer, or ValueError with the message for the respondent."""
    if question.kind == QuestionKind.FREE_TEXT:
        text = str(value).strip()
        if len(text) > MAX_FREE_TEXT:
            raise ValueError(_("Skriv högst %(max)s tecken.") % {"max": MAX_FREE_TEXT})
        return _Parsed(free_text=text)
    if question.kind == QuestionKind.YES_NO:
        word = str(value).strip().lower()
        if word in YES or value is True:
            return _Parsed(yes_no=True)
        if word in NO or value is False:
            return _Parsed(yes_no=False)
        raise ValueError(_("Svara ja eller nej."))
    number = _as_int(value)
    if question.kind == QuestionKind.SCALE:
        if number not in {step.value for step in question.scale_steps.all()}:
            raise ValueError(_("Välj ett av skalans steg."))
        return _Parsed(step=number)
    by_value = {choice.value: choice.pk for choice in question.choices.all()}
    if number not in by_value:
        raise ValueError(_("Välj ett av svarsalternativen."))
    return _Parsed(choice_id=by_value[number])


def _is_blank(value: RawValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_answers(
    questions: list[Question], values: Mapping[str, RawValue], *, require_all: bool
) -> dict[Question, _Parsed]:
    """Every answer checked against its question. Errors are keyed by the question's field
    (``q_<code>``); any error refuses the whole form. Free text may always be left empty;
    with ``require_all`` every other question must be answered."""
    parsed: dict[Question, _Parsed] = {}
    errors: dict[str, str] = {}
    for question in questions:
        value = values.get(field_name(question))
        if _is_blank(value):
            if require_all and question.kind != QuestionKind.FREE_TEXT:
                errors[field_name(question)] = _("Svara på frågan.")
            continue
        try:
            parsed[question] = _parse(question, value)
        except ValueError as error:
            errors[field_name(question)] = str(error)
    if errors:
        raise ValidationError(errors)
    return parsed


def response_record(
    *,
    survey: Survey,
    values: Mapping[str, RawValue],
    channel: str,
    answered_on: datetime.date,
    require_all: bool,
) -> Response:
    """Write one response and its answers (the caller decided the right to answer, and
    holds the transaction). Refused with ValidationError when any answer is bad or, for an
    empty form, when nothing is answered."""
    parsed = parse_answers(form_questions(survey), values, require_all=require_all)
    if not any(item != _Parsed() for item in parsed.values()):
        raise ValidationError(_("Formuläret har inga svar."))
    response = Response.objects.create(survey=survey, answered_on=answered_on, channel=channel)
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=question,
            step=item.step,
            choice_id=item.choice_id,
            yes_no=item.yes_no,
            free_text=item.free_text,
        )
        for question, item in parsed.items()
        if item != _Parsed()
    )
    return response


def survey_for_token(token: str) -> Survey:
    """The open survey a usable link answers, or TokenUnusable."""
    row = (
        SurveyToken.objects.select_related("survey__instrument")
        .filter(token_hash=token_hash(token), used=False, survey__status=SurveyStatus.OPEN)
        .first()
    )
    if row is None:
        raise TokenUnusable
    return row.survey


@transaction.atomic
def answer_by_token(*, token: str, values: Mapping[str, RawValue]) -> None:
    """The public page's answer: check every answer, mark the link used and store the
    response, in one transaction. No access-log event: it would put a time on the answer."""
    survey = survey_for_token(token)
    # Marked used by a conditional update, so two simultaneous posts cannot both answer.
    taken = SurveyToken.objects.filter(
        token_hash=token_hash(token), used=False, survey__status=SurveyStatus.OPEN
    ).update(used=True)
    if taken != 1:
        raise TokenUnusable
    response_record(
        survey=survey,
        values=values,
        channel=ResponseChannel.WEB,
        answered_on=timezone.localdate(),
        require_all=True,
    )


@transaction.atomic
def paper_response_record(
    *, actor: User, survey: Survey, values: Mapping[str, RawValue], answered_on: datetime.date
) -> None:
    """Staff enter a paper form. The access log says who entered a paper form for which
    survey, never which response it became. Blank answers stay blank (the respondent may
    have skipped a question on paper)."""
    check_may_manage(actor, survey)
    if survey.status == SurveyStatus.DRAFT:
        raise ValidationError(_("Enkäten är inte öppnad än."))
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("Datumet kan inte vara i framtiden.")})
    response_record(
        survey=survey,
        values=values,
        channel=ResponseChannel.PAPER,
        answered_on=answered_on,
        require_all=False,
    )
    audit_survey(actor, AuditAction.CREATE, survey, "paper form entered")
