"""A fidelity review in the browser: the demo förbundsadministratör opens the IPS
intervention's reviews, creates a review, scores an item and sees it counted; axe-core finds
no WCAG 2.1 AA violation on any of the pages. Needs no seeded reviews (it makes its own)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

INTERVENTION = "Hållbar väg till arbete – IPS i Exempeldalen"


def test_create_and_score_a_review(visit: Visit) -> None:
    spec = next(spec for spec in DEMO_USERS if spec.username == "admin")
    visit.login(spec.username, spec.password)
    visit.follow(INTERVENTION)
    match = re.search(r"/insatser/(\d+)/", visit.path())
    assert match, visit.path()
    visit.goto(reverse("ips:fidelity_list", args=[int(match.group(1))]))
    visit.check()
    visit.follow("Ny mätning")
    visit.check()
    main = visit.main()
    main.get_by_label("Datum").fill("2026-03-02")
    main.get_by_label("Typ av mätning").select_option(value="intern")
    main.get_by_label("Granskare").fill("Anna Lindqvist, förbundschef")
    visit.submit("Spara")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text(
        "Programtrohetsmätning 2026-03-02"
    )
    expect(visit.main()).to_contain_text("0 av 25 bedömda")
    visit.check()
    visit.follow("Bedöm punkterna")
    visit.check()
    main = visit.main()
    main.get_by_label("Poäng för punkt 1", exact=True).select_option(value="4")
    main.get_by_role("group", name="Underlag för punkt 1", exact=True).get_by_label(
        "intervju"
    ).check()
    main.get_by_label("Kommentar till punkt 1", exact=True).fill("Tjugo deltagare per coach.")
    visit.submit("Spara poängen")
    expect(visit.main()).to_contain_text("1 av 25 bedömda")
    visit.check()
