"""The distribution of recommendations of an intervention in a period (seed 004: 29,5 % AMA,
50 % aktivitet/sysselsättning, 9 % fortsatt rehabilitering, 11,5 % sjukersättning).

Counted by the shared metric definitions: registrations *ended in the period with a
recommendation*, per track, for kvinna / man / total (``evaluate_with_counts``, in SQL). For
the styrgrupp the counts are suppressed as one table (the tracks add up to the total, so a
hidden cell cannot be recovered from the others) and a share is hidden with its count.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from samsyn.assessments.models import OBSERVATION_WEEKS, ObservationWeek, ResourceInventory
from samsyn.assessments.selectors.inventory import percent
from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import ShownParticipant, audit_participants_shown, audit_record
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.forms.period_picker import PeriodPick, pick_period
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.models import Recommendation, Registration
from samsyn.participants.selectors.metrics import METRICS, evaluate_with_counts
from samsyn.participants.selectors.scoping import registrations_visible_to
from samsyn.stats.metrics import COLUMNS
from samsyn.stats.suppression import Suppressed, suppress_statistic, suppress_table
from samsyn.stats.tables import suppressed_metric_values

DISTRIBUTION_ROLES = (Role.FORBUNDSADMIN, Role.STYRGRUPP, Role.INSATSANSVARIG, Role.COACH)
STAFF_ROLES = (Role.INSATSANSVARIG, Role.COACH)
EXACT_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG, Role.COACH)

Cell = int | float | str | None


@dataclass(frozen=True)
class TrackRow:
    code: str
    label: str
    counts: tuple[Cell, Cell, Cell]
    shares: tuple[Cell, Cell, Cell]


@dataclass
class Distribution:
    intervention: Intervention
    pick: PeriodPick
    exact: bool
    staff: bool
    rows: list[TrackRow]
    total: tuple[Cell, Cell, Cell]
    ongoing: Cell
    attendance: Cell
    overdue: list[ResourceInventory] = field(default_factory=list)


def distribution_intervention(*, actor: User, intervention_id: int) -> Intervention:
    intervention = (
        interventions_visible_to(actor, *DISTRIBUTION_ROLES)
        .select_related("forbund")
        .filter(pk=intervention_id)
        .first()
    )
    if intervention is None or not intervention.uses_resursinventering:
        raise Http404
    return intervention


def sees_exact(*, actor: User, intervention: Intervention) -> bool:
    """Styrgrupp sees suppressed figures; the förbund's administrators and staff exact ones."""
    exact = interventions_visible_to(actor, *EXACT_ROLES)
    return exact.filter(pk=intervention.pk).exists()


def is_staff(*, actor: User, intervention: Intervention) -> bool:
    return interventions_visible_to(actor, *STAFF_ROLES).filter(pk=intervention.pk).exists()


def _inventories_of(intervention: Intervention) -> QuerySet[ResourceInventory]:
    countable = Registration.objects.countable().filter(intervention=intervention)
    return ResourceInventory.objects.filter(registration__in=countable.values("pk")).order_by()


def ongoing_count(*, intervention: Intervention, end: datetime.date) -> int:
    """Inventories running on ``end``: started by then, no recommendation decided by then, in a
    registration not ended before it."""
    ongoing = (
        Q(started_on__lte=end)
        & (Q(recommended_on__isnull=True) | Q(recommended_on__gt=end))
        & (Q(registration__end_date__isnull=True) | Q(registration__end_date__gte=end))
    )
    return _inventories_of(intervention).filter(ongoing).count()


def period_attendance(
    *, intervention: Intervention, start: datetime.date, end: datetime.date
) -> tuple[float | None, int]:
    """Attended / planned hours of the weeks starting in the period, and how many people."""
    weeks = ObservationWeek.objects.filter(
        inventory__in=_inventories_of(intervention).values("pk"),
        week_starting__range=(start, end),
    )
    row = weeks.order_by().aggregate(
        percent=percent(Sum("attended_hours"), Sum("planned_hours")),
        people=Count("inventory", distinct=True),
    )
    return row["percent"], row["people"]


def overdue_without_recommendation(
    *, actor: User, intervention: Intervention, today: datetime.date | None = None
) -> QuerySet[ResourceInventory]:
    """Ongoing registrations the actor sees whose inventory began more than 12 weeks ago
    (observed activity, else the start) and still has no recommendation."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(weeks=OBSERVATION_WEEKS)
    visible = registrations_visible_to(actor).filter(intervention=intervention).countable()
    return (
        ResourceInventory.objects.filter(
            registration__in=visible.filter(end_date__isnull=True, recommendation="").values("pk")
        )
        .annotate(began=Coalesce("observation_from", "started_on"))
        .filter(began__lte=cutoff)
        .select_related("registration__person", "registration__coach")
        .order_by("began", "pk")
    )


def _shown(value: Any) -> Cell:
    return str(value) if isinstance(value, Suppressed) else value


def _table(
    values: dict[str, dict[str, Any]], counts: dict[str, dict[str, int]], *, exact: bool
) -> tuple[list[TrackRow], tuple[Cell, Cell, Cell]]:
    codes = list(Recommendation.values)
    raw = [[counts[f"ended_recommendation_{code}"][c] for c in COLUMNS] for code in codes]
    raw.append([counts["ended_with_recommendation"][c] for c in COLUMNS])
    shown: list[list[Cell]] = [list(row) for row in raw]
    if not exact:
        table = suppress_table(raw, row_totals=True, column_totals=True)
        shown = [[_shown(cell) for cell in row] for row in table.cells]
    shares = suppressed_metric_values(METRICS, values, counts, suppress=not exact)
    labels = dict(Recommendation.choices)
    rows = []
    # The suppressed matrix has one row per code, in the order of ``codes``, then the total.
    for code, count_cells in zip(codes, shown[:-1], strict=True):
        metric = shares[f"share_recommendation_{code}"]
        share_cells = [
            # A share would give a hidden count back: hide it with the count.
            str(Suppressed.figure()) if isinstance(count, str) else _shown(value)
            for count, value in zip(
                count_cells, (metric["kvinna"], metric["man"], metric["total"]), strict=True
            )
        ]
        rows.append(
            TrackRow(
                code=code,
                label=str(labels[code]),
                counts=(count_cells[0], count_cells[1], count_cells[2]),
                shares=(share_cells[0], share_cells[1], share_cells[2]),
            )
        )
    total = shown[-1]
    return rows, (total[0], total[1], total[2])


def _small_count(value: int, *, exact: bool) -> Cell:
    if exact or not 0 < value < 5:
        return value
    return "< 5"


OVERDUE_DETAIL = "Resursinventeringar utan rekommendation efter 12 veckor (lista)"


def _audit_overdue_shown(
    actor: User, intervention: Intervention, overdue: list[ResourceInventory]
) -> None:
    """The overdue list names participants: one view event per person shown (one insert);
    an empty list is one event naming nobody."""
    written = audit_participants_shown(
        actor=actor,
        role="",
        detail=OVERDUE_DETAIL,
        shown=[
            ShownParticipant(
                participant_ref=inventory.registration.person.pseudonym,
                forbund_id=intervention.forbund_id,
                intervention_id=intervention.pk,
                obj=inventory.registration,
            )
            for inventory in overdue
        ],
    )
    if not written:
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            forbund=intervention.forbund,
            intervention=intervention,
            detail=OVERDUE_DETAIL,
        )


def recommendation_distribution(
    *,
    actor: User,
    intervention_id: int,
    params: Mapping[str, str],
    today: datetime.date | None = None,
) -> Distribution:
    """The page's figures for ``actor`` (404 outside the audience), constant queries."""
    intervention = distribution_intervention(actor=actor, intervention_id=intervention_id)
    today = today or timezone.localdate()
    exact = sees_exact(actor=actor, intervention=intervention)
    pick = pick_period(intervention, params, today=today, free=exact)
    period = pick.period
    values, counts = evaluate_with_counts(intervention, period)
    rows, total = _table(values, counts, exact=exact)
    ongoing = ongoing_count(intervention=intervention, end=min(period.end, today))
    share, people = period_attendance(intervention=intervention, start=period.start, end=period.end)
    share = share / 100 if share is not None else None  # a share, like the metrics
    attendance = share if exact else _shown(suppress_statistic(share, people))
    staff = is_staff(actor=actor, intervention=intervention)
    overdue: list[ResourceInventory] = []
    if staff:
        overdue = list(
            overdue_without_recommendation(actor=actor, intervention=intervention, today=today)
        )
        _audit_overdue_shown(actor, intervention, overdue)
    return Distribution(
        intervention=intervention,
        pick=pick,
        exact=exact,
        staff=staff,
        rows=rows,
        total=total,
        ongoing=_small_count(ongoing, exact=exact),
        attendance=attendance,
        overdue=list(overdue),
    )


__all__ = [
    "Distribution",
    "TrackRow",
    "distribution_intervention",
    "is_staff",
    "ongoing_count",
    "overdue_without_recommendation",
    "period_attendance",
    "recommendation_distribution",
    "sees_exact",
]
