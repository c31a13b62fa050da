"""Editing an intervention's phases, ladder steps and progression indicators.

These rows carry no version column; a stale edit is caught by comparing with what the page
showed (the name for a rename, the position for a move) and refused like any stale save.
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.core.versioning import StaleEditError
from samsyn.interventions.models import Intervention
from samsyn.interventions.services._common import audit_change, require_admin, taken
from samsyn.interventions.structure import (
    StructureItem,
    StructureKind,
    StructureSpec,
    in_use_condition,
    items_of,
    spec_for,
    spec_of,
)

Direction = Literal["up", "down"]


def _clean_name(
    spec: StructureSpec, intervention_id: int, name: str, exclude_pk: int | None
) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": [str(spec.text.empty_name)]})
    if len(name) > spec.max_length:
        message = _("Namnet får vara högst %(limit)d tecken.") % {"limit": spec.max_length}
        raise ValidationError({"name": [message]})
    same = items_of(spec, intervention_id).filter(name__iexact=name)
    if taken(same, exclude_pk=exclude_pk):
        raise ValidationError({"name": [str(spec.text.duplicate)]})
    return name


def _audit(actor: User, action: AuditAction, item: StructureItem, detail: str) -> None:
    intervention = item.intervention
    audit_change(
        actor=actor,
        action=action,
        forbund=intervention.forbund,
        intervention=intervention,
        obj=item,
        detail=detail,
    )


@transaction.atomic
def structure_item_add(
    *, actor: User, intervention: Intervention, kind: StructureKind | str, name: str
) -> StructureItem:
    """Add a phase, ladder step or indicator last in the intervention's order."""
    require_admin(actor, intervention.forbund_id)
    spec = spec_for(kind)
    # Serialise additions to one intervention so two of them cannot take the same position.
    Intervention.objects.select_for_update().filter(pk=intervention.pk).first()
    clean = _clean_name(spec, intervention.pk, name, None)
    last = items_of(spec, intervention.pk).aggregate(last=Max("order"))["last"] or 0
    item = spec.model.objects.create(intervention=intervention, name=clean, order=last + 1)
    _audit(actor, AuditAction.CREATE, item, f"{spec.audit_name} tillagd: {clean}")
    return item


@transaction.atomic
def structure_item_rename(
    *, actor: User, item: StructureItem, name: str, expected_name: str
) -> StructureItem:
    require_admin(actor, item.intervention.forbund_id)
    spec = spec_of(item)
    clean = _clean_name(spec, item.intervention_id, name, item.pk)
    updated = spec.model.objects.filter(pk=item.pk, name=expected_name).update(name=clean)
    if updated != 1:
        raise StaleEditError()
    item.name = clean
    _audit(actor, AuditAction.UPDATE, item, f"{spec.audit_name} bytte namn: {clean}")
    return item


@transaction.atomic
def structure_item_move(
    *, actor: User, item: StructureItem, direction: Direction, expected_order: int
) -> StructureItem:
    """Swap the item with its neighbour above or below."""
    require_admin(actor, item.intervention.forbund_id)
    spec = spec_of(item)
    siblings = items_of(spec, item.intervention_id).select_for_update()
    current = siblings.filter(pk=item.pk).values_list("order", flat=True).first()
    if current is None or current != expected_order:
        raise StaleEditError()
    if direction == "up":
        neighbour = siblings.filter(order__lt=current).order_by("-order", "-id").first()
    else:
        neighbour = siblings.filter(order__gt=current).order_by("order", "id").first()
    if neighbour is None:
        return item
    # Through a free position: phases and ladder steps have a unique order.
    spare = (siblings.aggregate(last=Max("order"))["last"] or 0) + 1
    spec.model.objects.filter(pk=item.pk).update(order=spare)
    spec.model.objects.filter(pk=neighbour.pk).update(order=current)
    spec.model.objects.filter(pk=item.pk).update(order=neighbour.order)
    item.order = neighbour.order
    _audit(actor, AuditAction.UPDATE, item, f"{spec.audit_name} flyttad: {item.name}")
    return item


def _renumber(spec: StructureSpec, intervention_id: int) -> None:
    """Close the gap a removal left: 1, 2, 3, … (each move is downwards, so no clash)."""
    for position, (pk, order) in enumerate(
        items_of(spec, intervention_id).values_list("pk", "order"), start=1
    ):
        if order != position:
            spec.model.objects.filter(pk=pk).update(order=position)


@transaction.atomic
def structure_item_remove(*, actor: User, item: StructureItem) -> None:
    """Remove an item nobody's history points at."""
    require_admin(actor, item.intervention.forbund_id)
    spec = spec_of(item)
    siblings = items_of(spec, item.intervention_id).select_for_update()
    if siblings.count() <= spec.minimum:
        raise ValidationError(str(spec.text.last_one))
    used = (
        spec.model.objects.filter(pk=item.pk)
        .annotate(in_use=in_use_condition(spec))
        .values_list("in_use", flat=True)
        .first()
    )
    if used is None:
        raise StaleEditError()
    if used:
        raise ValidationError(str(spec.text.in_use))
    _audit(actor, AuditAction.DELETE, item, f"{spec.audit_name} borttagen: {item.name}")
    spec.model.objects.filter(pk=item.pk).delete()
    _renumber(spec, item.intervention_id)
