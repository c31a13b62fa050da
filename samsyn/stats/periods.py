"""A reporting period: a closed range of dates [start, end], both days included."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Reports are about interventions run in living memory; far-off dates are typing errors
# (and would make month-by-month figures and charts run for millennia).
FIRST_YEAR = 1990
LAST_YEAR = 2100


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
