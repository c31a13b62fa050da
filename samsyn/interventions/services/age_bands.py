"""The intervention's own age bands (AgeBand): added and removed by the förbundsadministratör
and the intervention's insatsansvarig (404 for everyone else), every change audited.

A band covers whole ages from ``min_age`` to ``max_age``, both within 16–100, the lowest not
above the highest; an intervention has each band once and at most ``MAX_AGE_BANDS`` of them
(every band is one more aggregate in each report). Its name is made from its ages, "20–29 år".
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.interventions.models import AGE_BAND_MAX, AGE_BAND_MIN, AgeBand, Intervention
from samsyn.interventions.services._common import Errors, raise_if
from samsyn.interventions.services.trainings import manager_role

MAX_AGE_BANDS = 10


def _check(intervention: Intervention, min_age: int | None, max_age: int | None) -> None:
    errors: Errors = {}
    bands = AgeBand.objects.filter(intervention=intervention)
    limits = {"low": AGE_BAND_MIN, "high": AGE_BAND_MAX}
    for field, age in (("min_age", min_age), ("max_age", max_age)):
        if age is None:
            errors[field] = [_("Ange en ålder.")]
        elif not AGE_BAND_MIN <= age <= AGE_BAND_MAX:
            errors[field] = [_("Åldern ska vara mellan %(low)d och %(high)d år.") % limits]
    raise_if(errors)
    assert min_age is not None and max_age is not None
    if min_age > max_age:
        errors["max_age"] = [_("Den högsta åldern får inte vara lägre än den lägsta.")]
    elif bands.filter(min_age=min_age, max_age=max_age).exists():
        errors["min_age"] = [_("Insatsen har redan den åldersgruppen.")]
    elif bands.count() >= MAX_AGE_BANDS:
        errors["min_age"] = [
            _("En insats kan ha högst %(max)d egna åldersgrupper.") % {"max": MAX_AGE_BANDS}
        ]
    raise_if(errors)


@transaction.atomic
def age_band_add(
    *, actor: User, intervention: Intervention, min_age: int | None, max_age: int | None
) -> AgeBand:
    """Add the band ``min_age``–``max_age`` år; a ValidationError with Swedish messages (and
    nothing saved) for bad input."""
    role = manager_role(actor, intervention)
    Intervention.objects.select_for_update().filter(pk=intervention.pk).first()
    _check(intervention, min_age, max_age)
    assert min_age is not None and max_age is not None
    band = AgeBand(intervention=intervention, min_age=min_age, max_age=max_age)
    try:
        with transaction.atomic():
            band.save()
    except IntegrityError as error:
        raise ValidationError({"min_age": [_("Insatsen har redan den åldersgruppen.")]}) from error
    _audit(actor, role, AuditAction.CREATE, band, f"Åldersgrupp tillagd: {band.name}")
    return band


@transaction.atomic
def age_band_remove(*, actor: User, band: AgeBand) -> None:
    role = manager_role(actor, band.intervention)
    _audit(actor, role, AuditAction.DELETE, band, f"Åldersgrupp borttagen: {band.name}")
    band.delete()


def _audit(actor: User, role: str, action: AuditAction, band: AgeBand, detail: str) -> None:
    intervention = band.intervention
    audit_record(
        actor=actor,
        action=action,
        forbund=intervention.forbund,
        intervention=intervention,
        role=role,
        obj=band,
        detail=detail,
    )
