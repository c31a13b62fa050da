"""Career profile and benefits counselling services: validation, permission, stale, audit."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404
from django.utils import timezone

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.tests.factories import PartyFactory
from samsyn.core.versioning import StaleEditError
from samsyn.ips import ssyk
from samsyn.ips.models import BenefitsCounselling, CareerProfile
from samsyn.ips.services.career import (
    CareerProfileInput,
    CounsellingInput,
    benefits_counselling_create,
    benefits_counselling_update,
    career_profile_save,
)
from samsyn.ips.tests.career_setup import career_for, other_coach
from samsyn.participants.models import Registration

pytestmark = pytest.mark.django_db

OFFERED = datetime.date(2026, 3, 2)
EARLIER = datetime.date(2026, 3, 1)


@pytest.fixture
def registration(world: World) -> Registration:
    return career_for(world)


def _profile(**fields: object) -> CareerProfileInput:
    values: dict[str, Any] = {
        "interests": "  Musik  ",
        "preferred_occupations": ["5120", "5120", " 2512 ", ""],
        "preferred_industries": ["I"],
        "preferred_municipalities": ["1780"],
        "preferred_hours_per_week": 20,
    }
    values.update(fields)
    return CareerProfileInput(**values)


def _events(obj: Model, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            object_type=obj._meta.label,
            object_id=str(obj.pk),
            action=action,
        )
    )


def test_create_then_update_with_version(world: World, registration: Registration) -> None:
    coach = world["coach"]
    profile = career_profile_save(
        actor=coach, registration=registration, data=_profile(), expected_version=None
    )
    assert profile.interests == "Musik"
    assert profile.preferred_occupations == ["5120", "2512"]  # trimmed, no repeats, order kept
    assert profile.version == 1
    assert _events(profile, "create")[0].detail == "Karriärprofil skapad"
    assert _events(profile, "create")[0].participant_ref == registration.person.pseudonym
    updated = career_profile_save(
        actor=coach,
        registration=registration,
        data=_profile(strengths="Noggrann"),
        expected_version=1,
    )
    assert updated.version == 2
    assert CareerProfile.objects.get().strengths == "Noggrann"
    assert len(_events(profile, "update")) == 1


def test_stale_edits_are_refused(world: World, registration: Registration) -> None:
    coach = world["coach"]
    career_profile_save(
        actor=coach, registration=registration, data=_profile(), expected_version=None
    )
    with pytest.raises(StaleEditError):  # someone created it meanwhile
        career_profile_save(
            actor=coach, registration=registration, data=_profile(), expected_version=None
        )
    with pytest.raises(StaleEditError):
        career_profile_save(
            actor=coach,
            registration=registration,
            data=_profile(interests="Nytt"),
            expected_version=7,
        )
    assert CareerProfile.objects.get().interests == "Musik"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("preferred_occupations", ["9999"], "Okänd yrkeskod: 9999"),
        ("preferred_occupations", ["51"], "Okänd yrkeskod: 51"),
        ("preferred_industries", ["Z"], "Okänd bransch: Z"),
        ("preferred_municipalities", ["0000"], "Okänd kommunkod: 0000"),
        ("preferred_hours_per_week", 0, "mellan 1 och 60"),
        ("preferred_hours_per_week", 61, "mellan 1 och 60"),
        ("interests", "x" * 4001, "högst 4000 tecken"),
    ],
)
def test_bad_input_changes_nothing(
    world: World, registration: Registration, field: str, value: object, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        career_profile_save(
            actor=world["coach"],
            registration=registration,
            data=_profile(**{field: value}),
            expected_version=None,
        )
    assert message in caught.value.message_dict[field][0]
    assert not CareerProfile.objects.exists()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_too_many_occupations(world: World, registration: Registration) -> None:
    codes = list(ssyk.unit_groups())[:31]
    with pytest.raises(ValidationError) as caught:
        career_profile_save(
            actor=world["coach"],
            registration=registration,
            data=_profile(preferred_occupations=codes),
            expected_version=None,
        )
    assert "högst 30" in caught.value.message_dict["preferred_occupations"][0]


def test_permissions(world: World, registration: Registration) -> None:
    career_profile_save(
        actor=world["insatsansvarig"],
        registration=registration,
        data=_profile(),
        expected_version=None,
    )
    with pytest.raises(PermissionDenied):
        career_profile_save(
            actor=world["handlaggare"],
            registration=registration,
            data=_profile(),
            expected_version=1,
        )
    for name in ("admin", "styrgrupp", "granskare", "outsider", "nobody"):
        with pytest.raises(Http404):
            career_profile_save(
                actor=world[name], registration=registration, data=_profile(), expected_version=1
            )
    with pytest.raises(Http404):  # another coach, caseloads not shared
        career_profile_save(
            actor=other_coach(world),
            registration=registration,
            data=_profile(),
            expected_version=1,
        )


def test_other_coach_writes_when_caseloads_are_shared(
    world: World, registration: Registration
) -> None:
    world.intervention.coaches_share_caseload = True
    world.intervention.save(update_fields=["coaches_share_caseload"])
    profile = career_profile_save(
        actor=other_coach(world), registration=registration, data=_profile(), expected_version=None
    )
    assert profile.pk


def test_not_an_ips_intervention(world: World) -> None:
    registration = career_for(world, methods=("mi_stegforflyttning",))
    with pytest.raises(Http404):
        career_profile_save(
            actor=world["coach"], registration=registration, data=_profile(), expected_version=None
        )
    with pytest.raises(Http404):
        benefits_counselling_create(
            actor=world["coach"], registration=registration, data=CounsellingInput(OFFERED)
        )


def test_supported_employment_has_career_profiles(world: World) -> None:
    registration = career_for(world, methods=("supported_employment",))
    profile = career_profile_save(
        actor=world["coach"], registration=registration, data=_profile(), expected_version=None
    )
    assert profile.pk


# --- Benefits counselling ------------------------------------------------------------------


def test_counselling_create_and_update(world: World, registration: Registration) -> None:
    coach = world["coach"]
    record = benefits_counselling_create(
        actor=coach,
        registration=registration,
        data=CounsellingInput(OFFERED, given_by=" Anna Ek ", note="Om aktivitetsersättning"),
    )
    assert record.given_by == "Anna Ek"
    assert record.recorded_by == coach
    assert _events(record, "create")[0].detail == "Bidragsrådgivning registrerad"
    given = OFFERED + datetime.timedelta(days=5)
    benefits_counselling_update(
        actor=coach,
        registration=registration,
        record=record,
        data=CounsellingInput(OFFERED, given_on=given, given_by_party=world.fk),
        expected_version=1,
    )
    stored = BenefitsCounselling.objects.get()
    assert (stored.given_on, stored.given_by_party, stored.version) == (given, world.fk, 2)
    assert len(_events(record, "update")) == 1
    with pytest.raises(StaleEditError):
        benefits_counselling_update(
            actor=coach,
            registration=registration,
            record=stored,
            data=CounsellingInput(OFFERED),
            expected_version=1,
        )
    assert BenefitsCounselling.objects.get().given_on == given


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (CounsellingInput(OFFERED, given_on=EARLIER), "given_on", "innan den erbjöds"),
        (CounsellingInput(datetime.date(2026, 1, 1)), "offered_on", "före inskrivningen"),
        (CounsellingInput(OFFERED, given_by="x" * 201), "given_by", "högst 200"),
        (CounsellingInput(OFFERED, note="x" * 2001), "note", "högst 2000"),
    ],
)  # fmt: skip
def test_counselling_validation(
    world: World, registration: Registration, data: CounsellingInput, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        benefits_counselling_create(actor=world["coach"], registration=registration, data=data)
    assert message in caught.value.message_dict[field][0]
    assert not BenefitsCounselling.objects.exists()


def test_counselling_dates_not_in_the_future(world: World, registration: Registration) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        benefits_counselling_create(
            actor=world["coach"],
            registration=registration,
            data=CounsellingInput(tomorrow, given_on=tomorrow),
        )
    assert set(caught.value.message_dict) == {"offered_on", "given_on"}


def test_counselling_party_of_another_forbund(world: World, registration: Registration) -> None:
    with pytest.raises(ValidationError) as caught:
        benefits_counselling_create(
            actor=world["coach"],
            registration=registration,
            data=CounsellingInput(OFFERED, given_by_party=world.other_party),
        )
    assert "given_by_party" in caught.value.message_dict
    inactive = PartyFactory(forbund=world.forbund, is_active=False)
    with pytest.raises(ValidationError):
        benefits_counselling_create(
            actor=world["coach"],
            registration=registration,
            data=CounsellingInput(OFFERED, given_by_party=inactive),
        )


def test_counselling_read_only_and_outsiders(world: World, registration: Registration) -> None:
    with pytest.raises(PermissionDenied):
        benefits_counselling_create(
            actor=world["handlaggare"], registration=registration, data=CounsellingInput(OFFERED)
        )
    with pytest.raises(Http404):
        benefits_counselling_create(
            actor=world["styrgrupp"], registration=registration, data=CounsellingInput(OFFERED)
        )
    assert not BenefitsCounselling.objects.exists()
