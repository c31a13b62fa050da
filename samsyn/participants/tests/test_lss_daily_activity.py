"""Issue #10 item 11: LSS daily activity (seed 001, Landskrona): habiliteringsersättning, the
placement at a job start, the yearly question "vill du arbeta?" and aktivitetsersättning
ending at 30."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.participants.models import (
    IncomeSource,
    Registration,
    RegistrationIncome,
    WorkStart,
    WorkWishCheck,
)
from samsyn.participants.selectors.lss import (
    activity_compensation_end,
    activity_compensation_ending_list,
    work_wish_due_list,
)
from samsyn.participants.services.lss import next_question_due, work_wish_record
from samsyn.participants.services.starts import work_start_create
from samsyn.participants.tests.intake_setup import consent_for, days, referral_of, registered

ALL = ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "outsider"]
STAFF = {"insatsansvarig", "coach"}


def _lss(world: World, *, lss: bool = True, birth_year: int = 1998) -> Registration:
    referral = referral_of(world, has_lss_daily_activity=lss)
    referral.person.birth_year = birth_year
    referral.person.save(update_fields=["birth_year"])
    consent = consent_for(referral, parties=[world.kommun])
    return registered(referral, consent=consent, coach=world["coach"])


def _income(registration: Registration, source: str) -> None:
    RegistrationIncome.objects.create(registration=registration, moment="fore", source=source)


def test_habiliteringsersattning_is_an_income_source() -> None:
    assert IncomeSource("habiliteringsersattning").label == "Habiliteringsersättning"


# --- The placement at a job start ---------------------------------------------------------


def _start(world: World, registration: Registration, placement: str = "") -> WorkStart:
    return work_start_create(
        actor=world["coach"],
        registration_id=registration.pk,
        kind="arbete",
        form="lonebidrag",
        employer="Kyrkoförvaltningen",
        start_date=days(-1),
        daily_activity_placement=placement,
    )


def test_a_job_start_in_daily_activity_says_what_happens_to_the_placement(world: World) -> None:
    registration = _lss(world)
    with pytest.raises(ValidationError) as missing:
        _start(world, registration)
    assert "behålls, blir vilande eller lämnas" in str(missing.value)
    assert not WorkStart.objects.exists()
    assert _start(world, registration, "vilande").daily_activity_placement == "vilande"


def test_habiliteringsersattning_also_means_daily_activity(world: World) -> None:
    registration = _lss(world, lss=False)
    _income(registration, "habiliteringsersattning")
    with pytest.raises(ValidationError):
        _start(world, registration)
    assert _start(world, registration, "lamnas").daily_activity_placement == "lamnas"


def test_no_placement_without_daily_activity(world: World) -> None:
    registration = _lss(world, lss=False)
    with pytest.raises(ValidationError) as refused:
        _start(world, registration, "behalls")
    assert "Personen har ingen plats på daglig verksamhet." in str(refused.value)
    assert _start(world, registration).daily_activity_placement == ""


# --- The yearly question -----------------------------------------------------------------


def test_next_question_is_a_year_later() -> None:
    assert next_question_due(datetime.date(2026, 3, 1)) == datetime.date(2027, 3, 1)
    assert next_question_due(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_a_wish_to_work_needs_a_follow_up(world: World) -> None:
    registration = _lss(world)
    with pytest.raises(ValidationError) as error:
        work_wish_record(
            actor=world["coach"], registration=registration, asked_on=days(-1), answer="ja"
        )
    assert "follow_up" in error.value.message_dict
    check = work_wish_record(
        actor=world["coach"],
        registration=registration,
        asked_on=days(-1),
        answer="ja",
        follow_up="Möte med IPS-coach om praktik.",
        follow_up_on=days(14),
    )
    assert check.next_due == next_question_due(days(-1))
    no = work_wish_record(
        actor=world["coach"], registration=registration, asked_on=days(0), answer="nej"
    )
    assert no.follow_up == ""


def test_due_list_holds_daily_activity_never_asked_or_a_year_ago(world: World) -> None:
    never = _lss(world)
    asked_recently = _lss(world)
    asked_long_ago = _lss(world)
    not_lss = _lss(world, lss=False)
    WorkWishCheck.objects.create(
        registration=asked_recently,
        asked_on=days(-10),
        answer="nej",
        next_due=days(355),
        recorded_by=world["coach"],
    )
    WorkWishCheck.objects.create(
        registration=asked_long_ago,
        asked_on=days(-400),
        answer="nej",
        next_due=days(-35),
        recorded_by=world["coach"],
    )
    due = work_wish_due_list(actor=world["coach"], today=days(0))
    assert [r.pk for r in due] == [never.pk, asked_long_ago.pk]  # never asked first
    assert not_lss.pk not in {r.pk for r in due}
    assert work_wish_due_list(actor=world["outsider"], today=days(0)) == []


# --- Aktivitetsersättning ends at 30 ------------------------------------------------------


def test_the_earliest_end_is_new_year_of_the_30th_year() -> None:
    assert activity_compensation_end(1996) == datetime.date(2026, 1, 1)


def test_aktivitetsersattning_ending_within_six_months_is_flagged(world: World) -> None:
    today = datetime.date(2026, 7, 1)  # six months ahead: 2027-01-01, born 1997 turns 30
    turning_30_next_year = _lss(world, birth_year=1997)
    already_past = _lss(world, birth_year=1990)
    young = _lss(world, birth_year=1998)
    other_income = _lss(world, birth_year=1997)
    for registration in (turning_30_next_year, already_past, young):
        _income(registration, "aktivitetsersattning")
    _income(other_income, "sjukersattning")
    flagged = activity_compensation_ending_list(actor=world["coach"], today=today)
    assert [r.pk for r in flagged] == [already_past.pk, turning_30_next_year.pk]
    earlier = activity_compensation_ending_list(
        actor=world["coach"], today=datetime.date(2026, 6, 30)
    )
    assert [r.pk for r in earlier] == [already_past.pk]


# --- Pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ALL)
def test_who_sees_the_daily_activity_due_list(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    registration = _lss(world)
    response = as_persona(persona).get(reverse("participants:daily_activity_due"))
    if persona in STAFF:
        assert response.status_code == 200
        assert registration.person.pseudonym in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("persona", ALL)
def test_who_records_the_yearly_answer(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    registration = _lss(world)
    url = reverse("participants:work_wish", args=[registration.pk])
    response = as_persona(persona).post(
        url, {"asked_on": days(0).isoformat(), "answer": "nej", "follow_up": ""}
    )
    if persona in STAFF:
        assert response.status_code == 302
        assert WorkWishCheck.objects.get().answer == "nej"
    else:
        assert response.status_code in {403, 404}
        assert not WorkWishCheck.objects.exists()


def test_the_start_api_takes_and_returns_the_placement(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    registration = _lss(world)
    body = {"kind": "studier", "form": "yrkesutbildning", "start_date": days(-1).isoformat()}
    url = f"/api/v1/registrations/{registration.pk}/starts"
    client = as_persona("coach")
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 422
    response = client.post(
        url, {**body, "daily_activity_placement": "lamnas"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["daily_activity_placement"] == "lamnas"
