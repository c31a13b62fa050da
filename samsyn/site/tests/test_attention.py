"""The förbundsadministratör's "Att hantera" on the start page (issue #15, item 3;
samsyn/site/selectors/attention.py): each item with a case that triggers it and one that
does not, only the administrator sees the section, and the page's exact query count."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samsyn.applications.models import PaymentClaim
from samsyn.audit.models import LogReview
from samsyn.collaboration.tests.setup import make_action, make_meeting, make_team
from samsyn.conftest import World
from samsyn.core.models import TeamMember
from samsyn.core.roles import Role
from samsyn.core.selectors.accounts import membership_list_for_user
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory, UserFactory
from samsyn.interventions.models import Goal, GoalPeriod, Grant, Intervention
from samsyn.reporting.models import PeriodReport, ReportKind, ReportStatus
from samsyn.site.selectors import attention
from samsyn.site.selectors.attention import LOG_REVIEW_INTERVAL_DAYS, attention_for
from samsyn.stats import metrics as metrics_registry

pytestmark = pytest.mark.django_db
D = datetime.date


def quiet(world: World) -> World:
    """Nothing to handle: the intervention started today (no period has ended), and the
    förbund's log was reviewed yesterday."""
    world.intervention.start_date = timezone.localdate()
    world.intervention.save()
    LogReview.objects.create(
        forbund=world.forbund,
        reviewer=world["granskare"],
        sample_size=1,
        completed_at=timezone.now() - datetime.timedelta(days=1),
    )
    return world


def keys(world: World, today: datetime.date | None = None) -> dict[str, list[str]]:
    attention = attention_for(
        memberships=membership_list_for_user(user=world["admin"]), today=today
    )
    assert attention is not None
    return {item.key: [link.label for link in item.links] for item in attention.items}


def test_nothing_to_handle(world: World, as_persona) -> None:
    quiet(world)
    assert keys(world) == {}
    html = as_persona("admin").get(reverse("core:start")).content.decode()
    assert "Att hantera" in html
    assert "Inget behöver hanteras just nu." in html


def test_reports_due_and_late(world: World) -> None:
    quiet(world)
    world.intervention.start_date = D(2026, 1, 1)
    world.intervention.save()
    # 2026-04-15: Q1 ended on 31 March and is due until 30 April.
    assert keys(world, D(2026, 4, 15)) == {"reports": ["Testinsatsen (1)"]}
    # 2026-03-31: nothing has ended yet.
    assert keys(world, D(2026, 3, 31)) == {}
    # 2026-07-15: Q1 is late, Q2 is due.
    assert keys(world, D(2026, 7, 15)) == {"reports": ["Testinsatsen (2)"]}
    # An approved report is not to handle.
    PeriodReport.objects.create(
        intervention=world.intervention,
        kind=ReportKind.QUARTER,
        number=1,
        title="Rapport 1",
        period_from=D(2026, 1, 1),
        period_to=D(2026, 3, 31),
        status=ReportStatus.APPROVED,
        snapshot={},
    )
    assert keys(world, D(2026, 4, 15)) == {}


def test_interventions_under_their_goals(world: World) -> None:
    quiet(world)
    world.intervention.start_date = timezone.localdate() - datetime.timedelta(days=1)
    world.intervention.save()
    goal = Goal.objects.create(
        intervention=world.intervention,
        metric_id="participants_total",
        comparison="at_least",
        target=Decimal(50),
        label="Minst femtio deltagare",
    )
    assert keys(world) == {"goals": ["Testinsatsen"]}
    goal.target = Decimal(0)
    goal.save()
    assert keys(world) == {}


def test_overdue_collaboration_actions(world: World) -> None:
    quiet(world)
    team = make_team(world)
    meeting = make_meeting(world, team, days_ago=30)
    action = make_action(world, meeting, due_in_days=40)
    assert keys(world) == {}
    action.due_date = timezone.localdate() - datetime.timedelta(days=1)
    action.save()
    assert keys(world) == {"actions": ["Försenade åtgärder"]}


def test_budgets_near_their_limit(world: World) -> None:
    quiet(world)
    year = timezone.localdate().year
    Grant.objects.create(intervention=world.intervention, year=year, amount=Decimal(1000))
    claim = PaymentClaim.objects.create(
        intervention=world.intervention,
        year=year,
        period_from=D(year, 1, 1),
        period_to=D(year, 3, 31),
        claimed_amount=Decimal(899),
        status="inskickad",
        created_by=world["insatsansvarig"],
    )
    assert keys(world) == {}
    claim.claimed_amount = Decimal(900)
    claim.save()
    assert keys(world) == {"budget": ["Testinsatsen"]}


def test_log_review_due(world: World) -> None:
    quiet(world)
    assert keys(world) == {}
    LogReview.objects.update(
        completed_at=timezone.now() - datetime.timedelta(days=LOG_REVIEW_INTERVAL_DAYS + 1)
    )
    assert list(keys(world)) == ["log_review"]
    LogReview.objects.update(completed_at=None)
    assert list(keys(world)) == ["log_review"]


@pytest.mark.parametrize(
    "name", ["insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "nobody"]
)
def test_only_the_administrator_sees_the_section(world: World, as_persona, name: str) -> None:
    html = as_persona(name).get(reverse("core:start")).content.decode()
    assert "Att hantera" not in html, name


def test_the_admin_sees_the_figures_with_links(world: World, as_persona) -> None:
    html = as_persona("admin").get(reverse("core:start")).content.decode()
    assert "Att hantera" in html
    # The world's intervention started in 2025: its ended quarters' reports are to handle.
    assert f'href="{reverse("reporting:report_list", args=[world.intervention.pk])}"' in html
    assert f'href="{reverse("manage:user_list")}"' in html


def test_the_start_page_query_count_for_the_admin(
    world: World, as_persona, assert_query_count
) -> None:
    """The figures cost one query each (the grants' utilisation three) whatever the number of
    interventions; the world's intervention has no goals, so no goal is evaluated."""
    client = as_persona("admin")
    url = reverse("core:start")
    client.get(url)
    with assert_query_count(24):
        client.get(url)
    for number in range(3):
        InterventionFactory(forbund=world.forbund, owner_party=world.kommun, name=f"Fler {number}")
    with assert_query_count(24):
        client.get(url)


def _goal(intervention: Intervention, metric_id: str, target: int, **fields: object) -> Goal:
    return Goal.objects.create(
        intervention=intervention,
        metric_id=metric_id,
        comparison="at_least",
        target=Decimal(target),
        label=metric_id,
        **fields,
    )


@pytest.mark.parametrize("number", [2, 15])
def test_goals_of_every_intervention_cost_the_same_queries(
    world: World, number: int, django_assert_num_queries
) -> None:
    """One grouped evaluation for all the förbund's interventions: the same number of
    queries with 2 and 15 running interventions with goals, and every one is checked."""
    quiet(world)
    started = timezone.localdate() - datetime.timedelta(days=1)
    world.intervention.start_date = started
    world.intervention.save()
    interventions = [world.intervention] + [
        InterventionFactory(
            forbund=world.forbund,
            owner_party=world.kommun,
            name=f"Insats {index:02d}",
            start_date=started,
            methods=["resursinventering"],
        )
        for index in range(number - 1)
    ]
    for intervention in interventions:
        _goal(intervention, "participants_total", 50)
        _goal(intervention, "share_recommendation_aktivitet", 50, period_kind=GoalPeriod.YEAR)
        _goal(intervention, "trained_coach", 2)
    memberships = membership_list_for_user(user=world["admin"])
    # Interventions, schedules, reports, goals; registrations (counts, follow-ups, median),
    # recommendations, trainings; actions; utilisation (three); log reviews.
    with django_assert_num_queries(14):
        result = attention.attention_for(memberships=memberships)
    assert result is not None
    (goals,) = [item for item in result.items if item.key == "goals"]
    assert sorted(link.label for link in goals.links) == sorted(i.name for i in interventions)


def test_goals_on_every_source_are_checked(world: World, as_persona) -> None:
    """No cap: goals on the registrations and on the collaboration figures (whose teams are
    linked through staff seats, not a column) of every intervention are judged."""
    quiet(world)
    started = timezone.localdate() - datetime.timedelta(days=1)
    world.intervention.start_date = started
    world.intervention.save()
    # A coach of the whole förbund in a team: the team is linked to every intervention.
    team = make_team(world)
    coach = UserFactory(username="teamcoach")
    MembershipFactory(user=coach, forbund=world.forbund, role=Role.COACH)
    TeamMember.objects.create(team=team, party=world.kommun, user=coach)
    grouped = InterventionFactory(
        forbund=world.forbund, owner_party=world.kommun, name="Grupperad", start_date=started
    )
    _goal(grouped, "participants_total", 50)
    for name in ("Samverkan 1", "Samverkan 2", "Samverkan 3"):
        linked = InterventionFactory(
            forbund=world.forbund, owner_party=world.kommun, name=name, start_date=started
        )
        _goal(linked, "collab_meetings_held", 50)
    result = attention.attention_for(memberships=membership_list_for_user(user=world["admin"]))
    assert result is not None
    assert [link.label for item in result.items for link in item.links] == [
        "Grupperad",
        "Samverkan 1",
        "Samverkan 2",
        "Samverkan 3",
    ]
    html = as_persona("admin").get(reverse("core:start")).content.decode()
    assert "Samverkan 3" in html and "kontrolleras inte" not in html


def test_every_metric_source_evaluates_by_intervention() -> None:
    """The start page judges every goal in the grouped evaluation: a metric source without
    ``evaluate_by_intervention`` would make it fail, so none may be registered."""
    sources = list(metrics_registry._SOURCES)
    assert len(sources) >= 5
    assert all(hasattr(source, "evaluate_by_intervention") for source in sources)
