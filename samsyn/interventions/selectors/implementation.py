"""Reads of an intervention's implementation plan, each starting from interventions_visible_to.

The förbundsadministratör and the intervention's insatsansvarig manage the plan; the
styrgrupp sees it (the plan is about the organisation, not about participants); everyone
else gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404

from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.models import ImplementationItem, ImplementationStatus, Intervention
from samsyn.interventions.scoping import interventions_visible_to

PLAN_MANAGER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
PLAN_VIEWER_ROLES = (*PLAN_MANAGER_ROLES, Role.STYRGRUPP)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class ImplementationPage:
    intervention: Intervention
    items: list[ImplementationItem]
    status_counts: list[StatusCount]
    can_manage: bool

    @property
    def total(self) -> int:
        return len(self.items)


def plan_intervention(*, actor: User, intervention_id: int) -> Intervention:
    visible = interventions_visible_to(actor, *PLAN_VIEWER_ROLES).select_related("forbund")
    return get_object_or_404(visible, pk=intervention_id)


def managed_plan_intervention(*, actor: User, intervention_id: int) -> Intervention:
    managed = interventions_visible_to(actor, *PLAN_MANAGER_ROLES).select_related("forbund")
    return get_object_or_404(managed, pk=intervention_id)


def plan_role(actor: User, intervention: Intervention) -> str:
    """The role the actor sees the plan in (for the audit log); 404 without one."""
    for role in PLAN_VIEWER_ROLES:
        if interventions_visible_to(actor, role).filter(pk=intervention.pk).exists():
            return role.value
    raise Http404


def _status_counts(intervention: Intervention) -> list[StatusCount]:
    rows = (
        ImplementationItem.objects.filter(intervention=intervention)
        .order_by()
        .values("status")
        .annotate(count=Count("id"))
    )
    counts = {row["status"]: row["count"] for row in rows}
    return [
        StatusCount(status, str(label), counts.get(status, 0))
        for status, label in ImplementationStatus.choices
    ]


def implementation_page(*, actor: User, intervention_id: int) -> ImplementationPage:
    """The plan's items in their order with the number per status; constant queries."""
    intervention = plan_intervention(actor=actor, intervention_id=intervention_id)
    items = list(
        ImplementationItem.objects.filter(intervention=intervention)
        .select_related("responsible_party")
        .order_by("order", "id")
    )
    managed = interventions_visible_to(actor, *PLAN_MANAGER_ROLES)
    return ImplementationPage(
        intervention=intervention,
        items=items,
        status_counts=_status_counts(intervention),
        can_manage=managed.filter(pk=intervention.pk).exists(),
    )


def managed_item_get(*, actor: User, intervention_id: int, item_id: int) -> ImplementationItem:
    intervention = managed_plan_intervention(actor=actor, intervention_id=intervention_id)
    items = ImplementationItem.objects.filter(intervention=intervention)
    item = get_object_or_404(items.select_related("responsible_party"), pk=item_id)
    item.intervention = intervention
    return item


def plan_item_get(*, actor: User, intervention_id: int, item_id: int) -> ImplementationItem:
    """An item of a plan the actor may see (for downloading its evidence); 404 else."""
    intervention = plan_intervention(actor=actor, intervention_id=intervention_id)
    item = get_object_or_404(
        ImplementationItem.objects.filter(intervention=intervention), pk=item_id
    )
    item.intervention = intervention
    return item


__all__ = [
    "PLAN_MANAGER_ROLES",
    "PLAN_VIEWER_ROLES",
    "ImplementationPage",
    "implementation_page",
    "managed_item_get",
    "managed_plan_intervention",
    "plan_intervention",
    "plan_item_get",
    "plan_role",
]
