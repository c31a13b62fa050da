"""Survey pages and API per persona: the förbundsadministratör and the insatsansvarig (of
the survey's interventions) create, read and manage surveys; everybody else gets 404.
Versioned edits, open/close, one-time link batches shown once, the answer count."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import StaleEditError
from samsyn.surveys.models import Survey, SurveyToken
from samsyn.surveys.services.answers import response_record
from samsyn.surveys.services.surveys import survey_create, survey_update
from samsyn.surveys.services.tokens import token_hash
from samsyn.surveys.tests.survey_setup import fields, open_survey, published_instrument
from samsyn.testing.stale import StaleForm, check_stale_save, check_stale_save_hidden

pytestmark = pytest.mark.django_db
MANAGERS = ("admin", "insatsansvarig")
OTHERS = ("coach", "handlaggare", "styrgrupp", "granskare", "outsider", "nobody")


@pytest.fixture
def survey(world) -> Survey:
    return open_survey(world)


def _form(world, instrument, **changes):
    data = {
        "forbund": world.forbund.pk,
        "name": "Deltagarenkät",
        "instrument": instrument.pk,
        "respondent_group": "deltagare_avslut",
        "interventions": [world.intervention.pk],
        "period_from": "2026-01-01",
        "period_to": "2026-06-30",
        "target_answers": "25",
    }
    return data | changes


@pytest.mark.parametrize("name", MANAGERS)
def test_managers_create_a_survey_on_the_page(as_persona, world, name):
    instrument = published_instrument(world)
    client = as_persona(name)
    assert client.get(reverse("surveys:survey_create")).status_code == 200
    done = client.post(reverse("surveys:survey_create"), _form(world, instrument))
    survey = Survey.objects.get()
    assert done.status_code == 302 and done.url == reverse(
        "surveys:survey_detail", args=[survey.pk]
    )
    assert survey.status == "utkast" and list(survey.interventions.all()) == [world.intervention]
    assert survey.target_answers == 25
    event = AuditEvent.objects.get(object_type="surveys.Survey", action="create")
    assert event.actor == world[name] and event.role == (
        "forbundsadministrator" if name == "admin" else "insatsansvarig"
    )


def test_only_the_admin_makes_a_survey_about_the_forbund_itself(as_persona, world):
    instrument = published_instrument(world)
    refused = as_persona("insatsansvarig").post(
        reverse("surveys:survey_create"),
        _form(world, instrument, interventions=[], respondent_group="styrelse"),
    )
    assert refused.status_code == 200 and "förbundsadministratören" in refused.text
    assert Survey.objects.count() == 0
    as_persona("admin").post(
        reverse("surveys:survey_create"),
        _form(world, instrument, interventions=[], respondent_group="styrelse"),
    )
    assert Survey.objects.get().interventions.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"respondent_group": "insatspersonal"}, "inga frågor till den svarsgruppen"),
        ({"period_to": "2025-01-01"}, "Perioden kan inte sluta innan den börjar"),
        ({"name": "   "}, ""),
    ],
)
def test_a_bad_survey_is_refused(as_persona, world, changes, message):
    instrument = published_instrument(world)
    page = as_persona("admin").post(
        reverse("surveys:survey_create"), _form(world, instrument, **changes)
    )
    assert page.status_code == 200 and message in page.text
    assert Survey.objects.count() == 0


def test_a_draft_instrument_cannot_be_sent(world):
    instrument = published_instrument(world)
    instrument.status = "utkast"
    instrument.save()
    with pytest.raises(ValidationError):
        survey_create(actor=world["admin"], forbund=world.forbund, fields=fields(instrument, world))


def test_the_insatsansvarig_cannot_send_for_another_intervention(world):
    from samsyn.core.tests.factories import InterventionFactory

    other = InterventionFactory(forbund=world.forbund, owner_party=world.kommun, slug="annan")
    instrument = published_instrument(world)
    with pytest.raises(Http404):
        survey_create(
            actor=world["insatsansvarig"],
            forbund=world.forbund,
            fields=fields(instrument, world, interventions=[other]),
        )


@pytest.mark.parametrize("name", MANAGERS)
def test_managers_see_the_list_and_detail_with_answers_so_far(as_persona, survey, name):
    response_record(
        survey=survey,
        values={"q_Q1": "5", "q_KON": "2"},
        channel="papper",
        answered_on=datetime.date(2026, 3, 1),
        require_all=False,
    )
    client = as_persona(name)
    listing = client.get(reverse("surveys:survey_list"))
    assert listing.status_code == 200 and "Avslutsenkät Testinsatsen" in listing.text
    assert "1 / 40" in listing.text
    detail = client.get(reverse("surveys:survey_detail", args=[survey.pk]))
    assert detail.status_code == 200 and "1 av målet 40" in detail.text


def test_the_list_runs_a_constant_number_of_queries(as_persona, world, survey, assert_query_count):
    client = as_persona("admin")
    client.get(reverse("surveys:survey_list"))
    with assert_query_count(10):
        client.get(reverse("surveys:survey_list"))
    for number in range(5):
        open_survey(world, survey.instrument, name=f"Enkät {number}")
    with assert_query_count(10):
        client.get(reverse("surveys:survey_list"))


@pytest.mark.parametrize("name", OTHERS)
def test_others_get_404(as_persona, survey, name):
    client = as_persona(name)
    for url_name in ("survey_detail", "survey_edit", "survey_paper"):
        assert client.get(reverse(f"surveys:{url_name}", args=[survey.pk])).status_code == 404
    for url_name in ("survey_status", "survey_links"):
        answer = client.post(reverse(f"surveys:{url_name}", args=[survey.pk]), {"count": "2"})
        assert answer.status_code == 404
    if name != "outsider":
        assert client.get(reverse("surveys:survey_list")).status_code == 404
        assert client.get(reverse("surveys:survey_create")).status_code == 404
    else:
        assert "Avslutsenkät" not in client.get(reverse("surveys:survey_list")).text
    assert SurveyToken.objects.count() == 0


def test_edit_is_versioned_and_audited(as_persona, world, survey):
    client = as_persona("admin")
    data = _form(world, survey.instrument, name="Nytt namn", version=survey.version)
    data.pop("forbund")
    assert client.get(reverse("surveys:survey_edit", args=[survey.pk])).status_code == 200
    assert client.post(reverse("surveys:survey_edit", args=[survey.pk]), data).status_code == 302
    survey.refresh_from_db()
    assert survey.name == "Nytt namn"
    stale = client.post(reverse("surveys:survey_edit", args=[survey.pk]), data | {"name": "X"})
    assert stale.status_code == 200 and "Någon annan har sparat under tiden" in stale.text
    with pytest.raises(StaleEditError):
        survey_update(
            actor=None, survey=survey, expected_version=1, fields=fields(survey.instrument, world)
        )
    assert AuditEvent.objects.filter(object_type="surveys.Survey", action="update").exists()


def _stale_survey_form(world, survey) -> StaleForm:
    def data(text: str, version: int) -> dict:
        posted = _form(world, survey.instrument, name=text, version=version)
        posted.pop("forbund")
        return posted

    return StaleForm(
        url=reverse("surveys:survey_edit", args=[survey.pk]),
        data=data,
        saved_text=lambda: Survey.objects.get(pk=survey.pk).name,
        version=survey.version,
    )


def test_stale_edit_shows_both_versions_and_keeps_the_text(as_persona, world, survey):
    form = _stale_survey_form(world, survey)
    check_stale_save(form, as_persona("admin"), as_persona("insatsansvarig"), world["admin"])


@pytest.mark.parametrize("name", OTHERS)
def test_stale_edit_shows_nothing_to_others(as_persona, world, survey, name):
    form = _stale_survey_form(world, survey)
    assert check_stale_save_hidden(form, as_persona("admin"), as_persona(name)) == 404


def test_the_form_is_fixed_once_links_exist(world, survey):
    client_fields = fields(survey.instrument, world, respondent_group="deltagare_pagaende")
    from samsyn.surveys.tests.survey_setup import links

    links(survey, 1)
    with pytest.raises(ValidationError, match="kan inte ändras"):
        survey_update(
            actor=world["admin"],
            survey=survey,
            expected_version=survey.version,
            fields=client_fields,
        )


def test_open_and_close(as_persona, world):
    survey = survey_create(
        actor=world["admin"],
        forbund=world.forbund,
        fields=fields(published_instrument(world), world),
    )
    client = as_persona("insatsansvarig")
    url = reverse("surveys:survey_status", args=[survey.pk])
    client.post(url, {"status": "oppen", "version": survey.version})
    survey.refresh_from_db()
    assert survey.status == "oppen"
    client.post(url, {"status": "utkast", "version": survey.version})
    survey.refresh_from_db()
    assert survey.status == "oppen"
    client.post(url, {"status": "stangd", "version": survey.version})
    survey.refresh_from_db()
    assert survey.status == "stangd"


@pytest.mark.parametrize("name", MANAGERS)
def test_a_link_batch_is_shown_once_with_qr_and_csv_and_only_hashes_stored(
    as_persona, survey, name
):
    page = as_persona(name).post(reverse("surveys:survey_links", args=[survey.pk]), {"count": "3"})
    assert page.status_code == 200
    assert page.text.count("<svg") == 3
    assert 'download="svarslankar.csv"' in page.text and "data:text/csv" in page.text
    assert page.headers["Cache-Control"].startswith("max-age=0")
    rows = list(SurveyToken.objects.all())
    assert len(rows) == 3 and {row.batch for row in rows} == {1}
    urls = [line for line in page.text.split() if "/enkat/" in line and "survey-link__url" in line]
    tokens = [u.split("/enkat/")[1].split("/")[0] for u in urls]
    assert len(tokens) == 3
    assert {token_hash(t) for t in tokens} == {row.token_hash for row in rows}
    assert not any(t in row.token_hash for t in tokens for row in rows)
    event = AuditEvent.objects.get(object_type="surveys.Survey", detail="3 survey links")
    assert not any(t in event.detail for t in tokens)


def test_a_bad_batch_size_makes_nothing(as_persona, survey):
    client = as_persona("admin")
    for count in ("0", "501", "x"):
        client.post(reverse("surveys:survey_links", args=[survey.pk]), {"count": count})
    assert SurveyToken.objects.count() == 0


# --- API ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MANAGERS)
def test_api_list_detail_create_and_links(as_persona, world, survey, name):
    client = as_persona(name)
    listed = client.get("/api/v1/surveys").json()
    assert [row["id"] for row in listed] == [survey.pk] and listed[0]["answers"] == 0
    detail = client.get(f"/api/v1/surveys/{survey.pk}").json()
    assert detail["intervention_ids"] == [world.intervention.pk]
    created = client.post(
        "/api/v1/surveys",
        {
            "forbund_id": world.forbund.pk,
            "name": "Via API",
            "instrument_id": survey.instrument_id,
            "respondent_group": "deltagare_pagaende",
            "intervention_ids": [world.intervention.pk],
            "period_from": "2026-01-01",
            "period_to": "2026-12-31",
            "target_answers": 10,
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["status"] == "utkast"
    made = client.post(
        f"/api/v1/surveys/{survey.pk}/links", {"count": 2}, content_type="application/json"
    )
    assert made.status_code == 201
    assert len(made.json()["links"]) == 2 and "/enkat/" in made.json()["links"][0]


def test_api_refuses_bad_input_with_422(as_persona, world, survey):
    client = as_persona("admin")
    bad = client.post(
        "/api/v1/surveys",
        {
            "forbund_id": world.forbund.pk,
            "name": "X",
            "instrument_id": survey.instrument_id,
            "respondent_group": "insatspersonal",
            "period_from": "2026-01-01",
            "period_to": "2026-12-31",
        },
        content_type="application/json",
    )
    assert bad.status_code == 422
    too_many = client.post(
        f"/api/v1/surveys/{survey.pk}/links", {"count": 501}, content_type="application/json"
    )
    assert too_many.status_code == 422
    assert Survey.objects.count() == 1 and SurveyToken.objects.count() == 0


@pytest.mark.parametrize("name", OTHERS)
def test_api_others_see_nothing(as_persona, survey, name):
    client = as_persona(name)
    assert client.get("/api/v1/surveys").json() == []
    assert client.get(f"/api/v1/surveys/{survey.pk}").status_code == 404
    made = client.post(
        f"/api/v1/surveys/{survey.pk}/links", {"count": 2}, content_type="application/json"
    )
    assert made.status_code == 404 and SurveyToken.objects.count() == 0


def test_there_is_no_api_for_answering(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert not [path for path in spec["paths"] if "enkat" in path or "answer" in path]
