"""Reads of the career profile (karriärprofil) and benefits counselling of a registration.

Everything starts from ``registration_get`` (samsyn/participants/selectors/registrations.py):
outside the actor's scope or consent it is a 404 (the refused attempt is logged there). Only
registrations in an IPS or Supported Employment intervention have a career profile; any
other registration is a 404 here as well, so the pages do not hint at other methods.

Opening the profile writes two events: the view of the registration (registration_get) and
one saying the career profile itself was read, since its answers are the person's own words
about life and health.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from samsyn.audit.models import AuditAction
from samsyn.core.kommuner import municipality_name
from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.interventions.models.intervention import Method
from samsyn.ips import ssyk
from samsyn.ips.models import BenefitsCounselling, CareerProfile, SniSection
from samsyn.participants.models import Registration
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.journey_access import audit_journey, can_write_journey

CAREER_METHODS = frozenset({Method.IPS.value, Method.SUPPORTED_EMPLOYMENT.value})
READ_DETAIL = "Karriärprofil läst"


def has_career_profile(intervention: Intervention) -> bool:
    """True for interventions run with IPS or Supported Employment."""
    return bool(CAREER_METHODS.intersection(intervention.methods or []))


def ensure_career_registration(registration: Registration) -> None:
    """404 for a registration whose intervention has no career profiles."""
    if not has_career_profile(registration.intervention):
        raise Http404


def career_registration_get(
    *, actor: User, registration_id: int, audit: bool = True, detail: str = READ_DETAIL
) -> Registration:
    """A registration in an IPS/SE intervention the actor may see, or 404.

    With ``audit`` the view of the registration and the read of the profile are logged.
    Without it (before a write) nothing is logged but a refusal, since the service logs the
    change it makes.
    """
    registration = registration_get(actor=actor, registration_id=registration_id, audit=audit)
    ensure_career_registration(registration)
    if audit:
        audit_journey(
            actor=actor,
            registration=registration,
            action=AuditAction.VIEW,
            obj=registration,
            detail=detail,
        )
    return registration


def career_profile_of(registration: Registration) -> CareerProfile | None:
    return CareerProfile.objects.filter(registration=registration).first()


def benefits_counselling_list(registration: Registration) -> list[BenefitsCounselling]:
    """The registration's counselling records, newest offer first."""
    return list(
        BenefitsCounselling.objects.filter(registration=registration).select_related(
            "given_by_party"
        )
    )


def benefits_counselling_get(*, registration: Registration, record_id: int) -> BenefitsCounselling:
    """One counselling record of ``registration`` (already in scope), or 404."""
    record = (
        BenefitsCounselling.objects.filter(registration=registration, pk=record_id)
        .select_related("given_by_party")
        .first()
    )
    if record is None:
        raise Http404
    return record


def registration_id_of_counselling(record_id: int) -> int:
    """Only the parent's id, read without scope; the caller then checks the registration."""
    registration_id = (
        BenefitsCounselling.objects.filter(pk=record_id)
        .values_list("registration_id", flat=True)
        .first()
    )
    if registration_id is None:
        raise Http404
    return int(registration_id)


@dataclass
class CareerPage:
    """What the career-profile page shows, with the codes turned into names."""

    registration: Registration
    profile: CareerProfile | None
    counselling: list[BenefitsCounselling]
    can_write: bool
    occupations: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)


def career_page_get(*, actor: User, registration_id: int) -> CareerPage:
    """The page of a registration's career profile and counselling (logged, see module)."""
    registration = career_registration_get(actor=actor, registration_id=registration_id)
    profile = career_profile_of(registration)
    page = CareerPage(
        registration=registration,
        profile=profile,
        counselling=benefits_counselling_list(registration),
        can_write=can_write_journey(actor=actor, registration=registration),
    )
    if profile is not None:
        page.occupations = [ssyk.occupation_label(code) for code in profile.preferred_occupations]
        page.industries = [sni_label(code) for code in profile.preferred_industries]
        page.municipalities = [municipality_name(code) for code in profile.preferred_municipalities]
    return page


def sni_label(code: str) -> str:
    """ "I Hotell- och restaurangverksamhet" for a section letter; unknown ones as they are."""
    if code in SniSection.values:
        return f"{code} {SniSection(code).label}"
    return code
