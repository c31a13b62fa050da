"""Reads of the national reference values: the förbund's administrator only."""

from __future__ import annotations

from django.db.models import QuerySet

from samsyn.core.models import Forbund, User
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.core.web.http import found_or_404
from samsyn.surveys.models import NationalReference


def reference_forbunds(actor: User) -> QuerySet[Forbund]:
    return forbunds_administered_by(actor).order_by("name")


def reference_list(*, actor: User) -> QuerySet[NationalReference]:
    return (
        NationalReference.objects.filter(forbund__in=reference_forbunds(actor))
        .select_related("forbund")
        .order_by("forbund__name", "instrument_key", "indicator_code", "-year")
    )


def reference_get(*, actor: User, reference_id: int) -> NationalReference:
    return found_or_404(reference_list(actor=actor).filter(pk=reference_id).first())
