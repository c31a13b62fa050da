"""Period report services: create, write, approve, export — validation, permissions,
audit events, stale edits and the frozen snapshot."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.versioning import StaleEditError
from samsyn.reporting.content_types import GenderCells, ReportContent
from samsyn.reporting.models import PeriodReport, ReportKind, ReportStatus
from samsyn.reporting.selectors.period_reports import report_figures
from samsyn.reporting.services.period_reports import (
    MAX_SECTION_LENGTH,
    Narrative,
    period_report_approve,
    period_report_create,
    period_report_export,
    period_report_update,
)
from samsyn.reporting.tests.period_report_data import (
    MEN,
    Q1_FROM,
    Q1_TO,
    WOMEN,
    add_registration,
    create_q1,
    draft,
    participants,
    scheduled,
)

__all__ = ["draft", "participants", "scheduled"]


def _metric(content: ReportContent, metric_id: str) -> GenderCells:
    return next(m for m in content["metrics"] if m["id"] == metric_id)["values"]


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig"])
def test_managers_create_a_draft_of_a_scheduled_period(scheduled: World, persona: str) -> None:
    report = create_q1(scheduled, scheduled[persona])
    assert report.status == ReportStatus.DRAFT
    assert report.kind == ReportKind.QUARTER
    assert report.number == 5
    assert report.title == "Rapport 5 2026-01-01–2026-03-31"
    assert report.snapshot is None
    event = AuditEvent.objects.get(action="create", object_type="reporting.PeriodReport")
    assert event.actor == scheduled[persona]
    assert event.intervention == scheduled.intervention


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "styrgrupp", "granskare", "outsider"])
def test_others_cannot_create(scheduled: World, persona: str) -> None:
    with pytest.raises(Http404):
        create_q1(scheduled, scheduled[persona])
    assert not PeriodReport.objects.exists()


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        (ReportKind.QUARTER, Q1_FROM, datetime.date(2026, 3, 30)),
        (ReportKind.YEAR, Q1_FROM, Q1_TO),
        ("vecka", Q1_FROM, Q1_TO),
        (ReportKind.QUARTER, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)),
    ],
)
def test_only_scheduled_periods(
    scheduled: World, kind: str, start: datetime.date, end: datetime.date
) -> None:
    with pytest.raises(ValidationError, match="rapportschema"):
        period_report_create(
            actor=scheduled["insatsansvarig"],
            intervention=scheduled.intervention,
            kind=kind,
            period_from=start,
            period_to=end,
        )
    assert not PeriodReport.objects.exists()


def test_year_and_final_reports(scheduled: World) -> None:
    actor = scheduled["admin"]
    year = period_report_create(
        actor=actor,
        intervention=scheduled.intervention,
        kind=ReportKind.YEAR,
        period_from=datetime.date(2025, 1, 1),
        period_to=datetime.date(2025, 12, 31),
    )
    final = period_report_create(
        actor=actor,
        intervention=scheduled.intervention,
        kind=ReportKind.FINAL,
        period_from=datetime.date(2025, 1, 1),
        period_to=datetime.date(2026, 12, 31),
    )
    assert year.title.startswith("Årsrapport 2025")
    assert final.title.startswith("Slutrapport")


def test_one_report_per_period(scheduled: World) -> None:
    create_q1(scheduled)
    with pytest.raises(ValidationError, match="finns redan"):
        create_q1(scheduled, scheduled["admin"])
    assert PeriodReport.objects.count() == 1


def test_write_the_narrative(draft: PeriodReport, world: World) -> None:
    narrative = Narrative(observations="  Fler kvinnor än män.\r\nSe tabellen.  ", focus="Män")
    report = period_report_update(
        actor=world["admin"], report=draft, narrative=narrative, expected_version=draft.version
    )
    report.refresh_from_db()
    assert report.observations == "Fler kvinnor än män.\nSe tabellen."
    assert report.focus == "Män"
    assert report.version == 2
    event = AuditEvent.objects.get(action="update")
    assert event.actor == world["admin"] and event.role == "forbundsadministrator"


def test_narrative_length_limit(draft: PeriodReport, world: World) -> None:
    too_long = Narrative(causes="x" * (MAX_SECTION_LENGTH + 1))
    with pytest.raises(ValidationError) as error:
        period_report_update(
            actor=world["insatsansvarig"], report=draft, narrative=too_long, expected_version=1
        )
    assert "causes" in error.value.error_dict
    assert "högst 10000 tecken" in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert draft.causes == "" and draft.version == 1
    assert not AuditEvent.objects.filter(action="update").exists()
    exact = Narrative(causes="x" * MAX_SECTION_LENGTH)
    period_report_update(
        actor=world["insatsansvarig"], report=draft, narrative=exact, expected_version=1
    )


def test_stale_edit_is_refused(draft: PeriodReport, world: World) -> None:
    actor = world["insatsansvarig"]
    period_report_update(
        actor=actor, report=draft, narrative=Narrative(focus="A"), expected_version=1
    )
    other = PeriodReport.objects.get(pk=draft.pk)
    with pytest.raises(StaleEditError):
        period_report_update(
            actor=actor, report=other, narrative=Narrative(focus="B"), expected_version=1
        )
    draft.refresh_from_db()
    assert draft.focus == "A"


@pytest.mark.parametrize("persona", ["styrgrupp", "coach", "handlaggare", "granskare", "outsider"])
def test_only_managers_write_and_approve(draft: PeriodReport, world: World, persona: str) -> None:
    with pytest.raises(Http404):
        period_report_update(
            actor=world[persona], report=draft, narrative=Narrative(focus="x"), expected_version=1
        )
    with pytest.raises(Http404):
        period_report_approve(actor=world[persona], report=draft, expected_version=1)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT and draft.focus == ""


def test_approve_freezes_the_figures(draft: PeriodReport, world: World) -> None:
    actor = world["insatsansvarig"]
    report = period_report_approve(actor=actor, report=draft, expected_version=1)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.approved_by == actor and report.approved_at is not None
    assert report.snapshot is not None and report.snapshot["suppressed"] is True
    assert _metric(report.snapshot, "active") == {"kvinna": WOMEN, "man": MEN, "total": WOMEN + MEN}
    event = AuditEvent.objects.get(action="update")
    assert "fastställd" in event.detail

    add_registration(world, "kvinna", datetime.date(2026, 3, 1))
    live = report_figures(PeriodReport.objects.get(pk=draft.pk))
    assert _metric(live, "active")["kvinna"] == WOMEN


def test_draft_figures_are_live_and_suppressed(draft: PeriodReport, world: World) -> None:
    assert _metric(report_figures(draft), "active")["kvinna"] == WOMEN
    add_registration(world, "kvinna", datetime.date(2026, 3, 1))
    content = report_figures(draft)
    assert content["suppressed"] is True
    assert _metric(content, "active")["kvinna"] == WOMEN + 1


def test_approved_report_cannot_be_changed_or_approved_again(
    draft: PeriodReport, world: World
) -> None:
    actor = world["admin"]
    report = period_report_approve(actor=actor, report=draft, expected_version=1)
    with pytest.raises(ValidationError, match="fastställd"):
        period_report_approve(actor=actor, report=report, expected_version=report.version)
    with pytest.raises(ValidationError, match="fastställd"):
        period_report_update(
            actor=actor, report=report, narrative=Narrative(focus="x"), expected_version=2
        )
    assert AuditEvent.objects.filter(action="update").count() == 1


def test_approve_with_a_stale_version_is_refused(draft: PeriodReport, world: World) -> None:
    actor = world["insatsansvarig"]
    period_report_update(
        actor=actor, report=draft, narrative=Narrative(focus="A"), expected_version=1
    )
    stale = PeriodReport.objects.get(pk=draft.pk)
    with pytest.raises(StaleEditError):
        period_report_approve(actor=actor, report=stale, expected_version=1)
    stale.refresh_from_db()
    assert stale.status == ReportStatus.DRAFT and stale.snapshot is None


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig", "styrgrupp"])
@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_export_is_audited(draft: PeriodReport, world: World, persona: str, fmt: str) -> None:
    document = period_report_export(actor=world[persona], report=draft, document_format=fmt)
    assert document.filename.startswith("UTKAST-testinsatsen-rapport-5")
    assert document.filename.endswith(f".{fmt}")
    assert document.data
    event = AuditEvent.objects.get(action="export")
    assert event.actor == world[persona]
    assert fmt in event.detail and "utkast" in event.detail


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "granskare", "outsider", "nobody"])
def test_others_cannot_export(draft: PeriodReport, world: World, persona: str) -> None:
    with pytest.raises(Http404):
        period_report_export(actor=world[persona], report=draft, document_format="pdf")
    assert not AuditEvent.objects.filter(action="export").exists()


def test_unknown_format_is_404(draft: PeriodReport, world: World) -> None:
    with pytest.raises(Http404):
        period_report_export(actor=world["admin"], report=draft, document_format="odt")
