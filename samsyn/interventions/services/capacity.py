"""Places per municipality (Capacity): REBUS has 17 in Hagfors, 17 in Forshaga, …"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.core.versioning import StaleEditError
from samsyn.interventions.models import Capacity, Intervention
from samsyn.interventions.municipalities import municipality_code_for, municipality_known
from samsyn.interventions.services._common import Errors, audit_change, raise_if, require_admin

_CODE = re.compile(r"^\d{4}$")
MAX_PLACES = 9999


def _clean_code(value: str) -> str:
    """A four-digit municipality code; a municipality's name is accepted where the list of
    Sweden's municipalities is installed."""
    value = value.strip()
    code = value if _CODE.match(value) else municipality_code_for(value)
    if code is None:
        raise ValidationError(
            {
                "municipality_code": [
                    _("Ange kommunkoden med fyra siffror, till exempel 1780 för Karlstad.")
                ]
            }
        )
    if not municipality_known(code):
        raise ValidationError(
            {
                "municipality_code": [
                    _("Det finns ingen kommun med kommunkoden %(code)s.") % {"code": code}
                ]
            }
        )
    return code


def _check_places(places: int, errors: Errors) -> None:
    if not 0 <= places <= MAX_PLACES:
        errors["places"] = [
            _("Antalet platser ska vara mellan 0 och %(max)d.") % {"max": MAX_PLACES}
        ]


@transaction.atomic
def capacity_add(
    *, actor: User, intervention: Intervention, municipality_code: str, places: int
) -> Capacity:
    require_admin(actor, intervention.forbund_id)
    errors: Errors = {}
    code = ""
    try:
        code = _clean_code(municipality_code)
    except ValidationError as error:
        errors.update(error.message_dict)
    _check_places(places, errors)
    if code and intervention.capacities.filter(municipality_code=code).exists():
        errors["municipality_code"] = [
            _("Kommunen har redan platser i insatsen. Ändra antalet i listan i stället.")
        ]
    raise_if(errors)
    capacity = Capacity(intervention=intervention, municipality_code=code, places=places)
    try:
        with transaction.atomic():
            capacity.save()
    except IntegrityError as error:
        raise ValidationError(
            {"municipality_code": [_("Kommunen har redan platser i insatsen.")]}
        ) from error
    _audit(actor, AuditAction.CREATE, capacity, f"Platser tillagda: {code} {places}")
    return capacity


@transaction.atomic
def capacity_update(
    *, actor: User, capacity: Capacity, places: int, expected_places: int
) -> Capacity:
    """Change the number of places, if nobody else changed it since the page was shown."""
    intervention = capacity.intervention
    require_admin(actor, intervention.forbund_id)
    errors: Errors = {}
    _check_places(places, errors)
    raise_if(errors)
    updated = Capacity.objects.filter(pk=capacity.pk, places=expected_places).update(places=places)
    if updated != 1:
        raise StaleEditError()
    capacity.places = places
    _audit(
        actor,
        AuditAction.UPDATE,
        capacity,
        f"Platser ändrade: {capacity.municipality_code} {places}",
    )
    return capacity


@transaction.atomic
def capacity_remove(*, actor: User, capacity: Capacity) -> None:
    intervention = capacity.intervention
    require_admin(actor, intervention.forbund_id)
    _audit(actor, AuditAction.DELETE, capacity, f"Platser borttagna: {capacity.municipality_code}")
    capacity.delete()


def _audit(actor: User, action: AuditAction, capacity: Capacity, detail: str) -> None:
    intervention = capacity.intervention
    audit_change(
        actor=actor,
        action=action,
        forbund=intervention.forbund,
        intervention=intervention,
        obj=capacity,
        detail=detail,
    )
