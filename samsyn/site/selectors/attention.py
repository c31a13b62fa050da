"""What needs the förbundsadministratör's attention: the start page's "Att hantera" section
(issue #15, item 3; docs/start-page.md).

Over every förbund the user administers:

- period reports due or late: a scheduled period that has ended and whose report is not
  approved (``deadline_of``: due until 30 days after the period's end, late after);
- interventions under their goals: running interventions with at least one goal not reached,
  or behind its pro-rated target, over the goals page's default period (start to today),
  judged on the goal's own period as the goals page does;
- overdue collaboration actions: open actions of the förbund's teams whose due date passed;
- budgets near their limit: interventions whose claims hold (approved plus waiting for a
  decision) at least ``BUDGET_NEAR_LIMIT`` of the förbund's grant for the current year;
- log reviews due: förbund without a completed log review in the last
  ``LOG_REVIEW_INTERVAL_DAYS`` days.

Queries: the interventions, the stored report schedules, the reports, the goals, the open
overdue actions, the log reviews and the grant utilisation (three) are each one query
whatever the number of interventions. The goals of every running intervention are judged in
one grouped evaluation (``evaluate_goals_by_intervention``: each intervention over its own
period, a constant number of queries whatever the number of interventions;
samsyn/stats/grouped.py), judged as the goals page judges them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samsyn.applications.selectors.utilisation import utilisation_rows
from samsyn.audit.models import LogReview
from samsyn.collaboration.models import ActionStatus, MeetingAction
from samsyn.core.models import Membership
from samsyn.core.roles import Role
from samsyn.interventions.models import Goal, Intervention, StoredReportPeriod
from samsyn.interventions.selectors.goal_periods import GoalProgress, judge_goal
from samsyn.interventions.selectors.goals import (
    GoalStatus,
    default_period,
    evaluate_goals_by_intervention,
)
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.period_reports import (
    KIND_OF_PERIOD,
    Deadline,
    as_report_period,
    deadline_of,
    generated_periods,
)

# "Near the limit": the year's claims hold at least this share of the grant. Samsyn's
# choice (docs/start-page.md); no rule in the seeds names a threshold.
BUDGET_NEAR_LIMIT = Decimal("0.90")
# A log review is due when none was completed in this many days: Samsyn's choice of a
# quarterly check (HSLF-FS 2016:40 4 kap. 9 § asks for regular checks without an interval).
LOG_REVIEW_INTERVAL_DAYS = 92


@dataclass(frozen=True)
class AttentionLink:
    label: str
    url: str


@dataclass
class AttentionItem:
    """One thing to handle: a sentence with its count, and where to handle it."""

    key: str
    text: str
    links: list[AttentionLink] = field(default_factory=list)


@dataclass
class Attention:
    items: list[AttentionItem]


def administered_forbund_ids(memberships: Iterable[Membership]) -> list[int]:
    return sorted({m.forbund_id for m in memberships if m.role == Role.FORBUNDSADMIN})


def _reports_item(interventions: list[Intervention], today: datetime.date) -> AttentionItem:
    stored: dict[int, list[StoredReportPeriod]] = {}
    for row in StoredReportPeriod.objects.filter(intervention__in=interventions).order_by():
        stored.setdefault(row.intervention_id, []).append(row)
    reports = {
        (r.intervention_id, r.kind, r.period_from, r.period_to): r
        for r in PeriodReport.objects.filter(intervention__in=interventions).order_by()
    }
    counts: dict[int, int] = {}
    for intervention in interventions:
        rows = stored.get(intervention.pk)
        periods = [as_report_period(r) for r in rows] if rows else generated_periods(intervention)
        for period in periods:
            key = (intervention.pk, KIND_OF_PERIOD[period.kind], period.date_from, period.date_to)
            if deadline_of(period.date_to, reports.get(key), today) is not Deadline.NONE:
                counts[intervention.pk] = counts.get(intervention.pk, 0) + 1
    total = sum(counts.values())
    return AttentionItem(
        "reports",
        ngettext(
            "%(count)d periodrapport att lämna eller försenad",
            "%(count)d periodrapporter att lämna eller försenade",
            total,
        )
        % {"count": total},
        [
            AttentionLink(
                f"{i.name} ({counts[i.pk]})", reverse("reporting:report_list", args=[i.pk])
            )
            for i in interventions
            if i.pk in counts
        ],
    )


def _running(intervention: Intervention, today: datetime.date) -> bool:
    ended = intervention.end_date is not None and intervention.end_date < today
    return intervention.start_date <= today and not ended


# A goal needs attention when it is not reached over its whole period, or behind (or over a
# ceiling) against its pro-rated target in a shorter one: judged as the goals page does.
UNDER_GOAL = {
    GoalStatus.NOT_REACHED.value,
    GoalProgress.BEHIND.value,
    GoalProgress.AHEAD_OF_LIMIT.value,
}


def _under_their_goals(interventions: list[Intervention], goals: dict[int, list[Goal]]) -> set[int]:
    """The interventions with a goal under it, all judged in one grouped evaluation
    (``evaluate_goals_by_intervention``: a constant number of queries), each over the goals
    page's default period and with ``judge_goal``, as the goals page judges one."""
    periods = {intervention.pk: default_period(intervention) for intervention in interventions}
    results = evaluate_goals_by_intervention(interventions, goals, periods)
    return {
        intervention.pk
        for intervention in interventions
        if any(
            judge_goal(result, intervention, periods[intervention.pk]).status in UNDER_GOAL
            for result in results.get(intervention.pk, [])
        )
    }


def _goals_item(interventions: list[Intervention], today: datetime.date) -> AttentionItem:
    goals: dict[int, list[Goal]] = {}
    running = {i.pk: i for i in interventions if _running(i, today)}
    for goal in Goal.objects.filter(intervention_id__in=list(running)).order_by("id"):
        goals.setdefault(goal.intervention_id, []).append(goal)
    with_goals = [i for i in interventions if i.pk in goals]
    under = _under_their_goals(with_goals, goals)
    below = [i for i in with_goals if i.pk in under]
    return AttentionItem(
        "goals",
        ngettext(
            "%(count)d pågående insats under sina mål",
            "%(count)d pågående insatser under sina mål",
            len(below),
        )
        % {"count": len(below)},
        [AttentionLink(i.name, reverse("interventions:goals", args=[i.pk])) for i in below],
    )


def _actions_item(forbund_ids: list[int], today: datetime.date) -> AttentionItem:
    overdue = MeetingAction.objects.filter(
        status=ActionStatus.OPEN, due_date__lt=today, meeting__team__forbund_id__in=forbund_ids
    ).count()
    return AttentionItem(
        "actions",
        ngettext(
            "%(count)d försenad åtgärd från samverkansmöten",
            "%(count)d försenade åtgärder från samverkansmöten",
            overdue,
        )
        % {"count": overdue},
        [
            AttentionLink(
                _("Försenade åtgärder"), reverse("collaboration:action_list") + "?forsenade=1"
            )
        ]
        if overdue
        else [],
    )


def _budget_item(forbund_ids: list[int], year: int) -> AttentionItem:
    interventions = Intervention.objects.filter(forbund_id__in=forbund_ids)
    near = [
        row
        for row in utilisation_rows(interventions, year=year)
        if row.granted > 0 and row.committed >= row.granted * BUDGET_NEAR_LIMIT
    ]
    url = reverse("applications:utilisation") + f"?ar={year}"
    return AttentionItem(
        "budget",
        ngettext(
            "%(count)d insats har använt minst 90 %% av förbundets beviljade medel för %(year)d",
            "%(count)d insatser har använt minst 90 %% av förbundets beviljade medel för %(year)d",
            len(near),
        )
        % {"count": len(near), "year": year},
        [AttentionLink(row.intervention.name, url) for row in near],
    )


def _log_review_item(forbund_ids: list[int], now: datetime.datetime) -> AttentionItem:
    since = now - datetime.timedelta(days=LOG_REVIEW_INTERVAL_DAYS)
    recent = set(
        LogReview.objects.filter(forbund_id__in=forbund_ids)
        .order_by()
        .values("forbund_id")
        .annotate(last=Max("completed_at"))
        .filter(Q(last__gte=since))
        .values_list("forbund_id", flat=True)
    )
    due = [forbund_id for forbund_id in forbund_ids if forbund_id not in recent]
    return AttentionItem(
        "log_review",
        ngettext(
            "%(count)d förbund utan genomförd logggranskning de senaste %(days)d dagarna",
            "%(count)d förbund utan genomförd logggranskning de senaste %(days)d dagarna",
            len(due),
        )
        % {"count": len(due), "days": LOG_REVIEW_INTERVAL_DAYS},
        # The administrator does not read the log: they see who holds the granskare role.
        [AttentionLink(_("Förbundets granskare bland användarna"), reverse("manage:user_list"))]
        if due
        else [],
    )


def attention_for(
    *, memberships: Iterable[Membership], today: datetime.date | None = None
) -> Attention | None:
    """What needs the förbundsadministratör's attention; ``None`` for everyone else. Only
    the items with something to handle are listed."""
    forbund_ids = administered_forbund_ids(memberships)
    if not forbund_ids:
        return None
    today = today or timezone.localdate()
    interventions = list(Intervention.objects.filter(forbund_id__in=forbund_ids).order_by("name"))
    items = [
        _reports_item(interventions, today),
        _goals_item(interventions, today),
        _actions_item(forbund_ids, today),
        _budget_item(forbund_ids, today.year),
        _log_review_item(forbund_ids, timezone.now()),
    ]
    shown = [item for item in items if item.links]
    return Attention(items=shown)
