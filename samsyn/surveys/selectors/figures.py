"""The figures of survey answers, computed by the database (issue #13, item 4).

One *scope* is the answers to one instrument version from one respondent group: one survey,
or several surveys of an intervention in a period. A figure never mixes instrument versions
or respondent groups. For a scope, with a constant number of queries whatever the number of
answers (two aggregates, one count, and the instrument's questions):

- **respondents** of an indicator: responses with an answer to at least one of the
  indicator's questions; **share positive**: positive answers ÷ answers to the indicator's
  questions that have a positive rule (a person answering two of its questions counts twice,
  as NNS's indicators are computed per question and then pooled);
- by **gender**, where the instrument has a gender question: the same, by the respondent's
  own answer to it (its choices, and "did not answer");
- the **distribution** of every scale, yes/no and choice question: answers per step.

Suppression (docs/surveys.md, "Small numbers"): everyone sees the same suppressed figures —
the respondents are anonymous and promised that nothing is shown about fewer than five of
them. Counts 1..limit−1 are "< 5", more cells are "dolt" where a total minus the shown cells
would give a hidden one back (``samsyn.stats.suppression``), and a share over fewer than
``limit`` respondents (or over a hidden count) is "för få svar för att visa".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.core.models import Forbund
from samsyn.stats.numbers import ratio_text
from samsyn.stats.periods import Period
from samsyn.stats.suppression import SMALL_COUNT, Shown, Suppressed, suppress_table
from samsyn.surveys.models import (
    Answer,
    Instrument,
    Question,
    QuestionKind,
    RespondentGroup,
    Response,
)
from samsyn.surveys.selectors.instruments import instrument_indicators, instrument_questions
from samsyn.surveys.selectors.rules import positive_rule_text

TOO_FEW = gettext_lazy("för få svar för att visa")
COUNTED_KINDS = (QuestionKind.SCALE, QuestionKind.CHOICE, QuestionKind.YES_NO)
NO_GENDER = "none"


def result_limit(forbund: Forbund) -> int:
    """Never below 5 (the promise to respondents); the förbund's limit when it is higher."""
    return max(SMALL_COUNT, int(forbund.small_count_limit or SMALL_COUNT))


@dataclass(frozen=True)
class AnswerScope:
    forbund: Forbund
    instrument: Instrument
    respondent_group: str
    survey_ids: tuple[int, ...]
    period: Period | None = None

    def responses(self) -> QuerySet[Response]:
        found = Response.objects.filter(survey_id__in=self.survey_ids)
        if self.period is not None:
            found = found.filter(answered_on__range=(self.period.start, self.period.end))
        return found

    def answers(self) -> QuerySet[Answer]:
        found = Answer.objects.filter(response__survey_id__in=self.survey_ids)
        if self.period is not None:
            found = found.filter(response__answered_on__range=(self.period.start, self.period.end))
        return found


ANSWERED = Q(step__isnull=False) | Q(choice__isnull=False) | Q(yes_no__isnull=False)


def positive_q(questions: Iterable[Question]) -> Q | None:
    """The answers that count as positive under each question's own rule (None: no rule)."""
    found: Q | None = None
    for question in questions:
        values = [int(value) for value in question.positive_steps or []]
        if not values:
            continue
        if question.kind == QuestionKind.SCALE:
            condition = Q(step__in=values)
        elif question.kind == QuestionKind.CHOICE:
            condition = Q(choice__value__in=values)
        elif question.kind == QuestionKind.YES_NO:
            condition = Q(yes_no__in=sorted({bool(value) for value in values}))
        else:
            continue
        term = Q(question_id=question.pk) & condition
        found = term if found is None else found | term
    return found


def rated_q(questions: Iterable[Question]) -> Q | None:
    """Answers with a value to a question that has a positive rule: the share's denominator."""
    ids = [question.pk for question in questions if question.positive_steps]
    return Q(question_id__in=ids) & ANSWERED if ids else None


def gender_of_response(field_name: str = "choice__value") -> Subquery:
    """The respondent's own answer to the instrument's gender question."""
    return Subquery(
        Answer.objects.filter(
            response_id=OuterRef("response_id"), question__is_gender_question=True
        ).values(field_name)[:1]
    )


# --- the results -------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupShare:
    label: str
    respondents: Shown
    share: float | None  # None when hidden or undefined
    share_text: str


@dataclass
class IndicatorResult:
    code: str
    name: str
    definition: str
    respondents: Shown
    answers: Shown
    share: float | None
    share_text: str
    by_gender: list[GroupShare] = field(default_factory=list)
    previous_text: str = ""
    reference_text: str = ""

    @property
    def hidden(self) -> bool:
        return self.share is None


@dataclass(frozen=True)
class StepCell:
    value: int | str
    label: str
    count: Shown
    percent_text: str


@dataclass(frozen=True)
class QuestionDistribution:
    code: str
    text: str
    indicator_code: str
    cells: list[StepCell]
    total: Shown
    hidden: bool


@dataclass
class ScopeResults:
    scope: AnswerScope
    limit: int
    responses: Shown
    target: int
    response_rate_text: str
    indicators: list[IndicatorResult]
    questions: list[QuestionDistribution]
    has_gender: bool
    hidden_cells: int = 0

    @property
    def instrument(self) -> Instrument:
        return self.scope.instrument

    @property
    def respondent_group_label(self) -> str:
        return str(RespondentGroup(self.scope.respondent_group).label)


def _shown_count(value: int, limit: int) -> Shown:
    return Suppressed(limit=limit) if 0 < value < limit else value


def _share(positive: int, rated: int, respondents: Shown, limit: int) -> tuple[float | None, str]:
    if isinstance(respondents, Suppressed) or respondents < limit:
        return None, str(TOO_FEW)
    if not rated:
        return None, "—"
    return positive / rated, ratio_text(positive, rated)


def _indicator_rows(scope: AnswerScope, questions: Sequence[Question], has_gender: bool) -> Any:
    """One aggregate: respondents, rated answers and positive answers per indicator (and the
    respondent's gender)."""
    answers = scope.answers().filter(question__indicator__isnull=False)
    keys = ["question__indicator_id"]
    if has_gender:
        answers = answers.annotate(gender=gender_of_response())
        keys.append("gender")
    rated = rated_q(questions)
    positive = positive_q(questions)
    return (
        answers.values(*keys)
        .annotate(
            respondents=Count("response_id", distinct=True, filter=ANSWERED),
            rated=Count("id", filter=rated)
            if rated is not None
            else Count("id", filter=Q(pk=None)),
            positive=Count("id", filter=positive)
            if positive is not None
            else Count("id", filter=Q(pk=None)),
        )
        .order_by()
    )


def _gender_columns(questions: Sequence[Question]) -> list[tuple[str, str]]:
    """(key, label) of the gender split: the gender question's choices and "no answer"."""
    gender = next((q for q in questions if q.is_gender_question), None)
    if gender is None:
        return []
    columns = [(str(choice.value), choice.label) for choice in gender.choices.all()]
    return [*columns, (NO_GENDER, _("Ej svarat på frågan om kön"))]


def _by_gender(
    rows: dict[str, dict[str, int]], columns: list[tuple[str, str]], limit: int
) -> list[GroupShare]:
    """The share per gender; the respondents' counts suppressed as one line with its total."""
    counts = [rows.get(key, {}).get("respondents", 0) for key, _label in columns]
    table = suppress_table([[*counts, sum(counts)]], row_totals=True, limit=limit)
    shown = table.cells[0]
    result = []
    for index, (key, label) in enumerate(columns):
        row = rows.get(key, {})
        value, text = _share(row.get("positive", 0), row.get("rated", 0), shown[index], limit)
        result.append(GroupShare(label, shown[index], value, text))
    return result


def indicator_results(
    scope: AnswerScope, questions: Sequence[Question], limit: int
) -> list[IndicatorResult]:
    has_gender = any(q.is_gender_question for q in questions)
    columns = _gender_columns(questions)
    per_indicator: dict[int, dict[str, dict[str, int]]] = {}
    for row in cast(Iterable[dict[str, Any]], _indicator_rows(scope, questions, has_gender)):
        gender = row.get("gender")
        key = NO_GENDER if gender is None else str(gender)
        per_indicator.setdefault(row["question__indicator_id"], {})[key] = row
    results = []
    for indicator in instrument_indicators(scope.instrument):
        own = [q for q in questions if q.indicator_id == indicator.pk]
        if not any(q.positive_steps for q in own):
            continue
        rows = per_indicator.get(indicator.pk, {})
        totals = {
            name: sum(row[name] for row in rows.values())
            for name in ("respondents", "rated", "positive")
        }
        respondents = _shown_count(totals["respondents"], limit)
        share, text = _share(totals["positive"], totals["rated"], respondents, limit)
        by_gender = _by_gender(rows, columns, limit) if columns and share is not None else []
        results.append(
            IndicatorResult(
                code=indicator.code,
                name=indicator.name,
                definition=positive_rule_text(own),
                respondents=respondents,
                answers=_shown_count(totals["rated"], limit),
                share=share,
                share_text=text,
                by_gender=by_gender,
            )
        )
    return results


def _options(question: Question) -> list[tuple[int | str, str]]:
    if question.kind == QuestionKind.SCALE:
        return [(step.value, step.label) for step in question.scale_steps.all()]
    if question.kind == QuestionKind.CHOICE:
        return [(choice.value, choice.label) for choice in question.choices.all()]
    return [(1, _("Ja")), (0, _("Nej"))]


def _option_key(question: Question, row: dict[str, Any]) -> int | None:
    if question.kind == QuestionKind.SCALE:
        return cast(int | None, row["step"])
    if question.kind == QuestionKind.CHOICE:
        return cast(int | None, row["choice__value"])
    return None if row["yes_no"] is None else int(row["yes_no"])


def distributions(
    scope: AnswerScope, questions: Sequence[Question], limit: int
) -> list[QuestionDistribution]:
    """Answers per step of every counted question (one aggregate for all of them)."""
    rows = (
        scope.answers()
        .filter(question__kind__in=COUNTED_KINDS)
        .filter(ANSWERED)
        .values("question_id", "step", "choice__value", "yes_no")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_question: dict[int, list[dict[str, Any]]] = {}
    for row in cast(Iterable[dict[str, Any]], rows):
        by_question.setdefault(row["question_id"], []).append(row)
    result = []
    for question in questions:
        if question.kind not in COUNTED_KINDS:
            continue
        counts: dict[int | str, int] = {}
        for row in by_question.get(question.pk, []):
            key = _option_key(question, row)
            if key is not None:
                counts[key] = counts.get(key, 0) + row["n"]
        result.append(_distribution(question, _options(question), counts, limit))
    return result


def _distribution(
    question: Question,
    options: list[tuple[int | str, str]],
    counts: dict[int | str, int],
    limit: int,
) -> QuestionDistribution:
    values = [counts.get(value, 0) for value, _label in options]
    total = sum(values)
    indicator = question.indicator.code if question.indicator else ""
    if total < limit:
        cells = [StepCell(value, label, 0, "") for value, label in options]
        return QuestionDistribution(
            question.code, question.text, indicator, cells, _shown_count(total, limit), True
        )
    shown = suppress_table([[*values, total]], row_totals=True, limit=limit).cells[0]
    cells = [
        StepCell(
            value,
            label,
            shown[index],
            "" if isinstance(shown[index], Suppressed) else ratio_text(values[index], total),
        )
        for index, (value, label) in enumerate(options)
    ]
    return QuestionDistribution(question.code, question.text, indicator, cells, shown[-1], False)


def scope_results(scope: AnswerScope, *, targets: int) -> ScopeResults:
    """Everything the results page shows for one scope (constant number of queries)."""
    limit = result_limit(scope.forbund)
    questions = [
        q
        for q in instrument_questions(scope.instrument)
        if scope.respondent_group in {row.group for row in q.groups.all()}
    ]
    responses_count = scope.responses().count()
    responses = _shown_count(responses_count, limit)
    if isinstance(responses, Suppressed):
        rate_text = str(TOO_FEW)
    elif not targets:
        rate_text = "—"
    else:
        rate_text = ratio_text(responses_count, targets)
    indicators = indicator_results(scope, questions, limit)
    questions_out = distributions(scope, questions, limit)
    hidden = sum(
        isinstance(cell.count, Suppressed) for q in questions_out for cell in q.cells
    ) + sum(isinstance(g.respondents, Suppressed) for i in indicators for g in i.by_gender)
    return ScopeResults(
        scope=scope,
        limit=limit,
        responses=responses,
        target=targets,
        response_rate_text=rate_text,
        indicators=indicators,
        questions=questions_out,
        has_gender=any(q.is_gender_question for q in questions),
        hidden_cells=hidden,
    )
