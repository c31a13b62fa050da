"""The demo's report schedule (issue #10, item 16): the IPS intervention's quarterly reports
skip the third quarter of 2025 and the following reports are numbered on, as seed 000's
reports do ("Rapport 6. 20230401- 20230630", "Rapport 7. 20231001- 20231231"). The other
demo interventions keep the generated schedule.

Stored as the edited schedule would be (``StoredReportPeriod``), with one audit event by the
seeding actor. Idempotent: an intervention whose schedule is stored is left alone (also when
someone changed it while trying the demo).

The demo's period reports (issue #15, item 9): every report of a period whose due date has
passed is fastställd, except the latest such period's, which is a draft and so shows as
"Försenad"; a period that has ended within the due time has no report and shows as
"Att lämna". Approved by the intervention's demo insatsansvarig, a few weeks after the
period's end, with the snapshot computed as the service would.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import IPS_SLUG, SEED_ACTOR, STEP_SLUG
from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention, StoredReportPeriod
from samsyn.interventions.periods import QUARTER_LABEL, PeriodKind, ReportPeriod
from samsyn.reporting.models import PeriodReport, ReportStatus
from samsyn.reporting.selectors.period_reports import (
    KIND_OF_PERIOD,
    generated_periods,
    report_due_date,
    scheduled_periods,
    steering_group_content,
)

# The quarter without a report (seed 000: the third quarter of 2023).
SKIPPED_QUARTER = datetime.date(2025, 7, 1)


def _schedule_without_the_summer(intervention: Intervention) -> list[StoredReportPeriod]:
    rows: list[StoredReportPeriod] = []
    number = 0
    for period in generated_periods(intervention):
        if period.kind is PeriodKind.QUARTER:
            if period.date_from == SKIPPED_QUARTER:
                continue
            number += 1
            label = str(QUARTER_LABEL) % {
                "number": number,
                "from": period.date_from.isoformat(),
                "to": period.date_to.isoformat(),
            }
        else:
            label = str(period.label)
        rows.append(
            StoredReportPeriod(
                intervention=intervention,
                kind=period.kind.value,
                number=number if period.kind is PeriodKind.QUARTER else period.number,
                label=label,
                date_from=period.date_from,
                date_to=period.date_to,
            )
        )
    return rows


@transaction.atomic
def seed_report_schedule(forbund: Forbund) -> Counter[str]:
    """Store the IPS intervention's edited schedule if it has none; rows created per model."""
    created: Counter[str] = Counter()
    intervention = (
        Intervention.objects.filter(forbund=forbund, slug=IPS_SLUG)
        .select_related("forbund")
        .first()
    )
    if (
        intervention is None
        or StoredReportPeriod.objects.filter(intervention=intervention).exists()
    ):
        return created
    rows = StoredReportPeriod.objects.bulk_create(_schedule_without_the_summer(intervention))
    audit_record(
        actor=None,
        actor_username=SEED_ACTOR,
        action=AuditAction.CREATE,
        forbund=forbund,
        intervention=intervention,
        obj=rows[0],
        detail="Demodata: rapportschema utan tredje kvartalet 2025 (som seed 000)",
    )
    created["storedreportperiod"] += len(rows)
    return created


# The interventions whose past reports the demo approves (they have participants).
REPORTED_INTERVENTIONS = (IPS_SLUG, STEP_SLUG)
# How long after the period's end the demo's reports were approved (within the due time).
APPROVED_AFTER = datetime.timedelta(days=21)
DEMO_NARRATIVE = {
    "observations": "Demodata: fler deltagare har börjat än under förra perioden.",
    "conclusions": "Demodata: insatsen följer planen.",
}


def _approver(forbund: Forbund, intervention: Intervention) -> User | None:
    return (
        User.objects.filter(
            memberships__forbund=forbund,
            memberships__role=Role.INSATSANSVARIG,
            memberships__interventions=intervention,
        )
        .order_by("pk")
        .first()
    )


def _demo_report(
    intervention: Intervention, period: ReportPeriod, approver: User, approve: bool
) -> PeriodReport:
    report = PeriodReport(
        intervention=intervention,
        kind=KIND_OF_PERIOD[period.kind],
        number=period.number,
        title=str(period.label),
        period_from=period.date_from,
        period_to=period.date_to,
        created_by=approver,
        **DEMO_NARRATIVE,
    )
    if approve:
        approved_on = period.date_to + APPROVED_AFTER
        report.snapshot = steering_group_content(report)
        report.status = ReportStatus.APPROVED
        report.approved_by = approver
        report.approved_at = timezone.make_aware(
            datetime.datetime.combine(approved_on, datetime.time(10))
        )
    report.save()
    return report


@transaction.atomic
def seed_period_reports(forbund: Forbund) -> Counter[str]:
    """Approved reports for the past periods of the demo interventions that have none."""
    created: Counter[str] = Counter()
    today = timezone.localdate()
    interventions = Intervention.objects.filter(
        forbund=forbund, slug__in=REPORTED_INTERVENTIONS
    ).select_related("forbund")
    for intervention in interventions.order_by("pk"):
        approver = _approver(forbund, intervention)
        if approver is None or PeriodReport.objects.filter(intervention=intervention).exists():
            continue
        overdue = sorted(
            (p for p in scheduled_periods(intervention) if report_due_date(p.date_to) < today),
            key=lambda p: (p.date_to, p.kind.value),
        )
        if not overdue:
            continue
        reports = [
            _demo_report(intervention, period, approver, approve=period is not overdue[-1])
            for period in overdue
        ]
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.CREATE,
            forbund=forbund,
            intervention=intervention,
            obj=reports[0],
            detail=f"Demodata: {len(reports) - 1} fastställda periodrapporter och ett utkast",
        )
        created["periodreport"] += len(reports)
    return created
