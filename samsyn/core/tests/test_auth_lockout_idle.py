"""Lock-out after repeated failures (django-axes) and the idle timeout."""

from __future__ import annotations

import time

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.core.middleware import IdleTimeoutMiddleware
from samsyn.core.models import ApiToken

PASSWORD = "korrekt-hast-batteri-1"
LOGIN = reverse("core:login")
LOCKED_TEXT = "Kontot är tillfälligt låst"


def _attempt(username: str, password: str, address: str = "127.0.0.1"):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password})


class TestLockout:
    def test_fifth_failure_locks_with_a_swedish_page(self, world):
        assert settings.AXES_FAILURE_LIMIT == 5
        for _ in range(4):
            response = _attempt("coach", "fel")
            assert response.status_code == 200
            assert LOCKED_TEXT not in response.content.decode()
        locked = _attempt("coach", "fel")
        assert locked.status_code == 429
        html = locked.content.decode()
        assert LOCKED_TEXT in html
        assert "30 minuter" in html
        assert (
            AuditEvent.objects.filter(
                action=AuditAction.LOGIN_FAILED, actor_username="coach"
            ).count()
            == 5
        )

    def test_right_password_is_refused_while_locked(self, world):
        for _ in range(5):
            _attempt("coach", "fel")
        client = Client()
        response = client.post(LOGIN, {"username": "coach", "password": PASSWORD})
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
        assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()
        # The attempt during the lock-out is in the access log too.
        assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 6

    def test_lock_on_a_name_from_one_address_does_not_lock_it_from_another(self, world):
        # Anyone who knows a user name could otherwise lock that person out, again and again.
        for _ in range(5):
            _attempt("coach", "fel", address="10.0.0.1")
        assert _attempt("coach", PASSWORD, address="10.0.0.1").status_code == 429
        assert _attempt("coach", PASSWORD, address="10.0.0.2").status_code == 302

    def test_other_users_elsewhere_are_not_affected(self, world):
        for _ in range(5):
            _attempt("coach", "fel", address="10.0.0.1")
        response = _attempt("styrgrupp", PASSWORD, address="10.0.0.2")
        assert response.status_code == 302

    def test_colleagues_behind_the_same_address_are_not_locked_out(self, world):
        # A kommun's staff share one NAT address; one person's typos must not lock the rest.
        for name in ["coach", "admin", "granskare", "styrgrupp", "insatsansvarig", "coach"]:
            _attempt(name, "fel", address="10.9.9.9")
        assert _attempt("handlaggare", PASSWORD, address="10.9.9.9").status_code == 302

    def test_success_before_the_limit_resets_the_count(self, world):
        for _ in range(4):
            _attempt("styrgrupp", "fel")
        assert _attempt("styrgrupp", PASSWORD).status_code == 302
        for _ in range(4):
            assert _attempt("styrgrupp", "fel").status_code == 200

    def test_axes_records_the_forwarded_address_behind_a_proxy(self, world, settings):
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        Client(HTTP_X_FORWARDED_FOR="192.0.2.7").post(
            LOGIN, {"username": "coach", "password": "fel"}
        )
        attempt = AccessAttempt.objects.get(username="coach")
        assert attempt.ip_address == "192.0.2.7"
        event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
        assert event.ip_address == "192.0.2.7"


class TestIdleTimeout:
    key = IdleTimeoutMiddleware.SESSION_KEY

    def _idle(self, client: Client, minutes: float) -> None:
        session = client.session
        session[self.key] = time.time() - minutes * 60
        session.save()

    def test_limit_is_thirty_minutes_and_outlived_by_the_stored_session(self):
        assert settings.SAMSYN_IDLE_TIMEOUT.total_seconds() == 30 * 60
        # Otherwise the session would vanish silently, without message or audit event.
        assert settings.SAMSYN_IDLE_TIMEOUT.total_seconds() < settings.SESSION_COOKIE_AGE

    def test_activity_within_the_limit_keeps_the_session(self, as_persona):
        client = as_persona("coach")
        client.get(reverse("core:start"))
        self._idle(client, 29)
        assert client.get(reverse("core:account")).status_code == 200
        assert time.time() - client.session[self.key] < 60

    def test_idle_session_is_logged_out_with_message_and_audit(self, as_persona, world):
        client = as_persona("coach")
        client.get(reverse("core:start"))
        self._idle(client, 31)
        response = client.get("/konto/?flik=1")
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next=/konto/%3Fflik%3D1"
        login_page = client.get(response["Location"])
        assert "Du har loggats ut eftersom du varit inaktiv" in login_page.content.decode()
        event = AuditEvent.objects.get(action=AuditAction.LOGOUT)
        assert event.actor == world["coach"]
        assert "inaktivitet" in event.detail
        assert client.get(reverse("core:account"))["Location"].startswith(LOGIN)

    def test_idle_form_post_changes_nothing_and_is_not_replayed(self, as_persona):
        client = as_persona("coach")
        client.get(reverse("core:start"))
        self._idle(client, 31)
        response = client.post(reverse("core:api_token_create"), {"name": "efter lunch"})
        assert response.status_code == 302
        assert response["Location"] == LOGIN
        assert not ApiToken.objects.exists()

    def test_idle_htmx_request_reloads_the_whole_page(self, as_persona):
        client = as_persona("coach")
        client.get(reverse("core:start"))
        self._idle(client, 45)
        response = client.get(reverse("core:account"), headers={"HX-Request": "true"})
        assert response.status_code == 204
        assert response["HX-Redirect"].startswith(LOGIN)

    def test_idle_api_session_gets_401_json(self, as_persona):
        client = as_persona("coach")
        client.get(reverse("core:start"))
        self._idle(client, 31)
        response = client.get("/api/v1/me")
        assert response.status_code == 401
        assert response.json()["detail"].startswith("Inloggning krävs")
        assert AuditEvent.objects.filter(action=AuditAction.LOGOUT).count() == 1
