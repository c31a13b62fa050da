"""Reads of an intervention's structure pages (phases, ladder steps, indicators, places per
municipality, activity types), for the förbundsadministratör only (404 for anyone else)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from samsyn.core.models import User
from samsyn.interventions.models import ActivityType, Capacity, Intervention
from samsyn.interventions.selectors.manage import require_managed
from samsyn.interventions.structure import StructureItem, StructureSpec, in_use_condition, items_of


def structure_item_list(*, actor: User, intervention: Intervention, spec: StructureSpec) -> list:
    require_managed(actor, intervention)
    return list(items_of(spec, intervention.pk).annotate(in_use=in_use_condition(spec)))


def structure_item_get(
    *, actor: User, intervention: Intervention, spec: StructureSpec, item_id: int
) -> StructureItem:
    require_managed(actor, intervention)
    items = items_of(spec, intervention.pk).select_related("intervention__forbund")
    return get_object_or_404(items, pk=item_id)


def capacity_list(*, actor: User, intervention: Intervention) -> list[Capacity]:
    require_managed(actor, intervention)
    return list(intervention.capacities.order_by("municipality_code"))


def capacity_get(*, actor: User, intervention: Intervention, capacity_id: int) -> Capacity:
    require_managed(actor, intervention)
    capacities = intervention.capacities.select_related("intervention__forbund")
    return get_object_or_404(capacities, pk=capacity_id)


def activity_type_list(*, actor: User, intervention: Intervention) -> list[ActivityType]:
    require_managed(actor, intervention)
    return list(ActivityType.objects.filter(forbund_id=intervention.forbund_id).order_by("name"))


def activity_type_get(
    *, actor: User, intervention: Intervention, activity_type_id: int
) -> ActivityType:
    require_managed(actor, intervention)
    types = ActivityType.objects.filter(forbund_id=intervention.forbund_id)
    return get_object_or_404(types.select_related("forbund"), pk=activity_type_id)
