"""Undo the removal of a report period from an intervention's schedule within
``RESTORE_DAYS`` days (docs/deleting.md). Listed on the intervention's Borttaget page (scope
``intervention``) for the förbundsadministratör and the insatsansvarig, who edit the
schedule (``REPORT_MANAGER_ROLES``, the same roles as the intervention's own restorable rows,
so the page checks them once); a period that would now overlap another of its kind, or lie
outside the intervention's dates, is refused with the schedule's own message."""

from __future__ import annotations

from samsyn.core.restorable import RestorableKind, register_kind
from samsyn.interventions.services.deleted import SCOPE, intervention_restorer
from samsyn.reporting.services.report_schedule import report_period_check_restored

# Who edits the schedule is who restores the intervention's rows (test_restoring.py checks
# that the two role lists stay the same); if that ever changes, this kind needs its own rule.


def register_restorable() -> None:
    register_kind(
        RestorableKind(
            "report_period",
            "interventions.storedreportperiod",
            SCOPE,
            intervention_restorer,
            after=report_period_check_restored,
        )
    )
