"""Every krona has a funder (issue #12): budget lines and actual costs name who pays, a
party's own financing names the party, the import reads a funder column, and one outcome per
month, category and funder (and party). Bad input: a Swedish message and nothing changed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from samsyn.interventions.models import ActualCost, BudgetLine, Intervention
from samsyn.interventions.services.money import (
    ActualCostFields,
    BudgetLineFields,
    actual_cost_set,
    budget_line_create,
    import_actual_costs,
)

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date


@pytest.fixture
def ins(world: Any) -> Intervention:
    intervention = world.intervention
    intervention.start_date, intervention.end_date = D(2025, 1, 1), D(2026, 12, 31)
    intervention.save()
    return intervention


def _line(**kw: Any) -> BudgetLineFields:
    values: dict[str, Any] = {"year": 2026, "category": "lokaler", "amount": Decimal(96000)}
    return BudgetLineFields(**{**values, **kw})


def _cost(**kw: Any) -> ActualCostFields:
    values: dict[str, Any] = {"month": D(2026, 1, 1), "category": "loner", "amount": Decimal(1)}
    return ActualCostFields(**{**values, **kw})


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def test_own_financing_in_kind_names_its_party(world: Any, ins: Intervention) -> None:
    line = budget_line_create(
        actor=world["admin"],
        intervention=ins,
        fields=_line(funder="part_natura", funder_party=world.kommun),
    )
    assert (line.funder, line.funder_party) == ("part_natura", world.kommun)


@pytest.mark.parametrize(
    ("funder", "party", "message"),
    [
        ("part", None, "Ange vilken av förbundets parter som står för egenfinansieringen."),
        ("part_natura", None, "Ange vilken av förbundets parter"),
        ("part", "other", "Ange vilken av förbundets parter"),  # another förbund's party
        ("forbund", "kommun", "Part anges bara för parts egenfinansiering"),
        ("salda_platser", "kommun", "Part anges bara för parts egenfinansiering"),
        ("banken", None, "Välj en finansiär i listan."),
    ],
)
def test_bad_funder_is_refused_and_nothing_saved(
    world: Any, ins: Intervention, funder: str, party: str | None, message: str
) -> None:
    parties = {"kommun": world.kommun, "other": world.other_party, None: None}
    for create in (
        lambda: budget_line_create(
            actor=world["admin"],
            intervention=ins,
            fields=_line(funder=funder, funder_party=parties[party]),
        ),
        lambda: actual_cost_set(
            actor=world["admin"],
            intervention=ins,
            fields=_cost(funder=funder, funder_party=parties[party]),
            expected_version=None,
        ),
    ):
        with pytest.raises(ValidationError) as error:
            create()
        assert message in _messages(error)
    assert not BudgetLine.objects.exists() and not ActualCost.objects.exists()


def test_one_outcome_per_month_category_and_funder(world: Any, ins: Intervention) -> None:
    admin = world["admin"]
    for fields in (
        _cost(amount=Decimal(100)),
        _cost(amount=Decimal(20), funder="salda_platser"),
        _cost(amount=Decimal(30), funder="part", funder_party=world.kommun),
        _cost(amount=Decimal(40), funder="part", funder_party=world.region),
    ):
        assert actual_cost_set(actor=admin, intervention=ins, fields=fields, expected_version=None)[
            1
        ]
    # The same key again replaces its own row only.
    cost, created = actual_cost_set(
        actor=admin,
        intervention=ins,
        fields=_cost(amount=Decimal(35), funder="part", funder_party=world.kommun),
        expected_version=None,
    )
    assert not created and cost.amount == Decimal(35)
    assert sorted(ActualCost.objects.values_list("amount", flat=True)) == [20, 35, 40, 100]


def test_database_refuses_a_second_row_for_the_same_funder(world: Any, ins: Intervention) -> None:
    """Both unique constraints hold, the one without a party (NULL) included."""
    key = {"intervention": ins, "month": D(2026, 1, 1), "category": "loner"}
    ActualCost.objects.create(**key, amount=1)
    ActualCost.objects.create(**key, amount=1, funder="part", funder_party=world.kommun)
    for extra in ({}, {"funder": "part", "funder_party": world.kommun}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ActualCost.objects.create(**key, amount=2, **extra)
    with pytest.raises(IntegrityError), transaction.atomic():  # own money without its party
        ActualCost.objects.create(**key, amount=2, funder="part_natura")


# --- the import ----------------------------------------------------------------------------


def _import(world: Any, ins: Intervention, text: str) -> Any:
    file = SimpleUploadedFile("utfall.csv", text.encode("utf-8"))
    return import_actual_costs(actor=world["admin"], intervention=ins, upload=file)


def test_import_reads_funder_and_party(world: Any, ins: Intervention) -> None:
    text = (
        "månad;kostnadsslag;belopp;finansiär;part\n"
        "2026-01;loner;100;;\n"
        "2026-01;loner;20;Sålda platser;\n"
        f"2026-01;lokaler;8 000;part_natura;{world.kommun.name.upper()}\n"
        "2026-01;loner;5;forbund;\n"
    )
    outcome = _import(world, ins, text)
    assert outcome.errors == ["Rad 5: samma månad, kostnadsslag och finansiär som rad 2"]
    assert not ActualCost.objects.exists()
    outcome = _import(world, ins, text.rsplit("2026-01;loner;5", 1)[0])
    assert outcome.errors == [] and outcome.result is not None
    rows = set(ActualCost.objects.values_list("category", "funder", "funder_party", "amount"))
    assert rows == {
        ("loner", "forbund", None, Decimal(100)),
        ("loner", "salda_platser", None, Decimal(20)),
        ("lokaler", "part_natura", world.kommun.pk, Decimal(8000)),
    }


def test_import_bad_funder_rows_are_named_and_nothing_saved(world: Any, ins: Intervention) -> None:
    ActualCost.objects.create(intervention=ins, month=D(2026, 1, 1), category="loner", amount=7)
    text = (
        "månad;kostnadsslag;belopp;finansiar;part\n"
        "2026-01;loner;100;forbund;\n"
        "2026-01;loner;100;Banken;\n"
        "2026-01;lokaler;100;part;\n"
        "2026-01;resor;100;esf;Testby kommun\n"
        "2026-01;tolk;100;part;Okänd kommun\n"
        "2026-01;tolk;1.234,50;;\n"
    )
    outcome = _import(world, ins, text)
    assert outcome.result is None
    assert outcome.errors == [
        "Rad 3: okänd finansiär ”Banken”",
        "Rad 4: ange parten i kolumnen part för parts egenfinansiering",
        "Rad 5: part anges bara för parts egenfinansiering i pengar eller i natura",
        "Rad 6: okänd part ”Okänd kommun”",
        "Rad 7: ogiltigt belopp ”1.234,50”",
    ]
    assert list(ActualCost.objects.values_list("amount", flat=True)) == [Decimal(7)]


# --- the pages -----------------------------------------------------------------------------


def test_budget_form_refuses_own_financing_without_party(
    as_persona: Persona, world: Any, ins: Intervention
) -> None:
    client = as_persona("admin")
    url = reverse("interventions:money_budget_create", args=[ins.pk])
    data = {"year": "2026", "category": "lokaler", "amount": "96 000", "funder": "part_natura"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ange vilken av förbundets parter" in response.content.decode()
    assert not BudgetLine.objects.exists()
    response = client.post(url, {**data, "funder_party": str(world.kommun.pk)})
    assert response.status_code == 302
    assert BudgetLine.objects.get().funder_party == world.kommun


def test_cost_form_edits_and_removes_the_funders_own_row(
    as_persona: Persona, world: Any, ins: Intervention
) -> None:
    key = {"intervention": ins, "month": D(2026, 1, 1), "category": "loner"}
    ActualCost.objects.create(**key, amount=100)
    kind = ActualCost.objects.create(
        **key, amount=30, funder="part_natura", funder_party=world.kommun
    )
    client = as_persona("insatsansvarig")
    url = reverse("interventions:money_cost", args=[ins.pk])
    query = {
        "manad": "2026-01",
        "kostnadsslag": "loner",
        "finansiar": "part_natura",
        "part": world.kommun.pk,
    }
    response = client.get(url, query)
    assert response.context["cost"] == kind
    delete = reverse("interventions:money_cost_delete", args=[ins.pk])
    data = {"month": "2026-01", "category": "loner", "version": kind.version}
    posted = {**data, "funder": "part_natura", "funder_party": world.kommun.pk, "confirm": "1"}
    assert client.post(delete, posted).status_code == 302
    assert list(ActualCost.objects.values_list("funder", flat=True)) == ["forbund"]


def test_economy_page_shows_whose_money(as_persona: Persona, world: Any, ins: Intervention) -> None:
    BudgetLine.objects.create(intervention=ins, year=2026, category="loner", amount=400000)
    BudgetLine.objects.create(
        intervention=ins,
        year=2026,
        category="lokaler",
        amount=96000,
        funder="part_natura",
        funder_party=world.kommun,
    )
    ActualCost.objects.create(intervention=ins, month=D(2026, 1, 1), category="loner", amount=9)
    response = as_persona("styrgrupp").get(
        reverse("interventions:money", args=[ins.pk]), {"ar": "2026"}
    )
    page = response.context["page"]
    assert (page.outcome.forbund_budget_total, page.outcome.budget_total) == (400000, 496000)
    funders = [(row.funder, row.party_name, row.budget, row.remaining) for row in page.funders]
    assert funders == [
        ("forbund", "", Decimal(400000), Decimal(399991)),
        ("part_natura", world.kommun.name, Decimal(96000), Decimal(96000)),
    ]
    html = response.content.decode()
    assert "Förbundets medel (kr)" in html and "Total projektkostnad (kr)" in html
