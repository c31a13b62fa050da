"""Reads for the coach's day: the caseload, follow-ups due per coach, post-exit follow-ups due.

Every list starts from ``registrations_visible_to`` and computes its flags in SQL (``Exists``
subqueries and a ``CASE``), so a page costs the same number of queries for 3 rows or 3 000.
Dates are passed in (``today``) so that due and overdue are testable with fixed dates.

Names are encrypted at rest and cannot be searched in SQL: the caseload's search decrypts the
names of the scoped rows in Python (``caseload_search``), and looks a personnummer up through
its blind index.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import ShownParticipant, audit_participants_shown, audit_record
from samsyn.core.models import Membership, User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention, Phase
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.models import (
    PostExitFollowUp,
    Registration,
    SubGoal,
    SubGoalStatus,
)
from samsyn.participants.models.registration import RegistrationQuerySet
from samsyn.participants.selectors.caseload_search import (
    CaseloadSearch,
    registrations_matching,
)
from samsyn.participants.selectors.metrics import ACTIVE_DEFINITION, active_q
from samsyn.participants.selectors.scoping import (
    PERSON_FIELDS_NOT_LISTED,
    registrations_visible_to,
    visible_registration_values,
)
from samsyn.stats.periods import Period

FOLLOW_UPS_DUE_WITHIN_DAYS = 14
POST_EXIT_DUE_WITHIN_DAYS = 30
CASELOAD_ROLES = (Role.COACH, Role.INSATSANSVARIG, Role.HANDLAGGARE)
STAFF_ROLES = (Role.COACH, Role.INSATSANSVARIG)
OPEN_SUB_GOAL_STATUSES = (SubGoalStatus.EJ_PABORJAT, SubGoalStatus.PAGAR)


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _ongoing(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    return cast(RegistrationQuerySet, registrations).ongoing()


def _countable(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Never a felregistrering: see ``RegistrationQuerySet.countable``."""
    return cast(RegistrationQuerySet, registrations).countable()


def _memberships(actor: User, roles: tuple[Role, ...]) -> QuerySet[Membership]:
    if not actor.is_authenticated or not actor.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=actor, is_active=True, role__in=roles)


def may_see_caseload(*, actor: User) -> bool:
    return _memberships(actor, CASELOAD_ROLES).exists()


def may_see_due_lists(*, actor: User) -> bool:
    return _memberships(actor, STAFF_ROLES).exists()


def staff_registrations(*, actor: User) -> QuerySet[Registration]:
    """Registrations the actor sees as insatsansvarig or coach (not as a referrer)."""
    staff = interventions_visible_to(actor, *STAFF_ROLES).values("id")
    return registrations_visible_to(actor).filter(intervention_id__in=staff)


def _visible_intervention_ids(actor: User) -> QuerySet[Any]:
    # Straight from the scope's branches: going through ``registrations_visible_to`` would
    # join every registration of every intervention back to the scope.
    if not actor.is_authenticated or not actor.is_active:
        return Registration.objects.none().values("intervention_id")
    return visible_registration_values(actor, "intervention_id")


def caseload_interventions(*, actor: User) -> QuerySet[Intervention]:
    """Interventions offered in the caseload filter: those of the actor's visible people."""
    return Intervention.objects.filter(id__in=_visible_intervention_ids(actor)).order_by("name")


def caseload_phases(*, actor: User) -> QuerySet[Phase]:
    return (
        Phase.objects.filter(intervention_id__in=_visible_intervention_ids(actor))
        .select_related("intervention")
        .order_by("intervention__name", "order")
    )


# What the list shows (the ``filter`` parameter; the start page's counts link to them).
SHOW_ALL_OVERDUE = "forsenade"
SHOW_FOLLOW_UPS_OVERDUE = "forsenade-uppfoljningar"
SHOW_PLANS_OVERDUE = "planer-forfallna"
SHOW_CHOICES = (SHOW_ALL_OVERDUE, SHOW_FOLLOW_UPS_OVERDUE, SHOW_PLANS_OVERDUE)


@dataclass(frozen=True)
class CaseloadFilters:
    intervention_id: int | None = None
    phase_id: int | None = None
    # One of ``SHOW_CHOICES``, or "" for every ongoing registration.
    show: str = ""
    # Words of a name or code ("anna", "D-7K2"), or a personnummer: see ``caseload_search``.
    search: CaseloadSearch | None = None


def _flags(*, visible: QuerySet[Registration], day: datetime.date) -> dict[str, Any]:
    """The three overdue flags of the caseload as SQL expressions, by annotation name."""
    late_sub_goals = SubGoal.objects.filter(
        plan__registration=OuterRef("pk"),
        target_date__lt=day,
        status__in=OPEN_SUB_GOAL_STATUSES,
    )
    # Only post-exit follow-ups of registrations the actor may see count for a person.
    post_exit_due = PostExitFollowUp.objects.countable().filter(
        registration__person=OuterRef("person"),
        registration__in=visible.values("id"),
        done_on__isnull=True,
        due_on__lte=day,
    )
    return {
        "follow_up_overdue": Case(
            When(next_follow_up_due__lt=day, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "sub_goals_overdue": Exists(late_sub_goals),
        "post_exit_due": Exists(post_exit_due),
    }


def caseload_list(
    *, actor: User, filters: CaseloadFilters, today: datetime.date | None = None
) -> QuerySet[Registration]:
    """The ongoing registrations the actor may see, flagged, soonest follow-up first."""
    day = _today(today)
    visible = registrations_visible_to(actor, today=day)
    registrations = _ongoing(visible).annotate(**_flags(visible=visible, day=day))
    if filters.intervention_id is not None:
        registrations = registrations.filter(intervention_id=filters.intervention_id)
    if filters.phase_id is not None:
        registrations = registrations.filter(current_phase_id=filters.phase_id)
    if filters.show == SHOW_ALL_OVERDUE:
        registrations = registrations.filter(
            Q(follow_up_overdue=True) | Q(sub_goals_overdue=True) | Q(post_exit_due=True)
        )
    elif filters.show == SHOW_FOLLOW_UPS_OVERDUE:
        registrations = registrations.filter(Q(follow_up_overdue=True))
    elif filters.show == SHOW_PLANS_OVERDUE:
        registrations = registrations.filter(Q(sub_goals_overdue=True))
    # Last, so a name search decrypts only the rows the other filters leave.
    if filters.search is not None:
        registrations = registrations_matching(registrations, search=filters.search)
    # Grouped by intervention (the page names each once, as a heading over its rows), then
    # the soonest follow-up first.
    return (
        registrations.select_related("person", "intervention", "current_phase", "coach")
        .defer(*PERSON_FIELDS_NOT_LISTED)
        .order_by(
            "intervention__name",
            "intervention_id",
            F("next_follow_up_due").asc(nulls_last=True),
            "start_date",
            "id",
        )
    )


@dataclass(frozen=True)
class CaseloadSummary:
    ongoing: int
    follow_ups_overdue: int
    sub_goals_overdue: int
    post_exit_due: int
    # Active today by the registry's one definition (``metrics.ACTIVE_DEFINITION``): also a
    # registration ended today, never one that starts later (which ``ongoing`` includes).
    active: int = 0

    @property
    def active_definition(self) -> str:
        return str(ACTIVE_DEFINITION)


def caseload_summary(*, actor: User, today: datetime.date | None = None) -> CaseloadSummary:
    """Counts for the top of the caseload, two queries whatever the size."""
    day = _today(today)
    visible = registrations_visible_to(actor, today=day)
    flags = _flags(visible=visible, day=day)
    # The flags go straight into the filters: aggregating over annotations by name lets
    # Django prune the Exists from the inner query (seen on SQLite with Django 5.2).
    ongoing = Q(end_date__isnull=True)
    counts = _countable(visible).aggregate(
        ongoing=Count("id", filter=ongoing),
        active=Count("id", filter=active_q(Period(day, day))),
        follow_ups_overdue=Count("id", filter=ongoing & Q(next_follow_up_due__lt=day)),
        sub_goals_overdue=Count("id", filter=ongoing & flags["sub_goals_overdue"]),
    )
    post_exit = post_exit_due_list(actor=actor, today=day, within_days=0).count()
    return CaseloadSummary(post_exit_due=post_exit, **counts)


@dataclass
class CoachFollowUps:
    coach: User | None
    registrations: Sequence[Registration]

    @property
    def overdue(self) -> int:
        return len([r for r in self.registrations if getattr(r, "follow_up_overdue", False)])


def follow_ups_due_by_coach(
    *,
    actor: User,
    today: datetime.date | None = None,
    within_days: int = FOLLOW_UPS_DUE_WITHIN_DAYS,
) -> list[CoachFollowUps]:
    """Ongoing registrations whose follow-up is overdue or due within ``within_days``,
    grouped by coach (people without a coach last). One query."""
    day = _today(today)
    horizon = day + datetime.timedelta(days=within_days)
    rows = (
        _ongoing(staff_registrations(actor=actor))
        .filter(next_follow_up_due__lte=horizon)
        .annotate(
            follow_up_overdue=Case(
                When(next_follow_up_due__lt=day, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("person", "intervention", "coach")
        .order_by(
            F("coach__last_name").asc(nulls_last=True),
            F("coach__first_name").asc(nulls_last=True),
            F("coach_id").asc(nulls_last=True),
            "next_follow_up_due",
            "id",
        )
    )
    return [
        CoachFollowUps(coach=group[0].coach, registrations=group)
        for group in (list(g) for _, g in itertools.groupby(rows, key=lambda r: r.coach_id))
    ]


def post_exit_due_list(
    *,
    actor: User,
    today: datetime.date | None = None,
    within_days: int = POST_EXIT_DUE_WITHIN_DAYS,
) -> QuerySet[PostExitFollowUp]:
    """Post-exit follow-ups not yet done that are overdue or due within ``within_days``.

    The insatsansvarig sees those of all their interventions, a coach those of their
    caseload (the team's where the intervention shares it).
    """
    day = _today(today)
    horizon = day + datetime.timedelta(days=within_days)
    registrations = _countable(staff_registrations(actor=actor)).values("id")
    return (
        PostExitFollowUp.objects.countable()
        .filter(registration_id__in=registrations, done_on__isnull=True, due_on__lte=horizon)
        .annotate(
            overdue=Case(
                When(due_on__lt=day, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("registration__person", "registration__intervention", "registration__coach")
        .order_by("due_on", "id")
    )


def list_view_audit(
    *,
    actor: User,
    detail: str,
    shown: Iterable[Registration | ShownParticipant],
    roles: tuple[Role, ...] = CASELOAD_ROLES,
) -> None:
    """Log a list page: one view event per participant ``shown`` (the registrations on the
    page, with person and intervention loaded), written in one insert, so the log review's
    participant filter ("who saw person X") finds list pages and the page stays constant.

    An empty list is still logged, as one event naming no participant. Each event names the
    registration's förbund and the role the actor holds there; the empty-list event names the
    förbund when the actor works in exactly one (otherwise none, and the log review still
    shows it to the granskare of every förbund the actor belongs to).
    """
    memberships = list(_memberships(actor, roles).select_related("forbund").order_by("role"))
    role_by_forbund: dict[int, str] = {}
    for membership in memberships:
        role_by_forbund.setdefault(membership.forbund_id, membership.role)
    written = audit_participants_shown(
        actor=actor,
        role=memberships[0].role if memberships else "",
        role_by_forbund=role_by_forbund,
        detail=detail,
        shown=registrations_shown(shown),
    )
    if written:
        return
    forbunds = {membership.forbund_id: membership.forbund for membership in memberships}
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        forbund=next(iter(forbunds.values())) if len(forbunds) == 1 else None,
        role=memberships[0].role if memberships else "",
        detail=detail,
    )


def registrations_shown(
    registrations: Iterable[Registration | ShownParticipant],
) -> list[ShownParticipant]:
    """The log's view of registrations on a page (person and intervention must be loaded)."""
    return [
        registration
        if isinstance(registration, ShownParticipant)
        else ShownParticipant(
            participant_ref=registration.person.pseudonym,
            forbund_id=registration.intervention.forbund_id,
            intervention_id=registration.intervention_id,
            obj=registration,
        )
        for registration in registrations
    ]
