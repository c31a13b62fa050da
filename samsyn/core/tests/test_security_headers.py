"""Security headers on every kind of response, production cookie flags, and start-up refusals.

Django reads several of these settings once: ``SecurityMiddleware`` copies HSTS, nosniff and
Referrer-Policy in ``__init__``, and settings.py derives the cookie flags from DEBUG when it
is imported. ``override_settings(DEBUG=False)`` would therefore prove nothing. Instead the
production values are read by importing settings.py in a subprocess with DEBUG=0, and then
applied with override_settings to a *new* test Client, whose handler builds its middleware
on its first request, so the middleware sees exactly what production would.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from samsyn.core.services.api_tokens import api_token_create

PROJECT_ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "korrekt-hast-batteri-1"

_VALID_PRODUCTION_ENV = {
    "DEBUG": "0",
    "SAMSYN_DEMO": "0",
    "SECRET_KEY": "p" * 20 + "-a-long-production-secret-key-for-tests-0123456789",
    "SAMSYN_FIELD_KEYS": "k1:" + base64.urlsafe_b64encode(b"\x01" * 32).decode(),
    "SAMSYN_BLIND_INDEX_KEY": base64.urlsafe_b64encode(b"\x02" * 32).decode(),
    "ALLOWED_HOSTS": "samsyn.example.se",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
}
_PRODUCTION_SETTINGS = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
]


def _import_settings(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    """Import samsyn.settings in a fresh interpreter with a controlled environment.

    Every variable the settings read is set explicitly, because settings.py fills in
    anything missing from the checkout's .env (which holds development values).
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMSYN_")}
    env.update(_VALID_PRODUCTION_ENV)
    env.update(overrides)
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    names = json.dumps(_PRODUCTION_SETTINGS)
    script = (
        "import json, samsyn.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names}}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    result = _import_settings(tmp_path_factory.mktemp("prod"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _assert_common_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"]


def test_headers_on_an_anonymous_page(db):
    response = Client().get(reverse("core:login"))
    assert response.status_code == 200
    _assert_common_headers(response)


def test_headers_on_an_anonymous_redirect_and_a_404(db):
    _assert_common_headers(Client().get(reverse("core:account")))
    _assert_common_headers(Client().get("/finns-inte/"))


def test_headers_on_an_authenticated_page(as_persona):
    response = as_persona("coach").get(reverse("core:account"))
    assert response.status_code == 200
    _assert_common_headers(response)
    assert "no-store" in response["Cache-Control"]


def test_headers_on_api_responses(world):
    _token, raw = api_token_create(user=world["coach"], name="rubriker")
    anonymous = Client().get("/api/v1/me")
    assert anonymous.status_code == 401
    _assert_common_headers(anonymous)
    with_token = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert with_token.status_code == 401  # coach without a TOTP device, see test_api_tokens
    _assert_common_headers(with_token)
    _assert_common_headers(Client().get("/api/v1/openapi.json"))


def test_pages_carry_no_inline_script_or_style(as_persona):
    html = as_persona("coach").get(reverse("core:account")).content.decode()
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_development_settings_do_not_mark_cookies_secure_over_plain_http(settings):
    # make run serves plain http on 127.0.0.1; with DEBUG on, secure cookies would break it.
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY


class TestProduction:
    def test_settings_with_debug_off(self, production_settings):
        assert production_settings["DEBUG"] is False
        assert production_settings["SESSION_COOKIE_SECURE"] is True
        assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
        assert production_settings["CSRF_COOKIE_SECURE"] is True
        assert production_settings["CSRF_COOKIE_HTTPONLY"] is True
        assert production_settings["LANGUAGE_COOKIE_SECURE"] is True
        assert production_settings["SECURE_HSTS_SECONDS"] >= 31_536_000
        assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True

    def test_responses_with_production_settings(self, world, production_settings):
        overrides = {k: v for k, v in production_settings.items() if k != "DEBUG"}
        with override_settings(**overrides):
            client = Client()  # new handler: middleware built under these settings
            page = client.get(reverse("core:login"), secure=True)
            _assert_common_headers(page)
            assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
            csrf = page.cookies["csrftoken"]
            assert csrf["secure"] and csrf["httponly"]
            logged_in = client.post(
                reverse("core:login"),
                {"username": "styrgrupp", "password": PASSWORD},
                secure=True,
            )
            assert logged_in.status_code == 302
            session = logged_in.cookies["sessionid"]
            assert session["secure"] and session["httponly"]
            assert session["samesite"] == "Lax"
            api = client.get("/api/v1/me", secure=True)
            assert api.status_code == 200
            assert "Strict-Transport-Security" in api

    def test_no_hsts_over_plain_http_in_development(self, db):
        assert "Strict-Transport-Security" not in Client().get(reverse("core:login"))


class TestStartUpRefusals:
    def test_valid_production_environment_starts(self, tmp_path):
        assert _import_settings(tmp_path).returncode == 0

    @pytest.mark.parametrize(
        ("overrides", "complaint"),
        [
            ({"SECRET_KEY": ""}, "SECRET_KEY"),
            ({"SECRET_KEY": "django-insecure-" + "x" * 60}, "SECRET_KEY"),
            ({"SECRET_KEY": "kort-nyckel"}, "SECRET_KEY"),
            ({"SAMSYN_FIELD_KEYS": ""}, "SAMSYN_FIELD_KEYS"),
            ({"SAMSYN_FIELD_KEYS": "inte-en-nyckel"}, "SAMSYN_FIELD_KEYS"),
            ({"SAMSYN_FIELD_KEYS": "k1:" + base64.b64encode(b"kort").decode()}, "32 bytes"),
            ({"SAMSYN_BLIND_INDEX_KEY": ""}, "SAMSYN_BLIND_INDEX_KEY"),
            ({"SAMSYN_DEMO": "1"}, "SAMSYN_DEMO"),
            ({"DEBUG": "kanske"}, "DEBUG"),
        ],
    )
    def test_refuses_to_start(self, tmp_path, overrides, complaint):
        result = _import_settings(tmp_path, **overrides)
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert complaint in result.stderr
