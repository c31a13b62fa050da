"""Decisions and deviation reports in the JSON API, per persona, with bad input."""

from __future__ import annotations

import pytest

from samsyn.applications.models import Decision, DeviationReport
from samsyn.applications.tests.factories_decisions import (
    make_application,
    make_decided,
)
from samsyn.participants.tests.api_setup import as_api_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
BODY = {
    "body": "styrelse",
    "decided_on": "2025-03-12",
    "paragraph": "14",
    "outcome": "beviljad",
    "years": [
        {"year": 2025, "granted_amount": "650000"},
        {"year": 2026, "granted_amount": "400000"},
    ],
}


def test_decisions_read_by_persona(world, as_api):
    decision = make_decided(world)
    for persona, status in (
        ("admin", 200),
        ("styrgrupp", 200),
        ("handlaggare", 200),
        ("coach", 404),
        ("outsider", 404),
    ):
        assert as_api(persona).get(f"/applications/decisions/{decision.pk}").status_code == status
    listed = as_api("styrgrupp").get("/applications/decisions").json()
    assert [row["id"] for row in listed] == [decision.pk]
    assert listed[0]["years"][0] == {"year": 2025, "granted_amount": "650000.00"}
    assert "notes" not in listed[0]


def test_record_decision_and_bad_input(world, as_api):
    application = make_application(world, status="beredning")
    url = f"/applications/{application.pk}/decision"
    assert as_api("styrgrupp").post(url, BODY).status_code == 404
    missing = as_api("admin").post(url, {k: v for k, v in BODY.items() if k != "decided_on"})
    assert missing.status_code == 422
    negative = as_api("admin").post(
        url,
        {
            **BODY,
            "years": [
                {"year": 2025, "granted_amount": "-1"},
                {"year": 2026, "granted_amount": "1"},
            ],
        },
    )
    assert negative.status_code == 422
    assert any(e["field"] == "year_2025" for e in negative.json()["errors"])
    conditions = as_api("admin").post(url, {**BODY, "outcome": "beviljad_villkor"})
    assert conditions.status_code == 422
    assert Decision.objects.count() == 0
    created = as_api("admin").post(url, BODY)
    assert created.status_code == 201 and created.json()["intervention_id"] is not None
    assert as_api("admin").post(url, BODY).status_code == 409


def test_deviation_reports(world, as_api):
    body = {
        "intervention_id": world.intervention.pk,
        "title": "Färre deltagare",
        "description": "Intaget går långsamt.",
    }
    assert as_api("coach").post("/applications/deviations", body).status_code == 404
    assert (
        as_api("insatsansvarig").post("/applications/deviations", {**body, "title": ""}).status_code
        == 422
    )
    created = as_api("insatsansvarig").post("/applications/deviations", body)
    assert created.status_code == 201
    report_id = created.json()["id"]
    assert [r["id"] for r in as_api("admin").get("/applications/deviations").json()] == [report_id]
    assert as_api("styrgrupp").get("/applications/deviations").status_code == 404
    respond = f"/applications/deviations/{report_id}/response"
    answer = {"version": 1, "status": "kvitterad", "response": "Noterat."}
    assert as_api("insatsansvarig").post(respond, answer).status_code == 404
    assert as_api("admin").post(respond, answer).status_code == 200
    assert as_api("admin").post(respond, answer).status_code == 409  # stale version
    assert DeviationReport.objects.get().status == "kvitterad"
