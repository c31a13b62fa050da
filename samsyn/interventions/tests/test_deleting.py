"""Every delete of the intervention's economy and goals asks first, and what was deleted can be
restored for 30 days from the intervention's "Borttaget" page (docs/deleting.md)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samsyn.audit.models import AuditEvent
from samsyn.core.models import DeletedRecord
from samsyn.interventions.models import ActualCost, BudgetLine, Financing, Goal, Intervention
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date
MANAGERS = ["admin", "insatsansvarig"]
NOT_MANAGING = ["styrgrupp", "coach", "handlaggare", "granskare", "outsider", "nobody"]


@pytest.fixture
def ins(world: Any) -> Intervention:
    ins = world.intervention
    ins.start_date, ins.end_date = D(2025, 1, 1), D(2027, 12, 31)
    ins.save()
    BudgetLine.objects.create(
        intervention=ins, year=2026, category="loner", description="Jobbcoach", amount=550_000
    )
    Financing.objects.create(intervention=ins, year=2026, source="forbund", amount=1_000_000)
    ActualCost.objects.create(
        intervention=ins, month=D(2026, 1, 1), category="loner", amount=100_000
    )
    Goal.objects.create(
        intervention=ins, metric_id="participants_total", target=Decimal(50), label="50 deltagare"
    )
    return ins


def deletes(ins: Intervention) -> dict[str, tuple[str, dict[str, str], type[Any]]]:
    """Each delete URL, the fields its form posts and the model it deletes from."""
    line = BudgetLine.objects.get(intervention=ins)
    row = Financing.objects.get(intervention=ins)
    goal = Goal.objects.get(intervention=ins)
    cost_key = {"month": "2026-01", "category": "loner", "funder": "forbund"}
    pk = ins.pk
    return {
        "budget_line": (
            reverse("interventions:money_budget_delete", args=[pk, line.pk]),
            {"version": "1"},
            BudgetLine,
        ),
        "financing": (
            reverse("interventions:money_financing_delete", args=[pk, row.pk]),
            {"version": "1"},
            Financing,
        ),
        "actual_cost": (
            reverse("interventions:money_cost_delete", args=[pk]),
            {**cost_key, "version": "1"},
            ActualCost,
        ),
        "goal": (
            reverse("interventions:goal_delete", args=[pk, goal.pk]),
            {"version": "1"},
            Goal,
        ),
    }


@pytest.mark.parametrize("persona", MANAGERS)
@pytest.mark.parametrize("kind", ["budget_line", "financing", "actual_cost", "goal"])
def test_delete_asks_first_then_deletes_and_restores(
    as_persona: Persona, ins: Intervention, persona: str, kind: str
) -> None:
    client = as_persona(persona)
    url, fields, model = deletes(ins)[kind]
    asked = client.post(url, fields)
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "Vill du ta bort" in text and "Det går att ångra i 30 dagar." in text
    assert 'name="confirm" value="1"' in text and 'class="button button--danger"' in text
    assert f'action="{url}"' in text and 'name="version" value="1"' in text
    assert model.objects.filter(intervention=ins).count() == 1
    assert not DeletedRecord.objects.exists()

    done = client.post(url, {**fields, "confirm": "1"}, follow=True)
    assert "Du kan ångra det under Borttaget i 30 dagar." in done.content.decode()
    assert not model.objects.filter(intervention=ins).exists()
    entry = DeletedRecord.objects.get()
    assert (entry.kind, entry.scope_id, entry.forbund_id) == (kind, ins.pk, ins.forbund_id)

    trash = reverse("interventions:deleted", args=[ins.pk])
    listed = client.get(trash)
    assert listed.status_code == 200 and entry.label in listed.content.decode()
    restored = client.post(trash, {"entry": str(entry.pk)}, follow=True)
    assert "är återställd" in restored.content.decode()
    again = model.objects.get(intervention=ins)
    assert again.version == 2
    entry.refresh_from_db()
    assert entry.restored_at is not None
    assert AuditEvent.objects.filter(detail__startswith="Återställd efter borttagning").exists()
    # Restored once: the entry is gone from the list and a second restore is 404.
    assert client.post(trash, {"entry": str(entry.pk)}).status_code == 404
    assert entry.label not in client.get(trash).content.decode()


def test_confirmation_cancel_goes_back_to_the_list(as_persona: Persona, ins: Intervention) -> None:
    url, fields, _model = deletes(ins)["goal"]
    text = as_persona("admin").post(url, fields).content.decode()
    assert f'href="{reverse("interventions:goals", args=[ins.pk])}"' in text
    url, fields, _model = deletes(ins)["budget_line"]
    text = as_persona("admin").post(url, fields).content.decode()
    assert f'href="{reverse("interventions:money", args=[ins.pk])}?ar=2026"' in text


@pytest.mark.parametrize("persona", NOT_MANAGING)
def test_others_neither_delete_nor_restore(
    as_persona: Persona, ins: Intervention, persona: str
) -> None:
    for url, fields, _model in deletes(ins).values():
        for data in (fields, {**fields, "confirm": "1"}):
            assert as_persona(persona).post(url, data).status_code == 404, url
    assert BudgetLine.objects.count() == Financing.objects.count() == 1
    assert ActualCost.objects.count() == Goal.objects.count() == 1
    as_persona("admin").post(deletes(ins)["goal"][0], {"version": "1", "confirm": "1"})
    entry = DeletedRecord.objects.get()
    trash = reverse("interventions:deleted", args=[ins.pk])
    client = as_persona(persona)
    assert client.get(trash).status_code == 404
    assert client.post(trash, {"entry": str(entry.pk)}).status_code == 404
    assert not Goal.objects.exists()


def test_restore_is_scoped_to_the_intervention_and_period(
    as_persona: Persona, world: Any, ins: Intervention
) -> None:
    admin = as_persona("admin")
    admin.post(deletes(ins)["budget_line"][0], {"version": "1", "confirm": "1"})
    entry = DeletedRecord.objects.get()
    # The other förbund's administrator: 404 on its own intervention's page and on ours.
    outsider = as_persona("outsider")
    other = reverse("interventions:deleted", args=[world.other_intervention.pk])
    assert outsider.post(other, {"entry": str(entry.pk)}).status_code == 404
    mine = reverse("interventions:deleted", args=[ins.pk])
    assert outsider.post(mine, {"entry": str(entry.pk)}).status_code == 404
    # Another entry id on our page, and bad input: nothing restored, never a 500.
    assert admin.post(mine, {"entry": "999999"}).status_code == 404
    assert "Välj en borttagen rad" in admin.post(mine, {"entry": "x"}, follow=True).content.decode()
    # After 30 days the entry is no longer offered.
    entry.deleted_at = timezone.now() - datetime.timedelta(days=31)
    entry.save()
    assert entry.label not in admin.get(mine).content.decode()
    assert admin.post(mine, {"entry": str(entry.pk)}).status_code == 404
    assert not BudgetLine.objects.exists()


def test_restore_refused_when_a_same_row_was_entered_since(
    as_persona: Persona, ins: Intervention
) -> None:
    admin = as_persona("admin")
    url, fields, _model = deletes(ins)["actual_cost"]
    admin.post(url, {**fields, "confirm": "1"})
    ActualCost.objects.create(intervention=ins, month=D(2026, 1, 1), category="loner", amount=7)
    entry = DeletedRecord.objects.get()
    trash = reverse("interventions:deleted", args=[ins.pk])
    response = admin.post(trash, {"entry": str(entry.pk)}, follow=True)
    assert "kan inte återställas" in response.content.decode()
    assert ActualCost.objects.get().amount == 7
    entry.refresh_from_db()
    assert entry.restored_at is None


def test_deleted_page_queries_do_not_grow(
    as_persona: Persona, ins: Intervention, assert_query_count: QueryCount
) -> None:
    admin = as_persona("admin")
    trash = reverse("interventions:deleted", args=[ins.pk])
    for url, fields, _model in deletes(ins).values():
        admin.post(url, {**fields, "confirm": "1"})
    # Session, user, device, the intervention (the page's place, then the restore rule of its
    # kinds), the entries with their users, the menu (2), and the session save (3): the same
    # for one entry or many.
    with assert_query_count(11):
        assert admin.get(trash).status_code == 200


def test_list_buttons_are_danger_and_confirm(as_persona: Persona, ins: Intervention) -> None:
    admin = as_persona("admin")
    economy = admin.get(reverse("interventions:money", args=[ins.pk]) + "?ar=2026")
    text = economy.content.decode()
    assert text.count("data-confirm=") == 2 and 'class="button button--danger"' in text
    assert reverse("interventions:deleted", args=[ins.pk]) in text
    goals = admin.get(reverse("interventions:goals", args=[ins.pk])).content.decode()
    assert "data-confirm=" in goals and 'class="button button--danger"' in goals
    assert '<dialog id="confirm-dialog"' in goals
