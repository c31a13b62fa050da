"""The intervention dashboard in the browser: the demo insatsansvarig and the demo styrgrupp
open it, change the period (a quick choice, custom dates and a reversed period) and axe-core
finds no WCAG 2.1 AA violation on any of the pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

INTERVENTION = "Steg för steg – stegförflyttning mot arbete och studier"


def _dashboard_path(visit: Visit) -> str:
    """The dashboard of the step-by-step intervention, found through the start page."""
    visit.follow(INTERVENTION)
    match = re.search(r"/insatser/(\d+)/", visit.path())
    assert match, visit.path()
    return reverse("reporting:dashboard", args=[int(match.group(1))])


def _open(visit: Visit, username: str) -> None:
    spec = next(spec for spec in DEMO_USERS if spec.username == username)
    visit.login(spec.username, spec.password)
    visit.goto(_dashboard_path(visit))
    expect(visit.page.get_by_role("heading", level=1)).to_have_text(f"Översikt: {INTERVENTION}")
    # Issue #15: the four lead figures first, every other section closed until opened.
    expect(visit.page.get_by_role("heading", level=2, name="Det viktigaste")).to_be_visible()
    expect(visit.page.locator(".lead-figure")).to_have_count(4)
    for heading in ("Mål och resultat", "Nyckeltal", "Fördelningar", "Uppföljningar", "Ekonomi"):
        expect(visit.page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    chart = visit.page.get_by_role("img", name="Aktiva deltagare per månad")
    expect(chart).to_be_hidden()
    visit.page.locator("#section-over-time > summary").click()
    expect(chart).to_be_visible()
    visit.check()


def _change_period(visit: Visit, *, free: bool = True) -> None:
    main = visit.main()
    picker = main.get_by_role("form", name="Välj rapportperiod")
    # Årsrapport 2025: the intervention started on 2025-03-01.
    picker.get_by_label("Rapportperiod").select_option(value="2025-03-01_2025-12-31")
    visit.submit("Visa period", within=picker)
    expect(main).to_contain_text("Siffrorna gäller perioden 2025-03-01–2025-12-31.")
    visit.check()

    if not free:
        # Small numbers are hidden: report periods only, no date fields (issue #11, item 4).
        expect(main.get_by_role("form", name="Välj egna datum")).to_have_count(0)
        visit.goto(visit.path().split("?")[0] + "?fran=2025-06-01&till=2025-08-31")
        expect(main.get_by_role("alert")).to_contain_text(
            "kan bara välja någon av rapportperioderna"
        )
        visit.check()
        return

    dates = main.get_by_role("form", name="Välj egna datum")
    dates.get_by_label("Från").fill("2025-06-01")
    dates.get_by_label("Till").fill("2025-08-31")
    visit.submit("Visa datum", within=dates)
    expect(main).to_contain_text("Siffrorna gäller perioden 2025-06-01–2025-08-31.")
    visit.check()

    # A reversed period: a message, and the default period instead; no error page.
    visit.goto(visit.path().split("?")[0] + "?fran=2025-08-31&till=2025-06-01")
    expect(main.get_by_role("alert")).to_contain_text("ligger före startdatumet")
    visit.check()


def test_insatsansvarig_sees_the_dashboard_and_changes_the_period(visit: Visit) -> None:
    _open(visit, "insatsansvarig")
    expect(visit.main()).not_to_contain_text("Små antal är dolda")
    _change_period(visit)


def test_styrgrupp_sees_small_numbers_hidden(visit: Visit) -> None:
    _open(visit, "styrgrupp")
    expect(visit.page.get_by_role("heading", name="Små antal är dolda")).to_be_visible()
    _change_period(visit, free=False)
