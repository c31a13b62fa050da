"""Issue #10, item 7: no follow-ups after exit for anonymous registrations.

Nobody can call a person registered anonymously (no name, no contact details), so an exit
books no phone follow-up for them, the import books none, the lists do not offer one, and
they are outside "andel nådda" (seed 004: "Att nå alla deltagare för uppföljning … ett år
efter avslutad insats"). The open ones booked before are removed by a data migration.
"""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from samsyn.participants.models import PostExitFollowUp, Registration
from samsyn.participants.selectors.caseload import caseload_summary, post_exit_due_list
from samsyn.participants.selectors.metrics import evaluate
from samsyn.participants.services.exit import ExitData, registration_exit
from samsyn.participants.tests.factories import PersonFactory
from samsyn.participants.tests.followup_setup import ended, registration_for
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 26)
D = datetime.date


EARLY = D(2025, 1, 1)


def _anonymous_registration(world, start: datetime.date = EARLY) -> Registration:
    person = PersonFactory(
        forbund=world.forbund, is_anonymous=True, first_name="", last_name="", personnummer=""
    )
    return registration_for(world, person=person, consent=None, start_date=start)


def _exit(world, registration: Registration) -> None:
    registration_exit(
        actor=world["coach"],
        registration_id=registration.pk,
        expected_version=registration.version,
        data=ExitData(
            end_date=D(2026, 8, 31),
            reason="fullfoljt",
            income_sources_after=["lon"],
            occupation_after="arbetar",
            outcome="arbete",
            step_forward=True,
        ),
        today=TODAY,
    )


def test_the_exit_of_an_anonymous_registration_books_no_follow_up(world):
    anonymous = _anonymous_registration(world, D(2026, 2, 1))
    identified = registration_for(world)
    _exit(world, anonymous)
    _exit(world, identified)
    anonymous.refresh_from_db()
    assert anonymous.end_date == D(2026, 8, 31) and anonymous.outcome == "arbete"
    assert not PostExitFollowUp.objects.filter(registration=anonymous).exists()
    assert PostExitFollowUp.objects.filter(registration=identified).count() == 2


def test_anonymous_follow_ups_are_outside_andel_nadda(world):
    """Bookings made before the fix (or recorded before the migration) count nowhere."""
    reached = ended(registration_for(world, start_date=EARLY), D(2025, 8, 31))
    reached.post_exit_follow_ups.filter(months_after=12).update(done_on=D(2026, 9, 1), reached=True)
    anonymous = ended(_anonymous_registration(world), D(2025, 8, 31))
    anonymous.post_exit_follow_ups.filter(months_after=12).update(
        done_on=D(2026, 9, 1), reached=False
    )
    values = evaluate(world.intervention, Period(D(2026, 8, 1), D(2026, 9, 30)))
    assert values["followup_12m_due"]["total"] == 1
    assert values["followup_12m_reached"]["total"] == 1
    assert values["share_followup_12m_reached"]["total"] == 1.0


def test_the_report_counts_no_anonymous_follow_up_due_done_or_overdue(world):
    ended(registration_for(world, start_date=EARLY), D(2025, 12, 1))
    ended(_anonymous_registration(world), D(2025, 12, 1))
    period = Period(D(2026, 1, 1), D(2026, 12, 31))
    followups = report_content(world.intervention, period, suppress=False, today=TODAY)["followups"]
    # The identified person's two calls (2026-06-01 and 2026-12-01); the first is overdue.
    assert followups["post_exit_due"]["total"] == 2
    assert followups["post_exit_overdue"]["total"] == 1


def test_the_due_lists_offer_no_call_to_an_anonymous_person(world):
    identified = ended(registration_for(world, start_date=EARLY), D(2026, 1, 10))
    ended(_anonymous_registration(world), D(2026, 1, 10))
    rows = list(post_exit_due_list(actor=world["coach"], today=TODAY))
    assert {row.registration_id for row in rows} == {identified.pk}
    assert caseload_summary(actor=world["coach"], today=TODAY).post_exit_due == 1


def test_the_data_migration_removes_only_open_anonymous_follow_ups(world):
    migration = importlib.import_module(
        "samsyn.participants.migrations.0004_remove_anonymous_post_exit_follow_ups"
    )
    identified = ended(registration_for(world, start_date=EARLY), D(2025, 8, 31))
    anonymous = ended(_anonymous_registration(world), D(2025, 8, 31))
    recorded = anonymous.post_exit_follow_ups.get(months_after=6)
    PostExitFollowUp.objects.filter(pk=recorded.pk).update(done_on=D(2026, 3, 1), reached=False)

    migration.remove_open_anonymous_follow_ups(django_apps, None)

    assert identified.post_exit_follow_ups.count() == 2
    assert list(anonymous.post_exit_follow_ups.values_list("pk", flat=True)) == [recorded.pk]


def test_the_participant_page_says_why_an_anonymous_exit_has_no_call(world, as_persona):
    anonymous = _anonymous_registration(world, D(2026, 2, 1))
    _exit(world, anonymous)
    identified = registration_for(world)
    _exit(world, identified)
    hint = "Anonymt registrerade följs inte upp efter avslut"
    page = as_persona("coach").get(reverse("participants:registration_detail", args=[anonymous.pk]))
    assert page.status_code == 200 and hint in page.content.decode()
    other = as_persona("coach").get(
        reverse("participants:registration_detail", args=[identified.pk])
    )
    assert hint not in other.content.decode()
    assert "Uppföljning 6 månader efter avslut" in other.content.decode()
