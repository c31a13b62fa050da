"""The distribution of recommendations against a hand count, suppression for the styrgrupp,
the ongoing count, attendance and the list of inventories past 12 weeks."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from samsyn.assessments.models import ObservationWeek
from samsyn.assessments.selectors.distribution import recommendation_distribution
from samsyn.conftest import World

from .setup import ended, inventory_registration, started

pytestmark = pytest.mark.django_db
IN_PERIOD = datetime.date(2026, 3, 15)
# A report period of the schedule (Rapport 5, 2026 Q1): the styrgrupp, whose small numbers are
# hidden, may choose only those (issue #11, item 4).
PARAMS = {"rapportperiod": "2026-01-01_2026-03-31"}
TODAY = datetime.date(2026, 11, 26)


def _world(world: World) -> None:
    inventory_registration(world)  # ongoing, no recommendation
    # Hand count: kvinnor 3 AMA, 5 aktivitet, 1 rehab, 1 sjukersättning; män 3 AMA, 5 aktivitet.
    for gender, code, n in [
        ("kvinna", "arbetsforberedande", 3),
        ("kvinna", "aktivitet", 5),
        ("kvinna", "fortsatt_rehabilitering", 1),
        ("kvinna", "sjukersattning", 1),
        ("man", "arbetsforberedande", 3),
        ("man", "aktivitet", 5),
    ]:
        for _ in range(n):
            ended(world, gender, code, IN_PERIOD)
    ended(world, "man", "aktivitet", datetime.date(2026, 8, 1))  # outside the period
    ended(world, "man", "", IN_PERIOD)  # no recommendation: not counted


def _rows(page):
    return {row.code: row for row in page.rows}


def test_counts_and_shares_match_the_hand_count(world: World) -> None:
    _world(world)
    page = recommendation_distribution(
        actor=world["admin"], intervention_id=world.intervention.pk, params=PARAMS, today=TODAY
    )
    rows = _rows(page)
    assert rows["arbetsforberedande"].counts == (3, 3, 6)
    assert rows["aktivitet"].counts[2] == 10
    assert rows["fortsatt_rehabilitering"].counts == (1, 0, 1)
    assert rows["sjukersattning"].counts == (1, 0, 1)
    assert page.total == (10, 8, 18)
    assert rows["aktivitet"].shares[2] == pytest.approx(10 / 18)
    assert rows["arbetsforberedande"].shares[0] == pytest.approx(0.3)
    assert page.exact


def test_styrgrupp_sees_suppressed_figures(world: World) -> None:
    _world(world)
    page = recommendation_distribution(
        actor=world["styrgrupp"], intervention_id=world.intervention.pk, params=PARAMS, today=TODAY
    )
    rows = _rows(page)
    assert not page.exact
    assert rows["fortsatt_rehabilitering"].counts[0] == "< 5"
    assert rows["fortsatt_rehabilitering"].shares[0] == "för få för att visa"
    assert rows["aktivitet"].counts[2] == 10
    # No hidden cell can be recovered: every row and column with a hidden cell has two.
    hidden = [
        (r, c)
        for r, row in enumerate(page.rows)
        for c, v in enumerate(row.counts)
        if isinstance(v, str)
    ]
    for r, _c in hidden:
        assert sum(1 for rr, _ in hidden if rr == r) >= 2
    assert page.overdue == []  # the styrgrupp sees no list of people


def test_ongoing_attendance_and_overdue(world: World) -> None:
    registration = inventory_registration(world)
    inventory = started(
        registration,
        observation_from=datetime.date(2026, 2, 9),
        observation_to=datetime.date(2026, 5, 3),
    )
    for week, attended in [(0, "15"), (1, "20"), (2, "5")]:
        ObservationWeek.objects.create(
            inventory=inventory,
            week_starting=datetime.date(2026, 2, 9) + datetime.timedelta(weeks=week),
            planned_hours=Decimal(20),
            attended_hours=Decimal(attended),
        )
    page = recommendation_distribution(
        actor=world["coach"], intervention_id=world.intervention.pk, params=PARAMS, today=TODAY
    )
    assert page.ongoing == 1
    assert page.attendance == pytest.approx(40 / 60)
    assert [item.pk for item in page.overdue] == [inventory.pk]
    styrgrupp = recommendation_distribution(
        actor=world["styrgrupp"], intervention_id=world.intervention.pk, params=PARAMS, today=TODAY
    )
    assert styrgrupp.ongoing == "< 5"
    assert styrgrupp.attendance == "för få för att visa"  # a share, not a count


def test_the_styrgrupp_may_not_choose_free_dates(world: World) -> None:
    _world(world)
    free = {"fran": "2026-01-01", "till": "2026-06-30"}
    page = recommendation_distribution(
        actor=world["styrgrupp"], intervention_id=world.intervention.pk, params=free, today=TODAY
    )
    assert page.pick.period == page.pick.default
    assert "kan bara välja någon av rapportperioderna" in page.pick.error
    exact = recommendation_distribution(
        actor=world["admin"], intervention_id=world.intervention.pk, params=free, today=TODAY
    )
    assert not exact.pick.error and exact.pick.period.end == datetime.date(2026, 6, 30)
