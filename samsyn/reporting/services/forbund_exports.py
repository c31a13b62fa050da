"""The audit event every download of a förbund report writes (the overview, the
Deltagarrapport, the Insatsrapport, the Kostnadsrapport and the Uppföljning Finsam export)."""

from __future__ import annotations

from django.db import transaction

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.services.events import audit_record
from samsyn.reporting.forms.forbund import FileFormat
from samsyn.reporting.selectors.forbund import ForbundAccess


@transaction.atomic
def forbund_report_export_record(
    *, access: ForbundAccess, report_name: str, period_text: str, file_format: FileFormat
) -> AuditEvent:
    """The audit event of one download of a förbund report (who, role, which report, period,
    format, and whether the figures were suppressed)."""
    suppressed = "undertryckta" if access.suppress else "exakta"
    return audit_record(
        actor=access.actor,
        action=AuditAction.EXPORT,
        forbund=access.forbund,
        role=access.role,
        detail=f"{report_name} {period_text} {file_format.value} ({suppressed} antal)",
    )


__all__ = ["forbund_report_export_record"]
