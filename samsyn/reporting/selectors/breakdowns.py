"""Tables beside the metrics: income transitions, age bands (the standard ones and the
intervention's own), municipality, phase, referrer.

Each is one ``GROUP BY`` query (the municipality table adds one for the places) over
``countable_registrations`` — felregistrering never counts — and every row is split by gender
with a total, counting registrations with ``Count("id", distinct=True)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Case, CharField, Count, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from samsyn.interventions.models import AgeBand, Capacity, Intervention
from samsyn.participants.models import Registration, RegistrationIncome
from samsyn.participants.models.choices import IncomeMoment, IncomeSource
from samsyn.participants.selectors.metrics import Interventions, active_q, countable_registrations
from samsyn.stats.metrics import GENDERS, TOTAL, with_total
from samsyn.stats.periods import Period

UNKNOWN = "okand"
# (key, lowest age, highest age); age = period end year − birth year.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("16-24", 0, 24),
    ("25-29", 25, 29),
    ("30-39", 30, 39),
    ("40-49", 40, 49),
    ("50-59", 50, 59),
    ("60+", 60, None),
)
AGE_BAND_LABELS = {
    "16-24": _("16–24 år"),
    "25-29": _("25–29 år"),
    "30-39": _("30–39 år"),
    "40-49": _("40–49 år"),
    "50-59": _("50–59 år"),
    "60+": _("60 år och äldre"),
    UNKNOWN: _("Okänd ålder"),
}


@dataclass
class BreakdownRow:
    """One row: its key(s), a label, and the counts ``{"kvinna", "man", "total"}``."""

    key: Any
    label: str
    counts: dict[str, int] = field(default_factory=dict)
    places: int | None = None


def _collect(
    rows: QuerySet[Any], keys: tuple[str, ...], gender_field: str = "person__gender"
) -> dict[tuple[Any, ...], dict[str, int]]:
    table: dict[tuple[Any, ...], dict[str, int]] = {}
    for row in rows:
        counts = table.setdefault(
            tuple(row[key] for key in keys), dict.fromkeys((*GENDERS, TOTAL), 0)
        )
        if row[gender_field] in counts:
            counts[row[gender_field]] += row["n"]
        counts[TOTAL] += row["n"]
    return table


def _active(interventions: Interventions, period: Period) -> QuerySet[Registration]:
    return countable_registrations(interventions).filter(active_q(period))


def income_transitions(interventions: Interventions, period: Period) -> list[BreakdownRow]:
    """Registrations ended in ``period`` per (income before, income at exit) pair.

    A registration with two sources before and one after is counted in both pairs; one
    without any source at one of the moments is not in the table.
    """
    ended = countable_registrations(interventions).filter(
        end_date__range=(period.start, period.end)
    )
    rows = (
        RegistrationIncome.objects.filter(
            moment=IncomeMoment.BEFORE,
            registration__in=ended.values("pk"),
            registration__incomes__moment=IncomeMoment.AFTER,
        )
        .order_by()
        .values("source", "registration__incomes__source", "registration__person__gender")
        .annotate(n=Count("registration", distinct=True))
    )
    table = _collect(
        rows, ("source", "registration__incomes__source"), "registration__person__gender"
    )
    labels = dict(IncomeSource.choices)
    return [
        BreakdownRow(
            key=key,
            label=f"{labels.get(key[0], key[0])} → {labels.get(key[1], key[1])}",
            counts=counts,
        )
        for key, counts in sorted(table.items())
    ]


def _age_band(period: Period) -> Case:
    whens = [When(person__birth_year__isnull=True, then=Value(UNKNOWN))]
    for key, _low, high in AGE_BANDS:
        if high is None:
            whens.append(When(person__birth_year__isnull=False, then=Value(key)))
        else:
            whens.append(When(person__birth_year__gte=period.end.year - high, then=Value(key)))
    return Case(*whens, output_field=CharField())


def active_by_age_band(interventions: Interventions, period: Period) -> list[BreakdownRow]:
    """Active registrations per age band (age in the year the period ends).

    Ages under 16 (outside every intervention's age limits) are counted in the youngest band.
    """
    rows = (
        _active(interventions, period)
        .annotate(band=_age_band(period))
        .values("band", "person__gender")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    table = _collect(rows, ("band",))
    order = [key for key, _low, _high in AGE_BANDS] + [UNKNOWN]
    return [
        BreakdownRow(key=key, label=str(AGE_BAND_LABELS[key]), counts=table[(key,)])
        for key in order
        if (key,) in table
    ]


def active_by_own_age_band(
    interventions: Interventions, period: Period, bands: Sequence[AgeBand]
) -> list[BreakdownRow]:
    """Active registrations in each of the intervention's own age bands (AgeBand; age as in
    the standard bands), every band a row, also one with nobody.

    The bands may overlap each other and the standard bands, so the rows are not a partition
    of the active: a person of 25 is counted in "25–29 år" and in "20–29 år". One query with a
    conditional count per band, grouped by gender; none without bands."""
    if not bands:
        return []
    year = period.end.year
    aggregates = {
        f"band{index}": Count(
            "id",
            distinct=True,
            filter=Q(
                person__birth_year__gte=year - band.max_age,
                person__birth_year__lte=year - band.min_age,
            ),
        )
        for index, band in enumerate(bands)
    }
    rows = cast(
        Iterable[dict[str, Any]],
        _active(interventions, period).values("person__gender").annotate(**aggregates).order_by(),
    )
    by_band: list[dict[str, int]] = [{} for _band in bands]
    for row in rows:
        for index in range(len(bands)):
            by_band[index][row["person__gender"]] = row[f"band{index}"]
    return [
        BreakdownRow(
            key=f"{band.min_age}-{band.max_age}", label=band.name, counts=with_total(counts)
        )
        for band, counts in zip(bands, by_band, strict=True)
    ]


def active_by_municipality(interventions: Interventions, period: Period) -> list[BreakdownRow]:
    """Active registrations per home municipality, beside the places planned for it."""
    rows = (
        _active(interventions, period)
        .values("person__home_municipality_code", "person__gender")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    table = _collect(rows, ("person__home_municipality_code",))
    places = dict(
        Capacity.objects.filter(intervention__in=_intervention_ids(interventions))
        .order_by()
        .values("municipality_code")
        .annotate(places=Sum("places"))
        .values_list("municipality_code", "places")
    )
    codes = sorted({key[0] for key in table} | set(places))
    empty = dict.fromkeys((*GENDERS, TOTAL), 0)
    return [
        BreakdownRow(
            key=code,
            label=code or str(_("Okänd kommun")),
            counts=table.get((code,), dict(empty)),
            places=places.get(code),
        )
        for code in codes
    ]


def _intervention_ids(interventions: Interventions) -> QuerySet[Any]:
    if isinstance(interventions, Intervention):
        return Intervention.objects.filter(pk=interventions.pk).values("pk")
    if isinstance(interventions, QuerySet):
        return interventions.order_by().values("pk")
    return Intervention.objects.filter(pk__in=[item.pk for item in interventions]).values("pk")


def active_by_phase(interventions: Interventions, period: Period) -> list[BreakdownRow]:
    """Active registrations per current phase (in phase order; no phase last)."""
    rows = (
        _active(interventions, period)
        .values("current_phase__order", "current_phase__name", "person__gender")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    table = _collect(rows, ("current_phase__order", "current_phase__name"))
    return [
        BreakdownRow(key=key, label=key[1] or str(_("Ingen fas")), counts=counts)
        for key, counts in sorted(table.items(), key=lambda item: _none_last(item[0]))
    ]


def active_by_referring_party(interventions: Interventions, period: Period) -> list[BreakdownRow]:
    """Active registrations per referring party (alphabetical; none last)."""
    rows = (
        _active(interventions, period)
        .values("referring_party_id", "referring_party__name", "person__gender")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    table = _collect(rows, ("referring_party_id", "referring_party__name"))
    return [
        BreakdownRow(key=key[0], label=key[1] or str(_("Ingen anvisande part")), counts=counts)
        for key, counts in sorted(table.items(), key=lambda item: _none_last(item[0][::-1]))
    ]


def _none_last(key: tuple[Any, ...]) -> tuple[bool, Any]:
    return (key[0] is None, key)


__all__ = [
    "AGE_BANDS",
    "BreakdownRow",
    "active_by_age_band",
    "active_by_municipality",
    "active_by_own_age_band",
    "active_by_phase",
    "active_by_referring_party",
    "income_transitions",
]
