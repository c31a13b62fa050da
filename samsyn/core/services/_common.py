"""Helpers shared by the management services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.http import Http404

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.selectors.manage import administers

Errors = dict[str, list[str]]


def require_administers(actor: User, forbund_id: int) -> None:
    if not administers(actor=actor, forbund_id=forbund_id):
        raise Http404


def raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def audit(
    actor: User, action: AuditAction, forbund: Forbund, obj: models.Model, detail: str
) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=forbund,
        role=Role.FORBUNDSADMIN.value,
        obj=obj,
        detail=detail,
    )


def save_unique(save: Callable[[], object], *, field: str, message: str) -> None:
    """Run ``save`` in a savepoint; a unique clash lost to a concurrent request becomes a
    message on ``field`` instead of an IntegrityError."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError as error:
        raise ValidationError({field: [message]}) from error


def lock_forbund(forbund_id: int) -> None:
    """Serialise changes to one förbund's administrators (no-op on SQLite, which locks the
    whole database for a write anyway)."""
    Forbund.objects.select_for_update().filter(pk=forbund_id).first()


def already_taken(queryset: QuerySet[Any], *, exclude_pk: int | None) -> bool:
    """Whether ``queryset`` matches a row other than the one being edited."""
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()
