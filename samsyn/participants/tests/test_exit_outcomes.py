"""Issue #10, item 6: the outcome must agree with the occupation after the intervention.

The table is ``OCCUPATIONS_FOR_OUTCOME`` (docs/participants-journey.md); a contradiction is
refused in the service, the exit form and the API (422) and changes nothing. "Arbete och
studier" is an outcome and counts once in the share to work or studies.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samsyn.participants.models import Occupation, Outcome, PostExitFollowUp, Registration
from samsyn.participants.selectors.metrics import evaluate
from samsyn.participants.services.exit import (
    OCCUPATIONS_FOR_OUTCOME,
    ExitData,
    outcome_contradiction,
    registration_exit,
)
from samsyn.participants.tests.api_setup import (
    as_api_fixture,  # noqa: F401 - the as_api fixture
    field_errors,
)
from samsyn.participants.tests.followup_setup import registration_for
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 26)
END = datetime.date(2026, 8, 31)
CONTRADICTION = (
    "Resultatet vid avslut ”Arbete” stämmer inte med sysselsättningen efter insatsen "
    "(”Ingen sysselsättning”). Med det resultatet ska sysselsättningen vara: arbetar."
)


def _data(outcome: str, occupation: str) -> ExitData:
    return ExitData(
        end_date=END,
        reason="fullfoljt",
        income_sources_after=["lon"],
        occupation_after=occupation,
        outcome=outcome,
        exit_plan="Fortsatt stöd hos Arbetsförmedlingen.",
        step_forward=True,
    )


def _exit(world, registration: Registration, outcome: str, occupation: str) -> Registration:
    return registration_exit(
        actor=world["coach"],
        registration_id=registration.pk,
        expected_version=registration.version,
        data=_data(outcome, occupation),
        today=TODAY,
    )


def _unchanged(registration: Registration) -> None:
    registration.refresh_from_db()
    assert registration.is_ongoing and registration.version == 1
    assert registration.outcome == "" and registration.occupation_after == ""
    assert not PostExitFollowUp.objects.filter(registration=registration).exists()


def test_the_table_covers_every_outcome_and_work_or_studies_goes_with_working_or_studying():
    assert set(OCCUPATIONS_FOR_OUTCOME) == set(Outcome.values)
    working = {Occupation.ARBETAR, Occupation.STUDERAR}
    for outcome, allowed in OCCUPATIONS_FOR_OUTCOME.items():
        work_or_studies = outcome in {"arbete", "studier", "arbete_studier"}
        assert (allowed <= working) == work_or_studies, outcome
        assert not (allowed & working) or work_or_studies, outcome


@pytest.mark.parametrize(
    ("outcome", "occupation"), list(itertools.product(Outcome.values, Occupation.values))
)
def test_every_pair_is_accepted_exactly_when_the_table_allows_it(world, outcome, occupation):
    registration = registration_for(world)
    if occupation in OCCUPATIONS_FOR_OUTCOME[outcome]:
        _exit(world, registration, outcome, occupation)
        registration.refresh_from_db()
        assert (registration.outcome, registration.occupation_after) == (outcome, occupation)
        return
    with pytest.raises(ValidationError) as caught:
        _exit(world, registration, outcome, occupation)
    assert list(caught.value.error_dict) == ["outcome"]
    _unchanged(registration)


def test_the_message_names_both_and_what_would_agree():
    assert outcome_contradiction(outcome="arbete", occupation_after="ingen") == CONTRADICTION
    assert outcome_contradiction(outcome="arbete", occupation_after="arbetar") is None
    # Missing or unknown values have their own messages.
    assert outcome_contradiction(outcome="", occupation_after="ingen") is None
    assert outcome_contradiction(outcome="arbete", occupation_after="") is None


def test_a_felregistrering_with_a_contradiction_is_refused_too(world):
    registration = registration_for(world)
    data = ExitData(
        end_date=END, reason="felregistrering", occupation_after="ingen", outcome="arbete"
    )
    with pytest.raises(ValidationError):
        registration_exit(
            actor=world["coach"],
            registration_id=registration.pk,
            expected_version=1,
            data=data,
            today=TODAY,
        )
    _unchanged(registration)


def test_the_exit_form_refuses_a_contradiction_and_changes_nothing(world, as_persona):
    registration = registration_for(world)
    response = as_persona("coach").post(
        reverse("participants:exit", args=[registration.pk]),
        {
            "version": registration.version,
            "end_date": "2026-08-31",
            "reason": "fullfoljt",
            "income_sources_after": ["forsorjningsstod"],
            "occupation_after": "ingen",
            "outcome": "arbete",
            "step_forward": "ja",
        },
    )
    assert response.status_code == 200
    assert CONTRADICTION in response.content.decode()
    _unchanged(registration)


def test_the_exit_form_offers_work_and_studies(world, as_persona):
    registration = registration_for(world)
    html = as_persona("coach").get(reverse("participants:exit", args=[registration.pk]))
    assert '<option value="arbete_studier">Arbete och studier</option>' in html.content.decode()


def test_the_api_answers_422_with_the_field_error_and_changes_nothing(world, as_api):
    registration = registration_for(world)
    body = {
        "version": registration.version,
        "end_date": "2026-08-31",
        "reason": "fullfoljt",
        "income_sources_after": ["forsorjningsstod"],
        "occupation_after": "ingen",
        "outcome": "arbete",
        "step_forward": True,
    }
    response = as_api("coach").post(f"/registrations/{registration.pk}/exit", body)
    assert field_errors(response) == {"outcome": CONTRADICTION}
    _unchanged(registration)


def test_the_api_accepts_work_and_studies(world, as_api):
    registration = registration_for(world)
    body = {
        "version": registration.version,
        "end_date": "2026-08-31",
        "reason": "fullfoljt",
        "income_sources_after": ["lon", "studiemedel"],
        "occupation_after": "studerar",
        "outcome": "arbete_studier",
        "step_forward": True,
    }
    response = as_api("coach").post(f"/registrations/{registration.pk}/exit", body)
    assert response.status_code == 200, response.content
    assert response.json()["exit"]["outcome"] == "arbete_studier"


def test_work_and_studies_counts_once_in_the_share_to_work_or_studies(world):
    for outcome, occupation in (
        ("arbete", "arbetar"),
        ("studier", "studerar"),
        ("arbete_studier", "arbetar"),
        ("arbetssokande", "arbetssokande"),
    ):
        _exit(world, registration_for(world), outcome, occupation)
    values = evaluate(world.intervention, Period(datetime.date(2026, 8, 1), END))
    assert values["ended"]["total"] == 4
    assert values["ended_work_or_studies"]["total"] == 3
    assert values["share_work_or_studies"]["total"] == 0.75
