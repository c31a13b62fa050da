"""Helpers shared by the intervention services: permission, audit and error collection."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.interventions.models import Intervention

Errors = dict[str, list[str]]


def require_admin(actor: User, forbund_id: int) -> None:
    """Only the förbund's administrators manage its interventions; others get a 404."""
    if not forbunds_administered_by(actor).filter(pk=forbund_id).exists():
        raise Http404


def taken(queryset: QuerySet[Any], *, exclude_pk: int | None) -> bool:
    """Whether ``queryset`` matches a row other than the one being edited."""
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def audit_change(
    *,
    actor: User,
    action: AuditAction,
    forbund: Forbund,
    obj: models.Model,
    detail: str,
    intervention: Intervention | None = None,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=forbund,
        intervention=intervention,
        role=Role.FORBUNDSADMIN.value,
        obj=obj,
        detail=detail,
    )
