"""``manage.py seed_demo``: the demo world, its logins and its idempotency."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.demo_data import DEMO_USERS, FORBUND_SLUG, PARTIES, TEAMS
from samsyn.core.models import Forbund, Membership, Party, PartyKind, Team, TeamMember, User
from samsyn.core.orgnr import normalize_organisationsnummer
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention

README = Path(settings.BASE_DIR) / "README.md"
MODELS = (Forbund, Party, Team, TeamMember, Intervention, User, Membership, AuditEvent)


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _snapshot() -> dict[str, object]:
    """Every row's version and every password hash: a second run must not touch them."""
    return {
        "versions": sorted(
            (model.__name__, pk, version)
            for model in (Forbund, Party, Team, Intervention, Membership, User)
            for pk, version in model.objects.values_list("pk", "version")
        ),
        "passwords": dict(User.objects.values_list("username", "password")),
        "members": sorted(TeamMember.objects.values_list("pk", "party_id", "function")),
    }


@pytest.fixture
def debug_on(settings) -> None:
    settings.DEBUG = True


@pytest.mark.django_db
def test_second_run_changes_and_duplicates_nothing(debug_on: None) -> None:
    first_output = _seed()
    counts, snapshot = _counts(), _snapshot()

    second_output = _seed()

    assert _counts() == counts
    assert _snapshot() == snapshot
    assert "(nya: 6)" in first_output
    assert "inget ändrades" in second_output
    assert counts["Party"] == len(PARTIES)
    assert counts["Team"] == len(TEAMS)
    assert counts["TeamMember"] == sum(len(team.members) for team in TEAMS)
    assert counts["Intervention"] == 3


@pytest.mark.django_db
def test_every_role_has_a_demo_user(debug_on: None) -> None:
    _seed()

    roles = set(
        Membership.objects.filter(
            forbund__slug=FORBUND_SLUG, is_active=True, user__is_demo_account=True
        ).values_list("role", flat=True)
    )

    assert roles == set(Role.values)


@pytest.mark.django_db
def test_demo_world_is_exempeldalen(debug_on: None) -> None:
    _seed()

    forbund = Forbund.objects.get(slug=FORBUND_SLUG)
    parties = Party.objects.filter(forbund=forbund)
    kinds = sorted(parties.values_list("kind", flat=True))
    assert forbund.name == "Samordningsförbundet Exempeldalen"
    assert kinds == sorted(["forsakringskassan", "arbetsformedlingen", "region"] + ["kommun"] * 3)
    for party in parties:
        assert normalize_organisationsnummer(party.organisationsnummer) == party.organisationsnummer
        assert (party.kind == PartyKind.KOMMUN) == bool(party.municipality_code)
    assert set(Intervention.objects.values_list("status", flat=True)) == {"pagaende"}
    handlaggare = Membership.objects.get(user__username="handlaggare")
    assert handlaggare.party is not None and handlaggare.party.name == "Försäkringskassan"
    seat = TeamMember.objects.filter(user=None).first()
    assert seat is not None and seat.name and seat.phone.startswith("070-174 06")


@pytest.mark.django_db
def test_demo_users_are_demo_accounts_with_argon2_hashes(debug_on: None) -> None:
    _seed()

    for spec in DEMO_USERS:
        user = User.objects.get(username=spec.username)
        assert user.is_demo_account and user.is_active, spec.username
        assert user.password.startswith("argon2$"), spec.username
        assert user.email.endswith("@exempeldalen.example")
        assert user.first_name and user.last_name
        validate_password(spec.password, user)  # raises when a validator refuses it


@pytest.mark.django_db
def test_each_demo_user_logs_in_through_the_form_without_totp(debug_on: None, settings) -> None:
    settings.SAMSYN_DEMO = True
    _seed()

    for spec in DEMO_USERS:
        client = Client()
        response = client.post(
            reverse("core:login"), {"username": spec.username, "password": spec.password}
        )
        assert response.status_code == 302, spec.username
        assert response["Location"] == reverse("core:start")
        start = client.get(reverse("core:start"))
        assert start.status_code == 200, spec.username
        assert "Samordningsförbundet Exempeldalen" in start.content.decode()


@pytest.mark.django_db
def test_a_changed_demo_password_is_reset_to_the_readme_one(debug_on: None) -> None:
    _seed()
    user = User.objects.get(username="coach")
    user.set_password("ett-annat-hemligt-ord")
    user.is_active = False
    user.save()

    output = _seed()

    user.refresh_from_db()
    assert user.is_active
    assert user.check_password("Samsyn-demo-coach-2026")
    assert "Återställda demokonton: coach." in output
    assert AuditEvent.objects.filter(action="update", object_id=str(user.pk)).count() == 1


@pytest.mark.django_db
def test_first_run_is_audited_and_second_is_not(debug_on: None) -> None:
    _seed()
    created = AuditEvent.objects.filter(actor_username="seed_demo", action="create").count()

    _seed()

    assert created == sum(
        _counts()[name]
        for name in ("Forbund", "Party", "Team", "TeamMember", "Intervention", "User", "Membership")
    )
    assert AuditEvent.objects.filter(actor_username="seed_demo").count() == created


@pytest.mark.django_db
def test_refused_with_debug_off_unless_forced(settings) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=1"):
        _seed()
    assert not Forbund.objects.exists()

    _seed("--force")
    assert Forbund.objects.filter(slug=FORBUND_SLUG).exists()


@pytest.mark.django_db
def test_a_real_account_with_a_demo_name_is_left_alone(debug_on: None) -> None:
    real = User.objects.create_user(username="granskare", password="ett-riktigt-lösenord-1")
    password_before = real.password

    with pytest.raises(CommandError, match="granskare"):
        _seed()

    real.refresh_from_db()
    assert real.password == password_before and not real.is_demo_account
    assert not Forbund.objects.exists()  # all or nothing


def test_readme_lists_every_demo_login() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    for spec in DEMO_USERS:
        rows = [line for line in lines if f"`{spec.username}`" in line and spec.password in line]
        assert len(rows) >= 2, f"{spec.username} missing from the Swedish or English table"


def test_team_seats_without_a_user_have_a_unique_natural_key() -> None:
    for team in TEAMS:
        keys = [(m.party, m.function) for m in team.members if m.user is None]
        assert len(keys) == len(set(keys)), team.name
