"""Importing actual costs from CSV and XLSX: good files, each kind of bad row, all or
nothing, BOM, semicolons and commas, file size and type."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.interventions.models import ActualCost, Intervention
from samsyn.interventions.services.money import import_actual_costs

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date
GOOD_CSV = (
    "månad;kostnadsslag;belopp;kommentar\n"
    "2026-01;Löner;91 700;\n"
    "2026-01;LOKALER;12 500,50;Hyra januari\n"
    "\n"
    "2026-02;loner;91700;\n"
)


@pytest.fixture
def ins(world: Any) -> Intervention:
    intervention = world.intervention
    intervention.start_date, intervention.end_date = D(2025, 1, 1), D(2026, 12, 31)
    intervention.save()
    return intervention


def upload(content: str | bytes, name: str = "utfall.csv") -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


def xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(world: Any, ins: Intervention, file: SimpleUploadedFile) -> Any:
    return import_actual_costs(actor=world["admin"], intervention=ins, upload=file)


def saved() -> list[tuple[datetime.date, str, Decimal, str]]:
    return list(
        ActualCost.objects.order_by("month", "category").values_list(
            "month", "category", "amount", "note"
        )
    )


EXPECTED = [
    (D(2026, 1, 1), "lokaler", Decimal("12500.50"), "Hyra januari"),
    (D(2026, 1, 1), "loner", Decimal(91700), ""),
    (D(2026, 2, 1), "loner", Decimal(91700), ""),
]


@pytest.mark.parametrize(
    "content",
    [
        GOOD_CSV,
        "\ufeff" + GOOD_CSV,  # Excel's UTF-8 with BOM
        GOOD_CSV.replace("\n", "\r\n"),
        # Commas between fields: amounts with a decimal comma are quoted.
        'Månad,Kostnadsslag,Belopp,Kommentar\n2026-01,Löner,91 700,\n2026-01,lokaler,"12 500,50",'
        "Hyra januari\n2026-02,loner,91700,\n",
        # Columns in another order; the header's "manad" without ring.
        "belopp;manad;kostnadsslag;kommentar\n91 700;2026-01;loner;\n12500.5;2026-01;Lokaler;"
        "Hyra januari\n91700;2026-02;Löner;\n",
    ],
)
def test_good_csv_files(world: Any, ins: Intervention, content: str) -> None:
    outcome = run(world, ins, upload(content))
    assert outcome.errors == []
    assert (outcome.result.created, outcome.result.updated) == (3, 0)
    assert saved() == EXPECTED
    event = AuditEvent.objects.get(detail__startswith="Import av utfall")
    assert (event.action, event.intervention_id) == ("create", ins.pk)


def test_good_xlsx_file(world: Any, ins: Intervention) -> None:
    data = xlsx(
        [
            ["Månad", "Kostnadsslag", "Belopp", "Kommentar"],
            ["2026-01", "Löner", 91700, None],
            [datetime.datetime(2026, 1, 1), "lokaler", 12500.5, "Hyra januari"],
            [None, None, None, None],
            ["2026-02", "loner", "91 700", None],
        ]
    )
    outcome = run(world, ins, upload(data, "utfall.xlsx"))
    assert outcome.errors == []
    assert saved() == EXPECTED


def test_import_upserts_existing_months(world: Any, ins: Intervention) -> None:
    ActualCost.objects.create(intervention=ins, month=D(2026, 1, 1), category="loner", amount=1)
    outcome = run(world, ins, upload(GOOD_CSV))
    assert (outcome.result.created, outcome.result.updated) == (2, 1)
    assert saved() == EXPECTED
    assert ActualCost.objects.get(month=D(2026, 1, 1), category="loner").version == 2


BAD_ROWS = [
    ("2026-01;Fika;100", "Rad 3: okänt kostnadsslag ”Fika”"),
    ("2026-13;loner;100", "Rad 3: ogiltig månad ”2026-13”; skriv ÅÅÅÅ-MM"),
    ("januari;loner;100", "Rad 3: ogiltig månad ”januari”"),
    ("2026-03;loner;hundra", "Rad 3: ogiltigt belopp ”hundra”"),
    ("2026-03;loner;", "Rad 3: belopp saknas"),
    ("2026-03;loner;-100", "Rad 3: beloppet kan inte vara negativt."),
    ("2026-03;loner;100,555", "Rad 3: beloppet får ha högst två decimaler (öre)."),
    ("2024-12;loner;100", "Rad 3: året ska ligga inom insatsens år, 2025–2026."),
    ("2026-01;loner;5", "Rad 3: samma månad, kostnadsslag och finansiär som rad 2"),
    ("2026-03;loner;5;" + "x" * 201, "Rad 3: texten får vara högst 200 tecken."),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_each_bad_row_is_reported_and_nothing_saved(
    world: Any, ins: Intervention, row: str, message: str
) -> None:
    content = f"månad;kostnadsslag;belopp;kommentar\n2026-01;loner;100\n{row}\n2026-04;resor;5\n"
    outcome = run(world, ins, upload(content))
    assert outcome.result is None
    assert message in outcome.errors[0], outcome.errors
    assert not ActualCost.objects.exists()
    assert not AuditEvent.objects.exists()


def test_several_errors_on_several_rows(world: Any, ins: Intervention) -> None:
    content = "månad;kostnadsslag;belopp\n2026-01;Fika;x\n2026-02;loner;5\n2027-01;resor;5\n"
    outcome = run(world, ins, upload(content))
    assert outcome.errors == [
        "Rad 2: okänt kostnadsslag ”Fika”",
        "Rad 2: ogiltigt belopp ”x”",
        "Rad 4: året ska ligga inom insatsens år, 2025–2026.",
    ]
    assert not ActualCost.objects.exists()


def test_bad_xlsx_row_saves_nothing(world: Any, ins: Intervention) -> None:
    data = xlsx(
        [["månad", "kostnadsslag", "belopp"], ["2026-01", "loner", 5], ["2026-02", "Fika", 5]]
    )
    outcome = run(world, ins, upload(data, "utfall.xlsx"))
    assert outcome.errors == ["Rad 3: okänt kostnadsslag ”Fika”"]
    assert not ActualCost.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (GOOD_CSV, "utfall.pdf", "Filtypen stöds inte"),
        (b"%PDF-1.4 binary", "utfall.xlsx", "kunde inte läsas"),
        (b"PK\x03\x04 not really a workbook", "utfall.xlsx", "kunde inte läsas"),
        (GOOD_CSV.encode("utf-16"), "utfall.csv", "kunde inte läsas"),
        (
            "månad;kostnadsslag;belopp;kommentar\n".encode("cp1252"),
            "utfall.csv",
            "kunde inte läsas",
        ),
        ("", "utfall.csv", "Filen är tom"),
        ("månad;kostnadsslag;belopp\n", "utfall.csv", "bara rubrikraden"),
        ("månad;kostnad;summa\n2026-01;loner;5\n", "utfall.csv", "”kostnadsslag”, ”belopp”"),
        (b"a" * (10 * 1024 * 1024 + 1), "utfall.csv", "större än 10 MB"),
    ],
)
def test_unreadable_files(
    world: Any, ins: Intervention, content: str | bytes, name: str, message: str
) -> None:
    outcome = run(world, ins, upload(content, name))
    assert outcome.result is None
    assert message in outcome.errors[0], outcome.errors
    assert not ActualCost.objects.exists()


def test_import_page(as_persona: Persona, ins: Intervention) -> None:
    url = reverse("interventions:money_import", args=[ins.pk])
    client = as_persona("insatsansvarig")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"file": upload("månad;kostnadsslag;belopp\n2026-01;Fika;5\n")})
    assert bad.status_code == 200
    assert "Rad 2: okänt kostnadsslag ”Fika”" in bad.content.decode()
    assert "Inget importerades" in bad.content.decode()
    response = client.post(url, {"file": upload(GOOD_CSV)}, follow=True)
    assert "3 nya och 0 ändrade" in response.content.decode()
    assert saved() == EXPECTED
    assert client.post(url, {}).status_code == 200  # no file: a form error, not a crash


@pytest.mark.parametrize("persona", ["styrgrupp", "coach", "handlaggare", "granskare", "outsider"])
def test_import_is_404_for_others(as_persona: Persona, ins: Intervention, persona: str) -> None:
    url = reverse("interventions:money_import", args=[ins.pk])
    assert as_persona(persona).post(url, {"file": upload(GOOD_CSV)}).status_code == 404
    assert not ActualCost.objects.exists()
