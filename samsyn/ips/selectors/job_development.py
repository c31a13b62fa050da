"""Job development figures (jobbutveckling) of an IPS/Supported Employment intervention.

- **Face-to-face employer contacts per coach per ISO week** against the IPS target of 6:
  contacts of kind ``besok`` logged in the intervention, grouped by coach and the Monday of
  their week in SQL (``TruncWeek``). Phone and digital contacts do not count.
- **Days from registration to the first employer contact** for the participant: the first
  face-to-face contact on or after the registration's start, and for those without one yet
  the days waited up to the day of the figure (the one definition, in
  ``samsyn/ips/selectors/first_contact.py``, which the fidelity proposal uses too). Target
  ≤ 30 days. A participant counts in the share once the outcome is known: they had a
  contact, or 30 days have passed without one. The average is taken in SQL; the median, like
  the intervention's median time (participants/selectors/metrics.py), in Python over the
  (days) list the database returns: there is no portable SQL median.
- **Employer bank size over time**: employers with ``added_on`` ≤ day and (``removed_on``
  empty or later than the day), for a list of days in ONE aggregate query; growth between two
  dates in percent (30 → 42 is "+40 %").

Every function makes a constant number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, TypedDict

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samsyn.core.models import User
from samsyn.core.roles import ROLES_SEEING_EXACT_FIGURES, Role
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.ips.models import ContactKind, Employer, EmployerContact
from samsyn.ips.selectors.employers import coaches_of
from samsyn.ips.selectors.first_contact import (
    contacted_by,
    days_until,
    with_first_contact,
    with_first_contact_once,
)
from samsyn.ips.selectors.summary_types import JobDevelopmentSummary
from samsyn.participants.models import Registration
from samsyn.participants.selectors.scoping import registrations_visible_to
from samsyn.stats.chart_svg import TOTAL_COLOUR, Line, Point, Series, line_chart_svg
from samsyn.stats.periods import Period
from samsyn.stats.suppression import Shown, Suppressed, suppress_share, suppress_statistic

TARGET_PER_WEEK = 6
FIRST_CONTACT_TARGET_DAYS = 30
DEFAULT_WEEKS = 8
MAX_WEEKS = 52
# Who reaches the page and the API (styrgrupp sees the suppressed figures only).
PAGE_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG, Role.COACH, Role.STYRGRUPP)


def sees_exact_figures(actor: User, intervention: Intervention) -> bool:
    """Whether the actor sees exact (unsuppressed) figures of ``intervention`` (one query)."""
    return (
        interventions_visible_to(actor, *ROLES_SEEING_EXACT_FIGURES)
        .filter(pk=intervention.pk)
        .exists()
    )


class FirstContactRow(TypedDict):
    registration: Registration
    first: datetime.date | None  # the first employer contact
    days: int | None
    within: bool  # within FIRST_CONTACT_TARGET_DAYS


def first_contact_rows(
    *, actor: User, intervention: Intervention, period: Period
) -> list[FirstContactRow]:
    """Per participant the actor may see, started in ``period``: start, first contact and
    days (one query)."""
    registrations = (
        with_first_contact(
            registrations_visible_to(actor)
            .countable()
            .filter(intervention=intervention, start_date__range=(period.start, period.end))
        )
        .select_related("person", "intervention")
        .order_by("start_date", "id")
    )
    rows: list[FirstContactRow] = []
    for registration in registrations:
        first = registration.first_contact_on
        days = (first - registration.start_date).days if first else None
        rows.append(
            {
                "registration": registration,
                "first": first,
                "days": days,
                "within": days is not None and days <= FIRST_CONTACT_TARGET_DAYS,
            }
        )
    return rows


def iso_monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def last_weeks(today: datetime.date, count: int) -> list[datetime.date]:
    """The Mondays of the last ``count`` ISO weeks up to ``today``'s, oldest first."""
    current = iso_monday(today)
    return [current - datetime.timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def week_label(monday: datetime.date) -> str:
    year, week, _day = monday.isocalendar()
    return _("v. %(week)s %(year)s") % {"week": week, "year": year}


def week_status(count: int) -> str:
    if count >= TARGET_PER_WEEK:
        return _("når målet")
    if count == 0:
        return _("inga besök")
    return _("under målet")


# --- contacts per coach per week ----------------------------------------------------------


@dataclass(frozen=True)
class CoachWeeks:
    coach: User
    counts: list[int]

    @property
    def cells(self) -> list[tuple[int, str]]:
        return [(count, week_status(count)) for count in self.counts]

    @property
    def weeks_reached(self) -> int:
        return sum(1 for count in self.counts if count >= TARGET_PER_WEEK)

    @property
    def average(self) -> float:
        return sum(self.counts) / len(self.counts) if self.counts else 0.0


def _week_counts(
    intervention: Intervention, first: datetime.date, last: datetime.date
) -> dict[tuple[int, datetime.date], int]:
    rows = (
        EmployerContact.objects.filter(
            intervention=intervention,
            kind=ContactKind.FACE_TO_FACE,
            contacted_on__range=(first, last),
        )
        .order_by()  # the default ordering would otherwise join the GROUP BY
        .annotate(week=TruncWeek("contacted_on"))
        .values("coach_id", "week")
        .annotate(count=Count("id"))
    )
    counts: dict[tuple[int, datetime.date], int] = {}
    for row in rows:
        week = row["week"]
        monday = week.date() if isinstance(week, datetime.datetime) else week
        counts[(row["coach_id"], monday)] = row["count"]
    return counts


def contacts_per_week(intervention: Intervention, weeks: list[datetime.date]) -> list[CoachWeeks]:
    """Face-to-face contacts per coach and ISO week (weeks given by their Mondays); the
    intervention's coaches and anyone else who logged contacts in it. Two queries."""
    if not weeks:
        return []
    counts = _week_counts(intervention, weeks[0], weeks[-1] + datetime.timedelta(days=6))
    logged = {coach_id for coach_id, _week in counts}
    coaches = User.objects.filter(
        Q(id__in=coaches_of(intervention).values("id")) | Q(id__in=logged)
    ).order_by("first_name", "last_name", "id")
    return [
        CoachWeeks(coach=coach, counts=[counts.get((coach.pk, week), 0) for week in weeks])
        for coach in coaches
    ]


class TeamWeek(TypedDict):
    week: datetime.date  # its Monday
    label: str
    total: int
    average: float  # per coach


def team_weeks(rows: list[CoachWeeks], weeks: list[datetime.date]) -> list[TeamWeek]:
    """The team's total and average per coach per week (for the aggregated view)."""
    coaches = len(rows)
    result: list[TeamWeek] = []
    for index, week in enumerate(weeks):
        total = sum(row.counts[index] for row in rows)
        average = total / coaches if coaches else 0.0
        result.append({"week": week, "label": week_label(week), "total": total, "average": average})
    return result


# --- days to first employer contact -------------------------------------------------------


def started_in(intervention: Intervention, period: Period) -> QuerySet[Registration]:
    return Registration.objects.countable().filter(
        intervention=intervention, start_date__range=(period.start, period.end)
    )


@dataclass(frozen=True)
class FirstContactFigures:
    started: int
    with_contact: int  # a face-to-face contact by ``today``
    known: int  # with a contact, or 30 days passed without one
    within_target: int
    median_days: float | None  # over every started registration (waiting ones up to today)
    average_days: float | None  # the same days; the fidelity scale's measure

    @property
    def share_within_target(self) -> float | None:
        return self.within_target / self.known if self.known else None


def first_contact_figures(
    intervention: Intervention, period: Period, *, today: datetime.date
) -> FirstContactFigures:
    """Two queries: the counts and the average in one aggregate, the list of days for the
    median."""
    registrations = with_first_contact_once(started_in(intervention, period).order_by())
    days = days_until(today)
    durations = [value.days for value in registrations.values_list(days, flat=True)]
    reached = contacted_by(today)
    within = reached & Q(
        first_contact_on__lte=F("start_date") + datetime.timedelta(days=FIRST_CONTACT_TARGET_DAYS)
    )
    overdue_before = today - datetime.timedelta(days=FIRST_CONTACT_TARGET_DAYS)
    counts = registrations.aggregate(
        started=Count("id"),
        with_contact=Count("id", filter=reached),
        waiting_long=Count("id", filter=~reached & Q(start_date__lt=overdue_before)),
        within=Count("id", filter=within),
        average=Avg(days),
    )
    average = counts["average"]
    return FirstContactFigures(
        started=counts["started"],
        with_contact=counts["with_contact"],
        known=counts["with_contact"] + counts["waiting_long"],
        within_target=counts["within"],
        median_days=float(statistics.median(durations)) if durations else None,
        average_days=None if average is None else average.total_seconds() / 86400,
    )


# --- bank size over time --------------------------------------------------------------------


def in_bank_on(day: datetime.date) -> Q:
    return Q(added_on__lte=day) & (Q(removed_on__isnull=True) | Q(removed_on__gt=day))


def bank_sizes(forbund_id: int, days: list[datetime.date]) -> list[int]:
    """The number of employers in the förbund's bank on each day (one query)."""
    if not days:
        return []
    sums = Employer.objects.filter(forbund_id=forbund_id).aggregate(
        **{f"d{index}": Count("id", filter=in_bank_on(day)) for index, day in enumerate(days)}
    )
    return [sums[f"d{index}"] for index in range(len(days))]


def growth_percent(before: int, after: int) -> Decimal | None:
    """Growth in percent, one decimal; None when there was nothing to grow from."""
    if before <= 0:
        return None
    value = Decimal(after - before) * 100 / Decimal(before)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def growth_text(value: Decimal | None) -> str:
    """ "+40 %", "−12,5 %", "±0 %" or "—"."""
    if value is None:
        return "—"
    if value == 0:
        return "±0 %"
    sign = "+" if value > 0 else "−"
    magnitude = abs(value)
    decimals = 0 if magnitude == magnitude.to_integral_value() else 1
    return f"{sign}{number_format(magnitude, decimal_pos=decimals, use_l10n=True)} %"


class BankSize(NamedTuple):
    """The number of employers in the bank on a day."""

    day: datetime.date
    size: int


@dataclass(frozen=True)
class BankGrowth:
    points: list[BankSize]
    first: int
    last: int
    growth: Decimal | None

    @property
    def growth_text(self) -> str:
        return growth_text(self.growth)


def bank_growth(forbund_id: int, period: Period, *, quarterly: bool = False) -> BankGrowth:
    """Bank size per month (or quarter) in ``period`` and its growth from start to end."""
    spans = period.quarters() if quarterly else period.months()
    days = [period.start, *[span.end for span in spans if span.end != period.start]]
    sizes = bank_sizes(forbund_id, days)
    points = [BankSize(day, size) for day, size in zip(days, sizes, strict=True)]
    return BankGrowth(points, sizes[0], sizes[-1], growth_percent(sizes[0], sizes[-1]))


def bank_chart(growth: BankGrowth) -> SafeString:
    labels = [point.day.isoformat() for point in growth.points]
    series = Series(_("Arbetsgivare i företagsbanken"), TOTAL_COLOUR)
    description = _("Från %(first)s till %(last)s arbetsgivare (%(growth)s).") % {
        "first": growth.first,
        "last": growth.last,
        "growth": growth.growth_text,
    }
    return line_chart_svg(
        chart_id="ips-bank-size",
        title=_("Företagsbankens storlek"),
        description=description,
        x_labels=labels,
        lines=[
            Line(series, [Point(float(point.size), str(point.size)) for point in growth.points])
        ],
    )


# --- the summary for dashboards and period reports ------------------------------------------


def _shown(value: int, *, suppress: bool) -> int | str:
    if suppress and 0 < value < 5:
        return str(Suppressed())
    return value


def _as_json(value: float | Shown | None, decimals: int) -> float | str | None:
    if isinstance(value, Suppressed):
        return str(value)
    return None if value is None else round(float(value), decimals)


def job_development_summary(
    intervention: Intervention,
    period: Period,
    *,
    suppress: bool,
    today: datetime.date | None = None,
) -> JobDevelopmentSummary:
    """JSON-ready job-development figures of ``intervention`` over ``period`` (typed in
    summary_types.py).

    Keys: ``face_to_face_contacts`` (face-to-face employer contacts in the period),
    ``coaches``, ``weeks`` (ISO weeks touched by the period), ``contacts_per_coach_per_week``
    (average, against ``target_per_week`` = 6); ``first_contact``: ``started``,
    ``with_contact``, ``known``, ``within_30_days``, ``share_within_30_days`` (0–1),
    ``median_days`` and ``average_days`` (over every started registration, those without a
    face-to-face contact yet counted up to ``today``: first_contact.py); ``bank``: ``start``
    and ``end`` size and ``growth_percent`` /
    ``growth_text`` ("+40 %"). With ``suppress`` (styrgrupp), participant counts 1–4 read
    "< 5" and the share and median built on them are hidden. Staff counts are not
    suppressed. Six queries.
    """
    today = today or period.end
    contacts = EmployerContact.objects.filter(
        intervention=intervention,
        kind=ContactKind.FACE_TO_FACE,
        contacted_on__range=(period.start, period.end),
    ).count()
    coaches = coaches_of(intervention).count()
    weeks = (iso_monday(period.end) - iso_monday(period.start)).days // 7 + 1
    average = contacts / (coaches * weeks) if coaches else None
    figures = first_contact_figures(intervention, period, today=today)
    known = _shown(figures.known, suppress=suppress)
    within = _shown(figures.within_target, suppress=suppress)
    share: float | Shown | None = figures.share_within_target
    median: float | Shown | None = figures.median_days
    average_days: float | Shown | None = figures.average_days
    if suppress:
        share = suppress_share(figures.share_within_target, _cell(within), _cell(known))
        median = suppress_statistic(figures.median_days, figures.started)
        average_days = suppress_statistic(figures.average_days, figures.started)
    growth = bank_growth(intervention.forbund_id, period)
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "target_per_week": TARGET_PER_WEEK,
        "face_to_face_contacts": contacts,
        "coaches": coaches,
        "weeks": weeks,
        "contacts_per_coach_per_week": None if average is None else round(average, 1),
        "first_contact": {
            "target_days": FIRST_CONTACT_TARGET_DAYS,
            "started": _shown(figures.started, suppress=suppress),
            "with_contact": _shown(figures.with_contact, suppress=suppress),
            "known": known,
            "within_30_days": within,
            "share_within_30_days": _as_json(share, 3),
            "median_days": _as_json(median, 1),
            "average_days": _as_json(average_days, 1),
        },
        "bank": {
            "start": growth.first,
            "end": growth.last,
            "growth_percent": None if growth.growth is None else float(growth.growth),
            "growth_text": growth.growth_text,
        },
    }


def _cell(value: int | str) -> Shown:
    return Suppressed() if isinstance(value, str) else value
