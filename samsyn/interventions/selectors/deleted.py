"""The intervention's "Borttaget" page: its budget lines, financing, actual costs and goals
deleted in the last ``RESTORE_DAYS`` days, for those who may restore them (docs/deleting.md)."""

from __future__ import annotations

from dataclasses import dataclass

from samsyn.core.models import RESTORE_DAYS, DeletedRecord, User
from samsyn.core.selectors.deleted import restorable
from samsyn.interventions.models import Intervention
from samsyn.interventions.selectors.money import managed_money_intervention
from samsyn.interventions.services.deleted import SCOPE


@dataclass(frozen=True)
class DeletedPage:
    intervention: Intervention
    entries: list[DeletedRecord]
    restore_days: int


def deleted_page(*, actor: User, intervention_id: int) -> DeletedPage:
    """404 unless the actor manages the intervention's money and goals."""
    intervention = managed_money_intervention(actor=actor, intervention_id=intervention_id)
    entries = list(
        restorable(forbund_id=intervention.forbund_id, scope=SCOPE, scope_id=intervention.pk)
    )
    return DeletedPage(intervention=intervention, entries=entries, restore_days=RESTORE_DAYS)
