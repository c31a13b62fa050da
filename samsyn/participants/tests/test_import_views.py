"""The import page: who reaches it, uploads good and bad, and the template downloads."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import Orientation
from samsyn.participants.importing.parsing import COLUMNS, parse_file
from samsyn.participants.importing.service import import_registrations
from samsyn.participants.models import Person, Registration
from samsyn.participants.tests.import_helpers import (
    anonymous_row,
    csv_bytes,
    ended_row,
    good_row,
    xlsx_bytes,
)

URL = reverse("participants:import")
ALLOWED = ["admin", "insatsansvarig"]
REFUSED = ["coach", "handlaggare", "styrgrupp", "granskare", "nobody"]


def upload(client, intervention, data: bytes, name: str = "fil.csv"):
    return client.post(
        URL, {"intervention": intervention.pk, "file": SimpleUploadedFile(name, data)}
    )


@pytest.mark.parametrize("persona", ALLOWED)
def test_insatsansvarig_and_administrator_see_the_page(as_persona, persona: str) -> None:
    response = as_persona(persona).get(URL)
    assert response.status_code == 200
    assert b"Importera inskrivningar" in response.content
    assert b'enctype="multipart/form-data"' in response.content


@pytest.mark.parametrize("persona", REFUSED)
def test_other_roles_get_404(as_persona, persona: str) -> None:
    client = as_persona(persona)
    assert client.get(URL).status_code == 404
    assert client.get(reverse("participants:import_template", args=["csv"])).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_insatsansvarig_chooses_among_own_individual_interventions(world, as_persona) -> None:
    InterventionFactory(forbund=world.forbund, owner_party=world.kommun, name="Annan i förbundet")
    InterventionFactory(
        forbund=world.forbund,
        owner_party=world.kommun,
        name="Strukturellt",
        orientation=Orientation.STRUKTUROVERGRIPANDE,
    )
    choices = as_persona("insatsansvarig").get(URL).context["form"].fields["intervention"]
    assert [i.name for i in choices.queryset] == ["Testinsatsen"]
    admin_choices = as_persona("admin").get(URL).context["form"].fields["intervention"]
    assert {i.name for i in admin_choices.queryset} == {"Testinsatsen", "Annan i förbundet"}


def test_outsider_cannot_import_into_another_forbund(world, as_persona) -> None:
    client = as_persona("outsider")
    assert client.get(URL).status_code == 200  # their own förbund's interventions
    response = upload(client, world.intervention, csv_bytes([good_row()]))
    assert response.status_code == 200
    assert "intervention" in response.context["form"].errors
    assert not Person.objects.exists()


@pytest.mark.parametrize("persona", ALLOWED)
def test_good_upload_shows_the_count(world, as_persona, persona: str) -> None:
    data = csv_bytes([good_row(), ended_row(), anonymous_row()])
    response = upload(as_persona(persona), world.intervention, data)
    assert response.status_code == 200
    assert response.context["result"].imported == 3
    assert "3 inskrivningar importerades." in response.content.decode()
    assert Registration.objects.count() == 3


def test_xlsx_upload(world, as_persona) -> None:
    data = xlsx_bytes([[good_row()[c] for c in COLUMNS]])
    response = upload(as_persona("insatsansvarig"), world.intervention, data, "fil.xlsx")
    assert response.context["result"].imported == 1


def test_bad_rows_are_shown_as_a_table_and_nothing_is_stored(world, as_persona) -> None:
    data = csv_bytes([good_row(), ended_row(slutdatum="2025-01-01")])
    response = upload(as_persona("insatsansvarig"), world.intervention, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inget importerades" in html
    assert '<th scope="row">3</th><td>slutdatum</td><td>Slutdatum ligger före startdatum.</td>' in (
        html
    )
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "Filen kunde inte läsas"),
        (b"PK\x03\x04junk", "Excel-fil"),
        (b"namn;alder\nKim;40\n", "rubrikraden med importens kolumner"),
        (";".join(COLUMNS).encode() + b"\n", "bara rubrikraden"),
    ],
)
def test_bad_files_get_a_swedish_message(world, as_persona, data: bytes, message: str) -> None:
    response = upload(as_persona("insatsansvarig"), world.intervention, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()


def test_wrong_header_lists_the_column_problems(world, as_persona) -> None:
    data = csv_bytes([good_row()]).replace(b"kommun", b"hemort", 1)
    html = upload(as_persona("insatsansvarig"), world.intervention, data).content.decode()
    assert '<th scope="row">1</th><td>hemort</td><td>Okänd kolumn.</td>' in html
    assert '<th scope="row">1</th><td>kommun</td><td>Kolumnen saknas i rubrikraden.</td>' in html


def test_empty_and_too_large_uploads_are_refused(world, as_persona, settings) -> None:
    client = as_persona("insatsansvarig")
    response = upload(client, world.intervention, b"")
    assert response.context["form"].errors["file"]
    big = b"a" * (10 * 1024 * 1024 + 1)
    response = upload(client, world.intervention, big)
    assert "större än 10 MB" in str(response.context["form"].errors["file"])
    assert not Person.objects.exists()


def test_page_without_a_file_shows_the_form_error(world, as_persona) -> None:
    response = as_persona("admin").post(URL, {"intervention": world.intervention.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


@pytest.mark.parametrize("persona", ALLOWED)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_downloads_parse_and_import(world, as_persona, persona: str, fmt: str) -> None:
    response = as_persona(persona).get(reverse("participants:import_template", args=[fmt]))
    assert response.status_code == 200
    assert f'filename="importmall-inskrivningar.{fmt}"' in response["Content-Disposition"]
    rows = parse_file(response.content).rows
    assert len(rows) == 1
    assert rows[0].get("personnummer") == "19121212-1212"
    assert rows[0].get("kommun") == "Karlstad"
    result = import_registrations(actor=None, intervention=world.intervention, rows=rows)
    assert result.ok, result.errors
    assert result.imported == 1


def test_csv_template_has_a_bom_and_semicolons(as_persona) -> None:
    response = as_persona("admin").get(reverse("participants:import_template", args=["csv"]))
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig").splitlines()[0] == ";".join(COLUMNS)
    assert response["Content-Type"].startswith("text/csv")


def test_unknown_template_format_is_404(as_persona) -> None:
    client = as_persona("admin")
    assert client.get(reverse("participants:import_template", args=["pdf"])).status_code == 404
