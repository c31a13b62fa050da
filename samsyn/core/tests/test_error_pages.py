"""Samsyn's own 400, 403, 404 and 500 pages (issue #15, item 14): the right status, Swedish
or English text, no exception text or stack trace, also with DEBUG on in demo mode; the 500
page needs no database; the demo banner sits inside the header landmark."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings

from samsyn.core.tests.error_urls import SECRET_IN_TRACE
from samsyn.core.views.errors import server_error

ERROR_URLS = "samsyn.core.tests.error_urls"

SWEDISH = {
    400: "Felaktig begäran",
    403: "Åtkomst nekad",
    404: "Sidan finns inte",
    500: "Något gick fel",
}
ENGLISH = {
    400: "Bad request",
    403: "Access denied",
    404: "Page not found",
    500: "Something went wrong",
}
DEBUG_MARKERS = ("Traceback", "DEBUG = True", "URLconf", "RuntimeError", SECRET_IN_TRACE)


def _client(language: str = "sv") -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _assert_own_page(response: object, status: int, texts: dict[int, str]) -> str:
    assert getattr(response, "status_code", None) == status
    body = response.content.decode()  # type: ignore[attr-defined]
    assert f"<h1>{texts[status]}</h1>" in body
    for marker in DEBUG_MARKERS:
        assert marker not in body, marker
    return body


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=ERROR_URLS, DEBUG=False)
@pytest.mark.parametrize("status", [400, 403, 404, 500])
@pytest.mark.parametrize(("language", "texts"), [("sv", SWEDISH), ("en", ENGLISH)])
def test_error_pages_have_status_and_text_in_the_users_language(
    status: int, language: str, texts: dict[int, str]
) -> None:
    response = _client(language).get(f"/test-fel/{status}/")

    body = _assert_own_page(response, status, texts)
    assert f'<html lang="{language}">' in body


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_an_unknown_address_gets_the_own_404() -> None:
    response = _client().get("/finns-inte/alls/")

    _assert_own_page(response, 404, SWEDISH)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=ERROR_URLS, DEBUG=True, SAMSYN_OWN_ERROR_PAGES=True)
@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_demo_mode_with_debug_shows_the_own_pages_not_djangos_debug_pages(status: int) -> None:
    response = _client().get(f"/test-fel/{status}/")

    _assert_own_page(response, status, SWEDISH)


@pytest.mark.django_db
@override_settings(DEBUG=True, SAMSYN_OWN_ERROR_PAGES=True)
@pytest.mark.parametrize(("language", "texts"), [("sv", SWEDISH), ("en", ENGLISH)])
def test_demo_mode_unknown_address_is_the_own_404(language: str, texts: dict[int, str]) -> None:
    response = _client(language).get("/finns-inte/alls/")

    _assert_own_page(response, 404, texts)


@pytest.mark.django_db
@override_settings(DEBUG=True, SAMSYN_OWN_ERROR_PAGES=True, APPEND_SLASH=True)
def test_demo_mode_still_adds_the_missing_slash() -> None:
    response = _client().get("/konto")  # core:account is /konto/

    assert response.status_code == 301
    assert response["Location"] == "/konto/"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=ERROR_URLS, DEBUG=True, SAMSYN_OWN_ERROR_PAGES=False)
def test_a_developer_may_turn_the_own_pages_off_in_debug() -> None:
    response = _client().get("/test-fel/404/")

    assert response.status_code == 404
    assert "DEBUG = True" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=ERROR_URLS, DEBUG=True, SAMSYN_OWN_ERROR_PAGES=True)
def test_demo_mode_logs_the_unexpected_error(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("ERROR", logger="django.request"):
        _client().get("/test-fel/500/")

    assert any(
        record.exc_info and SECRET_IN_TRACE in str(record.exc_info[1]) for record in caplog.records
    )


def test_the_500_page_needs_no_database() -> None:
    # No django_db mark: pytest-django fails the test if the page touches the database.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


@pytest.mark.django_db
@override_settings(SAMSYN_DEMO=True, DEBUG=False)
def test_demo_banner_is_inside_the_header_on_error_pages_and_pages() -> None:
    for path in ("/finns-inte/", "/tillganglighet/"):
        body = _client().get(path).content.decode()
        header = body.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert 'class="demo-banner"' in header, path
        assert body.count('class="demo-banner"') == 1, path
