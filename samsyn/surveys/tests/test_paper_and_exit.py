"""Paper forms entered by staff (channel papper, who entered one in the log but not which
response) and the exit form handed over from the participants' exit page (one link, tied
to neither the exit nor the participant)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.participants.tests.followup_setup import ended, registration_for
from samsyn.surveys.models import Answer, Response, Survey, SurveyToken
from samsyn.surveys.tests.survey_setup import GOOD_ANSWER, open_survey

pytestmark = pytest.mark.django_db
MANAGERS = ("admin", "insatsansvarig")
OTHERS = ("coach", "handlaggare", "styrgrupp", "granskare", "outsider", "nobody")


@pytest.fixture
def survey(world) -> Survey:
    return open_survey(world)


@pytest.mark.parametrize("name", MANAGERS)
def test_staff_enter_a_paper_form(as_persona, world, survey, name):
    client = as_persona(name)
    url = reverse("surveys:survey_paper", args=[survey.pk])
    assert client.get(url).status_code == 200
    # A question left blank on paper stays blank.
    done = client.post(url, {"answered_on": "2026-03-02", "q_Q1": "2", "q_KON": ""})
    assert done.status_code == 302
    response = Response.objects.get()
    assert response.channel == "papper" and response.answered_on == datetime.date(2026, 3, 2)
    assert [a.step for a in Answer.objects.all()] == [2]
    event = AuditEvent.objects.get(detail="paper form entered")
    assert event.actor == world[name] and event.object_type == "surveys.Survey"
    assert event.object_id == str(survey.pk)
    assert str(response.pk) not in event.object_id + event.detail


def test_a_bad_paper_form_stores_nothing(as_persona, survey):
    client = as_persona("admin")
    url = reverse("surveys:survey_paper", args=[survey.pk])
    page = client.post(url, {"answered_on": "2026-03-02", "q_Q1": "9"})
    assert page.status_code == 200 and "Välj ett av skalans steg." in page.text
    empty = client.post(url, {"answered_on": "2026-03-02"})
    assert "Formuläret har inga svar." in empty.text
    future = client.post(url, {"answered_on": "2999-01-01", "q_Q1": "3"})
    assert "framtiden" in future.text
    assert Response.objects.count() == 0
    assert not AuditEvent.objects.filter(detail="paper form entered").exists()


@pytest.mark.parametrize("name", OTHERS)
def test_others_cannot_enter_paper_forms(as_persona, survey, name):
    url = reverse("surveys:survey_paper", args=[survey.pk])
    assert (
        as_persona(name).post(url, {"answered_on": "2026-03-02", **GOOD_ANSWER}).status_code == 404
    )
    assert Response.objects.count() == 0


def _exited(world):
    return ended(registration_for(world), datetime.date(2026, 5, 31))


@pytest.mark.parametrize("name", ("coach", "insatsansvarig"))
def test_the_exit_page_offers_one_untied_link(as_persona, world, survey, name):
    registration = _exited(world)
    client = as_persona(name)
    page = client.get(reverse("participants:exit", args=[registration.pk]))
    action = reverse("surveys:survey_exit_link", args=[survey.pk])
    assert page.status_code == 200 and action in page.text
    assert "Skapa en kod att lämna över" in page.text
    events = AuditEvent.objects.count()

    handed = client.post(action)

    assert handed.status_code == 200 and handed.text.count("<svg") == 1
    token_row = SurveyToken.objects.get()
    assert token_row.survey == survey and not token_row.used
    # No event of the hand-over, nothing names the participant or the link.
    assert AuditEvent.objects.count() == events
    token = handed.text.split("/enkat/")[1].split("/")[0]
    assert (
        Client().post(reverse("survey_answer:answer", args=[token]), GOOD_ANSWER).status_code == 302
    )
    assert Response.objects.get().survey == survey


def test_no_offer_without_an_open_exit_survey(as_persona, world):
    open_survey(world, respondent_group="deltagare_pagaende")
    registration = _exited(world)
    page = as_persona("coach").get(reverse("participants:exit", args=[registration.pk]))
    assert "Skapa en kod att lämna över" not in page.text


@pytest.mark.parametrize("name", ("handlaggare", "styrgrupp", "granskare", "outsider", "nobody"))
def test_others_cannot_make_an_exit_link(as_persona, survey, name):
    answer = as_persona(name).post(reverse("surveys:survey_exit_link", args=[survey.pk]))
    assert answer.status_code == 404
    assert SurveyToken.objects.count() == 0
