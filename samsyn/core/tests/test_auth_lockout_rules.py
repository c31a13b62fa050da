"""The three lock-out counts of samsyn/core/login_lockout.py and how a lock is lifted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.conftest import World
from samsyn.core.selectors.accounts import login_is_locked
from samsyn.core.services.login_lock import login_lock_release

PASSWORD = "korrekt-hast-batteri-1"
LOGIN = reverse("core:login")


def _attempt(username: str, password: str, address: str) -> int:
    response = Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password})
    return response.status_code


def _fail(username: str, address: str, times: int = 1) -> None:
    for _ in range(times):
        _attempt(username, "fel", address)


def test_the_limits_are_the_documented_ones() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.SAMSYN_LOCKOUT_ADDRESS_ATTEMPTS == 20
    assert settings.SAMSYN_LOCKOUT_ACCOUNT_ATTEMPTS == 50
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60


def test_one_address_guessing_many_names_is_locked_out(world: World) -> None:
    for index in range(20):
        _fail(f"gissning{index}", "198.51.100.7")
    # Every name from that address is refused now, even with the right password ...
    assert _attempt("styrgrupp", PASSWORD, "198.51.100.7") == 429
    # ... but the same people elsewhere are not.
    assert _attempt("styrgrupp", PASSWORD, "198.51.100.8") == 302


def test_nineteen_failures_from_one_address_are_not_yet_a_lock(world: World) -> None:
    for index in range(19):
        _fail(f"gissning{index}", "198.51.100.7")
    assert _attempt("styrgrupp", PASSWORD, "198.51.100.7") == 302


def test_one_name_guessed_from_many_addresses_is_locked_everywhere(world: World) -> None:
    for machine in range(10):
        _fail("coach", f"203.0.113.{machine}", times=5)
    assert _attempt("coach", PASSWORD, "192.0.2.200") == 429
    assert login_is_locked(user=world["coach"])


def test_forty_nine_failures_from_many_addresses_leave_a_new_address_open(
    world: World,
) -> None:
    for machine in range(7):
        _fail("coach", f"203.0.113.{machine}", times=7)
    assert _attempt("coach", PASSWORD, "192.0.2.200") == 302


def test_success_clears_only_that_name_from_that_address(world: World) -> None:
    _fail("coach", "203.0.113.1", times=4)
    _fail("coach", "203.0.113.2", times=4)
    _fail("granskare", "203.0.113.2", times=2)
    assert _attempt("coach", PASSWORD, "203.0.113.2") == 302
    remaining = set(AccessAttempt.objects.values_list("username", "ip_address"))
    assert remaining == {("coach", "203.0.113.1"), ("granskare", "203.0.113.2")}


def test_release_lifts_the_lock_from_every_address_and_is_logged(world: World) -> None:
    coach = world["coach"]
    _fail("coach", "10.0.0.1", times=5)
    _fail("coach", "10.0.0.2", times=5)
    assert login_is_locked(user=coach)
    assert login_lock_release(actor=world["admin"], user=coach, reason="test") == 2
    assert not login_is_locked(user=coach)
    assert _attempt("coach", PASSWORD, "10.0.0.1") == 302
    event = AuditEvent.objects.get(detail="Inloggningsspärr hävd: test")
    assert event.actor == world["admin"]


def test_release_without_a_lock_writes_nothing(world: World) -> None:
    assert login_lock_release(actor=world["admin"], user=world["coach"], reason="test") == 0
    assert not AuditEvent.objects.filter(detail__startswith="Inloggningsspärr").exists()


def test_address_lock_is_not_lifted_by_releasing_a_user(world: World) -> None:
    for index in range(20):
        _fail(f"gissning{index}", "198.51.100.7")
    login_lock_release(actor=world["admin"], user=world["styrgrupp"], reason="test")
    assert _attempt("styrgrupp", PASSWORD, "198.51.100.7") == 429


class TestAdministratorUnlock:
    def test_admin_sees_the_lock_and_lifts_it(
        self, world: World, as_persona: Callable[[str], Client]
    ) -> None:
        coach = world["coach"]
        _fail("coach", "10.0.0.1", times=5)
        admin = as_persona("admin")
        page = admin.get(reverse("manage:user_detail", args=[coach.pk])).content.decode()
        assert "Tillfälligt låst" in page
        assert "Häv inloggningsspärren" in page
        response = admin.post(reverse("manage:user_login_unlock", args=[coach.pk]))
        assert response.status_code == 302
        assert not AccessAttempt.objects.exists()
        assert AuditEvent.objects.filter(
            action=AuditAction.UPDATE, detail="Inloggningsspärr hävd: av administratör"
        ).exists()
        assert _attempt("coach", PASSWORD, "10.0.0.1") == 302

    def test_unlocked_user_shows_no_button(
        self, world: World, as_persona: Callable[[str], Client]
    ) -> None:
        page = as_persona("admin").get(reverse("manage:user_detail", args=[world["coach"].pk]))
        assert "Häv inloggningsspärren" not in page.content.decode()

    def test_two_factor_reset_also_lifts_the_lock(
        self, world: World, as_persona: Callable[[str], Client]
    ) -> None:
        coach = world["coach"]
        TOTPDevice.objects.create(user=coach, name="telefon", confirmed=True)
        _fail("coach", "10.0.0.1", times=5)
        as_persona("admin").post(reverse("manage:user_two_factor_reset", args=[coach.pk]))
        assert not login_is_locked(user=coach)
        assert AuditEvent.objects.filter(
            detail="Inloggningsspärr hävd: tvåfaktor återställd"
        ).exists()

    @pytest.mark.parametrize("persona", ["coach", "granskare", "styrgrupp", "outsider"])
    def test_others_cannot_unlock(
        self, world: World, as_persona: Callable[[str], Client], persona: str
    ) -> None:
        _fail("insatsansvarig", "10.0.0.1", times=5)
        url = reverse("manage:user_login_unlock", args=[world["insatsansvarig"].pk])
        assert as_persona(persona).post(url).status_code == 404
        assert AccessAttempt.objects.exists()
