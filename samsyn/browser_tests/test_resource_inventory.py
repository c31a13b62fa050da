"""The resource inventory in the browser: the demo coach opens an ongoing participant's
inventory in the demo resursinventering intervention (starting it if the demo has not),
adds a professional assessment and records the team's recommendation; axe-core finds no
WCAG 2.1 AA violation on any page on the way."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

INTERVENTION = "Förmåga i fokus – resursinventering i Exempeldalen"


def _an_ongoing_registration(visit: Visit) -> int:
    """An ongoing registration of the demo intervention, found through the caseload."""
    visit.follow(INTERVENTION)
    match = re.search(r"/insatser/(\d+)/", visit.path())
    assert match, visit.path()
    visit.goto(reverse("participants:caseload") + f"?intervention={match.group(1)}")
    detail = reverse("participants:registration_detail", args=[0]).replace("0/", "")
    hrefs = (
        visit.main()
        .locator(f"a[href^='{detail}']")
        .evaluate_all("links => links.map(link => link.getAttribute('href'))")
    )
    ids = [int(m.group(1)) for h in hrefs if (m := re.match(re.escape(detail) + r"(\d+)/$", h))]
    assert ids, visit.server.log_tail()
    return ids[0]


def test_coach_assesses_and_recommends(visit: Visit) -> None:
    spec = next(spec for spec in DEMO_USERS if spec.username == "coach")
    visit.login(spec.username, spec.password)
    pk = _an_ongoing_registration(visit)
    today = timezone.localdate().isoformat()
    visit.goto(reverse("assessments:inventory", args=[pk]))
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Resursinventering")
    visit.check()
    start = visit.main().get_by_role("link", name="Påbörja resursinventering")
    if start.count():
        start.click()
        visit.check()
        visit.page.get_by_label("Påbörjad").fill(today)
        visit.submit("Spara")
    visit.follow("Lägg till professionsbedömning")
    visit.check()
    visit.page.get_by_label("Profession").select_option("psykolog")
    visit.page.get_by_label("Bedömare").fill("Psykolog i teamet")
    visit.page.get_by_label("Datum").fill(today)
    visit.page.get_by_label("Bedömning").fill("Behöver struktur och korta pass.")
    visit.submit("Spara")
    expect(visit.main().get_by_text("Behöver struktur och korta pass.")).to_be_visible()
    visit.check()
    visit.follow(re.compile("Registrera rekommendation|Ändra rekommendationen"))
    visit.check()
    visit.page.get_by_label("Aktivitet/sysselsättning för att stabilisera förmågan").check()
    visit.page.get_by_label("Beslutad").fill(today)
    visit.page.get_by_label("Motivering").fill("Förmågan behöver stabiliseras först.")
    visit.submit("Spara")
    expect(visit.main().get_by_text("Förmågan behöver stabiliseras först.")).to_be_visible()
    visit.check()
