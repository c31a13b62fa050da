"""Issue #15 item 4: the dashboard leads with four figures (goal, trend, definition), shows
the rest in closed sections, lists only the metrics of the intervention's methods, and
judges a goal on the period it is set for ("i fas"/"efter plan" against a pro-rated target
for a shorter period, "uppnått"/"ej uppnått" only over the whole of it)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.interventions.models import ActualCost, AnnualPlan, BudgetLine, Goal
from samsyn.interventions.selectors.goal_periods import elapsed_factor, goal_periods
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.reporting.selectors.dashboard_lead import previous_period
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date
Q1 = {"fran": "2026-01-01", "till": "2026-03-31"}
Q2 = {"fran": "2026-04-01", "till": "2026-06-30"}
YEAR = {"fran": "2026-01-01", "till": "2026-12-31"}


def register(world: World, gender: str, start: datetime.date, **fields: Any) -> None:
    person = PersonFactory(forbund=world.forbund, gender=gender, home_municipality_code="1783")
    RegistrationFactory(intervention=world.intervention, person=person, start_date=start, **fields)


@pytest.fixture
def year(world: World) -> World:
    """An intervention of 2026: three women and one man start in Q1, one woman ends to work
    on 1 March; a per-year goal of 40 participants and a goal of 50 % to work or studies;
    40 planned, a budget of 100 000 kr of the förbund's money, 10 000 used in January and
    20 000 in April."""
    intervention = world.intervention
    intervention.start_date, intervention.end_date = D(2026, 1, 1), D(2026, 12, 31)
    intervention.save()
    register(
        world,
        "kvinna",
        D(2026, 1, 10),
        end_date=D(2026, 3, 1),
        exit_reason="fullfoljt",
        outcome="arbete",
    )
    register(world, "kvinna", D(2026, 1, 12))
    register(world, "kvinna", D(2026, 2, 1))
    register(world, "man", D(2026, 2, 3))
    Goal.objects.create(
        intervention=intervention,
        metric_id="participants_total",
        comparison="at_least",
        target=Decimal(40),
        period_kind="ar",
        label="Fyrtio deltagare om året",
    )
    Goal.objects.create(
        intervention=intervention,
        metric_id="share_work_or_studies",
        comparison="at_least",
        target=Decimal(50),
        label="Hälften till arbete eller studier",
    )
    AnnualPlan.objects.create(intervention=intervention, year=2026, planned_participants=40)
    BudgetLine.objects.create(
        intervention=intervention, year=2026, category="lokaler", amount=Decimal(100000)
    )
    for month, amount in ((1, 10000), (4, 20000)):
        ActualCost.objects.create(
            intervention=intervention,
            month=D(2026, month, 1),
            category="lokaler",
            amount=Decimal(amount),
        )
    return world


def page(client: Client, world: World, params: dict[str, str]) -> str:
    url = reverse("reporting:dashboard", args=[world.intervention.pk])
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())


def lead(html: str, figure: str) -> str:
    match = re.search(rf'<li class="lead-figure" id="lead-{figure}">(.*?)</li>', html, re.S)
    assert match, figure
    return text(match.group(1))


def goal_row(html: str, label: str) -> str:
    rows = re.findall(r"<tr>(.*?)</tr>", html[html.index('id="table-goals"') :], re.S)
    return next(text(row) for row in rows if label in row)


def test_the_lead_block_shows_the_four_figures_with_goal_trend_and_definition(
    as_persona: Persona, year: World
) -> None:
    html = page(as_persona("coach"), year, Q2)
    assert html.index('id="lead-heading"') < html.index('class="report-body"')
    participants = lead(html, "participants")
    assert "Deltagare (aktiva) 3" in participants
    assert "varav påbörjade under perioden: 0" in participants
    assert "Mål: Minst 40 (per kalenderår)." in participants
    assert "För perioden: Minst 10." in participants  # 40 × 91/365 = 9,97 → 10,0
    assert "Planerat enligt årsplan 2026: 40 deltagare." in participants
    assert "↓ Ned från 4 under 2026-01-01–2026-03-31." in participants
    work = lead(html, "work_or_studies")
    assert "Mål: Minst 50 % (hela insatsen)." in work
    assert "Ingen jämförelse med 2026-01-01–2026-03-31" in work  # nobody ended in Q2
    assert "Stegförflyttning" in lead(html, "step_forward")
    money = lead(html, "money")
    assert "20 000 kr" in money and "Budget 2026: 100 000 kr." in money
    assert "Förbrukat: 20,0 % av budgeten, perioden är 24,9 % av året." in money
    assert "↑ Upp från 10 000 kr under 2026-01-01–2026-03-31." in money
    definitions = re.findall(
        r'<details class="definition lead-definition"><summary>Så räknas det</summary>'
        r"<p>(.+?)</p></details>",
        html,
        re.S,
    )
    assert len(definitions) == 4 and all(len(text(item)) > 40 for item in definitions)


def test_every_other_section_is_closed_with_a_summary(as_persona: Persona, year: World) -> None:
    html = page(as_persona("coach"), year, Q1)
    sections = re.findall(r'<details class="report-section" id="([a-z-_]+)"><summary>', html)
    for section in ("goals", "metrics", "over-time", "breakdowns", "followups", "money"):
        assert f"section-{section}" in sections
    assert '<details class="report-section" id="section-goals" open' not in html


def test_a_quarter_of_a_year_goal_is_in_phase_or_behind_not_a_verdict(
    as_persona: Persona, year: World
) -> None:
    html = page(as_persona("coach"), year, Q1)
    # 4 started in Q1 against 40 × 90/365 = 9,9: behind the plan, but not "ej uppnått".
    row = goal_row(html, "Fyrtio deltagare om året")
    assert "Minst 40 per kalenderår Minst 9,9 4 efter plan" in row
    # 1 of 1 ended to work: 100 % against 50 % of a goal for the whole intervention.
    assert "Minst 50 % hela insatsen Minst 50 % 100,0 % i fas" in goal_row(html, "Hälften")
    assert ">ej uppnått</span>" not in html and ">uppnått</span>" not in html


def test_the_whole_period_of_the_goal_gets_the_verdict(as_persona: Persona, year: World) -> None:
    html = page(as_persona("coach"), year, YEAR)
    assert "Minst 40 per kalenderår hela målet 4 ej uppnått" in goal_row(html, "Fyrtio")
    assert "hela målet 100,0 % uppnått" in goal_row(html, "Hälften")
    assert ">i fas</span>" not in html and ">efter plan</span>" not in html


def test_the_pro_rating_formula(year: World) -> None:
    goal = Goal.objects.get(label="Fyrtio deltagare om året")
    intervention = year.intervention
    quarter = Period(D(2026, 1, 1), D(2026, 3, 31))
    spans = goal_periods(goal, intervention, quarter)
    assert spans == [Period(D(2026, 1, 1), D(2026, 12, 31))]
    assert elapsed_factor(spans or [], quarter) == Decimal(90) / Decimal(365)
    # A per-year goal over two whole years counts twice its target.
    intervention.end_date = D(2027, 12, 31)
    two_years = Period(D(2026, 1, 1), D(2027, 12, 31))
    assert elapsed_factor(goal_periods(goal, intervention, two_years) or [], two_years) == 2
    # A goal for the whole of an intervention without an end cannot be pro-rated.
    intervention.end_date = None
    whole = Goal(intervention=intervention, metric_id="started", target=Decimal(5))
    assert goal_periods(whole, intervention, quarter) is None


def test_the_previous_period_has_the_same_length() -> None:
    assert previous_period(Period(D(2026, 4, 1), D(2026, 6, 30))) == Period(
        D(2026, 1, 1), D(2026, 3, 31)
    )
    assert previous_period(Period(D(2026, 1, 1), D(2026, 12, 31))) == Period(
        D(2025, 1, 1), D(2025, 12, 31)
    )
    assert previous_period(Period(D(2026, 3, 10), D(2026, 3, 19))) == Period(
        D(2026, 2, 28), D(2026, 3, 9)
    )


def test_the_steering_group_sees_no_small_number_in_the_lead(
    as_persona: Persona, year: World
) -> None:
    html = page(as_persona("styrgrupp"), year, Q2)
    participants = lead(html, "participants")
    assert "Deltagare (aktiva) &lt; 5" in participants
    assert "Ned från" not in participants and "Upp från" not in participants
    assert not re.search(r"\b[1-4]\b(?! ?%)(?!\d)", participants.split("Mål:")[0])


def test_an_ips_intervention_lists_no_resource_inventory_rows(
    as_persona: Persona, year: World
) -> None:
    intervention = year.intervention
    intervention.methods = ["ips"]
    intervention.save()
    html = page(as_persona("coach"), year, Q1)
    assert "rekommendation" not in text(html).lower()
    assert "IPS-resultat" in html
    # Neighbours explained: each IPS figure says what it counts, and the quarters table
    # says why its population is not the caseload figure beside it.
    assert "Vad betyder det?" in html
    assert "<dt>Aktiv ärendemängd</dt>" in html and "<dt>Aktiva utan arbete vid start</dt>" in html
    assert "Aktiv ärendemängd ovan räknar alla aktiva" in html

    intervention.methods = ["resursinventering"]
    intervention.save()
    html = page(as_persona("coach"), year, Q1)
    assert "Andel med rekommendationen" in html and "IPS-resultat" not in html


def test_number_columns_are_right_aligned_with_tabular_figures() -> None:
    from django.contrib.staticfiles import finders

    path = finders.find("samsyn/css/reports.css")
    assert path
    with open(str(path), encoding="utf-8") as css:
        rules = css.read()
    assert ".report-table thead th:not(:first-child), .num { text-align: right;" in rules
    assert "font-variant-numeric: tabular-nums" in rules
