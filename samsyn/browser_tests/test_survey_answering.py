"""A survey answered by link on a phone: the förbundsadministratör makes a survey and its
one-time links, a respondent answers on a 390×844 screen without logging in, in Swedish and
English (axe finds nothing on the answering page in either), the answer reaches the
survey's count and the link cannot be used again."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser, ViewportSize, expect

from samsyn.browser_tests.conftest import PAGE_TIMEOUT_MS, DemoServer, Visit
from samsyn.core.demo_data import DEMO_USERS
from samsyn.core.roles import Role

pytestmark = pytest.mark.browser
EXAMPLE = "Samsyns exempelinstrument (version 1)"
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser, demo_server: DemoServer, axe: Axe) -> Iterator[Visit]:
    """A fresh phone-sized browser with no log-in: the respondent."""
    context = browser.new_context(
        base_url=demo_server.base_url, locale="sv-SE", viewport=PHONE, is_mobile=True
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    visitor = Visit(page=context.new_page(), server=demo_server, axe=axe)
    visitor.watch()
    try:
        yield visitor
    finally:
        context.close()


def _make_survey_with_links(visit: Visit) -> tuple[str, list[str]]:
    admin = next(spec for spec in DEMO_USERS if spec.role == Role.FORBUNDSADMIN)
    visit.login(admin.username, admin.password)
    visit.goto(reverse("surveys:survey_create"))
    page = visit.page
    page.get_by_label("Namn").fill("Avslutsenkät i webbläsartestet")
    page.locator("#id_instrument").select_option(label=EXAMPLE)
    page.locator("#id_respondent_group").select_option("deltagare_avslut")
    visit.main().locator("input[name=interventions]").first.check()
    page.get_by_label("Period från").fill("2026-01-01")
    page.get_by_label("Period till").fill("2026-12-31")
    page.get_by_label("Mål för antal svar").fill("30")
    visit.submit("Spara")
    detail = visit.path()
    visit.check()
    visit.submit("Öppna enkäten")
    visit.page.get_by_label("Antal länkar").fill("2")
    visit.submit("Skapa länkar")
    visit.check()
    links = visit.main().locator(".survey-link__url").all_inner_texts()
    assert len(links) == 2
    return detail, [link.removeprefix(visit.server.base_url) for link in links]


def _answer_everything(phone: Visit) -> None:
    """The most positive option of each question: the last one."""
    for fieldset in phone.main().locator("fieldset").all():
        fieldset.locator("label").last.click()
    phone.main().get_by_label(re.compile("Vad skulle kunna bli bättre")).fill("Inget.")


def test_a_survey_is_answered_by_link_on_a_phone(visit: Visit, phone: Visit) -> None:
    detail, (link, _spare) = _make_survey_with_links(visit)

    phone.goto(link)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text(
        "Avslutsenkät i webbläsartestet"
    )
    phone.check()
    phone.page.get_by_text("Lättläst: så här gör du").click()
    expect(phone.page.get_by_text("Du kan bara svara en gång.")).to_be_visible()

    # A missing answer is refused with an accessible error, nothing stored.
    phone.submit("Skicka svaren")
    expect(phone.page.get_by_role("alert")).to_contain_text("Svara på frågan.")
    phone.check()

    with phone.page.expect_navigation():
        phone.page.get_by_role("button", name="English").click()
    expect(phone.page.locator("html")).to_have_attribute("lang", "en")
    phone.check()
    _answer_everything(phone)
    phone.submit("Send your answers")
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    phone.check()

    phone.goto(link, expect_status=410)
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")
    phone.check()

    visit.goto(detail)
    expect(visit.main().locator("#svar-hittills")).to_contain_text("1 av målet 30")
