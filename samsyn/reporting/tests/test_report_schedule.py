"""The editable report schedule (issue #10, item 16): generated calendar quarters by default;
add, move and rename a period; who may; refused input; a fastställd report's period is
locked; a draft follows its period; audited; constant queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.demo_data import IPS_SLUG
from samsyn.interventions.models import StoredReportPeriod
from samsyn.reporting.demo import seed_report_schedule
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.period_reports import scheduled_periods
from samsyn.reporting.services.period_reports import period_report_approve
from samsyn.reporting.services.report_schedule import report_period_add, report_period_change
from samsyn.reporting.tests.period_report_data import create_q1, draft, participants, scheduled
from samsyn.testing.queries import QueryCount
from samsyn.testing.stale import StaleForm, check_stale_save, check_stale_save_hidden

__all__ = ["draft", "participants", "scheduled"]

Persona = Callable[[str], Client]
MANAGERS = ["admin", "insatsansvarig"]
OTHERS = ["styrgrupp", "coach", "handlaggare", "granskare", "outsider", "nobody"]


def _schedule(world: World) -> str:
    return reverse("reporting:report_schedule", args=[world.intervention.pk])


def _add(world: World) -> str:
    return reverse("reporting:report_schedule_add", args=[world.intervention.pk])


def _edit(world: World, kind: str = "quarter", number: int = 7) -> str:
    return reverse("reporting:report_schedule_edit", args=[world.intervention.pk, kind, number])


def _data(label: str, start: str, end: str, version: int = 1, **extra: str) -> dict:
    return {"label": label, "date_from": start, "date_to": end, "version": version, **extra}


def _quarters(world: World) -> list[tuple[str, datetime.date, datetime.date]]:
    return [
        (str(p.label), p.date_from, p.date_to)
        for p in scheduled_periods(world.intervention)
        if p.kind == "quarter"
    ]


@pytest.mark.parametrize("persona", MANAGERS + OTHERS)
def test_who_may_see_and_change_the_schedule(
    scheduled: World, as_persona: Persona, persona: str
) -> None:
    client = as_persona(persona)
    allowed = persona in MANAGERS
    for url in (_schedule(scheduled), _add(scheduled), _edit(scheduled)):
        assert client.get(url).status_code == (200 if allowed else 404), url
    response = client.post(_edit(scheduled), _data("Rapport 7", "2026-07-01", "2026-08-31"))
    assert response.status_code == (302 if allowed else 404)
    assert StoredReportPeriod.objects.exists() == allowed


def test_the_generated_quarters_are_the_default(scheduled: World, as_persona: Persona) -> None:
    text = as_persona("insatsansvarig").get(_schedule(scheduled)).content.decode()
    assert "Rapport 1 2025-01-01–2025-03-31" in text
    assert "Rapport 8 2026-10-01–2026-12-31" in text
    assert "Schemat är framräknat ur insatsens datum" in text
    assert not StoredReportPeriod.objects.exists()


def test_seed_000_rapport_7_skips_a_quarter(scheduled: World, as_persona: Persona) -> None:
    """Seed 000: "Rapport 6. 20230401-20230630", "Rapport 7. 20231001-20231231"."""
    client = as_persona("insatsansvarig")
    response = client.post(
        _edit(scheduled), _data("Rapport 7 2026-10-01–2026-12-31", "2026-10-01", "2026-12-31")
    )
    assert response.status_code == 200  # overlaps Rapport 8: refused
    assert "Perioden överlappar Rapport 8" in response.content.decode()
    assert not StoredReportPeriod.objects.exists()
    # Move Rapport 8 away first (to nothing: it is renamed and shortened), then Rapport 7.
    client.post(
        _edit(scheduled, number=8), _data("Rapport 8 2026-12-31", "2026-12-31", "2026-12-31")
    )
    response = client.post(
        _edit(scheduled), _data("Rapport 7 2026-10-01–2026-12-30", "2026-10-01", "2026-12-30")
    )
    assert response.status_code == 302
    quarters = _quarters(scheduled)
    assert (
        "Rapport 6 2026-04-01–2026-06-30",
        datetime.date(2026, 4, 1),
        datetime.date(2026, 6, 30),
    ) in quarters
    assert (
        "Rapport 7 2026-10-01–2026-12-30",
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 30),
    ) in quarters
    assert not any(start == datetime.date(2026, 7, 1) for _l, start, _e in quarters)
    event = (
        AuditEvent.objects.filter(object_type="interventions.StoredReportPeriod")
        .order_by("pk")
        .last()
    )
    assert event is not None and event.action == "update"
    assert event.detail == (
        "Rapportperiod ändrad från Rapport 7 2026-07-01–2026-09-30 (2026-07-01–2026-09-30) "
        "till Rapport 7 2026-10-01–2026-12-30 (2026-10-01–2026-12-30)"
    )


def test_rename_and_add(scheduled: World, as_persona: Persona) -> None:
    client = as_persona("admin")
    client.post(_edit(scheduled, number=1), _data("Första rapporten", "2025-01-01", "2025-03-31"))
    assert _quarters(scheduled)[0][0] == "Första rapporten"
    client.post(_edit(scheduled, number=8), _data("Rapport 8", "2026-10-01", "2026-11-30"))
    response = client.post(
        _add(scheduled),
        {"kind": "quarter", "label": "Extra", "date_from": "2026-12-01", "date_to": "2026-12-31"},
    )
    assert response.status_code == 302
    added = StoredReportPeriod.objects.get(label="Extra")
    assert added.number == 9
    assert AuditEvent.objects.filter(action="create", object_id=str(added.pk)).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_data("Rapport 7", "2026-09-30", "2026-07-01"), "slutdatum kan inte vara före"),
        (_data("Rapport 7", "2024-12-01", "2025-02-28"), "inom insatsens tid"),
        (_data("Rapport 7", "2026-12-01", "2027-01-31"), "inom insatsens tid"),
        (_data("Rapport 7", "2026-06-30", "2026-09-30"), "överlappar Rapport 6"),
        (_data("", "2026-07-01", "2026-09-30"), "This field is required"),
        (_data("Rapport 7", "2026-13-01", "2026-09-30"), "Ange ett datum som ÅÅÅÅ-MM-DD"),
        (_data("Rapport 7", "2026-07-01", "2026-09-30", version=5), "Någon annan har sparat"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    scheduled: World, as_persona: Persona, data: dict, message: str
) -> None:
    response = as_persona("insatsansvarig").post(_edit(scheduled), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text or message == "This field is required"
    stored = StoredReportPeriod.objects.filter(kind="quarter", number=7).first()
    assert stored is None or (stored.label, stored.date_from) == (
        "Rapport 7 2026-07-01–2026-09-30",
        datetime.date(2026, 7, 1),
    )
    assert not AuditEvent.objects.filter(object_type="interventions.StoredReportPeriod").exists()


def test_a_fastställd_reports_period_cannot_change(draft: PeriodReport, world: World) -> None:
    period_report_approve(actor=world["admin"], report=draft, expected_version=1)
    with pytest.raises(ValidationError, match="fastställd"):
        report_period_change(
            actor=world["admin"],
            intervention=world.intervention,
            kind="quarter",
            number=5,
            label="Rapport 5 ny",
            date_from=datetime.date(2026, 1, 1),
            date_to=datetime.date(2026, 2, 28),
            expected_version=1,
        )
    with pytest.raises(ValidationError, match="överlappar"):
        report_period_add(
            actor=world["admin"],
            intervention=world.intervention,
            kind="quarter",
            label="Mitt i",
            date_from=datetime.date(2026, 2, 1),
            date_to=datetime.date(2026, 2, 28),
        )


def test_a_draft_follows_its_period(draft: PeriodReport, world: World) -> None:
    report_period_change(
        actor=world["insatsansvarig"],
        intervention=world.intervention,
        kind="quarter",
        number=5,
        label="Rapport 5 (jan–feb)",
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 2, 28),
        expected_version=1,
    )
    draft.refresh_from_db()
    assert (draft.title, draft.period_to) == ("Rapport 5 (jan–feb)", datetime.date(2026, 2, 28))


@pytest.mark.parametrize("persona", ["styrgrupp", "coach", "outsider"])
def test_services_refuse_everyone_but_the_managers(scheduled: World, persona: str) -> None:
    with pytest.raises(Http404):
        report_period_add(
            actor=scheduled[persona],
            intervention=scheduled.intervention,
            kind="quarter",
            label="X",
            date_from=datetime.date(2026, 12, 1),
            date_to=datetime.date(2026, 12, 31),
        )


def test_a_new_report_takes_the_edited_period(scheduled: World, as_persona: Persona) -> None:
    as_persona("insatsansvarig").post(
        _edit(scheduled, number=5), _data("Rapport 5 kort", "2026-01-01", "2026-02-28")
    )
    response = as_persona("insatsansvarig").get(
        reverse("reporting:report_list", args=[scheduled.intervention.pk])
    )
    assert "Rapport 5 kort" in response.content.decode()
    with pytest.raises(ValidationError):  # the generated Q1 is no longer in the schedule
        create_q1(scheduled)


def test_schedule_queries_are_constant(
    scheduled: World, as_persona: Persona, assert_query_count: QueryCount
) -> None:
    client = as_persona("insatsansvarig")
    client.get(_schedule(scheduled))
    with assert_query_count(QUERIES):
        client.get(_schedule(scheduled))
    client.post(_edit(scheduled, number=1), _data("Första", "2025-01-01", "2025-03-31"))
    with assert_query_count(QUERIES):
        client.get(_schedule(scheduled))


QUERIES = 12


def _remove(world: World, number: int, kind: str = "quarter") -> str:
    return reverse("reporting:report_schedule_remove", args=[world.intervention.pk, kind, number])


def test_remove_a_period_without_a_report(scheduled: World, as_persona: Persona) -> None:
    """Seed 000: 2023's third quarter has no report; here 2025's third quarter is removed."""
    client = as_persona("insatsansvarig")
    response = client.post(_remove(scheduled, 3), {"version": 1, "confirm": "1"})
    assert response.status_code == 302
    starts = [start for _label, start, _end in _quarters(scheduled)]
    assert datetime.date(2025, 7, 1) not in starts and len(starts) == 7
    event = AuditEvent.objects.get(action="delete")
    assert event.detail.startswith("Rapportperiod borttagen: Rapport 3 2025-07-01")


@pytest.mark.parametrize("persona", OTHERS)
def test_others_cannot_remove(scheduled: World, as_persona: Persona, persona: str) -> None:
    assert as_persona(persona).post(_remove(scheduled, 3), {"version": 1}).status_code == 404
    assert len(_quarters(scheduled)) == 8


def test_a_period_with_a_report_or_the_final_one_stays(
    draft: PeriodReport, world: World, as_persona: Persona
) -> None:
    client = as_persona("admin")
    response = client.post(_remove(world, 5), {"version": 1, "confirm": 1}, follow=True)
    assert "Perioden har en rapport och kan inte tas bort." in response.content.decode()
    response = client.post(_remove(world, 1, "final"), {"version": 1, "confirm": 1}, follow=True)
    assert "kan flyttas men inte tas bort" in response.content.decode()
    response = client.post(_remove(world, 2), {"version": "x", "confirm": 1}, follow=True)
    assert "Någon annan har ändrat" in response.content.decode()
    assert len(_quarters(world)) == 8


def test_the_demo_schedule_skips_a_quarter_like_seed_000(world: World) -> None:
    world.intervention.slug = IPS_SLUG
    world.intervention.save(update_fields=["slug"])
    assert seed_report_schedule(world.forbund)["storedreportperiod"] > 0
    quarters = _quarters(world)
    labels = [label for label, _start, _end in quarters]
    assert not any(start == datetime.date(2025, 7, 1) for _l, start, _e in quarters)
    assert "Rapport 2 2025-04-01–2025-06-30" in labels
    assert "Rapport 3 2025-10-01–2025-12-31" in labels
    assert not seed_report_schedule(world.forbund)  # a second run changes nothing


def _stale_period_form(world: World) -> StaleForm:
    def saved_label() -> str:
        return StoredReportPeriod.objects.get(kind="quarter", number=7).label

    return StaleForm(
        url=_edit(world),
        data=lambda text, version: _data(text, "2026-07-01", "2026-09-30", version=version),
        saved_text=saved_label,
        version=1,
    )


def test_stale_period_save_shows_both_versions_and_keeps_the_text(
    scheduled: World, as_persona: Persona
) -> None:
    form = _stale_period_form(scheduled)
    check_stale_save(form, as_persona("admin"), as_persona("insatsansvarig"), scheduled["admin"])


@pytest.mark.parametrize("persona", OTHERS)
def test_stale_period_save_shows_nothing_to_others(
    scheduled: World, as_persona: Persona, persona: str
) -> None:
    form = _stale_period_form(scheduled)
    assert check_stale_save_hidden(form, as_persona("admin"), as_persona(persona)) == 404
