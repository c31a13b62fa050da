"""Importing an instrument from JSON and XLSX: good files load whole, bad ones are refused
with the place named and nothing written."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.surveys.models import Instrument, InstrumentStatus, Question, QuestionKind
from samsyn.surveys.services.instruments import (
    example_instrument_load,
    instrument_import,
)
from samsyn.surveys.tests.setup import SHEET_ROWS, good_document, json_upload, xlsx_upload

pytestmark = pytest.mark.django_db


def _import(world: World, upload: Any) -> Instrument:
    return instrument_import(actor=world["admin"], forbund=world.forbund, file=upload)


def test_good_json_loads_everything(world: World) -> None:
    instrument = _import(world, json_upload(good_document()))
    assert (instrument.key, instrument.version, instrument.status) == ("prov", 1, "utkast")
    assert instrument.forbund == world.forbund
    q1 = instrument.questions.get(code="Q1")
    assert q1.kind == QuestionKind.SCALE
    assert q1.indicator is not None and q1.indicator.code == "2"
    assert q1.positive_steps == [4, 5]
    assert [s.value for s in q1.scale_steps.all()] == [1, 2, 3, 4, 5]
    assert sorted(g.group for g in q1.groups.all()) == ["deltagare_avslut", "deltagare_pagaende"]
    gender = instrument.questions.get(code="KON")
    assert gender.is_gender_question
    assert [c.label for c in gender.choices.all()] == ["Kvinna", "Man"]
    event = AuditEvent.objects.get(object_type="surveys.Instrument", object_id=str(instrument.pk))
    assert event.action == "create" and event.actor == world["admin"]
    assert "import" in event.detail


def test_good_xlsx_loads_everything(world: World) -> None:
    instrument = _import(world, xlsx_upload())
    assert instrument.questions.count() == 3
    q1 = instrument.questions.get(code="Q1")
    assert q1.positive_steps == [4, 5]
    assert q1.indicator is not None and q1.indicator.code == "2"
    assert next(s.label for s in q1.scale_steps.all()) == "Steg 1"
    assert instrument.questions.get(code="KON").is_gender_question
    assert instrument.questions.get(code="Q3").positive_steps == [1]


def test_same_key_again_is_the_next_version(world: World) -> None:
    first = _import(world, json_upload(good_document()))
    second = _import(world, xlsx_upload())
    assert second.version == 2 and second.previous_version == first
    assert first.questions.count() == 4  # the first version is untouched


def _mutated(change: Any) -> dict[str, Any]:
    document = copy.deepcopy(good_document())
    change(document)
    return document


JSON_CASES = {
    "missing scale step": (
        lambda d: d["scales"]["fem"].pop(2),
        "Sökväg scales.fem[0].scale: skalsteg saknas i skalan ”fem”: 3.",
    ),
    "positive step not in scale": (
        lambda d: d["questions"][0].update(positive=[6]),
        "Sökväg questions[0].positive: det positiva svaret 6",
    ),
    "duplicate question id": (
        lambda d: d["questions"][2].update(id="Q1"),
        "Sökväg questions[2].id: fråge-id ”Q1” finns redan",
    ),
    "unknown indicator": (
        lambda d: d["questions"][0].update(indicator="9"),
        "Sökväg questions[0].indicator: okänd indikator ”9”",
    ),
    "unknown kind": (
        lambda d: d["questions"][1].update(kind="gradering"),
        "Sökväg questions[1].kind: okänd frågetyp ”gradering”",
    ),
    "empty text": (
        lambda d: d["questions"][3].update(text="  "),
        "Sökväg questions[3].text: värdet saknas",
    ),
    "unknown scale": (
        lambda d: d["questions"][0].update(scale="sju"),
        "Sökväg questions[0].scale: skalan ”sju” finns inte.",
    ),
}


@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_bad_json_is_refused_with_the_path(world: World, case: str) -> None:
    change, message = JSON_CASES[case]
    with pytest.raises(ValidationError) as refused:
        _import(world, json_upload(_mutated(change)))
    assert any(text.startswith(message) for text in refused.value.messages), refused.value.messages
    assert not Instrument.objects.exists()
    assert not Question.objects.exists()


def _sheets(sheet: str, row: int, column: int, value: Any) -> dict[str, list[list[Any]]]:
    sheets = copy.deepcopy(SHEET_ROWS)
    sheets[sheet][row - 1][column - 1] = value
    return sheets


def _drop_row(sheet: str, row: int) -> dict[str, list[list[Any]]]:
    sheets = copy.deepcopy(SHEET_ROWS)
    del sheets[sheet][row - 1]
    return sheets


XLSX_CASES = {
    "missing scale step": (
        _drop_row("Skalor", 4),
        "Bladet ”Skalor”, rad 2, kolumn A (skala): skalsteg saknas i skalan ”fem”: 3.",
    ),
    "positive step not in scale": (
        _sheets("Frågor", 2, 7, "4, 9"),
        "Bladet ”Frågor”, rad 2, kolumn G (positiva): det positiva svaret 9",
    ),
    "duplicate question id": (
        _sheets("Frågor", 4, 1, "Q1"),
        "Bladet ”Frågor”, rad 4, kolumn A (id): fråge-id ”Q1” finns redan "
        "(Bladet ”Frågor”, rad 2, kolumn A (id))",
    ),
    "unknown indicator": (
        _sheets("Frågor", 2, 6, "14"),
        "Bladet ”Frågor”, rad 2, kolumn F (indikator): okänd indikator ”14”",
    ),
    "unknown kind": (
        _sheets("Frågor", 3, 3, "flerval"),
        "Bladet ”Frågor”, rad 3, kolumn C (typ): okänd frågetyp ”flerval”",
    ),
    "empty text": (
        _sheets("Frågor", 4, 2, None),
        "Bladet ”Frågor”, rad 4, kolumn B (text): värdet saknas",
    ),
    "empty source": (
        _sheets("Instrument", 4, 2, ""),
        "Bladet ”Instrument”, rad 4, kolumn B (källa): värdet saknas",
    ),
}


@pytest.mark.parametrize("case", sorted(XLSX_CASES))
def test_bad_xlsx_is_refused_with_row_and_column(world: World, case: str) -> None:
    sheets, message = XLSX_CASES[case]
    with pytest.raises(ValidationError) as refused:
        _import(world, xlsx_upload(sheets))
    assert any(text.startswith(message) for text in refused.value.messages), refused.value.messages
    assert not Instrument.objects.exists()


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b"[1, 2]", b"PK\x03\x04not a zip", "nåt".encode("latin-1")],
    ids=["empty", "broken json", "not an object", "broken xlsx", "latin-1"],
)
def test_unreadable_files_are_refused_plainly(world: World, data: bytes) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as refused:
        _import(world, SimpleUploadedFile("x.json", data))
    assert refused.value.messages
    assert not Instrument.objects.exists()


def test_missing_column_is_named(world: World) -> None:
    sheets = copy.deepcopy(SHEET_ROWS)
    sheets["Frågor"] = [row[:2] for row in sheets["Frågor"]]
    with pytest.raises(ValidationError) as refused:
        _import(world, xlsx_upload(sheets))
    assert refused.value.messages == ["Bladet ”Frågor”, rad 1: kolumnen ”typ” saknas."]


def test_example_instrument_is_shipped_published_and_idempotent(db: None) -> None:
    first = example_instrument_load()
    again = example_instrument_load()
    assert first == again and Instrument.objects.count() == 1
    assert first.forbund is None and first.status == InstrumentStatus.PUBLISHED
    assert "inte NNS" in first.source
    assert first.questions.filter(is_gender_question=True).count() == 1
    assert first.indicators.count() >= 5
    assert not first.questions.filter(kind=QuestionKind.SCALE, indicator__isnull=True).exists()


def test_management_command_loads_the_example(db: None) -> None:
    from django.core.management import call_command

    call_command("load_example_instrument")
    call_command("load_example_instrument")
    assert Instrument.objects.filter(forbund=None, key="samsyn-exempel").count() == 1


def test_only_the_forbunds_administrator_imports(world: World) -> None:
    from django.http import Http404

    for name in ("insatsansvarig", "coach", "styrgrupp", "outsider", "nobody"):
        with pytest.raises(Http404):
            instrument_import(
                actor=world[name], forbund=world.forbund, file=json_upload(good_document())
            )
    assert not Instrument.objects.exists()
