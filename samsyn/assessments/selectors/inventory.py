"""Reads of resource inventories. Each starts from the actor's scope.

One inventory is read through ``registration_get`` (404 outside scope, refusals logged) and
writes one audit event per page: the findings and notes are health data. The distribution of
recommendations per intervention is in samsyn/assessments/selectors/distribution.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, ExpressionWrapper, F, FloatField, QuerySet, Sum, Value
from django.db.models.functions import Cast, NullIf
from django.http import Http404

from samsyn.assessments.models import ObservationWeek, ProfessionalAssessment, ResourceInventory
from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.participants.models import Registration
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.audit import audit_participant
from samsyn.participants.services.journey_access import can_write_journey

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def percent(numerator: Any, denominator: Any) -> Any:
    """numerator / denominator in percent, in SQL; NULL when the denominator is 0."""
    float_zero = Value(0.0, output_field=FloatField())
    return ExpressionWrapper(
        Cast(numerator, FloatField())
        * Value(100.0, output_field=FloatField())
        / NullIf(Cast(denominator, FloatField()), float_zero),
        output_field=FloatField(),
    )


@dataclass(frozen=True)
class Attendance:
    planned: Any
    attended: Any
    percent: float | None
    weeks: int


class WeekPercent(TypedDict):
    percent: float | None


@dataclass
class InventoryPage:
    registration: Registration
    inventory: ResourceInventory | None
    can_write: bool
    assessments: list[ProfessionalAssessment] = field(default_factory=list)
    weeks: list[WithAnnotations[ObservationWeek, WeekPercent]] = field(default_factory=list)
    attendance: Attendance | None = None
    handover_party: Party | None = None

    @property
    def observation_weeks(self) -> int | None:
        inventory = self.inventory
        if inventory is None or inventory.observation_from is None:
            return None
        assert inventory.observation_to is not None
        return ((inventory.observation_to - inventory.observation_from).days + 1 + 6) // 7


def inventory_registration(*, actor: User, registration_id: int, audit: bool) -> Registration:
    """The registration if the actor sees it (404 otherwise) and it uses resursinventering."""
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    if not registration.intervention.uses_resursinventering:
        raise Http404
    if audit:
        audit_participant(
            actor=actor,
            action=AuditAction.VIEW,
            person=registration.person,
            intervention=registration.intervention,
            obj=registration,
            detail="Resursinventering visad",
        )
    return registration


def attendance_of(weeks: QuerySet[ObservationWeek]) -> Attendance:
    row = weeks.order_by().aggregate(
        planned=Sum("planned_hours"),
        attended=Sum("attended_hours"),
        percent=percent(Sum("attended_hours"), Sum("planned_hours")),
        weeks=Count("id"),
    )
    return Attendance(row["planned"], row["attended"], row["percent"], row["weeks"])


def inventory_page(*, actor: User, registration_id: int) -> InventoryPage:
    """Everything on the inventory page, in a constant number of queries; one audit event."""
    registration = inventory_registration(actor=actor, registration_id=registration_id, audit=True)
    inventory = (
        ResourceInventory.objects.select_related("handover_party")
        .filter(registration=registration)
        .first()
    )
    page = InventoryPage(
        registration=registration,
        inventory=inventory,
        can_write=can_write_journey(actor=actor, registration=registration),
    )
    if inventory is None:
        return page
    inventory.registration = registration
    page.handover_party = inventory.handover_party
    page.assessments = list(inventory.assessments.order_by("assessed_on", "id"))
    weeks = ObservationWeek.objects.filter(inventory=inventory)
    page.weeks = list(
        weeks.annotate(percent=percent(F("attended_hours"), F("planned_hours"))).order_by(
            "week_starting"
        )
    )
    page.attendance = attendance_of(weeks)
    return page


def writable_inventory(*, actor: User, registration_id: int) -> ResourceInventory:
    """The inventory for an edit form (the caller checked write access); 404 if not started."""
    registration = inventory_registration(actor=actor, registration_id=registration_id, audit=True)
    inventory = ResourceInventory.objects.filter(registration=registration).first()
    if inventory is None:
        raise Http404
    inventory.registration = registration
    return inventory


def inventory_of(registration: Registration) -> ResourceInventory | None:
    """The inventory of a registration already read through the actor's scope."""
    inventory = ResourceInventory.objects.filter(registration=registration).first()
    if inventory is not None:
        inventory.registration = registration
    return inventory


def assessment_of(registration: Registration, assessment_id: int) -> ProfessionalAssessment:
    """One assessment of a registration already read through the actor's scope, or 404."""
    assessment = ProfessionalAssessment.objects.filter(
        pk=assessment_id, inventory__registration=registration
    ).first()
    if assessment is None:
        raise Http404
    return assessment


def party_choices(*, registration: Registration) -> QuerySet[Party]:
    """The parties of the förbund that may take over after the inventory."""
    return Party.objects.filter(
        forbund_id=registration.intervention.forbund_id, is_active=True
    ).order_by("name")


__all__ = [
    "Attendance",
    "InventoryPage",
    "assessment_of",
    "attendance_of",
    "inventory_of",
    "inventory_page",
    "inventory_registration",
    "party_choices",
    "percent",
    "writable_inventory",
]
