"""Pages of beredning, decisions, change applications and deviation reports, per persona."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samsyn.applications.models import Decision, DeviationReport
from samsyn.applications.tests.factories_decisions import (
    make_applicant,
    make_application,
    make_decided,
    make_deviation,
)
from samsyn.participants.tests.intake_setup import PDF_BYTES

pytestmark = pytest.mark.django_db
PERSONAS = ("admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "outsider")


def _statuses(as_persona, url: str) -> dict[str, int]:
    return {persona: as_persona(persona).get(url).status_code for persona in PERSONAS}


def test_preparation_pages_are_the_staffs(world, as_persona):
    application = make_application(world)
    for url in (
        reverse("applications:preparation_list"),
        reverse("applications:preparation", args=[application.pk]),
        reverse("applications:recommendation", args=[application.pk]),
        reverse("applications:decision_create", args=[application.pk]),
    ):
        statuses = _statuses(as_persona, url)
        assert statuses.pop("admin") == 200, url
        if url == reverse("applications:preparation_list"):
            # The other förbund's administrator has a queue of their own (empty here).
            assert statuses.pop("outsider") == 200
        assert set(statuses.values()) == {404}, (url, statuses)


def test_internal_comments_never_reach_the_applicant(world, as_persona):
    application = make_application(world)
    admin = as_persona("admin")
    admin.post(reverse("applications:preparation_start", args=[application.pk]))
    note_url = reverse("applications:preparation_note", args=[application.pk])
    admin.post(note_url, {"kind": "kommentar", "text": "Hemlig bedömning"})
    admin.post(note_url, {"kind": "fraga", "text": "Hur många deltagare?"})
    questions = reverse("applications:questions", args=[application.pk])
    applicant = as_persona("handlaggare")
    page = applicant.get(questions).content.decode()
    assert "Hur många deltagare?" in page and "Hemlig bedömning" not in page
    response = applicant.post(questions, {"text": "Tjugo per år."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "beredning"
    staff_page = admin.get(reverse("applications:preparation", args=[application.pk]))
    assert "Tjugo per år." in staff_page.content.decode()
    for persona in ("styrgrupp", "insatsansvarig", "coach", "outsider"):
        assert as_persona(persona).get(questions).status_code == 404


def test_decision_form_records_and_refuses_bad_input(world, as_persona):
    application = make_application(world, status="beredning")
    url = reverse("applications:decision_create", args=[application.pk])
    admin = as_persona("admin")
    bad = admin.post(url, {"outcome": "beviljad", "year_2025": "-5", "year_2026": "tio"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Ange beslutsdatum" in text or "Fyll i det här fältet" in text or "obligatoriskt" in text
    assert Decision.objects.count() == 0
    good = admin.post(
        url,
        {
            "body": "styrelse",
            "decided_on": "2025-03-12",
            "paragraph": "14",
            "outcome": "beviljad_villkor",
            "conditions": "Medlen gäller under förutsättning att förbundet får medel.",
            "year_2025": "650 000",
            "year_2026": "400 000",
            "minutes": SimpleUploadedFile("p.pdf", PDF_BYTES, content_type="application/pdf"),
        },
    )
    assert good.status_code == 302
    decision = Decision.objects.get()
    assert decision.application.intervention is not None
    detail = reverse("applications:decision_detail", args=[decision.pk])
    statuses = _statuses(as_persona, detail)
    assert {p for p, s in statuses.items() if s == 200} == {"admin", "styrgrupp", "handlaggare"}
    minutes = reverse("applications:decision_minutes", args=[decision.pk])
    assert as_persona("styrgrupp").get(minutes).status_code == 200
    assert as_persona("coach").get(minutes).status_code == 404
    assert admin.get(url).status_code == 302  # decided: the form sends to the decision


def test_styrgrupp_sees_decisions_not_beredning(world, as_persona):
    decided = make_decided(world)
    pending = make_application(world, status="beredning", name="Under beredning")
    page = as_persona("styrgrupp").get(reverse("applications:decision_list"))
    text = page.content.decode()
    assert decided.application.name in text and "Under beredning" not in text
    assert (
        as_persona("styrgrupp")
        .get(reverse("applications:preparation", args=[pending.pk]))
        .status_code
        == 404
    )
    assert as_persona("coach").get(reverse("applications:decision_list")).status_code == 404


@pytest.mark.parametrize("rows", [1, 6])
def test_decision_list_queries_are_constant(world, as_persona, assert_query_count, rows):
    for number in range(rows):
        make_decided(world, name=f"Insats {number}")
    client = as_persona("styrgrupp")
    client.get(reverse("applications:decision_list"))
    with assert_query_count(12):
        assert client.get(reverse("applications:decision_list")).status_code == 200


def test_intervention_page_shows_decisions_and_grants(world, as_persona):
    decision = make_decided(world)
    intervention = decision.application.intervention
    url = reverse("interventions:detail", args=[intervention.pk])
    text = as_persona("admin").get(url).content.decode()
    assert "Beslut och ansökningar" in text and "Styrelsen 2025-03-12 § 14" in text
    assert "Beslut och ansökningar" not in as_persona("granskare").get(url).content.decode()


def test_change_application_from_the_intervention_page(world, as_persona):
    make_applicant(world)
    url = reverse("applications:change_create", args=[world.intervention.pk])
    statuses = _statuses(as_persona, url)
    assert {p for p, s in statuses.items() if s == 200} == {"insatsansvarig", "handlaggare"}
    bad = as_persona("insatsansvarig").post(url, {"kind": "andring", "description": ""})
    assert bad.status_code == 200 and world.intervention.applications.count() == 0
    good = as_persona("insatsansvarig").post(
        url,
        {
            "kind": "fortsattning",
            "description": "Ett år till.",
            "year": "2027",
            "amount": "300 000",
            "category": "loner",
        },
    )
    assert good.status_code == 302
    assert world.intervention.applications.get().status == "inskickad"


def test_deviation_pages(world, as_persona):
    create = reverse("applications:deviation_create", args=[world.intervention.pk])
    assert as_persona("coach").get(create).status_code == 404
    response = as_persona("insatsansvarig").post(
        create, {"title": "Coachen slutar", "description": "Ny rekryteras.", "proposed_action": ""}
    )
    report = DeviationReport.objects.get()
    assert response.status_code == 302 and report.reported_on == datetime.date.today()
    detail = reverse("applications:deviation_detail", args=[report.pk])
    statuses = _statuses(as_persona, detail)
    assert {p for p, s in statuses.items() if s == 200} == {"admin", "insatsansvarig"}
    respond = reverse("applications:deviation_respond", args=[report.pk])
    assert as_persona("insatsansvarig").get(respond).status_code == 404
    answer = as_persona("admin").post(
        respond, {"version": report.version, "status": "till_beslut", "response": "Sök ändring."}
    )
    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.status == "till_beslut"


@pytest.mark.parametrize("rows", [1, 8])
def test_deviation_list_open_first_and_constant_queries(
    world, as_persona, assert_query_count, rows
):
    for number in range(rows):
        make_deviation(world, title=f"Stängd {number}", status="avslutad")
    make_deviation(world, title="Öppen rapport")
    client = as_persona("admin")
    client.get(reverse("applications:deviation_list"))
    with assert_query_count(12):
        response = client.get(reverse("applications:deviation_list"))
    text = response.content.decode()
    assert text.index("Öppen rapport") < text.index("Stängd 0")
    assert as_persona("styrgrupp").get(reverse("applications:deviation_list")).status_code == 404


def test_the_application_page_leads_to_beredning_questions_and_decision(world, as_persona):
    """The application's own page links the steps that follow it, for those who take them."""
    under_preparation = make_application(world, status="komplettering", name="Under beredning")
    url = reverse("applications:application_detail", args=[under_preparation.pk])
    staff_page = as_persona("admin").get(url).content.decode()
    assert reverse("applications:preparation", args=[under_preparation.pk]) in staff_page
    applicant_page = as_persona("handlaggare").get(url).content.decode()
    assert reverse("applications:preparation", args=[under_preparation.pk]) not in applicant_page
    assert "Svara på förbundets frågor" in applicant_page

    decision = make_decided(world, name="Beviljad")
    url = reverse("applications:application_detail", args=[decision.application_id])
    for name in ("admin", "handlaggare", "styrgrupp"):
        page = as_persona(name).get(url).content.decode()
        assert reverse("applications:decision_detail", args=[decision.pk]) in page, name
        assert "Beviljad" in page and "§ 14" in page, name
