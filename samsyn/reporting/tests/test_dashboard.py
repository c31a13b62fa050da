"""The intervention dashboard page: who sees it, what it shows, small numbers for styrgrupp,
the period picker's messages and a query count that does not grow with the participants."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.interventions.models import Capacity, Goal
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date
SEES = ["admin", "styrgrupp", "insatsansvarig", "coach"]
NOT_SEEING = ["handlaggare", "granskare", "outsider", "nobody"]
Q1 = {"fran": "2026-01-01", "till": "2026-03-31"}


def url(world: World, pk: int | None = None) -> str:
    return reverse("reporting:dashboard", args=[pk or world.intervention.pk])


def register(world: World, gender: str, start: datetime.date, **fields: Any) -> None:
    person = PersonFactory(forbund=world.forbund, gender=gender, home_municipality_code="1783")
    RegistrationFactory(intervention=world.intervention, person=person, start_date=start, **fields)


@pytest.fixture
def small(world: World) -> World:
    """Three women and one man active in Q1 2026; one woman ended to work."""
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
    Capacity.objects.create(intervention=world.intervention, municipality_code="1783", places=17)
    Goal.objects.create(
        intervention=world.intervention,
        metric_id="participants_total",
        comparison="at_least",
        target=Decimal(50),
        label="Minst femtio deltagare",
    )
    return world


def cells(html: str) -> list[str]:
    """Every figure the page shows: table cells and the texts of the charts."""
    body = html[html.index('class="report-body"') :]
    found = re.findall(r"<td[^>]*>(.*?)</td>", body, flags=re.S)
    # Chart texts, except the ticks of an axis (they are a scale, not figures).
    found += re.findall(r"<text(?! class=\"tick\")[^>]*>(.*?)</text>", body, flags=re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in found]


@pytest.mark.parametrize("persona", SEES)
def test_the_dashboard_for_everyone_who_follows_the_intervention(
    as_persona: Persona, small: World, persona: str
) -> None:
    response = as_persona(persona).get(url(small), Q1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Översikt: Testinsatsen" in html
    assert "Siffrorna gäller perioden 2026-01-01–2026-03-31." in html
    for heading in ("Mål och resultat", "Nyckeltal", "Fördelningar", "Uppföljningar", "Ekonomi"):
        assert f">{heading}</h2>" in html
    assert "Minst femtio deltagare" in html
    assert 'role="img"' in html and "<details" in html
    assert "samsyn/css/reports.css" in html
    assert not re.search(r"\sstyle=", html) and "<style" not in html


@pytest.mark.parametrize("persona", NOT_SEEING)
def test_no_dashboard_for_anyone_else(as_persona: Persona, small: World, persona: str) -> None:
    assert as_persona(persona).get(url(small)).status_code == 404


def test_no_dashboard_of_another_forbund(as_persona: Persona, small: World) -> None:
    other = url(small, small.other_intervention.pk)
    assert as_persona("admin").get(other).status_code == 404
    assert as_persona("outsider").get(other).status_code == 200


def test_unknown_intervention_is_404(as_persona: Persona, small: World) -> None:
    assert as_persona("admin").get(url(small, 999_999)).status_code == 404


def test_anonymous_is_sent_to_log_in(small: World) -> None:
    response = Client().get(url(small))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_only_get(as_persona: Persona, small: World) -> None:
    assert as_persona("admin").post(url(small)).status_code == 405


def test_staff_see_exact_figures(as_persona: Persona, small: World) -> None:
    html = as_persona("coach").get(url(small), Q1).content.decode()
    shown = cells(html)
    assert "3" in shown and "1" in shown and "4" in shown
    assert "&lt; 5" not in shown and "Små antal är dolda" not in html
    # A goal for the whole of an intervention without an end: a quarter is no verdict.
    assert ">efter plan</span>" in html


def test_styrgrupp_sees_no_small_number(as_persona: Persona, small: World) -> None:
    html = as_persona("styrgrupp").get(url(small), Q1).content.decode()
    assert "Små antal är dolda" in html
    assert "Antal från 1 till 4 visas som ”&lt; 5”" in html
    shown = cells(html)
    assert "&lt; 5" in shown
    assert not [cell for cell in shown if re.fullmatch(r"[1-4]", cell)], shown
    # Shares and the goal's status would give a small count back.
    assert not [cell for cell in shown if re.fullmatch(r"\d+\s?%", cell.replace("\xa0", " "))]
    assert ">ej uppnått</span>" not in html and ">efter plan</span>" not in html
    assert ">i fas</span>" not in html
    assert "17" in shown  # places are planned capacity, not people


def test_a_styrgrupp_member_who_is_also_coach_sees_exact_figures(
    as_persona: Persona, small: World
) -> None:
    from samsyn.core.roles import Role
    from samsyn.core.tests.factories import MembershipFactory

    MembershipFactory(
        user=small["styrgrupp"],
        forbund=small.forbund,
        role=Role.COACH,
        interventions=[small.intervention],
    )
    html = as_persona("styrgrupp").get(url(small), Q1).content.decode()
    assert "Små antal är dolda" not in html


def test_no_audit_event_is_written(as_persona: Persona, small: World) -> None:
    clients = [as_persona(persona) for persona in SEES]  # logging in is audited
    before = AuditEvent.objects.count()
    for client in clients:
        assert client.get(url(small), Q1).status_code == 200
    assert AuditEvent.objects.count() == before


def test_quick_choice_of_the_schedule(as_persona: Persona, small: World) -> None:
    html = as_persona("admin").get(url(small), {"rapportperiod": "2026-01-01_2026-03-31"})
    text = html.content.decode()
    assert "Siffrorna gäller perioden 2026-01-01–2026-03-31." in text
    assert '<option value="2026-01-01_2026-03-31" selected>' in text
    assert "Årsrapport 2025" in text and "Slutrapport" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fran": "2026-13-01", "till": "2026-03-31"}, "inget giltigt datum"),
        ({"fran": "igår", "till": "i morgon"}, "inget giltigt datum"),
        ({"fran": "2026-03-31", "till": "2026-01-01"}, "ligger före startdatumet"),
        ({"fran": "2026-01-01"}, "Ange både från- och till-datum."),
        ({"rapportperiod": "trams"}, "Välj en period i listan."),
        ({"fran": "9999-01-01", "till": "9999-12-31"}, "ligger utanför åren 1990–2100"),
        ({"fran": "x" * 5000, "till": "2026-01-01"}, "inget giltigt datum"),
    ],
)
def test_bad_periods_give_a_message_and_the_default(
    as_persona: Persona, small: World, params: dict[str, str], message: str
) -> None:
    response = as_persona("admin").get(url(small), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in html
    assert "I stället visas standardperioden" in html
    assert "Det är standardperioden" in html
    alert = html[html.index('role="alert"') :]
    assert "x" * 40 not in alert[: alert.index("</div>")]


def _many(world: World, count: int) -> None:
    for index in range(count):
        register(
            world,
            "kvinna" if index % 2 else "man",
            D(2026, 1, 1 + index % 28),
            end_date=D(2026, 3, 1) if index % 3 == 0 else None,
            exit_reason="fullfoljt" if index % 3 == 0 else "",
            outcome="arbete" if index % 3 == 0 else "",
        )


@pytest.mark.parametrize("persona", ["coach", "styrgrupp"])
def test_query_count_does_not_grow_with_participants(
    as_persona: Persona, world: World, persona: str, assert_query_count: QueryCount
) -> None:
    client = as_persona(persona)
    _many(world, 2)
    # One of them asks whether a team is linked to the intervention (its collaboration
    # figures, samsyn/collaboration/selectors/figures.py), one reads its surveys. The lead
    # block adds six for the previous quarter (dashboard_lead.py): its registration metrics
    # (three), its budget and outcome (two) and the annual plans (one).
    with assert_query_count(37):
        assert client.get(url(world), Q1).status_code == 200
    _many(world, 28)
    with assert_query_count(37):
        assert client.get(url(world), Q1).status_code == 200


def test_a_handlaggare_role_does_not_lift_suppression_for_styrgrupp(world: Any) -> None:
    """A styrgrupp member who is also a handläggare sees only the people they referred;
    the intervention's small counts stay hidden on the dashboard."""
    from samsyn.core.tests.factories import MembershipFactory, UserFactory
    from samsyn.reporting.selectors.dashboard import dashboard_suppressed

    user = UserFactory()
    MembershipFactory(user=user, forbund=world.forbund, role="styrgrupp")
    MembershipFactory(
        user=user, forbund=world.forbund, role="handlaggare", party=world.intervention.owner_party
    )
    assert dashboard_suppressed(actor=user, intervention=world.intervention) is True
