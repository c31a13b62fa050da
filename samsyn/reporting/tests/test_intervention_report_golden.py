"""The JSON of ``manage.py intervention_report`` is byte for byte what it was when the
report content became typed: a fixed scenario, printed exact and for the steering group,
against the files in ``golden/``. A change to this output is a change of the command's
interface and needs a deliberate update of the files."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from samsyn.conftest import World
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory

D = datetime.date
GOLDEN = Path(__file__).with_name("golden")


@pytest.fixture
def scenario(world: World) -> None:
    """Eleven registrations: started, ongoing and ended in and around the first quarter of
    2026, to work, to other outcomes and one felregistrering, women and men."""

    def reg(gender: str, start: datetime.date, end: datetime.date | None, **kw: object) -> None:
        person = PersonFactory(forbund=world.forbund, gender=gender)
        RegistrationFactory(
            intervention=world.intervention, person=person, start_date=start, end_date=end, **kw
        )

    for day in range(1, 6):
        reg("kvinna", D(2026, 1, day), None, occupation_before="ingen")
    reg("kvinna", D(2026, 1, 10), D(2026, 3, 20), exit_reason="fullfoljt", outcome="arbete")
    reg("kvinna", D(2025, 9, 1), D(2026, 2, 28), exit_reason="fullfoljt", outcome="studier")
    reg("man", D(2026, 2, 1), None)
    reg("man", D(2025, 6, 1), D(2026, 2, 1), exit_reason="avbrutit", outcome="ovrigt")
    reg("man", D(2026, 3, 1), D(2026, 3, 30), exit_reason="fullfoljt", outcome="arbete")
    reg("man", D(2026, 2, 1), D(2026, 2, 2), exit_reason="felregistrering")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("intervention_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("extra", "golden"),
    [
        ((), "intervention_report.json"),
        (("--for-styrgrupp",), "intervention_report_styrgrupp.json"),
    ],
)
def test_json_output_is_unchanged(scenario: None, extra: tuple[str, ...], golden: str) -> None:
    printed = run("testinsatsen", "--from", "2026-01-01", "--to", "2026-03-31", *extra)
    assert printed == (GOLDEN / golden).read_text(encoding="utf-8")
