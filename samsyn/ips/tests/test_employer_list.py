"""The employer bank's list: municipality names instead of codes, dates on one line, and the
latest contact per employer, in a constant number of queries."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.ips.models import Employer, EmployerContact
from samsyn.ips.selectors.employers import EmployerFilters, employer_list
from samsyn.ips.tests.employer_setup import HAGFORS, KARLSTAD, ips_world, make_employer
from samsyn.participants.tests.factories import RegistrationFactory

__all__ = ["ips_world"]
pytestmark = pytest.mark.django_db
MUNKFORS = "1762"


def log_contact(
    world: World, employer: Employer, day: datetime.date, *, named: bool = False
) -> None:
    registration = (
        RegistrationFactory(intervention=world.intervention, coach=world["coach"])
        if named
        else None
    )
    EmployerContact.objects.create(
        employer=employer,
        coach=world["coach"],
        intervention=world.intervention,
        registration=registration,
        contacted_on=day,
        kind="telefon",
        purpose="Uppföljning",
    )


def cells(body: str, name: str) -> list[str]:
    """The text of the data cells of the employer's row in the list."""
    row = re.search(rf"<tr>\s*<th scope=\"row\"><a [^>]*>{re.escape(name)}</a>.*?</tr>", body, re.S)
    assert row is not None, name
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row[0], re.S)
    ]


def test_list_shows_municipality_names_and_last_contact(
    ips_world: World, as_persona: Callable[[str], Client]
) -> None:
    hagfors = make_employer(ips_world, 1, name="Hagfors Stål AB", municipality_code=HAGFORS)
    munkfors = make_employer(ips_world, 2, name="Munkfors Bruk AB", municipality_code=MUNKFORS)
    make_employer(ips_world, 3, name="Karlstad Bygg AB", municipality_code=KARLSTAD)
    log_contact(ips_world, hagfors, datetime.date(2025, 2, 3))
    log_contact(ips_world, hagfors, datetime.date(2025, 4, 17), named=True)
    log_contact(ips_world, hagfors, datetime.date(2025, 3, 9))
    log_contact(ips_world, munkfors, datetime.date(2024, 11, 30))

    body = as_persona("coach").get(reverse("ips:employer_list")).content.decode()

    assert "Senaste kontakt" in body
    # municipality, added, last contact are the last three cells
    assert cells(body, "Hagfors Stål AB")[-3:] == ["Hagfors", "2025-01-15", "2025-04-17"]
    assert cells(body, "Munkfors Bruk AB")[-3:] == ["Munkfors", "2025-01-15", "2024-11-30"]
    assert cells(body, "Karlstad Bygg AB")[-3:] == ["Karlstad", "2025-01-15", "–"]
    table = body[body.index("<table") :]
    for code in (HAGFORS, MUNKFORS, KARLSTAD):
        assert f">{code}<" not in table
    # the date cells carry the class that keeps them on one line
    assert table.count('<td class="date">') == 6


def test_unknown_code_shown_as_it_is(ips_world: World, as_persona: Callable[[str], Client]) -> None:
    Employer.objects.filter(pk=make_employer(ips_world).pk).update(municipality_code="9999")
    body = as_persona("coach").get(reverse("ips:employer_list")).content.decode()
    assert cells(body, "Arbetsgivare 1 AB")[-3] == "9999"


def test_last_contact_is_one_aggregate_per_employer(ips_world: World) -> None:
    employer = make_employer(ips_world)
    make_employer(ips_world, 2)
    for day in (3, 1, 2):
        log_contact(ips_world, employer, datetime.date(2025, 5, day))
    rows = list(employer_list(actor=ips_world["coach"], filters=EmployerFilters()))
    # one row per employer however many contacts it has
    found = [(row.name, getattr(row, "last_contact")) for row in rows]  # noqa: B009
    assert found == [
        ("Arbetsgivare 1 AB", datetime.date(2025, 5, 3)),
        ("Arbetsgivare 2 AB", None),
    ]


def test_list_constant_queries_with_contacts(
    ips_world: World, as_persona: Callable[[str], Client], assert_query_count
) -> None:
    client = as_persona("coach")
    first = make_employer(ips_world, 1, municipality_code=HAGFORS)
    log_contact(ips_world, first, datetime.date(2025, 3, 3))
    with assert_query_count(13):
        client.get(reverse("ips:employer_list"))
    for serial in range(2, 20):
        employer = make_employer(ips_world, serial, municipality_code=MUNKFORS)
        log_contact(ips_world, employer, datetime.date(2025, 3, serial), named=serial % 2 == 0)
        log_contact(ips_world, employer, datetime.date(2025, 2, serial))
    with assert_query_count(13):
        body = client.get(reverse("ips:employer_list")).content.decode()
    assert "Munkfors" in body and "2025-03-19" in body
