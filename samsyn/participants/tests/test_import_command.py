"""python manage.py import_participants: exit status and output format."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samsyn.audit.models import AuditEvent
from samsyn.participants.models import Person, Registration
from samsyn.participants.tests.import_helpers import (
    anonymous_row,
    csv_bytes,
    ended_row,
    good_row,
)


def run_command(path: Path, slug: str, *extra: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_participants", str(path), "--intervention", slug, *extra, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, data: bytes, name: str = "fil.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_good_file_prints_the_count_and_exits_zero(world, tmp_path: Path) -> None:
    path = write(tmp_path, csv_bytes([good_row(), ended_row(), anonymous_row()]))
    out, err = run_command(path, "testinsatsen")
    assert err == ""
    assert out.strip().splitlines()[-1] == (
        "Importerade 3 inskrivningar (3 nya personer); 0 rader var redan importerade."
    )
    assert Registration.objects.count() == 3


def test_second_run_reports_rows_already_imported(world, tmp_path: Path) -> None:
    path = write(tmp_path, csv_bytes([good_row(), ended_row()]))
    run_command(path, "testinsatsen")
    out, _err = run_command(path, "testinsatsen")
    assert out.splitlines() == [
        "rad 2: redan importerad",
        "rad 3: redan importerad",
        "Importerade 0 inskrivningar (0 nya personer); 2 rader var redan importerade.",
    ]
    assert Registration.objects.count() == 2


def test_bad_rows_print_every_error_and_exit_non_zero(world, tmp_path: Path) -> None:
    rows = [
        good_row(),
        ended_row(slutdatum="2025-01-01"),
        anonymous_row(kon="", utfall="arbete"),
    ]
    path = write(tmp_path, csv_bytes(rows))
    with pytest.raises(CommandError) as caught:
        run_command(path, "testinsatsen")
    assert caught.value.returncode == 1
    assert str(caught.value) == "Inget importerades: 3 fel."
    assert nothing_stored()


def test_error_lines_have_the_agreed_format(world, tmp_path: Path) -> None:
    path = write(tmp_path, csv_bytes([good_row(), ended_row(slutdatum="2025-01-01")]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_participants",
            str(path),
            "--intervention",
            "testinsatsen",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert err.getvalue().splitlines() == ["rad 3: slutdatum: Slutdatum ligger före startdatum."]


def test_warnings_are_printed_and_do_not_stop(world, tmp_path: Path) -> None:
    path = write(tmp_path, csv_bytes([good_row(startdatum="2024-06-01")]))
    out, _err = run_command(path, "testinsatsen")
    assert "rad 2: varning: Startdatum ligger före insatsens start (2025-01-01)." in out
    assert Registration.objects.count() == 1


def test_a_file_that_is_not_csv_or_xlsx_exits_non_zero(world, tmp_path: Path) -> None:
    path = write(tmp_path, b"\x00\x01\x02\xff\xfe binary", "bild.csv")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_participants", str(path), "--intervention", "testinsatsen", stderr=err)
    assert "Filen kunde inte läsas" in err.getvalue()
    assert nothing_stored()


def test_a_wrong_header_is_reported_as_row_1(world, tmp_path: Path) -> None:
    data = csv_bytes([good_row()]).replace(b"fodelsear", b"fodelsedatum", 1)
    path = write(tmp_path, data)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_participants", str(path), "--intervention", "testinsatsen", stderr=err)
    assert err.getvalue().splitlines() == [
        "rad 1: fodelsedatum: Okänd kolumn.",
        "rad 1: fodelsear: Kolumnen saknas i rubrikraden.",
    ]


def test_unknown_intervention_or_missing_file(world, tmp_path: Path) -> None:
    path = write(tmp_path, csv_bytes([good_row()]))
    with pytest.raises(CommandError, match="ingen insats med kortnamnet finns-inte"):
        run_command(path, "finns-inte")
    with pytest.raises(CommandError, match="Filen kan inte läsas"):
        run_command(tmp_path / "saknas.csv", "testinsatsen")


def test_user_option_logs_the_import_on_that_user(world, tmp_path: Path) -> None:
    path = write(tmp_path, csv_bytes([good_row()]))
    run_command(path, "testinsatsen", "--user", "insatsansvarig")
    event = AuditEvent.objects.get(object_type="participants.Registration")
    assert event.actor == world["insatsansvarig"]


def test_user_without_the_right_role_is_refused(world, tmp_path: Path) -> None:
    path = write(tmp_path, csv_bytes([good_row()]))
    with pytest.raises(CommandError, match="får inte importera"):
        run_command(path, "testinsatsen", "--user", "coach")
    with pytest.raises(CommandError, match="ingen aktiv användare"):
        run_command(path, "testinsatsen", "--user", "vem")
    assert nothing_stored()


def nothing_stored() -> bool:
    return not (Person.objects.exists() or Registration.objects.exists())
