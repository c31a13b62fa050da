"""Each intervention's own period in one query (the start page's goals, docs/start-page.md).

A metric source counts rows of one period: its filters compare dates with ``period.start``
and ``period.end``. To count several interventions, each over its own period, in ONE query,
:func:`period_bounds` gives a period whose start and end are SQL expressions: ``CASE`` on the
row's intervention id, one ``WHEN`` per intervention. The source's own filters (the one
definition of each count) are then used unchanged, grouped by intervention as well. A row of
an intervention without a period gets ``NULL`` bounds and so matches no filter.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Case, DateField, Value, When

from samsyn.stats.periods import Period


@dataclass(frozen=True)
class PeriodBounds:
    """A period per intervention: ``start`` and ``end`` are SQL expressions, usable wherever
    a source's filters use ``period.start`` and ``period.end`` in a lookup."""

    start: Case
    end: Case


def period_bounds(periods: Mapping[int, Period], intervention_field: str) -> PeriodBounds:
    """``periods`` (intervention id → its period) as expressions on ``intervention_field``,
    the path from the counted rows to their intervention's id (``"intervention_id"``,
    ``"registration__intervention_id"``, …)."""
    return PeriodBounds(
        start=date_case({pk: period.start for pk, period in periods.items()}, intervention_field),
        end=date_case({pk: period.end for pk, period in periods.items()}, intervention_field),
    )


def date_case(dates: Mapping[int, datetime.date], intervention_field: str) -> Case:
    """One date per intervention (a window's first day, say) as a ``CASE`` on
    ``intervention_field``, like the bounds of :func:`period_bounds`."""
    return Case(
        *(When(**{intervention_field: pk}, then=Value(day)) for pk, day in sorted(dates.items())),
        default=Value(None),
        output_field=DateField(),
    )
