"""IPS endpoints of the JSON API: the employer bank, employer contacts and job development.

Same selectors and services as the pages: 404 outside the actor's banks, 422 with Swedish
field errors for bad input, 409 for a stale version.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, Field

from samsyn.ips.models import Employer, EmployerContact
from samsyn.ips.selectors import employers as selectors
from samsyn.ips.selectors import job_development as jd
from samsyn.ips.selectors.summary_types import JobDevelopmentSummary
from samsyn.ips.services import contacts as contact_services
from samsyn.ips.services import employers as services
from samsyn.participants.api.common import ObjectId, actor_of
from samsyn.participants.api.schemas import (
    Day,
    ErrorOut,
    Id,
    InvalidOut,
    LongText,
    ShortText,
    printable,
)
from samsyn.participants.selectors.caseload import list_view_audit
from samsyn.stats.periods import Period

router = Router(tags=["IPS"])
ERRORS = {404: ErrorOut, 409: ErrorOut, 422: InvalidOut}


class EmployerOut(Schema):
    id: int
    forbund: int
    team: int | None
    organisationsnummer: str
    name: str
    sni_section: str
    municipality_code: str
    address: str
    description: str
    added_on: datetime.date
    removed_on: datetime.date | None
    version: int


class EmployerIn(Schema):
    name: ShortText
    organisationsnummer: str = Field(max_length=13)
    sni_section: str = Field(max_length=1)
    municipality_code: str = Field(max_length=4)
    added_on: Day
    address: ShortText = ""
    description: LongText = ""
    team: Id | None = None
    forbund: Id | None = None


class EmployerUpdateIn(EmployerIn):
    version: int = Field(ge=0)


class EmployerFilters(Schema):
    # A NUL would reach PostgreSQL's comparison and fail there (found by Schemathesis).
    q: Annotated[str, Field(max_length=100), AfterValidator(printable)] = ""
    sni_section: Annotated[str, Field(max_length=2), AfterValidator(printable)] = ""
    municipality_code: Annotated[str, Field(max_length=4), AfterValidator(printable)] = ""
    include_removed: bool = False


class ContactOut(Schema):
    id: int
    employer: int
    coach: int
    intervention: int
    registration: int | None  # only when the caller may see the participant
    contacted_on: datetime.date
    kind: str
    purpose: str
    outcome: str
    next_step: str
    next_step_on: datetime.date | None


class ContactIn(Schema):
    intervention: Id
    contacted_on: Day
    kind: str = Field(max_length=12)
    purpose: ShortText
    coach: Id | None = None
    registration: Id | None = None
    outcome: LongText = ""
    next_step: ShortText = ""
    next_step_on: Day | None = None


class JobDevelopmentQuery(Schema):
    intervention: Id
    start: Day | None = None
    end: Day | None = None


def _out(employer: Employer) -> EmployerOut:
    return EmployerOut(
        id=employer.pk,
        forbund=employer.forbund_id,
        team=employer.team_id,
        organisationsnummer=employer.organisationsnummer,
        name=employer.name,
        sni_section=employer.sni_section,
        municipality_code=employer.municipality_code,
        address=employer.address,
        description=employer.description,
        added_on=employer.added_on,
        removed_on=employer.removed_on,
        version=employer.version,
    )


def _fields(body: EmployerIn) -> services.EmployerFields:
    return services.EmployerFields(
        name=body.name,
        organisationsnummer=body.organisationsnummer,
        sni_section=body.sni_section,
        municipality_code=body.municipality_code,
        added_on=body.added_on,
        address=body.address,
        description=body.description,
        team_id=body.team,
    )


@router.get("/ips/employers", response={200: list[EmployerOut], **ERRORS}, summary="Företagsbanken")
def employer_list(request: HttpRequest, filters: Query[EmployerFilters]) -> list[EmployerOut]:
    actor = actor_of(request)
    access = selectors.bank_access(actor)
    if not access.roles:
        raise Http404
    clean, _problems = selectors.clean_filters(
        search=filters.q,
        sni_section=filters.sni_section,
        municipality_code=filters.municipality_code,
        removed="1" if filters.include_removed else "",
    )
    return [_out(e) for e in selectors.employer_list(actor=actor, filters=clean, access=access)]


@router.get("/ips/employers/{employer_id}", response={200: EmployerOut, **ERRORS})
def employer_detail(request: HttpRequest, employer_id: ObjectId) -> EmployerOut:
    return _out(selectors.employer_get(actor=actor_of(request), employer_id=employer_id))


@router.post(
    "/ips/employers", response={201: EmployerOut, **ERRORS}, summary="Lägg till arbetsgivare"
)
def employer_create(request: HttpRequest, body: EmployerIn) -> Status[EmployerOut]:
    actor = actor_of(request)
    access = selectors.bank_access(actor)
    if not access.roles or (body.forbund is not None and body.forbund not in access.roles):
        raise Http404
    forbund = selectors.bank_forbund_get(
        access=access, forbund_id=body.forbund or access.forbund_ids[0]
    )
    employer = services.employer_create(actor=actor, forbund=forbund, fields=_fields(body))
    return Status(201, _out(employer))


@router.put("/ips/employers/{employer_id}", response={200: EmployerOut, **ERRORS})
def employer_update(
    request: HttpRequest, employer_id: ObjectId, body: EmployerUpdateIn
) -> EmployerOut:
    actor = actor_of(request)
    employer = selectors.employer_get(actor=actor, employer_id=employer_id)
    services.employer_update(
        actor=actor, employer=employer, fields=_fields(body), expected_version=body.version
    )
    return _out(employer)


@router.get("/ips/employers/{employer_id}/contacts", response={200: list[ContactOut], **ERRORS})
def contact_list(request: HttpRequest, employer_id: ObjectId) -> list[ContactOut]:
    actor = actor_of(request)
    employer = selectors.employer_get(actor=actor, employer_id=employer_id)
    rows = selectors.contacts_of_employer(actor=actor, employer=employer)
    shown = selectors.participants_shown(rows)
    if shown:
        list_view_audit(
            actor=actor,
            detail=f"Arbetsgivarkontakter listade (API, arbetsgivare {employer.pk})",
            shown=shown,
        )
    return [_contact_out(row.contact, row.registration_id) for row in rows]


def _contact_out(contact: EmployerContact, registration_id: int | None) -> ContactOut:
    return ContactOut(
        id=contact.pk,
        employer=contact.employer_id,
        coach=contact.coach_id,
        intervention=contact.intervention_id,
        registration=registration_id,
        contacted_on=contact.contacted_on,
        kind=contact.kind,
        purpose=contact.purpose,
        outcome=contact.outcome,
        next_step=contact.next_step,
        next_step_on=contact.next_step_on,
    )


@router.post("/ips/employers/{employer_id}/contacts", response={201: ContactOut, **ERRORS})
def contact_create(
    request: HttpRequest, employer_id: ObjectId, body: ContactIn
) -> Status[ContactOut]:
    actor = actor_of(request)
    fields = contact_services.ContactFields(
        employer_id=employer_id,
        intervention_id=body.intervention,
        contacted_on=body.contacted_on,
        kind=body.kind,
        purpose=body.purpose,
        coach_id=body.coach,
        registration_id=body.registration,
        outcome=body.outcome,
        next_step=body.next_step,
        next_step_on=body.next_step_on,
    )
    contact = contact_services.contact_create(actor=actor, fields=fields)
    return Status(201, _contact_out(contact, contact.registration_id))


@router.get("/ips/job-development", response={200: dict, **ERRORS}, summary="Jobbutveckling")
def job_development(
    request: HttpRequest, query: Query[JobDevelopmentQuery]
) -> JobDevelopmentSummary:
    """``job_development_summary`` of one IPS intervention; suppressed for styrgrupp.
    Default period: the last twelve months."""
    actor = actor_of(request)
    found = selectors.ips_interventions_visible_to(actor, *jd.PAGE_ROLES)
    intervention = next((i for i in found if i.pk == query.intervention), None)
    if intervention is None:
        raise Http404
    today = timezone.localdate()
    start, end = query.start or query.end, query.end or query.start
    if start is None or end is None:  # neither given
        period = Period(today.replace(year=today.year - 1) + datetime.timedelta(days=1), today)
    else:
        period = Period(start, end)
    exact = jd.sees_exact_figures(actor, intervention)
    return jd.job_development_summary(intervention, period, suppress=not exact, today=today)
