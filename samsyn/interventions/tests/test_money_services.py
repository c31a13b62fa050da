"""The money services: validation, permission (404), audit events and stale edits."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import StaleEditError
from samsyn.interventions.forms.money import SwedishDecimalField
from samsyn.interventions.models import (
    ActualCost,
    AdministrationCost,
    AnnualPlan,
    BudgetLine,
    Financing,
    Intervention,
)
from samsyn.interventions.services.money import (
    ActualCostFields,
    AdministrationCostFields,
    BudgetLineFields,
    FinancingFields,
    actual_cost_delete,
    actual_cost_set,
    actual_costs_import,
    administration_cost_create,
    administration_cost_delete,
    administration_cost_update,
    annual_plan_delete,
    annual_plan_set,
    budget_line_create,
    budget_line_delete,
    budget_line_update,
    financing_create,
    financing_update,
    format_amount,
    parse_amount,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def ins(world: Any) -> Intervention:
    intervention = world.intervention
    intervention.start_date, intervention.end_date = D(2025, 3, 1), D(2026, 12, 31)
    intervention.save()
    return intervention


def errors_of(call: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def line_fields(**kw: Any) -> BudgetLineFields:
    values: dict[str, Any] = {"year": 2026, "category": "loner", "amount": Decimal(550000)}
    return BudgetLineFields(**{**values, **kw})


# --- amounts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("64 000", Decimal(64000)),
        ("1 234,50", Decimal("1234.50")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("1\u202f100\u202f000", Decimal(1100000)),
        ("1234.5", Decimal("1234.5")),
        ("500 kr", Decimal(500)),
        ("0", Decimal(0)),
    ],
)
def test_swedish_amounts_are_read(text: str, value: Decimal) -> None:
    assert parse_amount(text) == value
    assert SwedishDecimalField().clean(text) == value


@pytest.mark.parametrize("text", ["1.234,50", "12 kronor", "1,2,3", "abc", "NaN", "1e5", "--1"])
def test_unreadable_amounts_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)
    with pytest.raises(ValidationError):
        SwedishDecimalField().clean(text)


def test_amounts_are_shown_the_swedish_way() -> None:
    assert format_amount(Decimal("1100000")) == "1 100 000"
    assert format_amount(Decimal("1234.5")) == "1 234,50"
    assert format_amount(Decimal("-5000")) == "-5 000"
    assert format_amount(None) == ""


# --- budget lines --------------------------------------------------------------------------


def test_budget_line_lifecycle_is_audited(world: Any, ins: Intervention) -> None:
    admin = world["admin"]
    fields = line_fields(description="Coach", fte_percent=Decimal(100), period_from=D(2026, 1, 1))
    line = budget_line_create(actor=admin, intervention=ins, fields=fields)
    line = budget_line_update(
        actor=world["insatsansvarig"],
        line=line,
        fields=line_fields(amount=Decimal("600000.50")),
        expected_version=1,
    )
    assert (line.amount, line.description, line.version) == (Decimal("600000.50"), "", 2)
    budget_line_delete(actor=admin, line=line, expected_version=2)
    events = AuditEvent.objects.filter(object_type="interventions.BudgetLine").order_by("id")
    assert [(e.action, e.role, e.intervention_id) for e in events] == [
        ("create", "forbundsadministrator", ins.pk),
        ("update", "insatsansvarig", ins.pk),
        ("delete", "forbundsadministrator", ins.pk),
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"year": 2024}, "year", "inom insatsens år, 2025–2026"),
        ({"year": 2027}, "year", "inom insatsens år"),
        ({"category": "fika"}, "category", "Välj ett kostnadsslag"),
        ({"amount": None}, "amount", "Ange ett belopp"),
        ({"amount": Decimal(-1)}, "amount", "negativt"),
        ({"amount": Decimal("1.005")}, "amount", "två decimaler"),
        ({"amount": Decimal("1e11")}, "amount", "för stort: högst 9 999 999 999,99 kr"),
        ({"amount": Decimal("NaN")}, "amount", "Ange ett belopp i kronor"),
        ({"description": "x" * 201}, "description", "högst 200 tecken"),
        ({"category": "lokaler", "fte_percent": Decimal(50)}, "fte_percent", "bara för löner"),
        ({"fte_percent": Decimal(0)}, "fte_percent", "större än 0"),
        ({"fte_percent": Decimal(101)}, "fte_percent", "högst 100"),
        ({"period_from": D(2025, 12, 1)}, "period_from", "inom budgetåret"),
        ({"period_from": D(2026, 6, 1), "period_to": D(2026, 5, 1)}, "period_to", "före"),
    ],
)
def test_budget_line_validation(
    world: Any, ins: Intervention, fields: dict[str, Any], field: str, message: str
) -> None:
    found = errors_of(
        lambda: budget_line_create(
            actor=world["admin"], intervention=ins, fields=line_fields(**fields)
        )
    )
    assert message in " ".join(found[field])
    assert not BudgetLine.objects.exists()
    assert not AuditEvent.objects.exists()


def test_open_ended_intervention_has_ten_more_years(world: Any) -> None:
    ins = world.intervention  # starts 2025, no end
    fields = line_fields(year=2035)
    budget_line_create(actor=world["admin"], intervention=ins, fields=fields)
    found = errors_of(
        lambda: budget_line_create(
            actor=world["admin"], intervention=ins, fields=line_fields(year=2036)
        )
    )
    assert "2025–2035" in found["year"][0]


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "styrgrupp", "granskare", "outsider"])
def test_others_cannot_change_money(world: Any, ins: Intervention, persona: str) -> None:
    actor = world[persona]
    with pytest.raises(Http404):
        budget_line_create(actor=actor, intervention=ins, fields=line_fields())
    with pytest.raises(Http404):
        financing_create(
            actor=actor,
            intervention=ins,
            fields=FinancingFields(year=2026, source="forbund", amount=Decimal(1)),
        )
    with pytest.raises(Http404):
        annual_plan_set(
            actor=actor,
            intervention=ins,
            year=2026,
            planned_participants=5,
            expected_version=0,
        )
    with pytest.raises(Http404):
        actual_costs_import(actor=actor, intervention=ins, rows=[])
    assert not AuditEvent.objects.exists()


def test_stale_budget_edit_and_delete_are_refused(world: Any, ins: Intervention) -> None:
    admin = world["admin"]
    line = budget_line_create(actor=admin, intervention=ins, fields=line_fields())
    budget_line_update(actor=admin, line=line, fields=line_fields(), expected_version=1)
    with pytest.raises(StaleEditError):
        budget_line_update(
            actor=admin, line=line, fields=line_fields(amount=Decimal(1)), expected_version=1
        )
    with pytest.raises(StaleEditError):
        budget_line_delete(actor=admin, line=line, expected_version=1)
    line.refresh_from_db()
    assert (line.amount, line.version) == (Decimal(550000), 2)


# --- financing -----------------------------------------------------------------------------


def test_sold_places_amount_is_computed(world: Any, ins: Intervention) -> None:
    row = financing_create(
        actor=world["admin"],
        intervention=ins,
        fields=FinancingFields(
            year=2026,
            source="salda_platser",
            amount=Decimal(1),  # ignored: the service computes it
            municipality="hagfors kommun",
            places=2,
            price_per_place=Decimal(64000),
        ),
    )
    assert (row.municipality_code, row.places, row.amount, row.party) == (
        "1783",
        2,
        Decimal(128000),
        None,
    )
    row = financing_update(
        actor=world["admin"],
        row=row,
        fields=FinancingFields(year=2026, source="esf", amount=Decimal(5000)),
        expected_version=1,
    )
    assert (row.municipality_code, row.places, row.price_per_place, row.amount) == (
        "",
        None,
        None,
        Decimal(5000),
    )
    actions = AuditEvent.objects.filter(object_type="interventions.Financing")
    assert sorted(actions.values_list("action", flat=True)) == ["create", "update"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"source": "part"}, "party"),
        ({"source": "salda_platser", "places": 2, "price_per_place": Decimal(5)}, "municipality"),
        ({"source": "salda_platser", "municipality": "0000", "places": 2}, "municipality"),
        ({"source": "salda_platser", "municipality": "1783", "places": 0}, "places"),
        (
            {"source": "salda_platser", "municipality": "1783", "places": 2, "price_per_place": -1},
            "price_per_place",
        ),
        ({"source": "bank"}, "source"),
        ({"source": "forbund", "amount": None}, "amount"),
    ],
)
def test_financing_validation(
    world: Any, ins: Intervention, fields: dict[str, Any], field: str
) -> None:
    values = {"year": 2026, "amount": Decimal(1), **fields}
    if isinstance(values.get("price_per_place"), int):
        values["price_per_place"] = Decimal(values["price_per_place"])
    found = errors_of(
        lambda: financing_create(
            actor=world["admin"], intervention=ins, fields=FinancingFields(**values)
        )
    )
    assert field in found
    assert not Financing.objects.exists()


def test_party_financing_needs_a_party_of_the_forbund(world: Any, ins: Intervention) -> None:
    fields = FinancingFields(year=2026, source="part", amount=Decimal(1), party=world.other_party)
    assert "party" in errors_of(
        lambda: financing_create(actor=world["admin"], intervention=ins, fields=fields)
    )
    fields = FinancingFields(year=2026, source="part", amount=Decimal(1), party=world.region)
    assert (
        financing_create(actor=world["admin"], intervention=ins, fields=fields).party
        == world.region
    )


# --- actual costs and the annual plan ------------------------------------------------------


def cost(month: datetime.date, category: str = "loner", amount: str = "100") -> ActualCostFields:
    return ActualCostFields(month=month, category=category, amount=Decimal(amount))


def test_actual_cost_upserts_per_month_and_category(world: Any, ins: Intervention) -> None:
    admin = world["admin"]
    first, created = actual_cost_set(
        actor=admin, intervention=ins, fields=cost(D(2026, 3, 15)), expected_version=None
    )
    assert created and first.month == D(2026, 3, 1)
    second, created = actual_cost_set(
        actor=admin,
        intervention=ins,
        fields=cost(D(2026, 3, 1), amount="250"),
        expected_version=None,
    )
    assert not created and second.pk == first.pk and second.version == 2
    with pytest.raises(StaleEditError):
        actual_cost_set(
            actor=admin, intervention=ins, fields=cost(D(2026, 3, 1)), expected_version=1
        )
    assert ActualCost.objects.get().amount == Decimal(250)
    actual_cost_delete(actor=admin, cost=second, expected_version=2)
    assert not ActualCost.objects.exists()
    actions = AuditEvent.objects.filter(object_type="interventions.ActualCost")
    assert list(actions.order_by("id").values_list("action", flat=True)) == [
        "create",
        "update",
        "delete",
    ]


def test_actual_cost_validation(world: Any, ins: Intervention) -> None:
    found = errors_of(
        lambda: actual_cost_set(
            actor=world["admin"],
            intervention=ins,
            fields=ActualCostFields(D(2027, 1, 1), "fika", Decimal("-1"), "x" * 201),
            expected_version=None,
        )
    )
    assert set(found) == {"month", "category", "amount", "note"}


def test_import_service_is_all_or_nothing(world: Any, ins: Intervention) -> None:
    admin = world["admin"]
    actual_cost_set(
        actor=admin, intervention=ins, fields=cost(D(2026, 1, 1)), expected_version=None
    )
    with pytest.raises(ValidationError):
        actual_costs_import(
            actor=admin, intervention=ins, rows=[cost(D(2026, 2, 1)), cost(D(2024, 1, 1))]
        )
    with pytest.raises(ValidationError):
        actual_costs_import(
            actor=admin, intervention=ins, rows=[cost(D(2026, 2, 1)), cost(D(2026, 2, 1))]
        )
    assert ActualCost.objects.count() == 1
    result = actual_costs_import(
        actor=admin,
        intervention=ins,
        rows=[cost(D(2026, 1, 1), amount="7"), cost(D(2026, 2, 1))],
        file_name="utfall.csv",
    )
    assert (result.created, result.updated) == (1, 1)
    january = ActualCost.objects.get(month=D(2026, 1, 1))
    assert (january.amount, january.version) == (Decimal(7), 2)
    event = AuditEvent.objects.filter(object_type="").latest("id")
    assert event.action == "create" and event.intervention_id == ins.pk
    assert "Import av utfall (utfall.csv): 1 nya, 1 ändrade" in event.detail


def test_annual_plan_set_and_stale(world: Any, ins: Intervention) -> None:
    admin = world["admin"]
    plan = annual_plan_set(
        actor=admin, intervention=ins, year=2026, planned_participants=25, expected_version=0
    )
    with pytest.raises(StaleEditError):  # someone else created it while the form was open
        annual_plan_set(
            actor=admin, intervention=ins, year=2026, planned_participants=30, expected_version=0
        )
    plan = annual_plan_set(
        actor=admin, intervention=ins, year=2026, planned_participants=30, expected_version=1
    )
    assert (plan.planned_participants, plan.version) == (30, 2)
    for year, planned in ((2030, 5), (2026, -1), (2026, None)):
        with pytest.raises(ValidationError):
            annual_plan_set(
                actor=admin,
                intervention=ins,
                year=year,
                planned_participants=planned,
                expected_version=2,
            )
    with pytest.raises(StaleEditError):
        annual_plan_delete(actor=admin, plan=plan, expected_version=1)
    annual_plan_delete(actor=admin, plan=plan, expected_version=2)
    assert not AnnualPlan.objects.exists()
    events = AuditEvent.objects.filter(object_type="interventions.AnnualPlan")
    assert list(events.order_by("id").values_list("action", flat=True)) == [
        "create",
        "update",
        "delete",
    ]


# --- administration costs ------------------------------------------------------------------


def admin_fields(year: int = 2026, **kw: Any) -> AdministrationCostFields:
    values = {"year": year, "budget": Decimal(800000), "amount": Decimal(400000), **kw}
    return AdministrationCostFields(**values)


def test_administration_cost_lifecycle(world: Any) -> None:
    admin = world["admin"]
    cost_row = administration_cost_create(actor=admin, forbund=world.forbund, fields=admin_fields())
    found = errors_of(
        lambda: administration_cost_create(
            actor=admin, forbund=world.forbund, fields=admin_fields()
        )
    )
    assert "redan" in found["year"][0]
    cost_row = administration_cost_update(
        actor=admin, cost=cost_row, fields=admin_fields(amount=Decimal(1)), expected_version=1
    )
    with pytest.raises(StaleEditError):
        administration_cost_update(
            actor=admin, cost=cost_row, fields=admin_fields(), expected_version=1
        )
    administration_cost_delete(actor=admin, cost=cost_row, expected_version=2)
    assert not AdministrationCost.objects.exists()
    events = AuditEvent.objects.filter(object_type="interventions.AdministrationCost")
    assert [(e.action, e.forbund_id) for e in events.order_by("id")] == [
        ("create", world.forbund.pk),
        ("update", world.forbund.pk),
        ("delete", world.forbund.pk),
    ]


@pytest.mark.parametrize("persona", ["insatsansvarig", "styrgrupp", "coach", "outsider"])
def test_only_the_forbunds_admin_changes_administration_costs(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        administration_cost_create(
            actor=world[persona], forbund=world.forbund, fields=admin_fields()
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"year": 1999}, "year"),
        ({"year": None}, "year"),
        ({"budget": Decimal(-1)}, "budget"),
        ({"amount": Decimal("0.001")}, "amount"),
    ],
)
def test_administration_cost_validation(world: Any, fields: dict[str, Any], field: str) -> None:
    values = {"year": 2026, **fields}
    found = errors_of(
        lambda: administration_cost_create(
            actor=world["admin"], forbund=world.forbund, fields=admin_fields(**values)
        )
    )
    assert field in found


def test_a_row_created_meanwhile_is_refused_like_a_stale_edit(world: Any) -> None:
    from samsyn.interventions.services.money.common import refused_if_taken

    AdministrationCost.objects.create(forbund=world.forbund, year=2026)
    with pytest.raises(StaleEditError), refused_if_taken():
        AdministrationCost.objects.create(forbund=world.forbund, year=2026)
    assert AdministrationCost.objects.count() == 1  # and the outer transaction still works
