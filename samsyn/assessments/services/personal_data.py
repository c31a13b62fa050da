"""The resource inventory's part of a participant's personal data, for retention and the
register extract. Registered in ``AssessmentsConfig.ready`` with
samsyn.participants.personal_data. Retention clears the reasons, the hand-over note, the
observed place, the professions' findings and the weekly observations; dates, hours,
professions and the recommendation stay (docs/data-lifecycle.md)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F, Subquery

from samsyn.assessments.models import ObservationWeek, ProfessionalAssessment, ResourceInventory
from samsyn.participants.personal_data import (
    ExtractSection,
    PersonalDataHolder,
    latest_date,
    register_holder,
    section_of,
)


def inventory_last_entries() -> Sequence[Subquery]:
    return [
        latest_date(ResourceInventory, "started_on"),
        latest_date(ResourceInventory, "recommended_on"),
        latest_date(ResourceInventory, "handover_on"),
        latest_date(ProfessionalAssessment, "assessed_on", via="inventory__registration"),
        latest_date(ObservationWeek, "week_starting", via="inventory__registration"),
    ]


def inventory_personal_data_clear(registration_ids: Sequence[int]) -> int:
    if not registration_ids:
        return 0
    bump = {"version": F("version") + 1}
    by_inventory = {"inventory__registration_id__in": registration_ids}
    changed = ResourceInventory.objects.filter(registration_id__in=registration_ids).update(
        recommendation_reasons="", handover_note="", observation_place="", **bump
    )
    changed += ProfessionalAssessment.objects.filter(**by_inventory).update(findings="", **bump)
    changed += ObservationWeek.objects.filter(**by_inventory).update(note="")
    return changed


def inventory_personal_data_extract(registration_ids: Sequence[int]) -> list[ExtractSection]:
    inventories = ResourceInventory.objects.filter(
        registration_id__in=registration_ids
    ).select_related("registration", "handover_party")
    by_inventory = {"inventory__registration_id__in": registration_ids}
    assessments = ProfessionalAssessment.objects.filter(**by_inventory).select_related(
        "inventory", "recorded_by"
    )
    weeks = ObservationWeek.objects.filter(**by_inventory).select_related("inventory")
    return [
        section_of("resource_inventory", "Resursinventering", list(inventories)),
        section_of("professional_assessments", "Professionernas bedömningar", list(assessments)),
        section_of("observation_weeks", "Observationsveckor", list(weeks)),
    ]


def register() -> None:
    register_holder(
        PersonalDataHolder(
            name="assessments",
            cleared=(
                "resursinventeringens motivering, överlämning och plats, professionernas "
                "bedömningar och veckornas observationer"
            ),
            last_entries=inventory_last_entries,
            clear=inventory_personal_data_clear,
            extract=inventory_personal_data_extract,
        )
    )
