"""Period reports: create a draft for a scheduled period, write its narrative, approve it
("fastställ") and export it. Create, write and approve: förbundsadministratör of the
förbund and the intervention's insatsansvarig; export: also the förbund's styrgrupp. Everyone
else gets a 404. Every change is audited (create/update), every download too (export).

Approving stores every figure as a snapshot (``steering_group_content``: suppressed under the
förbund's limit, for the period and since the start), so
later registrations do not change an approved report; it can then no longer be edited or
approved again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.versioning import save_versioned
from samsyn.interventions.models import Intervention
from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.documents import DocumentFormat, ExportedDocument, render_document
from samsyn.reporting.documents.common import NARRATIVE_FIELDS
from samsyn.reporting.models import PeriodReport, ReportKind, ReportStatus
from samsyn.reporting.selectors.period_reports import (
    REPORT_MANAGER_ROLES,
    REPORT_VIEWER_ROLES,
    acting_role,
    report_figures,
    scheduled_period,
    steering_group_content,
)

# A section is a few paragraphs for the steering group, not a document of its own.
MAX_SECTION_LENGTH = 10_000
# Why a report is approved early: a sentence. Short enough to be kept whole in the audit
# event's detail (255 characters), where it comes before the title for that reason.
MAX_REASON_LENGTH = 150


@dataclass(frozen=True)
class Narrative:
    observations: str = ""
    focus: str = ""
    causes: str = ""
    conclusions: str = ""
    proposed_actions: str = ""


def _role_or_404(actor: User, intervention: Intervention, *, manage: bool) -> str:
    roles = REPORT_MANAGER_ROLES if manage else REPORT_VIEWER_ROLES
    role = acting_role(actor, intervention, roles)
    if role is None:
        raise Http404
    return role


def _audit(actor: User, role: str, action: AuditAction, report: PeriodReport, detail: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=report.intervention.forbund,
        intervention=report.intervention,
        role=role,
        obj=report,
        detail=detail,
    )


def _refuse_if_approved(report: PeriodReport) -> None:
    if report.is_approved:
        raise ValidationError(
            _("Rapporten är fastställd och kan inte längre ändras."), code="approved"
        )


@transaction.atomic
def period_report_create(
    *,
    actor: User,
    intervention: Intervention,
    kind: str,
    period_from: datetime.date,
    period_to: datetime.date,
) -> PeriodReport:
    """A draft report for one period of the intervention's report schedule."""
    role = _role_or_404(actor, intervention, manage=True)
    scheduled = None
    if kind in ReportKind.values:
        scheduled = scheduled_period(intervention, kind, period_from, period_to)
    if scheduled is None:
        raise ValidationError(
            _("Perioden finns inte i insatsens rapportschema."), code="not_scheduled"
        )
    report = PeriodReport(
        intervention=intervention,
        kind=kind,
        number=scheduled.number,
        title=str(scheduled.label),
        period_from=scheduled.date_from,
        period_to=scheduled.date_to,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(
            _("Det finns redan en rapport för perioden."), code="exists"
        ) from None
    _audit(actor, role, AuditAction.CREATE, report, f"Periodrapport skapad: {report.title}")
    return report


def _clean_narrative(narrative: Narrative) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for name in NARRATIVE_FIELDS:
        text = getattr(narrative, name).replace("\r\n", "\n").strip()
        if len(text) > MAX_SECTION_LENGTH:
            errors[name] = [
                _("Texten får vara högst %(max)s tecken (nu %(length)s).")
                % {"max": MAX_SECTION_LENGTH, "length": len(text)}
            ]
        cleaned[name] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def period_report_update(
    *, actor: User, report: PeriodReport, narrative: Narrative, expected_version: int
) -> PeriodReport:
    """Write the narrative of a draft, if nobody else changed it since the form was shown."""
    role = _role_or_404(actor, report.intervention, manage=True)
    _refuse_if_approved(report)
    cleaned = _clean_narrative(narrative)
    for name, text in cleaned.items():
        setattr(report, name, text)
    # A report approved after this one was read has a newer version: refused as stale.
    save_versioned(report, expected_version=expected_version, fields=list(NARRATIVE_FIELDS))
    _audit(actor, role, AuditAction.UPDATE, report, f"Periodrapport ändrad: {report.title}")
    return report


def _early_reason(report: PeriodReport, reason: str, today: datetime.date) -> str:
    """The early-approval reason to store: required before the period has ended, not
    stored after it (issue #15, item 9: a future report was approved for good by mistake)."""
    if report.period_has_ended(today):
        return ""
    cleaned = reason.replace("\r\n", "\n").strip()
    if not cleaned:
        raise ValidationError(
            _(
                "Perioden slutar %(end)s. Rapporten kan fastställas först efter periodens "
                "slut, eller i förväg om du anger ett skäl."
            )
            % {"end": report.period_to.isoformat()},
            code="early",
        )
    if len(cleaned) > MAX_REASON_LENGTH:
        raise ValidationError(
            _("Skälet får vara högst %(max)s tecken (nu %(length)s).")
            % {"max": MAX_REASON_LENGTH, "length": len(cleaned)},
            code="reason_length",
        )
    return cleaned


@transaction.atomic
def period_report_approve(
    *,
    actor: User,
    report: PeriodReport,
    expected_version: int,
    early_reason: str = "",
    today: datetime.date | None = None,
) -> PeriodReport:
    """Fastställ: freeze every figure as the snapshot and record who approved it when.

    Before the period's last day has passed only with ``early_reason``, which is stored on
    the report and in the audit event."""
    role = _role_or_404(actor, report.intervention, manage=True)
    _refuse_if_approved(report)
    reason = _early_reason(report, early_reason, today or timezone.localdate())
    report.snapshot = steering_group_content(report)
    report.status = ReportStatus.APPROVED
    report.approved_by = actor
    report.approved_at = timezone.now()
    report.early_approval_reason = reason
    save_versioned(
        report,
        expected_version=expected_version,
        fields=["snapshot", "status", "approved_by", "approved_at", "early_approval_reason"],
    )
    detail = f"Periodrapport fastställd: {report.title}"
    if reason:
        detail = (
            f"Periodrapport fastställd före periodens slut {report.period_to.isoformat()}. "
            f"Skäl: {reason}. Rapport: {report.title}"
        )
    _audit(actor, role, AuditAction.UPDATE, report, detail)
    return report


def period_report_export(
    *, actor: User, report: PeriodReport, document_format: str
) -> ExportedDocument:
    """The report as a PDF, DOCX or XLSX file (a draft is marked "UTKAST").

    The figures are read and the export logged in one short transaction; the file is
    rendered after it has committed. A PDF takes seconds to render, and on SQLite an open
    transaction holds the database's one write lock all that time (issue #11)."""
    chosen, content = _export_prepare(actor=actor, report=report, document_format=document_format)
    return render_document(chosen, content, report)


@transaction.atomic
def _export_prepare(
    *, actor: User, report: PeriodReport, document_format: str
) -> tuple[DocumentFormat, ReportContent]:
    role = _role_or_404(actor, report.intervention, manage=False)
    try:
        chosen = DocumentFormat(document_format)
    except ValueError:
        raise Http404 from None
    content = report_figures(report)
    status = "fastställd" if report.is_approved else "utkast"
    _audit(
        actor,
        role,
        AuditAction.EXPORT,
        report,
        f"Periodrapport {chosen.value} ({status}): {report.title}",
    )
    return chosen, content


__all__ = [
    "MAX_REASON_LENGTH",
    "MAX_SECTION_LENGTH",
    "NARRATIVE_FIELDS",
    "Narrative",
    "period_report_approve",
    "period_report_create",
    "period_report_export",
    "period_report_update",
]
