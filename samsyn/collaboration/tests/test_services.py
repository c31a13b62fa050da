"""The services: planning on a cadence, attendance and absences, actions carried forward,
minutes approved and frozen, stale edits, bad input — each refusal changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.collaboration.models import Attendance, Meeting, MeetingAction, MeetingDecision
from samsyn.collaboration.selectors.attendance import Period, party_absences
from samsyn.collaboration.selectors.meetings import carried_actions, coordinator_alerts, team_rows
from samsyn.collaboration.services.actions import ActionFields, action_create, action_set_status
from samsyn.collaboration.services.attendance import PartyAttendance, attendance_record
from samsyn.collaboration.services.meetings import (
    MeetingFields,
    SeriesFields,
    decision_add,
    meeting_plan,
    meeting_series_plan,
    meeting_update,
)
from samsyn.collaboration.services.minutes import minutes_approve, minutes_save
from samsyn.conftest import World
from samsyn.core.versioning import StaleEditError

from .setup import held, make_action, make_meeting, make_team, seat, today

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _rows(world: World, team, absent=()) -> list[PartyAttendance]:
    return [
        PartyAttendance(
            party_id=party.pk,
            present=party not in absent,
            member_ids=() if party in absent else (seat(team, party).pk,),
        )
        for party in (world.region, world.kommun, world.af, world.fk)
    ]


def test_plan_one_meeting_is_audited(world: World) -> None:
    team = make_team(world)
    meeting = meeting_plan(
        actor=world["insatsansvarig"],
        team=team,
        fields=MeetingFields(date=today() + 7 * DAY, place="Rum 1", kind="extra"),
    )
    assert meeting.kind == "extra" and meeting.status == "planerat"
    assert AuditEvent.objects.filter(object_id=str(meeting.pk), action="create").exists()


def test_far_date_is_questioned_then_confirmed(world: World) -> None:
    team = make_team(world)
    far = today() + 400 * DAY
    with pytest.raises(ValidationError) as error:
        meeting_plan(actor=world["admin"], team=team, fields=MeetingFields(date=far))
    assert "mer än ett år" in str(error.value.message_dict["confirm_date"])
    assert not Meeting.objects.exists()
    meeting_plan(actor=world["admin"], team=team, fields=MeetingFields(date=far), confirm_date=True)
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "error"), [("coach", PermissionDenied), ("styrgrupp", Http404), ("outsider", Http404)]
)
def test_only_coordinators_plan(world: World, name: str, error: type) -> None:
    team = make_team(world)
    with pytest.raises(error):
        meeting_plan(actor=world[name], team=team, fields=MeetingFields(date=today()))
    assert not Meeting.objects.exists()


def test_series_on_a_cadence_and_by_hand(world: World) -> None:
    team = make_team(world)
    first = today() + 7 * DAY
    meetings = meeting_series_plan(
        actor=world["insatsansvarig"],
        team=team,
        series=SeriesFields(first=first, until=first + 70 * DAY, every_weeks=7),
    )
    assert [m.date for m in meetings] == [first, first + 49 * DAY]
    assert {m.series for m in meetings} == {1}
    picked = meeting_series_plan(
        actor=world["insatsansvarig"],
        team=team,
        series=SeriesFields(dates=(first + 3 * DAY, first + DAY)),
    )
    assert [m.date for m in picked] == [first + DAY, first + 3 * DAY]
    assert {m.series for m in picked} == {2}


def test_series_bad_input_changes_nothing(world: World) -> None:
    team = make_team(world)
    first = today() + 7 * DAY
    for series in (
        SeriesFields(first=first, until=first - DAY, every_weeks=2),
        SeriesFields(first=first, until=first + 700 * DAY, every_weeks=1),
        SeriesFields(first=first, until=None, every_weeks=2),
        SeriesFields(first=first, until=first + 10 * DAY, every_weeks=2, link="ftp://x"),
    ):
        with pytest.raises(ValidationError):
            meeting_series_plan(actor=world["admin"], team=team, series=series)
    assert not Meeting.objects.exists()


def test_cadence_due_and_overdue(world: World) -> None:
    team = make_team(world, meeting_interval_weeks=4)
    held(world, team, days_ago=35)
    row = team_rows(actor=world["insatsansvarig"])[0]
    assert row.due == today() - 7 * DAY and row.overdue
    assert [r.team for r in coordinator_alerts(actor=world["insatsansvarig"])] == [team]
    assert coordinator_alerts(actor=world["coach"]) == []
    make_meeting(world, team, days_ago=-7)
    row = team_rows(actor=world["insatsansvarig"])[0]
    assert not row.overdue and row.next_planned == today() + 7 * DAY


def test_attendance_and_absence_summary(world: World) -> None:
    team = make_team(world)
    for days in (70, 56, 42):
        held(world, team, days_ago=days, absent=(world.af,))
    for days in (28, 14, 7, 1):
        held(world, team, days_ago=days)
    rows = {row.party_name: row for row in party_absences(team=team, period=Period.last_year())}
    assert rows["Arbetsförmedlingen"].sentence == "Arbetsförmedlingen saknades vid 3 av 7 möten"
    assert rows["Region Test"].absent == 0


def test_attendance_record_marks_held_and_refuses_bad_rows(world: World) -> None:
    team = make_team(world)
    meeting = make_meeting(world, team, days_ago=1)
    actor = world["insatsansvarig"]
    bad = _rows(world, team)[:2]  # a party left out
    with pytest.raises(ValidationError):
        attendance_record(actor=actor, meeting_id=meeting.pk, expected_version=1, rows=bad)
    wrong_seat = _rows(world, team)
    wrong_seat[0] = PartyAttendance(world.region.pk, True, (seat(team, world.af).pk,))
    with pytest.raises(ValidationError):
        attendance_record(actor=actor, meeting_id=meeting.pk, expected_version=1, rows=wrong_seat)
    assert not Attendance.objects.exists()
    attendance_record(
        actor=actor, meeting_id=meeting.pk, expected_version=1, rows=_rows(world, team, (world.af,))
    )
    meeting.refresh_from_db()
    assert meeting.status == "genomfort" and meeting.version == 2
    assert Attendance.objects.get(meeting=meeting, party=world.af).present is False
    with pytest.raises(StaleEditError):
        attendance_record(
            actor=actor, meeting_id=meeting.pk, expected_version=1, rows=_rows(world, team)
        )
    assert Attendance.objects.get(meeting=meeting, party=world.af).present is False


def test_attendance_not_before_the_day(world: World) -> None:
    team = make_team(world)
    meeting = make_meeting(world, team, days_ago=-3)
    with pytest.raises(ValidationError):
        attendance_record(
            actor=world["admin"], meeting_id=meeting.pk, expected_version=1, rows=_rows(world, team)
        )


def test_action_needs_owner_and_due_date(world: World) -> None:
    team = make_team(world)
    meeting = held(world, team)
    actor = world["insatsansvarig"]
    for fields, key in (
        (ActionFields(text="Gör", owner_party_id=None, due_date=today()), "owner_party"),
        (ActionFields(text="Gör", owner_party_id=world.af.pk, due_date=None), "due_date"),
        (
            ActionFields(text="Gör", owner_party_id=world.other_party.pk, due_date=today()),
            "owner_party",
        ),
        (
            ActionFields(
                text="Gör",
                owner_party_id=world.af.pk,
                due_date=today(),
                responsible_id=seat(team, world.kommun).pk,
            ),
            "responsible",
        ),
    ):
        with pytest.raises(ValidationError) as error:
            action_create(actor=actor, meeting_id=meeting.pk, fields=fields)
        assert key in error.value.message_dict
    assert not MeetingAction.objects.exists()
    action = action_create(
        actor=actor,
        meeting_id=meeting.pk,
        fields=ActionFields(text="Gör", owner_party_id=world.af.pk, due_date=today()),
    )
    assert action.status == "oppen"


def test_open_actions_carried_to_next_meeting(world: World) -> None:
    team = make_team(world)
    first = held(world, team, days_ago=28)
    open_action = make_action(world, first)
    make_action(world, first, status="klar", done_on=today())
    nxt = make_meeting(world, team, days_ago=-1)
    assert carried_actions(nxt) == [open_action]
    assert carried_actions(first) == []


def test_action_status_by_responsible_seat_and_stale(world: World) -> None:
    team = make_team(world)
    meeting = held(world, team)
    action = make_action(
        world, meeting, owner_party=world.kommun, responsible=seat(team, world.kommun)
    )
    done = action_set_status(
        actor=world["coach"], action_id=action.pk, expected_version=1, status="klar"
    )
    assert done.done_on == today()
    with pytest.raises(StaleEditError):
        action_set_status(
            actor=world["insatsansvarig"], action_id=action.pk, expected_version=1, status="oppen"
        )
    with pytest.raises(PermissionDenied):
        action_set_status(
            actor=world["handlaggare"], action_id=action.pk, expected_version=2, status="oppen"
        )
    with pytest.raises(Http404):
        action_set_status(
            actor=world["styrgrupp"], action_id=action.pk, expected_version=2, status="oppen"
        )


def test_minutes_approved_then_frozen(world: World) -> None:
    team = make_team(world)
    meeting = held(world, team)
    action = make_action(world, meeting)
    actor = world["insatsansvarig"]
    with pytest.raises(ValidationError):  # nothing written yet
        minutes_approve(actor=actor, meeting_id=meeting.pk, expected_version=1)
    minutes_save(actor=actor, meeting_id=meeting.pk, expected_version=1, text="Protokoll")
    with pytest.raises(StaleEditError):
        minutes_approve(actor=actor, meeting_id=meeting.pk, expected_version=1)
    minutes_approve(actor=actor, meeting_id=meeting.pk, expected_version=2)
    meeting.refresh_from_db()
    assert meeting.minutes_approved_on == today() and meeting.minutes_approved_by == actor
    with pytest.raises(ValidationError, match="redan justerat"):
        minutes_approve(actor=actor, meeting_id=meeting.pk, expected_version=3)
    frozen = [
        lambda: minutes_save(actor=actor, meeting_id=meeting.pk, expected_version=3, text="Nytt"),
        lambda: meeting_update(
            actor=actor,
            meeting_id=meeting.pk,
            expected_version=3,
            fields=MeetingFields(date=meeting.date, status="genomfort"),
        ),
        lambda: attendance_record(
            actor=actor, meeting_id=meeting.pk, expected_version=3, rows=_rows(world, team)
        ),
        lambda: decision_add(actor=actor, meeting_id=meeting.pk, text="Nytt beslut"),
        lambda: action_create(
            actor=actor,
            meeting_id=meeting.pk,
            fields=ActionFields(text="Ny", owner_party_id=world.af.pk, due_date=today()),
        ),
    ]
    for write in frozen:
        with pytest.raises(ValidationError, match="justerat"):
            write()
    meeting.refresh_from_db()
    assert meeting.minutes == "Protokoll" and meeting.version == 3
    assert not MeetingDecision.objects.exists() and MeetingAction.objects.count() == 1
    # The action is still followed up after the minutes are approved.
    action_set_status(actor=actor, action_id=action.pk, expected_version=1, status="klar")


def test_stale_meeting_edit_is_refused(world: World) -> None:
    team = make_team(world)
    meeting = make_meeting(world, team, days_ago=-7)
    actor = world["admin"]
    fields = MeetingFields(date=meeting.date, place="Nytt rum")
    meeting_update(actor=actor, meeting_id=meeting.pk, expected_version=1, fields=fields)
    with pytest.raises(StaleEditError):
        meeting_update(
            actor=actor,
            meeting_id=meeting.pk,
            expected_version=1,
            fields=MeetingFields(date=meeting.date, place="Annat"),
        )
    meeting.refresh_from_db()
    assert meeting.place == "Nytt rum"


def test_held_meeting_cannot_be_in_the_future(world: World) -> None:
    team = make_team(world)
    with pytest.raises(ValidationError) as error:
        meeting_plan(
            actor=world["admin"],
            team=team,
            fields=MeetingFields(date=today() + DAY, status="genomfort"),
        )
    assert "status" in error.value.message_dict
