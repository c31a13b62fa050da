"""Stored report content keeps loading: a snapshot approved under schema 1 (method section
tables as parallel lists, or no sections at all) is brought to the current shape and renders
exactly as the same figures stored today."""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.interventions.models import Training
from samsyn.interventions.tests.training_setup import attend
from samsyn.reporting.content_types import SCHEMA_VERSION, content_from_json
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.services.period_reports import period_report_approve
from samsyn.reporting.tests.period_report_data import draft, participants, scheduled  # noqa: F401
from samsyn.reporting.tests.test_documents import sheet_rows

pytestmark = pytest.mark.django_db

SCHEMA_1_TABLE = {
    "title": "Jobbutveckling",
    "headers": ["Mått", "Värde"],
    "kinds": ["text", "number"],
    "row_kinds": ["count", "share"],
    "rows": [["Kontakter", 12], ["Andel inom 30 dagar", 0.5]],
    "note": "",
}


def as_schema_1(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A current snapshot written the way schema 1 stored it."""
    old = copy.deepcopy(snapshot)
    old["schema"] = 1
    for section in old["sections"]:
        tables = []
        for table in section["tables"]:
            kinds = [row["kind"] for row in table["rows"]]
            old_table = {
                "title": table["title"],
                "headers": [column["label"] for column in table["columns"]],
                "kinds": [column["kind"] for column in table["columns"]],
                "rows": [row["cells"] for row in table["rows"]],
                "note": table["note"],
            }
            if any(kinds):
                old_table["row_kinds"] = kinds
            tables.append(old_table)
        section["tables"] = tables
    return old


def as_schema_2(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A current snapshot written the way schema 2 stored it: no limit (always 5), no
    cumulative figures, no summary of hidden cells."""
    old = copy.deepcopy(snapshot)
    old["schema"] = 2
    for key in ("small_count_limit", "cumulative", "hidden"):
        del old[key]
    for metric in old["metrics"]:
        del metric["since_start"]
    return old


def test_schema_1_section_tables_become_records() -> None:
    content = content_from_json(
        {"schema": 1, "sections": [{"id": "job", "title": "Jobb", "tables": [SCHEMA_1_TABLE]}]}
    )
    table = content["sections"][0]["tables"][0]
    assert table["columns"] == [
        {"label": "Mått", "kind": "text"},
        {"label": "Värde", "kind": "number"},
    ]
    assert table["rows"] == [
        {"cells": ["Kontakter", 12], "kind": "count"},
        {"cells": ["Andel inom 30 dagar", 0.5], "kind": "share"},
    ]
    without_row_kinds = {k: v for k, v in SCHEMA_1_TABLE.items() if k != "row_kinds"}
    content = content_from_json(
        {"schema": 1, "sections": [{"id": "j", "title": "J", "tables": [without_row_kinds]}]}
    )
    assert [row["kind"] for row in content["sections"][0]["tables"][0]["rows"]] == [None, None]


def test_a_snapshot_from_before_sections_has_none() -> None:
    assert content_from_json({"schema": 1, "metrics": []})["sections"] == []


def test_current_content_is_read_as_it_is() -> None:
    stored = {"schema": SCHEMA_VERSION, "sections": [{"id": "x", "title": "X", "tables": []}]}
    assert content_from_json(stored) == stored


def _page(client: Client, report: PeriodReport) -> str:
    url = reverse("reporting:report_detail", args=[report.intervention_id, report.pk])
    html = client.get(url).content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def _xlsx(client: Client, report: PeriodReport) -> dict[str, list[tuple[Any, ...]]]:
    url = reverse("reporting:report_download", args=[report.intervention_id, report.pk, "xlsx"])
    return sheet_rows(client.get(url).content)


def test_a_schema_1_snapshot_renders_like_the_current_one(
    draft: PeriodReport,  # noqa: F811
    world: World,
    as_persona: Callable[[str], Client],
) -> None:
    intervention = draft.intervention
    training = Training.objects.create(
        intervention=intervention, title="IPS-grunder", held_on=datetime.date(2026, 2, 10)
    )
    attend(training, intervention.owner_party, "coach", 2)
    report = period_report_approve(actor=world["admin"], report=draft, expected_version=1)
    assert report.snapshot is not None and report.snapshot["sections"]
    client = as_persona("insatsansvarig")
    current = _page(client, report)
    assert "Sedan start" in current
    # A schema 2 snapshot (period figures only) still shows, without the "sedan start" columns
    # and with its hidden cells counted from the cells themselves.
    schema_2 = as_schema_2(report.snapshot)
    PeriodReport.objects.filter(pk=report.pk).update(snapshot=schema_2)
    page, workbook = _page(client, report), _xlsx(client, report)
    assert "Utbildade i perioden" in page
    assert "Sedan start" not in page
    PeriodReport.objects.filter(pk=report.pk).update(snapshot=as_schema_1(schema_2))
    assert _page(client, report) == page
    assert _xlsx(client, report) == workbook
