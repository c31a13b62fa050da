"""Deviation reports (avvikelserapporter): "Viktiga förändringar i insatsen ska
avvikelserapporteras i särskild ordning" (seed 003).

The insatsansvarig of an intervention, or an applicant of its owner party, reports; the
förbund's staff acknowledge with a response, may mark that it goes to a decision and link
the change application that follows it. Every step is audited.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.applications.models import (
    Application,
    ApplicationKind,
    DeviationReport,
    DeviationStatus,
)
from samsyn.applications.selectors.access import is_staff_of
from samsyn.applications.services.changes import changeable_intervention
from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.versioning import save_versioned
from samsyn.interventions.models import Intervention

MAX_TITLE = 200
MAX_TEXT = 10000
REPORTER_ROLE = "insatsansvarig_eller_sokande"
# What the förbund's response may set.
RESPONSE_STATUSES = (
    DeviationStatus.ACKNOWLEDGED,
    DeviationStatus.LED_TO_DECISION,
    DeviationStatus.CLOSED,
)


@dataclass(frozen=True)
class DeviationFields:
    title: str
    description: str
    proposed_action: str = ""
    reported_on: datetime.date | None = None


@dataclass(frozen=True)
class ResponseFields:
    status: str
    response: str
    follow_up_application_id: int | None = None


def _audit(
    actor: User, role: str, action: AuditAction, report: DeviationReport, detail: str
) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=report.intervention.forbund,
        intervention=report.intervention,
        role=role,
        obj=report,
        detail=detail[:255],
    )


def _text(
    errors: dict[str, list[str]], name: str, value: str, *, limit: int, required: bool
) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[name] = [_("Fältet måste fyllas i.")]
    elif len(value) > limit:
        errors[name] = [_("Texten är för lång (högst %(limit)d tecken).") % {"limit": limit}]
    return value


@transaction.atomic
def deviation_report_create(
    *, actor: User, intervention: Intervention, fields: DeviationFields
) -> DeviationReport:
    intervention = changeable_intervention(actor=actor, intervention_id=intervention.pk)
    errors: dict[str, list[str]] = {}
    title = _text(errors, "title", fields.title, limit=MAX_TITLE, required=True)
    description = _text(errors, "description", fields.description, limit=MAX_TEXT, required=True)
    proposed = _text(
        errors, "proposed_action", fields.proposed_action, limit=MAX_TEXT, required=False
    )
    reported_on = fields.reported_on or timezone.localdate()
    if reported_on > timezone.localdate():
        errors["reported_on"] = [_("Datumet kan inte ligga i framtiden.")]
    if errors:
        raise ValidationError(errors)
    report = DeviationReport.objects.create(
        intervention=intervention,
        reported_on=reported_on,
        title=title,
        description=description,
        proposed_action=proposed,
        reported_by=actor,
    )
    _audit(actor, REPORTER_ROLE, AuditAction.CREATE, report, f"Avvikelse rapporterad: {title}")
    return report


def _follow_up(report: DeviationReport, application_id: int | None) -> Application | None:
    if application_id is None:
        return None
    found = Application.objects.filter(
        pk=application_id,
        intervention_id=report.intervention_id,
        kind__in=(ApplicationKind.CHANGE, ApplicationKind.CONTINUATION),
    ).first()
    if found is None:
        raise ValidationError(
            {
                "follow_up_application_id": [
                    _("Välj en ansökan om ändring eller fortsättning för samma insats.")
                ]
            }
        )
    return found


@transaction.atomic
def deviation_respond(
    *, actor: User, report: DeviationReport, expected_version: int, fields: ResponseFields
) -> DeviationReport:
    """The förbund acknowledges: a response, a status and perhaps the change application."""
    if not is_staff_of(actor, report.intervention.forbund_id):
        raise Http404
    errors: dict[str, list[str]] = {}
    if fields.status not in RESPONSE_STATUSES:
        errors["status"] = [_("Välj kvitterad, går till beslut eller avslutad.")]
    response = _text(errors, "response", fields.response, limit=MAX_TEXT, required=True)
    if errors:
        raise ValidationError(errors)
    follow_up = _follow_up(report, fields.follow_up_application_id)
    report.status = fields.status
    report.response = response
    changed = ["status", "response"]
    if follow_up is not None:
        report.follow_up_application = follow_up
        changed.append("follow_up_application")
    save_versioned(report, expected_version=expected_version, fields=changed)
    _audit(
        actor,
        Role.FORBUNDSADMIN.value,
        AuditAction.UPDATE,
        report,
        f"Avvikelse besvarad: {report.status}"
        + (f", ansökan {follow_up.pk}" if follow_up is not None else ""),
    )
    return report
