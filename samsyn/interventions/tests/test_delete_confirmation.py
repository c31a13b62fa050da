"""Deletes ask first (docs/deleting.md): a POST without
``confirm=1`` shows the question and deletes nothing, the confirmed POST deletes, a GET is
405, and someone who may not delete gets 404 either way."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from samsyn.core.models import TeamKind, TeamMember
from samsyn.core.tests.factories import TeamFactory
from samsyn.interventions.models import AgeBand, AnnualPlan, Capacity

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
Case = tuple[str, dict[str, str], "models.QuerySet[Any]", str]


def _cases(world: Any) -> dict[str, Case]:
    ins = world.intervention
    ins.start_date, ins.end_date = datetime.date(2025, 1, 1), datetime.date(2027, 12, 31)
    ins.save()
    plan = AnnualPlan.objects.create(intervention=ins, year=2026, planned_participants=25)
    band = AgeBand.objects.create(intervention=ins, min_age=20, max_age=29)
    capacity = Capacity.objects.create(intervention=ins, municipality_code="1783", places=4)
    team = TeamFactory(forbund=world.forbund, kind=TeamKind.TRISAM, name="Trisam Testby")
    member = TeamMember.objects.create(team=team, party=world.kommun, name="Kim Extern")
    return {
        "plan": (
            reverse("interventions:money_plan_delete", args=[ins.pk, 2026]),
            {"version": str(plan.version)},
            AnnualPlan.objects.filter(pk=plan.pk),
            "årsplanen för 2026",
        ),
        "age_band": (
            reverse("interventions:age_band_remove", args=[ins.pk, band.pk]),
            {},
            AgeBand.objects.filter(pk=band.pk),
            str(band.name),
        ),
        "capacity": (
            reverse("interventions:capacity_remove", args=[ins.pk, capacity.pk]),
            {},
            Capacity.objects.filter(pk=capacity.pk),
            "platserna för 1783",
        ),
        "team_member": (
            reverse("manage:team_member_remove", args=[team.pk, member.pk]),
            {},
            TeamMember.objects.filter(pk=member.pk),
            "Kim Extern ur teamet",
        ),
    }


@pytest.mark.parametrize("case", ["plan", "age_band", "capacity", "team_member"])
def test_post_asks_first_then_deletes(as_persona: Persona, world: Any, case: str) -> None:
    url, fields, rows, name = _cases(world)[case]
    client = as_persona("admin")
    assert client.get(url).status_code == 405
    asked = client.post(url, fields)
    text = asked.content.decode()
    assert asked.status_code == 200 and f"Vill du ta bort {name}?" in text
    # The annual plan can be restored for 30 days (test_restoring.py); the others cannot.
    note = "Det går att ångra i 30 dagar." if case == "plan" else "Det går inte att ångra."
    assert note in text and 'class="button button--danger"' in text
    assert 'name="confirm" value="1"' in text and "Avbryt" in text
    assert rows.exists()
    assert client.post(url, {**fields, "confirm": "1"}).status_code == 302
    assert not rows.exists()


@pytest.mark.parametrize("case", ["plan", "age_band", "capacity", "team_member"])
@pytest.mark.parametrize("persona", ["styrgrupp", "coach", "outsider"])
def test_others_get_no_question(as_persona: Persona, world: Any, case: str, persona: str) -> None:
    url, fields, rows, _name = _cases(world)[case]
    client = as_persona(persona)
    assert client.post(url, fields).status_code == 404
    assert client.post(url, {**fields, "confirm": "1"}).status_code == 404
    assert rows.exists()


def test_danger_buttons_are_red_in_the_stylesheet() -> None:
    css = (Path(__file__).parents[2] / "static/samsyn/css/samsyn.css").read_text()
    assert "button.button--danger" in css and "background: var(--error)" in css
