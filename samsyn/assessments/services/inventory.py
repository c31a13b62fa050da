"""Writes of a resursinventering: start it, record the multiprofessional assessments, the
weeks of observed activity, the team's recommendation and the handover.

Who may write is the journey rule (``participants/services/journey_access.py``): the
insatsansvarig and the participant's coach; the referring handläggare reads but gets 403;
everyone else 404. Every write is audited with the participant's pseudonym.

The recommendation is the registration's own field (``Registration.recommendation``), which
the exit also asks for and the metrics ``share_recommendation_<code>`` count. It may be
recorded here only while the registration is ongoing; once the registration has ended, the
exit's answer stands (the insatsansvarig can undo the exit to correct it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.assessments.models import (
    ObservationWeek,
    Profession,
    ProfessionalAssessment,
    ResourceInventory,
)
from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.core.versioning import save_versioned
from samsyn.participants.models import Recommendation, Registration
from samsyn.participants.services.followups import registration_for_write
from samsyn.participants.services.journey_access import audit_journey, event_date_error

MAX_OBSERVATION_WEEKS = 26
MAX_WEEK_HOURS = Decimal(60)
ENDED_RECOMMENDATION = gettext_lazy(
    "Inskrivningen är avslutad, så rekommendationen kan inte ändras här. Den som angavs vid "
    "avslutet gäller; insatsansvarig kan ångra avslutet om den blev fel."
)
NOT_STARTED = gettext_lazy("Resursinventeringen är inte påbörjad.")
INVENTORY_FIELDS = [
    "started_on",
    "observation_from",
    "observation_to",
    "observation_place",
    "recommended_on",
    "recommendation_reasons",
    "handover_party",
    "handover_on",
    "handover_note",
]

Errors = dict[str, str]


@dataclass(frozen=True)
class InventoryFields:
    """Everything of the inventory that is edited as one versioned record."""

    started_on: datetime.date
    observation_from: datetime.date | None = None
    observation_to: datetime.date | None = None
    observation_place: str = ""
    recommendation: str = ""
    recommended_on: datetime.date | None = None
    recommendation_reasons: str = ""
    handover_party_id: int | None = None
    handover_on: datetime.date | None = None
    handover_note: str = ""

    @classmethod
    def of(cls, inventory: ResourceInventory) -> InventoryFields:
        """The stored values, for a form that changes only a part of them."""
        return cls(
            started_on=inventory.started_on,
            observation_from=inventory.observation_from,
            observation_to=inventory.observation_to,
            observation_place=inventory.observation_place,
            recommendation=inventory.registration.recommendation,
            recommended_on=inventory.recommended_on,
            recommendation_reasons=inventory.recommendation_reasons,
            handover_party_id=inventory.handover_party_id,
            handover_on=inventory.handover_on,
            handover_note=inventory.handover_note,
        )


@dataclass(frozen=True)
class AssessmentFields:
    profession: str
    assessor: str
    assessed_on: datetime.date
    findings: str = ""


@dataclass(frozen=True)
class WeekFields:
    week_starting: datetime.date
    planned_hours: Decimal
    attended_hours: Decimal
    note: str = ""


# --- Access --------------------------------------------------------------------------------


def _writable(actor: User, registration_id: int) -> Registration:
    """The registration (locked) if the actor may write and it uses resursinventering."""
    registration = registration_for_write(actor=actor, registration_id=registration_id)
    if not registration.intervention.uses_resursinventering:
        raise Http404
    registration.refresh_from_db(fields=["recommendation"])
    return registration


def _inventory_of(registration: Registration) -> ResourceInventory:
    inventory = ResourceInventory.objects.filter(registration=registration).first()
    if inventory is None:
        raise ValidationError(NOT_STARTED, code="not_started")
    inventory.registration = registration
    return inventory


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


# --- Validation ----------------------------------------------------------------------------


def _observation_errors(registration: Registration, fields: InventoryFields) -> Errors:
    errors: Errors = {}
    start, end = fields.observation_from, fields.observation_to
    if (start is None) != (end is None):
        errors["observation_to" if end is None else "observation_from"] = _(
            "Ange både från- och till-datum för aktivitetsperioden."
        )
        return errors
    if start is None or end is None:
        return errors
    if start < fields.started_on:
        errors["observation_from"] = _(
            "Aktivitetsperioden kan inte börja före resursinventeringen (%(date)s)."
        ) % {"date": fields.started_on.isoformat()}
    elif end < start:
        errors["observation_to"] = _("Aktivitetsperioden kan inte sluta före den börjar.")
    elif (end - start).days > MAX_OBSERVATION_WEEKS * 7:
        errors["observation_to"] = _(
            "Aktivitetsperioden kan vara högst %(weeks)s veckor (normalt omkring 12)."
        ) % {"weeks": MAX_OBSERVATION_WEEKS}
    if len(fields.observation_place) > 200:
        errors["observation_place"] = _("Aktivitet och plats får vara högst 200 tecken.")
    return errors


def _recommendation_errors(
    registration: Registration, fields: InventoryFields, inventory: ResourceInventory | None
) -> Errors:
    code, day = fields.recommendation, fields.recommended_on
    if inventory is not None and not registration.is_ongoing:
        before = InventoryFields.of(inventory)
        unchanged = (code, day, fields.recommendation_reasons) == (
            before.recommendation,
            before.recommended_on,
            before.recommendation_reasons,
        )
        return {} if unchanged else {"recommendation": str(ENDED_RECOMMENDATION)}
    if not code:
        if day is not None or fields.recommendation_reasons.strip():
            return {"recommendation": _("Välj en rekommendation eller töm datum och motivering.")}
        return {}
    if code not in Recommendation.values:
        return {"recommendation": _("Välj en av de fyra rekommendationerna.")}
    if day is None:
        return {"recommended_on": _("Ange när teamet beslutade rekommendationen.")}
    date_error = event_date_error(registration, day)
    if date_error:
        return {"recommended_on": date_error}
    if day < fields.started_on:
        return {"recommended_on": _("Rekommendationen kan inte vara före resursinventeringen.")}
    if not fields.recommendation_reasons.strip():
        return {"recommendation_reasons": _("Motivera rekommendationen.")}
    assessed = inventory is not None and inventory.assessments.filter(assessed_on__lte=day).exists()
    if not assessed:
        return {
            "recommendation": _(
                "En rekommendation kräver minst en professionsbedömning gjord senast samma dag."
            )
        }
    return {}


def _handover_errors(registration: Registration, fields: InventoryFields) -> Errors:
    party, day = fields.handover_party_id, fields.handover_on
    if party is None and day is None and not fields.handover_note.strip():
        return {}
    if not fields.recommendation:
        return {"handover_party": _("Registrera rekommendationen innan överlämningen.")}
    if party is None:
        return {"handover_party": _("Välj den part som tar över.")}
    in_forbund = Party.objects.filter(
        pk=party, forbund_id=registration.intervention.forbund_id, is_active=True
    ).exists()
    if not in_forbund:
        return {"handover_party": _("Välj en av förbundets parter.")}
    if day is None:
        return {"handover_on": _("Ange datum för överlämningen.")}
    if day > timezone.localdate():
        return {"handover_on": _("Datumet kan inte ligga i framtiden.")}
    if fields.recommended_on is not None and day < fields.recommended_on:
        return {"handover_on": _("Överlämningen kan inte vara före rekommendationen.")}
    return {}


def _validate_inventory(
    registration: Registration, fields: InventoryFields, inventory: ResourceInventory | None
) -> None:
    errors: Errors = {}
    date_error = event_date_error(registration, fields.started_on)
    if date_error:
        errors["started_on"] = date_error
    elif inventory is not None:
        first = inventory.assessments.order_by("assessed_on").values_list("assessed_on").first()
        if first is not None and first[0] < fields.started_on:
            errors["started_on"] = _("Det finns bedömningar före det datumet.")
    errors |= _observation_errors(registration, fields)
    errors |= _recommendation_errors(registration, fields, inventory)
    errors |= _handover_errors(registration, fields)
    if errors:
        raise ValidationError(errors)


# --- The inventory --------------------------------------------------------------------------


@transaction.atomic
def inventory_start(
    *, actor: User, registration_id: int, started_on: datetime.date
) -> ResourceInventory:
    """Start the inventory of a registration (once)."""
    registration = _writable(actor, registration_id)
    if ResourceInventory.objects.filter(registration=registration).exists():
        raise ValidationError(_("Resursinventeringen är redan påbörjad."), code="started")
    date_error = event_date_error(registration, started_on)
    if date_error:
        raise ValidationError({"started_on": date_error})
    inventory = ResourceInventory.objects.create(registration=registration, started_on=started_on)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=inventory,
        detail=f"Resursinventering påbörjad {started_on.isoformat()}",
    )
    return inventory


def _set_recommendation(registration: Registration, code: str) -> None:
    """Registration.recommendation is what the exit and the metrics read; bump its version so
    an exit form opened before this change is refused as stale rather than overwriting it."""
    Registration.objects.filter(pk=registration.pk).update(
        recommendation=code, version=F("version") + 1
    )
    registration.recommendation = code
    registration.version += 1


@transaction.atomic
def inventory_update(
    *, actor: User, registration_id: int, expected_version: int, fields: InventoryFields
) -> ResourceInventory:
    """Change the inventory (period, recommendation, handover) if nobody else did meanwhile."""
    registration = _writable(actor, registration_id)
    inventory = _inventory_of(registration)
    clean = InventoryFields(
        **{
            **fields.__dict__,
            "observation_place": fields.observation_place.strip(),
            "recommendation_reasons": fields.recommendation_reasons.strip(),
            "handover_note": fields.handover_note.strip(),
        }
    )
    _validate_inventory(registration, clean, inventory)
    changed_recommendation = clean.recommendation != registration.recommendation
    for name in INVENTORY_FIELDS:
        target = "handover_party_id" if name == "handover_party" else name
        setattr(inventory, target, getattr(clean, target))
    save_versioned(inventory, expected_version=expected_version, fields=INVENTORY_FIELDS)
    if changed_recommendation:
        _set_recommendation(registration, clean.recommendation)
    detail = "Resursinventering ändrad"
    if changed_recommendation:
        detail += f"; rekommendation: {clean.recommendation or '–'}"
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.UPDATE,
        obj=inventory,
        detail=detail,
    )
    return inventory


# --- Assessments ----------------------------------------------------------------------------


def _validate_assessment(
    registration: Registration, inventory: ResourceInventory, fields: AssessmentFields
) -> AssessmentFields:
    errors: Errors = {}
    if fields.profession not in Profession.values:
        errors["profession"] = _("Välj en profession i listan.")
    assessor = fields.assessor.strip()
    if not assessor:
        errors["assessor"] = _("Ange vem som gjorde bedömningen.")
    elif len(assessor) > 200:
        errors["assessor"] = _("Namnet får vara högst 200 tecken.")
    date_error = event_date_error(registration, fields.assessed_on)
    if date_error:
        errors["assessed_on"] = date_error
    elif fields.assessed_on < inventory.started_on:
        errors["assessed_on"] = _(
            "Bedömningen kan inte vara före resursinventeringen (%(date)s)."
        ) % {"date": inventory.started_on.isoformat()}
    if errors:
        raise ValidationError(errors)
    return AssessmentFields(
        profession=fields.profession,
        assessor=assessor,
        assessed_on=fields.assessed_on,
        findings=fields.findings.strip(),
    )


@transaction.atomic
def assessment_create(
    *, actor: User, registration_id: int, fields: AssessmentFields
) -> ProfessionalAssessment:
    registration = _writable(actor, registration_id)
    inventory = _inventory_of(registration)
    clean = _validate_assessment(registration, inventory, fields)
    assessment = ProfessionalAssessment.objects.create(
        inventory=inventory, recorded_by=actor, **clean.__dict__
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=assessment,
        detail=f"Professionsbedömning tillagd ({clean.profession}, {clean.assessed_on})",
    )
    return assessment


@transaction.atomic
def assessment_update(
    *,
    actor: User,
    registration_id: int,
    assessment_id: int,
    expected_version: int,
    fields: AssessmentFields,
) -> ProfessionalAssessment:
    registration = _writable(actor, registration_id)
    inventory = _inventory_of(registration)
    assessment = inventory.assessments.filter(pk=assessment_id).first()
    if assessment is None:
        raise Http404
    clean = _validate_assessment(registration, inventory, fields)
    recommended_on = inventory.recommended_on
    if recommended_on is not None and registration.recommendation:
        others = inventory.assessments.exclude(pk=assessment.pk)
        if clean.assessed_on > recommended_on and not others.filter(
            assessed_on__lte=recommended_on
        ):
            raise ValidationError(
                {"assessed_on": _("Rekommendationen bygger på den här bedömningen.")}
            )
    for name, value in clean.__dict__.items():
        setattr(assessment, name, value)
    save_versioned(assessment, expected_version=expected_version, fields=list(clean.__dict__))
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.UPDATE,
        obj=assessment,
        detail=f"Professionsbedömning ändrad ({clean.profession}, {clean.assessed_on})",
    )
    return assessment


# --- Observation weeks ----------------------------------------------------------------------


def _validate_week(inventory: ResourceInventory, fields: WeekFields) -> WeekFields:
    errors: Errors = {}
    start, end = inventory.observation_from, inventory.observation_to
    week = monday_of(fields.week_starting)
    if start is None or end is None:
        errors["week_starting"] = _("Ange aktivitetsperioden innan du registrerar veckor.")
    elif not monday_of(start) <= week <= end:
        errors["week_starting"] = _(
            "Veckan ligger utanför aktivitetsperioden %(start)s–%(end)s."
        ) % {"start": start.isoformat(), "end": end.isoformat()}
    elif week > timezone.localdate():
        errors["week_starting"] = _("Veckan har inte börjat ännu.")
    for name in ("planned_hours", "attended_hours"):
        hours = getattr(fields, name)
        if hours < 0:
            errors[name] = _("Timmarna kan inte vara negativa.")
        elif hours > MAX_WEEK_HOURS:
            errors[name] = _("Högst 60 timmar per vecka.")
    if errors:
        raise ValidationError(errors)
    return WeekFields(
        week_starting=week,
        planned_hours=fields.planned_hours,
        attended_hours=fields.attended_hours,
        note=fields.note.strip(),
    )


@transaction.atomic
def week_record(*, actor: User, registration_id: int, fields: WeekFields) -> ObservationWeek:
    """Record (or correct) the attendance of one week; the week is keyed by its Monday."""
    registration = _writable(actor, registration_id)
    inventory = _inventory_of(registration)
    clean = _validate_week(inventory, fields)
    week, created = ObservationWeek.objects.update_or_create(
        inventory=inventory,
        week_starting=clean.week_starting,
        defaults={
            "planned_hours": clean.planned_hours,
            "attended_hours": clean.attended_hours,
            "note": clean.note,
        },
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=week,
        detail=f"Aktivitetsvecka {clean.week_starting.isoformat()}",
    )
    return week


__all__ = [
    "AssessmentFields",
    "InventoryFields",
    "WeekFields",
    "assessment_create",
    "assessment_update",
    "inventory_start",
    "inventory_update",
    "monday_of",
    "week_record",
]
