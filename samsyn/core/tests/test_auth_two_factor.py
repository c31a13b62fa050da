"""TOTP enrolment, verification and who is forced to use it."""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.core.roles import ROLES_SEEING_PERSONAL_DATA, Role
from samsyn.core.services import two_factor
from samsyn.core.tests.factories import MembershipFactory, UserFactory

PASSWORD = "korrekt-hast-batteri-1"
START = reverse("core:start")
SETUP = reverse("core:two_factor_setup")
VERIFY = reverse("core:two_factor_verify")


def _code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows right now."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:06d}"


def _user_with(world, role: str, **user_fields):
    user = UserFactory(**user_fields)
    party = world.kommun if role == Role.HANDLAGGARE else None
    MembershipFactory(user=user, forbund=world.forbund, role=role, party=party)
    return user


def _logged_in(user) -> Client:
    """Past the password step only (the password step itself is tested in test_auth.py)."""
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", sorted(ROLES_SEEING_PERSONAL_DATA))
def test_every_role_seeing_personal_data_must_enrol(world, role):
    client = _logged_in(_user_with(world, role))
    response = client.get(reverse("core:account"))
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next={quote('/konto/', safe='')}"


@pytest.mark.parametrize("role", sorted(ROLES_SEEING_PERSONAL_DATA))
def test_every_role_seeing_personal_data_must_verify_once_enrolled(world, role):
    user = _user_with(world, role)
    TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    client = _logged_in(user)
    response = client.get(START)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_styrgrupp_only_is_not_forced(world):
    client = _logged_in(_user_with(world, Role.STYRGRUPP))
    assert client.get(START).status_code == 200


def test_styrgrupp_with_an_inactive_coach_role_is_not_forced(world):
    user = _user_with(world, Role.STYRGRUPP)
    MembershipFactory(user=user, forbund=world.forbund, role=Role.COACH, is_active=False)
    assert _logged_in(user).get(START).status_code == 200


def test_styrgrupp_plus_coach_role_is_forced(world):
    user = _user_with(world, Role.STYRGRUPP)
    MembershipFactory(user=user, forbund=world.forbund, role=Role.COACH)
    assert _logged_in(user).get(START)["Location"].startswith(SETUP)


def test_user_who_enrolled_voluntarily_is_asked_for_the_code(world):
    user = _user_with(world, Role.STYRGRUPP)
    TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    assert _logged_in(user).get(START)["Location"].startswith(VERIFY)


def test_staff_account_is_forced(world):
    user = UserFactory(is_staff=True)
    assert _logged_in(user).get(START)["Location"].startswith(SETUP)


@override_settings(SAMSYN_DEMO=True)
def test_demo_account_skips_totp_while_demo_mode_is_on(world):
    user = _user_with(world, Role.COACH, is_demo_account=True)
    assert _logged_in(user).get(START).status_code == 200


@override_settings(SAMSYN_DEMO=False)
def test_demo_account_is_forced_when_demo_mode_is_off(world):
    user = _user_with(world, Role.COACH, is_demo_account=True)
    assert _logged_in(user).get(START)["Location"].startswith(SETUP)


@override_settings(SAMSYN_DEMO=True)
def test_demo_mode_does_not_exempt_ordinary_accounts(world):
    user = _user_with(world, Role.COACH)
    assert _logged_in(user).get(START)["Location"].startswith(SETUP)


def test_unverified_user_may_log_out_and_read_the_accessibility_statement(world):
    client = _logged_in(_user_with(world, Role.COACH))
    assert client.get(reverse("core:accessibility")).status_code == 200
    assert client.post(reverse("core:logout")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT).count() == 1


class TestEnrolment:
    """Self-service enrolment is for sessions that already have everything enrolling would
    give them (a role that does not need the second factor); see test_activation.py for
    how an account whose role needs it gets its authenticator."""

    def test_password_only_session_cannot_bind_its_own_authenticator(self, world):
        # The trust-on-first-use weakness (issue #11, item 2): with only the password that
        # an administrator chose, anyone could enrol their own authenticator.
        user = _user_with(world, Role.COACH)
        client = _logged_in(user)
        response = client.get(SETUP)
        assert response.status_code == 403
        assert "aktiveringslänk" in response.content.decode()
        assert not TOTPDevice.objects.filter(user=user).exists()
        response = client.post(SETUP, {"token": "123456"})
        assert response.status_code == 403
        assert not TOTPDevice.objects.filter(user=user).exists()
        assert client.get(START)["Location"].startswith(SETUP)

    def test_setup_page_shows_qr_code_and_manual_key(self, world):
        user = _user_with(world, Role.STYRGRUPP)
        response = _logged_in(user).get(SETUP)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<svg" in html
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        key = base64.b32encode(device.bin_key).decode().rstrip("=")
        shown = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
        assert shown in html
        assert 'autocomplete="one-time-code"' in html

    def test_reloading_setup_keeps_the_same_pending_key(self, world):
        user = _user_with(world, Role.STYRGRUPP)
        client = _logged_in(user)
        client.get(SETUP)
        client.get(SETUP)
        assert TOTPDevice.objects.filter(user=user).count() == 1

    def test_wrong_code_does_not_confirm(self, world):
        user = _user_with(world, Role.STYRGRUPP)
        client = _logged_in(user)
        client.get(SETUP)
        response = client.post(SETUP, {"token": "000000"})
        assert response.status_code == 200
        assert "Koden stämmer inte" in response.content.decode()
        assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    @pytest.mark.parametrize(
        ("token", "message"),
        [("", "Ange engångskoden."), ("12a456", "bara av siffror"), ("12345", "sex siffror")],
    )
    def test_malformed_code_gets_a_swedish_message(self, world, token, message):
        client = _logged_in(_user_with(world, Role.STYRGRUPP))
        client.get(SETUP)
        assert message in client.post(SETUP, {"token": token}).content.decode()

    def test_right_code_confirms_verifies_and_is_audited(self, world):
        user = _user_with(world, Role.STYRGRUPP)
        client = _logged_in(user)
        client.get(SETUP)
        device = TOTPDevice.objects.get(user=user)
        code = _code(device)
        response = client.post(SETUP, {"token": f"{code[:3]} {code[3:]}", "next": "/konto/"})
        # The recovery codes are shown once, in this answer, with the way on.
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("<li><code>") == 10
        assert 'href="/konto/"' in html
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(START).status_code == 200
        assert AuditEvent.objects.filter(
            action=AuditAction.UPDATE, actor=user, detail="Tvåfaktor aktiverad"
        ).exists()
        assert AuditEvent.objects.filter(
            action=AuditAction.UPDATE, actor=user, detail="Återställningskoder skapade"
        ).exists()

    def test_enrolled_user_cannot_enrol_a_second_device_around_the_first(self, world):
        user = _user_with(world, Role.COACH)
        TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
        response = _logged_in(user).get(SETUP)
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY)
        assert TOTPDevice.objects.filter(user=user).count() == 1

    def test_enrolment_never_replaces_a_confirmed_device(self, world):
        user = _user_with(world, Role.COACH)
        pending = two_factor.pending_device_for(user=user)
        # Meanwhile, in another tab, a device got confirmed.
        existing = TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
        assert not two_factor.two_factor_confirm(user=user, device=pending, token=_code(pending))
        assert TOTPDevice.objects.filter(pk=existing.pk, confirmed=True).exists()
        pending.refresh_from_db()
        assert not pending.confirmed


class TestVerification:
    @pytest.fixture
    def enrolled(self, world):
        user = _user_with(world, Role.COACH)
        device = TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
        return user, device

    def test_full_log_in_returns_to_the_page_asked_for(self, enrolled):
        user, device = enrolled
        client = Client()
        first = client.get("/konto/")
        assert first["Location"] == "/logga-in/?next=/konto/"
        password_step = client.post(
            "/logga-in/", {"username": user.username, "password": PASSWORD, "next": "/konto/"}
        )
        assert password_step["Location"] == "/konto/"
        to_code = client.get("/konto/")
        assert to_code["Location"] == f"{VERIFY}?next=%2Fkonto%2F"
        session_before = client.session.session_key
        done = client.post(VERIFY, {"token": _code(device), "next": "/konto/"})
        assert done.status_code == 302
        assert done["Location"] == "/konto/"
        assert client.session.session_key != session_before
        assert client.get("/konto/").status_code == 200

    def test_wrong_code_is_refused_audited_and_throttled(self, enrolled):
        user, device = enrolled
        client = _logged_in(user)
        response = client.post(VERIFY, {"token": f"{(int(_code(device)) + 1) % 1_000_000:06d}"})
        assert response.status_code == 200
        assert "Koden stämmer inte" in response.content.decode()
        assert AuditEvent.objects.filter(
            action=AuditAction.LOGIN_FAILED, actor=user, detail="Fel engångskod"
        ).exists()
        # django-otp now delays further attempts, so even the right code waits.
        assert client.post(VERIFY, {"token": _code(device)}).status_code == 200
        assert client.get(START).status_code == 302

    def test_a_code_cannot_be_replayed(self, enrolled):
        user, device = enrolled
        code = _code(device)
        first = _logged_in(user)
        assert first.post(VERIFY, {"token": code}).status_code == 302
        second = _logged_in(user)
        assert second.post(VERIFY, {"token": code}).status_code == 200
        assert second.get(START).status_code == 302

    @pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example"])
    def test_next_pointing_elsewhere_is_ignored(self, enrolled, unsafe):
        user, device = enrolled
        client = _logged_in(user)
        page = client.get(VERIFY, {"next": unsafe})
        assert "evil.example" not in page.content.decode().split("<main", 1)[1]
        response = client.post(VERIFY, {"token": _code(device), "next": unsafe})
        assert response["Location"] == START

    def test_user_without_device_is_sent_to_enrol(self, world):
        client = _logged_in(_user_with(world, Role.COACH))
        assert client.get(VERIFY)["Location"].startswith(SETUP)

    def test_verified_user_passes_straight_through(self, as_persona):
        response = as_persona("coach").get(VERIFY)
        assert response.status_code == 302
        assert response["Location"] == START
