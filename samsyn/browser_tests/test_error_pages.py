"""The own 404 page in the demo (DEBUG on, like ``make run``) and the demo banner inside a
landmark (issue #15, item 14): axe finds no WCAG 2.1 AA violation and no content outside the
page's landmarks (axe's "region" rule, a best practice the WCAG run does not include)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

# The landmark rules on top of the WCAG run of ``Visit.check``.
LANDMARK_RULES = {
    "runOnly": {
        "type": "rule",
        "values": [
            "region",
            "landmark-one-main",
            "landmark-banner-is-top-level",
            "landmark-no-duplicate-banner",
            "page-has-heading-one",
        ],
    },
    "resultTypes": ["violations"],
}


def _check_landmarks(visit: Visit) -> None:
    results = visit.axe.run(visit.page, options=LANDMARK_RULES)
    assert results.violations_count == 0, results.generate_report()


def test_demo_404_is_samsyns_own_page_in_swedish_with_no_debug_output(visit: Visit) -> None:
    response = visit.goto("/finns-inte/alls/", expect_status=404)

    assert "text/html" in response.headers["content-type"]
    expect(visit.page.locator("html")).to_have_attribute("lang", "sv")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    body = visit.page.content()
    assert "DEBUG" not in body
    assert "URLconf" not in body
    banner = visit.page.get_by_role("banner")
    expect(banner.get_by_role("note")).to_contain_text("Demoläge")
    # A 404 document is expected here; Visit counts only 5xx documents as problems.
    visit.check()
    _check_landmarks(visit)


def test_start_page_with_demo_banner_has_everything_in_landmarks(visit: Visit) -> None:
    spec = DEMO_USERS[0]
    visit.login(spec.username, spec.password)

    assert visit.path() == reverse("core:start")
    expect(visit.page.get_by_role("banner").get_by_role("note")).to_contain_text("Demoläge")
    visit.check()
    _check_landmarks(visit)
