"""Writes for interventions. Every function checks that the actor administers the förbund
(404 otherwise), validates with Swedish messages and leaves an event in the access log."""

from samsyn.interventions.services.activity_types import (
    activity_type_add,
    activity_type_rename,
    activity_type_set_active,
    activity_type_set_approach,
)
from samsyn.interventions.services.capacity import capacity_add, capacity_remove, capacity_update
from samsyn.interventions.services.interventions import (
    InterventionFields,
    bip_indicators_create,
    default_structure_create,
    intervention_create,
    intervention_update,
)
from samsyn.interventions.services.structure import (
    structure_item_add,
    structure_item_move,
    structure_item_remove,
    structure_item_rename,
)

__all__ = [
    "InterventionFields",
    "activity_type_add",
    "activity_type_rename",
    "activity_type_set_active",
    "activity_type_set_approach",
    "bip_indicators_create",
    "capacity_add",
    "capacity_remove",
    "capacity_update",
    "default_structure_create",
    "intervention_create",
    "intervention_update",
    "structure_item_add",
    "structure_item_move",
    "structure_item_remove",
    "structure_item_rename",
]
