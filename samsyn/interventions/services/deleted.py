"""Undo a delete from an intervention within ``RESTORE_DAYS`` days (docs/deleting.md).

The deleting services call ``remember_deleted``; the kinds kept and who may restore them (the
förbundsadministratör and the insatsansvarig, who may change an intervention's money, goals,
trainings and implementation plan) are registered with core (``samsyn.core.restorable``) by
``register_restorable`` in ``InterventionsConfig.ready``. The förbund-level administration
costs and förbund income are listed on the förbund's page (scope ``forbund``), for its
administrators. Core's ``deleted_restore`` puts a row back and writes the audit event.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from samsyn.core.models import DeletedRecord, Forbund, User
from samsyn.core.restorable import (
    Place,
    RestorableKind,
    Restorer,
    RestoreScope,
    register_kind,
    register_scope,
)
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.core.services.deleted import keep_deleted
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to

SCOPE = "intervention"
FORBUND_SCOPE = "forbund"
# Who may change an intervention's money, goals, trainings and implementation plan, and so
# restore them (services/money/common.py, services/goals.py, services/trainings.py).
RESTORER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
# The kinds kept for undo on the intervention's page and the model each restores into.
KINDS = {
    "budget_line": "interventions.budgetline",
    "financing": "interventions.financing",
    "actual_cost": "interventions.actualcost",
    "goal": "interventions.goal",
    "annual_plan": "interventions.annualplan",
    "training_attendance": "interventions.trainingattendance",
    "implementation_item": "interventions.implementationitem",
}
# The förbund's own rows, on the förbund's page.
FORBUND_KINDS = {
    "administration_cost": "interventions.administrationcost",
    "forbund_income": "interventions.forbundincome",
}


def remember_deleted(
    *,
    actor: User,
    intervention: Intervention,
    instance: models.Model,
    kind: str,
    label: str,
    also: Sequence[models.Model] = (),
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
        also=also,
    )


def remember_forbund_deleted(
    *,
    actor: User,
    forbund: Forbund,
    instance: models.Model,
    kind: str,
    label: str,
    children: Sequence[models.Model] = (),
) -> DeletedRecord:
    """Keep a förbund-level row (administration cost, förbund income) the actor deletes."""
    return keep_deleted(
        instance=instance,
        forbund=forbund,
        scope=FORBUND_SCOPE,
        scope_id=forbund.pk,
        kind=kind,
        label=label,
        actor=actor,
        children=children,
    )


def _intervention_place(actor: User, intervention_id: int) -> Place:
    intervention = (
        interventions_visible_to(actor, *RESTORER_ROLES).filter(pk=intervention_id).first()
    )
    if intervention is None:
        raise Http404
    pk = intervention.pk
    links = [
        (_("Ekonomi"), reverse("interventions:money", args=[pk])),
        (_("Mål"), reverse("interventions:goals", args=[pk])),
        (_("Utbildningar"), reverse("interventions:trainings", args=[pk])),
        (_("Implementeringsplan"), reverse("interventions:implementation", args=[pk])),
    ]
    return Place(title=intervention.name, forbund_id=intervention.forbund_id, links=links)


def intervention_restorer(actor: User, intervention_id: int) -> Restorer:
    """The role in which the actor changes the intervention (förbundsadministratör first);
    404 for everyone else. No row lock: the Borttaget page asks this too."""
    for role in RESTORER_ROLES:
        found = (
            interventions_visible_to(actor, role)
            .select_related("forbund")
            .filter(pk=intervention_id)
            .first()
        )
        if found is not None:
            return Restorer(role=role.value, intervention=found)
    raise Http404


def _forbund_place(actor: User, forbund_id: int) -> Place:
    forbund = forbunds_administered_by(actor).filter(pk=forbund_id).first()
    if forbund is None:
        raise Http404
    links = [
        (_("Administrationskostnader"), reverse("interventions:money_administration")),
        (_("Förbundets intäkter"), reverse("applications:forbund_income")),
    ]
    return Place(title=forbund.name, forbund_id=forbund.pk, links=links)


def forbund_restorer(actor: User, forbund_id: int) -> Restorer:
    """The förbund's administrators restore its own rows; 404 for everyone else."""
    if not forbunds_administered_by(actor).filter(pk=forbund_id).exists():
        raise Http404
    return Restorer(role=Role.FORBUNDSADMIN.value)


def register_restorable() -> None:
    register_scope(RestoreScope(SCOPE, _intervention_place))
    for kind, model in KINDS.items():
        register_kind(RestorableKind(kind, model, SCOPE, intervention_restorer))
    register_scope(RestoreScope(FORBUND_SCOPE, _forbund_place))
    for kind, model in FORBUND_KINDS.items():
        register_kind(RestorableKind(kind, model, FORBUND_SCOPE, forbund_restorer))
