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

from django.db.models import QuerySet
from django.utils import timezone

from samsyn.audit.models import AuditAction
from samsyn.audit.services import audit_record
from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.interventions.period_picker import PeriodPick, pick_period
from samsyn.participants.models import Recommendation
from samsyn.participants.selectors.metrics import METRICS, evaluate_with_counts
from samsyn.stats.metrics import COLUMNS
from samsyn.stats.suppression import Suppressed, suppress_statistic, suppress_table
from samsyn.stats.tables import suppressed_metric_values

from . import selectors
from .models import ResourceInventory

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
            str(Suppressed(secondary=True)) if isinstance(count, str) else _shown(value)
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


def recommendation_distribution(
    *,
    actor: User,
    intervention_id: int,
    params: Mapping[str, str],
    today: datetime.date | None = None,
) -> Distribution:
    """The page's figures for ``actor`` (404 outside the audience), constant queries."""
    intervention = selectors.distribution_intervention(actor=actor, intervention_id=intervention_id)
    today = today or timezone.localdate()
    pick = pick_period(intervention, params, today=today)
    period = pick.period
    exact = selectors.sees_exact(actor=actor, intervention=intervention)
    values, counts = evaluate_with_counts(intervention, period)
    rows, total = _table(values, counts, exact=exact)
    ongoing = selectors.ongoing_count(intervention=intervention, end=min(period.end, today))
    share, people = selectors.period_attendance(
        intervention=intervention, start=period.start, end=period.end
    )
    share = share / 100 if share is not None else None  # a share, like the metrics
    attendance = share if exact else _shown(suppress_statistic(share, people))
    staff = selectors.is_staff(actor=actor, intervention=intervention)
    overdue: QuerySet[ResourceInventory] | list[ResourceInventory] = []
    if staff:
        overdue = selectors.overdue_without_recommendation(
            actor=actor, intervention=intervention, today=today
        )
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            forbund=intervention.forbund,
            intervention=intervention,
            detail="Resursinventeringar utan rekommendation efter 12 veckor (lista)",
        )
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


__all__ = ["Distribution", "TrackRow", "recommendation_distribution"]
