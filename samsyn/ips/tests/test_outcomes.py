"""IPS outcomes on hand-computed fixtures (samsyn/ips/selectors/outcomes.py,
docs/ips-outcomes.md)."""

from __future__ import annotations

from typing import Any

import pytest

from samsyn.conftest import World
from samsyn.core.models import Team, TeamKind, TeamMember, User
from samsyn.interventions.models import Intervention
from samsyn.ips.selectors.outcomes_summary import chart_quarters, ips_outcomes_summary
from samsyn.ips.tests.outcomes_setup import (
    Q1,
    D,
    activity,
    coach2,
    employer_contact,
    ips,
    job,
    meeting,
    reg,
    touch,
)
from samsyn.participants.models import Registration
from samsyn.stats.periods import Period
from samsyn.testing.queries import QueryCount

__all__ = ["coach2", "ips"]  # fixtures


def figures(intervention: Intervention, period: Period = Q1, **kw: Any) -> dict[str, Any]:
    summary = ips_outcomes_summary(intervention, period, suppress=kw.get("suppress", False))
    return {figure["id"]: figure["values"] for figure in summary["figures"]}


def total(intervention: Intervention, figure: str, period: Period = Q1) -> Any:
    return figures(intervention, period)[figure]["total"]


def test_employment_rate_excludes_people_already_working(world: World, ips: Intervention) -> None:
    coach = world["coach"]
    employed = reg(ips, coach, D(2025, 11, 1), occupation="ingen")
    job(employed, D(2026, 2, 1))
    reg(ips, coach, D(2025, 11, 1), occupation="arbetssokande")
    already = reg(ips, coach, D(2025, 11, 1), occupation="arbetar", gender="man")
    job(already, D(2026, 2, 1))
    unknown = reg(ips, coach, D(2025, 11, 1), occupation="", gender="man")
    job(unknown, D(2026, 2, 1), competitive=False)  # not competitive: not in the numerator
    touch(*Registration.objects.all())
    values = figures(ips)
    assert values["out_of_work_active"] == {"kvinna": 2, "man": 1, "total": 3}
    assert values["in_competitive_job"] == {"kvinna": 1, "man": 0, "total": 1}
    assert values["employment_rate"] == {"kvinna": 0.5, "man": 0.0, "total": pytest.approx(1 / 3)}


def test_employment_rate_is_none_without_denominator(world: World, ips: Intervention) -> None:
    working = reg(ips, world["coach"], D(2025, 11, 1), occupation="arbetar")
    job(working, D(2025, 11, 1))
    assert figures(ips)["employment_rate"] == {"kvinna": None, "man": None, "total": None}


def test_quarter_edges(world: World, ips: Intervention) -> None:
    coach = world["coach"]
    job(reg(ips, coach, D(2026, 3, 31)), D(2026, 3, 31))  # starts on the last day: counts
    job(reg(ips, coach, D(2025, 6, 1)), D(2025, 7, 1), D(2026, 1, 1))  # ends on the first day
    job(reg(ips, coach, D(2025, 6, 1), D(2025, 12, 31)), D(2025, 7, 1))  # ended before
    job(reg(ips, coach, D(2026, 4, 1)), D(2026, 4, 1))  # starts after
    ended_job = reg(ips, coach, D(2025, 6, 1))
    job(ended_job, D(2025, 7, 1), D(2025, 12, 31))  # job ended the day before the quarter
    touch(*Registration.objects.all(), day=D(2026, 3, 31))
    values = figures(ips)
    assert values["out_of_work_active"]["total"] == 3
    assert values["in_competitive_job"]["total"] == 2
    assert values["job_starts"]["total"] == 1
    assert values["job_starts_first"]["total"] == 1


def test_competitive_and_other_job_starts(world: World, ips: Intervention) -> None:
    registration = reg(ips, world["coach"], D(2025, 10, 1))
    job(registration, D(2026, 1, 10), competitive=False)
    job(registration, D(2026, 2, 10))
    job(registration, D(2026, 3, 10))
    job(registration, D(2026, 3, 11), kind="studier", competitive=True)  # studies: no job
    values = figures(ips)
    assert values["job_starts"]["total"] == 2
    assert values["job_starts_noncompetitive"]["total"] == 1
    assert values["job_starts_first"]["total"] == 1


def test_first_job_and_median_days(world: World, ips: Intervention) -> None:
    coach = world["coach"]
    first = reg(ips, coach, D(2026, 1, 1))
    job(first, D(2026, 1, 11))  # 10 days
    job(first, D(2026, 2, 1))  # a second job: not a first
    second = reg(ips, coach, D(2025, 12, 1), gender="man")
    job(second, D(2025, 11, 1))  # before the registration: not its first job
    job(second, D(2026, 3, 1))  # 90 days
    earlier = reg(ips, coach, D(2025, 10, 1))
    job(earlier, D(2025, 12, 15))  # first job in the previous quarter
    job(earlier, D(2026, 2, 15))
    values = figures(ips)
    assert values["job_starts_first"] == {"kvinna": 1, "man": 1, "total": 2}
    assert values["median_days_to_first_job"] == {"kvinna": 10.0, "man": 90.0, "total": 50.0}
    assert values["job_starts"]["total"] == 4


def test_thirteen_week_edges(world: World, ips: Intervention) -> None:
    # The quarter ends 2026-03-31; 91 days before is 2025-12-30.
    registration = reg(ips, world["coach"], D(2025, 1, 1))
    job(registration, D(2025, 12, 30))  # 91 days before the end: counted, but nobody knows
    job(registration, D(2025, 12, 31))  # 90 days before: not yet counted
    job(registration, D(2025, 10, 1), D(2025, 12, 30))  # ended on day 90: not held
    job(registration, D(2025, 10, 1), D(2025, 12, 31))  # ended on day 91: held
    job(registration, D(2025, 10, 1), D(2025, 12, 31), competitive=False)  # not competitive
    values = figures(ips)
    assert values["jobs_13w_base"]["total"] == 3
    assert values["jobs_13w_held"]["total"] == 1
    assert values["jobs_13w_unknown"]["total"] == 1  # no end date is not "held"
    assert values["jobs_13w_share"]["total"] == pytest.approx(1 / 3)


def test_thirteen_weeks_held_only_when_recorded(world: World, ips: Intervention) -> None:
    """A job counts as held only when someone recorded it as still held on day 91 or later
    (a check), or its end date is then; without either it is unknown, not held."""
    registration = reg(ips, world["coach"], D(2025, 1, 1), D(2025, 11, 1))  # exited
    checked = job(registration, D(2025, 10, 1))
    checked.held_confirmed_on = D(2025, 12, 31)  # day 91
    checked.save()
    too_early = job(registration, D(2025, 10, 1))
    too_early.held_confirmed_on = D(2025, 12, 30)  # day 90: does not say it
    too_early.save()
    job(registration, D(2025, 10, 1))  # nothing recorded
    values = figures(ips)
    assert values["jobs_13w_base"]["total"] == 3
    assert values["jobs_13w_held"]["total"] == 1
    assert values["jobs_13w_unknown"]["total"] == 2
    assert values["jobs_13w_share"]["total"] == pytest.approx(1 / 3)


def test_caseload_contact_window_is_28_days(world: World, ips: Intervention) -> None:
    coach = world["coach"]
    activity(reg(ips, coach, D(2026, 1, 1)), D(2026, 3, 4))  # day 28 counting the last: in
    activity(reg(ips, coach, D(2026, 1, 1)), D(2026, 3, 3))  # day 29: out
    meeting(reg(ips, coach, D(2026, 1, 1)), D(2026, 3, 31))
    employer_contact(reg(ips, coach, D(2026, 1, 1), gender="man"), D(2026, 3, 20))
    activity(reg(ips, coach, D(2026, 1, 1), D(2026, 3, 30)), D(2026, 3, 29))  # ended: out
    activity(reg(ips, coach, D(2026, 1, 1)), D(2026, 4, 1))  # after the period: out
    assert figures(ips)["caseload_active"] == {"kvinna": 2, "man": 1, "total": 3}


def test_follow_along(world: World, ips: Intervention) -> None:
    coach = world["coach"]
    job(reg(ips, coach, D(2025, 6, 1)), D(2025, 9, 1))  # in work, still supported
    job(reg(ips, coach, D(2025, 6, 1)), D(2025, 9, 1), D(2026, 3, 30))  # job ended
    job(reg(ips, coach, D(2025, 6, 1), D(2026, 3, 30)), D(2025, 9, 1))  # support ended
    job(reg(ips, coach, D(2025, 6, 1)), D(2026, 3, 31), competitive=False)  # not competitive
    assert total(ips, "follow_along") == 1


def test_felregistrering_never_counts(world: World, ips: Intervention) -> None:
    wrong = reg(ips, world["coach"], D(2026, 1, 1), D(2026, 1, 2), exit_reason="felregistrering")
    job(wrong, D(2026, 1, 2))
    assert total(ips, "out_of_work_active") == 0
    assert total(ips, "job_starts") == 0


def test_per_coach_and_team_split(world: World, ips: Intervention, coach2: User) -> None:
    coach = world["coach"]
    for _i in range(2):
        registration = reg(ips, coach, D(2026, 1, 1))
        activity(registration, D(2026, 3, 30))
        job(registration, D(2026, 2, 1))
    other = reg(ips, coach2, D(2026, 1, 1), gender="man")
    activity(other, D(2026, 3, 30))
    touch(reg(ips, None, D(2026, 1, 1)))
    team = Team.objects.create(forbund=world.forbund, kind=TeamKind.IPS_TEAM, name="IPS Norr")
    TeamMember.objects.create(team=team, party=world.kommun, user=coach)
    for name in ("IPS Syd", "IPS Väst"):  # two IPS teams: no team can be told
        second = Team.objects.create(forbund=world.forbund, kind=TeamKind.IPS_TEAM, name=name)
        TeamMember.objects.create(team=second, party=world.kommun, user=coach2)
    summary = ips_outcomes_summary(ips, Q1, suppress=False)
    name = coach.get_full_name()
    rows = {row["name"] if row["id"] != coach.pk else "Coach": row for row in summary["coaches"]}
    assert [row["name"] for row in summary["coaches"]] == [
        "Bo Andersson",
        name,
        "Ingen coach angiven",
    ]
    assert rows["Coach"]["values"]["caseload_active"]["total"] == 2
    assert rows["Coach"]["values"]["employment_rate"]["total"] == 1.0
    assert rows["Coach"]["team"] == "IPS Norr"
    assert rows["Coach"]["caseload_status"] == "Inom gränsen (20 per coach)"
    assert rows["Bo Andersson"]["values"]["caseload_active"] == {"kvinna": 0, "man": 1, "total": 1}
    assert rows["Bo Andersson"]["team"] is None
    assert rows["Ingen coach angiven"]["values"]["out_of_work_active"]["total"] == 1
    assert [(t["name"], t["coaches"]) for t in summary["teams"]] == [("IPS Norr", 1)]
    assert summary["teams"][0]["values"]["job_starts"]["total"] == 2
    assert summary["coaches_without_team"] == 1
    assert summary["caseload"] == {"limit": 20, "coaches": 2, "coaches_over_limit": 0}
    figures_ = {f["id"]: f["values"] for f in summary["figures"]}
    assert figures_["out_of_work_active"]["total"] == 4


def test_caseload_over_limit(world: World, ips: Intervention) -> None:
    for _i in range(21):
        activity(reg(ips, world["coach"], D(2026, 1, 1)), D(2026, 3, 31))
    summary = ips_outcomes_summary(ips, Q1, suppress=False)
    assert summary["coaches"][0]["over_limit"] is True
    assert summary["coaches"][0]["caseload_status"] == "Över gränsen (20 per coach)"
    assert summary["caseload"]["coaches_over_limit"] == 1


def test_suppressed_for_styrgrupp(world: World, ips: Intervention) -> None:
    coach = world["coach"]
    for _i in range(6):
        reg(ips, coach, D(2026, 1, 1))
    for _i in range(3):
        job(reg(ips, coach, D(2026, 1, 1), gender="man"), D(2026, 2, 1))
    touch(*Registration.objects.all())
    summary = ips_outcomes_summary(ips, Q1, suppress=True)
    values = {figure["id"]: figure["values"] for figure in summary["figures"]}
    # 3 men are "< 5"; the 6 women are hidden too, or 9 − 6 would give the 3 back.
    assert values["out_of_work_active"] == {"kvinna": "dolt", "man": "< 5", "total": 9}
    assert values["in_competitive_job"] == {"kvinna": 0, "man": "< 5", "total": "< 5"}
    too_few = "för få för att visa"  # a share and a median are not counts
    assert values["employment_rate"] == {"kvinna": too_few, "man": too_few, "total": too_few}
    assert values["median_days_to_first_job"]["total"] == too_few
    assert summary["coaches"] == [] and summary["teams"] == []
    assert summary["small_numbers_rule"]
    assert summary["by_quarter"][-1]["employment_rate"] == too_few


def test_chart_quarters(world: World, ips: Intervention) -> None:
    ips.start_date = D(2025, 2, 15)
    quarters = chart_quarters(ips, Q1)
    assert [(q.start, q.end) for q in quarters] == [
        (D(2025, 1, 1), D(2025, 3, 31)),
        (D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 3, 31)),
    ]
    ips.start_date = D(2020, 1, 1)
    assert len(chart_quarters(ips, Q1)) == 8


def test_rate_by_quarter(world: World, ips: Intervention) -> None:
    ips.start_date = D(2025, 7, 1)
    coach = world["coach"]
    working = reg(ips, coach, D(2025, 7, 1))
    job(working, D(2026, 1, 15))
    ended = reg(ips, coach, D(2025, 7, 1), D(2025, 12, 31))
    dormant = reg(ips, coach, D(2025, 7, 1))  # a contact in K3 only
    for registration in (working, ended, dormant):
        touch(registration, day=D(2025, 9, 30))
    touch(working, ended, day=D(2025, 12, 20))
    touch(working, day=D(2026, 3, 30))
    rows = ips_outcomes_summary(ips, Q1, suppress=False)["by_quarter"]
    # each quarter counts its active caseload on its last day
    assert [(r["label"], r["out_of_work_active"], r["in_competitive_job"]) for r in rows] == [
        ("2025 K3", 3, 0),
        ("2025 K4", 2, 0),
        ("2026 K1", 1, 1),
    ]
    assert rows[-1]["employment_rate"] == 1.0


def test_one_population_for_caseload_and_employment_rate(world: World, ips: Intervention) -> None:
    """A dormant registration (no contact in the last 28 days) is in neither the caseload nor
    the employment rate; before, the rate counted every registration active in the period."""
    coach = world["coach"]
    active = reg(ips, coach, D(2025, 11, 1))
    job(active, D(2026, 2, 1))
    touch(active)
    dormant = reg(ips, coach, D(2025, 11, 1))
    meeting(dormant, D(2026, 1, 10))  # last contact more than 28 days before 2026-03-31
    exited = reg(ips, coach, D(2025, 11, 1), D(2026, 2, 15))
    touch(exited, day=D(2026, 2, 10))
    summary = ips_outcomes_summary(ips, Q1, suppress=False)
    values = {figure["id"]: figure["values"] for figure in summary["figures"]}
    assert values["caseload_active"]["total"] == 1
    assert values["out_of_work_active"]["total"] == 1
    assert values["employment_rate"]["total"] == 1.0
    assert summary["population"].startswith("Aktiva inskrivningar")
    assert summary["by_quarter"][-1]["out_of_work_active"] == 1


def _many(intervention: Intervention, coaches: list[User], count: int) -> None:
    for index in range(count):
        registration = reg(intervention, coaches[index % len(coaches)], D(2025, 12, 1))
        activity(registration, D(2026, 3, 20))
        meeting(registration, D(2026, 3, 21))
        job(registration, D(2026, 1, 5) if index % 2 else D(2025, 9, 1))


@pytest.mark.parametrize("count", [2, 30])
def test_constant_number_of_queries(
    world: World, ips: Intervention, coach2: User, count: int, assert_query_count: QueryCount
) -> None:
    team = Team.objects.create(forbund=world.forbund, kind=TeamKind.IPS_TEAM, name="IPS")
    TeamMember.objects.create(team=team, party=world.kommun, user=world["coach"])
    _many(ips, [world["coach"], coach2], count)
    with assert_query_count(7):
        summary = ips_outcomes_summary(ips, Q1, suppress=False)
    assert len(summary["coaches"]) == 2
