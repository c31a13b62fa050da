"""The teams' figures against a hand count, through the metric registry, in constant queries."""

from __future__ import annotations

import datetime

import pytest

from samsyn.collaboration.models import CaseDiscussion, MeetingAction, TeamCase
from samsyn.collaboration.selectors.figures import (
    COLLABORATION_METRICS,
    team_figures,
    teams_linked_to,
)
from samsyn.collaboration.tests.case_setup import make_meeting, make_team
from samsyn.conftest import World
from samsyn.core.models import Team, TeamMember
from samsyn.interventions.selectors.goals import goal_metrics
from samsyn.participants.tests.factories import PersonFactory, ReferralFactory
from samsyn.stats.metrics import evaluate, metrics
from samsyn.stats.periods import Period

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
D = datetime.date


def _fill(world: World) -> dict[str, Team]:
    """Hand-counted world (period 2026-01-01 – 2026-06-30):

    meetings: 5 in the period (3 held, 1 planned, 1 cancelled) + 1 held in 2025
    attendance at held meetings: m1 kommun+fk present; m2 kommun present, fk absent;
    m3 nothing recorded → full attendance 1 of 2 recorded; party rows 3 present of 4
    cases: c1 raised 2025 (old meeting), discussed at m1 and m2 → continued;
           c2 raised at m1, discussed at m1 and m3 → new; c3 raised at m2, discussed only at
           the planned meeting → not discussed at a held meeting
    referred: c2 linked to a referral of 2026-04-01 → 1
    actions due in the period: a1 done on time, a2 done late, a3 open, a4 struck out (not
    counted) → on time 1 of 3
    """
    team = make_team(world)
    old = make_meeting(world, team, D(2025, 11, 1))
    m1 = make_meeting(world, team, D(2026, 1, 10))
    m2 = make_meeting(world, team, D(2026, 2, 10), present=(world.kommun,), absent=(world.fk,))
    m3 = make_meeting(world, team, D(2026, 3, 10), present=())
    planned = make_meeting(world, team, D(2026, 6, 10), status="planerat", present=())
    make_meeting(world, team, D(2026, 5, 10), status="installt", present=())
    c1 = TeamCase.objects.create(team=team, number=1, raised_at=old)
    c2 = TeamCase.objects.create(team=team, number=2, raised_at=m1)
    c3 = TeamCase.objects.create(team=team, number=3, raised_at=m2)
    for meeting, case in ((old, c1), (m1, c1), (m2, c1), (m1, c2), (m3, c2), (planned, c3)):
        CaseDiscussion.objects.create(meeting=meeting, case=case)
    c2.referral = ReferralFactory(
        intervention=world.intervention,
        person=PersonFactory(forbund=world.forbund),
        referring_party=world.kommun,
        referred_on=D(2026, 4, 1),
    )
    c2.save()
    for due, status, done in (
        (D(2026, 2, 1), "klar", D(2026, 1, 30)),
        (D(2026, 2, 1), "klar", D(2026, 2, 5)),
        (D(2026, 3, 1), "oppen", None),
        (D(2026, 3, 1), "struken", None),
        (D(2026, 8, 1), "klar", D(2026, 2, 1)),  # due after the period
    ):
        MeetingAction.objects.create(
            meeting=m1,
            text="Kontakta",
            owner_party=world.kommun,
            due_date=due,
            status=status,
            done_on=done,
        )
    return {"team": team}


EXPECTED = {
    "collab_meetings_planned": 5,
    "collab_meetings_held": 3,
    "collab_meetings_held_share": 3 / 5,
    "collab_full_attendance_share": 1 / 2,
    "collab_party_presence": 3 / 4,
    "collab_cases_discussed": 2,
    "collab_cases_new": 1,
    "collab_cases_continued": 1,
    "collab_cases_referred": 1,
    "collab_actions_on_time_share": 1 / 3,
}


def test_hand_count_through_the_registry(world: World) -> None:
    _fill(world)
    values = evaluate(world.intervention, PERIOD, metric_ids=EXPECTED)
    assert {key: values[key]["total"] for key in EXPECTED} == pytest.approx(EXPECTED)
    assert values["collab_cases_new"]["kvinna"] is None


def test_team_figures_per_party(world: World) -> None:
    filled = _fill(world)
    (row,) = team_figures([filled["team"]], PERIOD)
    assert row.counts["collab_meetings_held"] == 3
    assert row.attendance_lines() == [("Försäkringskassan", 1, 2), ("Testby kommun", 2, 2)]


def test_linked_teams(world: World) -> None:
    """Staff seat (the coach of the intervention) links; a team with only a handläggare
    seat and no referred case does not; a case referred into the intervention links."""
    linked = make_team(world)
    unlinked = make_team(world, "Utan koppling")
    TeamMember.objects.filter(team=unlinked, user=world["coach"]).delete()
    assert set(teams_linked_to(world.intervention)) == {linked}
    assert not teams_linked_to(world.other_intervention).exists()
    meeting = make_meeting(world, unlinked)
    TeamCase.objects.create(
        team=unlinked,
        number=1,
        raised_at=meeting,
        referral=ReferralFactory(
            intervention=world.intervention,
            person=PersonFactory(forbund=world.forbund),
            referring_party=world.kommun,
        ),
    )
    assert set(teams_linked_to(world.intervention)) == {linked, unlinked}


def test_other_intervention_counts_nothing(world: World) -> None:
    _fill(world)
    # No team is linked to the other intervention: the figures do not apply to it at all.
    values = evaluate(world.other_intervention, PERIOD, metric_ids=EXPECTED)
    assert "collab_meetings_planned" not in values
    assert not metrics(world.other_intervention) or not {
        metric.id for metric in metrics(world.other_intervention)
    } & set(EXPECTED)


def test_registered_and_goal_targets(world: World) -> None:
    make_team(world)  # the coach's seat links the team to the intervention
    ids = {metric.id for metric in metrics(world.intervention)}
    assert {metric.id for metric in COLLABORATION_METRICS} <= ids
    assert "collab_full_attendance_share" in {
        metric.id for metric in goal_metrics(world.intervention)
    }


def test_constant_queries(world: World, django_assert_num_queries) -> None:
    filled = _fill(world)
    # Five aggregates and whether a team is linked (asked once per intervention object).
    with django_assert_num_queries(6):
        evaluate(world.intervention, PERIOD, metric_ids=EXPECTED)
    with django_assert_num_queries(6):
        team_figures([filled["team"]], PERIOD)
    more = make_team(world, "Fler")
    for day in range(1, 20):
        meeting = make_meeting(world, more, D(2026, 4, day))
        TeamCase.objects.create(team=more, number=day, raised_at=meeting)
    fresh = type(world.intervention).objects.get(pk=world.intervention.pk)
    with django_assert_num_queries(6):
        evaluate(fresh, PERIOD, metric_ids=EXPECTED)
    with django_assert_num_queries(6):
        team_figures([filled["team"], more], PERIOD)
