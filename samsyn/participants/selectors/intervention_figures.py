"""An intervention's figures: participants active, started and ended, and places in use.

A section of the intervention page (samsyn/participants/selectors/intervention_page.py
registers it).

Computed in SQL (one aggregate and one GROUP BY) with the definitions of the metric registry
(samsyn/participants/selectors/metrics.py: ``active``, ``started``, ``ended``), so a
registration ended as felregistrering never counts and the page agrees with every report.

- active: the registry's ``active`` for the one day today (registrations, not people: see
  ``ACTIVE_DEFINITION``, which the page shows under the figures);
- started this year: start date in the current calendar year;
- ended this year: end date in the current calendar year;
- occupancy: active people by home municipality, against the places of that municipality.

For an audience without access to personal data (styrgrupp), counts below 5 are shown as
"< 5", and where a hidden count could be worked out from a total and the other shown counts,
the smallest other count is hidden too ("dolt").
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention
from samsyn.interventions.municipalities import municipality_label
from samsyn.participants.models import Registration
from samsyn.participants.selectors.metrics import (
    ACTIVE_DEFINITION,
    active_q,
    countable_registrations,
    registration_filters,
)
from samsyn.stats.periods import Period
from samsyn.stats.suppression import (
    PRIMARY_TEXT,
    Shown,
    Suppressed,
    is_small,
    suppress_table,
)

SMALL_COUNT = 5
GENDERS = ("kvinna", "man")


@dataclass(frozen=True)
class Cell:
    value: int
    text: str
    hidden: bool = False


@dataclass(frozen=True)
class GenderRow:
    label: str
    kvinna: Cell
    man: Cell
    total: Cell


@dataclass(frozen=True)
class OccupancyRow:
    code: str
    label: str
    places: int | None
    occupied: Cell


@dataclass(frozen=True)
class InterventionFigures:
    year: int
    rows: list[GenderRow]
    occupancy: list[OccupancyRow]
    suppressed: bool
    # The registry's definition of "aktiva", shown under the figures.
    active_definition: str = str(ACTIVE_DEFINITION)


# --- small-cell suppression ---------------------------------------------------------------


def _shown(value: int) -> Cell:
    return Cell(value=value, text=str(value))


def _cell(value: int, shown: Shown) -> Cell:
    if isinstance(shown, Suppressed):
        return Cell(value=value, text=str(shown), hidden=True)
    return _shown(value)


def suppress_parts(parts: Sequence[int], total: int, *, suppress: bool) -> tuple[list[Cell], Cell]:
    """Cells for ``parts`` that add up to ``total``, suppressed for audiences without access
    to personal data by the one rule in samsyn/stats/suppression.py (primary and
    secondary suppression, so no hidden count follows from the total and the others)."""
    if not suppress:
        return [_shown(value) for value in parts], _shown(total)
    if len(parts) < 2:
        # One part equals its total: both are hidden exactly when the count is small.
        hidden = is_small(total)
        cell = Cell(value=total, text=str(PRIMARY_TEXT), hidden=True) if hidden else _shown(total)
        return [cell for _ in parts], cell
    table = suppress_table([[*parts, total]], row_totals=True)
    shown = table.cells[0]
    cells = [_cell(value, shown[index]) for index, value in enumerate(parts)]
    return cells, _cell(total, shown[-1])


# --- the queries --------------------------------------------------------------------------


def _registrations(intervention: Intervention) -> QuerySet[Registration]:
    return countable_registrations(intervention)


def _conditions(today: datetime.date) -> dict[str, Q]:
    """The registry's definitions (samsyn/participants/selectors/metrics.py): active today,
    and started and ended in the current calendar year."""
    year = registration_filters(
        Period(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))
    )
    return {
        "active": active_q(Period(today, today)),
        "started": year["started"],
        "ended": year["ended"],
    }


def _gender_counts(intervention: Intervention, today: datetime.date) -> dict[str, int]:
    aggregates: dict[str, Count] = {}
    for name, condition in _conditions(today).items():
        aggregates[f"{name}_total"] = Count("id", distinct=True, filter=condition)
        for gender in GENDERS:
            aggregates[f"{name}_{gender}"] = Count(
                "id", distinct=True, filter=condition & Q(person__gender=gender)
            )
    return _registrations(intervention).aggregate(**aggregates)


def _active_by_municipality(intervention: Intervention, today: datetime.date) -> dict[str, int]:
    rows = (
        _registrations(intervention)
        .filter(_conditions(today)["active"])
        .values("person__home_municipality_code")
        .annotate(people=Count("id", distinct=True))
        .values_list("person__home_municipality_code", "people")
    )
    return dict(rows)


def _occupancy(
    intervention: Intervention, today: datetime.date, active_total: int, suppress: bool
) -> list[OccupancyRow]:
    """One row per municipality with places, and one for everyone living elsewhere."""
    by_code = _active_by_municipality(intervention, today)
    capacities = list(intervention.capacities.all())
    with_places = {capacity.municipality_code for capacity in capacities}
    elsewhere = sum(n for code, n in by_code.items() if code not in with_places)
    parts = [by_code.get(capacity.municipality_code, 0) for capacity in capacities]
    if elsewhere:
        parts.append(elsewhere)
    cells, _total = suppress_parts(parts, active_total, suppress=suppress)
    rows = [
        OccupancyRow(
            code=capacity.municipality_code,
            label=municipality_label(capacity.municipality_code),
            places=capacity.places,
            occupied=cell,
        )
        for capacity, cell in zip(capacities, cells, strict=False)
    ]
    if elsewhere:
        rows.append(
            OccupancyRow(code="", label=_("Övriga kommuner"), places=None, occupied=cells[-1])
        )
    return rows


def intervention_figures(
    *, intervention: Intervention, suppress: bool, today: datetime.date | None = None
) -> InterventionFigures:
    """The figures of the intervention page (the caller decides on ``suppress``)."""
    today = today or timezone.localdate()
    counts = _gender_counts(intervention, today)
    labels = {
        "active": _("Aktiva deltagare i dag"),
        "started": _("Började i år"),
        "ended": _("Avslutade i år"),
    }
    rows = []
    for name, label in labels.items():
        cells, total = suppress_parts(
            [counts[f"{name}_{gender}"] for gender in GENDERS],
            counts[f"{name}_total"],
            suppress=suppress,
        )
        rows.append(GenderRow(label=label, kvinna=cells[0], man=cells[1], total=total))
    occupancy = _occupancy(intervention, today, counts["active_total"], suppress)
    return InterventionFigures(
        year=today.year,
        rows=rows,
        occupancy=occupancy,
        suppressed=suppress,
        active_definition=str(ACTIVE_DEFINITION),
    )
