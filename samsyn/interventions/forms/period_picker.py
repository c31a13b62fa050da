"""The period of a report page, chosen with GET parameters.

``?rapportperiod=YYYY-MM-DD_YYYY-MM-DD`` is one of the quick choices (every quarter and
year of the intervention's report schedule and its whole period); ``?fran=&till=`` are
custom dates (ISO, both days included). Without them, or when they are malformed, reversed
or out of range, the page shows the default period: the quarter of the schedule that
today falls in, or the whole period when today is outside it; a Swedish message says why.
No input raises: every path ends in a valid ``Period``.

Used by the intervention dashboard and the period reports (the template is
``reporting/_period_picker.html``; pass it ``pick``).

An audience whose small numbers are hidden (``free=False``) may only choose among the quick
choices: two freely chosen periods a day apart would show what a hidden count is by
subtraction (issue #11). Roles that see the underlying records keep custom dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from samsyn.interventions.models import Intervention
from samsyn.interventions.periods import ReportSchedule, period_containing, report_schedule
from samsyn.stats.periods import Period
from samsyn.stats.small_numbers import FIXED_PERIODS_REASON

QUICK_PARAM = "rapportperiod"
FROM_PARAM = "fran"
TO_PARAM = "till"
# Dates far outside any intervention make month-by-month series huge (or overflow at year
# 9999), so they are refused with a message.
# Longer input is never a date; cut it so an error message cannot echo a whole essay.
MAX_INPUT = 32


@dataclass(frozen=True)
class PeriodOption:
    value: str  # the ?rapportperiod= of the quick choice
    label: str


@dataclass(frozen=True)
class PeriodGroup:
    label: str
    options: tuple[PeriodOption, ...]


@dataclass(frozen=True)
class PeriodPick:
    period: Period
    default: Period
    groups: tuple[PeriodGroup, ...]
    error: str = ""
    # Whether custom dates may be chosen (not for an audience whose small numbers are hidden).
    free: bool = True

    @property
    def selected(self) -> str:
        return period_value(self.period)

    @property
    def is_default(self) -> bool:
        return self.period == self.default

    @property
    def label(self) -> str:
        """The quick choice's name when the period is one of them, else ""."""
        for group in self.groups:
            for option in group.options:
                if option.value == self.selected:
                    return option.label
        return ""


def period_value(period: Period) -> str:
    return f"{period.start.isoformat()}_{period.end.isoformat()}"


def _schedule(intervention: Intervention, today: datetime.date) -> ReportSchedule | None:
    try:
        return report_schedule(
            intervention.start_date,
            intervention.end_date,
            until=max(today, intervention.start_date),
        )
    except ValueError:  # an end before the start: nothing can be scheduled
        return None


def default_period(
    schedule: ReportSchedule | None, start: datetime.date, today: datetime.date
) -> Period:
    """The current quarter of the schedule, or the whole period when today is outside it."""
    if schedule is None:
        return Period(start, start)
    quarter = period_containing(schedule.quarters, today)
    chosen = quarter or schedule.final
    return Period(chosen.date_from, chosen.date_to)


def period_groups(schedule: ReportSchedule | None) -> tuple[PeriodGroup, ...]:
    if schedule is None:
        return ()
    groups = (
        (gettext("Kvartalsrapporter"), schedule.quarters),
        (gettext("Årsrapporter"), schedule.years),
        (gettext("Hela perioden"), (schedule.final,)),
    )
    return tuple(
        PeriodGroup(
            label,
            tuple(
                PeriodOption(period_value(Period(p.date_from, p.date_to)), str(p.label))
                for p in periods
            ),
        )
        for label, periods in groups
    )


def pick_period(
    intervention: Intervention,
    params: Mapping[str, str],
    *,
    today: datetime.date | None = None,
    free: bool = True,
) -> PeriodPick:
    """The period asked for in ``params`` (a QueryDict will do), or the default and why.
    Without ``free`` only the quick choices are accepted."""
    today = today or timezone.localdate()
    schedule = _schedule(intervention, today)
    default = default_period(schedule, intervention.start_date, today)
    groups = period_groups(schedule)
    period, error = _parse(params, default)
    if not free and not error and period != default and not offered(period, groups):
        period, error = default, _error(str(FIXED_PERIODS_REASON))
    return PeriodPick(period=period, default=default, groups=groups, error=error, free=free)


def offered(period: Period, groups: tuple[PeriodGroup, ...]) -> bool:
    """Whether ``period`` is one of the quick choices."""
    value = period_value(period)
    return any(option.value == value for group in groups for option in group.options)


def _text(params: Mapping[str, str], key: str) -> str:
    value = params.get(key, "")
    return value.strip()[:MAX_INPUT] if isinstance(value, str) else ""


def _parse(params: Mapping[str, str], default: Period) -> tuple[Period, str]:
    quick = _text(params, QUICK_PARAM)
    fran, till = _text(params, FROM_PARAM), _text(params, TO_PARAM)
    if quick:
        fran, _sep, till = quick.partition("_")
        if not fran or not till:
            return default, _error(gettext("Välj en period i listan."))
    if not fran and not till:
        return default, ""
    if not fran or not till:
        return default, _error(gettext("Ange både från- och till-datum."))
    try:
        period = Period.parse(fran, till)
    except ValidationError as error:
        return default, _error(" ".join(error.messages))
    return period, ""


def _error(reason: str) -> str:
    return "{} {}".format(
        reason,
        gettext("I stället visas standardperioden: innevarande kvartal eller hela perioden."),
    )
