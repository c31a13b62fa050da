"""Pages open without logging in: log-in (also with an error) and the accessibility statement."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit

pytestmark = pytest.mark.browser


def test_login_page_is_accessible_and_served_with_strict_headers(visit: Visit) -> None:
    response = visit.goto(reverse("core:login"))

    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    expect(visit.page.locator("html")).to_have_attribute("lang", "sv")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Logga in i Samsyn")
    expect(visit.page.get_by_role("note")).to_contain_text("Demoläge")
    visit.check()


def test_a_wrong_password_shows_an_accessible_error(visit: Visit) -> None:
    visit.goto(reverse("core:login"))
    visit.page.get_by_label("Användarnamn").fill("styrgrupp")
    visit.page.get_by_label("Lösenord").fill("inte-det-riktiga-lösenordet")

    with visit.page.expect_navigation():
        visit.page.get_by_role("main").get_by_role("button", name="Logga in").click()

    assert visit.path().startswith(reverse("core:login"))
    summary = visit.page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    visit.check()


def test_skip_link_moves_focus_to_the_main_content(visit: Visit) -> None:
    # Not the log-in page: its user-name field takes focus on load.
    visit.goto(reverse("core:accessibility"))

    visit.page.keyboard.press("Tab")
    skip = visit.page.get_by_role("link", name="Hoppa till huvudinnehållet")
    expect(skip).to_be_focused()
    visit.page.keyboard.press("Enter")

    expect(visit.page.locator("main")).to_be_focused()


def test_accessibility_statement_is_public_and_accessible(visit: Visit) -> None:
    visit.goto(reverse("core:login"))

    with visit.page.expect_navigation():
        visit.page.get_by_role("contentinfo").get_by_role(
            "link", name="Tillgänglighetsredogörelse"
        ).click()

    assert visit.path() == reverse("core:accessibility")
    expect(visit.page.get_by_role("heading", level=1)).to_contain_text("Tillgänglighetsredogörelse")
    visit.check()
