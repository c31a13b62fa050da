"""Figures of the teams' collaboration for the reports (issue #14, item 6).

Definitions (the same text is the metrics' Swedish definitions below and
docs/collaboration-cases.md). A period is ``[start, end]``, both days included; a meeting
belongs to the period by its date.

- ``collab_meetings_planned`` — meetings dated in the period, whatever became of them
  (planned, held or cancelled): what the team's plan said.
- ``collab_meetings_held`` — of those, the meetings held (status genomfört).
  ``collab_meetings_held_share`` — held / planned.
- ``collab_full_attendance_share`` — held meetings where every party with recorded attendance
  was present (no party marked absent), of the held meetings with attendance recorded. The
  goal "all parties present at 90 % of meetings" targets this.
- ``collab_party_presence`` — attendance rows marked present / all attendance rows of the held
  meetings (one row per party and meeting): the attendance rate over parties. Per party it
  is shown in the team table (``team_figures``).
- ``collab_cases_discussed`` — distinct cases discussed at a held meeting in the period;
  ``collab_cases_new`` — of those, cases first raised at a meeting in the period;
  ``collab_cases_continued`` — discussed minus new.
- ``collab_cases_referred`` — cases linked to a referral whose referral date is in the period.
- ``collab_actions_due`` — actions due in the period, not struck out;
  ``collab_actions_on_time`` — of those, done on or before their due date;
  ``collab_actions_on_time_share`` — on time / due.

Which teams count for an intervention (``teams_linked_to``): a team is *linked* to an
intervention when one of its seats is held by a user whose active insatsansvarig or coach
membership reaches the intervention (the intervention's own staff sit in the team), or when
one of the team's cases was referred into it. The figures of several teams are added.

The figures are not people: they have no kvinna/man split (those cells are empty, "—").
Case counts are counts of people and are suppressed for styrgrupp like every count in the
reports (samsyn/stats/suppression.py); the meeting and action counts go through the same
rule because the registry suppresses every count metric alike.

Queries: five, one per figure group (meetings, attendance, cases, referrals, actions) whatever
the number of teams, meetings or cases; ``team_figures`` adds one for the per-party attendance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.collaboration.models import (
    ActionStatus,
    Attendance,
    CaseDiscussion,
    Meeting,
    MeetingAction,
    MeetingStatus,
    TeamCase,
)
from samsyn.core.models import Membership, Team, TeamMember
from samsyn.core.roles import FORBUND_WIDE_ROLES, Role
from samsyn.interventions.models import Intervention
from samsyn.stats.metrics import (
    TOTAL,
    Counts,
    GenderValues,
    Kind,
    MetricDefinition,
    share,
)
from samsyn.stats.periods import Period

M = MetricDefinition
COLLABORATION_METRICS: tuple[MetricDefinition, ...] = (
    M(
        "collab_meetings_planned",
        _("Samverkansmöten planerade"),
        _("Möten i kopplade team med datum i perioden, oavsett om de hölls eller ställdes in."),
        _("Antal möten"),
        Kind.COUNT,
    ),
    M(
        "collab_meetings_held",
        _("Samverkansmöten genomförda"),
        _("Möten i kopplade team med datum i perioden och status genomfört."),
        _("Antal möten"),
        Kind.COUNT,
    ),
    M(
        "collab_meetings_held_share",
        _("Andel planerade möten som genomfördes"),
        _("Genomförda möten delat med planerade möten i perioden."),
        _("Planerade möten"),
        Kind.SHARE,
        "collab_meetings_held",
        "collab_meetings_planned",
    ),
    M(
        "collab_full_attendance_share",
        _("Andel möten med alla parter närvarande"),
        _(
            "Genomförda möten där ingen part var frånvarande, "
            "av genomförda möten med registrerad närvaro."
        ),
        _("Genomförda möten med registrerad närvaro"),
        Kind.SHARE,
        "collab_meetings_full_attendance",
        "collab_meetings_with_attendance",
    ),
    M(
        "collab_party_presence",
        _("Parternas närvaro vid möten"),
        _("Närvarande parter delat med registrerade parter (en rad per part och genomfört möte)."),
        _("Registrerade parter vid genomförda möten"),
        Kind.SHARE,
        "collab_party_rows_present",
        "collab_party_rows",
    ),
    M(
        "collab_cases_discussed",
        _("Ärenden som diskuterats i team"),
        _("Olika ärenden som diskuterats vid ett genomfört möte i perioden."),
        _("Antal ärenden"),
        Kind.COUNT,
    ),
    M(
        "collab_cases_new",
        _("Nya ärenden i team"),
        _("Diskuterade ärenden som togs upp första gången vid ett möte i perioden."),
        _("Antal ärenden"),
        Kind.COUNT,
    ),
    M(
        "collab_cases_continued",
        _("Fortsatta ärenden i team"),
        _("Diskuterade ärenden som togs upp första gången före perioden."),
        _("Antal ärenden"),
        Kind.COUNT,
    ),
    M(
        "collab_cases_referred",
        _("Ärenden i team som blev anvisningar"),
        _("Ärenden kopplade till en anvisning med anvisningsdatum i perioden."),
        _("Antal ärenden"),
        Kind.COUNT,
    ),
    M(
        "collab_actions_on_time_share",
        _("Andel åtgärder klara i tid"),
        _("Åtgärder med sista dag i perioden (ej strukna) som blev klara senast den dagen."),
        _("Åtgärder med sista dag i perioden"),
        Kind.SHARE,
        "collab_actions_on_time",
        "collab_actions_due",
    ),
)
# Counts behind the shares (not listed as metrics of their own).
HIDDEN_COUNTS = (
    "collab_meetings_full_attendance",
    "collab_meetings_with_attendance",
    "collab_party_rows_present",
    "collab_party_rows",
    "collab_actions_on_time",
    "collab_actions_due",
)
CASE_COUNT_KEYS = frozenset(
    {
        "collab_cases_discussed",
        "collab_cases_new",
        "collab_cases_continued",
        "collab_cases_referred",
    }
)
STAFF_ROLES = (Role.INSATSANSVARIG, Role.COACH)
_LINKED_ATTRIBUTE = "_collaboration_teams_linked"


def teams_linked_to(interventions: Any) -> QuerySet[Team]:
    """Teams linked to any of ``interventions`` (one, a queryset or a list): staff seats or
    a case referred into it (module docstring). A subquery, no query of its own."""
    ids = _intervention_ids(interventions)
    staff = Membership.objects.filter(is_active=True, role__in=STAFF_ROLES).exclude(
        role__in=FORBUND_WIDE_ROLES
    )
    reaching = staff.filter(
        Q(interventions__id__in=ids)
        | Q(interventions__isnull=True, forbund__interventions__id__in=ids)
    ).values("user_id")
    seats = TeamMember.objects.filter(user_id__in=reaching).values("team_id")
    referred = TeamCase.objects.filter(referral__intervention_id__in=ids).values("team_id")
    return Team.objects.filter(Q(id__in=seats) | Q(id__in=referred))


def _intervention_ids(interventions: Any) -> list[int]:
    if isinstance(interventions, Intervention):
        return [interventions.pk]
    if isinstance(interventions, QuerySet):
        return list(interventions.order_by().values_list("id", flat=True))
    return [intervention.pk for intervention in interventions]


def _in_period(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}date__gte": period.start, f"{prefix}date__lte": period.end})


def _absent() -> Exists:
    return Exists(Attendance.objects.filter(meeting=OuterRef("pk"), present=False))


def _recorded() -> Exists:
    return Exists(Attendance.objects.filter(meeting=OuterRef("pk")))


def _counts_by_team(teams: Any, period: Period) -> dict[int, dict[str, int]]:
    """Every count of the module docstring per team id: four queries."""
    held = Q(status=MeetingStatus.HELD)
    by_team: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_ALL_KEYS, 0))
    meetings = (
        Meeting.objects.filter(_in_period(period), team__in=teams)
        .annotate(has_absent=_absent(), has_rows=_recorded())
        .order_by()
        .values("team_id")
        .annotate(
            collab_meetings_planned=Count("id", distinct=True),
            collab_meetings_held=Count("id", filter=held, distinct=True),
            collab_meetings_with_attendance=Count(
                "id", filter=held & Q(has_rows=True), distinct=True
            ),
            collab_meetings_full_attendance=Count(
                "id", filter=held & Q(has_rows=True, has_absent=False), distinct=True
            ),
        )
    )
    attendance = (
        Attendance.objects.filter(_in_period(period, "meeting__"), meeting__team__in=teams)
        .filter(meeting__status=MeetingStatus.HELD)
        .order_by()
        .values("meeting__team_id")
        .annotate(
            collab_party_rows=Count("id"),
            collab_party_rows_present=Count("id", filter=Q(present=True)),
        )
    )
    discussed = (
        CaseDiscussion.objects.filter(_in_period(period, "meeting__"), meeting__team__in=teams)
        .filter(meeting__status=MeetingStatus.HELD)
        .order_by()
        .values("case__team_id")
        .annotate(
            collab_cases_discussed=Count("case_id", distinct=True),
            collab_cases_new=Count(
                "case_id", filter=_in_period(period, "case__raised_at__"), distinct=True
            ),
        )
    )
    referred = (
        TeamCase.objects.filter(
            team__in=teams,
            referral__referred_on__gte=period.start,
            referral__referred_on__lte=period.end,
        )
        .order_by()
        .values("team_id")
        .annotate(collab_cases_referred=Count("id", distinct=True))
    )
    actions = _action_counts(teams, period)
    for rows, key in (
        (meetings, "team_id"),
        (attendance, "meeting__team_id"),
        (discussed, "case__team_id"),
        (referred, "team_id"),
        (actions, "meeting__team_id"),
    ):
        for row in rows:
            values: dict[str, Any] = dict(row)
            team_id = values.pop(key)
            by_team[team_id].update(values)
    for counts in by_team.values():
        counts["collab_cases_continued"] = (
            counts["collab_cases_discussed"] - counts["collab_cases_new"]
        )
    return by_team


def _action_counts(teams: Any, period: Period) -> QuerySet[Any]:
    from django.db.models import F

    due = MeetingAction.objects.filter(
        meeting__team__in=teams, due_date__gte=period.start, due_date__lte=period.end
    ).exclude(status=ActionStatus.CANCELLED)
    return (
        due.order_by()
        .values("meeting__team_id")
        .annotate(
            collab_actions_due=Count("id"),
            collab_actions_on_time=Count(
                "id", filter=Q(status=ActionStatus.DONE, done_on__lte=F("due_date"))
            ),
        )
    )


_COUNT_KEYS = tuple(m.id for m in COLLABORATION_METRICS if m.kind is Kind.COUNT)
_ALL_KEYS = (*_COUNT_KEYS, *HIDDEN_COUNTS)


def _no_gender(total: int | float | None) -> GenderValues:
    return {"kvinna": None, "man": None, TOTAL: total}


def values_from(counts: dict[str, int]) -> tuple[dict[str, GenderValues], Counts]:
    """The metrics' values and the counts behind them from summed counts."""
    all_counts: Counts = {
        key: {"kvinna": 0, "man": 0, TOTAL: counts.get(key, 0)} for key in _ALL_KEYS
    }
    values: dict[str, GenderValues] = {}
    for metric in COLLABORATION_METRICS:
        if metric.kind is Kind.COUNT:
            values[metric.id] = _no_gender(counts.get(metric.id, 0))
        else:
            values[metric.id] = _no_gender(
                share(counts.get(metric.numerator_key, 0), counts.get(metric.denominator_key, 0))
            )
    return values, all_counts


def summed(by_team: dict[int, dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = dict.fromkeys(_ALL_KEYS, 0)
    for counts in by_team.values():
        for key in _ALL_KEYS:
            total[key] += counts.get(key, 0)
    return total


class CollaborationMetrics:
    """The figures as a source of the ``samsyn.stats`` registry (``CollaborationConfig.ready``),
    for the interventions with at least one linked team (an intervention without a team that
    meets shows no empty collaboration rows in its reports)."""

    definitions = COLLABORATION_METRICS

    def applies_to(self, intervention: Intervention) -> bool:
        # One query per intervention object, remembered on it: a page asks several times
        # (the report's metric list, the goals, the evaluation).
        known = getattr(intervention, _LINKED_ATTRIBUTE, None)
        if known is None:
            known = teams_linked_to(intervention).exists()
            setattr(intervention, _LINKED_ATTRIBUTE, known)
        return bool(known)

    def evaluate_with_counts(
        self, interventions: Any, period: Period
    ) -> tuple[dict[str, GenderValues], Counts]:
        return values_from(summed(_counts_by_team(teams_linked_to(interventions), period)))

    def evaluate_by_intervention(
        self, interventions: Iterable[Intervention], periods: Mapping[int, Period]
    ) -> dict[int, tuple[dict[str, GenderValues], Counts]]:
        """``evaluate_with_counts`` of each intervention with a linked team over its own
        period, in nine queries whatever the number of interventions: four for the links
        (``linked_teams``; remembered on each intervention for ``applies_to``) and one per
        figure group, each intervention's teams and period a filter of its own in the one
        aggregate (``_counts_by_intervention``)."""
        chosen = [item for item in interventions if item.pk in periods]
        links = linked_teams(chosen)
        for item in chosen:
            setattr(item, _LINKED_ATTRIBUTE, bool(links.get(item.pk)))
        wanted = {pk: (teams, periods[pk]) for pk, teams in links.items() if teams}
        return {pk: values_from(counts) for pk, counts in _counts_by_intervention(wanted).items()}


def linked_teams(interventions: list[Intervention]) -> dict[int, set[int]]:
    """``teams_linked_to`` of each intervention, as team ids, in four queries whatever the
    number of interventions: the staff reaching each intervention through it (the
    membership's interventions) or through its förbund (a membership without
    interventions), those users' seats, and the teams of the cases referred into it."""
    ids = [item.pk for item in interventions]
    by_forbund: dict[int, list[int]] = defaultdict(list)
    for item in interventions:
        by_forbund[item.forbund_id].append(item.pk)
    staff = Membership.objects.filter(is_active=True, role__in=STAFF_ROLES).exclude(
        role__in=FORBUND_WIDE_ROLES
    )
    users: dict[int, set[int]] = defaultdict(set)  # intervention -> staff users
    through = Membership.interventions.through.objects.filter(
        intervention_id__in=ids, membership__in=staff
    )
    for intervention_id, user_id in through.values_list("intervention_id", "membership__user_id"):
        users[intervention_id].add(user_id)
    forbund_wide = staff.filter(interventions__isnull=True, forbund_id__in=list(by_forbund))
    for forbund_id, user_id in forbund_wide.values_list("forbund_id", "user_id"):
        for intervention_id in by_forbund[forbund_id]:
            users[intervention_id].add(user_id)
    everyone = {user for found in users.values() for user in found}
    seats: dict[int, set[int]] = defaultdict(set)  # user -> teams
    for user_id, team_id in TeamMember.objects.filter(user_id__in=everyone).values_list(
        "user_id", "team_id"
    ):
        seats[user_id].add(team_id)
    links: dict[int, set[int]] = {pk: set() for pk in ids}
    for intervention_id, found in users.items():
        for user_id in found:
            links[intervention_id] |= seats[user_id]
    referred = TeamCase.objects.filter(referral__intervention_id__in=ids).values_list(
        "referral__intervention_id", "team_id"
    )
    for intervention_id, team_id in referred:
        links[intervention_id].add(team_id)
    return links


# A count of a figure group: the counted field, its condition given the period (None: every
# row), and whether distinct.
GroupCount = tuple[str, Callable[[Period], Q] | None, bool]


def _per_intervention(
    rows: QuerySet[Any],
    wanted: Mapping[int, tuple[set[int], Period]],
    team_field: str,
    in_period: Callable[[Period], Q],
    counts: Mapping[str, GroupCount],
) -> dict[int, dict[str, int]]:
    """One aggregate: for each intervention and count, ``Count(field, distinct, filter=...)``
    over the rows of its teams (``team_field``) in its period (``in_period``), whatever the
    number of interventions."""
    aggregates = {}
    for pk, (teams, period) in wanted.items():
        own = Q(**{f"{team_field}__in": sorted(teams)}) & in_period(period)
        for key, (field_name, condition, distinct) in counts.items():
            where = own if condition is None else own & condition(period)
            aggregates[f"{key}__{pk}"] = Count(field_name, distinct=distinct, filter=where)
    every_team = sorted({team for found, _period in wanted.values() for team in found})
    row = rows.filter(**{f"{team_field}__in": every_team}).order_by().aggregate(**aggregates)
    return {pk: {key: int(row[f"{key}__{pk}"] or 0) for key in counts} for pk in wanted}


def _counts_by_intervention(
    wanted: Mapping[int, tuple[set[int], Period]],
) -> dict[int, dict[str, int]]:
    """``summed(_counts_by_team(teams, period))`` of each intervention's teams and period:
    the same five figure groups, each one aggregate over all interventions. A meeting, a
    case, an attendance row, a referral and an action belong to one team, so the count over
    an intervention's teams is the sum of their counts."""
    if not wanted:
        return {}
    held = Q(status=MeetingStatus.HELD)
    result: dict[int, dict[str, int]] = {pk: dict.fromkeys(_ALL_KEYS, 0) for pk in wanted}
    groups: list[tuple[QuerySet[Any], str, Callable[[Period], Q], dict[str, GroupCount]]] = [
        (
            Meeting.objects.annotate(has_absent=_absent(), has_rows=_recorded()),
            "team_id",
            _in_period,
            {
                "collab_meetings_planned": ("id", None, True),
                "collab_meetings_held": ("id", lambda _p: held, True),
                "collab_meetings_with_attendance": (
                    "id",
                    lambda _p: held & Q(has_rows=True),
                    True,
                ),
                "collab_meetings_full_attendance": (
                    "id",
                    lambda _p: held & Q(has_rows=True, has_absent=False),
                    True,
                ),
            },
        ),
        (
            Attendance.objects.filter(meeting__status=MeetingStatus.HELD),
            "meeting__team_id",
            lambda period: _in_period(period, "meeting__"),
            {
                "collab_party_rows": ("id", None, False),
                "collab_party_rows_present": ("id", lambda _p: Q(present=True), False),
            },
        ),
        (
            CaseDiscussion.objects.filter(meeting__status=MeetingStatus.HELD),
            "meeting__team_id",
            lambda period: _in_period(period, "meeting__"),
            {
                "collab_cases_discussed": ("case_id", None, True),
                "collab_cases_new": (
                    "case_id",
                    lambda period: _in_period(period, "case__raised_at__"),
                    True,
                ),
            },
        ),
        (
            TeamCase.objects.all(),
            "team_id",
            lambda period: Q(
                referral__referred_on__gte=period.start, referral__referred_on__lte=period.end
            ),
            {"collab_cases_referred": ("id", None, True)},
        ),
        (
            MeetingAction.objects.exclude(status=ActionStatus.CANCELLED),
            "meeting__team_id",
            lambda period: Q(due_date__gte=period.start, due_date__lte=period.end),
            {
                "collab_actions_due": ("id", None, False),
                "collab_actions_on_time": (
                    "id",
                    lambda _p: Q(status=ActionStatus.DONE, done_on__lte=F("due_date")),
                    False,
                ),
            },
        ),
    ]
    for rows, team_field, in_period, counts in groups:
        for pk, found in _per_intervention(rows, wanted, team_field, in_period, counts).items():
            result[pk].update(found)
    for figures in result.values():
        figures["collab_cases_continued"] = (
            figures["collab_cases_discussed"] - figures["collab_cases_new"]
        )
    return result


COLLABORATION_SOURCE = CollaborationMetrics()


# --- per team, for the förbund overview and the dashboard's team table ---------------------


@dataclass
class TeamFigures:
    team: Team
    counts: dict[str, int]
    # party name -> (present, recorded) at the team's held meetings of the period
    parties: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, GenderValues]:
        return values_from(self.counts)[0]

    def attendance_lines(self) -> list[tuple[str, int, int]]:
        return [(name, present, rows) for name, (present, rows) in sorted(self.parties.items())]


def team_figures(teams: Iterable[Team] | QuerySet[Team], period: Period) -> list[TeamFigures]:
    """One row per team: its counts and the attendance per party. Six queries."""
    team_list = list(teams) if not isinstance(teams, QuerySet) else list(teams.order_by("name"))
    ids = [team.pk for team in team_list]
    by_team = _counts_by_team(ids, period)
    parties: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    rows = (
        Attendance.objects.filter(_in_period(period, "meeting__"), meeting__team_id__in=ids)
        .filter(meeting__status=MeetingStatus.HELD)
        .order_by()
        .values("meeting__team_id", "party__name")
        .annotate(present=Count("id", filter=Q(present=True)), rows=Count("id"))
    )
    for row in rows:
        parties[row["meeting__team_id"]][row["party__name"]] = (row["present"], row["rows"])
    return [
        TeamFigures(
            team=team,
            counts=by_team.get(team.pk, dict.fromkeys(_ALL_KEYS, 0)),
            parties=parties.get(team.pk, {}),
        )
        for team in team_list
    ]
