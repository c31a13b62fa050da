"""Decisions and deviation reports in the JSON API (/api/v1/applications/…). The same
selectors and services as the pages: 404 outside scope, 422 with Swedish field errors, 409
for a decided application or a stale ``version``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from samsyn.applications.api import schemas_decisions as s
from samsyn.applications.models import Decision, DeviationReport
from samsyn.applications.selectors.decisions import (
    decision_get,
    decision_list,
    staff_application_get,
)
from samsyn.applications.selectors.deviations import deviation_get, deviation_list, may_respond
from samsyn.applications.services.changes import changeable_intervention
from samsyn.applications.services.decisions import DecisionFields, decision_record
from samsyn.applications.services.deviations import (
    DeviationFields,
    ResponseFields,
    deviation_report_create,
    deviation_respond,
)
from samsyn.core.web.http import not_found_unless
from samsyn.participants.api.common import ObjectId, actor_of, conflicts
from samsyn.participants.api.schemas import ErrorOut, InvalidOut

router = Router(tags=["Ansökningar och beslut"])
BASE = "/applications"
READ_ERRORS = {404: ErrorOut}
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut}


def _decision_out(decision: Decision) -> s.FundingDecisionOut:
    application = decision.application
    return s.FundingDecisionOut(
        id=decision.pk,
        application_id=application.pk,
        application_name=application.name,
        application_kind=application.kind,
        intervention_id=application.intervention_id,
        body=decision.body,
        decided_on=decision.decided_on,
        paragraph=decision.paragraph,
        outcome=decision.outcome,
        conditions=decision.conditions,
        motivation=decision.motivation,
        has_minutes=bool(decision.minutes),
        years=[
            s.GrantedYearOut(year=year.year, granted_amount=year.granted_amount)
            for year in decision.years.all()
        ],
    )


def _deviation_out(report: DeviationReport) -> s.DeviationReportOut:
    return s.DeviationReportOut(
        id=report.pk,
        version=report.version,
        intervention_id=report.intervention_id,
        intervention_name=report.intervention.name,
        reported_on=report.reported_on,
        title=report.title,
        description=report.description,
        proposed_action=report.proposed_action,
        status=report.status,
        response=report.response,
        follow_up_application_id=report.follow_up_application_id,
    )


@router.get(
    BASE + "/decisions",
    response={200: list[s.FundingDecisionOut], **READ_ERRORS},
    summary="Beslut om ansökningar",
    description="Decisions the caller may read (staff, styrgrupp, the applicant's own); "
    "no beredning notes.",
    operation_id="samsyn_applications_api_decision_list",
)
def decisions_list(request: HttpRequest) -> list[s.FundingDecisionOut]:
    decisions = decision_list(actor=actor_of(request)).prefetch_related("years")
    return [_decision_out(decision) for decision in decisions]


@router.get(
    BASE + "/decisions/{decision_id}",
    response={200: s.FundingDecisionOut, **READ_ERRORS},
    summary="Ett beslut",
    operation_id="samsyn_applications_api_decision_detail",
)
def decisions_detail(request: HttpRequest, decision_id: ObjectId) -> s.FundingDecisionOut:
    return _decision_out(decision_get(actor=actor_of(request), decision_id=decision_id))


@router.post(
    BASE + "/{application_id}/decision",
    response={201: s.FundingDecisionOut, **WRITE_ERRORS},
    summary="Registrera beslut",
    description="The förbund's staff record the decision. A granted new application becomes "
    "its intervention; a granted change or continuation changes it. Final: 409 when decided.",
    operation_id="samsyn_applications_api_decision_record",
)
def decisions_record(
    request: HttpRequest, application_id: ObjectId, payload: s.FundingDecisionIn
) -> Status[s.FundingDecisionOut]:
    actor = actor_of(request)
    application = staff_application_get(actor=actor, application_id=application_id)
    years = {row.year: row.granted_amount for row in payload.years}
    with conflicts("decided", "state"):
        decision = decision_record(
            actor=actor,
            application=application,
            fields=DecisionFields(
                body=payload.body.value,
                decided_on=payload.decided_on,
                paragraph=payload.paragraph,
                outcome=payload.outcome.value,
                conditions=payload.conditions,
                motivation=payload.motivation,
                years=years,
                confirm_over_request=payload.confirm_over_request,
            ),
        )
    return Status(201, _decision_out(decision_get(actor=actor, decision_id=decision.pk)))


@router.get(
    BASE + "/deviations",
    response={200: list[s.DeviationReportOut], **READ_ERRORS},
    summary="Avvikelserapporter",
    description="Staff: all of the förbund; insatsansvarig and applicants: their "
    "interventions'. Open reports first.",
    operation_id="samsyn_applications_api_deviation_list",
)
def deviations_list(request: HttpRequest) -> list[s.DeviationReportOut]:
    return [_deviation_out(report) for report in deviation_list(actor=actor_of(request))]


@router.post(
    BASE + "/deviations",
    response={201: s.DeviationReportOut, **WRITE_ERRORS},
    summary="Rapportera en avvikelse",
    operation_id="samsyn_applications_api_deviation_create",
)
def deviations_create(
    request: HttpRequest, payload: s.DeviationReportIn
) -> Status[s.DeviationReportOut]:
    actor = actor_of(request)
    intervention = changeable_intervention(actor=actor, intervention_id=payload.intervention_id)
    report = deviation_report_create(
        actor=actor,
        intervention=intervention,
        fields=DeviationFields(
            title=payload.title,
            description=payload.description,
            proposed_action=payload.proposed_action,
            reported_on=payload.reported_on,
        ),
    )
    return Status(201, _deviation_out(report))


@router.post(
    BASE + "/deviations/{deviation_id}/response",
    response={200: s.DeviationReportOut, **WRITE_ERRORS},
    summary="Svara på en avvikelserapport",
    description="The förbund's staff acknowledge, mark it for decision or close it.",
    operation_id="samsyn_applications_api_deviation_respond",
)
def deviations_respond(
    request: HttpRequest, deviation_id: ObjectId, payload: s.DeviationReportResponseIn
) -> s.DeviationReportOut:
    actor = actor_of(request)
    report = deviation_get(actor=actor, report_id=deviation_id)
    not_found_unless(may_respond(actor, report))
    report = deviation_respond(
        actor=actor,
        report=report,
        expected_version=payload.version,
        fields=ResponseFields(
            status=payload.status.value,
            response=payload.response,
            follow_up_application_id=payload.follow_up_application_id,
        ),
    )
    return _deviation_out(report)
