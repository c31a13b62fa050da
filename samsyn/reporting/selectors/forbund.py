"""The förbund's own reports: who may see them, and the figures of every intervention at once.

Who: the förbundsadministratör (exact figures) and styrgrupp (small numbers suppressed) of
the förbund; everybody else gets 404. A user with the role in several förbund picks one
(``?forbund=<id>``; default the first by name).

Figures: ``intervention_figures`` answers, for all interventions of a förbund and a period,
the registration counts of ``samsyn/participants/selectors/metrics.py`` per intervention and
gender, the planned participants, the budget and the outcome (each as the total project cost
and as the förbund's money, issue #12) — in five queries whatever the number of interventions
or participants:

1. the förbund's interventions;
2. one aggregate over registrations ``GROUP BY intervention_id, person.gender`` with the
   count filters of ``metrics`` (the same definitions ``evaluate`` uses, felregistrering
   excluded, anonymous registrations included);
3. budget lines of the period's years ``GROUP BY intervention_id, year`` (all funders, and
   the förbund's lines by a filtered ``Sum`` in the same query; per year for
   ``forbund_granted``);
4. actual costs of the period's months ``GROUP BY intervention_id`` (likewise);
5. annual plans of the period's years ``GROUP BY intervention_id``.

``forbund_granted`` adds one query (the ``Grant`` rows): the förbund's granted money, the
one definition the overview and the Finsam export share.

The money sums follow the definitions of ``samsyn/interventions/selectors/finance.py``
(``budget_vs_outcome``); they are grouped per intervention here because that function sums
its interventions together.

The report tables (overview, Insatsrapport) are built in
``samsyn/reporting/selectors/forbund_tables.py``; the Deltagarrapport and Kostnadsrapport
in ``samsyn/reporting/selectors/forbund_status.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.http import Http404

from samsyn.core.models import Forbund, Membership, User
from samsyn.core.roles import Role
from samsyn.interventions.models import ActualCost, AnnualPlan, BudgetLine, Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.finance import (
    FORBUND_FUNDED,
    ZERO,
    granted_by_intervention_and_year,
    period_years,
)
from samsyn.reporting.tables import Triple
from samsyn.stats import metrics as registry
from samsyn.stats.metrics import GENDERS, TOTAL
from samsyn.stats.periods import FIRST_YEAR, Period

FORBUND_REPORT_ROLES = (Role.FORBUNDSADMIN, Role.STYRGRUPP)
# The registration counts a förbund report shows (ids of samsyn/participants/selectors/metrics.py).
FIGURE_KEYS = (
    "started",
    "active",
    "ended",
    "ended_work_or_studies",
    "ended_step_forward",
    "anonymous_started",
)
NO_COUNTS: Triple = (0, 0, 0)
EARLIEST_DAY = datetime.date(FIRST_YEAR, 1, 1)
KRONA = Decimal("1")


# --- who sees what ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ForbundAccess:
    """The chosen förbund, the user's other choices and whether figures are suppressed."""

    actor: User
    forbund: Forbund
    forbunds: tuple[Forbund, ...]
    role: Role

    @property
    def suppress(self) -> bool:
        """Styrgrupp sees no personal data: small counts are hidden."""
        return self.role != Role.FORBUNDSADMIN

    @property
    def limit(self) -> int:
        """Counts below this are hidden when suppressed (the förbund's setting, 3 or 5)."""
        return self.forbund.small_count_limit

    def interventions(self) -> QuerySet[Intervention]:
        """The förbund's interventions, starting from the actor's scope."""
        scope = interventions_visible_to(self.actor, *FORBUND_REPORT_ROLES)
        return scope.filter(forbund=self.forbund).order_by()


def forbund_access(*, actor: User, forbund_id: int | None) -> ForbundAccess:
    """The förbund whose reports ``actor`` asked for; 404 without the role there."""
    if not actor.is_authenticated or not actor.is_active:
        raise Http404
    memberships = (
        Membership.objects.filter(user=actor, is_active=True, role__in=FORBUND_REPORT_ROLES)
        .select_related("forbund")
        .order_by("forbund__name", "forbund_id")
    )
    forbunds: dict[int, Forbund] = {}
    roles: dict[int, set[str]] = {}
    for membership in memberships:
        forbunds.setdefault(membership.forbund_id, membership.forbund)
        roles.setdefault(membership.forbund_id, set()).add(membership.role)
    if not forbunds:
        raise Http404
    chosen = next(iter(forbunds)) if forbund_id is None else forbund_id
    if chosen not in forbunds:
        raise Http404
    role = Role.FORBUNDSADMIN if Role.FORBUNDSADMIN in roles[chosen] else Role.STYRGRUPP
    return ForbundAccess(
        actor=actor, forbund=forbunds[chosen], forbunds=tuple(forbunds.values()), role=role
    )


# --- figures per intervention -----------------------------------------------------------------


@dataclass
class InterventionFigures:
    intervention: Intervention
    # metric id -> (kvinna, man, total)
    counts: dict[str, Triple] = field(default_factory=dict)
    planned: int | None = None
    # The total project cost (every funder) ...
    budget: Decimal = ZERO
    outcome: Decimal = ZERO
    # ... and the förbund's money in it (budget lines and costs the förbund pays).
    forbund_budget: Decimal = ZERO
    forbund_outcome: Decimal = ZERO
    # year -> the förbund's budget lines of that year (for ``forbund_granted``)
    forbund_budget_by_year: dict[int, Decimal] = field(default_factory=dict)
    # metric id -> (kvinna, man, total) from the start to the period's end (when asked for)
    since_start: dict[str, Triple] = field(default_factory=dict)

    def count(self, key: str) -> Triple:
        return self.counts.get(key, NO_COUNTS)

    def count_since_start(self, key: str) -> Triple:
        return self.since_start.get(key, NO_COUNTS)


def registration_counts_by_intervention(
    interventions: QuerySet[Intervention], period: Period
) -> dict[int, dict[str, Triple]]:
    """``{intervention id: {metric id: (kvinna, man, total)}}`` for ``FIGURE_KEYS``, in one
    query, read through the metric registry (samsyn/stats/metrics.py)."""
    grouped = registry.counts_by_intervention(interventions, period, FIGURE_KEYS)
    return {
        intervention_id: {key: _triple(counts[key]) for key in FIGURE_KEYS}
        for intervention_id, counts in grouped.items()
    }


def _triple(counts: dict[str, int]) -> Triple:
    """(kvinna, man, total) of a registry count (its total includes every gender)."""
    kvinna, man = (counts.get(gender, 0) for gender in GENDERS)
    return kvinna, man, counts[TOTAL]


def _sum_by_intervention(queryset: QuerySet[Any], amount: str) -> dict[int, Any]:
    return dict(
        queryset.order_by()
        .values("intervention_id")
        .annotate(total=Sum(amount))
        .values_list("intervention_id", "total")
    )


@dataclass(frozen=True)
class MoneySums:
    """(total, förbund's part) per intervention id, of the budget and of the outcome."""

    budget: dict[int, tuple[Decimal, Decimal]]
    outcome: dict[int, tuple[Decimal, Decimal]]
    # intervention id -> year -> the förbund's budget lines of that year
    forbund_budget_by_year: dict[int, dict[int, Decimal]] = field(default_factory=dict)

    def ids(self) -> set[int]:
        return set(self.budget) | set(self.outcome)


def _total_and_forbund(queryset: QuerySet[Any]) -> dict[int, tuple[Decimal, Decimal]]:
    rows = (
        queryset.order_by()
        .values("intervention_id")
        .annotate(total=Sum("amount"), forbund=Sum("amount", filter=FORBUND_FUNDED))
        .values_list("intervention_id", "total", "forbund")
    )
    return {pk: (total or ZERO, forbund or ZERO) for pk, total, forbund in rows}


def _budget_sums(queryset: QuerySet[Any]) -> MoneySums:
    """Budget (total, förbund's part) per intervention and the förbund's part per
    intervention and year, from one ``GROUP BY intervention_id, year``."""
    rows = (
        queryset.order_by()
        .values("intervention_id", "year")
        .annotate(total=Sum("amount"), forbund=Sum("amount", filter=FORBUND_FUNDED))
        .values_list("intervention_id", "year", "total", "forbund")
    )
    budget: dict[int, tuple[Decimal, Decimal]] = {}
    by_year: dict[int, dict[int, Decimal]] = {}
    for pk, year, total, forbund in rows:
        total_so_far, forbund_so_far = budget.get(pk, (ZERO, ZERO))
        budget[pk] = (total_so_far + (total or ZERO), forbund_so_far + (forbund or ZERO))
        by_year.setdefault(pk, {})[year] = forbund or ZERO
    return MoneySums(budget=budget, outcome={}, forbund_budget_by_year=by_year)


def money_by_intervention(interventions: QuerySet[Intervention], period: Period) -> MoneySums:
    """Budget and outcome per intervention, as ``finance.budget_vs_outcome`` defines them:
    budget lines of the calendar years the period touches, costs of the months in it; each
    as the total project cost and the förbund's part. Two queries."""
    ids = interventions.order_by().values("pk")
    budget = _budget_sums(
        BudgetLine.objects.filter(intervention_id__in=ids, year__in=period_years(period))
    )
    outcome = _total_and_forbund(
        ActualCost.objects.filter(
            intervention_id__in=ids,
            month__gte=period.start.replace(day=1),
            month__lte=period.end,
        )
    )
    return MoneySums(budget.budget, outcome, budget.forbund_budget_by_year)


def planned_by_intervention(
    interventions: QuerySet[Intervention], period: Period
) -> dict[int, int]:
    """Planned participants of the annual plans of the period's years (summed over years)."""
    return _sum_by_intervention(
        AnnualPlan.objects.filter(
            intervention_id__in=interventions.order_by().values("pk"),
            year__in=period_years(period),
        ),
        "planned_participants",
    )


def _runs_in(intervention: Intervention, period: Period) -> bool:
    return intervention.start_date <= period.end and (
        intervention.end_date is None or intervention.end_date >= period.start
    )


def cumulative_period(interventions: Iterable[Intervention], period: Period) -> Period:
    """From the earliest start of ``interventions`` (or the period's start) to the period's
    end: for each intervention the same counts as from its own start, since none of its
    registrations starts before it does."""
    starts = [intervention.start_date for intervention in interventions]
    return Period(max(min([*starts, period.start]), EARLIEST_DAY), period.end)


def intervention_figures(
    access: ForbundAccess, period: Period, *, since_start: bool = False
) -> list[InterventionFigures]:
    """Every intervention of the förbund that runs in ``period`` or has figures in it, by
    name, with its counts, plan and money (five queries, see the module docstring); with
    ``since_start`` also the counts from the start to the period's end (two more)."""
    interventions = access.interventions()
    counts = registration_counts_by_intervention(interventions, period)
    cumulative: dict[int, dict[str, Triple]] = {}
    if since_start:
        span = cumulative_period(interventions, period)
        cumulative = registration_counts_by_intervention(interventions, span)
    money = money_by_intervention(interventions, period)
    planned = planned_by_intervention(interventions, period)
    with_figures = set(counts) | money.ids() | set(planned)
    none = (ZERO, ZERO)
    return [
        InterventionFigures(
            intervention=intervention,
            counts=counts.get(intervention.pk, {}),
            planned=planned.get(intervention.pk),
            budget=money.budget.get(intervention.pk, none)[0],
            outcome=money.outcome.get(intervention.pk, none)[0],
            forbund_budget=money.budget.get(intervention.pk, none)[1],
            forbund_outcome=money.outcome.get(intervention.pk, none)[1],
            forbund_budget_by_year=money.forbund_budget_by_year.get(intervention.pk, {}),
            since_start=cumulative.get(intervention.pk, {}),
        )
        for intervention in interventions.order_by("name", "pk")
        if intervention.pk in with_figures or _runs_in(intervention, period)
    ]


def whole_kronor(amount: Decimal) -> Decimal:
    """Rounded half up to whole kronor: the page shows whole kronor, so the files written
    from the same cells hold the same figures (Finsam export, förbund overview)."""
    return amount.quantize(KRONA, rounding=ROUND_HALF_UP)


def forbund_granted(figures: Sequence[InterventionFigures], period: Period) -> list[Decimal]:
    """The förbund's granted money of each item in the calendar years ``period`` touches
    (issue #12): per year, the ``Grant`` a recorded decision wrote, otherwise the förbund's
    budget lines of that year (docs/finsam-export.md). One query."""
    years = period_years(period)
    grants = granted_by_intervention_and_year([item.intervention for item in figures], years)
    return [
        sum(
            (
                grants.get((item.intervention.pk, year), item.forbund_budget_by_year.get(year))
                or ZERO
                for year in years
            ),
            ZERO,
        )
        for item in figures
    ]


__all__ = [
    "FIGURE_KEYS",
    "FORBUND_REPORT_ROLES",
    "ForbundAccess",
    "InterventionFigures",
    "MoneySums",
    "cumulative_period",
    "forbund_access",
    "forbund_granted",
    "intervention_figures",
    "money_by_intervention",
    "planned_by_intervention",
    "registration_counts_by_intervention",
    "whole_kronor",
]
