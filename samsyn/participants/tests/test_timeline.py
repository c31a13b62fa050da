"""The participant page: header, one timeline newest first, charts, actions, scope, queries."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    FollowUpMeeting,
    IndicatorRating,
    JournalNote,
    PhaseChange,
    PostExitFollowUp,
    Registration,
    StepRecord,
    SubGoal,
    WorkStart,
)
from samsyn.participants.selectors.journey_page import masked_personnummer
from samsyn.participants.selectors.timeline import load_sources, timeline_build
from samsyn.participants.tests.factories import PersonFactory
from samsyn.participants.tests.journey_setup import (
    OUTSIDE,
    WRITERS,
    Journey,
    journey_for,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def page_url(registration: Registration) -> str:
    return reverse("participants:registration_detail", args=[registration.pk])


def fill(journey: Journey, world: World, n: int) -> None:
    """``n`` rows of every repeating kind of event, on dates after the start."""
    r = journey.registration
    coach = world["coach"]
    plan = ActionPlan.objects.create(registration=r, overall_goal="arbete", agreed_on=D(2026, 2, 5))
    for i in range(n):
        day = D(2026, 2, 3) + datetime.timedelta(days=i)
        PhaseChange.objects.create(
            registration=r, phase=journey.phases[i % 4], entered_on=day, recorded_by=coach
        )
        SubGoal.objects.create(
            plan=plan,
            description=f"Delmål {i}",
            responsible_party=world.af,
            status="uppnatt",
            reached_on=day,
        )
        Activity.objects.create(
            registration=r,
            activity_type=journey.activity_types[i % 2],
            held_on=day,
            hours=Decimal("1.5"),
            note=f"Notering {i}",
            recorded_by=coach,
        )
        StepRecord.objects.create(
            registration=r, step=journey.ladder[i % 7], recorded_on=day, recorded_by=coach
        )
        for indicator in journey.indicators:
            IndicatorRating.objects.create(
                registration=r, indicator=indicator, rated_on=day, score=1 + i % 5
            )
        FollowUpMeeting.objects.create(
            registration=r, held_on=day, next_due=day + datetime.timedelta(weeks=8), note="Möte"
        )
        JournalNote.objects.create(registration=r, author=coach, text=f"Anteckning {i}")
        WorkStart.objects.create(registration=r, kind="arbete", form="lonebidrag", start_date=day)


# --- Who sees the page ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", [*WRITERS, "handlaggare"])
def test_staff_and_referring_handlaggare_see_the_page(as_persona, journey, world, persona):
    response = as_persona(persona).get(page_url(journey.registration))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="view", object_type="participants.Registration")
    assert event.actor == world[persona]
    assert event.participant_ref == journey.registration.person.pseudonym


@pytest.mark.parametrize("persona", OUTSIDE)
def test_everyone_else_gets_404_and_the_attempt_is_logged(as_persona, journey, world, persona):
    response = as_persona(persona).get(page_url(journey.registration))
    assert response.status_code == 404
    refused = AuditEvent.objects.get(detail__startswith="Åtkomst nekad")
    assert refused.participant_ref == journey.registration.person.pseudonym
    assert refused.actor == world[persona]


def test_handlaggare_loses_the_page_when_consent_is_withdrawn(as_persona, journey):
    client = as_persona("handlaggare")
    assert client.get(page_url(journey.registration)).status_code == 200
    consent = journey.registration.consent
    consent.withdrawn_on = timezone.localdate()
    consent.save()
    assert client.get(page_url(journey.registration)).status_code == 404


def test_unknown_registration_is_404(as_persona):
    assert (
        as_persona("coach")
        .get(reverse("participants:registration_detail", args=[999999]))
        .status_code
        == 404
    )


# --- Header -----------------------------------------------------------------------------------


def test_header_shows_masked_personnummer_phase_coach_consent(as_persona, journey, world):
    r = journey.registration
    r.current_phase = journey.phases[1]
    r.next_follow_up_due = D(2026, 3, 1)  # in the past: overdue while ongoing
    r.save()
    page = as_persona("coach").get(page_url(r)).content.decode()
    assert "19850312-XXXX" in page
    assert "198503122387" not in page and "2387" not in page
    assert r.person.display_name in page
    assert "Testinsatsen" in page
    assert "Aktivitet" in page
    assert "Coach" in page and world["coach"].get_full_name() in page
    assert "Försenad" in page
    assert "Gäller tills vidare" in page


def test_anonymous_participant_is_shown_by_code(as_persona, world):
    person = PersonFactory(
        forbund=world.forbund, is_anonymous=True, first_name="", last_name="", personnummer=""
    )
    structure_journey = journey_for(world, person=person, consent=None)
    page = as_persona("coach").get(page_url(structure_journey.registration)).content.decode()
    assert f"Anonym deltagare {person.pseudonym}" in page
    assert "XXXX" not in page
    assert "Inget samtycke – registrerad anonymt" in page


def test_masking_keeps_birth_date_only():
    person = PersonFactory.build(personnummer="198503122387")
    assert masked_personnummer(person) == "19850312-XXXX"
    assert masked_personnummer(PersonFactory.build(personnummer="")) == ""


def test_follow_up_not_overdue_when_in_future_or_ended(as_persona, journey):
    r = journey.registration
    r.next_follow_up_due = timezone.localdate() + datetime.timedelta(days=3)
    r.save()
    assert "Försenad" not in as_persona("coach").get(page_url(r)).content.decode()


# --- Timeline ---------------------------------------------------------------------------------


def test_timeline_has_every_kind_of_event_newest_first(as_persona, journey, world):
    r = journey.registration
    coach = world["coach"]
    plan = ActionPlan.objects.create(
        registration=r, overall_goal="arbete", agreed_on=D(2026, 2, 10)
    )
    SubGoal.objects.create(
        plan=plan, description="Praktik", status="uppnatt", reached_on=D(2026, 4, 1)
    )
    PhaseChange.objects.create(registration=r, phase=journey.phases[1], entered_on=D(2026, 2, 20))
    Activity.objects.create(
        registration=r, activity_type=journey.activity_types[1], held_on=D(2026, 3, 3), hours=2
    )
    StepRecord.objects.create(registration=r, step=journey.ladder[3], recorded_on=D(2026, 3, 5))
    for indicator in journey.indicators:
        IndicatorRating.objects.create(
            registration=r, indicator=indicator, rated_on=D(2026, 3, 6), score=4
        )
    FollowUpMeeting.objects.create(registration=r, held_on=D(2026, 3, 20), next_due=D(2026, 5, 15))
    JournalNote.objects.create(
        registration=r,
        author=coach,
        text="Samtal om mål",
        written_at=timezone.make_aware(datetime.datetime(2026, 3, 25, 14, 30)),
    )
    WorkStart.objects.create(
        registration=r,
        kind="arbete",
        form="osubventionerad",
        employer="Lagret AB",
        start_date=D(2026, 5, 2),
        competitive=True,
    )
    Registration.objects.filter(pk=r.pk).update(
        end_date=D(2026, 5, 31), exit_reason="fullfoljt", outcome="arbete"
    )
    PostExitFollowUp.objects.create(
        registration=r,
        months_after=6,
        due_on=D(2026, 11, 30),
        done_on=D(2026, 11, 20),
        reached=True,
        occupation="arbetar",
    )
    r.refresh_from_db()
    events = timeline_build(load_sources(r, include_staff_only=True))
    titles = [event.title for event in events]
    assert titles == [
        "Uppföljning 6 månader efter avslut",
        "Avslutad: Fullföljt",
        "Arbetsstart: Osubventionerad anställning",
        "Delmål uppnått",
        "Journalanteckning 14:30",
        "Uppföljningsmöte",
        "Indikatorer skattade, medelvärde 4,0",
        "Steg 4: Steg 4",
        "Praktik",
        "Ny fas: Aktivitet",
        "Handlingsplan överenskommen: Arbete",
        "Inskriven i Testinsatsen",
        "Samtycke lämnat",
        "Anvisningen: Antagen",
        "Anvisad av Testby kommun",
    ]
    days = [event.day for event in events]
    assert days == sorted(days, reverse=True)
    page = as_persona("coach").get(page_url(r)).content.decode()
    page = page[page.index('id="tidslinje"') :]
    positions = [
        page.index(title) for title in ["Avslutad: Fullföljt", "Uppföljningsmöte", "Anvisad av"]
    ]
    assert positions == sorted(positions)
    assert "Lagret AB" in page and "Konkurrensutsatt arbete" in page


def test_handlaggare_timeline_leaves_out_notes_and_consents(journey, world):
    JournalNote.objects.create(registration=journey.registration, author=world["coach"], text="X")
    staff = timeline_build(load_sources(journey.registration, include_staff_only=True))
    referrer = timeline_build(load_sources(journey.registration, include_staff_only=False))
    assert {e.kind for e in staff} - {e.kind for e in referrer} == {"note", "consent"}


def test_withdrawn_consent_appears_in_the_timeline(journey):
    consent = journey.registration.consent
    consent.withdrawn_on = D(2026, 6, 1)
    consent.save()
    titles = [
        e.title for e in timeline_build(load_sources(journey.registration, include_staff_only=True))
    ]
    assert titles[0] == "Samtycket återkallat"


def test_page_queries_do_not_grow_with_rows(as_persona, world, assert_query_count):
    for n in (3, 30):
        journey = journey_for(world) if n == 3 else journey_for_again(world)
        fill(journey, world, n)
        client = as_persona("coach")
        with assert_query_count(32):
            response = client.get(page_url(journey.registration))
        assert response.status_code == 200
        assert response.content.decode().count("timeline__item--activity") == n


def journey_for_again(world: World) -> Journey:
    """A second journey in the same world (the structure exists already)."""
    from samsyn.interventions.models import ActivityType, LadderStep, Phase, ProgressionIndicator
    from samsyn.participants.tests.journey_setup import registration_for

    intervention = world.intervention
    return Journey(
        registration=registration_for(world),
        phases=list(Phase.objects.filter(intervention=intervention)),
        ladder=list(LadderStep.objects.filter(intervention=intervention)),
        indicators=list(ProgressionIndicator.objects.filter(intervention=intervention)),
        activity_types=list(ActivityType.objects.filter(forbund=world.forbund, is_active=True)),
        inactive_type=ActivityType.objects.get(name="Gammal"),
        foreign_type=ActivityType.objects.get(name="Främmande"),
    )


# --- Charts and actions -----------------------------------------------------------------------


def test_charts_are_svg_with_text_alternative(as_persona, journey, world):
    fill(journey, world, 4)
    page = as_persona("coach").get(page_url(journey.registration)).content.decode()
    assert page.count('<svg class="chart"') == 2
    assert 'role="img"' in page and '<title id="chart-steps-title">' in page
    assert "Visa stegen som tabell" in page and "Visa skattningarna som tabell" in page
    assert "style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "no inline scripts"


def test_no_charts_without_data(as_persona, journey):
    page = as_persona("coach").get(page_url(journey.registration)).content.decode()
    assert "<svg" not in page
    assert "Inga steg är registrerade ännu." in page
    assert "inget underlag ännu" in page


def test_writer_gets_actions_that_open_in_place_and_work_as_links(as_persona, journey):
    page = as_persona("coach").get(page_url(journey.registration)).content.decode()
    url = reverse("participants:activity_create", args=[journey.registration.pk])
    assert f'href="{url}" hx-get="{url}" hx-target="#journey-form"' in page
    assert 'id="journey-form" aria-live="polite"' in page
    assert "Skriv handlingsplan" in page


def test_actions_link_to_the_follow_up_forms_when_they_exist(as_persona, journey):
    page = as_persona("coach").get(page_url(journey.registration)).content.decode()
    from django.urls import NoReverseMatch

    for name in (
        "participants:followup_create",
        "participants:workstart_create",
        "participants:exit",
    ):
        try:
            url = reverse(name, args=[journey.registration.pk])
        except NoReverseMatch:
            continue
        assert f'href="{url}"' in page


def test_read_only_viewer_gets_no_actions(as_persona, journey):
    page = as_persona("handlaggare").get(page_url(journey.registration)).content.decode()
    assert 'id="journey-form"' not in page
    assert reverse("participants:activity_create", args=[journey.registration.pk]) not in page


def test_url_if_exists_returns_empty_for_unknown_names():
    template = Template(
        "{% load journey_tags %}[{% url_if_exists 'participants:nope' 1 %}]"
        "[{% url_if_exists 'participants:registration_detail' 7 %}]"
    )
    assert template.render(Context()) == "[][/deltagare/7/]"


def test_chart_escapes_names_and_handles_a_single_point():
    from samsyn.participants.charts import ChartPoint, step_path_svg

    svg = step_path_svg(
        points=[ChartPoint(day=D(2026, 3, 1), value=2, label="<script>alert(1)</script>")],
        ladder=[(1, "Ett"), (2, "Två"), (3, "Tre")],
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<circle") == 1
    assert "1 registrering: steg 2 den 2026-03-01." in svg
    assert step_path_svg(points=[], ladder=[(1, "Ett")]) == ""
