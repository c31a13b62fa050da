"""IPS endpoints of the JSON API: a registration's career profile and benefits counselling,
and a search in the SSYK 2012 list. Same selectors and services as the pages: 404 outside
scope (or outside IPS/Supported Employment), 403 for the read-only handläggare, 409 for a
stale version, 422 with Swedish field errors (unknown SSYK code, kommun or SNI section)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from samsyn.core.kommuner import municipality_name
from samsyn.core.models import User
from samsyn.ips import ssyk
from samsyn.ips.models import BenefitsCounselling, CareerProfile
from samsyn.ips.selectors import career as selectors
from samsyn.ips.services import career as services
from samsyn.participants.api.common import ObjectId, actor_of, party_of
from samsyn.participants.api.schemas import (
    Day,
    ErrorOut,
    In,
    InvalidOut,
    LongText,
    ShortText,
    Version,
)
from samsyn.participants.models import Registration
from samsyn.participants.services.journey_access import READ_ONLY_MESSAGE, can_write_journey

router = Router(tags=["IPS"])

Code = Annotated[str, Field(max_length=10)]
Codes = Annotated[list[Code], Field(max_length=services.MAX_CHOICES)]
ProfileText = Annotated[LongText, Field(max_length=services.TEXT_MAX_LENGTH)]


class CodeOut(Schema):
    code: str
    label: str


class CareerProfileOut(Schema):
    registration: int
    version: int | None = Field(description="null while no profile is written")
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
    preferred_occupations: list[CodeOut] = []
    preferred_industries: list[CodeOut] = []
    preferred_municipalities: list[CodeOut] = []
    preferred_hours_per_week: int | None = None
    updated_at: datetime.datetime | None = None


class CareerProfileIn(In):
    version: Version | None = Field(None, description="null for the first profile")
    interests: ProfileText = ""
    interests_in_common: ProfileText = ""
    interests_in_jobs: ProfileText = ""
    in_five_years: ProfileText = ""
    ordinary_day: ProfileText = Field("", description="One activity per line, the best first.")
    life_goals: ProfileText = ""
    wanted_help: ProfileText = ""
    work_history: ProfileText = ""
    education_history: ProfileText = ""
    strengths: ProfileText = ""
    disclosure: ProfileText = ""
    preferred_occupations: Codes = Field([], description="SSYK 2012 unit-group codes")
    preferred_industries: Codes = Field([], description="SNI 2007 section letters A–U")
    preferred_municipalities: Codes = Field([], description="SCB municipality codes")
    preferred_hours_per_week: int | None = Field(None, ge=services.HOURS_MIN, le=services.HOURS_MAX)


class CounsellingOut(Schema):
    id: int
    version: int
    offered_on: datetime.date
    given_on: datetime.date | None
    given_by: str
    given_by_party: int | None
    given_by_party_name: str
    note: str


class CounsellingIn(In):
    offered_on: Day
    given_on: Day | None = None
    given_by: ShortText = ""
    given_by_party: Annotated[int, Field(ge=1)] | None = None
    note: Annotated[LongText, Field(max_length=services.NOTE_MAX_LENGTH)] = ""


def _codes(codes: list[str], label: Callable[[str], str]) -> list[CodeOut]:
    return [CodeOut(code=code, label=label(code)) for code in codes]


def _profile_out(registration: Registration, profile: CareerProfile | None) -> CareerProfileOut:
    if profile is None:
        return CareerProfileOut(registration=registration.pk, version=None)
    texts = {name: getattr(profile, name) for name in services.TEXT_FIELDS}
    return CareerProfileOut(
        registration=registration.pk,
        version=profile.version,
        preferred_occupations=_codes(profile.preferred_occupations, ssyk.occupation_name),
        preferred_industries=_codes(profile.preferred_industries, selectors.sni_label),
        preferred_municipalities=_codes(profile.preferred_municipalities, municipality_name),
        preferred_hours_per_week=profile.preferred_hours_per_week,
        updated_at=profile.updated_at,
        **texts,
    )


def _counselling_out(record: BenefitsCounselling) -> CounsellingOut:
    party = record.given_by_party
    return CounsellingOut(
        id=record.pk,
        version=record.version,
        offered_on=record.offered_on,
        given_on=record.given_on,
        given_by=record.given_by,
        given_by_party=party.pk if party else None,
        given_by_party_name=party.name if party else "",
        note=record.note,
    )


def _writable(actor: User, registration_id: int) -> Registration:
    """Checked before the service so a refusal is logged outside its transaction."""
    registration = selectors.career_registration_get(
        actor=actor, registration_id=registration_id, audit=False
    )
    if not can_write_journey(actor=actor, registration=registration):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    return registration


@router.get(
    "/ips/registrations/{registration_id}/career-profile",
    response={200: CareerProfileOut, 404: ErrorOut, 422: InvalidOut},
    summary="Karriärprofilen",
    description="The seed 001 questions, history, strengths and job preferences with their "
    "names. `version` is null while no profile is written. Logged as a read of the profile. "
    "Only registrations in IPS / Supported Employment interventions.",
)
def career_profile_get(request: HttpRequest, registration_id: ObjectId) -> CareerProfileOut:
    actor = actor_of(request)
    registration = selectors.career_registration_get(
        actor=actor, registration_id=registration_id, detail="Karriärprofil läst (API)"
    )
    return _profile_out(registration, selectors.career_profile_of(registration))


@router.put(
    "/ips/registrations/{registration_id}/career-profile",
    response={200: CareerProfileOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
    summary="Skriv eller ändra karriärprofilen",
    description="The whole profile: fields left out are emptied. Send the `version` you read "
    "(null for the first). A stale version is 409 and nothing changes.",
)
def career_profile_put(
    request: HttpRequest, registration_id: ObjectId, payload: CareerProfileIn
) -> CareerProfileOut:
    actor = actor_of(request)
    registration = _writable(actor, registration_id)
    data = services.CareerProfileInput(**payload.model_dump(exclude={"version"}))
    profile = services.career_profile_save(
        actor=actor, registration=registration, data=data, expected_version=payload.version
    )
    return _profile_out(registration, profile)


@router.get(
    "/ips/registrations/{registration_id}/benefits-counselling",
    response={200: list[CounsellingOut], 404: ErrorOut, 422: InvalidOut},
    summary="Bidragsrådgivning",
    description="Offered and given benefits counselling, newest offer first.",
)
def counselling_list(request: HttpRequest, registration_id: ObjectId) -> list[CounsellingOut]:
    actor = actor_of(request)
    registration = selectors.career_registration_get(
        actor=actor, registration_id=registration_id, detail="Bidragsrådgivning läst (API)"
    )
    return [_counselling_out(r) for r in selectors.benefits_counselling_list(registration)]


@router.post(
    "/ips/registrations/{registration_id}/benefits-counselling",
    response={201: CounsellingOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    summary="Registrera bidragsrådgivning",
    description="`given_on` is on or after `offered_on` and not in the future; "
    "`given_by_party` is a party id of the förbund.",
)
def counselling_create(
    request: HttpRequest, registration_id: ObjectId, payload: CounsellingIn
) -> Status[CounsellingOut]:
    actor = actor_of(request)
    registration = _writable(actor, registration_id)
    party = party_of(
        forbund_id=registration.intervention.forbund_id,
        pk=payload.given_by_party,
        field="given_by_party",
    )
    record = services.benefits_counselling_create(
        actor=actor,
        registration=registration,
        data=services.CounsellingInput(
            offered_on=payload.offered_on,
            given_on=payload.given_on,
            given_by=payload.given_by,
            given_by_party=party,
            note=payload.note,
        ),
    )
    return Status(201, _counselling_out(record))


@router.get(
    "/ips/ssyk",
    response={200: list[CodeOut], 422: InvalidOut},
    summary="Sök yrke i SSYK 2012",
    description="Unit groups whose code starts with `q` or whose name contains it.",
)
def ssyk_search(
    request: HttpRequest,
    q: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[CodeOut]:
    return [CodeOut(code=code, label=name) for code, name in ssyk.search(q, limit=limit)]
