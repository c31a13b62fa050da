"""Reads of the trainings of an intervention, each starting from interventions_visible_to.

``training_figures`` is the one definition of "staff trained": the attendees of the
trainings held in a period, per training role, summed in SQL. Attendee counts are counts of
staff, never of participants, so nothing here is suppressed.

Who sees what: the förbundsadministratör and the intervention's insatsansvarig manage the
trainings; the styrgrupp and the intervention's coaches see them read-only; everyone else
gets a 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Sum
from django.shortcuts import get_object_or_404

from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention, Training, TrainingAttendance, TrainingRole
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.stats.periods import Period

TOTAL = "total"
TRAINING_MANAGER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
TRAINING_VIEWER_ROLES = (*TRAINING_MANAGER_ROLES, Role.STYRGRUPP, Role.COACH)

Interventions = Intervention | QuerySet[Intervention] | Iterable[Intervention]


def _attendance_of(interventions: Interventions) -> QuerySet[TrainingAttendance]:
    attendance = TrainingAttendance.objects.order_by()
    if isinstance(interventions, Intervention):
        return attendance.filter(training__intervention=interventions)
    if isinstance(interventions, QuerySet):
        ids = interventions.order_by().values_list("pk", flat=True)
        return attendance.filter(training__intervention__in=ids)
    return attendance.filter(training__intervention__in=[item.pk for item in interventions])


def training_figures(interventions: Interventions, period: Period) -> dict[str, int]:
    """Attendees per TrainingRole of the trainings held in ``period`` (both days included),
    every role present (0 when none), plus ``"total"``; one GROUP BY query."""
    rows = (
        _attendance_of(interventions)
        .filter(training__held_on__range=(period.start, period.end))
        .values("role")
        .annotate(attendees=Sum("attendees"))
        .order_by()
    )
    figures = {role: 0 for role in TrainingRole.values}
    for row in rows:
        if row["role"] in figures:
            figures[row["role"]] = int(row["attendees"] or 0)
    figures[TOTAL] = sum(figures.values())
    return figures


# --- pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleSum:
    role: str
    label: str
    attendees: int


@dataclass(frozen=True)
class PartySum:
    party_name: str
    attendees: int


@dataclass(frozen=True)
class TrainingsPage:
    intervention: Intervention
    trainings: Sequence[Training]
    by_role: list[RoleSum]
    by_party: list[PartySum]
    total: int
    can_manage: bool


def _sums_by_role(intervention: Intervention) -> list[RoleSum]:
    rows = (
        _attendance_of(intervention).values("role").annotate(attendees=Sum("attendees")).order_by()
    )
    sums = {row["role"]: int(row["attendees"] or 0) for row in rows}
    return [RoleSum(role, str(label), sums.get(role, 0)) for role, label in TrainingRole.choices]


def _sums_by_party(intervention: Intervention) -> list[PartySum]:
    rows = (
        _attendance_of(intervention)
        .values("party__name")
        .annotate(attendees=Sum("attendees"))
        .order_by("party__name")
    )
    return [PartySum(row["party__name"], int(row["attendees"] or 0)) for row in rows]


def training_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose trainings the actor may see; 404 for everyone else."""
    visible = interventions_visible_to(actor, *TRAINING_VIEWER_ROLES).select_related("forbund")
    return get_object_or_404(visible, pk=intervention_id)


def can_manage_trainings(actor: User, intervention: Intervention) -> bool:
    managed = interventions_visible_to(actor, *TRAINING_MANAGER_ROLES)
    return managed.filter(pk=intervention.pk).exists()


def trainings_page(*, actor: User, intervention_id: int) -> TrainingsPage:
    """The trainings newest first with their attendance, and the attendees summed per role
    and per party; a constant number of queries whatever the number of trainings."""
    intervention = training_intervention(actor=actor, intervention_id=intervention_id)
    attendance = TrainingAttendance.objects.select_related("party").order_by("party__name", "role")
    trainings = list(
        Training.objects.filter(intervention=intervention)
        .order_by("-held_on", "-id")
        .annotate(attendees_total=Sum("attendance__attendees"))
        .prefetch_related(Prefetch("attendance", queryset=attendance))
    )
    by_role = _sums_by_role(intervention)
    return TrainingsPage(
        intervention=intervention,
        trainings=trainings,
        by_role=by_role,
        by_party=_sums_by_party(intervention),
        total=sum(item.attendees for item in by_role),
        can_manage=can_manage_trainings(actor, intervention),
    )


def managed_training_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose trainings the actor manages; 404 for everyone else."""
    managed = interventions_visible_to(actor, *TRAINING_MANAGER_ROLES).select_related("forbund")
    return get_object_or_404(managed, pk=intervention_id)


def managed_training_get(*, actor: User, intervention_id: int, training_id: int) -> Training:
    intervention = managed_training_intervention(actor=actor, intervention_id=intervention_id)
    training = get_object_or_404(Training.objects.filter(intervention=intervention), pk=training_id)
    training.intervention = intervention
    return training


def training_attendance(training: Training) -> list[TrainingAttendance]:
    """The attendance rows of a training the caller already got through a scoped read."""
    return list(training.attendance.select_related("party").order_by("party__name", "role"))


def managed_attendance_get(
    *, actor: User, intervention_id: int, training_id: int, attendance_id: int
) -> TrainingAttendance:
    training = managed_training_get(
        actor=actor, intervention_id=intervention_id, training_id=training_id
    )
    row = get_object_or_404(
        TrainingAttendance.objects.filter(training=training).select_related("party"),
        pk=attendance_id,
    )
    row.training = training
    return row


__all__ = [
    "TOTAL",
    "TRAINING_MANAGER_ROLES",
    "TRAINING_VIEWER_ROLES",
    "TrainingsPage",
    "can_manage_trainings",
    "managed_attendance_get",
    "managed_training_get",
    "managed_training_intervention",
    "training_attendance",
    "training_figures",
    "training_intervention",
    "trainings_page",
]
