"""The förbund on the largest tables of a registration's journey, as their partition key.

Activities, step records and indicator ratings are among the tables of a registration that
grow fastest (issue 16's national set: ~17 activities per registration; the demo data: 5.2
ratings and 3.9 activities per registration; docs/performance.md, "Beyond one machine").
Each carries its registration's förbund as a column of its own, so PostgreSQL can partition
it by förbund (``manage.py partition_by_forbund``) and a query that names the förbund reads
only that förbund's partition.

The column is a copy: it always equals ``registration.intervention.forbund`` (a registration
never moves between interventions, nor an intervention between förbund). The services set
it; ``save`` and ``bulk_create`` fill it when a caller did not, so no write can leave it
empty; ``forbund_copies_mismatched`` counts any row where it differs (``partition_by_forbund``
refuses to run while one does).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.participants.models.registration import Registration

_T = TypeVar("_T", bound="ForbundPartitioned")


def fill_forbund(rows: Iterable[ForbundPartitioned]) -> None:
    """Set each row's förbund from its registration, in one query for all that lack it."""
    missing = [row for row in rows if row.forbund_id is None]
    if not missing:
        return
    forbund_of = dict(
        Registration.objects.filter(pk__in={row.registration_id for row in missing})
        .order_by()
        .values_list("pk", "intervention__forbund_id")
    )
    for row in missing:
        if row.registration_id in forbund_of:
            row.forbund_id = forbund_of[row.registration_id]


class ForbundPartitionedQuerySet(models.QuerySet[_T]):
    def bulk_create(self, objs: Iterable[_T], *args: Any, **kwargs: Any) -> list[_T]:
        rows = list(objs)
        fill_forbund(rows)
        return super().bulk_create(rows, *args, **kwargs)


class ForbundPartitioned(models.Model):
    """A row of a registration's journey that carries its förbund (the partition key)."""

    # No index of its own: a partitioned table prunes by it, and lookups go by registration.
    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        db_index=False,
        verbose_name=_("förbund"),
    )
    registration_id: int

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.forbund_id is None:
            fill_forbund([self])
        super().save(*args, **kwargs)


def partitioned_models() -> list[type[ForbundPartitioned]]:
    """Every concrete model that carries the förbund as its partition key."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ForbundPartitioned) and not model._meta.abstract
    ]


def forbund_copies_mismatched() -> dict[str, int]:
    """Per partitioned model, how many rows carry another förbund than their registration's
    (always zero; a test and the partitioning command check it)."""
    counts = {}
    for model in partitioned_models():
        wrong = (
            model._default_manager.exclude(
                forbund_id=models.F("registration__intervention__forbund_id")
            )
            .order_by()
            .count()
        )
        counts[model._meta.label] = wrong
    return counts
