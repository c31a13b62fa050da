"""The insatsansvarig writes a period report: the list, a new draft, a narrative section,
fastställ with its confirmation step, and the frozen report; axe on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS
from samsyn.core.roles import Role

pytestmark = pytest.mark.browser

INSATSANSVARIG = next(spec for spec in DEMO_USERS if spec.role == Role.INSATSANSVARIG)
IPS_NAME = "Hållbar väg till arbete – IPS i Exempeldalen"
FIRST_QUARTER = "Rapport 1 2025-01-01–2025-03-31"


def open_report_list(visit: Visit) -> None:
    """From the start page to the intervention, then to its period reports."""
    visit.follow(IPS_NAME)
    match = re.fullmatch(r"/insatser/(\d+)/", visit.path())
    assert match, visit.path()
    visit.goto(f"/rapporter/insats/{match.group(1)}/rapporter/")


def test_insatsansvarig_writes_and_approves_a_report(visit: Visit) -> None:
    page = visit.page
    main = visit.main()
    visit.login(INSATSANSVARIG.username, INSATSANSVARIG.password)

    open_report_list(visit)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Periodrapporter: {IPS_NAME}")
    expect(main.get_by_role("heading", level=2, name="Kvartalsrapporter")).to_be_visible()
    row = main.get_by_role("row").filter(has_text=FIRST_QUARTER)
    expect(row).to_contain_text("Ingen rapport ännu")
    visit.check()

    with page.expect_navigation():
        row.get_by_role("button", name=re.compile("^Skapa utkast")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_QUARTER)
    expect(page.get_by_role("status")).to_contain_text("Utkastet är skapat.")
    expect(main).to_contain_text("Utkast.")
    expect(main.get_by_role("heading", level=2, name="Nyckeltal")).to_be_visible()
    visit.check()

    main.get_by_label(re.compile("^Vad ser vi")).fill(
        "Fler deltagare än väntat började under kvartalet."
    )
    visit.submit("Spara texten")
    expect(page.get_by_role("status")).to_contain_text("Texten är sparad.")
    expect(main.get_by_label(re.compile("^Vad ser vi"))).to_have_value(
        "Fler deltagare än väntat började under kvartalet."
    )
    visit.check()

    visit.follow("Fastställ rapporten")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Fastställ {FIRST_QUARTER}")
    visit.check()
    visit.submit("Ja, fastställ rapporten")
    expect(page.get_by_role("status")).to_contain_text("Rapporten är fastställd.")
    expect(main).to_contain_text(f"av {INSATSANSVARIG.first_name} {INSATSANSVARIG.last_name}")
    expect(main).to_contain_text("Fler deltagare än väntat började under kvartalet.")
    expect(main.get_by_label(re.compile("^Vad ser vi"))).to_have_count(0)
    expect(main.get_by_role("link", name="Fastställ rapporten")).to_have_count(0)
    visit.check()

    visit.follow("Tillbaka till periodrapporterna")
    row = main.get_by_role("row").filter(has_text=FIRST_QUARTER)
    expect(row).to_contain_text("Fastställd")
    visit.check()
