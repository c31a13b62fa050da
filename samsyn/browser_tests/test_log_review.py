"""The granskare's log review: the event list, a filter, a stickprov and its documentation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS
from samsyn.core.roles import Role

pytestmark = pytest.mark.browser

GRANSKARE = next(spec for spec in DEMO_USERS if spec.role == Role.GRANSKARE)


def test_granskare_filters_the_log_and_documents_a_stickprov(visit: Visit) -> None:
    page = visit.page
    main = page.get_by_role("main")
    visit.login(GRANSKARE.username, GRANSKARE.password)

    visit.nav("Logggranskning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logggranskning")
    # seed_demo and every log-in so far left events behind.
    expect(main.get_by_role("table")).to_be_visible()
    visit.check()

    main.get_by_label(re.compile("^Händelse")).select_option(label="Inloggning")
    with page.expect_navigation():
        main.get_by_role("button", name="Filtrera").click()
    expect(main.get_by_role("cell", name="Inloggning").first).to_be_visible()
    visit.check()

    # Dates the wrong way round are refused with an accessible error.
    main.get_by_label(re.compile("^Från och med datum")).fill("2026-03-01")
    main.get_by_label(re.compile("^Till och med datum")).fill("2026-01-01")
    with page.expect_navigation():
        main.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_role("alert")).to_contain_text("Slutdatumet kan inte vara före startdatumet")
    visit.check()

    main.get_by_label(re.compile("^Från och med datum")).fill("")
    main.get_by_label(re.compile("^Till och med datum")).fill("")
    with page.expect_navigation():
        main.get_by_role("button", name="Filtrera").click()
    main.get_by_label(re.compile("^Antal händelser i stickprovet")).fill("3")
    with page.expect_navigation():
        main.get_by_role("button", name="Dra stickprov").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Logggranskning 20")
    expect(page.get_by_role("status")).to_contain_text("Stickprovet är draget")
    visit.check()

    main.get_by_label(re.compile("^Iakttagelser")).fill(
        "Varje inloggning hade ett verksamhetsbehov."
    )
    main.get_by_role("radio", name="Nej").check()
    main.get_by_label("Granskning genomförd").check()
    with page.expect_navigation():
        main.get_by_role("button", name="Spara").click()
    expect(main).to_contain_text("Varje inloggning hade ett verksamhetsbehov.")
    visit.check()

    with page.expect_navigation():
        page.get_by_role("navigation", name="Logggranskning").get_by_role(
            "link", name="Genomförda och pågående granskningar"
        ).click()
    expect(main.get_by_role("table")).to_contain_text("Genomförd")
    visit.check()
