"""The registration metrics (nyckeltal) and their computation in SQL.

The primitives (kind, definition, the kvinna/man/total columns) and the registry are in
``samsyn.stats.metrics``; this module defines the metrics that count registrations and
registers them there (``ParticipantsConfig.ready``) as two sources, so every report, goal and
dashboard reads them through the one registry: the registration metrics, which apply to every
intervention, and the shares of the resource inventory's recommendations, which apply only to
interventions that use resursinventering (``RECOMMENDATION_SOURCE``, one query of its own).
Registrations ended as *felregistrering* never count (``Registration.objects.countable()``).

``evaluate`` answers all metrics of this module (both sources) for one intervention (or
several) and a ``Period`` with a constant number of queries (three):

1. one aggregate over registrations, ``GROUP BY person.gender``, every count being
   ``Count("id", distinct=True, filter=Q(...))``;
2. one aggregate over the 12-month post-exit follow-ups, grouped the same way;
3. the median: there is no portable SQL median aggregate (PostgreSQL has
   ``percentile_cont``, SQLite has nothing), so the database numbers the ended registrations
   by their length with window functions (per gender and over all) and returns only the
   middle one or two of each group (at most two rows per gender and two for the total);
   Python averages those. The work and the memory no longer grow with the registrations
   (docs/metrics.md, docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samsyn.interventions.models import Intervention
from samsyn.participants.models import PostExitFollowUp, Registration
from samsyn.participants.models.choices import Gender, Outcome, Recommendation
from samsyn.participants.selectors.medians import median_days, median_days_by_intervention
from samsyn.participants.selectors.progress import STEP_FORWARD_ANNOTATION, annotate_step_forward
from samsyn.stats.grouped import PeriodBounds, period_bounds
from samsyn.stats.metrics import (
    COLUMNS,
    GENDERS,
    Counts,
    GenderValues,
    Kind,
    MetricDefinition,
    shares_from,
    with_total,
)
from samsyn.stats.periods import Period

FOLLOW_UP_MONTHS = 12
# The outcomes that count as "to work or studies": a registration ended to work and studies
# at once counts once (docs/metrics.md).
WORK_OR_STUDIES_OUTCOMES = (Outcome.ARBETE, Outcome.STUDIER, Outcome.ARBETE_OCH_STUDIER)
Interventions = Intervention | QuerySet[Intervention] | Iterable[Intervention]
# The registry's columns are participants' genders: checked once here, where both are known.
assert tuple(Gender.values) == GENDERS, "stats.metrics.GENDERS must follow Gender"


_NO_DENOMINATOR = _("Ingen nämnare: ett antal inskrivningar.")
# The one definition of "aktiva", shown next to the figure on the intervention page, the
# start page, the caseload, the dashboard and every report (docs/metrics.md, "Aktiva").
ACTIVE_DEFINITION = _(
    "Aktiva är inskrivningar som pågick minst en dag i perioden (”i dag”: som pågår i dag): "
    "startdatum senast periodens sista dag och inget slutdatum eller slutdatum tidigast "
    "periodens första dag. Felregistreringar räknas inte. Inskrivningar räknas, inte "
    "personer: den som har två sådana inskrivningar (i två insatser, eller avslutad och "
    "inskriven igen i perioden) räknas två gånger."
)
_ENDED = _("Avslutade inskrivningar i perioden.")


def _recommendation_metrics() -> list[MetricDefinition]:
    return [
        MetricDefinition(
            id=f"share_recommendation_{code}",
            name=format_lazy(_("Andel med rekommendationen {label}"), label=label),
            definition=format_lazy(
                _(
                    "Avslutade i perioden med rekommendationen {label}, delat med avslutade i "
                    "perioden med någon rekommendation."
                ),
                label=label,
            ),
            denominator=_("Avslutade inskrivningar i perioden som har en rekommendation."),
            kind=Kind.SHARE,
            numerator_key=f"ended_recommendation_{code}",
            denominator_key="ended_with_recommendation",
        )
        for code, label in Recommendation.choices
    ]


REGISTRATION_METRIC_DEFINITIONS: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        "started",
        _("Påbörjade"),
        _("Inskrivningar vars startdatum ligger i perioden."),
        _NO_DENOMINATOR,
        Kind.COUNT,
    ),
    MetricDefinition(
        "active",
        _("Aktiva"),
        ACTIVE_DEFINITION,
        _NO_DENOMINATOR,
        Kind.COUNT,
    ),
    MetricDefinition(
        "ended",
        _("Avslutade"),
        _("Inskrivningar vars slutdatum ligger i perioden."),
        _NO_DENOMINATOR,
        Kind.COUNT,
    ),
    MetricDefinition(
        "ended_work_or_studies",
        _("Avslutade till arbete eller studier"),
        _(
            "Avslutade i perioden med resultatet arbete, studier eller arbete och studier (en "
            "inskrivning räknas en gång)."
        ),
        _NO_DENOMINATOR,
        Kind.COUNT,
    ),
    MetricDefinition(
        "share_work_or_studies",
        _("Andel till arbete eller studier"),
        _("Avslutade till arbete eller studier delat med avslutade i perioden."),
        _ENDED,
        Kind.SHARE,
        numerator_key="ended_work_or_studies",
        denominator_key="ended",
    ),
    MetricDefinition(
        "ended_step_forward",
        _("Avslutade med stegförflyttning"),
        _(
            "Avslutade i perioden som tagit ett steg framåt: registrerad stegförflyttning vid "
            "avslut, annars stege, uppnått delmål eller förbättrade indikatorer."
        ),
        _NO_DENOMINATOR,
        Kind.COUNT,
    ),
    MetricDefinition(
        "share_step_forward",
        _("Andel med stegförflyttning"),
        _("Avslutade med stegförflyttning delat med avslutade i perioden."),
        _ENDED,
        Kind.SHARE,
        numerator_key="ended_step_forward",
        denominator_key="ended",
    ),
    MetricDefinition(
        "anonymous_started",
        _("Anonymt påbörjade"),
        _("Påbörjade inskrivningar i perioden där deltagaren är anonymt registrerad."),
        _NO_DENOMINATOR,
        Kind.COUNT,
    ),
    MetricDefinition(
        "median_days_in_intervention",
        _("Mediantid i insatsen (dagar)"),
        _("Medianen av slutdatum minus startdatum, i dagar, över avslutade i perioden."),
        _("Avslutade inskrivningar i perioden (medianen saknas när inga avslutades)."),
        Kind.MEDIAN,
        denominator_key="ended",  # the count the median is taken over
    ),
    MetricDefinition(
        "followup_12m_due",
        _("Uppföljningar 12 månader efter avslut som förföll"),
        _(
            "Avslut vars uppföljning 12 månader efter avslut skulle göras i perioden. Anonymt "
            "registrerade följs inte upp (ingen kan ringa dem) och räknas inte."
        ),
        _NO_DENOMINATOR,
        Kind.COUNT,
    ),
    MetricDefinition(
        "followup_12m_reached",
        _("Nådda vid uppföljning 12 månader efter avslut"),
        _("Av de uppföljningar som förföll i perioden: de där deltagaren nåddes."),
        _NO_DENOMINATOR,
        Kind.COUNT,
    ),
    MetricDefinition(
        "share_followup_12m_reached",
        _("Andel nådda 12 månader efter avslut"),
        _("Nådda vid uppföljning 12 månader efter avslut delat med förfallna uppföljningar."),
        _("Uppföljningar 12 månader efter avslut som förföll i perioden."),
        Kind.SHARE,
        numerator_key="followup_12m_reached",
        denominator_key="followup_12m_due",
    ),
)
# The shares of the resource inventory's four recommendations: they apply only to
# interventions that use resursinventering (docs/resource-inventory.md).
RECOMMENDATION_METRICS: tuple[MetricDefinition, ...] = tuple(_recommendation_metrics())
# Every metric this module defines, in the order reports list them.
METRICS: tuple[MetricDefinition, ...] = (
    *REGISTRATION_METRIC_DEFINITIONS[:7],
    *RECOMMENDATION_METRICS,
    *REGISTRATION_METRIC_DEFINITIONS[7:],
)

METRICS_BY_ID: dict[str, MetricDefinition] = {metric.id: metric for metric in METRICS}


def metric_get(metric_id: str) -> MetricDefinition:
    """The definition of ``metric_id``; KeyError for an unknown id."""
    return METRICS_BY_ID[metric_id]


# --- Computation -----------------------------------------------------------------------------


def countable_registrations(interventions: Interventions) -> QuerySet[Registration]:
    """The registrations of ``interventions`` that count, without default ordering."""
    registrations = Registration.objects.countable().order_by()
    if isinstance(interventions, Intervention):
        return registrations.filter(intervention=interventions)
    if isinstance(interventions, QuerySet):
        ids = interventions.order_by().values_list("pk", flat=True)
        return registrations.filter(intervention__in=ids)
    return registrations.filter(intervention__in=[item.pk for item in interventions])


def active_q(period: Period | PeriodBounds, prefix: str = "") -> Q:
    """Ongoing on at least one day of ``period``."""
    return Q(**{f"{prefix}start_date__lte": period.end}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": period.start})
    )


def registration_filters(period: Period | PeriodBounds) -> dict[str, Q]:
    """The filter of every count over registrations (all registration counts are active).

    Public so that every page counting registrations (the intervention page, the förbund
    overview) uses these definitions rather than its own."""
    started = Q(start_date__range=(period.start, period.end))
    ended = Q(end_date__range=(period.start, period.end))
    counts = {
        "started": started,
        "active": active_q(period),
        "ended": ended,
        "ended_work_or_studies": ended & Q(outcome__in=WORK_OR_STUDIES_OUTCOMES),
        # Inside a CASE, so PostgreSQL runs the step-forward subqueries for the ended only
        # (an AND may be evaluated in any order; a CASE is not): docs/performance.md.
        "ended_step_forward": Q(
            Case(
                When(ended, then=F(STEP_FORWARD_ANNOTATION)),
                default=Value(False),
                output_field=BooleanField(),
            )
        ),
        "anonymous_started": started & Q(person__is_anonymous=True),
    }
    return counts


def recommendation_filters(period: Period | PeriodBounds) -> dict[str, Q]:
    """The counts behind the recommendation shares: ended in ``period`` with any / each
    recommendation."""
    ended = Q(end_date__range=(period.start, period.end))
    counts = {"ended_with_recommendation": ended & ~Q(recommendation="")}
    for code in Recommendation.values:
        counts[f"ended_recommendation_{code}"] = ended & Q(recommendation=code)
    return counts


def _count_registrations(
    registrations: QuerySet[Registration], period: Period, filters: dict[str, Q]
) -> dict[str, dict[str, int]]:
    active = registrations.filter(active_q(period))
    if "ended_step_forward" in filters:
        active = annotate_step_forward(active)
    rows = (
        active.values("person__gender")
        .annotate(**{key: Count("id", distinct=True, filter=q) for key, q in filters.items()})
        .order_by()
    )
    by_key: dict[str, dict[str, int]] = {key: {} for key in filters}
    for row in cast(Iterable[dict[str, Any]], rows):
        for key in filters:
            by_key[key][row["person__gender"]] = row[key]
    return {key: with_total(values) for key, values in by_key.items()}


def _count_follow_ups(
    registrations: QuerySet[Registration], period: Period
) -> dict[str, dict[str, int]]:
    rows = (
        PostExitFollowUp.objects.countable()
        .filter(
            months_after=FOLLOW_UP_MONTHS,
            due_on__range=(period.start, period.end),
            registration__in=registrations.values("pk"),
        )
        .order_by()
        .values("registration__person__gender")
        .annotate(
            due=Count("registration", distinct=True),
            reached=Count("registration", distinct=True, filter=Q(reached=True)),
        )
    )
    due: dict[str, int] = {}
    reached: dict[str, int] = {}
    for row in rows:
        due[row["registration__person__gender"]] = row["due"]
        reached[row["registration__person__gender"]] = row["reached"]
    return {"followup_12m_due": with_total(due), "followup_12m_reached": with_total(reached)}


def evaluate(interventions: Interventions, period: Period) -> dict[str, GenderValues]:
    """Every metric of ``METRICS`` for ``interventions`` and ``period``, in three queries.

    Returns ``{metric id: {"kvinna": v, "man": v, "total": v}}`` in registry order.
    """
    return evaluate_with_counts(interventions, period)[0]


def evaluate_with_counts(
    interventions: Interventions, period: Period
) -> tuple[dict[str, GenderValues], dict[str, dict[str, int]]]:
    """``evaluate`` and the underlying counts, including the numerators and denominators of
    shares that are not metrics themselves (suppression needs them to hide a share whose
    count is small)."""
    filters = {**registration_filters(period), **recommendation_filters(period)}
    return _evaluate(countable_registrations(interventions), period, METRICS, filters)


def _evaluate(
    registrations: QuerySet[Registration],
    period: Period,
    definitions: tuple[MetricDefinition, ...],
    filters: dict[str, Q],
) -> tuple[dict[str, GenderValues], dict[str, dict[str, int]]]:
    counts: dict[str, dict[str, int]] = {
        **_count_registrations(registrations, period, filters),
        **_count_follow_ups(registrations, period),
    }
    median = median_days(registrations, period)
    return shares_from(definitions, counts, median), counts


# --- Each intervention over its own period (the start page's goals) -------------------------


def _count_by_intervention(
    registrations: QuerySet[Registration], bounds: PeriodBounds, filters: dict[str, Q]
) -> dict[int, Counts]:
    """``_count_registrations`` per intervention, each over its own period: one query."""
    active = registrations.filter(active_q(bounds))
    if "ended_step_forward" in filters:
        active = annotate_step_forward(active)
    rows = (
        active.values("intervention_id", "person__gender")
        .annotate(**{key: Count("id", distinct=True, filter=q) for key, q in filters.items()})
        .order_by()
    )
    by_gender: dict[int, dict[str, dict[str, int]]] = {}
    for row in cast(Iterable[dict[str, Any]], rows):
        per_key = by_gender.setdefault(row["intervention_id"], {key: {} for key in filters})
        for key in filters:
            per_key[key][row["person__gender"]] = row[key]
    return {
        pk: {key: with_total(values) for key, values in per_key.items()}
        for pk, per_key in by_gender.items()
    }


def _follow_ups_by_intervention(
    registrations: QuerySet[Registration], periods: Mapping[int, Period]
) -> dict[int, Counts]:
    """``_count_follow_ups`` per intervention, each over its own period: one query."""
    bounds = period_bounds(periods, "registration__intervention_id")
    rows = (
        PostExitFollowUp.objects.countable()
        .filter(
            months_after=FOLLOW_UP_MONTHS,
            due_on__gte=bounds.start,
            due_on__lte=bounds.end,
            registration__in=registrations.values("pk"),
        )
        .order_by()
        .values("registration__intervention_id", "registration__person__gender")
        .annotate(
            due=Count("registration", distinct=True),
            reached=Count("registration", distinct=True, filter=Q(reached=True)),
        )
    )
    due: dict[int, dict[str, int]] = {}
    reached: dict[int, dict[str, int]] = {}
    for row in rows:
        pk, gender = row["registration__intervention_id"], row["registration__person__gender"]
        due.setdefault(pk, {})[gender] = row["due"]
        reached.setdefault(pk, {})[gender] = row["reached"]
    return {
        pk: {
            "followup_12m_due": with_total(due[pk]),
            "followup_12m_reached": with_total(reached[pk]),
        }
        for pk in due
    }


def _ids(interventions: Iterable[Intervention]) -> list[int]:
    return [item.pk for item in interventions]


class RegistrationMetrics:
    """The registration metrics as a source of the ``samsyn.stats`` registry: they apply to
    every intervention (three queries)."""

    definitions = REGISTRATION_METRIC_DEFINITIONS

    def applies_to(self, intervention: Intervention) -> bool:
        return True  # every intervention registers participants

    def evaluate_with_counts(
        self, interventions: Interventions, period: Period
    ) -> tuple[dict[str, GenderValues], Counts]:
        registrations = countable_registrations(interventions)
        return _evaluate(registrations, period, self.definitions, registration_filters(period))

    def counts_by_intervention(
        self, interventions: Interventions, period: Period, keys: Iterable[str]
    ) -> dict[int, Counts]:
        """The count metrics ``keys`` per intervention and gender, in one query: the same
        aggregate as ``evaluate``'s, grouped by intervention as well."""
        keys = tuple(keys)
        filters = registration_filters(period)
        unknown = [key for key in keys if key not in filters]
        if unknown:
            raise KeyError(f"Not a registration count: {unknown}")
        registrations = countable_registrations(interventions).filter(active_q(period))
        rows = (
            annotate_step_forward(registrations)
            .values("intervention_id", "person__gender")
            .annotate(**{key: Count("id", distinct=True, filter=filters[key]) for key in keys})
            .order_by()
        )
        by_gender: dict[int, dict[str, dict[str, int]]] = {}
        # django-stubs type .values() rows by the grouped fields only; the annotations are there.
        for row in cast(Iterable[dict[str, Any]], rows):
            per_key = by_gender.setdefault(row["intervention_id"], {key: {} for key in keys})
            for key in keys:
                per_key[key][row["person__gender"]] = row[key]
        return {
            intervention_id: {key: with_total(values) for key, values in per_key.items()}
            for intervention_id, per_key in by_gender.items()
        }

    def evaluate_by_intervention(
        self, interventions: Iterable[Intervention], periods: Mapping[int, Period]
    ) -> dict[int, tuple[dict[str, GenderValues], Counts]]:
        """``evaluate_with_counts`` of each intervention over its own period, in three
        queries whatever the number of interventions (the same counts, grouped by
        intervention too; samsyn.stats.grouped)."""
        chosen = [item for item in interventions if item.pk in periods]
        ids = _ids(chosen)
        registrations = countable_registrations(chosen)
        bounds = period_bounds(periods, "intervention_id")
        filters = registration_filters(bounds)
        counted = _count_by_intervention(registrations, bounds, filters)
        follow_ups = _follow_ups_by_intervention(registrations, periods)
        medians = median_days_by_intervention(registrations, bounds)
        result: dict[int, tuple[dict[str, GenderValues], Counts]] = {}
        for pk in ids:
            counts: Counts = {
                **counted.get(pk, {key: with_total({}) for key in filters}),
                **follow_ups.get(
                    pk,
                    {"followup_12m_due": with_total({}), "followup_12m_reached": with_total({})},
                ),
            }
            median = medians.get(pk, dict.fromkeys(COLUMNS))
            result[pk] = (shares_from(self.definitions, counts, median), counts)
        return result


def uses_resursinventering(interventions: Interventions) -> list[Intervention]:
    """The interventions among ``interventions`` that use resursinventering."""
    if isinstance(interventions, Intervention):
        interventions = [interventions]
    return [item for item in interventions if item.uses_resursinventering]


class RecommendationMetrics:
    """The recommendation shares as a source of the ``samsyn.stats`` registry: they apply
    to interventions that use resursinventering only, and given several interventions only
    theirs are counted (one query)."""

    definitions = RECOMMENDATION_METRICS

    def applies_to(self, intervention: Intervention) -> bool:
        return intervention.uses_resursinventering

    def evaluate_with_counts(
        self, interventions: Interventions, period: Period
    ) -> tuple[dict[str, GenderValues], Counts]:
        registrations = countable_registrations(uses_resursinventering(interventions))
        counts = _count_registrations(registrations, period, recommendation_filters(period))
        return shares_from(self.definitions, counts), counts

    def evaluate_by_intervention(
        self, interventions: Iterable[Intervention], periods: Mapping[int, Period]
    ) -> dict[int, tuple[dict[str, GenderValues], Counts]]:
        """``evaluate_with_counts`` of each intervention that uses resursinventering over its
        own period, in one query (samsyn.stats.grouped)."""
        chosen = [item for item in uses_resursinventering(interventions) if item.pk in periods]
        bounds = period_bounds(periods, "intervention_id")
        filters = recommendation_filters(bounds)
        counted = _count_by_intervention(countable_registrations(chosen), bounds, filters)
        result: dict[int, tuple[dict[str, GenderValues], Counts]] = {}
        for pk in _ids(chosen):
            counts = counted.get(pk, {key: with_total({}) for key in filters})
            result[pk] = (shares_from(self.definitions, counts), counts)
        return result


REGISTRATION_METRICS = RegistrationMetrics()
RECOMMENDATION_SOURCE = RecommendationMetrics()


__all__ = [
    "ACTIVE_DEFINITION",
    "METRICS",
    "METRICS_BY_ID",
    "RECOMMENDATION_METRICS",
    "RECOMMENDATION_SOURCE",
    "REGISTRATION_METRICS",
    "REGISTRATION_METRIC_DEFINITIONS",
    "WORK_OR_STUDIES_OUTCOMES",
    "active_q",
    "countable_registrations",
    "evaluate",
    "evaluate_with_counts",
    "metric_get",
    "recommendation_filters",
    "registration_filters",
]
