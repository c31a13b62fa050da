"""The public answering page: one-time links, answering without a trace, bad answers, the
same plain page for unknown, used and closed links, the rate limit, Swedish and English."""

from __future__ import annotations

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samsyn.audit.models import AuditEvent
from samsyn.surveys.models import Answer, Response, Survey, SurveyToken
from samsyn.surveys.services.surveys import survey_status_set
from samsyn.surveys.tests.survey_setup import GOOD_ANSWER, links, open_survey

pytestmark = pytest.mark.django_db
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(world) -> Survey:
    return open_survey(world)


def _url(token: str) -> str:
    return reverse("survey_answer:answer", args=[token])


def test_the_path_is_short_and_swedish():
    assert _url("abc") == "/enkat/abc/"


def test_the_form_shows_only_the_groups_questions_without_login(survey):
    [token] = links(survey, 1)
    page = Client().get(_url(token))
    assert page.status_code == 200
    assert "Stödet hängde ihop." in page.text and "Är du" in page.text
    # Q3 (styrelse) and Q4 (chefer) are not asked of participants at exit.
    assert "Fick du arbete?" not in page.text and "Övrigt" not in page.text
    assert "<fieldset" in page.text and "<legend>Stödet hängde ihop." in page.text
    assert "Lättläst" in page.text and "<details" in page.text
    assert page.headers["Cache-Control"].startswith("max-age=0")


def test_an_answer_is_stored_once_with_nothing_but_the_day(survey):
    [token] = links(survey, 1)
    events, sessions = AuditEvent.objects.count(), Session.objects.count()

    done = Client().post(_url(token), GOOD_ANSWER)

    assert done.status_code == 302 and done.url == reverse("survey_answer:thanks")
    response = Response.objects.get()
    assert response.survey == survey
    assert response.answered_on == timezone.localdate()
    assert response.channel == "webb"
    # The stored rows hold nothing but these fields: no token, time, address, user.
    assert {f.attname for f in Response._meta.concrete_fields} == {
        "id",
        "survey_id",
        "answered_on",
        "channel",
    }
    assert {f.attname for f in Answer._meta.concrete_fields} == {
        "id",
        "response_id",
        "question_id",
        "step",
        "choice_id",
        "yes_no",
        "free_text",
    }
    answers = {a.question.code: a for a in Answer.objects.select_related("question", "choice")}
    assert answers["Q1"].step == 4 and answers["KON"].choice.value == 1
    assert SurveyToken.objects.get().used is True
    # Nothing else: no access-log event and no session carry the visit.
    assert AuditEvent.objects.count() == events
    assert Session.objects.count() == sessions


def test_no_table_holds_the_token(survey):
    [token] = links(survey, 1)
    Client().get(_url(token))
    Client().post(_url(token), GOOD_ANSWER)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                assert not any(token in str(value) for value in row), table


def test_a_used_link_gets_the_plain_page_and_cannot_answer_again(survey):
    [token] = links(survey, 1)
    Client().post(_url(token), GOOD_ANSWER)

    again = Client().get(_url(token))
    post_again = Client().post(_url(token), GOOD_ANSWER)

    assert again.status_code == 410 and "Länken kan inte användas" in again.text
    assert post_again.status_code == 410
    assert Response.objects.count() == 1


def test_unknown_used_and_closed_links_get_the_same_page(world, survey):
    used, _closed = links(survey, 2)
    Client().post(_url(used), GOOD_ANSWER)
    other = open_survey(world, name="Annan")
    [closed_token] = links(other, 1)
    survey_status_set(actor=None, survey=other, expected_version=other.version, status="stangd")

    tokens = ("okand-lank", used, closed_token)
    pages = [Client().get(_url(token)) for token in tokens]

    assert {page.status_code for page in pages} == {410}
    # Word for word the same page (apart from the link itself in the language form).
    texts = {
        CSRF.sub("", page.text.replace(token, ""))
        for page, token in zip(pages, tokens, strict=True)
    }
    assert len(texts) == 1
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"q_Q1": "6", "q_KON": "1"}, "q_Q1", "Välj ett av skalans steg."),
        ({"q_Q1": "tre", "q_KON": "1"}, "q_Q1", "Välj ett av skalans steg."),
        ({"q_Q1": "4", "q_KON": "7"}, "q_KON", "Välj ett av svarsalternativen."),
        ({"q_KON": "1"}, "q_Q1", "Svara på frågan."),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_stored(survey, values, field, message):
    [token] = links(survey, 1)
    page = Client().post(_url(token), values)
    assert page.status_code == 200
    assert message in page.text
    # The summary links to the question's first option; the fieldset names its error.
    assert f'href="#id_{field}_0"' in page.text
    assert f'aria-describedby="{field}_error"' in page.text
    assert Response.objects.count() == 0 and Answer.objects.count() == 0
    assert SurveyToken.objects.get().used is False


def test_english(survey):
    [token] = links(survey, 1)
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get(_url(token))
    assert page.status_code == 200 and 'lang="en"' in page.text
    assert "Send your answers" in page.text and "Easy to read" in page.text
    gone = client.get(_url("okand-lank"))
    assert "This link cannot be used" in gone.text


def test_the_rate_limit_per_address(settings, survey):
    settings.SAMSYN_SURVEY_RATE_LIMIT = 3
    [token] = links(survey, 1)
    client = Client(REMOTE_ADDR="192.0.2.7")
    assert [client.get(_url(token)).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.post(_url(token), GOOD_ANSWER)
    assert refused.status_code == 429 and "För många försök" in refused.text
    assert Response.objects.count() == 0
    # Another address is counted on its own.
    assert Client(REMOTE_ADDR="192.0.2.8").get(_url(token)).status_code == 200


def test_the_token_is_kept_out_of_the_log_lines(survey, caplog):
    [token] = links(survey, 1)
    Client().post(_url(token), GOOD_ANSWER)
    with caplog.at_level(logging.INFO):
        Client().get(_url(token))
    assert "/enkat/…" in caplog.text
    assert token not in caplog.text
