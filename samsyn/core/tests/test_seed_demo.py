"""``manage.py seed_demo``: the demo world, its logins and its idempotency.

The demo participants (samsyn/participants/demo/) take seconds to seed and are tested in
samsyn/participants/tests/test_demo_journeys.py; here they are left out, so each test can
seed a fresh world quickly.
"""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.demo_data import (
    DEMO_STAFF_WITHOUT_LOGIN,
    DEMO_USERS,
    FORBUND_SLUG,
    IMPORT_TRIAL_SLUG,
    PARTIES,
)
from samsyn.core.demo_teams import TEAMS
from samsyn.core.kommuner import MUNICIPALITIES
from samsyn.core.models import (
    Forbund,
    GrantDecision,
    Membership,
    Party,
    PartyKind,
    RoleGrantRequest,
    Team,
    TeamMember,
    User,
)
from samsyn.core.orgnr import normalize_organisationsnummer
from samsyn.core.roles import Role
from samsyn.interventions.demo import INTERVENTIONS, STEP_CAPACITIES
from samsyn.interventions.models import (
    ActivityType,
    Capacity,
    Intervention,
    LadderStep,
    Phase,
    ProgressionIndicator,
)

README = Path(settings.BASE_DIR) / "README.md"
MODELS = (
    Forbund,
    Party,
    Team,
    TeamMember,
    Intervention,
    Capacity,
    Phase,
    LadderStep,
    ProgressionIndicator,
    ActivityType,
    User,
    Membership,
    AuditEvent,
)
AUDITED_MODELS = ("Forbund", "Party", "Team", "TeamMember", "Intervention", "Capacity")


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


@pytest.fixture(autouse=True)
def without_participants(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("samsyn.site.demo.seed_demo_journeys", lambda **kwargs: None)


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
    # The four demo interventions, and the one a granted application became (issue #12,
    # samsyn/applications/demo_decisions.py).
    assert counts["Intervention"] == len(INTERVENTIONS) + 1 == 5
    assert counts["Capacity"] == len(STEP_CAPACITIES)


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
    # Running interventions, and the one the demo's decision granted (issue #12), not started.
    assert set(Intervention.objects.values_list("status", flat=True)) == {"pagaende", "beviljad"}
    assert Intervention.objects.filter(status="beviljad", applications__isnull=False).exists()
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
    # Named by type too: the demo's meetings are audited with ids of their own.
    resets = AuditEvent.objects.filter(
        action="update", object_type="core.User", object_id=str(user.pk)
    )
    assert resets.count() == 1


@pytest.mark.django_db
def test_first_run_is_audited_and_second_is_not(debug_on: None) -> None:
    _seed()
    events = AuditEvent.objects.filter(actor_username="seed_demo", action="create")
    created = events.count()
    core_labels = [f"core.{name}" for name in ("Forbund", "Party", "Team", "TeamMember")]
    core_labels += ["interventions.Intervention", "interventions.Capacity"]
    core_labels += ["core.User", "core.Membership"]

    _seed()

    # The intervention the demo's decision granted is created by the decision service, in the
    # name of the förbund's administrator; every other core record by the seed itself.
    core_events = AuditEvent.objects.filter(action="create", object_type__in=core_labels).count()
    assert core_events == sum(_counts()[name] for name in (*AUDITED_MODELS, "User", "Membership"))
    # Money is seeded as one event per intervention; trainings, plan items and goals one each.
    assert events.filter(detail__startswith="Demodata: ekonomi").count() == 3
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


@pytest.mark.django_db
def test_demo_interventions_look_like_the_seeds(debug_on: None) -> None:
    _seed()

    by_slug = {item.slug: item for item in Intervention.objects.all()}
    ips, steps = by_slug["exempeldalen-ips"], by_slug["exempeldalen-steg-for-steg"]
    inventory, trial = by_slug["exempeldalen-resursinventering"], by_slug[IMPORT_TRIAL_SLUG]
    assert ips.methods == ["ips"]
    assert steps.methods == ["mi_stegforflyttning", "bip"] and steps.min_parties_current == 2
    assert inventory.uses_resursinventering and inventory.coaches_share_caseload
    assert ips.partner_parties.count() == 5
    # Target groups: the demo's people are of the ages these name (participants/demo/cast.py).
    assert ips.target_group.startswith("Unga vuxna 20–29 år")
    assert "18–64 år" in steps.target_group and "18–64 år" in inventory.target_group
    for intervention in (steps, inventory, trial):
        assert list(intervention.phases.values_list("name", flat=True)) == [
            "Kartläggning",
            "Aktivitet",
            "Prövning",
            "Avslut",
        ]
        assert intervention.ladder_steps.count() == 7
    # IPS places first (seed 000): its own phases and milestones, no prevocational rung.
    assert list(ips.phases.values_list("name", flat=True)) == [
        "Inskrivning och engagemang",
        "Karriärprofil",
        "Jobbsökande och arbetsgivarkontakter",
        "I arbete eller studier med fortlöpande stöd",
        "Avslut",
    ]
    assert ips.ladder_steps.count() == 5
    assert not ips.ladder_steps.filter(name="Arbetsträning eller praktik").exists()
    indicators = ProgressionIndicator.objects.values_list("intervention__slug", flat=True)
    assert set(indicators) == {steps.slug}  # BIP's indicators, for the BIP intervention only
    # The fourteen step-by-step defaults and the five IPS ones.
    assert ActivityType.objects.filter(forbund=steps.forbund).count() == 19
    places = dict(steps.capacities.values_list("municipality_code", "places"))
    assert places == {"1783": 17, "1763": 17, "1762": 6}
    assert all(code in MUNICIPALITIES for code in places)
    assert trial.is_individual and (trial.start_date, trial.end_date) == (
        datetime.date(2020, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert not trial.registrations.exists() and not trial.referrals.exists()


@pytest.mark.django_db
def test_demo_staff_work_in_the_demo_interventions(debug_on: None) -> None:
    _seed()

    def limited_to(username: str) -> set[str]:
        membership = Membership.objects.get(user__username=username)
        return set(membership.interventions.values_list("slug", flat=True))

    journeys = {"exempeldalen-ips", "exempeldalen-steg-for-steg", "exempeldalen-resursinventering"}
    assert limited_to("insatsansvarig") == journeys | {IMPORT_TRIAL_SLUG}
    assert limited_to("coach") == journeys
    for spec in DEMO_STAFF_WITHOUT_LOGIN:
        colleague = User.objects.get(username=spec.username)
        assert colleague.is_demo_account and not colleague.has_usable_password()
        assert limited_to(spec.username) == journeys


@pytest.mark.django_db
def test_a_colleague_without_login_cannot_log_in(debug_on: None, settings) -> None:
    settings.SAMSYN_DEMO = True
    _seed()

    for spec in DEMO_STAFF_WITHOUT_LOGIN:
        response = Client().post(reverse("core:login"), {"username": spec.username, "password": ""})
        assert response.status_code == 200  # the form again, with its error


@pytest.mark.django_db
def test_an_older_demo_is_completed_once(debug_on: None) -> None:
    """A demo seeded before the interventions had methods, structure and staff gets them."""
    _seed()
    inventory = Intervention.objects.get(slug="exempeldalen-resursinventering")
    Intervention.objects.filter(pk=inventory.pk).update(methods=[], coaches_share_caseload=False)
    inventory.phases.all().delete()
    inventory.ladder_steps.all().delete()
    coach = Membership.objects.get(user__username="coach")
    coach.interventions.remove(inventory)

    first = _seed()
    counts, snapshot = _counts(), _snapshot()
    second = _seed()

    inventory.refresh_from_db()
    assert inventory.methods == ["resursinventering"] and inventory.coaches_share_caseload
    assert inventory.phases.count() == 4 and inventory.ladder_steps.count() == 7
    assert coach.interventions.filter(pk=inventory.pk).exists()
    updates = AuditEvent.objects.filter(actor_username="seed_demo", action="update")
    assert set(updates.values_list("detail", flat=True)) == {
        f"Demodata kompletterad: {inventory.name}",
        "Demoroll utökad: coach",
    }
    assert "Kompletterat från en äldre demodata: exempeldalen-resursinventering, coach." in first
    assert (_counts(), _snapshot()) == (counts, snapshot)
    assert "inget ändrades" in second


def test_readme_describes_the_demo_interventions_and_colleagues() -> None:
    text = README.read_text(encoding="utf-8")
    for intervention in INTERVENTIONS:
        assert intervention.name in text, intervention.name
        assert f"`{intervention.slug}`" in text, intervention.slug
    for colleague in DEMO_STAFF_WITHOUT_LOGIN:
        assert f"`{colleague.username}`" in text


@pytest.mark.django_db
def test_demo_roles_are_recorded_as_preapproved_and_styrgrupp_approves(debug_on: None) -> None:
    """Every persona keeps its role; roles that need approval are on record as pre-approved,
    and the demo förbund names an approver so its single administrator can grant roles."""
    _seed()
    _seed()
    forbund = Forbund.objects.get(slug=FORBUND_SLUG)
    for spec in DEMO_USERS:
        assert Membership.objects.filter(
            user__username=spec.username, role=spec.role, is_active=True
        ).exists()
    grants = RoleGrantRequest.objects.filter(forbund=forbund)
    assert grants.filter(decision=GrantDecision.PENDING).count() == 0
    preapproved = set(grants.values_list("user__username", "role"))
    assert ("granskare", Role.GRANSKARE) in preapproved
    assert ("admin", Role.FORBUNDSADMIN) in preapproved
    assert not any(role == Role.STYRGRUPP for _, role in preapproved)
    assert grants.count() == len(preapproved)  # once, not again on the second run
    assert list(forbund.role_grant_approvers.values_list("username", flat=True)) == ["styrgrupp"]
