"""The insatsansvarig writes a period report: the list (with the demo's fastställda reports
and what is late), a new draft, a narrative section, fastställ with its confirmation step
(and a reason when the period has not ended), a stale save showing both versions, and the
frozen report; axe on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS
from samsyn.core.roles import Role

pytestmark = pytest.mark.browser

INSATSANSVARIG = next(spec for spec in DEMO_USERS if spec.role == Role.INSATSANSVARIG)
IPS_NAME = "Hållbar väg till arbete – IPS i Exempeldalen"
FIRST_QUARTER = "Rapport 1 2025-01-01–2025-03-31"


def open_report_list(visit: Visit) -> None:
    """From the start page to the intervention, then to its period reports."""
    visit.follow(IPS_NAME)
    match = re.fullmatch(r"/insatser/(\d+)/", visit.path())
    assert match, visit.path()
    visit.goto(f"/rapporter/insats/{match.group(1)}/rapporter/")


def test_insatsansvarig_writes_and_approves_a_report(visit: Visit) -> None:
    page = visit.page
    main = visit.main()
    visit.login(INSATSANSVARIG.username, INSATSANSVARIG.password)

    open_report_list(visit)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Periodrapporter: {IPS_NAME}")
    expect(main.get_by_role("heading", level=2, name="Kvartalsrapporter")).to_be_visible()
    # The demo has fastställt the past quarters (issue #15, item 9); the list says what is
    # due and late.
    expect(main.get_by_role("row").filter(has_text=FIRST_QUARTER)).to_contain_text("Fastställd")
    expect(main).to_contain_text("senast 30 dagar efter periodens slut")
    expect(main.get_by_text("Försenad", exact=True).first).to_be_visible()
    visit.check()

    # The demo is relative to today: take the last quarter that has no report yet.
    row = (
        main.get_by_role("row")
        .filter(has_text="Ingen rapport ännu")
        .filter(has_text="Rapport ")
        .last
    )
    title = row.get_by_role("rowheader").inner_text().strip()
    with page.expect_navigation():
        row.get_by_role("button", name=re.compile("^Skapa utkast")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("status")).to_contain_text("Utkastet är skapat.")
    expect(main).to_contain_text("Utkast.")
    expect(main.get_by_role("heading", level=2, name="Nyckeltal")).to_be_visible()
    visit.check()

    main.get_by_label(re.compile("^Vad ser vi")).fill(
        "Fler deltagare än väntat började under kvartalet."
    )
    visit.submit("Spara texten")
    expect(page.get_by_role("status")).to_contain_text("Texten är sparad.")
    expect(main.get_by_label(re.compile("^Vad ser vi"))).to_have_value(
        "Fler deltagare än väntat började under kvartalet."
    )
    visit.check()

    # A stale save (the form as it was before someone else's save: an older version) shows
    # both versions and keeps the typed text; "Spara min version" then saves it.
    page.evaluate(
        "() => { const v = document.querySelector('input[name=version]');"
        " v.value = String(Number(v.value) - 1); }"
    )
    main.get_by_label(re.compile("^Fokus")).fill("Samverkan med Arbetsförmedlingen.")
    visit.submit("Spara texten")
    alert = main.get_by_role("alert")
    expect(alert.get_by_role("heading", name="Någon annan har sparat under tiden")).to_be_visible()
    expect(alert).to_contain_text("Samverkan med Arbetsförmedlingen.")
    expect(main.get_by_label(re.compile("^Fokus"))).to_have_value(
        "Samverkan med Arbetsförmedlingen."
    )
    visit.check()
    visit.submit("Spara min version")
    expect(page.get_by_role("status")).to_contain_text("Texten är sparad.")
    expect(main.get_by_label(re.compile("^Fokus"))).to_have_value(
        "Samverkan med Arbetsförmedlingen."
    )

    visit.follow("Fastställ rapporten")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Fastställ {title}")
    expect(main).to_contain_text("Efter fastställandet kan rapporten inte ändras.")
    visit.check()
    reason = main.get_by_label("Skäl att fastställa före periodens slut")
    early = reason.count() > 0
    if early:  # the quarter has not ended: refused without a reason, then given one
        visit.submit("Ja, fastställ rapporten före periodens slut")
        expect(main).to_contain_text("Rapporten kan fastställas först efter periodens slut")
        main.get_by_label("Skäl att fastställa före periodens slut").fill("Styrgruppen möts.")
        visit.submit("Ja, fastställ rapporten före periodens slut")
    else:
        visit.submit("Ja, fastställ rapporten")
    expect(page.get_by_role("status")).to_contain_text("Rapporten är fastställd.")
    expect(main).to_contain_text(f"av {INSATSANSVARIG.first_name} {INSATSANSVARIG.last_name}")
    expect(main).to_contain_text("Fler deltagare än väntat började under kvartalet.")
    if early:
        expect(main).to_contain_text("Skäl: Styrgruppen möts.")
    expect(main.get_by_label(re.compile("^Vad ser vi"))).to_have_count(0)
    expect(main.get_by_role("link", name="Fastställ rapporten")).to_have_count(0)
    visit.check()

    visit.follow("Tillbaka till periodrapporterna")
    row = main.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("Fastställd")
    visit.check()
