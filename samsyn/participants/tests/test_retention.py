"""Retention (gallring): who is cleared, what is cleared, what stays, and the log."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    ConsentRecipient,
    FollowUpMeeting,
    JournalNote,
    Person,
    Referral,
    Registration,
    WorkStart,
)
from samsyn.participants.services.retention import (
    RETENTION_ACTOR,
    months_before,
    retention_execute,
    retention_plan,
    years_before,
)
from samsyn.participants.tests.factories import PersonFactory, ReferralFactory, RegistrationFactory
from samsyn.participants.tests.intake_setup import media_fixture  # noqa: F401  # fixture
from samsyn.participants.tests.lifecycle_setup import TODAY, D, identified_person, old_file

pytestmark = pytest.mark.django_db


def test_the_cut_offs_follow_the_forbunds_policy(world: World) -> None:
    world.forbund.retention_years = 5
    world.forbund.referral_retention_months = 12
    plan = retention_plan(forbund=world.forbund, today=TODAY)
    assert plan.registration_cutoff == D(2028, 3, 1)
    assert plan.referral_cutoff == D(2032, 3, 1)
    assert years_before(D(2028, 2, 29), 1) == D(2027, 2, 28)
    assert months_before(D(2033, 3, 31), 1) == D(2033, 2, 28)
    assert months_before(D(2033, 1, 15), 13) == D(2031, 12, 15)


def test_the_dry_run_lists_an_old_file_and_changes_nothing(world: World, media: Path) -> None:
    file = old_file(world)
    plan = retention_plan(forbund=world.forbund, today=TODAY)
    assert [item.registration_id for item in plan.registrations] == [file.registration.pk]
    assert plan.registrations[0].last_entry == D(2027, 6, 30)
    assert plan.persons == [file.person.pseudonym]
    assert plan.cleared_items
    file.person.refresh_from_db()
    assert file.person.first_name == "Tolvan"


def test_a_recent_entry_keeps_the_file(world: World, media: Path) -> None:
    """The last entry is the latest date of any record, not the exit date."""
    file = old_file(world)
    Activity.objects.filter(pk=file.activity.pk).update(held_on=D(2029, 1, 1))
    assert retention_plan(forbund=world.forbund, today=TODAY).registrations == []
    assert retention_plan(forbund=world.forbund, today=D(2034, 1, 2)).registrations != []


def test_a_recent_journal_note_keeps_the_file(world: World, media: Path) -> None:
    file = old_file(world)
    JournalNote.objects.filter(pk=file.note.pk).update(
        written_at=datetime.datetime(2029, 1, 1, 10, tzinfo=datetime.UTC)
    )
    assert retention_plan(forbund=world.forbund, today=TODAY).registrations == []


def test_an_ongoing_registration_is_never_cleared(world: World) -> None:
    RegistrationFactory(intervention=world.intervention, start_date=D(2020, 1, 1))
    assert retention_plan(forbund=world.forbund, today=TODAY).registrations == []


def test_a_longer_policy_keeps_the_file(world: World, media: Path) -> None:
    old_file(world)
    world.forbund.retention_years = 10
    world.forbund.save()
    assert retention_plan(forbund=world.forbund, today=TODAY).is_empty


def test_execute_clears_text_documents_and_identity_and_keeps_the_codes(
    world: World, media: Path
) -> None:
    file = old_file(world)
    document = media / str(file.consent.document.name)
    assert document.exists()
    result = retention_execute(forbund=world.forbund, today=TODAY)
    assert (result.registrations, result.persons) == (1, 1)
    person = Person.objects.get(pk=file.person.pk)
    assert (person.personnummer, person.personnummer_index) == ("", "")
    assert (person.first_name, person.last_name, person.phone, person.email) == ("", "", "", "")
    assert (person.gender, person.birth_year, person.home_municipality_code) == (
        "man",
        1912,
        "1780",
    )
    assert person.identity_cleared_on == TODAY
    registration = Registration.objects.get(pk=file.registration.pk)
    assert registration.exit_plan == ""
    assert (registration.outcome, registration.end_date) == ("arbete", D(2027, 6, 30))
    assert registration.personal_data_cleared_on == TODAY
    assert ActionPlan.objects.get(registration=registration).description == ""
    activity = Activity.objects.get(pk=file.activity.pk)
    assert (activity.note, activity.provider, activity.held_on) == ("", "", D(2027, 3, 1))
    meeting = FollowUpMeeting.objects.get(registration=registration)
    assert (meeting.note, meeting.participants_present) == ("", "")
    assert JournalNote.objects.get(pk=file.note.pk).text == ""
    work_start = WorkStart.objects.get(pk=file.work_start.pk)
    assert (work_start.employer, work_start.form) == ("", "osubventionerad")
    referral = Referral.objects.get(pk=file.referral.pk)
    assert (referral.reason, referral.decision_reason) == ("", "")
    file.consent.refresh_from_db()
    assert file.consent.document.name == ""
    assert not document.exists()
    assert ConsentRecipient.objects.get(consent=file.consent).name == ""


def test_a_cleared_file_is_not_planned_again(world: World, media: Path) -> None:
    old_file(world)
    retention_execute(forbund=world.forbund, today=TODAY)
    assert retention_plan(forbund=world.forbund, today=TODAY).is_empty


def test_identity_stays_while_another_registration_is_kept(world: World, media: Path) -> None:
    file = old_file(world)
    RegistrationFactory(
        intervention=world.intervention, person=file.person, start_date=D(2032, 1, 1)
    )
    result = retention_execute(forbund=world.forbund, today=TODAY)
    assert (result.registrations, result.persons) == (1, 0)
    person = Person.objects.get(pk=file.person.pk)
    assert person.first_name == "Tolvan"
    assert person.personnummer_index != ""


def test_declined_and_never_registered_referrals_are_cleared_after_the_shorter_time(
    world: World,
) -> None:
    person = identified_person(world)
    declined = ReferralFactory(
        intervention=world.intervention,
        person=person,
        referring_party=world.kommun,
        referred_on=D(2031, 11, 1),
        status="declined",
        decided_on=D(2032, 1, 10),
        decision_reason="Inte aktuell hos två parter.",
    )
    recent = ReferralFactory(
        intervention=world.intervention,
        person=PersonFactory(forbund=world.forbund),
        referring_party=world.kommun,
        referred_on=D(2032, 12, 1),
    )
    plan = retention_plan(forbund=world.forbund, today=TODAY)
    assert [item.referral_id for item in plan.referrals] == [declined.pk]
    assert plan.persons == [person.pseudonym]
    retention_execute(forbund=world.forbund, today=TODAY)
    declined.refresh_from_db()
    assert (declined.reason, declined.decision_reason) == ("", "")
    assert declined.status == "declined"
    recent.refresh_from_db()
    assert recent.reason != ""
    assert Person.objects.get(pk=person.pk).personnummer == ""


def test_other_forbunds_data_is_untouched(world: World, media: Path) -> None:
    old_file(world)
    foreign = RegistrationFactory(
        intervention=world.other_intervention,
        start_date=D(2020, 1, 1),
        end_date=D(2020, 6, 1),
        exit_plan="Annat förbund.",
    )
    retention_execute(forbund=world.forbund, today=TODAY)
    foreign.refresh_from_db()
    assert foreign.exit_plan == "Annat förbund."
    assert foreign.person.first_name == "Kim"


def test_every_cleared_record_and_the_run_are_logged_with_the_pseudonym_only(
    world: World, media: Path
) -> None:
    file = old_file(world)
    retention_execute(forbund=world.forbund, today=TODAY)
    events = list(AuditEvent.objects.filter(actor_username=RETENTION_ACTOR).order_by("id"))
    kinds = [event.object_type for event in events]
    assert kinds == [
        "participants.Registration",
        "participants.Person",
        "",
    ]
    assert {event.action for event in events} == {"delete"}
    assert all(event.participant_ref == file.person.pseudonym for event in events[:2])
    assert "1 inskrivningar" in events[-1].detail
    for event in events:
        assert "Tolvan" not in event.detail and "1212" not in event.detail


def test_audit_events_survive_retention(world: World, media: Path) -> None:
    old_file(world)
    before = AuditEvent.objects.count()
    retention_execute(forbund=world.forbund, today=TODAY)
    assert AuditEvent.objects.count() > before


def test_the_command_dry_run_lists_and_changes_nothing(world: World, media: Path) -> None:
    file = old_file(world)
    out = StringIO()
    call_command(
        "apply_retention",
        "--dry-run",
        "--forbund",
        "testdalen",
        "--today",
        "2033-03-01",
        stdout=out,
    )
    assert file.person.pseudonym in out.getvalue()
    assert "Provkörning" in out.getvalue()
    assert Registration.objects.get(pk=file.registration.pk).personal_data_cleared_on is None


def test_the_command_clears(world: World, media: Path) -> None:
    file = old_file(world)
    out = StringIO()
    call_command("apply_retention", "--today", "2033-03-01", stdout=out)
    assert "1 inskrivningar" in out.getvalue()
    assert Registration.objects.get(pk=file.registration.pk).personal_data_cleared_on is not None


def test_the_command_refuses_an_unknown_forbund(world: World) -> None:
    with pytest.raises(CommandError, match="kortnamnet"):
        call_command("apply_retention", "--forbund", "finns-inte", stdout=StringIO())


def test_the_command_refuses_a_bad_date(world: World) -> None:
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("apply_retention", "--today", "igår", stdout=StringIO())
