"""A reporting period: a closed range of dates [start, end], both days included, and the
calendar months, quarters and years it is cut into (the one implementation every chart,
schedule and month table uses)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The one year range of every report, budget year and reference value in Samsyn. Reports are
# about samordningsförbund, which exist since the FINSAM act of 2004 (SFS 2003:1210); far-off
# dates are typing errors (and would make month-by-month figures and charts run for
# millennia). Forms, services and their messages all use these two constants.
FIRST_YEAR = 2000
LAST_YEAR = 2100
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """The days from ``start`` to ``end``, both included ("from" and "to" in reports)."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if not isinstance(self.start, datetime.date) or not isinstance(self.end, datetime.date):
            raise ValidationError(_("En period måste ha ett start- och ett slutdatum."))
        for day in (self.start, self.end):
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValidationError(
                    _("%(day)s ligger utanför åren %(first)s–%(last)s som rapporter gäller.")
                    % {"day": day.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR},
                    code="period_out_of_range",
                )
        if self.end < self.start:
            raise ValidationError(
                _("Periodens slutdatum %(end)s ligger före startdatumet %(start)s.")
                % {"start": self.start.isoformat(), "end": self.end.isoformat()},
                code="period_reversed",
            )

    @classmethod
    def parse(cls, start: str, end: str) -> Period:
        """A period from two ISO dates (YYYY-MM-DD); a Swedish ValidationError otherwise."""
        return cls(_parse_date(start), _parse_date(end))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    def months(self) -> list[Period]:
        """The calendar months this period touches, oldest first, each clipped to it."""
        return self._spans(month_of)

    def quarters(self) -> list[Period]:
        """The calendar quarters this period touches, oldest first, each clipped to it."""
        return self._spans(quarter_of)

    def years(self) -> list[Period]:
        """The calendar years this period touches, oldest first, each clipped to it."""
        return self._spans(year_of)

    def _spans(self, span_of: Callable[[datetime.date], Period]) -> list[Period]:
        spans: list[Period] = []
        day = self.start
        while day <= self.end:
            span = span_of(day)
            spans.append(Period(max(span.start, self.start), min(span.end, self.end)))
            day = span.end + datetime.timedelta(days=1)
        return spans


def month_of(day: datetime.date) -> Period:
    """The whole calendar month ``day`` is in."""
    return Period(day.replace(day=1), _month_start(day.year, day.month + 1) - ONE_DAY)


def quarter_start(day: datetime.date) -> datetime.date:
    """The first day of the calendar quarter ``day`` is in."""
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_of(day: datetime.date) -> Period:
    """The whole calendar quarter ``day`` is in."""
    first = quarter_start(day)
    return Period(first, _month_start(first.year, first.month + 3) - ONE_DAY)


def year_of(day: datetime.date) -> Period:
    """The whole calendar year ``day`` is in."""
    return Period(datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))


def add_quarters(day: datetime.date, count: int) -> datetime.date:
    """The first day of the quarter ``count`` quarters after (negative: before) ``day``'s."""
    first = quarter_start(day)
    return _month_start(first.year, first.month + 3 * count)


def _month_start(year: int, month: int) -> datetime.date:
    """The first day of ``month`` of ``year``; months outside 1–12 roll over the year."""
    index = year * 12 + month - 1
    return datetime.date(index // 12, index % 12 + 1, 1)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(text: str) -> datetime.date:
    try:
        if not _ISO_DATE.fullmatch(text.strip()):
            raise ValueError(text)
        return datetime.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValidationError(
            _("%(value)s är inget giltigt datum; skriv ÅÅÅÅ-MM-DD.") % {"value": text},
            code="invalid_date",
        ) from None
