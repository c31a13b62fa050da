"""Issue #15, item 9: a period report is fastställd only after its period has ended, or
before with a reason (stored, audited, shown on the page and in the files), always through
a confirmation page; the list says which reports are due ("Att lämna") and late
("Försenad"); the demo has approved reports. "Today" is frozen as in
samsyn/interventions/tests/test_periods.py (``timezone.localdate`` patched)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.demo_data import IPS_SLUG
from samsyn.reporting.demo import seed_period_reports
from samsyn.reporting.models import PeriodReport, ReportKind, ReportStatus
from samsyn.reporting.selectors.period_reports import (
    REPORT_DUE_DAYS,
    Deadline,
    report_list,
)
from samsyn.reporting.services.period_reports import (
    MAX_REASON_LENGTH,
    period_report_approve,
    period_report_create,
)
from samsyn.reporting.tests.period_report_data import draft, participants, scheduled
from samsyn.reporting.tests.test_documents import sheet_rows

__all__ = ["draft", "participants", "scheduled"]

D = datetime.date
Persona = Callable[[str], Client]
# Rapport 8 of the test schedule (2025-01-01–2026-12-31): the last quarter.
Q4_FROM, Q4_TO = D(2026, 10, 1), D(2026, 12, 31)
EARLY = D(2026, 12, 7)  # the day of the issue: the quarter has not ended
Q1_END = D(2026, 3, 31)  # Rapport 5, the draft fixture
REASON = "Styrgruppen möts 2026-12-15 och behöver rapporten då."


def freeze(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)


@pytest.fixture
def q4(scheduled: World) -> PeriodReport:
    return period_report_create(
        actor=scheduled["insatsansvarig"],
        intervention=scheduled.intervention,
        kind=ReportKind.QUARTER,
        period_from=Q4_FROM,
        period_to=Q4_TO,
    )


def approve_url(report: PeriodReport) -> str:
    return reverse("reporting:report_approve", args=[report.intervention_id, report.pk])


def detail_url(report: PeriodReport) -> str:
    return reverse("reporting:report_detail", args=[report.intervention_id, report.pk])


def visible(html: str) -> str:
    """The page's text as a reader sees it: no tags, one space between words."""
    return " ".join(strip_tags(html).split())


def approval_events(report: PeriodReport) -> list[str]:
    events = AuditEvent.objects.filter(object_id=str(report.pk), detail__contains="fastställd")
    return list(events.values_list("detail", flat=True))


# --- the service --------------------------------------------------------------------------


@pytest.mark.parametrize("today", [EARLY, Q4_TO])  # the last day is still in the period
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_approval_before_the_end_is_refused_without_a_reason(
    q4: PeriodReport, world: World, today: datetime.date, reason: str
) -> None:
    with pytest.raises(ValidationError, match="Perioden slutar 2026-12-31") as caught:
        period_report_approve(
            actor=world["admin"], report=q4, expected_version=1, early_reason=reason, today=today
        )
    assert caught.value.code == "early"
    stored = PeriodReport.objects.get(pk=q4.pk)
    assert (stored.status, stored.snapshot, stored.approved_at) == (ReportStatus.DRAFT, None, None)
    assert approval_events(q4) == []


def test_approval_before_the_end_with_a_reason_is_stored_and_audited(
    q4: PeriodReport, world: World
) -> None:
    report = period_report_approve(
        actor=world["insatsansvarig"],
        report=q4,
        expected_version=1,
        early_reason=f"  {REASON}\r\n",
        today=EARLY,
    )
    stored = PeriodReport.objects.get(pk=report.pk)
    assert stored.is_approved and stored.snapshot is not None
    assert stored.early_approval_reason == REASON
    (detail,) = approval_events(q4)
    assert detail.startswith("Periodrapport fastställd före periodens slut 2026-12-31.")
    assert f"Skäl: {REASON}." in detail


def test_a_too_long_reason_is_refused(q4: PeriodReport, world: World) -> None:
    with pytest.raises(ValidationError, match=f"högst {MAX_REASON_LENGTH} tecken"):
        period_report_approve(
            actor=world["admin"],
            report=q4,
            expected_version=1,
            early_reason="x" * (MAX_REASON_LENGTH + 1),
            today=EARLY,
        )
    assert not PeriodReport.objects.get(pk=q4.pk).is_approved


def test_a_reason_given_for_the_longest_title_is_kept_whole_in_the_audit(
    q4: PeriodReport, world: World
) -> None:
    reason = "y" * MAX_REASON_LENGTH
    period_report_approve(
        actor=world["admin"], report=q4, expected_version=1, early_reason=reason, today=EARLY
    )
    (detail,) = approval_events(q4)
    assert reason in detail


def test_approval_after_the_end_needs_no_reason_and_stores_none(
    draft: PeriodReport, world: World
) -> None:
    report = period_report_approve(
        actor=world["admin"],
        report=draft,
        expected_version=1,
        early_reason="ignored",
        today=D(2026, 4, 1),
    )
    assert report.is_approved and report.early_approval_reason == ""
    assert approval_events(draft) == ["Periodrapport fastställd: " + draft.title]


# --- the confirmation page ---------------------------------------------------------------


def test_early_confirmation_asks_for_a_reason(
    q4: PeriodReport, as_persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze(monkeypatch, EARLY)
    client = as_persona("insatsansvarig")
    text = client.get(approve_url(q4)).content.decode()
    assert (
        "Fastställ rapport 8 för 2026-10-01–2026-12-31? Efter fastställandet kan rapporten "
        "inte ändras." in visible(text)
    )
    assert 'name="early_reason"' in text
    assert "Perioden är inte slut förrän 2026-12-31." in text

    response = client.post(approve_url(q4), {"version": 1, "early_reason": ""})
    assert response.status_code == 200  # back on the confirmation page, with the reason
    assert "Rapporten kan fastställas först efter periodens slut" in response.content.decode()
    assert not PeriodReport.objects.get(pk=q4.pk).is_approved

    response = client.post(approve_url(q4), {"version": 1, "early_reason": REASON})
    assert response.status_code == 302
    stored = PeriodReport.objects.get(pk=q4.pk)
    assert stored.is_approved and stored.early_approval_reason == REASON
    page = client.get(detail_url(q4)).content.decode()
    assert "Fastställd före periodens slut (2026-12-31)." in page
    assert f"Skäl: {REASON}" in page


def test_confirmation_after_the_end_has_no_reason_field(
    draft: PeriodReport, as_persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze(monkeypatch, D(2026, 4, 2))
    client = as_persona("admin")
    page = client.get(detail_url(draft)).content.decode()
    assert "Före dess kan rapporten bara fastställas med ett skäl" not in page
    text = client.get(approve_url(draft)).content.decode()
    assert "Fastställ rapport 5 för 2026-01-01–2026-03-31? Efter fastställandet" in visible(text)
    assert 'name="early_reason"' not in text
    assert not PeriodReport.objects.get(pk=draft.pk).is_approved  # GET changes nothing
    assert client.post(approve_url(draft), {"version": 1}).status_code == 302
    stored = PeriodReport.objects.get(pk=draft.pk)
    assert stored.is_approved and stored.early_approval_reason == ""
    assert "Fastställd före periodens slut" not in client.get(detail_url(draft)).content.decode()


def test_the_draft_page_warns_before_the_end(
    q4: PeriodReport, as_persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze(monkeypatch, EARLY)
    page = as_persona("insatsansvarig").get(detail_url(q4)).content.decode()
    assert "Perioden slutar 2026-12-31. Före dess kan rapporten bara fastställas med ett skäl." in (
        page
    )


@pytest.mark.parametrize("persona", ["styrgrupp", "coach", "outsider"])
def test_who_may_not_approve_still_gets_a_404(
    q4: PeriodReport, as_persona: Persona, persona: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze(monkeypatch, EARLY)
    client = as_persona(persona)
    assert client.get(approve_url(q4)).status_code == 404
    response = client.post(approve_url(q4), {"version": 1, "early_reason": REASON})
    assert response.status_code == 404
    assert not PeriodReport.objects.get(pk=q4.pk).is_approved


def test_the_reason_is_in_the_documents(
    q4: PeriodReport, world: World, as_persona: Persona
) -> None:
    period_report_approve(
        actor=world["admin"], report=q4, expected_version=1, early_reason=REASON, today=EARLY
    )
    url = reverse("reporting:report_download", args=[q4.intervention_id, q4.pk, "xlsx"])
    rows = sheet_rows(as_persona("styrgrupp").get(url).content)["Nyckeltal"]
    heading = " ".join(str(cell) for row in rows[:8] for cell in row if cell)
    assert f"Fastställd före periodens slut (2026-12-31). Skäl: {REASON}" in heading


# --- the list: due and late --------------------------------------------------------------


def deadlines(world: World, today: datetime.date) -> dict[str, Deadline]:
    page = report_list(actor=world["styrgrupp"], intervention_id=world.intervention.pk, today=today)
    return {row.label: row.deadline for group in page.groups for row in group.rows}


def test_due_and_late_on_a_fixed_day(draft: PeriodReport, world: World) -> None:
    # Rapport 5 (2026-01-01–2026-03-31, a draft) is due until 30 days after its end.
    due_until = Q1_END + datetime.timedelta(days=REPORT_DUE_DAYS)
    assert due_until == D(2026, 4, 30)
    on_due_day = deadlines(world, due_until)
    assert on_due_day["Rapport 5 2026-01-01–2026-03-31"] is Deadline.DUE
    assert on_due_day["Rapport 4 2025-10-01–2025-12-31"] is Deadline.LATE  # no report
    assert on_due_day["Årsrapport 2025 2025-01-01–2025-12-31"] is Deadline.LATE
    assert on_due_day["Rapport 6 2026-04-01–2026-06-30"] is Deadline.NONE  # not ended
    assert on_due_day["Slutrapport 2025-01-01–2026-12-31"] is Deadline.NONE
    assert deadlines(world, Q1_END)["Rapport 5 2026-01-01–2026-03-31"] is Deadline.NONE
    day_after = deadlines(world, due_until + datetime.timedelta(days=1))
    assert day_after["Rapport 5 2026-01-01–2026-03-31"] is Deadline.LATE
    period_report_approve(actor=world["admin"], report=draft, expected_version=1, today=due_until)
    approved = deadlines(world, due_until + datetime.timedelta(days=1))
    assert approved["Rapport 5 2026-01-01–2026-03-31"] is Deadline.NONE


def test_the_list_page_shows_due_and_late(
    draft: PeriodReport, as_persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze(monkeypatch, D(2026, 4, 15))
    for persona in ("styrgrupp", "insatsansvarig"):
        response = as_persona(persona).get(
            reverse("reporting:report_list", args=[draft.intervention_id])
        )
        page = response.context["page"]
        # Due: Rapport 5. Late: Rapport 1–4 and Årsrapport 2025.
        assert (page.due_count, page.late_count) == (1, 5)
        text = response.content.decode()
        assert text.count('data-deadline="att_lamna"') == 1
        assert text.count('data-deadline="forsenad"') == 5
        assert "Att lämna: 1. Försenade: 5." in text
        assert "senast 30 dagar efter periodens slut" in text
        assert "2026-04-30" in text  # Rapport 5's due date


# --- the demo ------------------------------------------------------------------------------


def test_demo_approves_the_past_reports(scheduled: World, monkeypatch: pytest.MonkeyPatch) -> None:
    freeze(monkeypatch, EARLY)
    scheduled.intervention.slug = IPS_SLUG
    scheduled.intervention.save(update_fields=["slug"])
    assert seed_period_reports(scheduled.forbund)["periodreport"] == 8
    reports = PeriodReport.objects.filter(intervention=scheduled.intervention)
    approved = reports.filter(status=ReportStatus.APPROVED)
    # Every period due before 2026-12-07: 2025's quarters and year, 2026's Q1–Q3; the
    # latest (Rapport 7, due 2026-10-30) is left a draft, so the list shows it as late.
    assert approved.count() == 7
    assert all(r.snapshot is not None and r.approved_by is not None for r in approved)
    assert all(r.approved_at.date() > r.period_to for r in approved)  # type: ignore[union-attr]
    (draft_report,) = reports.filter(status=ReportStatus.DRAFT)
    assert draft_report.title == "Rapport 7 2026-07-01–2026-09-30"
    states = deadlines(scheduled, EARLY)
    assert states["Rapport 7 2026-07-01–2026-09-30"] is Deadline.LATE
    assert Deadline.DUE not in states.values()  # nothing ended within the last 30 days
    assert not seed_period_reports(scheduled.forbund)  # a second run changes nothing
    assert reports.count() == 8
