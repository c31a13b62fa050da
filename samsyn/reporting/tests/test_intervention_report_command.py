"""The intervention_report management command: JSON and document output, errors and the
audit event."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import openpyxl
import pypdf
import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.participants.selectors.metrics import REGISTRATION_METRIC_DEFINITIONS
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory

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
    # The testinsatsen uses no resursinventering: no recommendation shares (docs/metrics.md).
    assert list(data["metrics"]) == [metric.id for metric in REGISTRATION_METRIC_DEFINITIONS]
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


def test_unknown_format_is_refused(world: World) -> None:
    with pytest.raises(CommandError):
        run("testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "odt")


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "docx"])
def test_binary_formats_need_an_output(world: World, fmt: str) -> None:
    with pytest.raises(CommandError, match="kräver --output"):
        run("testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31", "--format", fmt)
    assert not AuditEvent.objects.filter(action="export").exists()


def test_xlsx_with_exact_figures(world: World, registrations: None, tmp_path: Path) -> None:
    target = tmp_path / "rapport.xlsx"
    out = run(
        "testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31",
        "--format", "xlsx", "--output", str(target),
    )  # fmt: skip
    assert out == ""
    sheet = openpyxl.load_workbook(target)["Nyckeltal"]
    active = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Aktiva")
    assert active[1:4] == (2, 1, 3)
    event = AuditEvent.objects.get(action="export")
    assert event.detail == "intervention_report xlsx 2026-01-01–2026-03-31"


def test_for_styrgrupp_hides_small_numbers(world: World, registrations: None) -> None:
    data = json.loads(
        run("testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31", "--for-styrgrupp")
    )
    assert list(data) == ["intervention", "from", "to", "metrics"]
    assert data["metrics"]["active"] == {"kvinna": "< 5", "man": "< 5", "total": "< 5"}
    assert "styrgrupp" in AuditEvent.objects.get(action="export").detail


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")])
def test_binary_formats_to_a_file_or_stdout(
    world: World, registrations: None, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    target = tmp_path / f"rapport.{fmt}"
    args = ("testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31", "--format", fmt)
    run(*args, "--output", str(target), "--for-styrgrupp")
    assert target.read_bytes().startswith(magic)
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8")
    call_command("intervention_report", *args, "--output", "-", stdout=stdout)
    assert raw.getvalue().startswith(magic)
    assert AuditEvent.objects.filter(action="export").count() == 2


def test_pdf_holds_the_figures(world: World, registrations: None, tmp_path: Path) -> None:
    target = tmp_path / "rapport.pdf"
    run(
        "testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31",
        "--format", "pdf", "--output", str(target),
    )  # fmt: skip
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "Testinsatsen" in text and "2026-01-01–2026-03-31" in text
    assert "Aktiva" in text and "2 1 3" in text


def test_unwritable_output_is_a_swedish_error(world: World, tmp_path: Path) -> None:
    target = tmp_path / "saknas" / "rapport.xlsx"
    with pytest.raises(CommandError, match="kan inte skrivas"):
        run(
            "testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31",
            "--format", "xlsx", "--output", str(target),
        )  # fmt: skip


def test_exits_non_zero_from_the_command_line(world: World) -> None:
    utility = ManagementUtility(
        ["manage.py", "intervention_report", "saknas", "--from", "2026-01-01", "--to", "2026-03-31"]
    )
    with pytest.raises(SystemExit) as exit_info:
        utility.execute()
    assert exit_info.value.code != 0
