"""The method sections of reports: IPS outcomes, job development and the fidelity trend
appear on the dashboard and in every export of an IPS intervention, and nowhere else."""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from samsyn.conftest import World
from samsyn.interventions.models import Training
from samsyn.interventions.tests.training_setup import attend
from samsyn.ips.models import FidelityReview, ReviewStatus
from samsyn.ips.tests.fidelity_setup import make_ips, make_review, score_all
from samsyn.participants.models import WorkStart
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.reporting.content_types import ReportContent, SectionContent
from samsyn.reporting.documents import DocumentFormat, render_bytes
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = Period(D(2026, 1, 1), D(2026, 12, 31))
TODAY = D(2026, 11, 26)


@pytest.fixture
def ips(world: World) -> World:
    intervention = make_ips(world.intervention)
    for index in range(6):
        person = PersonFactory(forbund=world.forbund, gender="kvinna" if index % 2 else "man")
        registration = RegistrationFactory(
            intervention=intervention,
            person=person,
            start_date=D(2026, 1, 15),
            occupation_before="ingen",
        )
        if index < 3:
            WorkStart.objects.create(
                registration=registration,
                kind="arbete",
                form="osubventionerad",
                start_date=D(2026, 5, 1),
                competitive=True,
            )
    training = Training.objects.create(
        intervention=intervention, title="IPS-grunder", held_on=D(2026, 2, 10)
    )
    attend(training, intervention.owner_party, "coach", 2)
    review = make_review(world.users["insatsansvarig"], intervention, D(2026, 3, 2))
    score_all(review, 104)
    FidelityReview.objects.filter(pk=review.pk).update(
        status=ReviewStatus.COMPLETED, completed_at=timezone.now()
    )
    return world


def section(content: ReportContent, section_id: str) -> SectionContent:
    return next(s for s in content["sections"] if s["id"] == section_id)


def test_ips_sections_hold_outcomes_job_development_and_fidelity(ips: World) -> None:
    content = report_content(ips.intervention, YEAR, suppress=False, today=TODAY)
    assert [s["id"] for s in content["sections"]] == [
        "trainings",
        "ips_outcomes",
        "job_development",
        "fidelity",
    ]
    trained = section(content, "trainings")["tables"][0]["rows"]
    assert {"cells": ["Coach", 2], "kind": None} in trained
    assert trained[-1] == {"cells": ["Totalt", 2], "kind": None}
    fidelity = section(content, "fidelity")["tables"][0]["rows"]
    assert fidelity == [{"cells": ["2026-03-02", "Intern", 104, "Bra"], "kind": None}]
    outcomes = section(content, "ips_outcomes")["tables"][0]
    # A table of mixed figures: every row says how its numbers are shown.
    assert outcomes["rows"] and all(row["kind"] is not None for row in outcomes["rows"])


def test_other_interventions_have_no_sections(world: World) -> None:
    world.intervention.methods = ["bip"]
    world.intervention.save(update_fields=["methods"])
    assert report_content(world.intervention, YEAR, suppress=False, today=TODAY)["sections"] == []


def test_dashboard_shows_the_sections(ips: World, as_persona: Any) -> None:
    url = reverse("reporting:dashboard", kwargs={"pk": ips.intervention.pk})
    page = as_persona("insatsansvarig").get(url, {"fran": "2026-01-01", "till": "2026-12-31"})
    text = page.content.decode()
    assert "IPS-resultat" in text and "Jobbutveckling" in text and "Programtrohet" in text


def test_exports_hold_the_sections(ips: World) -> None:
    content = report_content(ips.intervention, YEAR, suppress=True, today=TODAY)
    workbook = openpyxl.load_workbook(io.BytesIO(render_bytes(DocumentFormat.XLSX, content, None)))
    assert {"IPS-resultat", "Jobbutveckling", "Programtrohet"} <= set(workbook.sheetnames)
    sheet = workbook["Programtrohet"]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert 104 in values
    pdf = render_bytes(DocumentFormat.PDF, content, None)
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Programtrohet" in text and "104" in text
