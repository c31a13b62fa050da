"""Query parameters of the förbund reports: period (?fran=&till=), year (?ar=), file format
(?format=) and förbund (?forbund=).

Bad input never fails the page: each parser returns the value to use (a default when the
input was wrong) and the Swedish messages to show.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samsyn.stats.periods import FIRST_YEAR, LAST_YEAR, Period
from samsyn.stats.small_numbers import FIXED_PERIODS_REASON

T = TypeVar("T")
YEAR_MIN = FIRST_YEAR
YEAR_MAX = LAST_YEAR


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass
class Parsed(Generic[T]):
    value: T
    errors: list[str] = field(default_factory=list)


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def quarter_period(year: int, quarter: int) -> Period:
    start = datetime.date(year, 3 * quarter - 2, 1)
    next_start = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return Period(start, next_start - datetime.timedelta(days=1))


@dataclass(frozen=True)
class QuickPeriod:
    label: str
    period: Period


def quick_periods(today: datetime.date) -> list[QuickPeriod]:
    """This year, last year and each quarter of this year."""
    year = today.year
    choices = [
        QuickPeriod(_("I år (%(year)d)") % {"year": year}, year_period(year)),
        QuickPeriod(_("Förra året (%(year)d)") % {"year": year - 1}, year_period(year - 1)),
    ]
    for quarter in range(1, 5):
        label = _("Kvartal %(quarter)d %(year)d") % {"quarter": quarter, "year": year}
        choices.append(QuickPeriod(label, quarter_period(year, quarter)))
    return choices


def default_period(today: datetime.date) -> Period:
    return year_period(today.year)


def is_whole_quarter_or_year(period: Period) -> bool:
    """Whether ``period`` is one calendar quarter or one calendar year."""
    start = period.start
    if start.day != 1 or start.month not in (1, 4, 7, 10):
        return False
    if period == year_period(start.year):
        return True
    return period == quarter_period(start.year, (start.month + 2) // 3)


def parse_period(
    params: Mapping[str, str], today: datetime.date, *, free: bool = True
) -> Parsed[Period]:
    """?fran=ÅÅÅÅ-MM-DD&till=ÅÅÅÅ-MM-DD; neither given: this year, without a message.
    Without ``free`` (the styrgrupp, whose small numbers are hidden) only whole calendar
    quarters and years are accepted: two free periods a day apart would show a hidden count
    by subtraction (issue #11)."""
    start, end = params.get("fran", "").strip(), params.get("till", "").strip()
    fallback = default_period(today)
    if not start and not end:
        return Parsed(fallback)
    if not start or not end:
        return Parsed(fallback, [_("Ange både från- och till-datum. Visar i stället i år.")])
    try:
        period = Period.parse(start, end)  # also refuses years outside YEAR_MIN–YEAR_MAX
    except ValidationError as error:
        return Parsed(fallback, [*error.messages, _("Visar i stället i år.")])
    if not free and not is_whole_quarter_or_year(period):
        return Parsed(fallback, [str(FIXED_PERIODS_REASON), _("Visar i stället i år.")])
    return Parsed(period)


def parse_year(params: Mapping[str, str], today: datetime.date) -> Parsed[int]:
    """?ar=ÅÅÅÅ between 2000 and 2100; missing: this year, without a message."""
    text = params.get("ar", "").strip()
    if not text:
        return Parsed(today.year)
    if not text.isascii() or not text.isdigit() or not YEAR_MIN <= int(text) <= YEAR_MAX:
        message = _(
            "”%(value)s” är inget giltigt år; ange ett år mellan %(min)d och %(max)d. "
            "Visar i stället %(year)d."
        )
        return Parsed(
            today.year,
            [message % {"value": text, "min": YEAR_MIN, "max": YEAR_MAX, "year": today.year}],
        )
    return Parsed(int(text))


def parse_format(params: Mapping[str, str]) -> Parsed[FileFormat | None]:
    """?format=csv|xlsx for a download; missing: the page."""
    text = params.get("format", "").strip().lower()
    if not text:
        return Parsed(None)
    try:
        return Parsed(FileFormat(text))
    except ValueError:
        message = _("Okänt filformat ”%(value)s”; välj CSV eller XLSX.")
        return Parsed(None, [message % {"value": params.get("format", "")}])


def parse_forbund_id(params: Mapping[str, str]) -> Parsed[int | None]:
    """?forbund=<id>; missing: the user's first förbund. A number is checked by the selector
    (another förbund's id is a 404)."""
    text = params.get("forbund", "").strip()
    if not text:
        return Parsed(None)
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        message = _("”%(value)s” är inget giltigt förbund. Visar ditt första förbund.")
        return Parsed(None, [message % {"value": text}])
    return Parsed(int(text))


__all__ = [
    "YEAR_MAX",
    "YEAR_MIN",
    "FileFormat",
    "Parsed",
    "QuickPeriod",
    "default_period",
    "parse_forbund_id",
    "parse_format",
    "parse_period",
    "parse_year",
    "quarter_period",
    "quick_periods",
    "year_period",
]
