"""Survey indicators as metrics of the one registry (``samsyn.stats.metrics``), so a goal can
target an indicator's share positive ("80 % positiva på indikator 2", issue #13, item 5).

A metric id is ``survey:<instrument id>:<respondent group>:<indicator code>``, e.g.
``survey:12:deltagare_avslut:2``: the instrument row is one version, so a goal's figure never
mixes versions or respondent groups (a new version needs its goal set on it again). The
answers counted for an intervention are those to its surveys and to the förbund's own surveys
(no interventions: board, managers), answered in the goal's period.

The value is the share positive (0–1) for ``total``, ``kvinna`` and ``man`` (the respondent's
answer to the gender question, by the choice's label "Kvinna"/"Man"); ``None`` when fewer than
5 answered (nothing is shown for fewer than 5 respondents, whoever looks). The counts behind it
are the values ``<id>#positive`` and ``<id>#answers``, which the goals' suppression reads.
Two queries per evaluation whatever the number of goals and answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from samsyn.interventions.models import Intervention
from samsyn.stats.grouped import period_bounds
from samsyn.stats.metrics import TOTAL, Counts, GenderValues, Kind, MetricDefinition
from samsyn.stats.periods import Period
from samsyn.stats.suppression import SMALL_COUNT
from samsyn.surveys.models import (
    Answer,
    Instrument,
    InstrumentStatus,
    Question,
    QuestionGroup,
    RespondentGroup,
    Survey,
)
from samsyn.surveys.selectors.figures import ANSWERED, gender_of_response, positive_q, rated_q

PREFIX = "survey"
DEFINITION = _(
    "Andel positiva svar (enligt instrumentets regel för positivt svar) av alla svar på "
    "indikatorns frågor, från enkäter till insatsen och förbundets egna enkäter, besvarade "
    "under perioden. Visas inte när färre än 5 har svarat."
)
DENOMINATOR = _("Svar på indikatorns frågor")


def survey_metric_id(instrument_id: int, group: str, code: str) -> str:
    return f"{PREFIX}:{instrument_id}:{group}:{code}"


def parse_metric_id(metric_id: str) -> tuple[int, str, str] | None:
    parts = metric_id.split(":", 3)
    if len(parts) != 4 or parts[0] != PREFIX or not parts[1].isdigit():
        return None
    if parts[2] not in RespondentGroup.values or not parts[3]:
        return None
    return int(parts[1]), parts[2], parts[3]


def is_survey_metric(metric_id: str) -> bool:
    return parse_metric_id(metric_id) is not None


def _definition(metric_id: str, name: str) -> MetricDefinition:
    return MetricDefinition(
        id=metric_id,
        name=name,
        definition=DEFINITION,
        denominator=DENOMINATOR,
        kind=Kind.SHARE,
        numerator_key=f"{metric_id}#positive",
        denominator_key=f"{metric_id}#answers",
    )


def _forbund_ids(interventions: Any) -> tuple[list[int], list[int]]:
    if isinstance(interventions, Intervention):
        return [interventions.pk], [interventions.forbund_id]
    items = list(interventions)
    return [item.pk for item in items], sorted({item.forbund_id for item in items})


def surveys_of(interventions: Any) -> QuerySet[Survey]:
    """The interventions' surveys and their förbunds' own surveys (no interventions)."""
    ids, forbund_ids = _forbund_ids(interventions)
    links = Survey.interventions.through.objects.filter(intervention_id__in=ids)
    return Survey.objects.filter(
        Q(id__in=links.values("survey_id"))
        | Q(forbund_id__in=forbund_ids, interventions__isnull=True)
    )


def _definition_rows(forbund_ids: list[int]) -> list[dict[str, Any]]:
    """The indicators with a positive rule of the instruments the förbunds may use (their
    own and the shipped, not drafts), in the order reports list them: one query."""
    instruments = Instrument.objects.filter(
        Q(forbund_id__in=forbund_ids) | Q(forbund__isnull=True)
    ).exclude(status=InstrumentStatus.DRAFT)
    rows = (
        QuestionGroup.objects.filter(
            question__instrument__in=instruments, question__indicator__isnull=False
        )
        .exclude(question__positive_steps=[])
        .values(
            "group",
            "question__instrument_id",
            "question__instrument__forbund_id",
            "question__instrument__name",
            "question__instrument__version",
            "question__indicator__code",
            "question__indicator__name",
            "question__indicator__order",
        )
        .distinct()
        .order_by(
            "question__instrument__name",
            "question__instrument__version",
            "group",
            "question__indicator__order",
            "question__indicator__code",
        )
    )
    return list(cast(Iterable[dict[str, Any]], rows))


def _definitions_from(rows: Iterable[dict[str, Any]]) -> tuple[MetricDefinition, ...]:
    return tuple(
        _definition(
            survey_metric_id(row["question__instrument_id"], row["group"], code),
            str(
                _("Enkät: %(indicator)s (indikator %(code)s), %(group)s – %(name)s v%(v)s")
                % {
                    "indicator": row["question__indicator__name"],
                    "code": code,
                    "group": RespondentGroup(row["group"]).label,
                    "name": row["question__instrument__name"],
                    "v": row["question__instrument__version"],
                }
            ),
        )
        for row in rows
        for code in [row["question__indicator__code"]]
    )


def _grouped_rows(
    answers: QuerySet[Answer], intervention_field: str, rated: Q, positive: Q
) -> Iterable[dict[str, Any]]:
    """``_counts``' aggregate, grouped by the intervention the answers count for as well."""
    rows = (
        answers.annotate(gender=Lower(gender_of_response("choice__label")))
        .values(
            intervention_field,
            "question__instrument_id",
            "response__survey__respondent_group",
            "question__indicator__code",
            "gender",
        )
        .annotate(
            respondents=Count("response_id", distinct=True, filter=ANSWERED),
            rated=Count("id", filter=rated),
            positive=Count("id", filter=positive),
        )
        .order_by()
    )
    return cast(Iterable[dict[str, Any]], rows)


class SurveyMetrics:
    """The registry's source of survey metrics (a ``DynamicMetricSource``)."""

    definitions: tuple[MetricDefinition, ...] = ()

    def applies_to(self, intervention: Intervention) -> bool:
        return True

    def definition_of(self, metric_id: str) -> MetricDefinition | None:
        parsed = parse_metric_id(metric_id)
        if parsed is None:
            return None
        instrument_id, group, code = parsed
        name = _("Enkät: andel positiva, indikator %(code)s (%(group)s, instrument %(id)s)") % {
            "code": code,
            "group": RespondentGroup(group).label,
            "id": instrument_id,
        }
        return _definition(metric_id, str(name))

    def definitions_for(self, intervention: Intervention) -> tuple[MetricDefinition, ...]:
        """One per instrument version, respondent group and indicator with a positive rule,
        of the instruments the intervention's förbund may use (its own and the shipped, not
        drafts). One query, remembered on the intervention object."""
        cached = intervention.__dict__.get("_survey_metric_definitions")
        if cached is not None:
            return cast(tuple[MetricDefinition, ...], cached)
        found = _definitions_from(_definition_rows([intervention.forbund_id]))
        intervention.__dict__["_survey_metric_definitions"] = found
        return found

    def evaluate_with_counts(
        self, interventions: Any, period: Period
    ) -> tuple[dict[str, GenderValues], Counts]:
        surveys = surveys_of(interventions)
        questions = list(
            Question.objects.filter(
                instrument_id__in=surveys.values("instrument_id"), indicator__isnull=False
            )
        )
        return _values_of(_counts(surveys, questions, period))

    def prepare(self, interventions: list[Intervention]) -> None:
        """``definitions_for`` of every intervention at once: one query for all their
        förbunds, remembered on each intervention object."""
        forbund_ids = sorted({item.forbund_id for item in interventions})
        rows = _definition_rows(forbund_ids)
        for item in interventions:
            mine = [
                row
                for row in rows
                if row["question__instrument__forbund_id"] in (None, item.forbund_id)
            ]
            item.__dict__["_survey_metric_definitions"] = _definitions_from(mine)

    def evaluate_by_intervention(
        self, interventions: Iterable[Intervention], periods: Mapping[int, Period]
    ) -> dict[int, tuple[dict[str, GenderValues], Counts]]:
        """``evaluate_with_counts`` of each intervention over its own period, in three
        queries whatever the number of interventions: the questions, the answers to the
        interventions' own surveys and those to their förbunds' own surveys, each grouped by
        the intervention they count for (samsyn.stats.grouped)."""
        chosen = [item for item in interventions if item.pk in periods]
        ids = [item.pk for item in chosen]
        surveys = surveys_of(chosen)
        questions = list(
            Question.objects.filter(
                instrument_id__in=surveys.values("instrument_id"), indicator__isnull=False
            )
        )
        rated, positive = rated_q(questions), positive_q(questions)
        counts: dict[int, dict[str, dict[str, dict[str, int]]]] = {pk: {} for pk in ids}
        if rated is not None and positive is not None:
            indicator = Answer.objects.filter(question__indicator__isnull=False)
            linked = "response__survey__interventions"
            bounds = period_bounds(periods, linked)
            own = indicator.filter(
                **{f"{linked}__in": ids},
                response__answered_on__gte=bounds.start,
                response__answered_on__lte=bounds.end,
            )
            reach = "response__survey__forbund__interventions"
            forbund_bounds = period_bounds(periods, reach)
            forbund_wide = indicator.filter(
                **{f"{reach}__in": ids},
                response__survey__interventions__isnull=True,
                response__answered_on__gte=forbund_bounds.start,
                response__answered_on__lte=forbund_bounds.end,
            )
            for answers, field in ((own, linked), (forbund_wide, reach)):
                for row in _grouped_rows(answers, field, rated, positive):
                    _add_row(counts[row[field]], row)
        return {pk: _values_of(counts[pk]) for pk in ids}


def _values_of(
    counts: dict[str, dict[str, dict[str, int]]],
) -> tuple[dict[str, GenderValues], Counts]:
    """The share positive of each indicator and the counts behind it."""
    values: dict[str, GenderValues] = {}
    for metric_id, by_key in counts.items():
        respondents = by_key["respondents"]
        values[metric_id] = {
            column: (
                by_key["positive"][column] / by_key["rated"][column]
                if respondents[column] >= SMALL_COUNT and by_key["rated"][column]
                else None
            )
            for column in ("kvinna", "man", TOTAL)
        }
        values[f"{metric_id}#positive"] = dict(by_key["positive"])
        values[f"{metric_id}#answers"] = dict(by_key["rated"])
    flat: Counts = {
        f"{metric_id}#{name}": dict(by_column)
        for metric_id, by_key in counts.items()
        for name, by_column in by_key.items()
    }
    return values, flat


def _counts(
    surveys: QuerySet[Survey], questions: list[Question], period: Period
) -> dict[str, dict[str, dict[str, int]]]:
    """``{metric id: {"respondents"|"rated"|"positive": {"kvinna", "man", "total"}}}``."""
    rated, positive = rated_q(questions), positive_q(questions)
    if rated is None or positive is None:
        return {}
    rows = (
        Answer.objects.filter(
            response__survey__in=surveys,
            response__answered_on__range=(period.start, period.end),
            question__indicator__isnull=False,
        )
        .annotate(gender=Lower(gender_of_response("choice__label")))
        .values(
            "question__instrument_id",
            "response__survey__respondent_group",
            "question__indicator__code",
            "gender",
        )
        .annotate(
            respondents=Count("response_id", distinct=True, filter=ANSWERED),
            rated=Count("id", filter=rated),
            positive=Count("id", filter=positive),
        )
        .order_by()
    )
    result: dict[str, dict[str, dict[str, int]]] = {}
    for row in cast(Iterable[dict[str, Any]], rows):
        _add_row(result, row)
    return result


def _add_row(result: dict[str, dict[str, dict[str, int]]], row: dict[str, Any]) -> None:
    """One aggregate row added to ``{metric id: {key: {column: n}}}``."""
    metric_id = survey_metric_id(
        row["question__instrument_id"],
        row["response__survey__respondent_group"],
        row["question__indicator__code"],
    )
    by_key = result.setdefault(
        metric_id,
        {
            key: dict.fromkeys(("kvinna", "man", TOTAL), 0)
            for key in ("respondents", "rated", "positive")
        },
    )
    for key in ("respondents", "rated", "positive"):
        by_key[key][TOTAL] += row[key]
        if row["gender"] in ("kvinna", "man"):
            by_key[key][row["gender"]] += row[key]


SURVEY_METRICS = SurveyMetrics()
