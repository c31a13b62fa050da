"""The economy page and the money management pages, per persona."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import STALE_EDIT_MESSAGE
from samsyn.interventions.models import (
    ActualCost,
    AnnualPlan,
    BudgetLine,
    CostCategory,
    Financing,
    Intervention,
)
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.testing.queries import QueryCount
from samsyn.testing.stale import assert_stale_round_trip

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date
VIEWERS = ["admin", "insatsansvarig", "styrgrupp"]
NOT_VIEWING = ["coach", "handlaggare", "granskare", "outsider", "nobody"]
MANAGERS = ["admin", "insatsansvarig"]
NOT_MANAGING = ["styrgrupp", "coach", "handlaggare", "granskare", "outsider", "nobody"]


@pytest.fixture
def money(world: Any) -> Intervention:
    """2026: salaries 1 100 000 (two lines) and premises 60 000; outcome 100 000 in
    January salaries and 5 000 in March premises; förbund 1 000 000 and 2 sold places."""
    ins = world.intervention
    ins.start_date, ins.end_date = D(2025, 1, 1), D(2027, 12, 31)
    ins.save()
    BudgetLine.objects.create(
        intervention=ins,
        year=2026,
        category="loner",
        description="Jobbcoach 1",
        amount=Decimal(550_000),
        fte_percent=Decimal(100),
        period_from=D(2026, 1, 1),
        period_to=D(2026, 12, 31),
    )
    BudgetLine.objects.create(
        intervention=ins, year=2026, category="loner", description="Jobbcoach 2", amount=550_000
    )
    BudgetLine.objects.create(intervention=ins, year=2026, category="lokaler", amount=60_000)
    Financing.objects.create(intervention=ins, year=2026, source="forbund", amount=1_000_000)
    Financing.objects.create(
        intervention=ins,
        year=2026,
        source="salda_platser",
        municipality_code="1783",
        places=2,
        price_per_place=64_000,
        amount=128_000,
    )
    ActualCost.objects.create(
        intervention=ins, month=D(2026, 1, 1), category="loner", amount=100_000
    )
    ActualCost.objects.create(
        intervention=ins, month=D(2026, 3, 1), category="lokaler", amount=5000
    )
    AnnualPlan.objects.create(intervention=ins, year=2026, planned_participants=25)
    return ins


def page_url(ins: Intervention, year: int | str | None = 2026) -> str:
    url = reverse("interventions:money", args=[ins.pk])
    return f"{url}?ar={year}" if year is not None else url


def active(ins: Intervention, count: int) -> None:
    for day in range(count):
        person = PersonFactory(forbund=ins.forbund)
        RegistrationFactory(intervention=ins, person=person, start_date=D(2026, 2, 1 + day))


@pytest.mark.parametrize("persona", VIEWERS)
def test_economy_page_for_viewers(as_persona: Persona, money: Intervention, persona: str) -> None:
    response = as_persona(persona).get(page_url(money))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Jobbcoach 1",
        "1 160 000",
        "128 000",
        "2 × 64 000",
        "Hagfors (1783)",
        "<dd>25</dd>",
    ):
        assert text in html
    assert "105 000" in html  # outcome of the year
    assert "1 055 000" in html  # remaining
    manages = persona in MANAGERS
    create = reverse("interventions:money_budget_create", args=[money.pk])
    assert (create in html) is manages


@pytest.mark.parametrize("persona", NOT_VIEWING)
def test_economy_page_is_404_for_others(
    as_persona: Persona, money: Intervention, persona: str
) -> None:
    assert as_persona(persona).get(page_url(money)).status_code == 404


def test_anonymous_is_sent_to_login(client: Client, money: Intervention) -> None:
    response = client.get(page_url(money))
    assert response.status_code == 302
    assert "login" in response["Location"] or "logga-in" in response["Location"]


def test_other_forbunds_intervention_is_404(as_persona: Persona, world: Any) -> None:
    url = reverse("interventions:money", args=[world.other_intervention.pk])
    assert as_persona("admin").get(url).status_code == 404


@pytest.mark.parametrize("year", ["abc", "1999", "2026x", "９９"])
def test_malformed_year_gives_message_and_default(
    as_persona: Persona, money: Intervention, year: str
) -> None:
    response = as_persona("admin").get(page_url(money, year))
    assert response.status_code == 200
    html = response.content.decode()
    assert "finns inte för insatsen" in html
    assert "2025–2027" in html


def test_cost_per_participant_for_staff(as_persona: Persona, money: Intervention) -> None:
    active(money, 3)
    html = as_persona("admin").get(page_url(money)).content.decode()
    assert "35 000" in html  # 105 000 / 3


def test_styrgrupp_does_not_see_small_participant_counts(
    as_persona: Persona, money: Intervention
) -> None:
    active(money, 3)
    html = as_persona("styrgrupp").get(page_url(money)).content.decode()
    assert "35 000" not in html
    assert "&lt; 5" in html
    assert "Färre än fem deltagare" in html


def test_styrgrupp_sees_cost_per_participant_from_five(
    as_persona: Persona, money: Intervention
) -> None:
    active(money, 5)
    html = as_persona("styrgrupp").get(page_url(money)).content.decode()
    assert "21 000" in html  # 105 000 / 5


def test_economy_page_queries_do_not_grow(
    as_persona: Persona, money: Intervention, assert_query_count: QueryCount
) -> None:
    client = as_persona("admin")
    with assert_query_count(23):
        client.get(page_url(money))
    party = money.owner_party
    # Every category paid by the förbund, by the owner party in kind and by sold places.
    funders = (("forbund", None), ("part_natura", party), ("salda_platser", None))
    for month in range(1, 13):
        for code in CostCategory.values:
            for funder, funder_party in funders:
                ActualCost.objects.update_or_create(
                    intervention=money,
                    month=D(2026, month, 1),
                    category=code,
                    funder=funder,
                    funder_party=funder_party,
                    defaults={"amount": 1000},
                )
                BudgetLine.objects.create(
                    intervention=money,
                    year=2026,
                    category=code,
                    amount=10,
                    funder=funder,
                    funder_party=funder_party,
                )
    active(money, 6)
    with assert_query_count(23):
        response = client.get(page_url(money))
    assert response.status_code == 200
    assert response.context["page"].costs.rows[1].funder == "part_natura"


# --- management ----------------------------------------------------------------------------


def urls(ins: Intervention, line: BudgetLine, row: Financing) -> dict[str, str]:
    pk = ins.pk
    return {
        "budget_create": reverse("interventions:money_budget_create", args=[pk]),
        "budget_edit": reverse("interventions:money_budget_edit", args=[pk, line.pk]),
        "budget_delete": reverse("interventions:money_budget_delete", args=[pk, line.pk]),
        "financing_create": reverse("interventions:money_financing_create", args=[pk]),
        "financing_edit": reverse("interventions:money_financing_edit", args=[pk, row.pk]),
        "financing_delete": reverse("interventions:money_financing_delete", args=[pk, row.pk]),
        "cost": reverse("interventions:money_cost", args=[pk]),
        "cost_delete": reverse("interventions:money_cost_delete", args=[pk]),
        "import": reverse("interventions:money_import", args=[pk]),
        "plan": reverse("interventions:money_plan", args=[pk, 2026]),
        "plan_delete": reverse("interventions:money_plan_delete", args=[pk, 2026]),
    }


def first_rows(ins: Intervention) -> tuple[BudgetLine, Financing]:
    line = BudgetLine.objects.filter(intervention=ins).first()
    financing = Financing.objects.filter(intervention=ins).first()
    assert line is not None and financing is not None
    return line, financing


@pytest.mark.parametrize("persona", NOT_MANAGING)
def test_management_is_404_for_others(
    as_persona: Persona, money: Intervention, persona: str
) -> None:
    client = as_persona(persona)
    line, row = first_rows(money)
    page = urls(money, line, row)
    for name in (
        "budget_create",
        "budget_edit",
        "financing_create",
        "financing_edit",
        "cost",
        "import",
        "plan",
    ):
        assert client.get(page[name]).status_code == 404, name
    for name in page:
        assert client.post(page[name], {"version": "1"}).status_code == 404, name
    assert BudgetLine.objects.count() == 3 and Financing.objects.count() == 2
    assert ActualCost.objects.count() == 2 and AnnualPlan.objects.count() == 1


@pytest.mark.parametrize("persona", MANAGERS)
def test_managers_change_budget(as_persona: Persona, money: Intervention, persona: str) -> None:
    client = as_persona(persona)
    line, row = first_rows(money)
    page = urls(money, line, row)
    assert client.get(page["budget_create"]).status_code == 200
    data = {"year": "2026", "category": "utvardering", "amount": "64 000", "description": "Extern"}
    assert client.post(page["budget_create"], data).status_code == 302
    created = BudgetLine.objects.get(category="utvardering")
    assert created.amount == Decimal(64000)
    assert client.get(page["budget_edit"]).status_code == 200
    edit = {
        "year": "2026",
        "category": "loner",
        "amount": "1 234,50",
        "fte_percent": "50",
        "version": "1",
    }
    assert client.post(page["budget_edit"], edit).status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.fte_percent, line.version) == (Decimal("1234.50"), Decimal(50), 2)
    assert client.post(page["budget_delete"], {"version": "2", "confirm": "1"}).status_code == 302
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="interventions.BudgetLine").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_bad_budget_input_shows_swedish_messages(as_persona: Persona, money: Intervention) -> None:
    client = as_persona("admin")
    line, row = first_rows(money)
    url = urls(money, line, row)["budget_create"]
    for data, message in [
        ({"year": "2026", "category": "loner", "amount": "12,345"}, "högst två decimaler"),
        ({"year": "2026", "category": "loner", "amount": "-5"}, "kan inte vara negativt"),
        ({"year": "2026", "category": "loner", "amount": "12 kronor"}, "Ange ett tal"),
        ({"year": "2030", "category": "loner", "amount": "5"}, "inom insatsens år"),
        ({"year": "x", "category": "loner", "amount": "5"}, "error-summary"),
        (
            {"year": "2026", "category": "lokaler", "amount": "5", "fte_percent": "50"},
            "bara för löner",
        ),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode(), data
    assert BudgetLine.objects.count() == 3


def _saved_cost_note(line: BudgetLine, row: Financing) -> str:
    return ActualCost.objects.get(month=D(2026, 1, 1), category="loner").note


STALE_FORMS = {
    "budget_edit": (
        {"year": "2026", "category": "loner", "amount": "10", "version": "1"},
        "description",
        lambda line, row: BudgetLine.objects.get(pk=line.pk).description,
    ),
    "financing_edit": (
        {"year": "2026", "source": "forbund", "amount": "1 000 000", "version": "1"},
        "description",
        lambda line, row: Financing.objects.get(pk=row.pk).description,
    ),
    "cost": (
        {"month": "2026-01", "category": "loner", "amount": "100 000", "version": "1"},
        "note",
        _saved_cost_note,
    ),
    "plan": (
        {"planned_participants": "25", "version": "1"},
        "planned_participants",
        lambda line, row: AnnualPlan.objects.get().planned_participants,
    ),
}


@pytest.mark.parametrize("form", STALE_FORMS)
def test_stale_save_shows_both_versions(
    as_persona: Persona, world: Any, money: Intervention, form: str
) -> None:
    """A stale save of a money form keeps what was typed beside the saved version."""
    data, field, current = STALE_FORMS[form]
    numeric = field == "planned_participants"
    line, row = first_rows(money)
    assert_stale_round_trip(
        saver=as_persona("insatsansvarig"),
        client=as_persona("admin"),
        url=urls(money, line, row)[form],
        data=data,
        field=field,
        theirs="30" if numeric else "Deras text",
        mine="40" if numeric else "Min text",
        saver_name=world["insatsansvarig"].get_full_name(),
        current=lambda: current(line, row),
    )


def test_stale_budget_delete_is_refused(as_persona: Persona, money: Intervention) -> None:
    client = as_persona("admin")
    line, row = first_rows(money)
    page = urls(money, line, row)
    data = {"year": "2026", "category": "loner", "amount": "10", "version": "1"}
    assert client.post(page["budget_edit"], data).status_code == 302
    response = client.post(page["budget_delete"], {"version": "1", "confirm": "1"}, follow=True)
    assert str(STALE_EDIT_MESSAGE) in response.content.decode()
    line.refresh_from_db()
    assert (line.amount, line.version) == (Decimal(10), 2)


@pytest.mark.parametrize("persona", MANAGERS)
def test_managers_change_financing(
    as_persona: Persona, world: Any, money: Intervention, persona: str
) -> None:
    client = as_persona(persona)
    line, row = first_rows(money)
    page = urls(money, line, row)
    assert client.get(page["financing_create"]).status_code == 200
    sold = {
        "year": "2026",
        "source": "salda_platser",
        "municipality": "Forshaga",
        "places": "3",
        "price_per_place": "64 000",
        "amount": "1",
    }
    assert client.post(page["financing_create"], sold).status_code == 302
    created = Financing.objects.get(municipality_code="1763")
    assert created.amount == Decimal(192000)
    party = {
        "year": "2026",
        "source": "part",
        "party": str(world.region.pk),
        "amount": "200 000",
        "version": "1",
    }
    assert client.post(page["financing_edit"], party).status_code == 302
    row.refresh_from_db()
    assert (row.source, row.party, row.amount) == ("part", world.region, Decimal(200000))
    assert (
        client.post(page["financing_delete"], {"version": "2", "confirm": "1"}).status_code == 302
    )
    assert not Financing.objects.filter(pk=row.pk).exists()


def test_bad_financing_input(as_persona: Persona, world: Any, money: Intervention) -> None:
    client = as_persona("admin")
    line, row = first_rows(money)
    url = urls(money, line, row)["financing_create"]
    for data, message in [
        ({"year": "2026", "source": "part", "amount": "5"}, "Ange vilken av förbundets parter"),
        (
            {"year": "2026", "source": "part", "party": str(world.other_party.pk), "amount": "5"},
            "error-summary",
        ),
        (
            {
                "year": "2026",
                "source": "salda_platser",
                "municipality": "Fantasia",
                "places": "2",
                "price_per_place": "5",
            },
            "köpande kommun",
        ),
        (
            {
                "year": "2026",
                "source": "salda_platser",
                "municipality": "1783",
                "places": "",
                "price_per_place": "5",
            },
            "antalet sålda platser",
        ),
        ({"year": "2026", "source": "esf"}, "Ange ett belopp"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode(), data
    assert Financing.objects.count() == 2


@pytest.mark.parametrize("persona", MANAGERS)
def test_managers_enter_and_remove_costs(
    as_persona: Persona, money: Intervention, persona: str
) -> None:
    client = as_persona(persona)
    line, row = first_rows(money)
    page = urls(money, line, row)
    form = client.get(f"{page['cost']}?manad=2026-01&kostnadsslag=loner").content.decode()
    assert 'value="100 000"' in form and 'name="version" value="1"' in form
    data = {"month": "2026-01", "category": "loner", "amount": "91 700", "version": "1"}
    assert client.post(page["cost"], data).status_code == 302
    cost = ActualCost.objects.get(month=D(2026, 1, 1), category="loner")
    assert (cost.amount, cost.version) == (Decimal(91700), 2)
    # A blank form upserts: the same month and category are replaced, not duplicated.
    data = {"month": "2026-01", "category": "Loner", "amount": "1"}
    assert client.post(page["cost"], {**data, "category": "loner"}).status_code == 302
    assert ActualCost.objects.filter(category="loner").count() == 1
    assert (
        client.post(
            page["cost"], {"month": "2026-02", "category": "resor", "amount": "500"}
        ).status_code
        == 302
    )
    assert ActualCost.objects.count() == 3
    remove = {"month": "2026-02", "category": "resor", "version": "1", "confirm": "1"}
    assert client.post(page["cost_delete"], remove).status_code == 302
    assert ActualCost.objects.count() == 2


def test_bad_cost_input_and_stale_cost(as_persona: Persona, money: Intervention) -> None:
    client = as_persona("admin")
    line, row = first_rows(money)
    page = urls(money, line, row)
    for data, message in [
        ({"month": "2026-13", "category": "loner", "amount": "5"}, "ÅÅÅÅ-MM"),
        ({"month": "2024-12", "category": "loner", "amount": "5"}, "inom insatsens år"),
        ({"month": "2026-01", "category": "fika", "amount": "5"}, "error-summary"),
        (
            {"month": "2026-01", "category": "loner", "amount": "5", "version": "7"},
            "Någon annan har sparat under tiden",
        ),
    ]:
        response = client.post(page["cost"], data)
        assert response.status_code == 200
        assert message in response.content.decode(), data
    assert client.get(f"{page['cost']}?manad=x&kostnadsslag=y").status_code == 200
    response = client.post(
        page["cost_delete"],
        {"month": "2026-01", "category": "loner", "version": "9", "confirm": "1"},
        follow=True,
    )
    assert str(STALE_EDIT_MESSAGE) in response.content.decode()
    assert ActualCost.objects.get(category="loner").amount == Decimal(100000)


@pytest.mark.parametrize("persona", MANAGERS)
def test_managers_set_the_annual_plan(
    as_persona: Persona, money: Intervention, persona: str
) -> None:
    client = as_persona(persona)
    line, row = first_rows(money)
    page = urls(money, line, row)
    assert 'value="25"' in client.get(page["plan"]).content.decode()
    assert (
        client.post(page["plan"], {"planned_participants": "30", "version": "1"}).status_code == 302
    )
    plan = AnnualPlan.objects.get()
    assert (plan.planned_participants, plan.version) == (30, 2)
    response = client.post(page["plan"], {"planned_participants": "40", "version": "1"})
    assert "Någon annan har sparat under tiden" in response.content.decode()
    assert client.post(page["plan_delete"], {"version": "2", "confirm": "1"}).status_code == 302
    assert not AnnualPlan.objects.exists()
    url = reverse("interventions:money_plan", args=[money.pk, 2031])
    response = client.post(url, {"planned_participants": "5", "version": "0"})
    assert "inom insatsens år" in response.content.decode()
