"""Applications and calls in the JSON API (/api/v1/applications/…). The same selectors and
services as the pages: 404 outside scope, 422 with Swedish field errors, 409 for a stale
``version``. See docs/applications.md."""

from __future__ import annotations

from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Field as NinjaField
from ninja import Query, Router, Schema

from samsyn.applications.api import schemas as s
from samsyn.applications.models import Application, ApplicationKind, ApplicationStatus
from samsyn.applications.selectors import applications as selectors
from samsyn.applications.selectors.applications import ApplicationFilters
from samsyn.applications.selectors.calls import call_list
from samsyn.applications.services import application_parts as parts
from samsyn.applications.services import applications as services
from samsyn.applications.services.calls import call_is_open
from samsyn.participants.api.common import ObjectId, actor_of
from samsyn.participants.api.schemas import ErrorOut, InvalidOut

router = Router(tags=["Ansökningar"])
BASE = "/applications"
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut}


class ListFilters(Schema):
    status: ApplicationStatus | None = None
    kind: ApplicationKind | None = None
    call: Annotated[int, NinjaField(ge=1, le=2_147_483_647)] | None = None
    year: Annotated[int, NinjaField(ge=2000, le=2100)] | None = None


@router.get(
    f"{BASE}/calls/",
    response=list[s.CallOut],
    summary="Utlysningar",
    description="The förbund's calls: all for its staff, the published ones for applicants.",
    operation_id="samsyn_applications_api_calls_list",
)
def calls_list(request: HttpRequest) -> list[s.CallOut]:
    return [
        s.CallOut(
            id=call.pk,
            title=call.title,
            funds=call.funds,
            criteria=call.criteria,
            form_instructions=call.form_instructions,
            opens_on=call.opens_on,
            deadline=call.deadline,
            total_amount=call.total_amount,
            is_published=call.is_published,
            is_open=call_is_open(call),
        )
        for call in call_list(actor=actor_of(request))
    ]


def _summary_out(application: Application, total: Any, forbund: Any) -> dict[str, Any]:
    return {
        "id": application.pk,
        "version": application.version,
        "name": application.name,
        "kind": application.kind,
        "status": application.status,
        "call_id": application.call_id,
        "applicant_party_id": application.applicant_party_id,
        "applicant_party": application.applicant_party.name,
        "submitted_on": application.submitted_on,
        "total_amount": total,
        "forbund_amount": forbund,
    }


@router.get(
    f"{BASE}/",
    response=list[s.ApplicationSummaryOut],
    summary="Ansökningar",
    description="Applicants: their party's applications; the förbund's staff: all of the "
    "förbund's; styrgrupp: the decided ones. Filters by status, kind, call and budget year.",
    operation_id="samsyn_applications_api_list",
)
def application_list(
    request: HttpRequest, filters: Query[ListFilters]
) -> list[s.ApplicationSummaryOut]:
    chosen = ApplicationFilters(
        status=filters.status or "",
        kind=filters.kind or "",
        call_id=filters.call,
        year=filters.year,
    )
    rows = selectors.application_list(actor=actor_of(request), filters=chosen)
    return [
        s.ApplicationSummaryOut(**_summary_out(a, a.total_amount, a.forbund_amount))  # type: ignore[attr-defined]
        for a in rows
    ]


def _detail(request: HttpRequest, application_id: int) -> s.ApplicationOut:
    page = selectors.application_page(actor=actor_of(request), application_id=application_id)
    a = page.application
    total = page.summary.total
    return s.ApplicationOut(
        **_summary_out(a, total.total if total else 0, total.forbund if total else 0),
        **{n: getattr(a, n) for n in services.SECTION_FIELDS if n not in ("call", "name")},
        partner_party_ids=[p.pk for p in a.partner_parties.all()],
        budget_lines=[
            s.BudgetLineOut.model_validate(line, from_attributes=True)
            for line in a.budget_lines.all()
        ],
        years=[
            s.YearIn(year=y.year, planned_participants=y.planned_participants)
            for y in a.years.all()
        ],
        summary=[s.SummaryRowOut(**vars(row)) for row in page.summary.rows],
        missing=page.missing,
        can_write=page.can_write,
    )


@router.get(
    f"{BASE}/{{application_id}}",
    response={200: s.ApplicationOut, 404: ErrorOut},
    summary="Läs en ansökan",
    description="The application with its budget lines and seed 003's budget summary.",
    operation_id="samsyn_applications_api_detail",
)
def application_detail(request: HttpRequest, application_id: ObjectId) -> s.ApplicationOut:
    return _detail(request, application_id)


def _fields(payload: s.SectionsIn) -> services.ApplicationFields:
    data = payload.dict(include=set(services.ApplicationFields.__dataclass_fields__))
    data["methods"] = tuple(str(m) for m in data.get("methods") or ())
    data["partner_party_ids"] = tuple(data.get("partner_party_ids") or ())
    data["orientation"] = str(data["orientation"])
    return services.ApplicationFields(**data)


@router.post(
    f"{BASE}/",
    response={201: s.ApplicationOut, **WRITE_ERRORS},
    summary="Påbörja en ansökan",
    description="A draft for the caller's party (a membership with the 'sökande' right).",
    operation_id="samsyn_applications_api_create",
)
def application_create(
    request: HttpRequest, payload: s.ApplicationCreateIn
) -> tuple[int, s.ApplicationOut]:
    application = services.application_create(
        actor=actor_of(request), fields=_fields(payload), party_id=payload.party_id
    )
    return 201, _detail(request, application.pk)


def _line(line: s.BudgetLineIn) -> parts.BudgetLineFields:
    data = line.dict()
    data["category"] = str(data["category"])
    return parts.BudgetLineFields(**data)


def _goal(goal: s.GoalIn) -> parts.GoalFields:
    data = goal.dict()
    data["comparison"], data["gender"] = str(data["comparison"]), str(data["gender"])
    return parts.GoalFields(**data)


@router.put(
    f"{BASE}/{{application_id}}",
    response={200: s.ApplicationOut, **WRITE_ERRORS},
    summary="Spara ett utkast",
    description="Saves the sections; `budget_lines`, `years` and `goals` replace the whole "
    "list when given. Each budget line must add up (funder columns = total) and its "
    "co-financing may not exceed 100 %.",
    operation_id="samsyn_applications_api_update",
)
def application_update(
    request: HttpRequest, application_id: ObjectId, payload: s.ApplicationUpdateIn
) -> s.ApplicationOut:
    actor = actor_of(request)
    with transaction.atomic():
        application = services.application_update(
            actor=actor,
            application_id=application_id,
            expected_version=payload.version,
            fields=_fields(payload),
        )
        parts.parts_replace(
            application=application,
            budget_lines=None
            if payload.budget_lines is None
            else [_line(line) for line in payload.budget_lines],
            years=None
            if payload.years is None
            else {y.year: y.planned_participants for y in payload.years},
            goals=None if payload.goals is None else [_goal(goal) for goal in payload.goals],
        )
    return _detail(request, application_id)


@router.post(
    f"{BASE}/{{application_id}}/submit",
    response={200: s.ApplicationOut, **WRITE_ERRORS},
    summary="Skicka in en ansökan",
    description="Refused (422) with every missing thing listed per section.",
    operation_id="samsyn_applications_api_submit",
)
def application_submit(
    request: HttpRequest, application_id: ObjectId, payload: s.ApplicationVersionIn
) -> s.ApplicationOut:
    services.application_submit(
        actor=actor_of(request), application_id=application_id, expected_version=payload.version
    )
    return _detail(request, application_id)
