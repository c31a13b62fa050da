"""Reads of the trainings of an intervention, each starting from interventions_visible_to.

``training_figures`` is the one definition of "staff trained": the **people** who attended
the trainings held in a period, per training role, each person counted once however many of
those trainings they attended (``COUNT(DISTINCT attendee)`` in SQL). Seed 000 sets its goal
in people: "Att utbilda 2 st medarbetare … till 'Finsam-coacher' samt 25 st
chefer/beslutsfattare och operativa medarbetare". Attendees are staff, never participants, so
nothing here is suppressed.

Who sees what: the förbundsadministratör and the intervention's insatsansvarig manage the
trainings and see the attendees' names; the styrgrupp and the intervention's coaches see the
trainings and the numbers read-only; the evidence documents (attendance lists, invoices) are
for the managers and the styrgrupp; everyone else gets a 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.models import (
    Intervention,
    Training,
    TrainingAttendance,
    TrainingAttendee,
    TrainingEvidence,
    TrainingRole,
)
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.stats.grouped import period_bounds
from samsyn.stats.periods import Period

TOTAL = "total"
TRAINING_MANAGER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
TRAINING_VIEWER_ROLES = (*TRAINING_MANAGER_ROLES, Role.STYRGRUPP, Role.COACH)
# Invoices and attendance lists: for those who follow the intervention up, like the
# implementation plan's evidence (docs/trainings-and-implementation.md).
EVIDENCE_VIEWER_ROLES = (*TRAINING_MANAGER_ROLES, Role.STYRGRUPP)

Interventions = Intervention | QuerySet[Intervention] | Iterable[Intervention]


def _attendance_of(interventions: Interventions) -> QuerySet[TrainingAttendance]:
    attendance = TrainingAttendance.objects.order_by()
    if isinstance(interventions, Intervention):
        return attendance.filter(training__intervention=interventions)
    if isinstance(interventions, QuerySet):
        ids = interventions.order_by().values_list("pk", flat=True)
        return attendance.filter(training__intervention__in=ids)
    return attendance.filter(training__intervention__in=[item.pk for item in interventions])


def trained_by_intervention(
    interventions: QuerySet[Intervention], period: Period
) -> dict[int, tuple[int, int]]:
    """Per intervention with trainings held in ``period``: (people trained, units reached).
    People as in ``training_figures`` (each person once); units reached are the distinct
    parties (organisations) those people work for — Samsyn's yearly figure of a structural
    intervention's reach (docs/finsam-export.md). One ``GROUP BY``."""
    rows = (
        _attendance_of(interventions)
        .filter(training__held_on__gte=period.start, training__held_on__lte=period.end)
        .values("training__intervention_id")
        .annotate(
            people=Count("attendee", distinct=True),
            units=Count("attendee__party", distinct=True),
        )
        .values_list("training__intervention_id", "people", "units")
    )
    return {pk: (people, units) for pk, people, units in rows}


def training_figures(interventions: Interventions, period: Period) -> dict[str, int]:
    """People trained per TrainingRole in the trainings held in ``period`` (both days
    included), each person once however many of them they attended; every role present (0
    when none), plus ``"total"`` (a person has one role, so the roles add up). One GROUP BY
    query with COUNT(DISTINCT)."""
    rows = (
        _attendance_of(interventions)
        .filter(training__held_on__range=(period.start, period.end))
        .values("attendee__role")
        .annotate(people=Count("attendee", distinct=True))
        .order_by()
    )
    figures = {role: 0 for role in TrainingRole.values}
    for row in rows:
        if row["attendee__role"] in figures:
            figures[row["attendee__role"]] = int(row["people"] or 0)
    figures[TOTAL] = sum(figures.values())
    return figures


def training_figures_by_intervention(
    interventions: Iterable[Intervention], periods: Mapping[int, Period]
) -> dict[int, dict[str, int]]:
    """``training_figures`` of each intervention over its own period (``periods``:
    intervention id → period), in one GROUP BY query whatever the number of interventions
    (samsyn.stats.grouped). Every intervention of ``periods`` is in the answer."""
    chosen = [item for item in interventions if item.pk in periods]
    bounds = period_bounds(periods, "training__intervention_id")
    rows = (
        _attendance_of(chosen)
        .filter(training__held_on__gte=bounds.start, training__held_on__lte=bounds.end)
        .values("training__intervention_id", "attendee__role")
        .annotate(people=Count("attendee", distinct=True))
        .order_by()
    )
    result = {item.pk: {role: 0 for role in TrainingRole.values} for item in chosen}
    for row in rows:
        figures = result[row["training__intervention_id"]]
        if row["attendee__role"] in figures:
            figures[row["attendee__role"]] = int(row["people"] or 0)
    for figures in result.values():
        figures[TOTAL] = sum(figures.values())
    return result


# --- pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleSum:
    role: str
    label: str
    people: int


@dataclass(frozen=True)
class PartySum:
    party_name: str
    people: int


@dataclass(frozen=True)
class TrainingsPage:
    intervention: Intervention
    trainings: Sequence[Training]
    by_role: list[RoleSum]
    by_party: list[PartySum]
    people: int  # unique people trained
    attendances: int  # attendances over all trainings (a person once per training)
    attendees: Sequence[TrainingAttendee]  # with ``trainings_attended``; managers only
    can_manage: bool
    can_see_evidence: bool

    @property
    def total(self) -> int:
        return self.people


def _sums_by_role(intervention: Intervention) -> list[RoleSum]:
    rows = (
        _attendance_of(intervention)
        .values("attendee__role")
        .annotate(people=Count("attendee", distinct=True))
        .order_by()
    )
    sums = {row["attendee__role"]: int(row["people"] or 0) for row in rows}
    return [RoleSum(role, str(label), sums.get(role, 0)) for role, label in TrainingRole.choices]


def _sums_by_party(intervention: Intervention) -> list[PartySum]:
    rows = (
        _attendance_of(intervention)
        .values("attendee__party__name")
        .annotate(people=Count("attendee", distinct=True))
        .order_by("attendee__party__name")
    )
    return [PartySum(row["attendee__party__name"], int(row["people"] or 0)) for row in rows]


def _attendees_with_counts(intervention: Intervention) -> list[TrainingAttendee]:
    return list(
        TrainingAttendee.objects.filter(intervention=intervention)
        .select_related("party")
        .annotate(trainings_attended=Count("attendance"))
        .order_by("name_key", "id")
    )


def training_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose trainings the actor may see; 404 for everyone else."""
    visible = interventions_visible_to(actor, *TRAINING_VIEWER_ROLES).select_related("forbund")
    return get_object_or_404(visible, pk=intervention_id)


def can_manage_trainings(actor: User, intervention: Intervention) -> bool:
    managed = interventions_visible_to(actor, *TRAINING_MANAGER_ROLES)
    return managed.filter(pk=intervention.pk).exists()


def evidence_viewer_role(actor: User, intervention: Intervention) -> str:
    """The role the actor sees the trainings' evidence in (for the audit log); 404 without
    one."""
    for role in EVIDENCE_VIEWER_ROLES:
        if interventions_visible_to(actor, role).filter(pk=intervention.pk).exists():
            return role.value
    raise Http404


def trainings_page(*, actor: User, intervention_id: int) -> TrainingsPage:
    """The trainings newest first with their attendance and evidence, and the people trained
    per role and per party (each person once); a constant number of queries whatever the
    number of trainings and people."""
    intervention = training_intervention(actor=actor, intervention_id=intervention_id)
    attendance = TrainingAttendance.objects.select_related("attendee__party").order_by(
        "attendee__name_key", "id"
    )
    trainings = list(
        Training.objects.filter(intervention=intervention)
        .order_by("-held_on", "-id")
        .annotate(attendees_total=Count("attendance", distinct=True))
        .prefetch_related(
            Prefetch("attendance", queryset=attendance),
            Prefetch("evidence", queryset=TrainingEvidence.objects.order_by("kind", "id")),
        )
    )
    totals = _attendance_of(intervention).aggregate(
        attendances=Count("id"), people=Count("attendee", distinct=True)
    )
    can_manage = can_manage_trainings(actor, intervention)
    return TrainingsPage(
        intervention=intervention,
        trainings=trainings,
        by_role=_sums_by_role(intervention),
        by_party=_sums_by_party(intervention),
        people=int(totals["people"] or 0),
        attendances=int(totals["attendances"] or 0),
        attendees=_attendees_with_counts(intervention) if can_manage else [],
        can_manage=can_manage,
        can_see_evidence=can_manage
        or interventions_visible_to(actor, Role.STYRGRUPP).filter(pk=intervention.pk).exists(),
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
    return list(
        training.attendance.select_related("attendee__party").order_by("attendee__name_key")
    )


def training_evidence(training: Training) -> list[TrainingEvidence]:
    """The evidence of a training the caller already got through a scoped read."""
    return list(training.evidence.order_by("kind", "id"))


def earlier_attendees(training: Training) -> QuerySet[TrainingAttendee]:
    """The intervention's people who have not attended this training: the choices for
    adding someone again (they still count once)."""
    return (
        TrainingAttendee.objects.filter(intervention_id=training.intervention_id)
        .exclude(attendance__training=training)
        .select_related("party")
        .order_by("name_key", "id")
    )


def managed_attendance_get(
    *, actor: User, intervention_id: int, training_id: int, attendance_id: int
) -> TrainingAttendance:
    training = managed_training_get(
        actor=actor, intervention_id=intervention_id, training_id=training_id
    )
    row = get_object_or_404(
        TrainingAttendance.objects.filter(training=training).select_related("attendee__party"),
        pk=attendance_id,
    )
    row.training = training
    return row


def managed_attendee_get(
    *, actor: User, intervention_id: int, attendee_id: int
) -> TrainingAttendee:
    intervention = managed_training_intervention(actor=actor, intervention_id=intervention_id)
    person = get_object_or_404(
        TrainingAttendee.objects.filter(intervention=intervention).select_related("party"),
        pk=attendee_id,
    )
    person.intervention = intervention
    return person


def managed_evidence_get(
    *, actor: User, intervention_id: int, training_id: int, evidence_id: int
) -> TrainingEvidence:
    training = managed_training_get(
        actor=actor, intervention_id=intervention_id, training_id=training_id
    )
    evidence = get_object_or_404(training.evidence.all(), pk=evidence_id)
    evidence.training = training
    return evidence


def training_evidence_get(
    *, actor: User, intervention_id: int, training_id: int, evidence_id: int
) -> TrainingEvidence:
    """Evidence the actor may download (managers and styrgrupp); 404 for everyone else."""
    visible = interventions_visible_to(actor, *EVIDENCE_VIEWER_ROLES).select_related("forbund")
    intervention = get_object_or_404(visible, pk=intervention_id)
    training = get_object_or_404(Training.objects.filter(intervention=intervention), pk=training_id)
    training.intervention = intervention
    evidence = get_object_or_404(training.evidence.all(), pk=evidence_id)
    evidence.training = training
    return evidence


__all__ = [
    "EVIDENCE_VIEWER_ROLES",
    "TOTAL",
    "TRAINING_MANAGER_ROLES",
    "TRAINING_VIEWER_ROLES",
    "TrainingsPage",
    "can_manage_trainings",
    "earlier_attendees",
    "evidence_viewer_role",
    "managed_attendance_get",
    "managed_attendee_get",
    "managed_evidence_get",
    "managed_training_get",
    "managed_training_intervention",
    "training_attendance",
    "training_evidence",
    "training_evidence_get",
    "training_figures",
    "training_intervention",
    "trainings_page",
]
