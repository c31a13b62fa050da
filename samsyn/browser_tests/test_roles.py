"""Every demo user logs in through the form and walks the pages every role has."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS, FORBUND_NAME, DemoUserSpec
from samsyn.core.roles import Role

pytestmark = pytest.mark.browser

# Main-menu entries that only some roles have.
ROLE_MENU = {
    Role.FORBUNDSADMIN: {"Parter", "Team", "Användare"},
    Role.GRANSKARE: {"Logggranskning"},
}
ALL_ROLE_MENU = set().union(*ROLE_MENU.values())


@pytest.mark.parametrize("spec", DEMO_USERS, ids=lambda spec: spec.username)
def test_demo_user_walks_start_and_account_pages(visit: Visit, spec: DemoUserSpec) -> None:
    page = visit.page
    visit.login(spec.username, spec.password)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Välkommen, {spec.first_name} {spec.last_name}"
    )
    expect(page.get_by_role("heading", level=2, name=FORBUND_NAME)).to_be_visible()
    menu = page.get_by_role("navigation", name="Huvudmeny")
    for name in sorted(ALL_ROLE_MENU):
        link = menu.get_by_role("link", name=name, exact=True)
        expect(link).to_have_count(1 if name in ROLE_MENU.get(spec.role, set()) else 0)
    visit.check()

    visit.nav("Mitt konto")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt konto")
    expect(page.get_by_role("main")).to_contain_text(str(spec.role.label))
    visit.check()

    visit.logout()
    visit.check()
    # Logged out for real: the start page sends us back to log in.
    visit.goto(reverse("core:start"))
    assert visit.path().startswith(reverse("core:login"))


def test_language_switch_to_english_and_back(visit: Visit) -> None:
    page = visit.page
    spec = next(spec for spec in DEMO_USERS if spec.role == Role.COACH)
    visit.login(spec.username, spec.password)

    with page.expect_navigation():
        page.get_by_role("button", name="English").click()

    assert visit.path() == reverse("core:start")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visit.check()

    visit.goto(reverse("core:account"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visit.check()

    with page.expect_navigation():
        page.get_by_role("button", name="Svenska").click()

    assert visit.path() == reverse("core:account")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt konto")
    expect(page.get_by_role("button", name="English")).to_have_attribute("lang", "en")
    visit.check()


def test_password_change_form_and_its_errors_are_accessible(visit: Visit) -> None:
    page = visit.page
    spec = next(spec for spec in DEMO_USERS if spec.role == Role.STYRGRUPP)
    visit.login(spec.username, spec.password)
    visit.goto(reverse("core:account"))

    with page.expect_navigation():
        page.get_by_role("link", name="Byt lösenord").click()
    visit.check()

    # A wrong old password and a too short new one: refused, with the errors announced.
    page.get_by_label(re.compile("^Gammalt lösenord")).fill("fel-lösenord")
    page.get_by_label(re.compile("^Nytt lösenord")).fill("kort")
    page.get_by_label(re.compile("^Bekräfta nytt lösenord")).fill("kort")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="Byt lösenord").click()

    assert visit.path() == reverse("core:password_change")
    expect(page.get_by_role("alert")).to_be_visible()
    visit.check()
