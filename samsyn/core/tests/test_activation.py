"""Activation links, recovery codes, password reset by e-mail and OIDC sign-in (issue #11, 2).

The weakness these close: an account without a confirmed authenticator (every new account,
whose first password the administrator chose; every account after a two-factor reset)
enrolled its own authenticator with the password alone (trust on first use).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World, login_verified
from samsyn.core.middleware import OIDC_SESSION_KEY
from samsyn.core.models import ActivationLink, LinkPurpose, RecoveryCode, RecoveryDevice, User
from samsyn.core.oidc import SamsynOIDCBackend
from samsyn.core.roles import Role
from samsyn.core.services import accounts, activation

LOGIN = reverse("core:login")
START = reverse("core:start")
SETUP = reverse("core:two_factor_setup")
VERIFY = reverse("core:two_factor_verify")
FORGOT = reverse("core:password_reset")
NEW_PASSWORD = "Lingonsylt-och-kanelbullar-9"
BASE = "https://samsyn.example"


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    value = totp(
        device.bin_key, step=device.step, t0=device.t0 - steps_ahead * device.step, digits=6
    )
    return f"{value:06d}"


def _create_account(world: World, **extra: Any) -> tuple[User, activation.IssuedLink]:
    return accounts.user_create(
        actor=world["admin"],
        forbund=world.forbund,
        username="kim.coach",
        first_name="Kim",
        last_name="Karlsson",
        email="kim@testdalen.se",
        role=Role.COACH,
        base_url=BASE,
        **extra,
    )


def _activation_data(device: TOTPDevice, **overrides: str) -> dict[str, str]:
    data = {
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
        "token": _code(device),
    }
    data.update(overrides)
    return data


def _open_activation(client: Client, path: str) -> TOTPDevice:
    response = client.get(path)
    assert response.status_code == 200
    return TOTPDevice.objects.get(confirmed=False, user__activation_links__isnull=False)


# --- the weakness: a password alone never binds an authenticator -------------------------


def test_admin_chosen_password_cannot_sign_in_or_enrol_while_activation_is_open(
    world: World,
) -> None:
    user, _issued = _create_account(world)
    # Even if someone had set (or learnt) a password for the account:
    user.set_password("Ett-lösenord-som-admin-valde-1")
    user.save()
    client = Client()
    response = client.post(
        LOGIN, {"username": user.username, "password": "Ett-lösenord-som-admin-valde-1"}
    )
    assert response.status_code == 200
    assert "Kontot väntar på aktivering" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_new_account_has_no_usable_password_and_one_open_link(world: World) -> None:
    user, issued = _create_account(world)
    assert not user.has_usable_password()
    link = ActivationLink.objects.get(user=user)
    assert link.purpose == LinkPurpose.ACTIVATE
    assert link.created_by == world["admin"]
    assert issued.path.startswith("/aktivera/")
    raw = issued.path.split("/")[2]
    # Only the hash is stored.
    assert raw not in link.token_hash and link.token_hash == ActivationLink.hash_token(raw)
    # 72 hours (NIST SP 800-63A: an enrolment code handed over directly, at most 7 days).
    assert timedelta(hours=71) < link.expires_at - timezone.now() <= timedelta(hours=72)
    assert AuditEvent.objects.filter(detail="Aktiveringslänk skapad", actor=world["admin"]).exists()


def test_two_factor_reset_stops_password_only_sign_in(world: World) -> None:
    coach = world["coach"]
    coach.set_password(NEW_PASSWORD)
    coach.save()
    TOTPDevice.objects.create(user=coach, name="telefon", confirmed=True)
    response = login_verified(Client(), world["admin"]).post(
        reverse("manage:user_two_factor_reset", args=[coach.pk])
    )
    html = response.content.decode()
    url = re.search(r'id="activation-link">([^<]+)<', html)
    assert url is not None and "/aktivera/" in url.group(1)
    assert ActivationLink.objects.get(user=coach).purpose == LinkPurpose.RESET_TWO_FACTOR
    client = Client()
    response = client.post(LOGIN, {"username": "coach", "password": NEW_PASSWORD})
    assert "Kontot väntar på aktivering" in response.content.decode()
    # The link is never shown again: the user page does not carry it.
    page = login_verified(Client(), world["admin"]).get(
        reverse("manage:user_detail", args=[coach.pk])
    )
    assert url.group(1) not in page.content.decode()


# --- who may issue links -----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "styrgrupp", "outsider", "nobody"])
def test_only_the_forbunds_administrator_issues_links(world: World, persona: str) -> None:
    target = world["coach"]
    client = login_verified(Client(), world[persona])
    assert client.post(reverse("manage:user_two_factor_reset", args=[target.pk])).status_code == 404
    if persona != "outsider":  # the outsider administers another förbund and creates there
        assert client.post(reverse("manage:user_create"), {"username": "x"}).status_code == 404
    assert not ActivationLink.objects.exists()


def test_anonymous_cannot_issue_links(world: World) -> None:
    url = reverse("manage:user_two_factor_reset", args=[world["coach"].pk])
    assert Client().post(url)["Location"].startswith(LOGIN)
    assert not ActivationLink.objects.exists()


# --- the activation page -----------------------------------------------------------------


def test_activation_sets_password_binds_authenticator_and_shows_recovery_codes(
    world: World,
) -> None:
    user, issued = _create_account(world)
    client = Client()
    device = _open_activation(client, issued.path)
    response = client.post(issued.path, _activation_data(device))
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    user.refresh_from_db()
    device.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert device.confirmed
    assert ActivationLink.objects.get(user=user).used_at is not None
    # Codes stored hashed only.
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert stored == {RecoveryCode.hash_code(code) for code in codes}
    # Signed in, second factor passed.
    assert client.get(START).status_code == 200
    assert AuditEvent.objects.filter(
        actor=user, detail="Konto aktiverat: nytt lösenord, tvåfaktor och återställningskoder"
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"new_password1": "kort", "new_password2": "kort"}, "för kort"),
        ({"new_password2": "något annat"}, "stämmer inte överens"),
        ({"token": "000000"}, "Koden stämmer inte"),
        ({"token": "12a456"}, "bara av siffror"),
    ],
)
def test_bad_activation_input_changes_nothing(
    world: World, overrides: dict[str, str], message: str
) -> None:
    user, issued = _create_account(world)
    client = Client()
    device = _open_activation(client, issued.path)
    response = client.post(issued.path, _activation_data(device, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert ActivationLink.objects.get(user=user).used_at is None


def test_a_used_link_does_not_work_again(world: World) -> None:
    _user, issued = _create_account(world)
    client = Client()
    device = _open_activation(client, issued.path)
    client.post(issued.path, _activation_data(device))
    for method in (Client().get, Client().post):
        response = method(issued.path)
        assert response.status_code == 410
        assert "Länken är ogiltig, har redan använts eller har gått ut" in (
            response.content.decode()
        )


def test_an_expired_link_does_not_work(world: World) -> None:
    user, issued = _create_account(world)
    client = Client()
    device = _open_activation(client, issued.path)
    ActivationLink.objects.filter(user=user).update(expires_at=timezone.now())
    response = client.post(issued.path, _activation_data(device))
    assert response.status_code == 410
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_new_link_replaces_the_old_one(world: World) -> None:
    user, first = _create_account(world)
    second = accounts.user_two_factor_reset(actor=world["admin"], user=user, base_url=BASE)
    assert Client().get(first.path).status_code == 410
    assert Client().get(second.path).status_code == 200


def test_unknown_link_is_refused(db: None) -> None:
    assert Client().get(reverse("core:activate", args=["nonsense"])).status_code == 410


@override_settings(SAMSYN_EMAIL_ENABLED=True)
def test_with_email_the_link_is_mailed_not_shown_and_lives_24_hours(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = login_verified(Client(), world["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("manage:user_create"),
            {
                "username": "kim.coach",
                "first_name": "Kim",
                "last_name": "Karlsson",
                "email": "kim@testdalen.se",
                "role": Role.STYRGRUPP,
            },
        )
    html = response.content.decode()
    assert "/aktivera/" not in html
    assert "kim@testdalen.se" in html
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kim@testdalen.se"]
    assert f"{'http://testserver'}/aktivera/" in mail.outbox[0].body
    link = ActivationLink.objects.get(user__username="kim.coach")
    assert link.expires_at - timezone.now() <= timedelta(hours=24)


# --- recovery codes ----------------------------------------------------------------------


@pytest.fixture
def activated(world: World) -> tuple[User, TOTPDevice, list[str]]:
    user, issued = _create_account(world)
    client = Client()
    device = _open_activation(client, issued.path)
    response = client.post(issued.path, _activation_data(device))
    codes = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", response.content.decode())
    device.refresh_from_db()
    user.refresh_from_db()
    return user, device, codes


def _password_step(username: str = "kim.coach") -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": NEW_PASSWORD})
    assert response.status_code == 302
    return client


def test_recovery_code_signs_in_once(activated: tuple[User, TOTPDevice, list[str]]) -> None:
    user, _device, codes = activated
    client = _password_step()
    assert client.get(START)["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"recovery_code": codes[0].lower()})
    assert response.status_code == 302
    assert client.get(START).status_code == 200
    assert AuditEvent.objects.filter(actor=user, detail="Återställningskod använd").exists()

    again = _password_step()
    response = again.post(VERIFY, {"recovery_code": codes[0]})
    assert response.status_code == 200
    assert "Koden stämmer inte eller har redan använts" in response.content.decode()
    assert again.get(START)["Location"].startswith(VERIFY)
    assert AuditEvent.objects.filter(actor=user, detail="Fel återställningskod").exists()


def test_regenerating_recovery_codes_voids_the_old_ones(
    activated: tuple[User, TOTPDevice, list[str]],
) -> None:
    user, _device, codes = activated
    client = login_verified(Client(), user)
    response = client.post(reverse("core:recovery_codes_regenerate"))
    new = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(codes)
    assert AuditEvent.objects.filter(actor=user, detail="Nya återställningskoder").exists()
    fresh = _password_step()
    assert fresh.post(VERIFY, {"recovery_code": codes[1]}).status_code == 200
    # A wrong code slows the next try down (django-otp throttling); let that pass.
    RecoveryDevice.objects.update(throttling_failure_timestamp=timezone.now() - timedelta(hours=1))
    assert fresh.post(VERIFY, {"recovery_code": new[0]}).status_code == 302


def test_regenerating_needs_an_authenticator(world: World) -> None:
    client = Client()
    client.force_login(world["styrgrupp"])
    response = client.post(reverse("core:recovery_codes_regenerate"), follow=True)
    assert "Aktivera tvåfaktorsinloggning först." in response.content.decode()
    assert not RecoveryCode.objects.exists()


def test_two_factor_reset_removes_recovery_codes(
    world: World, activated: tuple[User, TOTPDevice, list[str]]
) -> None:
    user, _device, _codes = activated
    accounts.user_two_factor_reset(actor=world["admin"], user=user, base_url=BASE)
    assert not RecoveryCode.objects.filter(device__user=user).exists()


# --- password reset by e-mail ------------------------------------------------------------


def test_without_email_the_page_points_to_the_administrator(db: None) -> None:
    response = Client().get(FORGOT)
    assert "Kontakta förbundets administratör" in response.content.decode()
    assert "Glömt lösenordet?" not in Client().get(LOGIN).content.decode().split("<main")[-1]


@override_settings(SAMSYN_EMAIL_ENABLED=True)
def test_reset_request_answers_the_same_for_known_and_unknown_addresses(
    activated: tuple[User, TOTPDevice, list[str]], django_capture_on_commit_callbacks: Any
) -> None:
    assert 'href="/losenord/glomt/"' in Client().get(LOGIN).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        known = Client().post(FORGOT, {"email": "KIM@testdalen.se"})
        unknown = Client().post(FORGOT, {"email": "ingen@testdalen.se"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    known_page = Client().get(known["Location"]).content
    unknown_page = Client().get(unknown["Location"]).content
    strip = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub(b"", known_page) == strip.sub(b"", unknown_page)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kim@testdalen.se"]


@override_settings(SAMSYN_EMAIL_ENABLED=True)
def test_reset_link_sets_password_once_lifts_lockout_and_keeps_two_factor(
    activated: tuple[User, TOTPDevice, list[str]], django_capture_on_commit_callbacks: Any
) -> None:
    user, _device, _codes = activated
    AccessAttempt.objects.create(
        username=user.username, ip_address="10.0.0.1", failures_since_start=5, user_agent=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(FORGOT, {"email": "kim@testdalen.se"})
    path = re.search(r"/losenord/nytt/[^/\s]+/", str(mail.outbox[0].body))
    assert path is not None
    link = ActivationLink.objects.get(user=user, purpose=LinkPurpose.PASSWORD_RESET)
    assert link.created_by is None
    assert link.expires_at - timezone.now() <= timedelta(minutes=60)
    other = "Hjortron-och-messmör-42"
    response = Client().post(path.group(0), {"new_password1": other, "new_password2": other})
    assert response["Location"] == LOGIN
    user.refresh_from_db()
    assert user.check_password(other)
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    assert AuditEvent.objects.filter(detail="Lösenord ändrat med e-postlänk").exists()
    # One time only.
    assert Client().get(path.group(0)).status_code == 410
    # The authenticator still guards the account.
    client = Client()
    client.post(LOGIN, {"username": user.username, "password": other})
    assert client.get(START)["Location"].startswith(VERIFY)


@override_settings(SAMSYN_EMAIL_ENABLED=True)
def test_reset_requests_cannot_flood_a_mailbox(
    activated: tuple[User, TOTPDevice, list[str]], django_capture_on_commit_callbacks: Any
) -> None:
    user, _device, _codes = activated
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            Client().post(FORGOT, {"email": "kim@testdalen.se"})
    assert len(mail.outbox) == 1
    ActivationLink.objects.filter(user=user).update(
        created_at=timezone.now() - timedelta(minutes=6)
    )
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(FORGOT, {"email": "kim@testdalen.se"})
    assert len(mail.outbox) == 2
    # Only the newest link works.
    first, second = (re.search(r"/losenord/nytt/[^/\s]+/", str(m.body)) for m in mail.outbox)
    assert first is not None and second is not None
    assert Client().get(first.group(0)).status_code == 410
    assert Client().get(second.group(0)).status_code == 200


@override_settings(SAMSYN_EMAIL_ENABLED=True)
def test_expired_reset_link_is_refused(
    activated: tuple[User, TOTPDevice, list[str]], django_capture_on_commit_callbacks: Any
) -> None:
    user, _device, _codes = activated
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(FORGOT, {"email": "kim@testdalen.se"})
    path = re.search(r"/losenord/nytt/[^/\s]+/", str(mail.outbox[0].body))
    assert path is not None
    ActivationLink.objects.filter(user=user).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    other = "Hjortron-och-messmör-42"
    response = Client().post(path.group(0), {"new_password1": other, "new_password2": other})
    assert response.status_code == 410
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_reset_link_is_not_an_activation_link(world: World) -> None:
    _user, issued = _create_account(world)
    # An account waiting for activation gets no password link (the activation sets it).
    with override_settings(SAMSYN_EMAIL_ENABLED=True):
        Client().post(FORGOT, {"email": "kim@testdalen.se"})
    assert not ActivationLink.objects.filter(purpose=LinkPurpose.PASSWORD_RESET).exists()
    token = issued.path.split("/")[2]
    assert Client().get(reverse("core:password_reset_confirm", args=[token])).status_code == 410


# --- OIDC --------------------------------------------------------------------------------


def test_oidc_pages_are_404_unless_configured(db: None) -> None:
    assert Client().get(reverse("core:oidc_authentication_init")).status_code == 404
    assert Client().get(reverse("core:oidc_callback")).status_code == 404
    assert "e-legitimation" not in Client().get(LOGIN).content.decode()


@override_settings(SAMSYN_OIDC_ENABLED=True)
def test_login_page_offers_e_identification_when_configured(db: None) -> None:
    html = Client().get(LOGIN).content.decode()
    assert "Logga in med e-legitimation" in html
    assert reverse("core:oidc_authentication_init") in html


def _backend() -> SamsynOIDCBackend:
    backend = SamsynOIDCBackend.__new__(SamsynOIDCBackend)
    backend.UserModel = User
    return backend


def test_oidc_matches_exactly_one_active_account_and_never_creates(world: World) -> None:
    coach = world["coach"]
    coach.email = "Coach@Testdalen.se"
    coach.save()
    backend = _backend()
    assert list(backend.filter_users_by_claims({"email": "coach@testdalen.se"})) == [coach]
    assert not backend.filter_users_by_claims({"email": "okand@testdalen.se"}).exists()
    assert not backend.filter_users_by_claims({}).exists()
    backend.create_user({"email": "ny@testdalen.se"})
    assert not User.objects.filter(email="ny@testdalen.se").exists()
    world["styrgrupp"].email = "coach@testdalen.se"
    world["styrgrupp"].save()
    # Two accounts share the address: ambiguous, nobody signs in.
    assert not backend.filter_users_by_claims({"email": "coach@testdalen.se"}).exists()
    world["styrgrupp"].email = "annan@testdalen.se"
    world["styrgrupp"].save()
    coach.is_active = False
    coach.save()
    assert not backend.filter_users_by_claims({"email": "coach@testdalen.se"}).exists()


@override_settings(
    SAMSYN_OIDC_ENABLED=True,
    OIDC_RP_CLIENT_ID="samsyn",
    OIDC_RP_CLIENT_SECRET="hemligt",
    OIDC_OP_TOKEN_ENDPOINT="https://broker.example/token",
    OIDC_OP_USER_ENDPOINT="https://broker.example/userinfo",
    OIDC_OP_JWKS_ENDPOINT="https://broker.example/jwks",
    AUTHENTICATION_BACKENDS=[
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
        "samsyn.core.oidc.SamsynOIDCBackend",
    ],
)
def test_oidc_sign_in_counts_as_the_second_factor(world: World) -> None:
    coach = world["coach"]
    client = Client()
    session = client.session
    session["oidc_states"] = {"state-1": {"nonce": "n", "code_verifier": None}}
    session.save()
    coach.backend = "samsyn.core.oidc.SamsynOIDCBackend"
    with mock.patch("mozilla_django_oidc.views.auth.authenticate", return_value=coach):
        response = client.get(reverse("core:oidc_callback"), {"code": "c", "state": "state-1"})
    assert response.status_code == 302
    assert client.session.get(OIDC_SESSION_KEY) is True
    assert client.get(START).status_code == 200
