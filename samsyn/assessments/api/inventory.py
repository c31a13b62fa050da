"""Resource inventories in the JSON API (/api/v1/resursinventeringar/…); the distribution of
recommendations is in samsyn/assessments/api/distribution.py.

The same selectors and services as the pages: 404 outside scope (or when the intervention
does not use resursinventering), 403 for a reader who may not write, 422 with Swedish field
errors, 409 for a stale ``version``. See docs/resource-inventory.md.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Router, Status

from samsyn.assessments.api import schemas as s
from samsyn.assessments.selectors import inventory as selectors
from samsyn.assessments.selectors.inventory import InventoryPage
from samsyn.assessments.services import inventory as services
from samsyn.assessments.services.inventory import AssessmentFields, InventoryFields, WeekFields
from samsyn.participants.api.common import ObjectId, actor_of, writable_registration
from samsyn.participants.api.schemas import ErrorOut, InvalidOut

router = Router(tags=["Resursinventering"])
BASE = "/resursinventeringar/{registration_id}"
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut}


def _inventory_out(page: InventoryPage) -> s.InventoryOut:
    inventory = page.inventory
    if inventory is None:
        raise Http404
    return s.InventoryOut(
        registration_id=page.registration.pk,
        version=inventory.version,
        started_on=inventory.started_on,
        observation_from=inventory.observation_from,
        observation_to=inventory.observation_to,
        observation_place=inventory.observation_place,
        recommendation=page.registration.recommendation,
        recommended_on=inventory.recommended_on,
        recommendation_reasons=inventory.recommendation_reasons,
        handover_party_id=inventory.handover_party_id,
        handover_on=inventory.handover_on,
        handover_note=inventory.handover_note,
        attendance_percent=page.attendance.percent if page.attendance else None,
        can_write=page.can_write,
        assessments=[
            s.AssessmentOut(
                id=a.pk,
                version=a.version,
                profession=a.profession,
                assessor=a.assessor,
                assessed_on=a.assessed_on,
                findings=a.findings,
            )
            for a in page.assessments
        ],
        weeks=[
            s.WeekOut(
                week_starting=w.week_starting,
                planned_hours=w.planned_hours,
                attended_hours=w.attended_hours,
                attendance_percent=w.percent,
                note=w.note,
            )
            for w in page.weeks
        ],
    )


@router.get(
    BASE,
    response={200: s.InventoryOut, 404: ErrorOut},
    summary="Läs resursinventeringen",
    description="The inventory of a registration (404 when not started). One audit event.",
    operation_id="samsyn_assessments_api_inventory_get",
)
def inventory_get(request: HttpRequest, registration_id: ObjectId) -> s.InventoryOut:
    page = selectors.inventory_page(actor=actor_of(request), registration_id=registration_id)
    return _inventory_out(page)


@router.put(
    BASE,
    response={200: s.InventoryOut, **WRITE_ERRORS},
    summary="Påbörja eller ändra resursinventeringen",
    description="`version` 0 starts the inventory (refused when it exists); otherwise the "
    "version read. The recommendation sets the registration's own and may change only "
    "while the registration is ongoing; it needs an assessment on or before its date.",
    operation_id="samsyn_assessments_api_inventory_put",
)
def inventory_put(
    request: HttpRequest, registration_id: ObjectId, payload: s.InventoryIn
) -> s.InventoryOut:
    actor = actor_of(request)
    writable_registration(actor=actor, registration_id=registration_id)
    fields = InventoryFields(**{**payload.dict(exclude={"version"})})
    with transaction.atomic():
        version = payload.version
        if version == 0:
            inventory = services.inventory_start(
                actor=actor, registration_id=registration_id, started_on=payload.started_on
            )
            version = inventory.version
        services.inventory_update(
            actor=actor, registration_id=registration_id, expected_version=version, fields=fields
        )
    page = selectors.inventory_page(actor=actor, registration_id=registration_id)
    return _inventory_out(page)


@router.post(
    BASE + "/assessments",
    response={201: s.AssessmentOut, **WRITE_ERRORS},
    summary="Lägg till en professionsbedömning",
    operation_id="samsyn_assessments_api_assessment_post",
)
def assessment_post(
    request: HttpRequest, registration_id: ObjectId, payload: s.AssessmentIn
) -> Status[s.AssessmentOut]:
    actor = actor_of(request)
    writable_registration(actor=actor, registration_id=registration_id)
    assessment = services.assessment_create(
        actor=actor,
        registration_id=registration_id,
        fields=AssessmentFields(
            profession=str(payload.profession),
            assessor=payload.assessor,
            assessed_on=payload.assessed_on,
            findings=payload.findings,
        ),
    )
    return Status(
        201,
        s.AssessmentOut(
            id=assessment.pk,
            version=assessment.version,
            profession=assessment.profession,
            assessor=assessment.assessor,
            assessed_on=assessment.assessed_on,
            findings=assessment.findings,
        ),
    )


@router.post(
    BASE + "/weeks",
    response={200: s.WeekOut, **WRITE_ERRORS},
    summary="Registrera närvaro för en vecka",
    description="Creates or corrects the week (keyed by its Monday) inside the observed "
    "activity period; at most 60 hours a week.",
    operation_id="samsyn_assessments_api_week_post",
)
def week_post(request: HttpRequest, registration_id: ObjectId, payload: s.WeekIn) -> s.WeekOut:
    actor = actor_of(request)
    writable_registration(actor=actor, registration_id=registration_id)
    week = services.week_record(
        actor=actor,
        registration_id=registration_id,
        fields=WeekFields(
            week_starting=payload.week_starting,
            planned_hours=payload.planned_hours,
            attended_hours=payload.attended_hours,
            note=payload.note,
        ),
    )
    planned, attended = week.planned_hours, week.attended_hours
    return s.WeekOut(
        week_starting=week.week_starting,
        planned_hours=planned,
        attended_hours=attended,
        attendance_percent=float(attended * 100 / planned) if planned else None,
        note=week.note,
    )
