"""The förbund's kinds of activity (aktivitetstyper): add, rename, deactivate, and say which
interventions offer them (``approach``: all, step-by-step only, or IPS only; an IPS
intervention never offers a train-then-place activity, docs/interventions.md).

A type is never deleted: recorded activities point at it. A deactivated type is no longer
offered for new activities but keeps its name in the history.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from samsyn.audit.models import AuditAction
from samsyn.core.models import Forbund, User
from samsyn.core.versioning import StaleEditError
from samsyn.interventions.models import ActivityApproach, ActivityType
from samsyn.interventions.services._common import audit_change, require_admin, taken

MAX_LENGTH = 120


def _clean_name(forbund_id: int, name: str, exclude_pk: int | None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": [_("Ange aktivitetstypens namn.")]})
    if len(name) > MAX_LENGTH:
        raise ValidationError(
            {"name": [_("Namnet får vara högst %(limit)d tecken.") % {"limit": MAX_LENGTH}]}
        )
    same = ActivityType.objects.filter(forbund_id=forbund_id, name__iexact=name)
    if taken(same, exclude_pk=exclude_pk):
        raise ValidationError({"name": [_("Förbundet har redan en aktivitetstyp med det namnet.")]})
    return name


def _audit(actor: User, action: AuditAction, activity_type: ActivityType, detail: str) -> None:
    audit_change(
        actor=actor,
        action=action,
        forbund=activity_type.forbund,
        obj=activity_type,
        detail=detail,
    )


def _check_approach(approach: str) -> None:
    if approach not in ActivityApproach.values:
        raise ValidationError({"approach": [_("Välj vilka insatser aktivitetstypen gäller.")]})


@transaction.atomic
def activity_type_add(
    *, actor: User, forbund: Forbund, name: str, approach: str = ActivityApproach.ALLA
) -> ActivityType:
    require_admin(actor, forbund.pk)
    _check_approach(approach)
    clean = _clean_name(forbund.pk, name, None)
    activity_type = ActivityType(forbund=forbund, name=clean, approach=approach)
    try:
        with transaction.atomic():
            activity_type.save()
    except IntegrityError as error:
        raise ValidationError(
            {"name": [_("Förbundet har redan en aktivitetstyp med det namnet.")]}
        ) from error
    _audit(actor, AuditAction.CREATE, activity_type, f"Aktivitetstyp tillagd: {clean}")
    return activity_type


@transaction.atomic
def activity_type_rename(
    *, actor: User, activity_type: ActivityType, name: str, expected_name: str
) -> ActivityType:
    require_admin(actor, activity_type.forbund_id)
    clean = _clean_name(activity_type.forbund_id, name, activity_type.pk)
    try:
        with transaction.atomic():
            updated = ActivityType.objects.filter(pk=activity_type.pk, name=expected_name).update(
                name=clean
            )
    except IntegrityError as error:
        raise ValidationError(
            {"name": [_("Förbundet har redan en aktivitetstyp med det namnet.")]}
        ) from error
    if updated != 1:
        raise StaleEditError()
    activity_type.name = clean
    _audit(actor, AuditAction.UPDATE, activity_type, f"Aktivitetstyp bytte namn: {clean}")
    return activity_type


@transaction.atomic
def activity_type_set_active(
    *, actor: User, activity_type: ActivityType, active: bool
) -> ActivityType:
    require_admin(actor, activity_type.forbund_id)
    ActivityType.objects.filter(pk=activity_type.pk).update(is_active=active)
    activity_type.is_active = active
    detail = "Aktivitetstyp återaktiverad" if active else "Aktivitetstyp inaktiverad"
    _audit(actor, AuditAction.UPDATE, activity_type, f"{detail}: {activity_type.name}")
    return activity_type


@transaction.atomic
def activity_type_set_approach(
    *, actor: User, activity_type: ActivityType, approach: str
) -> ActivityType:
    """Which interventions offer the type; activities already recorded keep it."""
    require_admin(actor, activity_type.forbund_id)
    _check_approach(approach)
    ActivityType.objects.filter(pk=activity_type.pk).update(approach=approach)
    activity_type.approach = approach
    label = ActivityApproach(approach).label
    with override("sv"):
        detail = f"Aktivitetstyp gäller {str(label).lower()}: {activity_type.name}"
    _audit(actor, AuditAction.UPDATE, activity_type, detail)
    return activity_type
