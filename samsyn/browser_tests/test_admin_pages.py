"""The förbundsadministratör's pages: parties, teams and users, their forms and error states."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS
from samsyn.core.roles import Role

pytestmark = pytest.mark.browser

ADMIN = next(spec for spec in DEMO_USERS if spec.role == Role.FORBUNDSADMIN)
COACH = next(spec for spec in DEMO_USERS if spec.role == Role.COACH)


def _main(page: Page):
    return page.get_by_role("main")


def _submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        _main(page).get_by_role("button", name=name).click()


def _follow(page: Page, name: str) -> None:
    with page.expect_navigation():
        _main(page).get_by_role("link", name=name, exact=True).click()


def test_party_pages_and_a_refused_then_accepted_party(visit: Visit) -> None:
    page = visit.page
    visit.login(ADMIN.username, ADMIN.password)

    visit.nav("Parter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Parter")
    for name in ("Försäkringskassan", "Arbetsförmedlingen", "Älvby kommun", "Region Exempeldalen"):
        expect(page.get_by_role("rowheader", name=name)).to_be_visible()
    visit.check()

    _follow(page, "Lägg till part")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny part")
    visit.check()

    # A wrong check digit: refused with the precise message, announced and focused.
    page.get_by_label(re.compile("^Typ av part")).select_option(label="Kommun")
    page.get_by_label(re.compile("^Namn")).fill("Bergviks kommun")
    page.get_by_label(re.compile("^Organisationsnummer")).fill("212000-9938")
    page.get_by_label(re.compile("^Kommunkod")).fill("9904")
    _submit(page, "Skapa part")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Kontrollsiffran stämmer inte")
    expect(summary).to_be_focused()
    visit.check()

    page.get_by_label(re.compile("^Organisationsnummer")).fill("212000-9937")
    _submit(page, "Skapa part")
    expect(page.get_by_role("rowheader", name="Bergviks kommun")).to_be_visible()
    visit.check()

    _follow(page, "Försäkringskassan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Försäkringskassan")
    visit.check()


def test_team_pages(visit: Visit) -> None:
    page = visit.page
    visit.login(ADMIN.username, ADMIN.password)

    visit.nav("Team")
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    visit.check()

    _follow(page, "IPS-team Exempeldalen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("IPS-team Exempeldalen")
    expect(_main(page)).to_contain_text(f"{COACH.first_name} {COACH.last_name}")
    visit.check()

    visit.nav("Team")
    _follow(page, "Lägg till team")
    visit.check()
    _submit(page, "Skapa team")  # nothing filled in
    expect(page.get_by_role("alert")).to_be_visible()
    visit.check()


def test_user_pages(visit: Visit) -> None:
    page = visit.page
    visit.login(ADMIN.username, ADMIN.password)

    visit.nav("Användare")
    expect(page.get_by_role("heading", level=1)).to_have_text("Användare")
    visit.check()

    _follow(page, f"{COACH.first_name} {COACH.last_name}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(COACH.first_name)
    visit.check()

    visit.nav("Användare")
    _follow(page, "Skapa användare")
    visit.check()
    _submit(page, "Skapa användare")  # nothing filled in
    expect(page.get_by_role("alert")).to_be_visible()
    visit.check()
