"""A stale save of an application form shows the saved version beside the user's
(docs/concurrent-editing.md): applications and their parts, calls, the recommendation,
claims, deviation responses and the member income."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from samsyn.applications.models import (
    Application,
    ApplicationBudgetLine,
    Call,
    DeviationReport,
    PaymentClaim,
)
from samsyn.applications.tests.claims_setup import claim_row, cost, grant
from samsyn.applications.tests.factories_decisions import make_application, make_deviation
from samsyn.applications.tests.setup import draft, line, make_applicant, open_call
from samsyn.conftest import World
from samsyn.interventions.models import ForbundIncome
from samsyn.testing.stale import StaleForm, check_stale_save, check_stale_save_hidden

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]


def _text(model: type[Model], pk: int, field: str) -> Callable[[], str]:
    return lambda: str(getattr(model._default_manager.get(pk=pk), field))


def application_edit(world: World) -> StaleForm:
    make_applicant(world)
    application = draft(world)
    return StaleForm(
        url=reverse("applications:application_edit", args=[application.pk]),
        data=lambda text, version: {
            "name": "Stöd till arbete",
            "orientation": "individinriktad",
            "purpose": text,
            "version": version,
        },
        saved_text=_text(Application, application.pk, "purpose"),
        version=application.version,
    )


def budget_line_edit(world: World) -> StaleForm:
    make_applicant(world)
    application = draft(world)
    row = line(application)
    return StaleForm(
        url=reverse("applications:budget_line_edit", args=[application.pk, row.pk]),
        data=lambda text, version: {
            "year": "2026",
            "category": "utvardering",
            "description": text,
            "amount": "100000",
            "forbund_amount": "80000",
            "own_money_amount": "20000",
            "cofinancing_party": world.kommun.pk,
            "version": version,
        },
        saved_text=_text(ApplicationBudgetLine, row.pk, "description"),
        version=application.version,
    )


def call_edit(world: World) -> StaleForm:
    call = open_call(world)
    return StaleForm(
        url=reverse("applications:call_edit", args=[call.pk]),
        data=lambda text, version: {
            "title": "Utlysning 2026",
            "funds": text,
            "opens_on": "2026-01-01",
            "deadline": "2026-12-31",
            "version": version,
        },
        saved_text=_text(Call, call.pk, "funds"),
        version=call.version,
    )


def recommendation(world: World) -> StaleForm:
    application = make_application(world, status="beredning")
    return StaleForm(
        url=reverse("applications:recommendation", args=[application.pk]),
        data=lambda text, version: {
            "recommendation": "beviljad",
            "recommendation_text": text,
            "version": version,
        },
        saved_text=_text(Application, application.pk, "recommendation_text"),
        version=application.version,
    )


def claim_edit(world: World) -> StaleForm:
    grant(world.intervention, "100000")
    for month in (1, 2, 3):
        cost(world.intervention, month, "20000")
    claim = claim_row(world, 1, "1000", status="utkast")
    return StaleForm(
        url=reverse("applications:claim_edit", args=[claim.pk]),
        data=lambda text, version: {
            "period_from": "2026-01-01",
            "period_to": "2026-03-31",
            "claimed_amount": "1000",
            "comment": text,
            "version": version,
        },
        saved_text=_text(PaymentClaim, claim.pk, "comment"),
        version=claim.version,
    )


def deviation_respond(world: World) -> StaleForm:
    report = make_deviation(world)
    return StaleForm(
        url=reverse("applications:deviation_respond", args=[report.pk]),
        data=lambda text, version: {"status": "till_beslut", "response": text, "version": version},
        saved_text=_text(DeviationReport, report.pk, "response"),
        version=report.version,
    )


def income_edit(world: World) -> StaleForm:
    income = ForbundIncome.objects.create(
        forbund=world.forbund, year=2026, total_amount=Decimal(4_000_000)
    )
    income.municipality_shares.create(party=world.kommun, share_percent=Decimal(100))
    return StaleForm(
        url=reverse("applications:forbund_income_edit", args=[world.forbund.pk, 2026]),
        data=lambda text, version: {
            "total_amount": "4 000 000",
            "reference": text,
            f"share_{world.kommun.pk}": "100",
            "version": version,
        },
        saved_text=_text(ForbundIncome, income.pk, "reference"),
        version=income.version,
    )


# The form, who may edit it, and someone who may not (with the answer they get).
FORMS = [
    (application_edit, "handlaggare", "admin", 404),
    (budget_line_edit, "handlaggare", "styrgrupp", 404),
    (call_edit, "admin", "handlaggare", 404),
    (recommendation, "admin", "handlaggare", 404),
    (claim_edit, "insatsansvarig", "coach", 404),
    (deviation_respond, "admin", "insatsansvarig", 404),
    (income_edit, "admin", "outsider", 404),
]
IDS = [row[0].__name__ for row in FORMS]


@pytest.mark.parametrize(("make", "editor", "_other", "_status"), FORMS, ids=IDS)
def test_stale_save_shows_both_versions_and_keeps_the_text(
    world: World,
    as_persona: Persona,
    make: Callable[[World], StaleForm],
    editor: str,
    _other: str,
    _status: int,
) -> None:
    # The same person in another tab is "someone else" too; the panel names them.
    check_stale_save(make(world), as_persona(editor), as_persona(editor), world[editor])


@pytest.mark.parametrize(("make", "editor", "other", "status"), FORMS, ids=IDS)
def test_stale_save_shows_nothing_to_who_may_not_edit(
    world: World,
    as_persona: Persona,
    make: Callable[[World], StaleForm],
    editor: str,
    other: str,
    status: int,
) -> None:
    form = make(world)
    assert check_stale_save_hidden(form, as_persona(editor), as_persona(other)) == status


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        (
            "goal_add",
            {
                "metric_id": "share_women",
                "gender": "total",
                "comparison": "at_least",
                "target": "50",
            },
        ),
        ("year_set", {"year": "2026", "planned_participants": "20"}),
    ],
)
def test_stale_add_of_a_part_keeps_the_typed_values(
    world: World, as_persona: Persona, url_name: str, data: dict[str, str]
) -> None:
    """Adding a part after someone else changed the application: the panel says so, the
    typed values stay, nothing is added; "Spara min version" adds it."""
    make_applicant(world)
    application = draft(world)
    client = as_persona("handlaggare")
    edit = reverse("applications:application_edit", args=[application.pk])
    changed = {"name": "Nytt namn", "orientation": "individinriktad", "version": 1}
    assert client.post(edit, changed).status_code == 302
    url = reverse(f"applications:{url_name}", args=[application.pk])
    response = client.post(url, {**data, "version": 1})
    body = response.content.decode()
    assert response.status_code == 200 and "Någon annan har sparat under tiden" in body
    assert 'name="version" value="2"' in body and "Spara min version" in body
    assert "Ladda om sidan" not in body
    assert not application.goals.exists() and not application.years.exists()
    assert client.post(url, {**data, "version": 2}).status_code == 302
    assert application.goals.exists() or application.years.exists()
