"""Writes of the career profile (karriärprofil) and benefits counselling (bidragsrådgivning).

Who may write is the journey rule (samsyn/participants/services/journey_access.py): the
insatsansvarig and the participant's coach; the referring handläggare reads only (403);
anyone else gets 404. Only IPS and Supported Employment interventions have career profiles.
Both records are versioned: a save against a newer row is refused and changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.kommuner import MUNICIPALITIES
from samsyn.core.models import Party, User
from samsyn.core.versioning import StaleEditError, save_versioned
from samsyn.ips import ssyk
from samsyn.ips.models import BenefitsCounselling, CareerProfile, SniSection
from samsyn.ips.selectors.career import ensure_career_registration
from samsyn.participants.models import Registration
from samsyn.participants.services.journey_access import (
    audit_journey,
    ensure_journey_writer,
    event_date_error,
)

TEXT_MAX_LENGTH = 4000
NOTE_MAX_LENGTH = 2000
GIVEN_BY_MAX_LENGTH = 200
MAX_CHOICES = 30
HOURS_MIN, HOURS_MAX = 1, 60

TEXT_FIELDS = (
    "interests",
    "interests_in_common",
    "interests_in_jobs",
    "in_five_years",
    "ordinary_day",
    "life_goals",
    "wanted_help",
    "work_history",
    "education_history",
    "strengths",
    "disclosure",
)
PREFERENCE_FIELDS = (
    "preferred_occupations",
    "preferred_industries",
    "preferred_municipalities",
    "preferred_hours_per_week",
)
PROFILE_FIELDS = [*TEXT_FIELDS, *PREFERENCE_FIELDS, "updated_by"]


@dataclass(frozen=True)
class CareerProfileInput:
    """The answers and preferences as entered; the service validates and normalises them."""

    interests: str = ""
    interests_in_common: str = ""
    interests_in_jobs: str = ""
    in_five_years: str = ""
    ordinary_day: str = ""
    life_goals: str = ""
    wanted_help: str = ""
    work_history: str = ""
    education_history: str = ""
    strengths: str = ""
    disclosure: str = ""
    preferred_occupations: list[str] = field(default_factory=list)
    preferred_industries: list[str] = field(default_factory=list)
    preferred_municipalities: list[str] = field(default_factory=list)
    preferred_hours_per_week: int | None = None


def _unique(values: Iterable[str]) -> list[str]:
    """Trimmed, without blanks and repeats, in the order given (the first is the favourite)."""
    seen: dict[str, None] = {}
    for value in values:
        cleaned = str(value).strip()
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def _code_errors(data: CareerProfileInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    checks: tuple[tuple[str, Callable[[str], bool], str], ...] = (
        (
            "preferred_occupations",
            ssyk.is_valid,
            _("Okänd yrkeskod: %(codes)s. Välj yrken ur SSYK 2012."),
        ),
        (
            "preferred_industries",
            lambda code: code in SniSection.values,
            _("Okänd bransch: %(codes)s. Välj bland SNI 2007:s avdelningar A–U."),
        ),
        (
            "preferred_municipalities",
            lambda code: code in MUNICIPALITIES,
            _("Okänd kommunkod: %(codes)s. Välj bland Sveriges kommuner."),
        ),
    )
    for name, valid, message in checks:
        codes = _unique(getattr(data, name))
        bad = [code for code in codes if not valid(code)]
        if bad:
            errors[name] = message % {"codes": ", ".join(bad[:5])}
        elif len(codes) > MAX_CHOICES:
            errors[name] = _("Välj högst %(max)d.") % {"max": MAX_CHOICES}
    return errors


def _validate_profile(data: CareerProfileInput) -> None:
    errors = _code_errors(data)
    for name in TEXT_FIELDS:
        if len(getattr(data, name).strip()) > TEXT_MAX_LENGTH:
            errors[name] = _("Texten får vara högst %(max)d tecken.") % {"max": TEXT_MAX_LENGTH}
    hours = data.preferred_hours_per_week
    if hours is not None and not HOURS_MIN <= hours <= HOURS_MAX:
        errors["preferred_hours_per_week"] = _(
            "Ange ett antal timmar mellan %(min)d och %(max)d."
        ) % {"min": HOURS_MIN, "max": HOURS_MAX}
    if errors:
        raise ValidationError(errors)


def _profile_values(data: CareerProfileInput, actor: User) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(data, name).strip() for name in TEXT_FIELDS}
    values["preferred_occupations"] = _unique(data.preferred_occupations)
    values["preferred_industries"] = _unique(data.preferred_industries)
    values["preferred_municipalities"] = _unique(data.preferred_municipalities)
    values["preferred_hours_per_week"] = data.preferred_hours_per_week
    values["updated_by"] = actor
    return values


@transaction.atomic
def career_profile_save(
    *,
    actor: User,
    registration: Registration,
    data: CareerProfileInput,
    expected_version: int | None,
) -> CareerProfile:
    """Create the registration's career profile, or update it at ``expected_version``.

    ``expected_version`` is None for a form rendered before any profile existed; if someone
    created one meanwhile the save is stale and refused, like any other stale save.
    """
    ensure_journey_writer(actor=actor, registration=registration)
    ensure_career_registration(registration)
    _validate_profile(data)
    values = _profile_values(data, actor)
    profile = CareerProfile.objects.filter(registration=registration).first()
    if profile is None:
        if expected_version is not None:
            raise StaleEditError()
        try:
            with transaction.atomic():
                profile = CareerProfile.objects.create(registration=registration, **values)
        except IntegrityError as error:  # created by someone else a moment ago
            raise StaleEditError() from error
        action, detail = AuditAction.CREATE, "Karriärprofil skapad"
    else:
        if expected_version is None:
            raise StaleEditError()
        for name, value in values.items():
            setattr(profile, name, value)
        save_versioned(profile, expected_version=expected_version, fields=PROFILE_FIELDS)
        action, detail = AuditAction.UPDATE, "Karriärprofil ändrad"
    audit_journey(actor=actor, registration=registration, action=action, obj=profile, detail=detail)
    return profile


# --- Benefits counselling ---------------------------------------------------------------------


@dataclass(frozen=True)
class CounsellingInput:
    offered_on: datetime.date
    given_on: datetime.date | None = None
    given_by: str = ""
    given_by_party: Party | None = None
    note: str = ""


def _validate_counselling(
    registration: Registration, data: CounsellingInput, *, previous_party_id: int | None = None
) -> None:
    errors: dict[str, str] = {}
    offered_error = event_date_error(registration, data.offered_on)
    if offered_error:
        errors["offered_on"] = offered_error
    if data.given_on is not None:
        if data.given_on > timezone.localdate():
            errors["given_on"] = _("Datumet kan inte ligga i framtiden.")
        elif data.given_on < data.offered_on:
            errors["given_on"] = _("Rådgivningen kan inte ha genomförts innan den erbjöds.")
    if len(data.given_by.strip()) > GIVEN_BY_MAX_LENGTH:
        errors["given_by"] = _("Namnet får vara högst %(max)d tecken.") % {
            "max": GIVEN_BY_MAX_LENGTH
        }
    party = data.given_by_party
    if party is not None and (
        party.forbund_id != registration.intervention.forbund_id
        or (not party.is_active and party.pk != previous_party_id)
    ):
        errors["given_by_party"] = _("Välj en av förbundets aktiva parter.")
    if len(data.note.strip()) > NOTE_MAX_LENGTH:
        errors["note"] = _("Anteckningen får vara högst %(max)d tecken.") % {"max": NOTE_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)


def _counselling_values(data: CounsellingInput) -> dict[str, object]:
    return {
        "offered_on": data.offered_on,
        "given_on": data.given_on,
        "given_by": data.given_by.strip(),
        "given_by_party": data.given_by_party,
        "note": data.note.strip(),
    }


@transaction.atomic
def benefits_counselling_create(
    *, actor: User, registration: Registration, data: CounsellingInput
) -> BenefitsCounselling:
    """Record that benefits counselling was offered (and perhaps given)."""
    ensure_journey_writer(actor=actor, registration=registration)
    ensure_career_registration(registration)
    _validate_counselling(registration, data)
    record = BenefitsCounselling.objects.create(
        registration=registration, recorded_by=actor, **_counselling_values(data)
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=record,
        detail="Bidragsrådgivning registrerad",
    )
    return record


@transaction.atomic
def benefits_counselling_update(
    *,
    actor: User,
    registration: Registration,
    record: BenefitsCounselling,
    data: CounsellingInput,
    expected_version: int,
) -> BenefitsCounselling:
    """Change a counselling record (typically: it has now been given) at its version."""
    ensure_journey_writer(actor=actor, registration=registration)
    ensure_career_registration(registration)
    if record.registration_id != registration.pk:
        raise ValidationError(_("Posten hör inte till den här inskrivningen."))
    _validate_counselling(registration, data, previous_party_id=record.given_by_party_id)
    values = _counselling_values(data)
    for name, value in values.items():
        setattr(record, name, value)
    save_versioned(record, expected_version=expected_version, fields=list(values))
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.UPDATE,
        obj=record,
        detail="Bidragsrådgivning ändrad",
    )
    return record
