"""The förbund report pages and downloads per persona, their parameters and query counts."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from samsyn.audit.models import AuditEvent
from samsyn.core.roles import Role
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory
from samsyn.reporting.forms.forbund import parse_period
from samsyn.reporting.tests.forbund_data import D, build_scenario, reg
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
PAGES = [
    "forbund_overview",
    "forbund_participants",
    "forbund_interventions",
    "forbund_costs",
    "forbund_finsam",
]
SEES = ["admin", "styrgrupp"]
# The exact queries of each page as HTML, the same for both personas who see it; the XLSX
# export adds the insert of its audit event.
PAGE_QUERIES = {
    # + the förbund's grants (issue #12: granted beside the cost), and two for the teams linked
    # to an intervention (the collaboration table): the interventions' ids and the teams;
    # + the förbund's surveys in the period (issue #13: the survey table, none here).
    "forbund_overview": 18,
    "forbund_participants": 11,
    # Two more for the counts since the start (the earliest start, and the counts).
    "forbund_interventions": 16,
    "forbund_costs": 17,
    "forbund_finsam": 16,  # + the grants and the trainings (one query each)
}
NOT_SEEING = ["insatsansvarig", "coach", "handlaggare", "granskare", "nobody"]
Q1 = {"fran": "2026-01-01", "till": "2026-03-31"}


def url(name: str) -> str:
    return reverse(f"reporting:{name}")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", SEES)
def test_pages_for_admin_and_styrgrupp(
    as_persona: Persona, world: Any, page: str, persona: str
) -> None:
    build_scenario(world)
    response = as_persona(persona).get(url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Annan insats" not in html
    assert ("Testinsatsen" in html) == (page != "forbund_participants")
    assert "<h1>" in html and "<caption" in html


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", NOT_SEEING)
def test_pages_are_404_for_everyone_else(
    as_persona: Persona, world: Any, page: str, persona: str
) -> None:
    client = as_persona(persona)
    assert client.get(url(page)).status_code == 404
    assert client.get(url(page), {"format": "csv"}).status_code == 404
    assert client.get(url(page), {"format": "xlsx"}).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("page", PAGES)
def test_outsider_sees_only_its_own_forbund(as_persona: Persona, world: Any, page: str) -> None:
    build_scenario(world)
    client = as_persona("outsider")
    assert client.get(url(page), {"forbund": world.forbund.pk}).status_code == 404
    assert client.get(url(page), {"forbund": world.forbund.pk, "format": "csv"}).status_code == 404
    own = client.get(url(page)).content.decode()
    assert "Testinsatsen" not in own and "Annanstans" in own


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_log_in(client: Client, world: Any, page: str) -> None:
    for params in ({}, {"format": "csv"}):
        response = client.get(url(page), params)
        assert response.status_code == 302
        assert response["Location"].startswith("/logga-in/")


@pytest.mark.parametrize("page", PAGES)
def test_post_is_refused(as_persona: Persona, world: Any, page: str) -> None:
    assert as_persona("admin").post(url(page)).status_code == 405


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", SEES)
def test_every_download_writes_an_audit_event(
    as_persona: Persona, world: Any, page: str, persona: str, file_format: str
) -> None:
    build_scenario(world)
    params = {"ar": "2026"} if page == "forbund_finsam" else Q1
    response = as_persona(persona).get(url(page), {**params, "format": file_format})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    if file_format == "xlsx":
        assert load_workbook(io.BytesIO(response.content)).sheetnames
    else:
        assert response.content.startswith(b"\xef\xbb\xbf")
    event = AuditEvent.objects.get(action="export")
    assert event.actor == world[persona]
    assert event.forbund == world.forbund
    assert event.role == (Role.FORBUNDSADMIN if persona == "admin" else Role.STYRGRUPP)
    period = "2026" if page == "forbund_finsam" else "2026-01-01–2026-03-31"
    assert period in event.detail and file_format in event.detail
    assert ("undertryckta" in event.detail) == (persona == "styrgrupp")


def test_report_downloads_read_back(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    client = as_persona("admin")
    text = client.get(url("forbund_interventions"), {**Q1, "format": "csv"}).content
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[0] == "Deltagare per insats"
    assert lines[1].startswith("Insats;Påbörjade, kvinnor;Påbörjade, män;Påbörjade, totalt;")
    # Each count in the period, then since the start.
    assert "Testinsatsen;2;1;3;4;2;6;3;2;5;4;2;6;1;1;2;2;1;3;1;0;1;1;0;1" in lines
    assert lines[-1] == "Totalt;3;2;5;5;3;8;4;3;7;5;3;8;1;2;3;2;2;4;1;0;1;1;0;1"
    book = load_workbook(
        io.BytesIO(client.get(url("forbund_costs"), {**Q1, "format": "xlsx"}).content)
    )
    assert book.sheetnames == ["Medel per finansiär", "Insatskostnader", "Administration", "Totalt"]
    rows = list(book["Totalt"].iter_rows(values_only=True))
    assert rows[0] == ("Förbundets kostnad", "Budget (kr)", "Utfall (kr)")
    assert rows[-1] == ("Totalt", 180000, 41000)


def test_period_picker_and_quick_choices(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    html = as_persona("admin").get(url("forbund_overview"), Q1).content.decode()
    assert 'value="2026-01-01"' in html and 'value="2026-03-31"' in html
    assert "perioden 2026-01-01–2026-03-31" in html
    for label in ("I år", "Förra året", "Kvartal 1", "Kvartal 4"):
        assert label in html
    assert 'href="?fran=2026-01-01&amp;till=2026-03-31" aria-current="true"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fran": "2026-13-01", "till": "2026-03-31"}, "är inget giltigt datum"),
        ({"fran": "igår", "till": "2026-03-31"}, "är inget giltigt datum"),
        ({"fran": "2026-03-31", "till": "2026-01-01"}, "ligger före startdatumet"),
        ({"fran": "2026-01-01"}, "Ange både från- och till-datum"),
        ({"fran": "1999-01-01", "till": "2026-01-01"}, "ligger utanför åren 2000–2100"),
        ({"fran": "2026-01-01\x00", "till": "2026-01-01"}, "är inget giltigt datum"),
        ({"format": "pdf"}, "Okänt filformat"),
        ({"forbund": "abc"}, "är inget giltigt förbund"),
    ],
)
@pytest.mark.parametrize("page", PAGES[:4])
def test_bad_parameters_give_a_message_and_the_default(
    as_persona: Persona, world: Any, page: str, params: dict[str, str], message: str
) -> None:
    response = as_persona("admin").get(url(page), {**params, "format": params.get("format", "")})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html


def test_bad_parameters_never_download(as_persona: Persona, world: Any) -> None:
    response = as_persona("admin").get(
        url("forbund_overview"), {"fran": "x", "till": "2026-01-01", "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action="export").exists()


def test_user_in_two_forbund_picks_one(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    MembershipFactory(user=world["styrgrupp"], forbund=world.other_forbund, role=Role.STYRGRUPP)
    client = as_persona("styrgrupp")
    html = client.get(url("forbund_overview")).content.decode()
    assert 'name="forbund"' in html and "Byt förbund" in html
    assert "Annan insats" in html  # "Annanstans" is first by name
    html = client.get(url("forbund_overview"), {"forbund": world.forbund.pk}).content.decode()
    assert "Testinsatsen" in html and "Annan insats" not in html
    assert f"forbund={world.forbund.pk}" in html  # kept in the links
    missing = world.forbund.pk + world.other_forbund.pk + 1
    assert client.get(url("forbund_overview"), {"forbund": missing}).status_code == 404


def test_anonymous_and_felregistrering_on_the_page(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    html = as_persona("admin").get(url("forbund_interventions"), Q1).content.decode()
    row = html.split('<th scope="row">Testinsatsen</th>')[1].split("</tr>")[0]
    cells = [cell.split("<")[0] for cell in row.split('<td class="num">')[1:]]
    # started 2/1/3 (the felregistrering not counted), anonymous started 1/0/1; each followed
    # by the same since the start
    assert cells[:12] == ["2", "1", "3", "4", "2", "6", "3", "2", "5", "4", "2", "6"]
    assert cells[12:] == ["1", "1", "2", "2", "1", "3", "1", "0", "1", "1", "0", "1"]


def _populate(world: Any, interventions: int, per_intervention: int) -> None:
    for _number in range(interventions):
        intervention = InterventionFactory(forbund=world.forbund, start_date=D(2025, 1, 1))
        for index in range(per_intervention):
            end = D(2026, 2, 1) if index % 2 else None
            reg(intervention, "kvinna" if index % 3 else "man", D(2026, 1, 10), end)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", SEES)
def test_page_queries_do_not_grow(
    as_persona: Persona,
    world: Any,
    page: str,
    persona: str,
    assert_query_count: QueryCount,
) -> None:
    queries = PAGE_QUERIES[page]
    client = as_persona(persona)
    _populate(world, 1, 2)
    client.get(url(page))  # warm up the session
    for _size in ("small", "large"):
        with assert_query_count(queries):
            assert client.get(url(page)).status_code == 200
        with assert_query_count(queries + 1):  # + the audit event
            assert client.get(url(page), {"format": "xlsx"}).status_code == 200
        _populate(world, 4, 2)  # 6 interventions with the world's
        _populate(world, 1, 30)  # and many participants


def test_the_styrgrupp_chooses_whole_quarters_and_years_only() -> None:
    """#11 item 4: free dates for the steering group would show hidden counts by comparing
    two periods; whole calendar quarters and years are accepted."""
    today = datetime.date(2026, 5, 14)
    odd = {"fran": "2026-01-01", "till": "2026-02-10"}
    assert not parse_period(odd, today).errors
    refused = parse_period(odd, today, free=False)
    assert refused.errors and refused.value.start == datetime.date(2026, 1, 1)
    assert refused.value.end == datetime.date(2026, 12, 31)
    for fran, till in (("2026-04-01", "2026-06-30"), ("2025-01-01", "2025-12-31")):
        assert not parse_period({"fran": fran, "till": till}, today, free=False).errors
