"""Period report pages: every persona on every view, the draft → fastställd flow, the
frozen snapshot, downloads, bad input and constant query counts."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.reporting.models import PeriodReport, ReportKind, ReportStatus
from samsyn.reporting.services.period_reports import period_report_approve
from samsyn.reporting.tests.period_report_data import (
    MEN,
    WOMEN,
    add_registration,
    create_q1,
    draft,
    participants,
    scheduled,
)
from samsyn.testing.queries import QueryCount

__all__ = ["draft", "participants", "scheduled"]

Persona = Callable[[str], Client]
VIEWERS = ["admin", "insatsansvarig", "styrgrupp"]
MANAGERS = ["admin", "insatsansvarig"]
NO_ACCESS = ["coach", "handlaggare", "granskare", "outsider", "nobody"]
ALL = VIEWERS + NO_ACCESS


def list_url(world: World | PeriodReport) -> str:
    return reverse("reporting:report_list", args=[world.intervention.pk])


def detail_url(report: PeriodReport) -> str:
    return reverse("reporting:report_detail", args=[report.intervention_id, report.pk])


def approve_url(report: PeriodReport) -> str:
    return reverse("reporting:report_approve", args=[report.intervention_id, report.pk])


def download_url(report: PeriodReport, fmt: str) -> str:
    return reverse("reporting:report_download", args=[report.intervention_id, report.pk, fmt])


def create_data(kind: str = "kvartal", start: str = "2026-01-01", end: str = "2026-03-31") -> dict:
    return {"kind": kind, "period_from": start, "period_to": end}


def narrative_data(version: int, **sections: str) -> dict:
    return {"version": version, **sections}


# --- who sees what -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ALL)
def test_list(scheduled: World, as_persona: Persona, persona: str) -> None:
    response = as_persona(persona).get(list_url(scheduled))
    assert response.status_code == (200 if persona in VIEWERS else 404)
    if persona in VIEWERS:
        text = response.content.decode()
        assert "Rapport 8 2026-10-01–2026-12-31" in text
        assert "Årsrapport 2026" in text and "Slutrapport" in text
        assert ("Skapa utkast" in text) == (persona in MANAGERS)


@pytest.mark.parametrize("persona", ALL)
def test_detail(draft: PeriodReport, as_persona: Persona, persona: str) -> None:
    response = as_persona(persona).get(detail_url(draft))
    assert response.status_code == (200 if persona in VIEWERS else 404)
    if persona in VIEWERS:
        text = response.content.decode()
        assert "Rapport 5 2026-01-01–2026-03-31" in text
        assert ('name="observations"' in text) == (persona in MANAGERS)
        assert ("Fastställ rapporten" in text) == (persona in MANAGERS)


@pytest.mark.parametrize("persona", ALL)
def test_create(scheduled: World, as_persona: Persona, persona: str) -> None:
    response = as_persona(persona).post(
        reverse("reporting:report_create", args=[scheduled.intervention.pk]), create_data()
    )
    if persona in MANAGERS:
        report = PeriodReport.objects.get()
        assert response.status_code == 302 and response["Location"] == detail_url(report)
    else:
        assert response.status_code == 404
        assert not PeriodReport.objects.exists()


@pytest.mark.parametrize("persona", ALL)
def test_write(draft: PeriodReport, as_persona: Persona, persona: str) -> None:
    data = narrative_data(1, observations="Fler deltagare än väntat.")
    response = as_persona(persona).post(detail_url(draft), data)
    draft.refresh_from_db()
    if persona in MANAGERS:
        assert response.status_code == 302
        assert draft.observations == "Fler deltagare än väntat."
    else:
        assert response.status_code == 404
        assert draft.observations == ""


@pytest.mark.parametrize("persona", ALL)
def test_approve(draft: PeriodReport, as_persona: Persona, persona: str) -> None:
    client = as_persona(persona)
    confirm = client.get(approve_url(draft))
    response = client.post(approve_url(draft), {"version": 1})
    draft.refresh_from_db()
    if persona in MANAGERS:
        assert confirm.status_code == 200
        assert "Ja, fastställ rapporten" in confirm.content.decode()
        assert response.status_code == 302
        assert draft.status == ReportStatus.APPROVED
    else:
        assert confirm.status_code == response.status_code == 404
        assert draft.status == ReportStatus.DRAFT


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_download(draft: PeriodReport, as_persona: Persona, persona: str, fmt: str) -> None:
    response = as_persona(persona).get(download_url(draft, fmt))
    if persona in VIEWERS:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="UTKAST-')
        assert response.content
        event = AuditEvent.objects.get(action="export")
        assert fmt in event.detail
    else:
        assert response.status_code == 404
        assert not AuditEvent.objects.filter(action="export").exists()


def test_anonymous_is_sent_to_login(draft: PeriodReport) -> None:
    client = Client()
    login = reverse("core:login")
    for url in (list_url(draft), detail_url(draft), approve_url(draft), download_url(draft, "pdf")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(login), url
    response = client.post(detail_url(draft), narrative_data(1, focus="x"))
    assert response.status_code == 302 and response["Location"].startswith(login)


def test_other_forbunds_report_is_404(
    draft: PeriodReport, world: World, as_persona: Persona
) -> None:
    other = PeriodReport.objects.create(
        intervention=world.other_intervention,
        kind=ReportKind.QUARTER,
        number=1,
        title="Rapport 1",
        period_from=datetime.date(2025, 1, 1),
        period_to=datetime.date(2025, 3, 31),
    )
    client = as_persona("admin")
    assert client.get(detail_url(other)).status_code == 404
    # The report's id under this förbund's intervention does not reach it either.
    url = reverse("reporting:report_detail", args=[world.intervention.pk, other.pk])
    assert client.get(url).status_code == 404
    assert as_persona("outsider").get(detail_url(other)).status_code == 200


# --- the flow ------------------------------------------------------------------------------


def test_list_shows_status(draft: PeriodReport, world: World, as_persona: Persona) -> None:
    client = as_persona("styrgrupp")
    assert "Utkast" in client.get(list_url(world)).content.decode()
    period_report_approve(actor=world["admin"], report=draft, expected_version=1)
    text = client.get(list_url(world)).content.decode()
    today = datetime.date.today().isoformat()
    assert f"Fastställd {today} av Admin" in text


def test_draft_page_is_live_and_suppressed(
    draft: PeriodReport, world: World, as_persona: Persona
) -> None:
    client = as_persona("styrgrupp")
    response = client.get(detail_url(draft))
    assert response.context["content"]["suppressed"] is True
    assert "Små antal är dolda" in response.content.decode()
    add_registration(world, "man", datetime.date(2026, 3, 2))
    response = client.get(detail_url(draft))
    active = next(m for m in response.context["content"]["metrics"] if m["id"] == "active")
    assert active["values"]["man"] == MEN + 1


def test_approved_page_shows_only_the_snapshot(
    draft: PeriodReport, world: World, as_persona: Persona
) -> None:
    client = as_persona("insatsansvarig")
    client.post(detail_url(draft), narrative_data(1, conclusions="Målet nås."))
    response = client.post(approve_url(draft), {"version": 2})
    assert response.status_code == 302
    for index in range(3):
        add_registration(world, "kvinna", datetime.date(2026, 3, 10 + index))
    response = client.get(detail_url(draft))
    text = response.content.decode()
    active = next(m for m in response.context["content"]["metrics"] if m["id"] == "active")
    assert active["values"] == {"kvinna": WOMEN, "man": MEN, "total": WOMEN + MEN}
    assert "Målet nås." in text
    assert 'name="conclusions"' not in text
    assert "Fastställ rapporten" not in text
    assert "ändras inte av senare registreringar" in text


def test_approved_report_refuses_edit_and_second_approval(
    draft: PeriodReport, world: World, as_persona: Persona
) -> None:
    period_report_approve(actor=world["admin"], report=draft, expected_version=1)
    client = as_persona("insatsansvarig")
    response = client.post(detail_url(draft), narrative_data(2, focus="Ny text"), follow=True)
    assert "kan inte längre ändras" in response.content.decode()
    response = client.post(approve_url(draft), {"version": 2}, follow=True)
    assert "redan fastställd" in response.content.decode()
    draft.refresh_from_db()
    assert draft.focus == "" and draft.version == 2
    assert AuditEvent.objects.filter(action="update").count() == 1


def test_stale_edit_shows_both_versions_and_keeps_the_text(
    draft: PeriodReport, as_persona: Persona, world: World
) -> None:
    as_persona("admin").post(detail_url(draft), narrative_data(1, focus="Först"))
    client = as_persona("insatsansvarig")
    response = client.post(detail_url(draft), narrative_data(1, focus="Sedan"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Någon annan har sparat under tiden" in text
    assert "Ladda om sidan" not in text
    assert "Din version (inte sparad)" in text and "Den sparade versionen" in text
    assert "Först" in text and "Sedan" in text
    assert (world["admin"].get_full_name() or world["admin"].username) in text
    assert 'name="version" value="2"' in text
    assert "Spara min version" in text and "Använd den sparade versionen" in text
    draft.refresh_from_db()
    assert draft.focus == "Först" and draft.version == 2
    # "Spara min version" resubmits with the version the page now carries.
    assert client.post(detail_url(draft), narrative_data(2, focus="Sedan")).status_code == 302
    draft.refresh_from_db()
    assert draft.focus == "Sedan" and draft.version == 3


@pytest.mark.parametrize("persona", ["styrgrupp", *NO_ACCESS])
def test_stale_edit_shows_nothing_to_who_may_not_edit(
    draft: PeriodReport, as_persona: Persona, persona: str
) -> None:
    as_persona("admin").post(detail_url(draft), narrative_data(1, focus="Först"))
    response = as_persona(persona).post(detail_url(draft), narrative_data(1, focus="Sedan"))
    assert response.status_code == 404
    assert "Först" not in response.content.decode()
    draft.refresh_from_db()
    assert draft.focus == "Först"


def test_stale_approval_is_refused(draft: PeriodReport, as_persona: Persona) -> None:
    client = as_persona("admin")
    client.post(detail_url(draft), narrative_data(1, focus="Ändrat"))
    response = client.post(approve_url(draft), {"version": 1}, follow=True)
    assert "Någon annan har ändrat uppgifterna" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT


def test_too_long_section_is_refused(draft: PeriodReport, as_persona: Persona) -> None:
    response = as_persona("admin").post(detail_url(draft), narrative_data(1, causes="x" * 10_001))
    assert response.status_code == 200
    assert "högst 10000 tecken" in response.content.decode()
    draft.refresh_from_db()
    assert draft.causes == "" and draft.version == 1


@pytest.mark.parametrize(
    "data",
    [
        create_data(start="2026-02-30"),
        create_data(start="nonsense", end=""),
        create_data(kind="vecka"),
        create_data(start="2026-01-02"),
        {},
    ],
)
def test_bad_create_input_is_a_message(scheduled: World, as_persona: Persona, data: dict) -> None:
    url = reverse("reporting:report_create", args=[scheduled.intervention.pk])
    response = as_persona("admin").post(url, data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == list_url(scheduled)
    text = response.content.decode()
    assert "Välj en period i rapportschemat." in text or "rapportschema" in text
    assert not PeriodReport.objects.exists()


def test_create_twice_is_a_message(scheduled: World, as_persona: Persona) -> None:
    create_q1(scheduled)
    url = reverse("reporting:report_create", args=[scheduled.intervention.pk])
    response = as_persona("admin").post(url, create_data(), follow=True)
    assert "Det finns redan en rapport för perioden." in response.content.decode()


def test_bad_version_and_unknown_format(draft: PeriodReport, as_persona: Persona) -> None:
    client = as_persona("admin")
    response = client.post(detail_url(draft), {"version": "abc", "focus": "x"})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.focus == ""
    assert client.get(download_url(draft, "odt")).status_code == 404
    response = client.post(approve_url(draft), {"version": "-1"})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT


def test_approved_download_is_not_a_draft(
    draft: PeriodReport, world: World, as_persona: Persona
) -> None:
    period_report_approve(actor=world["admin"], report=draft, expected_version=1)
    response = as_persona("styrgrupp").get(download_url(draft, "xlsx"))
    assert response["Content-Disposition"] == (
        'attachment; filename="testinsatsen-rapport-5-2026-01-01-2026-03-31.xlsx"'
    )
    assert "fastställd" in AuditEvent.objects.get(action="export").detail


# --- queries -------------------------------------------------------------------------------


def test_list_queries_are_constant(
    scheduled: World, as_persona: Persona, assert_query_count: QueryCount
) -> None:
    client = as_persona("admin")
    create_q1(scheduled)
    client.get(list_url(scheduled))  # warm up the session
    # 12 since the schedule can be edited: one query for its stored periods.
    with assert_query_count(12):
        client.get(list_url(scheduled))
    quarters = [("01-01", "03-31"), ("04-01", "06-30"), ("07-01", "09-30"), ("10-01", "12-31")]
    periods = [
        ("kvartal", f"{year}-{start}", f"{year}-{end}")
        for year in (2025, 2026)
        for start, end in quarters
        if (year, start) != (2026, "01-01")
    ]
    periods += [("ar", "2025-01-01", "2025-12-31"), ("ar", "2026-01-01", "2026-12-31")]
    periods.append(("slut", "2025-01-01", "2026-12-31"))
    for kind, start, end in periods:
        client.post(
            reverse("reporting:report_create", args=[scheduled.intervention.pk]),
            create_data(kind=kind, start=start, end=end),
        )
    assert PeriodReport.objects.count() == 11
    with assert_query_count(12):
        client.get(list_url(scheduled))


def test_detail_queries_are_constant(
    draft: PeriodReport,
    world: World,
    as_persona: Persona,
    assert_query_count: QueryCount,
) -> None:
    # Since schema 3 the draft also counts every metric since the start (+3) and asks
    # whether the actor may see exact figures (+1); the own age bands are read (+1).
    for persona in ("styrgrupp", "insatsansvarig"):
        client = as_persona(persona)
        client.get(detail_url(draft))
        with assert_query_count(36):
            client.get(detail_url(draft))
    for index in range(20):
        add_registration(world, "kvinna" if index % 2 else "man", datetime.date(2026, 2, 1))
    with assert_query_count(36):
        client.get(detail_url(draft))
