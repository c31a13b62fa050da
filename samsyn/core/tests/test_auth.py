"""Log-in, log-out, password change and Argon2, through the real views."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.core.tests.factories import UserFactory

PASSWORD = "korrekt-hast-batteri-1"  # the factories' password
LOGIN = reverse("core:login")


def _login(client: Client, username: str, password: str = PASSWORD, **extra: str):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_page_is_swedish_and_public(db):
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert 'lang="sv"' in response.content.decode()
    assert "Logga in i Samsyn" in response.content.decode()


def test_login_sets_session_and_writes_audit_event(world):
    client = Client()
    response = _login(client, "styrgrupp")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:start")
    assert client.get(reverse("core:start")).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.actor == world["styrgrupp"]
    assert event.actor_username == "styrgrupp"
    assert event.ip_address == "127.0.0.1"
    assert event.request_id


def test_failed_login_is_refused_in_swedish_and_audited_without_password(world):
    client = Client()
    response = _login(client, "coach", "fel-losenord")
    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor is None
    assert event.actor_username == "coach"
    assert "fel-losenord" not in str(event.__dict__)


def test_failed_login_for_unknown_user_is_audited(db):
    _login(Client(), "finns-inte", "vad-som-helst")
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN_FAILED, actor_username="finns-inte"
    ).exists()


def test_inactive_user_cannot_log_in(world):
    user = world["styrgrupp"]
    user.is_active = False
    user.save()
    client = Client()
    assert _login(client, "styrgrupp").status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only_and_audited(as_persona, world):
    client = as_persona("coach")
    assert client.get(reverse("core:logout")).status_code == 405
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    event = AuditEvent.objects.get(action=AuditAction.LOGOUT)
    assert event.actor == world["coach"]
    assert event.detail == ""
    assert client.get(reverse("core:start"))["Location"].startswith(LOGIN)


def test_passwords_are_hashed_with_argon2(db):
    user = UserFactory()
    user.set_password("ett-langt-och-ovanligt-losenord")
    user.save()
    assert user.password.startswith("argon2$argon2id$")
    assert check_password("ett-langt-och-ovanligt-losenord", user.password)


def test_login_upgrades_an_older_hash_to_argon2(world):
    user = world["styrgrupp"]
    assert user.password.startswith("pbkdf2_sha256$")
    _login(Client(), "styrgrupp")
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


@pytest.mark.parametrize(
    "unsafe",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/konto/",
        "https:evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_login_ignores_next_pointing_elsewhere(world, unsafe):
    client = Client()
    page = client.get(LOGIN, {"next": unsafe})
    assert '<input type="hidden" name="next" value="">' in page.content.decode()
    response = _login(client, "styrgrupp", next=unsafe)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:start")


def test_login_follows_a_local_next(world):
    response = _login(Client(), "styrgrupp", next="/konto/")
    assert response["Location"] == "/konto/"


def test_anonymous_request_is_sent_to_login_with_next(db):
    response = Client().get(reverse("core:account"))
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/konto/"


class TestPasswordChange:
    url = reverse("core:password_change")

    def _post(self, client: Client, old: str, new: str, again: str | None = None):
        data = {"old_password": old, "new_password1": new, "new_password2": again or new}
        return client.post(self.url, data)

    def test_too_short_password_is_refused_in_swedish(self, as_persona, world):
        client = as_persona("coach")
        response = self._post(client, PASSWORD, "kort-1")
        assert response.status_code == 200
        assert "Det här lösenordet är för kort" in response.content.decode()
        world["coach"].refresh_from_db()
        assert world["coach"].check_password(PASSWORD)

    def test_common_and_numeric_passwords_are_refused(self, as_persona):
        client = as_persona("coach")
        common = self._post(client, PASSWORD, "password1234")
        assert "Detta lösenord är alldeles för vanligt" in common.content.decode()
        numeric = self._post(client, PASSWORD, "203948571629384")
        assert "Detta lösenord är enbart numeriskt" in numeric.content.decode()

    def test_wrong_old_password_is_refused(self, as_persona):
        response = self._post(as_persona("coach"), "fel-gammalt", "ett-nytt-bra-losenord-7")
        assert "Ditt gamla lösenord var felaktigt ifyllt" in response.content.decode()

    def test_mismatch_is_refused(self, as_persona):
        response = self._post(as_persona("coach"), PASSWORD, "ett-nytt-bra-losenord-7", "annat")
        assert "De två lösenordsfälten stämmer inte överens" in response.content.decode()

    def test_change_keeps_the_verified_session_and_is_audited(self, as_persona, world):
        client = as_persona("coach")
        response = self._post(client, PASSWORD, "ett-nytt-bra-losenord-7")
        assert response.status_code == 302
        assert response["Location"] == reverse("core:account")
        user = world["coach"]
        user.refresh_from_db()
        assert user.password.startswith("argon2$")
        assert user.check_password("ett-nytt-bra-losenord-7")
        page = client.get(reverse("core:account"))
        assert page.status_code == 200
        assert "Ditt lösenord är ändrat." in page.content.decode()
        event = AuditEvent.objects.get(action=AuditAction.UPDATE, detail="Lösenord ändrat")
        assert event.actor == user
        assert event.object_id == str(user.pk)
