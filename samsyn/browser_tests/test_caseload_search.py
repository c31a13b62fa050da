"""The caseload's search in the browser: the demo coach finds a participant by part of their
name from the top bar, and follows an "Att göra" count to the filtered list; axe-core finds no
WCAG 2.1 AA violation on the pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser


def test_coach_searches_from_the_top_bar_and_follows_a_count(visit: Visit) -> None:
    spec = next(spec for spec in DEMO_USERS if spec.username == "coach")
    visit.login(spec.username, spec.password)
    visit.goto(reverse("participants:caseload"))
    first_row = visit.main().locator("tbody th[scope='row'] a").first
    name = first_row.inner_text()
    # Part of the first name, in lower case: the search is a case-insensitive substring.
    part = name.split()[0][1:].lower()

    search = visit.page.get_by_role("search")
    search.get_by_label("Sök deltagare").fill(part)
    with visit.page.expect_navigation():
        search.get_by_role("button", name="Sök").click()
    expect(visit.main().get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(visit.main().get_by_text("Aktiva filter")).to_be_visible()
    visit.check()

    visit.goto(reverse("core:start"))
    visit.follow(re.compile(r"^\d+ försenade? uppföljning(ar)?$"))
    assert visit.path().endswith("?filter=forsenade-uppfoljningar"), visit.path()
    expect(visit.main().get_by_label("Visa")).to_have_value("forsenade-uppfoljningar")
    visit.check()
