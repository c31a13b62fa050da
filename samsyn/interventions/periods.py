"""An intervention's report schedule, generated from its start and end dates.

Pure functions, no database:

- quarterly periods aligned to calendar quarters ("Rapport 1 2022-01-01–2022-03-31",
  "Rapport 2 …"): the first starts at the intervention's start date when that falls mid-quarter,
  the last ends at its end date;
- yearly periods: the calendar years, clipped to the intervention;
- the final report period: the whole intervention.

An intervention without an end date is scheduled up to ``until`` (by default one year from
today). End before start is a ``ValueError`` with a Swedish message.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, gettext_lazy

from samsyn.stats.periods import Period

QUARTER_LABEL = gettext_lazy("Rapport %(number)s %(from)s–%(to)s")
YEAR_LABEL = gettext_lazy("Årsrapport %(year)s %(from)s–%(to)s")
FINAL_LABEL = gettext_lazy("Slutrapport %(from)s–%(to)s")


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    YEAR = "year"
    FINAL = "final"


def _interpolate(template: Promise | str, params: Mapping[str, object]) -> str:
    return str(template) % params


# Translated when shown, in the language active then.
interpolate_lazy: Callable[..., str] = lazy(_interpolate, str)


@dataclass(frozen=True)
class ReportPeriod:
    kind: PeriodKind
    number: int
    label: str
    date_from: datetime.date
    date_to: datetime.date

    def contains(self, day: datetime.date) -> bool:
        return self.date_from <= day <= self.date_to

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1


@dataclass(frozen=True)
class ReportSchedule:
    quarters: tuple[ReportPeriod, ...]
    years: tuple[ReportPeriod, ...]
    final: ReportPeriod
    open_end: bool


def one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def effective_end(
    start: datetime.date,
    end: datetime.date | None,
    *,
    until: datetime.date | None = None,
) -> datetime.date:
    """The last day to schedule: the end date, or ``until`` (default a year from today)."""
    if end is not None:
        if end < start:
            raise ValueError(gettext("Slutdatumet kan inte vara före startdatumet."))
        return end
    last = until if until is not None else one_year_after(timezone.localdate())
    if last < start:
        raise ValueError(
            gettext("Datumet som schemat räknas fram till kan inte vara före startdatumet.")
        )
    return last


def _quarter_spans(
    start: datetime.date, last: datetime.date
) -> Iterator[tuple[datetime.date, datetime.date]]:
    for quarter in Period(start, last).quarters():
        yield quarter.start, quarter.end


def _year_spans(
    start: datetime.date, last: datetime.date
) -> Iterator[tuple[datetime.date, datetime.date]]:
    for year in Period(start, last).years():
        yield year.start, year.end


def _params(number: int, date_from: datetime.date, date_to: datetime.date) -> dict[str, object]:
    return {
        "number": number,
        "year": date_from.year,
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
    }


def _periods(
    kind: PeriodKind,
    label: Promise,
    spans: Iterator[tuple[datetime.date, datetime.date]],
) -> tuple[ReportPeriod, ...]:
    return tuple(
        ReportPeriod(
            kind=kind,
            number=number,
            label=interpolate_lazy(label, _params(number, date_from, date_to)),
            date_from=date_from,
            date_to=date_to,
        )
        for number, (date_from, date_to) in enumerate(spans, start=1)
    )


def quarterly_periods(
    start: datetime.date, end: datetime.date | None = None, *, until: datetime.date | None = None
) -> tuple[ReportPeriod, ...]:
    """Rapport 1, 2, …: calendar quarters clipped to the intervention."""
    last = effective_end(start, end, until=until)
    return _periods(PeriodKind.QUARTER, QUARTER_LABEL, _quarter_spans(start, last))


def yearly_periods(
    start: datetime.date, end: datetime.date | None = None, *, until: datetime.date | None = None
) -> tuple[ReportPeriod, ...]:
    """Årsrapport per calendar year, clipped to the intervention."""
    last = effective_end(start, end, until=until)
    return _periods(PeriodKind.YEAR, YEAR_LABEL, _year_spans(start, last))


def final_period(
    start: datetime.date, end: datetime.date | None = None, *, until: datetime.date | None = None
) -> ReportPeriod:
    """Slutrapport: the whole intervention (up to ``until`` when it has no end date)."""
    last = effective_end(start, end, until=until)
    (period,) = _periods(PeriodKind.FINAL, FINAL_LABEL, iter([(start, last)]))
    return period


def report_schedule(
    start: datetime.date, end: datetime.date | None = None, *, until: datetime.date | None = None
) -> ReportSchedule:
    """All of an intervention's report periods."""
    last = effective_end(start, end, until=until)
    return ReportSchedule(
        quarters=quarterly_periods(start, last),
        years=yearly_periods(start, last),
        final=final_period(start, last),
        open_end=end is None,
    )


def period_containing(periods: Sequence[ReportPeriod], day: datetime.date) -> ReportPeriod | None:
    """The period that ``day`` falls in, if any."""
    return next((period for period in periods if period.contains(day)), None)
