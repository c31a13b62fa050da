"""Wide tables in the browser (issue #15, item 7).

On a phone (390 × 844) the caseload, a participant page and the dashboard do not overflow the
page sideways: a wide table scrolls inside its own region, which a keyboard can reach (axe's
"scrollable-region-focusable") and which is named by the table's caption. axe-core finds no
WCAG 2.1 AA violation. On a desktop (1280 wide) the förbund overview's people and money tables
and the intervention's monthly money table show, or let the keyboard scroll to, their last
column; the monthly table shows December and the sum.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser, Locator, expect

from samsyn.browser_tests.conftest import PAGE_TIMEOUT_MS, DemoServer, Visit
from samsyn.core.demo_data import DEMO_USERS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
INTERVENTION = "Steg för steg – stegförflyttning mot arbete och studier"

# Every scrollable table region on the page: its size, whether it is focusable and named.
REGIONS_JS = """() => [...document.querySelectorAll('.table-scroll')].map((region) => ({
    caption: (region.querySelector('caption') || {}).textContent || '',
    scrolls: region.scrollWidth > region.clientWidth,
    tabindex: region.getAttribute('tabindex'),
    role: region.getAttribute('role'),
    named: Boolean(region.getAttribute('aria-label') ||
        (region.getAttribute('aria-labelledby') &&
         document.getElementById(region.getAttribute('aria-labelledby')))),
}))"""


def _visit(browser: Browser, server: DemoServer, axe: Axe, viewport: Any) -> Iterator[Visit]:
    context = browser.new_context(base_url=server.base_url, locale="sv-SE", viewport=viewport)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    visitor = Visit(page=context.new_page(), server=server, axe=axe)
    visitor.watch()
    try:
        yield visitor
    finally:
        context.close()


@pytest.fixture
def phone(browser: Browser, demo_server: DemoServer, axe: Axe) -> Iterator[Visit]:
    yield from _visit(browser, demo_server, axe, PHONE)


@pytest.fixture
def desktop(browser: Browser, demo_server: DemoServer, axe: Axe) -> Iterator[Visit]:
    yield from _visit(browser, demo_server, axe, DESKTOP)


def _login(visit: Visit, username: str) -> None:
    spec = next(spec for spec in DEMO_USERS if spec.username == username)
    visit.login(spec.username, spec.password)


def _fits(visit: Visit) -> None:
    """No sideways scrolling of the page; every table region that scrolls can be focused."""
    page = visit.page
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.evaluate("() => window.innerWidth")
    assert width <= viewport, f"{visit.path()} is {width} px wide in a {viewport} px window"
    regions = page.evaluate(REGIONS_JS)
    assert regions, f"No table region on {visit.path()}"
    for region in regions:
        assert region["tabindex"] == "0", region
        assert region["role"] == "region" and region["named"], region
    visit.check()


def _dashboard_path(visit: Visit) -> str:
    visit.goto(reverse("core:start"))
    visit.follow(INTERVENTION)
    match = re.search(r"/insatser/(\d+)/", visit.path())
    assert match, visit.path()
    return reverse("reporting:dashboard", args=[int(match.group(1))])


def test_coach_pages_fit_a_phone(phone: Visit) -> None:
    _login(phone, "coach")
    phone.goto(reverse("participants:caseload"))
    caseload = phone.main().get_by_role("region", name=re.compile("Pågående deltagare"))
    expect(caseload).to_be_visible()
    _fits(phone)

    phone.follow(re.compile(r"\w"), within=caseload.locator("tbody th[scope='row']"))
    assert re.search(r"/deltagare/\d+/$", phone.path()), phone.path()
    _fits(phone)


def test_dashboard_fits_a_phone(phone: Visit) -> None:
    _login(phone, "insatsansvarig")
    phone.goto(_dashboard_path(phone))
    expect(phone.page.get_by_role("heading", level=1)).to_have_text(f"Översikt: {INTERVENTION}")
    _fits(phone)


def _last_column_reachable(region: Locator) -> None:
    """The last column header is in view, or comes into view when the region is scrolled
    with the keyboard (focus the region, press End... here: ArrowRight until it stops)."""
    header = region.locator("thead tr").last.locator("th").last
    region.focus()
    page = region.page
    for _ in range(200):
        if _inside(region, header):
            break
        before = region.evaluate("(el) => el.scrollLeft")
        page.keyboard.press("ArrowRight")
        if region.evaluate("(el) => el.scrollLeft") == before:
            break
    assert _inside(region, header), f"The last column '{header.inner_text()}' is out of reach"


def _inside(region: Locator, cell: Locator) -> bool:
    outer, inner = region.bounding_box(), cell.bounding_box()
    assert outer and inner
    left, right = inner["x"], inner["x"] + inner["width"]
    return bool(left >= outer["x"] - 1 and right <= outer["x"] + outer["width"] + 1)


def test_forbund_overview_and_monthly_money_on_a_desktop(desktop: Visit) -> None:
    _login(desktop, "admin")
    desktop.goto(reverse("reporting:forbund_overview"))
    main = desktop.main()
    people = main.get_by_role("region", name="Förbundets insatser i perioden")
    money = main.get_by_role("region", name="Förbundets medel och total projektkostnad per insats")
    expect(money).to_be_visible()
    for region in (people, money):
        _last_column_reachable(region)
    _fits(desktop)

    economy = reverse("interventions:money", args=[_intervention_pk(desktop)])
    desktop.goto(economy)
    monthly = desktop.main().get_by_role(
        "region", name=re.compile(r"^Utfall \d{4} per kostnadsslag och månad")
    )
    expect(monthly).to_be_visible()
    headers = monthly.locator("thead th")
    expect(headers.filter(has_text=re.compile("^dec", re.IGNORECASE))).to_have_count(1)
    december = headers.filter(has_text=re.compile("^dec", re.IGNORECASE))
    total = headers.last
    expect(total).to_have_text("Summa")
    assert _inside(monthly, december) and _inside(monthly, total), (
        "December and the sum should fit the page's column without scrolling"
    )
    _fits(desktop)


def _intervention_pk(visit: Visit) -> int:
    visit.goto(reverse("core:start"))
    visit.follow(INTERVENTION)
    match = re.search(r"/insatser/(\d+)/", visit.path())
    assert match, visit.path()
    return int(match.group(1))
