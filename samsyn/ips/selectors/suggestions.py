"""Matching participants and employers on the career profile's preferences.

For a participant: the employers of the förbund's bank whose SNI section is among the
profile's ``preferred_industries`` or whose municipality is among its
``preferred_municipalities``; both matching ranks above one. For an employer: the ongoing
participants the actor may see whose preferences fit it, ranked the same way; every one
shown is logged (one audit row each, written in one insert).

Preferences are JSON lists, and JSON containment is not portable to SQLite, so the
participant side filters the actor's (caseload-sized) list of profiles in Python; the
employer side is a single SQL query with the score computed by the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, F, QuerySet, Value, When

from samsyn.audit.context import current_origin
from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.services.events import audit_records_bulk
from samsyn.core.models import User
from samsyn.ips.models import CareerProfile, Employer
from samsyn.ips.selectors.employers import bank_access, employer_get
from samsyn.participants.models import Registration
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.selectors.scoping import registrations_visible_to

MAX_SUGGESTIONS = 50


@dataclass(frozen=True)
class EmployerSuggestion:
    employer: Employer
    industry_fits: bool
    area_fits: bool

    @property
    def score(self) -> int:
        return int(self.industry_fits) + int(self.area_fits)


@dataclass(frozen=True)
class ParticipantSuggestions:
    registration: Registration
    has_profile: bool
    suggestions: list[EmployerSuggestion]


def _fit(field: str, values: list[str]) -> Case:
    return Case(When(**{f"{field}__in": values}, then=Value(1)), default=Value(0))


def matching_employers(
    forbund_id: int, industries: list[str], municipalities: list[str]
) -> QuerySet[Employer]:
    """The bank's current employers fitting either preference, best first (one query)."""
    industries, municipalities = list(industries or []), list(municipalities or [])
    if not industries and not municipalities:
        return Employer.objects.none()
    return (
        Employer.objects.filter(forbund_id=forbund_id, removed_on__isnull=True)
        .annotate(
            industry_fit=_fit("sni_section", industries),
            area_fit=_fit("municipality_code", municipalities),
        )
        .annotate(score=F("industry_fit") + F("area_fit"))
        .filter(score__gt=0)
        .order_by("-score", "name", "id")
    )


def suggestions_for_participant(*, actor: User, registration_id: int) -> ParticipantSuggestions:
    """Employers for one participant: 404 unless the actor sees the participant and the bank;
    the participant's page view is audited by ``registration_get``."""
    access = bank_access(actor)
    registration = registration_get(actor=actor, registration_id=registration_id)
    access.role_in(registration.intervention.forbund_id)
    profile = CareerProfile.objects.filter(registration=registration).first()
    if profile is None:
        return ParticipantSuggestions(registration, has_profile=False, suggestions=[])
    employers = matching_employers(
        registration.intervention.forbund_id,
        profile.preferred_industries,
        profile.preferred_municipalities,
    )[:MAX_SUGGESTIONS]
    suggestions = [
        EmployerSuggestion(e, bool(e.industry_fit), bool(e.area_fit))  # type: ignore[attr-defined]  # annotated
        for e in employers
    ]
    return ParticipantSuggestions(registration, has_profile=True, suggestions=suggestions)


@dataclass(frozen=True)
class ParticipantSuggestion:
    registration: Registration
    industry_fits: bool
    area_fits: bool

    @property
    def score(self) -> int:
        return int(self.industry_fits) + int(self.area_fits)


def suggestions_for_employer(*, actor: User, employer_id: int) -> list[ParticipantSuggestion]:
    """Ongoing participants the actor may see whose preferences fit the employer."""
    access = bank_access(actor)
    employer = employer_get(actor=actor, employer_id=employer_id, access=access)
    role = access.role_in(employer.forbund_id)
    registrations = (
        registrations_visible_to(actor)
        .filter(
            intervention__forbund_id=employer.forbund_id,
            end_date__isnull=True,
            career_profile__isnull=False,
        )
        .select_related("person", "intervention", "career_profile")
        .order_by("start_date", "id")
    )
    found: list[ParticipantSuggestion] = []
    for registration in registrations:
        profile = registration.career_profile
        industry = employer.sni_section in (profile.preferred_industries or [])
        area = employer.municipality_code in (profile.preferred_municipalities or [])
        if industry or area:
            found.append(ParticipantSuggestion(registration, industry, area))
    found.sort(key=lambda s: -s.score)
    found = found[:MAX_SUGGESTIONS]
    _audit_shown(actor, role, employer, found)
    return found


def _audit_shown(
    actor: User, role: str, employer: Employer, shown: list[ParticipantSuggestion]
) -> None:
    """One view event per participant shown, in one insert (the page stays constant)."""
    if not shown:
        return
    origin = current_origin()
    audit_records_bulk(
        AuditEvent(
            actor=actor,
            actor_username=actor.get_username()[:150],
            role=role,
            forbund_id=employer.forbund_id,
            intervention_id=suggestion.registration.intervention_id,
            participant_ref=suggestion.registration.person.pseudonym,
            action=str(AuditAction.VIEW),
            object_type=Registration._meta.label,
            object_id=str(suggestion.registration.pk),
            detail=f"Föreslagen för arbetsgivare {employer.pk}",
            ip_address=origin.ip_address,
            request_id=origin.request_id,
        )
        for suggestion in shown
    )
