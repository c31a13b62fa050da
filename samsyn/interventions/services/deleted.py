"""Undo a delete of an intervention's budget line, financing, actual cost or goal within
``RESTORE_DAYS`` days (docs/deleting.md). The deleting services call ``remember_deleted``; the
förbundsadministratör and the insatsansvarig (who may change them) restore from the
intervention's "Borttaget" page. Another förbund's or a too old entry is 404."""

from __future__ import annotations

from django.db import models, transaction
from django.http import Http404

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import DeletedRecord, User
from samsyn.core.roles import Role
from samsyn.core.selectors.deleted import restorable_get
from samsyn.core.services.deleted import keep_deleted, put_back
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to

SCOPE = "intervention"
# Who may change an intervention's money and goals, and so restore them (services/money/common.py
# and services/goals.py name the same two roles).
RESTORER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
# The kinds kept for undo and the model each restores into.
KINDS = {
    "budget_line": "interventions.budgetline",
    "financing": "interventions.financing",
    "actual_cost": "interventions.actualcost",
    "goal": "interventions.goal",
}


def remember_deleted(
    *, actor: User, intervention: Intervention, instance: models.Model, kind: str, label: str
) -> DeletedRecord:
    """Keep a row the actor is deleting from the intervention so that it can be restored."""
    return keep_deleted(
        instance=instance,
        forbund=intervention.forbund,
        scope=SCOPE,
        scope_id=intervention.pk,
        kind=kind,
        label=label,
        actor=actor,
    )


def _restorer_role(actor: User, intervention: Intervention) -> str:
    for role in RESTORER_ROLES:
        if interventions_visible_to(actor, role).filter(pk=intervention.pk).exists():
            return role.value
    raise Http404


@transaction.atomic
def deleted_restore(*, actor: User, intervention: Intervention, entry_id: int) -> DeletedRecord:
    """Put a deleted row back; 404 unless the actor may change the intervention's money and
    goals and the entry is the intervention's, of its förbund, and young enough."""
    role = _restorer_role(actor, intervention)
    entry = restorable_get(
        forbund_id=intervention.forbund_id, scope=SCOPE, scope_id=intervention.pk, entry_id=entry_id
    )
    entry = DeletedRecord.objects.select_for_update().get(pk=entry.pk)
    if entry.data.get("model") != KINDS.get(entry.kind):
        raise Http404
    obj = put_back(entry)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        forbund=intervention.forbund,
        intervention=intervention,
        role=role,
        obj=obj,
        detail=f"Återställd efter borttagning: {entry.label}",
    )
    return entry
