"""A team's meeting in the browser (issue #14, item 8): planning a meeting, taking
attendance, discussing a case under its code, recording an action and approving the minutes;
axe-core finds no WCAG 2.1 AA violation on any page on the way.

The case part runs on the demo's Trisam team as the demo handläggare (who holds a seat):
the team's cases, a case under its code, the meeting's cases, raising a new case without a
name and writing its notes.

The meeting part (plan, attendance, action, minutes) uses the pages of the meetings branch.
Its URL names below are guessed from ISSUE14.md; the test is skipped until they exist.
MERGER: when the meetings pages are merged, check the names and labels in
``test_whole_meeting_walk`` and remove the skip condition.
"""

from __future__ import annotations

import re

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

TEAM = "Trisam-team Exempeldalen"
CODE = re.compile(r"Ä-\d{3}")
MEETING_URL_NAMES = (
    "collaboration:meeting_create",
    "collaboration:meeting_detail",
    "collaboration:attendance",
    "collaboration:action_create",
    "collaboration:minutes_approve",
)


def _pages_exist(*names: str) -> bool:
    for name in names:
        try:
            reverse(name, args=[1])
        except NoReverseMatch:
            try:
                reverse(name)
            except NoReverseMatch:
                return False
    return True


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


@pytest.mark.skipif(
    not _pages_exist(*MEETING_URL_NAMES),
    reason="the meetings pages (meetings branch) are not merged yet",
)
def test_whole_meeting_walk(visit: Visit) -> None:  # pragma: no cover - until the merge
    """The coordinator plans a meeting, takes attendance, discusses a case under its code,
    records an action and approves the minutes. The handläggare coordinates the demo's
    Trisam team only if the meetings demo makes that seat the coordinator's: MERGER, adjust
    the user to the demo's coordinator of the team."""
    _login(visit, "handlaggare")
    visit.goto(reverse("collaboration:meeting_create"))
    visit.check()
    visit.page.get_by_label("Team").select_option(label=TEAM)
    visit.page.get_by_label("Datum").fill("2026-12-14")
    visit.page.get_by_label("Plats").fill("Förbundets kansli")
    visit.submit("Spara")
    visit.check()
    visit.follow("Närvaro")
    visit.check()
    for box in visit.main().get_by_role("checkbox").all():
        box.check()
    visit.submit("Spara")
    visit.check()
    visit.follow("Ta upp ärende")
    visit.page.go_back()
    visit.page.wait_for_load_state("load")
    code = _discuss_a_new_case(visit)
    visit.page.go_back()
    visit.follow("Ny åtgärd")
    visit.check()
    visit.page.get_by_label("Åtgärd").fill(f"Kontakta AF om {code}")
    visit.page.get_by_label("Klart senast").fill("2027-01-15")
    visit.submit("Spara")
    visit.check()
    visit.follow("Justera protokollet")
    visit.check()
    visit.submit("Justera")
    visit.check()
    expect(visit.main()).to_contain_text(code)
