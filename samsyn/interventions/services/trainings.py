"""Trainings of an intervention and their attendance (party × role × number of staff).

Managed by the förbundsadministratör of the intervention's förbund and by its insatsansvarig;
everyone else gets a 404. Every change is audited. Attendance rows carry no version of their
own: every change to them bumps the training's version, so two people editing the same
training's attendance cannot overwrite each other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Party, User
from samsyn.core.roles import Role
from samsyn.core.versioning import delete_versioned, save_versioned
from samsyn.interventions.models import Intervention, Training, TrainingAttendance, TrainingRole
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.services._common import Errors, raise_if

TRAINING_FIELDS = ["title", "held_on", "provider", "description"]
MAX_ATTENDEES = 9999
MAX_DESCRIPTION = 5000
EARLIEST_DATE = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class TrainingFields:
    title: str
    held_on: datetime.date | None
    provider: str = ""
    description: str = ""


def manager_role(actor: User, intervention: Intervention) -> str:
    """The role the actor manages the intervention's trainings and implementation plan in
    (for the audit log); 404 without one."""
    for role in (Role.FORBUNDSADMIN, Role.INSATSANSVARIG):
        if interventions_visible_to(actor, role).filter(pk=intervention.pk).exists():
            return role.value
    raise Http404


def _audit(actor: User, role: str, action: AuditAction, training: Training, detail: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=training.intervention.forbund,
        intervention=training.intervention,
        role=role,
        obj=training,
        detail=detail,
    )


def _clean(fields: TrainingFields) -> TrainingFields:
    errors: Errors = {}
    title = fields.title.strip()
    provider = fields.provider.strip()
    description = fields.description.strip()
    if not title:
        errors["title"] = [_("Ange en rubrik.")]
    elif len(title) > 200:
        errors["title"] = [_("Rubriken får vara högst 200 tecken.")]
    if fields.held_on is None:
        errors["held_on"] = [_("Ange datum för utbildningen.")]
    elif fields.held_on < EARLIEST_DATE:
        errors["held_on"] = [_("Datumet är orimligt tidigt; skriv ÅÅÅÅ-MM-DD.")]
    if len(provider) > 200:
        errors["provider"] = [_("Utbildarens namn får vara högst 200 tecken.")]
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = [_("Beskrivningen får vara högst 5000 tecken.")]
    raise_if(errors)
    return TrainingFields(title, fields.held_on, provider, description)


@transaction.atomic
def training_create(*, actor: User, intervention: Intervention, fields: TrainingFields) -> Training:
    role = manager_role(actor, intervention)
    clean = _clean(fields)
    training = Training(
        intervention=intervention, **{n: getattr(clean, n) for n in TRAINING_FIELDS}
    )
    training.save()
    _audit(actor, role, AuditAction.CREATE, training, f"Utbildning tillagd: {training.title}")
    return training


@transaction.atomic
def training_update(
    *, actor: User, training: Training, fields: TrainingFields, expected_version: int
) -> Training:
    """Change a training, if nobody else changed it since the form was shown."""
    role = manager_role(actor, training.intervention)
    clean = _clean(fields)
    for name in TRAINING_FIELDS:
        setattr(training, name, getattr(clean, name))
    save_versioned(training, expected_version=expected_version, fields=TRAINING_FIELDS)
    _audit(actor, role, AuditAction.UPDATE, training, f"Utbildning ändrad: {training.title}")
    return training


@transaction.atomic
def training_delete(*, actor: User, training: Training, expected_version: int) -> None:
    """Remove a training with its attendance rows."""
    role = manager_role(actor, training.intervention)
    delete_versioned(training, expected_version=expected_version)
    _audit(actor, role, AuditAction.DELETE, training, f"Utbildning borttagen: {training.title}")


# --- attendance ---------------------------------------------------------------------------


def _check_attendees(attendees: int | None, errors: Errors) -> None:
    if attendees is None:
        errors["attendees"] = [_("Ange antal deltagare.")]
    elif not 1 <= attendees <= MAX_ATTENDEES:
        errors["attendees"] = [_("Antalet deltagare ska vara mellan 1 och 9999.")]


def _describe(row: TrainingAttendance) -> str:
    return f"{row.party.name}, {row.role}: {row.attendees}"


@transaction.atomic
def attendance_add(
    *,
    actor: User,
    training: Training,
    party: Party | None,
    role: str,
    attendees: int | None,
    expected_version: int,
) -> TrainingAttendance:
    """Add how many of one party's staff in one role took part; one row per party and role."""
    training_role = manager_role(actor, training.intervention)
    errors: Errors = {}
    if party is None or party.forbund_id != training.intervention.forbund_id:
        errors["party"] = [_("Välj en av förbundets parter.")]
    if role not in TrainingRole.values:
        errors["role"] = [_("Välj en yrkesroll i listan.")]
    _check_attendees(attendees, errors)
    if not errors and training.attendance.filter(party=party, role=role).exists():
        errors["role"] = [
            _("Parten har redan en rad för den yrkesrollen. Ändra antalet på den raden i stället.")
        ]
    raise_if(errors)
    assert party is not None and attendees is not None
    save_versioned(training, expected_version=expected_version, fields=[])
    row = TrainingAttendance.objects.create(
        training=training, party=party, role=role, attendees=attendees
    )
    _audit(actor, training_role, AuditAction.UPDATE, training, f"Deltagare: {_describe(row)}")
    return row


@transaction.atomic
def attendance_update(
    *, actor: User, row: TrainingAttendance, attendees: int | None, expected_version: int
) -> TrainingAttendance:
    training = row.training
    role = manager_role(actor, training.intervention)
    errors: Errors = {}
    _check_attendees(attendees, errors)
    raise_if(errors)
    assert attendees is not None
    save_versioned(training, expected_version=expected_version, fields=[])
    row.attendees = attendees
    row.save(update_fields=["attendees"])
    _audit(actor, role, AuditAction.UPDATE, training, f"Deltagare ändrat: {_describe(row)}")
    return row


@transaction.atomic
def attendance_remove(*, actor: User, row: TrainingAttendance, expected_version: int) -> None:
    training = row.training
    role = manager_role(actor, training.intervention)
    save_versioned(training, expected_version=expected_version, fields=[])
    row.delete()
    _audit(actor, role, AuditAction.UPDATE, training, f"Deltagare borttaget: {_describe(row)}")


__all__ = [
    "TrainingFields",
    "attendance_add",
    "attendance_remove",
    "attendance_update",
    "manager_role",
    "training_create",
    "training_delete",
    "training_update",
]
