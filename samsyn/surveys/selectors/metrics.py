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

from collections.abc import Iterable
from typing import Any, cast

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from samsyn.interventions.models import Intervention
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
        instruments = Instrument.objects.filter(
            Q(forbund_id=intervention.forbund_id) | Q(forbund__isnull=True)
        ).exclude(status=InstrumentStatus.DRAFT)
        rows = (
            QuestionGroup.objects.filter(
                question__instrument__in=instruments, question__indicator__isnull=False
            )
            .exclude(question__positive_steps=[])
            .values(
                "group",
                "question__instrument_id",
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
        found = tuple(
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
        counts = _counts(surveys, questions, period)
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
    return result


SURVEY_METRICS = SurveyMetrics()
