"""IPS outcomes (IPS-resultat) of one IPS / Supported Employment intervention and period, per
coach, per IPS team and for the intervention, split by kvinna / man / total.

Every figure counts *registrations* of the intervention that count in statistics
(``Registration.objects.countable()``: never felregistrering), or competitive jobs. A period is
``[start, end]``, both days included. "Competitive job" is a ``WorkStart`` of kind ``arbete``
with ``competitive=True`` (ordinary pay, not reserved for disabled people). The metric
definitions are ``IPS_METRICS`` in ``samsyn/ips/metrics.py``; ``IPS_OUTCOME_METRICS`` below
registers them in the registry of ``samsyn.stats`` (docs/ips-outcomes.md has the same table):

**The population** (``POPULATION_TEXT``, shown next to the figures): the *active caseload*
(aktiva inskrivningar) on the period's last day, the same for the caseload and the
employment rate: registrations ongoing on that day (``start_date <= end`` and no end date or
``end_date >= end``) with a contact in the ``CONTACT_WINDOW_DAYS`` (28) days ending on it,
``[end − 27, end]``. A contact is an ``Activity`` held, a ``FollowUpMeeting`` held, or an
``EmployerContact`` naming the registration, on a day in that window. A dormant registration
(no contact for 28 days) is in neither figure.

``caseload_active`` — the active caseload. Compared per coach with ``CASELOAD_LIMIT`` (20).
``out_of_work_active`` — of the active caseload: those whose ``occupation_before`` is not
    ``arbetar`` (an empty, unknown occupation counts as out of work). People already working
    at start are never in it.
``in_competitive_job`` — of ``out_of_work_active``: those with a competitive job overlapping
    the period (job ``start_date <= end`` and no end date or ``end_date >= start``).
``employment_rate`` — ``in_competitive_job / out_of_work_active`` (``None`` when 0), shown
    beside the published reference level ``EMPLOYMENT_REFERENCE`` (40–50 %).
``job_starts`` — competitive jobs whose start date is in the period (every job, a person may
    start several). ``job_starts_noncompetitive`` — the same for non-competitive work starts.
``job_starts_first`` — registrations whose *first job* starts in the period. The first job
    is the earliest competitive job starting on or after the registration's start date.
``median_days_to_first_job`` — median of (first job start − registration start) in days over
    the registrations of ``job_starts_first``.
``jobs_13w_base`` — competitive jobs that started at least 91 days before the period's last
    day (``start_date <= end − 91``), whenever that was. ``jobs_13w_held`` — of those, the ones
    *recorded* as held on day 91 or later: ``end_date >= start_date + 91`` or
    ``held_confirmed_on >= start_date + 91`` (a check at a follow-along contact, a follow-up
    meeting or the follow-up after exit). ``jobs_13w_unknown`` — of the base, those with
    neither an end date nor such a check: their fate is unknown, and they are not counted as
    held. ``jobs_13w_share`` — held / base.
``follow_along`` — time-unlimited follow-along: registrations ongoing on the period's last day
    that hold a competitive job on that day (job started on or before it, not ended before it).

Queries, constant in the number of registrations and jobs: one aggregate over registrations
``GROUP BY coach, gender``; one over work starts grouped the same way; the list of
(coach, gender, days) pairs for the median (no portable SQL median; the one exception, as in
participants/selectors/metrics.py); the coaches' names; their IPS-team
seats. The per-quarter employment
rate for the chart is one more aggregate with two counts per quarter.

Teams: a coach belongs to a team when the coach holds exactly one seat (``TeamMember``) in an
active team of kind ``ips_team`` of the intervention's förbund. A coach with none or several
such seats is listed under "no team" rather than guessed; a team's figures are the sums of its
coaches' counts (exact: each registration has one coach) and the median over their day counts.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.translation import gettext_lazy as _

from samsyn.core.models import Team, TeamKind, TeamMember, User
from samsyn.interventions.models import Intervention
from samsyn.interventions.models.intervention import Method
from samsyn.ips.metrics import COUNT_IDS, IPS_METRICS
from samsyn.ips.models import EmployerContact
from samsyn.participants.models import Activity, FollowUpMeeting, Registration, WorkStart
from samsyn.participants.models.choices import Occupation, StartKind
from samsyn.participants.selectors.metrics import active_q
from samsyn.stats.grouped import PeriodBounds, date_case, period_bounds
from samsyn.stats.metrics import GENDERS, TOTAL, Counts, GenderValues, shares_from, with_total
from samsyn.stats.periods import Period

IPS_METHODS = frozenset({Method.IPS.value, Method.SUPPORTED_EMPLOYMENT.value})
CASELOAD_LIMIT = 20
CONTACT_WINDOW_DAYS = 28
RETENTION_DAYS = 91  # 13 weeks
EMPLOYMENT_REFERENCE = (0.40, 0.50)
POPULATION_TEXT = _(
    "Aktiva inskrivningar: inskrivna och inte avslutade periodens sista dag, med en kontakt "
    "(aktivitet, uppföljningsmöte eller arbetsgivarkontakt för deltagaren) under de 28 dagar "
    "som slutar den dagen. Både ärendemängden och andelen i arbete räknas på dem; vilande "
    "inskrivningar utan kontakt räknas inte."
)
NO_COACH = 0  # the group key of registrations without a coach

Cell = int | float | str | None


def is_ips(intervention: Intervention) -> bool:
    return bool(IPS_METHODS & set(intervention.methods or []))


# --- SQL -------------------------------------------------------------------------------------


def competitive_jobs() -> QuerySet[WorkStart]:
    return WorkStart.objects.filter(kind=StartKind.ARBETE, competitive=True).order_by()


# A day, or one day per intervention as SQL (samsyn.stats.grouped).
Day = datetime.date | Case


def ongoing_on(day: Day, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


def overlaps(period: Period | PeriodBounds) -> Q:
    """A job (or registration) ongoing on at least one day of ``period``."""
    return active_q(period)


def first_job_start() -> Subquery:
    """The start date of the registration's first competitive job (on or after its start)."""
    jobs = competitive_jobs().filter(
        registration=OuterRef("pk"), start_date__gte=OuterRef("start_date")
    )
    return Subquery(jobs.order_by("start_date").values("start_date")[:1])


def _contact(model: Any, day_field: str, window: tuple[Day, Day]) -> Exists:
    return Exists(
        model.objects.order_by().filter(
            registration=OuterRef("pk"), **{f"{day_field}__range": window}
        )
    )


def _annotated(registrations: QuerySet[Registration], period: Period) -> QuerySet[Registration]:
    end = period.end
    jobs = competitive_jobs().filter(registration=OuterRef("pk"))
    return registrations.filter(start_date__lte=end).annotate(
        **contact_annotations(end),
        job_in_period=Exists(jobs.filter(overlaps(period))),
        job_on_end=Exists(jobs.filter(ongoing_on(end))),
        first_job=first_job_start(),
    )


def contact_window(end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The ``CONTACT_WINDOW_DAYS`` days ending on ``end``, both included."""
    return (end - datetime.timedelta(days=CONTACT_WINDOW_DAYS - 1), end)


def contact_annotations(end: datetime.date, suffix: str = "") -> dict[str, Exists]:
    """The three kinds of contact in the window ending on ``end``, as boolean annotations
    named ``contact_activity{suffix}`` and so on (read by ``active_caseload``)."""
    return contacts_in(contact_window(end), suffix)


def contacts_in(window: tuple[Day, Day], suffix: str = "") -> dict[str, Exists]:
    """``contact_annotations`` for a window given by its first and last day."""
    return {
        f"contact_activity{suffix}": _contact(Activity, "held_on", window),
        f"contact_meeting{suffix}": _contact(FollowUpMeeting, "held_on", window),
        f"contact_employer{suffix}": _contact(EmployerContact, "contacted_on", window),
    }


def active_caseload(end: Day, suffix: str = "") -> Q:
    """The population of both the caseload and the employment rate (module docstring):
    ongoing on ``end`` with a contact in the 28 days ending on it (over registrations with
    ``contact_annotations(end, suffix)``)."""
    contact = (
        Q(**{f"contact_activity{suffix}": True})
        | Q(**{f"contact_meeting{suffix}": True})
        | Q(**{f"contact_employer{suffix}": True})
    )
    return ongoing_on(end) & contact


def ips_registration_filters(period: Period | PeriodBounds) -> dict[str, Q]:
    ongoing_end = ongoing_on(period.end)
    active = active_caseload(period.end)
    out_of_work = active & ~Q(occupation_before=Occupation.ARBETAR)
    return {
        "caseload_active": active,
        "out_of_work_active": out_of_work,
        "in_competitive_job": out_of_work & Q(job_in_period=True),
        "job_starts_first": Q(first_job__range=(period.start, period.end)),
        "follow_along": ongoing_end & Q(job_on_end=True),
    }


def job_filters(period: Period) -> dict[str, Q]:
    return jobs_in(period, period.end - datetime.timedelta(RETENTION_DAYS))


def jobs_in(period: Period | PeriodBounds, retention_cutoff: Day) -> dict[str, Q]:
    """``job_filters`` with the last start day of the 13-week base given."""
    in_period = Q(start_date__range=(period.start, period.end))
    base = Q(competitive=True, start_date__lte=retention_cutoff)
    day_91 = F("start_date") + datetime.timedelta(RETENTION_DAYS)
    # Recorded as held on or after day 91: an end date then, or a check saying so. A job
    # without either is not counted as held: nobody knows.
    held = Q(end_date__gte=day_91) | Q(held_confirmed_on__gte=day_91)
    not_confirmed = Q(held_confirmed_on__isnull=True) | Q(held_confirmed_on__lt=day_91)
    return {
        "job_starts": in_period & Q(competitive=True),
        "job_starts_noncompetitive": in_period & Q(competitive=False),
        "jobs_13w_base": base,
        "jobs_13w_held": base & held,
        "jobs_13w_unknown": base & Q(end_date__isnull=True) & not_confirmed,
    }


GroupCounts = dict[int, Counts]  # coach id (NO_COACH for none) -> counts
GroupDays = dict[int, dict[str, list[int]]]  # coach id -> gender -> days to first job


def _store(into: GroupCounts, coach: int | None, gender: str, row: Mapping[str, Any]) -> None:
    counts = into.setdefault(coach or NO_COACH, {key: {} for key in COUNT_IDS})
    for key, value in row.items():
        if key in counts:
            counts[key][gender] = counts[key].get(gender, 0) + int(value)


def count_by_coach(registrations: QuerySet[Registration], period: Period) -> GroupCounts:
    """Two aggregates: registrations and jobs, each ``GROUP BY coach, gender``."""
    result: GroupCounts = {}
    filters = ips_registration_filters(period)
    rows = (
        _annotated(registrations, period)
        .values("coach_id", "person__gender")
        .annotate(**{key: Count("id", distinct=True, filter=q) for key, q in filters.items()})
        .order_by()
    )
    for row in rows:
        _store(result, row["coach_id"], row["person__gender"], row)
    job_rows = (
        WorkStart.objects.order_by()
        .filter(kind=StartKind.ARBETE, registration__in=registrations.values("pk"))
        .values("registration__coach_id", "registration__person__gender")
        .annotate(**{key: Count("id", filter=q) for key, q in job_filters(period).items()})
    )
    for job_row in job_rows:
        coach, gender = job_row["registration__coach_id"], job_row["registration__person__gender"]
        _store(result, coach, gender, job_row)
    return result


def days_to_first_job(registrations: QuerySet[Registration], period: Period) -> GroupDays:
    """(coach, gender, first job − start) of ``job_starts_first``: day counts only, no rows."""
    pairs = (
        registrations.annotate(first_job=first_job_start())
        .filter(first_job__range=(period.start, period.end))
        .values_list(
            "coach_id",
            "person__gender",
            ExpressionWrapper(F("first_job") - F("start_date"), output_field=DurationField()),
        )
    )
    days: GroupDays = defaultdict(lambda: defaultdict(list))
    for coach, gender, duration in pairs:
        days[coach or NO_COACH][gender].append(duration.days)
    return days


# --- Figures of a group ----------------------------------------------------------------------


@dataclass
class OutcomeValues:
    """The exact figures of one group (intervention, team or coach)."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {key: {} for key in COUNT_IDS}
    )
    days: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, counts: Counts, days: Mapping[str, list[int]]) -> None:
        for key, by_gender in counts.items():
            for gender, value in by_gender.items():
                self.counts[key][gender] = self.counts[key].get(gender, 0) + value
        for gender, values in days.items():
            self.days[gender].extend(values)

    def triple(self, key: str) -> dict[str, int]:
        return with_total(self.counts[key])

    def median(self) -> GenderValues:
        columns = {gender: list(self.days.get(gender, [])) for gender in GENDERS}
        columns[TOTAL] = [day for values in self.days.values() for day in values]
        return {
            column: float(statistics.median(values)) if values else None
            for column, values in columns.items()
        }

    def totals(self) -> Counts:
        """Every count behind the metrics as kvinna / man / total."""
        return {key: self.triple(key) for key in COUNT_IDS}

    def values(self) -> dict[str, GenderValues]:
        """Every metric of ``IPS_METRICS``: ``{id: {"kvinna", "man", "total"}}``."""
        return shares_from(IPS_METRICS, self.totals(), self.median())


@dataclass
class OutcomeGroups:
    """The exact figures of an intervention and period, whole and per coach and team."""

    intervention: OutcomeValues
    coaches: dict[int, OutcomeValues]
    coach_names: dict[int, str]
    coach_team: dict[int, int | None]
    teams: dict[int, OutcomeValues]
    team_names: dict[int, str]


def ips_registrations(intervention: Intervention) -> QuerySet[Registration]:
    return Registration.objects.countable().order_by().filter(intervention=intervention)


def coach_teams(intervention: Intervention, coach_ids: Iterable[int]) -> dict[int, int]:
    """Coach -> IPS team, for coaches with exactly one seat in an active IPS team."""
    seats = (
        TeamMember.objects.order_by()
        .filter(
            user_id__in=list(coach_ids),
            team__forbund_id=intervention.forbund_id,
            team__kind=TeamKind.IPS_TEAM,
            team__is_active=True,
        )
        .values_list("user_id", "team_id")
        .distinct()
    )
    teams: dict[int, set[int]] = defaultdict(set)
    for user_id, team_id in seats:
        teams[user_id].add(team_id)
    return {user: next(iter(ids)) for user, ids in teams.items() if len(ids) == 1}


def outcome_groups(intervention: Intervention, period: Period) -> OutcomeGroups:
    """Every group's exact figures, in five queries whatever the number of rows."""
    registrations = ips_registrations(intervention)
    counts = count_by_coach(registrations, period)
    days = days_to_first_job(registrations, period)
    whole = OutcomeValues()
    coaches: dict[int, OutcomeValues] = {}
    for coach in set(counts) | set(days):
        coaches[coach] = OutcomeValues()
        coaches[coach].add(counts.get(coach, {}), days.get(coach, {}))
        whole.add(counts.get(coach, {}), days.get(coach, {}))
    real_coaches = [coach for coach in coaches if coach != NO_COACH]
    names = {
        user.pk: user.get_full_name() or user.username
        for user in User.objects.filter(pk__in=real_coaches).only(
            "first_name", "last_name", "username"
        )
    }
    membership = coach_teams(intervention, real_coaches)
    teams: dict[int, OutcomeValues] = {}
    for coach, team in membership.items():
        teams.setdefault(team, OutcomeValues()).add(coaches[coach].counts, coaches[coach].days)
    team_names = dict(Team.objects.filter(pk__in=list(teams)).values_list("pk", "name"))
    return OutcomeGroups(
        intervention=whole,
        coaches=coaches,
        coach_names=names,
        coach_team={coach: membership.get(coach) for coach in coaches},
        teams=teams,
        team_names=team_names,
    )


# --- the source of the stats registry --------------------------------------------------------


def ips_intervention_ids(interventions: Intervention | Iterable[Intervention]) -> list[int]:
    """The interventions among ``interventions`` that run IPS or Supported Employment."""
    if isinstance(interventions, Intervention):
        interventions = [interventions]
    return [intervention.pk for intervention in interventions if is_ips(intervention)]


class IpsOutcomeMetrics:
    """The IPS outcomes as a source of the ``samsyn.stats`` registry (``IpsConfig.ready``):
    the intervention's figures (no coach or team rows), for IPS interventions only."""

    definitions = IPS_METRICS

    def applies_to(self, intervention: Intervention) -> bool:
        return is_ips(intervention)

    def evaluate_with_counts(
        self, interventions: Intervention | Iterable[Intervention], period: Period
    ) -> tuple[dict[str, GenderValues], Counts]:
        """Three queries: the two aggregates of ``count_by_coach`` and the days to the first
        job, summed over coaches (each registration has one)."""
        registrations = (
            Registration.objects.countable()
            .order_by()
            .filter(intervention__in=ips_intervention_ids(interventions))
        )
        counts = count_by_coach(registrations, period)
        days = days_to_first_job(registrations, period)
        whole = OutcomeValues()
        for coach in set(counts) | set(days):
            whole.add(counts.get(coach, {}), days.get(coach, {}))
        return whole.values(), whole.totals()

    def evaluate_by_intervention(
        self, interventions: Iterable[Intervention], periods: Mapping[int, Period]
    ) -> dict[int, tuple[dict[str, GenderValues], Counts]]:
        """``evaluate_with_counts`` of each IPS intervention over its own period, in three
        queries whatever the number of interventions: the same filters, with each period's
        days (and contact window and 13-week cutoff) as a CASE on the intervention
        (samsyn.stats.grouped)."""
        ids = [pk for pk in ips_intervention_ids(interventions) if pk in periods]
        mine = {pk: periods[pk] for pk in ids}
        registrations = Registration.objects.countable().order_by().filter(intervention__in=ids)
        whole = {pk: OutcomeValues() for pk in ids}
        for pk, gender, row in _ips_rows(registrations, mine):
            _store_counts(whole[pk], gender, row)
        for pk, gender, days in _ips_days(registrations, mine):
            whole[pk].add({}, {gender: [days]})
        return {pk: (values.values(), values.totals()) for pk, values in whole.items()}


def _store_counts(into: OutcomeValues, gender: str, row: Mapping[str, Any]) -> None:
    for key, value in row.items():
        if key in into.counts:
            into.counts[key][gender] = into.counts[key].get(gender, 0) + int(value)


def _ips_rows(
    registrations: QuerySet[Registration], periods: Mapping[int, Period]
) -> Iterable[tuple[int, str, Mapping[str, Any]]]:
    """``count_by_coach``'s two aggregates, grouped by intervention instead of coach."""
    own = period_bounds(periods, "intervention_id")
    job = period_bounds(periods, "registration__intervention_id")
    window_start = {pk: contact_window(p.end)[0] for pk, p in periods.items()}
    cutoff = {pk: p.end - datetime.timedelta(RETENTION_DAYS) for pk, p in periods.items()}
    on = "registration__intervention_id"
    jobs = competitive_jobs().filter(registration=OuterRef("pk"))
    rows = (
        registrations.filter(start_date__lte=own.end)
        .annotate(
            **contacts_in((date_case(window_start, on), job.end)),
            job_in_period=Exists(jobs.filter(overlaps(job))),
            job_on_end=Exists(jobs.filter(ongoing_on(job.end))),
            first_job=first_job_start(),
        )
        .values("intervention_id", "person__gender")
        .annotate(
            **{
                key: Count("id", distinct=True, filter=q)
                for key, q in ips_registration_filters(own).items()
            }
        )
        .order_by()
    )
    for row in rows:
        yield row["intervention_id"], row["person__gender"], row
    job_rows = (
        WorkStart.objects.order_by()
        .filter(kind=StartKind.ARBETE, registration__in=registrations.values("pk"))
        .values(on, "registration__person__gender")
        .annotate(
            **{key: Count("id", filter=q) for key, q in jobs_in(job, date_case(cutoff, on)).items()}
        )
    )
    for job_row in job_rows:
        yield job_row[on], job_row["registration__person__gender"], job_row


def _ips_days(
    registrations: QuerySet[Registration], periods: Mapping[int, Period]
) -> Iterable[tuple[int, str, int]]:
    """``days_to_first_job`` grouped by intervention: (intervention, gender, days)."""
    own = period_bounds(periods, "intervention_id")
    pairs = (
        registrations.annotate(first_job=first_job_start())
        .filter(first_job__gte=own.start, first_job__lte=own.end)
        .values_list(
            "intervention_id",
            "person__gender",
            ExpressionWrapper(F("first_job") - F("start_date"), output_field=DurationField()),
        )
    )
    for pk, gender, duration in pairs:
        yield pk, gender, duration.days


IPS_OUTCOME_METRICS = IpsOutcomeMetrics()
