"""The demo's report schedule (issue #10, item 16): the IPS intervention's quarterly reports
skip the third quarter of 2025 and the following reports are numbered on, as seed 000's
reports do ("Rapport 6. 20230401- 20230630", "Rapport 7. 20231001- 20231231"). The other
demo interventions keep the generated schedule.

Stored as the edited schedule would be (``StoredReportPeriod``), with one audit event by the
seeding actor. Idempotent: an intervention whose schedule is stored is left alone (also when
someone changed it while trying the demo).
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import IPS_SLUG, SEED_ACTOR
from samsyn.core.models import Forbund
from samsyn.interventions.models import Intervention, StoredReportPeriod
from samsyn.interventions.periods import QUARTER_LABEL, PeriodKind
from samsyn.reporting.selectors.period_reports import generated_periods

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
