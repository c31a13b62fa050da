"""The report content: the one dict every report renders, exact or suppressed."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest

from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import ActualCost, BudgetLine, Capacity, Intervention
from samsyn.participants.models import FollowUpMeeting, PostExitFollowUp, Registration
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.reporting.content_types import BreakdownContent, GenderCells, ReportContent
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = Period(D(2026, 1, 1), D(2026, 12, 31))
TODAY = D(2026, 11, 26)


def reg(
    intervention: Intervention,
    gender: str,
    start: datetime.date,
    end: datetime.date | None = None,
    **fields: Any,
) -> Registration:
    person = PersonFactory(
        forbund=intervention.forbund,
        gender=gender,
        home_municipality_code=fields.pop("kommun", "1783"),
    )
    if end is not None:
        fields.setdefault("exit_reason", "fullfoljt")
    return RegistrationFactory(
        intervention=intervention, person=person, start_date=start, end_date=end, **fields
    )


def metric(content: ReportContent, metric_id: str) -> GenderCells:
    return next(m["values"] for m in content["metrics"] if m["id"] == metric_id)


def breakdown(content: ReportContent, key: str) -> BreakdownContent:
    return next(b for b in content["breakdowns"] if b["id"] == key)


@pytest.fixture
def intervention() -> Intervention:
    ins = InterventionFactory(start_date=D(2025, 1, 1))
    for _ in range(6):
        reg(ins, "kvinna", D(2026, 2, 1))
    for _ in range(3):
        reg(ins, "man", D(2026, 3, 1), D(2026, 6, 30), outcome="arbete")
    reg(ins, "man", D(2026, 3, 1), kommun="1737")
    return ins


def test_exact_content_is_json_and_counts_by_hand(intervention: Intervention) -> None:
    content = report_content(intervention, YEAR, suppress=False, today=TODAY)
    json.dumps(content)  # a snapshot must be storable as it is
    assert content["schema"] == 3
    assert content["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert metric(content, "active") == {"kvinna": 6, "man": 4, "total": 10}
    assert metric(content, "ended") == {"kvinna": 0, "man": 3, "total": 3}
    assert metric(content, "share_work_or_studies") == {"kvinna": None, "man": 1.0, "total": 1.0}
    assert content["suppressed"] is False and content["small_numbers_rule"] == ""
    every_definition = [m["definition"] for m in content["metrics"]]
    assert all(every_definition)


def test_participants_over_time_counts_each_month(intervention: Intervention) -> None:
    content = report_content(intervention, YEAR, suppress=False, today=TODAY)
    months = {row["month"]: row["values"] for row in content["participants_over_time"]}
    assert len(months) == 12
    assert months["2026-01"] == {"kvinna": 0, "man": 0, "total": 0}
    assert months["2026-02"] == {"kvinna": 6, "man": 0, "total": 6}
    assert months["2026-06"] == {"kvinna": 6, "man": 4, "total": 10}
    assert months["2026-07"] == {"kvinna": 6, "man": 1, "total": 7}


def test_suppressed_content_hides_small_counts(intervention: Intervention) -> None:
    content = report_content(intervention, YEAR, suppress=True, today=TODAY)
    assert metric(content, "ended") == {"kvinna": 0, "man": "< 5", "total": "< 5"}
    # The share would give the hidden count back.
    assert metric(content, "share_work_or_studies")["man"] == "dolt"
    assert metric(content, "active")["man"] == "< 5"
    assert content["small_numbers_rule"]
    serialised = json.dumps(content["metrics"])
    for small in ("1", "2", "3", "4"):
        assert f'"man": {small},' not in serialised


def test_breakdown_withheld_when_a_shown_total_would_have_to_be_hidden() -> None:
    ins = InterventionFactory(start_date=D(2025, 1, 1))
    for _ in range(5):
        reg(ins, "kvinna", D(2026, 2, 1), kommun="1783")
    for _ in range(5):
        reg(ins, "man", D(2026, 2, 1), kommun="1783")
    reg(ins, "kvinna", D(2026, 2, 1), kommun="1737")
    exact = report_content(ins, YEAR, suppress=False, today=TODAY)
    rows = {row["label"]: row["values"] for row in breakdown(exact, "municipalities")["rows"]}
    assert sorted(int(v["total"] or 0) for v in rows.values()) == [1, 10]
    hidden = report_content(ins, YEAR, suppress=True, today=TODAY)
    table = breakdown(hidden, "municipalities")
    # active is shown as kvinna 6, man 5, total 11. Hiding Hagfors' 1 woman would need the
    # 5 women of Forshaga hidden too, and then "dolt" (0 or ≥ 5) + "< 5" = 6 gives both back:
    # the only safe answer is to withhold the breakdown and show the totals alone.
    assert table == {
        "id": "municipalities",
        "title": table["title"],
        "rows": [],
        "withheld": True,
    }
    assert metric(hidden, "active") == {"kvinna": 6, "man": 5, "total": 11}


def test_breakdown_shown_when_it_can_be_protected() -> None:
    ins = InterventionFactory(start_date=D(2025, 1, 1))
    for kommun, women, men in (("1783", 7, 8), ("1737", 6, 9), ("1765", 2, 5)):
        for _ in range(women):
            reg(ins, "kvinna", D(2026, 2, 1), kommun=kommun)
        for _ in range(men):
            reg(ins, "man", D(2026, 2, 1), kommun=kommun)
    table = breakdown(report_content(ins, YEAR, suppress=True, today=TODAY), "municipalities")
    assert table["withheld"] is False
    cells = [v for row in table["rows"] for v in row["values"].values()]
    assert "< 5" in cells and "dolt" in cells
    assert 2 not in cells


def test_places_are_beside_the_municipality_counts(intervention: Intervention) -> None:
    Capacity.objects.create(intervention=intervention, municipality_code="1783", places=17)
    content = report_content(intervention, YEAR, suppress=False, today=TODAY)
    rows = breakdown(content, "municipalities")["rows"]
    hagfors = next(row for row in rows if row.get("places") == 17)
    assert hagfors["values"]["total"] == 9


def test_followups_due_done_and_overdue(intervention: Intervention) -> None:
    ended = list(Registration.objects.filter(intervention=intervention, end_date__isnull=False))
    PostExitFollowUp.objects.create(
        registration=ended[0], months_after=6, due_on=D(2026, 10, 1), done_on=D(2026, 10, 2)
    )
    PostExitFollowUp.objects.create(registration=ended[1], months_after=6, due_on=D(2026, 11, 1))
    PostExitFollowUp.objects.create(registration=ended[2], months_after=6, due_on=D(2026, 12, 20))
    ongoing = Registration.objects.filter(intervention=intervention, end_date__isnull=True)
    first, second = list(ongoing[:2])
    FollowUpMeeting.objects.create(
        registration=first, held_on=D(2026, 9, 1), next_due=D(2026, 11, 1)
    )
    FollowUpMeeting.objects.create(
        registration=second, held_on=D(2026, 11, 1), next_due=D(2027, 1, 1)
    )
    followups = report_content(intervention, YEAR, suppress=False, today=TODAY)["followups"]
    assert followups["reference_day"] == "2026-11-26"
    assert followups["post_exit_due"]["total"] == 3
    assert followups["post_exit_done"]["total"] == 1
    # Due 2026-12-20 is not overdue on 2026-11-26.
    assert followups["post_exit_overdue"]["total"] == 1
    assert followups["meetings_overdue"]["total"] == 1


def test_money_budget_outcome_and_cost_per_participant(intervention: Intervention) -> None:
    BudgetLine.objects.create(
        intervention=intervention, year=2026, category="loner", amount=Decimal("1000000")
    )
    ActualCost.objects.create(
        intervention=intervention, month=D(2026, 1, 1), category="loner", amount=Decimal(50000)
    )
    ActualCost.objects.create(
        intervention=intervention, month=D(2026, 12, 1), category="resor", amount=Decimal("0.50")
    )
    ActualCost.objects.create(  # outside the period
        intervention=intervention, month=D(2027, 1, 1), category="loner", amount=Decimal(99)
    )
    money = report_content(intervention, YEAR, suppress=False, today=TODAY)["money"]
    assert money["budget_total"] == "1000000.00"
    assert money["outcome_total"] == "50000.50"
    assert money["cost_per_participant"] == "5000"  # 50 000,50 kr / 10 active
    assert [row["category"] for row in money["rows"]] == ["loner", "resor"]
    assert len(money["monthly"]) == 12


def test_money_says_whose(intervention: Intervention) -> None:
    """The förbund's money beside the total project cost: a party's in-kind premises and
    sold places are part of the total, not of the förbund's money."""
    party = intervention.owner_party
    BudgetLine.objects.create(
        intervention=intervention, year=2026, category="loner", amount=Decimal(400000)
    )
    BudgetLine.objects.create(
        intervention=intervention,
        year=2026,
        category="lokaler",
        amount=Decimal(96000),
        funder="part_natura",
        funder_party=party,
    )
    for funder, amount in (("forbund", 30000), ("salda_platser", 10000)):
        ActualCost.objects.create(
            intervention=intervention,
            month=D(2026, 3, 1),
            category="loner",
            amount=Decimal(amount),
            funder=funder,
        )
    money = report_content(intervention, YEAR, suppress=False, today=TODAY)["money"]
    assert (money["budget_total"], money["forbund_budget_total"]) == ("496000.00", "400000.00")
    assert (money["outcome_total"], money["forbund_outcome_total"]) == ("40000.00", "30000.00")
    # 10 active participants (the fixture): 4 000 kr in all, 3 000 kr of the förbund's money.
    assert (money["cost_per_participant"], money["forbund_cost_per_participant"]) == (
        "4000",
        "3000",
    )


def test_cost_per_participant_hidden_for_small_groups() -> None:
    ins = InterventionFactory(start_date=D(2025, 1, 1))
    reg(ins, "kvinna", D(2026, 2, 1))
    ActualCost.objects.create(
        intervention=ins, month=D(2026, 2, 1), category="loner", amount=Decimal(9000)
    )
    assert report_content(ins, YEAR, suppress=False, today=TODAY)["money"][
        "cost_per_participant"
    ] == ("9000")
    hidden = report_content(ins, YEAR, suppress=True, today=TODAY)["money"]
    assert hidden["cost_per_participant"] is None


def test_query_count_is_constant(assert_query_count: QueryCount) -> None:
    small = InterventionFactory(start_date=D(2025, 1, 1))
    big = InterventionFactory(start_date=D(2025, 1, 1))
    reg(small, "kvinna", D(2026, 2, 1))
    for index in range(30):
        reg(big, "kvinna" if index % 2 else "man", D(2026, 2, 1), D(2026, 5, 1), outcome="arbete")
    # 20: one asks whether a team is linked (collaboration figures).
    with assert_query_count(20):
        report_content(small, YEAR, suppress=True, today=TODAY)
    with assert_query_count(20):
        report_content(big, YEAR, suppress=True, today=TODAY)
