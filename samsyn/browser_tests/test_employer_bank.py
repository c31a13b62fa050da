"""The employer bank in the browser: the demo IPS coach opens the bank, adds an employer,
logs a face-to-face contact and opens the job-development page; axe-core finds no WCAG 2.1
AA violation on any of the pages. Independent of the demo employer bank (it adds its own)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

NAME = "Webbtestets Bageri AB"
ORGNR = "559900-9007"  # a valid check digit; invented (not one of the demo bank)


def _login(visit: Visit, username: str) -> None:
    spec = next(spec for spec in DEMO_USERS if spec.username == username)
    visit.login(spec.username, spec.password)


def test_coach_adds_employer_and_logs_contact(visit: Visit) -> None:
    _login(visit, "coach")
    visit.goto(reverse("ips:employer_list"))
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Företagsbanken")
    visit.check()

    visit.follow("Lägg till arbetsgivare")
    main = visit.main()
    main.get_by_label("Namn").fill(NAME)
    main.get_by_label("Organisationsnummer").fill(ORGNR)
    main.get_by_label("Bransch (SNI 2007)").select_option(value="C")
    main.get_by_label("Kommun").select_option(value="1780")
    visit.check()
    visit.submit("Spara")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text(NAME)
    visit.check()

    visit.follow("Registrera kontakt")
    main = visit.main()
    main.get_by_label("Syfte").fill("Presentera IPS")
    visit.submit("Spara")
    expect(visit.main()).to_contain_text("Presentera IPS")
    visit.check()

    visit.goto(reverse("ips:job_development"))
    expect(visit.main()).to_contain_text("Personliga möten per coach och vecka")
    visit.check()

    visit.goto(reverse("ips:employer_list") + "?q=Webbtestets&bransch=ZZ")
    expect(visit.main()).to_contain_text(NAME)
    visit.check()
