"""The account page's own flows: two-factor enrolment and verification, personal API tokens."""

from __future__ import annotations

import base64
import json
import re
import time
import urllib.error
import urllib.request

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import expect

from samsyn.browser_tests.conftest import Visit
from samsyn.core.demo_data import DEMO_USERS
from samsyn.core.roles import Role

pytestmark = pytest.mark.browser

# Each test changes its own demo user only, so the others' walks see the seeded state.
HANDLAGGARE = next(spec for spec in DEMO_USERS if spec.role == Role.HANDLAGGARE)
INSATSANSVARIG = next(spec for spec in DEMO_USERS if spec.role == Role.INSATSANSVARIG)


def _totp(secret: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app would show for the base32 ``secret`` on the page."""
    compact = secret.replace(" ", "")
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _api_me(base_url: str, token: str) -> tuple[int, dict[str, object]]:
    """GET /api/v1/me with the token only: no browser cookies, so no session to fall back on."""
    request = urllib.request.Request(  # noqa: S310 (the local test server)
        base_url + "/api/v1/me", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {}


def test_two_factor_enrolment_and_verification(visit: Visit) -> None:
    page = visit.page
    main = page.get_by_role("main")
    visit.login(HANDLAGGARE.username, HANDLAGGARE.password)
    visit.nav("Mitt konto")

    with page.expect_navigation():
        main.get_by_role("link", name="Aktivera tvåfaktorsinloggning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktivera tvåfaktorsinloggning")
    expect(main.get_by_role("img", name="QR-kod för autentiseringsappen")).to_be_visible()
    visit.check()

    # Letters are refused before any code is tried (no throttling, no used-up attempt).
    main.get_by_label(re.compile("^Engångskod")).fill("abcdef")
    with page.expect_navigation():
        main.get_by_role("button", name="Aktivera").click()
    expect(page.get_by_role("alert")).to_contain_text("bara av siffror")
    visit.check()

    secret = main.locator("figcaption code").inner_text()
    main.get_by_label(re.compile("^Engångskod")).fill(_totp(secret))
    with page.expect_navigation():
        main.get_by_role("button", name="Aktivera").click()
    expect(page.get_by_role("status")).to_contain_text("Tvåfaktorsinloggning är aktiverad")
    visit.check()

    # A new session: demo mode lets the demo user in, but the code step is there to use.
    visit.logout()
    visit.login(HANDLAGGARE.username, HANDLAGGARE.password)
    visit.goto(reverse("core:two_factor_verify"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ange engångskod")
    visit.check()
    # The next time step: the code used for enrolment may not be used again.
    main.get_by_label(re.compile("^Engångskod")).fill(_totp(secret, steps_ahead=1))
    with page.expect_navigation():
        main.get_by_role("button", name="Fortsätt").click()
    assert visit.path() == reverse("core:start")


def test_api_token_is_shown_once_works_and_can_be_revoked(visit: Visit) -> None:
    page = visit.page
    main = page.get_by_role("main")
    visit.login(INSATSANSVARIG.username, INSATSANSVARIG.password)
    visit.nav("Mitt konto")
    expect(main.get_by_role("heading", name="API-nycklar")).to_be_visible()

    with page.expect_navigation():
        main.get_by_role("button", name="Skapa API-nyckel").click()  # no name given
    expect(page.get_by_role("alert")).to_be_visible()
    visit.check()

    main.get_by_label(re.compile("^Namn på nyckeln")).fill("Rapportskript")
    with page.expect_navigation():
        main.get_by_role("button", name="Skapa API-nyckel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din nya API-nyckel")
    token = main.locator("#new-token").inner_text().strip()
    visit.check()

    status, me = _api_me(visit.server.base_url, token)
    assert status == 200
    assert me["username"] == INSATSANSVARIG.username

    visit.goto(reverse("core:account"))
    expect(main.get_by_role("rowheader", name="Rapportskript")).to_be_visible()
    assert token not in page.content()
    # The page asks first in its own dialog (docs/deleting.md); its button says what it does.
    main.get_by_role("button", name="Återkalla Rapportskript").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Återkalla?")
    expect(dialog).to_contain_text("Återkalla API-nyckeln ”Rapportskript”?")
    visit.check()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Återkalla", exact=True).click()
    expect(main.get_by_role("table")).to_contain_text("Återkallad")
    visit.check()

    assert _api_me(visit.server.base_url, token)[0] == 401
