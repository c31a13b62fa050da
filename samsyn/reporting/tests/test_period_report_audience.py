"""Period reports for their audiences (issue #10, item 12): every metric for the period and
"sedan start", each suppressed on its own; the förbund's limit (3 or 5); the insatsansvarig
(and förbundsadministratör) see a draft's exact figures on the page while the steering group,
the downloads and the approved snapshot stay suppressed; the page says what is hidden and
why."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.reporting.content_types import MetricContent, ReportContent
from samsyn.reporting.models import PeriodReport, ReportKind
from samsyn.reporting.services.period_reports import period_report_approve, period_report_create
from samsyn.reporting.tests.period_report_data import (
    MEN,
    WOMEN,
    add_registration,
    draft,
    participants,
    scheduled,
)
from samsyn.reporting.tests.test_documents import pdf_text, sheet_rows

__all__ = ["draft", "participants", "scheduled"]

Persona = Callable[[str], Client]
Q2_FROM = datetime.date(2026, 4, 1)
Q2_TO = datetime.date(2026, 6, 30)


def _url(report: PeriodReport, name: str = "report_detail", *extra: Any) -> str:
    return reverse(f"reporting:{name}", args=[report.intervention_id, report.pk, *extra])


def _metric(content: ReportContent, metric_id: str) -> MetricContent:
    return next(metric for metric in content["metrics"] if metric["id"] == metric_id)


@pytest.fixture
def q2(participants: World) -> PeriodReport:
    """Rapport 6 (2026 Q2): three women start, so the quarter's "started" is small while
    "started since the start" (7 + 3 women, 6 men) is not."""
    for day in (6, 7, 8):
        add_registration(participants, "kvinna", datetime.date(2026, 4, day))
    return period_report_create(
        actor=participants["insatsansvarig"],
        intervention=participants.intervention,
        kind=ReportKind.QUARTER,
        period_from=Q2_FROM,
        period_to=Q2_TO,
    )


def test_every_metric_has_its_figure_since_the_start(q2: PeriodReport, as_persona: Persona) -> None:
    content = as_persona("styrgrupp").get(_url(q2)).context["content"]
    assert content["cumulative"] == {"from": "2025-01-01", "to": "2026-06-30"}
    started = _metric(content, "started")
    # The quarter: 3 women started, hidden, and the total with it; since the start, shown.
    assert started["values"] == {"kvinna": "< 5", "man": 0, "total": "< 5"}
    assert started["since_start"] == {"kvinna": WOMEN + 3, "man": MEN, "total": WOMEN + MEN + 3}
    assert all(metric["since_start"] is not None for metric in content["metrics"])


def test_the_page_shows_since_start_and_what_is_hidden_and_why(
    q2: PeriodReport, as_persona: Persona
) -> None:
    response = as_persona("styrgrupp").get(_url(q2))
    text = response.content.decode()
    hidden = response.context["content"]["hidden"]
    assert hidden["primary"] >= 2
    assert "Sedan start (2025-01-01)" in text
    assert f"{hidden['primary']} antal visas som ”&lt; 5”: färre än 5 personer." in text
    if hidden["secondary"]:
        assert "för att skydda en annan cell" in text


@pytest.mark.parametrize("persona", ["insatsansvarig", "admin"])
def test_managers_see_a_drafts_exact_figures_on_the_page(
    q2: PeriodReport, as_persona: Persona, persona: str
) -> None:
    client = as_persona(persona)
    response = client.get(_url(q2))
    content = response.context["content"]
    assert content["suppressed"] is False
    assert _metric(content, "started")["values"] == {"kvinna": 3, "man": 0, "total": 3}
    assert "Visa rapporten som styrgruppen ser den" in response.content.decode()
    as_group = client.get(_url(q2) + "?visa=styrgrupp").context["content"]
    assert as_group["suppressed"] is True
    assert _metric(as_group, "started")["values"]["kvinna"] == "< 5"


def test_the_steering_group_never_sees_exact_figures(q2: PeriodReport, as_persona: Persona) -> None:
    client = as_persona("styrgrupp")
    for url in (_url(q2), _url(q2) + "?visa=exakt"):
        response = client.get(url)
        assert response.context["content"]["suppressed"] is True
        assert "Visa exakta antal" not in response.content.decode()


def test_downloads_and_the_approved_snapshot_stay_suppressed(
    q2: PeriodReport, world: World, as_persona: Persona
) -> None:
    client = as_persona("insatsansvarig")
    workbook = sheet_rows(client.get(_url(q2, "report_download", "xlsx")).content)
    started = next(row for row in workbook["Nyckeltal"] if row and row[0] == "Påbörjade")
    assert started[1:4] == ("< 5", 0, "< 5")
    assert started[4:7] == (WOMEN + 3, MEN, WOMEN + MEN + 3)
    pdf = pdf_text(client.get(_url(q2, "report_download", "pdf")).content)
    assert "färre än 5 personer" in pdf and "Sedan start" in pdf
    report = period_report_approve(actor=world["insatsansvarig"], report=q2, expected_version=1)
    content = client.get(_url(report)).context["content"]
    assert content["suppressed"] is True
    assert _metric(content, "started")["values"]["kvinna"] == "< 5"
    assert report.snapshot is not None and report.snapshot["small_count_limit"] == 5


def test_the_forbunds_limit_of_three_shows_three(
    q2: PeriodReport, world: World, as_persona: Persona
) -> None:
    world.forbund.small_count_limit = 3
    world.forbund.save(update_fields=["small_count_limit"])
    response = as_persona("styrgrupp").get(_url(q2))
    content = response.context["content"]
    assert content["small_count_limit"] == 3
    assert _metric(content, "started")["values"] == {"kvinna": 3, "man": 0, "total": 3}
    assert "Antal från 1 till 2 visas som ”&lt; 3”" in response.content.decode()


def test_a_limit_of_three_hides_two(draft: PeriodReport, world: World, as_persona: Persona) -> None:
    world.forbund.small_count_limit = 3
    world.forbund.save(update_fields=["small_count_limit"])
    for day in (6, 7):
        add_registration(world, "man", datetime.date(2026, 4, day))
    report = period_report_create(
        actor=world["admin"],
        intervention=world.intervention,
        kind=ReportKind.QUARTER,
        period_from=Q2_FROM,
        period_to=Q2_TO,
    )
    content = as_persona("styrgrupp").get(_url(report)).context["content"]
    assert _metric(content, "started")["values"] == {"kvinna": 0, "man": "< 3", "total": "< 3"}
