"""The intervention_report management command: JSON output, errors and the audit event."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.reporting.metrics import METRICS

D = datetime.date


@pytest.fixture
def registrations(world: World) -> None:
    def reg(gender: str, start: datetime.date, end: datetime.date | None, **kw: object) -> None:
        person = PersonFactory(forbund=world.forbund, gender=gender)
        RegistrationFactory(
            intervention=world.intervention, person=person, start_date=start, end_date=end, **kw
        )

    reg("kvinna", D(2026, 1, 1), D(2026, 3, 31), exit_reason="fullfoljt", outcome="arbete")
    reg("kvinna", D(2026, 2, 1), None)
    reg("man", D(2025, 6, 1), D(2026, 2, 1), exit_reason="avbrutit", outcome="ovrigt")
    reg("man", D(2026, 2, 1), D(2026, 2, 2), exit_reason="felregistrering")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("intervention_report", *args, stdout=out)
    return out.getvalue()


def test_prints_the_json_of_the_issue(world: World, registrations: None) -> None:
    data = json.loads(
        run("testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "json")
    )
    assert list(data) == ["intervention", "from", "to", "metrics"]
    assert data["intervention"] == "testinsatsen"
    assert (data["from"], data["to"]) == ("2026-01-01", "2026-03-31")
    assert list(data["metrics"]) == [metric.id for metric in METRICS]
    metrics = data["metrics"]
    assert metrics["started"] == {"kvinna": 2, "man": 0, "total": 2}
    assert metrics["active"] == {"kvinna": 2, "man": 1, "total": 3}
    assert metrics["ended"] == {"kvinna": 1, "man": 1, "total": 2}
    assert metrics["share_work_or_studies"] == {"kvinna": 1.0, "man": 0.0, "total": 0.5}
    assert metrics["share_step_forward"] == {"kvinna": 0.0, "man": 0.0, "total": 0.0}
    assert metrics["share_followup_12m_reached"] == {"kvinna": None, "man": None, "total": None}
    assert metrics["median_days_in_intervention"] == {"kvinna": 89.0, "man": 245.0, "total": 167.0}
    assert isinstance(metrics["started"]["total"], int)
    event = AuditEvent.objects.get(action="export")
    assert event.intervention == world.intervention
    assert event.actor_username == "system:intervention_report"
    assert "2026-01-01" in event.detail and "2026-03-31" in event.detail


def test_writes_to_a_file(world: World, registrations: None, tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    out = run("testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31", "--output", str(target))
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["metrics"]["ended"]["total"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("saknas", "--from", "2026-01-01", "--to", "2026-03-31"), "ingen insats"),
        (("testinsatsen", "--from", "2026-02-30", "--to", "2026-03-31"), "inget giltigt datum"),
        (("testinsatsen", "--from", "1/1/2026", "--to", "2026-03-31"), "inget giltigt datum"),
        (("testinsatsen", "--from", "2026-04-01", "--to", "2026-03-31"), "före startdatumet"),
    ],
)
def test_bad_input_is_a_swedish_error(world: World, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not AuditEvent.objects.filter(action="export").exists()


def test_only_json_is_accepted(world: World) -> None:
    with pytest.raises(CommandError):
        run("testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "pdf")


def test_exits_non_zero_from_the_command_line(world: World) -> None:
    utility = ManagementUtility(
        ["manage.py", "intervention_report", "saknas", "--from", "2026-01-01", "--to", "2026-03-31"]
    )
    with pytest.raises(SystemExit) as exit_info:
        utility.execute()
    assert exit_info.value.code != 0
