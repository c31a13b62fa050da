"""A team's meeting in the browser (issue #14, item 8): planning a meeting, taking
attendance, discussing a case under its code, recording an action and approving the minutes;
axe-core finds no WCAG 2.1 AA violation on any page on the way.

The case part runs on the demo's Trisam team as the demo handläggare (who holds a seat):
the team's cases, a case under its code, the meeting's cases, raising a new case without a
name and writing its notes.

The whole walk (plan, attendance, a case, an action, the minutes) runs as the demo's
coordinator of the Trisam team.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

TEAM = "Trisam-team Exempeldalen"
CODE = re.compile(r"Ä-\d{3}")


def _login(visit: Visit, username: str) -> None:
    spec = next(spec for spec in DEMO_USERS if spec.username == username)
    visit.login(spec.username, spec.password)


def _discuss_a_new_case(visit: Visit) -> str:
    """On the meeting's case page: raise a case without a name, write its notes; returns
    the code it got."""
    visit.follow("Ta upp ärende")
    visit.check()
    visit.page.get_by_label("Kort beskrivning utan namn").fill("Kvinna 45 år, långtidssjukskriven")
    visit.submit("Ta upp ärendet")
    visit.check()
    heading = visit.page.get_by_role("heading", level=1).inner_text()
    match = CODE.search(heading)
    assert match, heading
    visit.page.get_by_label("Anteckningar").fill("AF bjuds in till nästa möte.")
    visit.submit("Spara anteckningarna")
    visit.check()
    expect(visit.main()).to_contain_text(match.group(0))
    expect(visit.main()).to_contain_text("AF bjuds in till nästa möte.")
    return match.group(0)


def test_member_discusses_a_case_under_its_code(visit: Visit) -> None:
    _login(visit, "handlaggare")
    visit.goto(reverse("collaboration:case_teams"))
    visit.check()
    visit.follow(TEAM)
    visit.check()
    expect(visit.page.get_by_role("heading", level=1)).to_have_text(f"Ärenden i {TEAM}")
    # The demo's anonymous case is listed by its code, never a name.
    visit.follow("Ä-001")
    visit.check()
    expect(visit.main()).to_contain_text("Diskussioner över tid")
    expect(visit.main()).to_contain_text("Anvisa till")
    # The latest meeting the case was discussed at: its cases, then a new one.
    visit.main().get_by_role("heading", level=3).get_by_role("link").last.click()
    visit.page.wait_for_load_state("load")
    visit.check()
    _discuss_a_new_case(visit)


def test_whole_meeting_walk(visit: Visit) -> None:
    """The demo's coordinator of the Trisam team (the handläggare, core/demo_teams.py) plans
    a meeting today, takes attendance, discusses a case under its code, records an action
    and approves the minutes; the approved meeting shows the case's code."""
    _login(visit, "handlaggare")
    visit.goto(reverse("collaboration:team_list"))
    visit.check()
    visit.follow(TEAM)
    visit.check()
    visit.follow("Planera ett möte")
    visit.check()
    visit.page.get_by_label(re.compile(r"^Datum( \(obligatoriskt\))?$")).fill(
        timezone.localdate().isoformat()
    )
    visit.page.get_by_label("Plats", exact=True).fill("Förbundets kansli")
    visit.submit("Spara")
    visit.check()
    meeting_path = visit.path()
    visit.follow("Ta närvaro")
    visit.check()
    for box in visit.main().get_by_role("checkbox").all():
        box.check()
    visit.submit("Spara närvaron")
    visit.check()
    expect(visit.main()).to_contain_text("Närvarande")
    code = _discuss_a_new_case(visit)
    visit.goto(meeting_path)
    expect(visit.main().get_by_role("region", name="Ärenden", exact=True)).to_contain_text(code)
    visit.page.get_by_label(re.compile(r"^Åtgärd( \(obligatoriskt\))?$")).fill(
        f"Kontakta AF om {code}"
    )
    visit.page.get_by_label(re.compile(r"^Ansvarig part( \(obligatoriskt\))?$")).select_option(
        label="Arbetsförmedlingen"
    )
    visit.page.get_by_label(re.compile(r"^Klart senast( \(obligatoriskt\))?$")).fill("2027-01-15")
    visit.submit("Lägg till åtgärd")
    visit.check()
    expect(visit.main()).to_contain_text(f"Kontakta AF om {code}")
    visit.page.get_by_role("textbox", name="Protokoll", exact=True).fill(f"{code} diskuterades.")
    visit.submit("Spara utkast")
    visit.check()
    visit.submit("Justera protokollet")
    visit.check()
    expect(visit.main()).to_contain_text("Protokollet justerades")
    expect(visit.main()).to_contain_text(code)
