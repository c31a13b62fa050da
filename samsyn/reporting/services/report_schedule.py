"""Edit an intervention's report schedule: add a period, move one (change its dates), rename
one, remove one without a report. Förbundsadministratör of the förbund and the
intervention's insatsansvarig; everyone else gets a 404. Every change is audited with the
old and the new period.

The schedule is generated from the intervention's dates until the first change, which stores
the generated schedule (``StoredReportPeriod``) and applies itself to the stored rows
(docs/period-reports.md, "The report schedule"). Refused, with a Swedish message and nothing
changed: an end before the start, a period outside the intervention, a period overlapping
another of the same kind, an empty or too long name, and any change to a period whose report
is fastställd. A draft report of a moved or renamed period follows it.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.versioning import STALE_EDIT_MESSAGE, save_versioned
from samsyn.interventions.models import Intervention, ReportPeriodKind, StoredReportPeriod
from samsyn.interventions.periods import PeriodKind
from samsyn.interventions.services.deleted import remember_deleted
from samsyn.reporting.models import PeriodReport, ReportStatus
from samsyn.reporting.selectors.period_reports import (
    KIND_OF_PERIOD,
    REPORT_MANAGER_ROLES,
    acting_role,
    generated_periods,
)
from samsyn.stats.periods import FIRST_YEAR, LAST_YEAR

MAX_LABEL_LENGTH = 200
# Added periods: the final report is one period, moved or renamed but never added.
ADDABLE_KINDS = (ReportPeriodKind.QUARTER, ReportPeriodKind.YEAR)


def _role_or_404(actor: User, intervention: Intervention) -> str:
    role = acting_role(actor, intervention, REPORT_MANAGER_ROLES)
    if role is None:
        raise Http404
    return role


def _materialise(intervention: Intervention) -> list[StoredReportPeriod]:
    """The stored schedule, storing the generated one first if it has never been edited."""
    # One edit at a time per intervention: the first one stores the generated schedule.
    Intervention.objects.select_for_update().filter(pk=intervention.pk).first()
    rows = list(
        StoredReportPeriod.objects.select_for_update()
        .filter(intervention=intervention)
        .order_by("kind", "date_from")
    )
    if rows:
        return rows
    return StoredReportPeriod.objects.bulk_create(
        StoredReportPeriod(
            intervention=intervention,
            kind=period.kind.value,
            number=period.number,
            label=str(period.label),
            date_from=period.date_from,
            date_to=period.date_to,
        )
        for period in generated_periods(intervention)
    )


def _report_of(intervention: Intervention, row: StoredReportPeriod) -> PeriodReport | None:
    return PeriodReport.objects.filter(
        intervention=intervention,
        kind=KIND_OF_PERIOD[PeriodKind(row.kind)],
        period_from=row.date_from,
        period_to=row.date_to,
    ).first()


def _clean(
    intervention: Intervention,
    rows: list[StoredReportPeriod],
    *,
    kind: str,
    label: str,
    date_from: datetime.date,
    date_to: datetime.date,
    exclude: StoredReportPeriod | None,
) -> str:
    errors: dict[str, list[str]] = {}
    label = label.strip()
    if not label:
        errors["label"] = [_("Ange periodens namn.")]
    elif len(label) > MAX_LABEL_LENGTH:
        errors["label"] = [_("Namnet får vara högst %(max)s tecken.") % {"max": MAX_LABEL_LENGTH}]
    if date_to < date_from:
        errors["date_to"] = [_("Periodens slutdatum kan inte vara före startdatumet.")]
    elif not (date_from.year >= FIRST_YEAR and date_to.year <= LAST_YEAR):
        errors["date_from"] = [_("Perioden ligger utanför åren som rapporter gäller.")]
    elif date_from < intervention.start_date or (
        intervention.end_date is not None and date_to > intervention.end_date
    ):
        errors["date_from"] = [
            _("Perioden måste ligga inom insatsens tid (%(start)s–%(end)s).")
            % {
                "start": intervention.start_date.isoformat(),
                "end": intervention.end_date.isoformat() if intervention.end_date else "",
            }
        ]
    else:
        for other in rows:
            if other is exclude or other.pk == getattr(exclude, "pk", None):
                continue
            if other.kind == kind and other.date_from <= date_to and date_from <= other.date_to:
                errors["date_from"] = [_("Perioden överlappar %(other)s.") % {"other": other.label}]
                break
    if errors:
        raise ValidationError(errors)
    return label


def _audit(
    actor: User,
    role: str,
    action: AuditAction,
    intervention: Intervention,
    row: StoredReportPeriod,
    detail: str,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=intervention.forbund,
        intervention=intervention,
        role=role,
        obj=row,
        detail=detail,
    )


def _describe(label: str, date_from: datetime.date, date_to: datetime.date) -> str:
    return f"{label} ({date_from.isoformat()}–{date_to.isoformat()})"


@transaction.atomic
def report_period_add(
    *,
    actor: User,
    intervention: Intervention,
    kind: str,
    label: str,
    date_from: datetime.date,
    date_to: datetime.date,
) -> StoredReportPeriod:
    """A new quarterly or yearly period, numbered after the last of its kind."""
    role = _role_or_404(actor, intervention)
    if kind not in ADDABLE_KINDS:
        raise ValidationError({"kind": [_("Välj kvartalsrapport eller årsrapport.")]})
    rows = _materialise(intervention)
    label = _clean(
        intervention,
        rows,
        kind=kind,
        label=label,
        date_from=date_from,
        date_to=date_to,
        exclude=None,
    )
    number = max((row.number for row in rows if row.kind == kind), default=0) + 1
    row = StoredReportPeriod.objects.create(
        intervention=intervention,
        kind=kind,
        number=number,
        label=label,
        date_from=date_from,
        date_to=date_to,
    )
    _audit(
        actor,
        role,
        AuditAction.CREATE,
        intervention,
        row,
        f"Rapportperiod tillagd: {_describe(label, date_from, date_to)}",
    )
    return row


@transaction.atomic
def report_period_change(
    *,
    actor: User,
    intervention: Intervention,
    kind: str,
    number: int,
    label: str,
    date_from: datetime.date,
    date_to: datetime.date,
    expected_version: int,
) -> StoredReportPeriod:
    """Move (new dates) and/or rename the period ``kind`` ``number`` of the schedule."""
    role = _role_or_404(actor, intervention)
    rows = _materialise(intervention)
    row = next((r for r in rows if r.kind == kind and r.number == number), None)
    if row is None:
        raise Http404
    report = _report_of(intervention, row)
    if report is not None and report.status == ReportStatus.APPROVED:
        raise ValidationError(
            _("Rapporten för perioden är fastställd. Perioden kan inte längre ändras."),
            code="approved",
        )
    label = _clean(
        intervention,
        rows,
        kind=kind,
        label=label,
        date_from=date_from,
        date_to=date_to,
        exclude=row,
    )
    before = _describe(row.label, row.date_from, row.date_to)
    row.label, row.date_from, row.date_to = label, date_from, date_to
    save_versioned(row, expected_version=expected_version, fields=["label", "date_from", "date_to"])
    if report is not None:  # a draft follows its period
        report.title, report.period_from, report.period_to = label, date_from, date_to
        report.save(update_fields=["title", "period_from", "period_to"])
    _audit(
        actor,
        role,
        AuditAction.UPDATE,
        intervention,
        row,
        f"Rapportperiod ändrad från {before} till {_describe(label, date_from, date_to)}",
    )
    return row


@transaction.atomic
def report_period_remove(
    *, actor: User, intervention: Intervention, kind: str, number: int, expected_version: int
) -> None:
    """Take a period out of the schedule (seed 000 has no report for 2023's third quarter).
    Refused when the period has a report, a draft or fastställd, or is the final report."""
    role = _role_or_404(actor, intervention)
    rows = _materialise(intervention)
    row = next((r for r in rows if r.kind == kind and r.number == number), None)
    if row is None:
        raise Http404
    if row.kind == ReportPeriodKind.FINAL:
        raise ValidationError(_("Slutrapportens period kan flyttas men inte tas bort."))
    if _report_of(intervention, row) is not None:
        raise ValidationError(
            _("Perioden har en rapport och kan inte tas bort."), code="has_report"
        )
    if row.version != expected_version:
        raise ValidationError(STALE_EDIT_MESSAGE, code="stale")
    _audit(
        actor,
        role,
        AuditAction.DELETE,
        intervention,
        row,
        f"Rapportperiod borttagen: {_describe(row.label, row.date_from, row.date_to)}",
    )
    label = _("Rapportperiod %(label)s (%(start)s–%(end)s)") % {
        "label": row.label,
        "start": row.date_from.isoformat(),
        "end": row.date_to.isoformat(),
    }
    remember_deleted(
        actor=actor, intervention=intervention, instance=row, kind="report_period", label=label
    )
    row.delete()


def report_period_check_restored(row: StoredReportPeriod) -> None:
    """A period put back from Borttaget follows the rules of an added one: inside the
    intervention, overlapping no other period of its kind (refused in Swedish otherwise)."""
    intervention = row.intervention
    rows = list(StoredReportPeriod.objects.select_for_update().filter(intervention=intervention))
    _clean(
        intervention,
        rows,
        kind=row.kind,
        label=row.label,
        date_from=row.date_from,
        date_to=row.date_to,
        exclude=row,
    )


__all__ = [
    "ADDABLE_KINDS",
    "MAX_LABEL_LENGTH",
    "report_period_add",
    "report_period_change",
    "report_period_remove",
]
