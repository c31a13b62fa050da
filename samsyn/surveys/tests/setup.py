"""Test helpers of the surveys app: a small good instrument as JSON and as XLSX."""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile


def good_document() -> dict[str, Any]:
    return {
        "key": "prov",
        "name": "Provinstrument",
        "source": "Testets eget instrument",
        "indicators": [{"code": "2", "name": "Samordnat stöd"}],
        "scales": {
            "fem": [
                {"value": 1, "label": "Inte alls"},
                {"value": 2, "label": "Lite"},
                {"value": 3, "label": "Delvis"},
                {"value": 4, "label": "Mycket"},
                {"value": 5, "label": "Helt"},
            ]
        },
        "questions": [
            {
                "id": "Q1",
                "text": "Stödet hängde ihop.",
                "kind": "skala",
                "scale": "fem",
                "groups": ["deltagare_pagaende", "deltagare_avslut"],
                "indicator": "2",
                "positive": [4, 5],
            },
            {
                "id": "KON",
                "text": "Är du",
                "kind": "val",
                "groups": ["deltagare_avslut"],
                "gender_question": True,
                "choices": [{"value": 1, "label": "Kvinna"}, {"value": 2, "label": "Man"}],
            },
            {
                "id": "Q3",
                "text": "Fick du arbete?",
                "kind": "ja_nej",
                "groups": ["styrelse"],
                "positive": [1],
            },
            {"id": "Q4", "text": "Övrigt", "kind": "fritext", "groups": ["chefer"]},
        ],
    }


def json_upload(document: dict[str, Any], name: str = "instrument.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(document).encode(), "application/json")


SHEET_ROWS: dict[str, list[list[Any]]] = {
    "Instrument": [
        ["fält", "värde"],
        ["nyckel", "prov"],
        ["namn", "Provinstrument"],
        ["källa", "Testets eget instrument"],
    ],
    "Indikatorer": [["kod", "namn", "beskrivning"], ["2", "Samordnat stöd", ""]],
    "Skalor": [["skala", "värde", "text"], *[["fem", n, f"Steg {n}"] for n in range(1, 6)]],
    "Frågor": [
        ["id", "text", "typ", "skala", "svarsgrupper", "indikator", "positiva", "könsfråga"],
        ["Q1", "Stödet hängde ihop.", "skala", "fem", "deltagare_pagaende", 2, "4, 5", "nej"],
        ["KON", "Är du", "val", "", "deltagare_avslut", "", "", "ja"],
        ["Q3", "Fick du arbete?", "ja_nej", "", "styrelse", "", "1", ""],
    ],
    "Svarsalternativ": [["fråga", "värde", "text"], ["KON", 1, "Kvinna"], ["KON", 2, "Man"]],
}


def xlsx_bytes(sheets: dict[str, list[list[Any]]] | None = None) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in (sheets or SHEET_ROWS).items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(sheets: dict[str, list[list[Any]]] | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile("instrument.xlsx", xlsx_bytes(sheets))
