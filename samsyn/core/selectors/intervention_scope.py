"""Interventions as core and audit see them, without importing the interventions app.

A membership may be limited to named interventions, and a log event names its intervention:
both point at ``interventions.Intervention`` by name. Core and audit are the lowest layer,
so they do not import that app (docs/development.md, "Layers"):

- the model is the one their own relation points at (:func:`intervention_model`);
- which interventions a user may see is the interventions app's rule: it registers its
  scoping function here in ``InterventionsConfig.ready`` (:func:`register_visible_to`), and
  core and audit call :func:`interventions_visible_to`.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from django.db import models
from django.db.models import QuerySet

from samsyn.core.models import Membership, User
from samsyn.core.roles import Role


class VisibleTo(Protocol):
    def __call__(self, user: User, *roles: Role) -> QuerySet[Any]: ...


class ScopedIntervention(Protocol):
    """What core reads of an intervention a membership names."""

    @property
    def pk(self) -> Any: ...

    @property
    def forbund_id(self) -> int: ...


_visible_to: list[VisibleTo] = []


def register_visible_to(visible_to: VisibleTo) -> None:
    """Called from ``InterventionsConfig.ready``; the last registration wins."""
    _visible_to[:] = [visible_to]


def interventions_visible_to(user: User, *roles: Role) -> QuerySet[Any]:
    """The interventions ``user`` reaches through an active membership (in one of ``roles``),
    by the rule the interventions app registered."""
    if not _visible_to:
        raise LookupError("No intervention scope registered (InterventionsConfig.ready).")
    return _visible_to[0](user, *roles)


def intervention_model() -> type[models.Model]:
    """``interventions.Intervention``, from the relation of ``Membership.interventions``."""
    return cast("type[models.Model]", Membership._meta.get_field("interventions").related_model)


def interventions_by_name() -> QuerySet[Any]:
    """All interventions by name, for prefetching the ones a membership names."""
    return intervention_model()._default_manager.order_by("name")
