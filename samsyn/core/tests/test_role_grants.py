"""Separation of duties when roles are granted (issue #11, item 1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World, login_verified
from samsyn.core.models import GrantDecision, Membership, RoleGrantRequest, User
from samsyn.core.roles import Role
from samsyn.core.services import accounts
from samsyn.core.services.role_grants import grant_request_approve, grant_request_refuse
from samsyn.core.tests.factories import MembershipFactory, UserFactory

Persona = Callable[[str], Client]
LIST = reverse("manage:grant_request_list")


@pytest.fixture
def admin2(world: World) -> User:
    """A second förbundsadministratör of the persona förbund."""
    user = UserFactory(username="admin2", first_name="Andra")
    MembershipFactory(user=user, forbund=world.forbund, role=Role.FORBUNDSADMIN)
    world.users["admin2"] = user
    return user


def _add_role(client: Client, user: User, role: str, **extra: str) -> str:
    url = reverse("manage:membership_add", args=[user.pk])
    return client.post(url, {"role": role, **extra}, follow=True).content.decode()


def _refusals() -> list[str]:
    return list(
        AuditEvent.objects.filter(detail__startswith="Rolltilldelning nekad").values_list(
            "detail", flat=True
        )
    )


def _request(world: World, user: str, role: str) -> RoleGrantRequest:
    result = accounts.membership_add(
        actor=world["admin"], user=world[user], forbund=world.forbund, role=role
    )
    assert isinstance(result, RoleGrantRequest)
    return result


class TestNobodyGrantsThemselves:
    @pytest.mark.parametrize("role", [Role.GRANSKARE, Role.INSATSANSVARIG, Role.STYRGRUPP])
    def test_admin_cannot_give_itself_a_role(
        self, world: World, as_persona: Persona, role: str
    ) -> None:
        admin = world["admin"]
        html = _add_role(as_persona("admin"), admin, role)
        assert "Du kan inte ge dig själv en roll" in html
        assert list(Membership.objects.filter(user=admin).values_list("role", flat=True)) == [
            Role.FORBUNDSADMIN
        ]
        assert not RoleGrantRequest.objects.exists()
        assert len(_refusals()) == 1

    def test_admin_cannot_reactivate_its_own_old_role(self, world: World) -> None:
        admin = world["admin"]
        old = MembershipFactory(user=admin, forbund=world.forbund, role=Role.GRANSKARE)
        Membership.objects.filter(pk=old.pk).update(is_active=False)
        old.refresh_from_db()
        with pytest.raises(ValidationError):
            accounts.membership_set_active(
                actor=admin, membership=old, active=True, expected_version=old.version
            )
        old.refresh_from_db()
        assert not old.is_active
        assert len(_refusals()) == 1


class TestRolesNeedingApproval:
    @pytest.mark.parametrize(
        "role",
        [Role.INSATSANSVARIG, Role.COACH, Role.GRANSKARE, Role.FORBUNDSADMIN],
    )
    def test_role_becomes_a_pending_request(
        self, world: World, as_persona: Persona, admin2: User, role: str
    ) -> None:
        styrgrupp = world["styrgrupp"]
        html = _add_role(as_persona("admin"), styrgrupp, role)
        assert "väntar nu på att en annan person godkänner" in html
        assert not Membership.objects.filter(user=styrgrupp, role=role).exists()
        request = RoleGrantRequest.objects.get()
        assert (request.role, request.decision) == (role, GrantDecision.PENDING)
        assert request.requested_by == world["admin"]
        assert AuditEvent.objects.filter(detail__startswith="Behörighet begärd").count() == 1

    def test_handlaggare_request_keeps_its_party(self, world: World, admin2: User) -> None:
        result = accounts.membership_add(
            actor=world["admin"],
            user=world["styrgrupp"],
            forbund=world.forbund,
            role=Role.HANDLAGGARE,
            party=world.kommun,
        )
        assert isinstance(result, RoleGrantRequest)
        grant_request_approve(actor=admin2, request_id=result.pk)
        membership = Membership.objects.get(user=world["styrgrupp"], role=Role.HANDLAGGARE)
        assert membership.party == world.kommun

    def test_styrgrupp_takes_effect_at_once(self, world: World, as_persona: Persona) -> None:
        coach = world["coach"]
        html = _add_role(as_persona("admin"), coach, Role.STYRGRUPP)
        assert "Rollen är tillagd" in html
        assert Membership.objects.filter(user=coach, role=Role.STYRGRUPP, is_active=True).exists()
        assert not RoleGrantRequest.objects.exists()

    def test_second_admin_approves(self, world: World, admin2: User, as_persona: Persona) -> None:
        request = _request(world, "styrgrupp", Role.COACH)
        client = login_verified(Client(), admin2)
        assert "styrgrupp" in client.get(LIST).content.decode()
        response = client.post(reverse("manage:grant_request_approve", args=[request.pk]))
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.decision == GrantDecision.APPROVED
        assert request.decided_by == admin2
        assert request.membership is not None and request.membership.is_active
        assert AuditEvent.objects.filter(detail__startswith="Behörighet godkänd").count() == 1

    def test_requester_cannot_approve_own_request(
        self, world: World, admin2: User, as_persona: Persona
    ) -> None:
        request = _request(world, "styrgrupp", Role.GRANSKARE)
        client = as_persona("admin")
        assert "Du begärde rollen själv" in client.get(LIST).content.decode()
        client.post(reverse("manage:grant_request_approve", args=[request.pk]))
        request.refresh_from_db()
        assert request.decision == GrantDecision.PENDING
        assert not Membership.objects.filter(user=world["styrgrupp"], role="granskare").exists()
        assert len(_refusals()) == 1

    def test_grantee_cannot_approve_its_own_role(self, world: World, admin2: User) -> None:
        request = _request(world, "admin2", Role.GRANSKARE)
        with pytest.raises(ValidationError):
            grant_request_approve(actor=admin2, request_id=request.pk)
        request.refresh_from_db()
        assert request.decision == GrantDecision.PENDING
        assert len(_refusals()) == 1

    def test_refusal_needs_a_reason_and_is_logged(self, world: World, admin2: User) -> None:
        request = _request(world, "styrgrupp", Role.INSATSANSVARIG)
        client = login_verified(Client(), admin2)
        url = reverse("manage:grant_request_refuse", args=[request.pk])
        client.post(url, {"reason": "  "})
        request.refresh_from_db()
        assert request.decision == GrantDecision.PENDING
        client.post(url, {"reason": "Arbetar inte med insatsen."})
        request.refresh_from_db()
        assert request.decision == GrantDecision.REFUSED
        assert request.reason == "Arbetar inte med insatsen."
        assert not Membership.objects.filter(user=world["styrgrupp"], role="insatsansvarig")
        event = AuditEvent.objects.get(detail__startswith="Behörighet avslagen")
        assert "Arbetar inte med insatsen." in event.detail
        page = client.get(LIST).content.decode()
        assert "Avslagen" in page and "Arbetar inte med insatsen." in page

    def test_decided_request_cannot_be_decided_again(self, world: World, admin2: User) -> None:
        request = _request(world, "styrgrupp", Role.COACH)
        grant_request_refuse(actor=admin2, request_id=request.pk, reason="Nej")
        with pytest.raises(ValidationError):
            grant_request_approve(actor=admin2, request_id=request.pk)

    def test_reactivating_a_role_needs_approval_again(self, world: World, admin2: User) -> None:
        coach = world["coach"]
        membership = Membership.objects.get(user=coach)
        accounts.membership_set_active(
            actor=world["admin"],
            membership=membership,
            active=False,
            expected_version=membership.version,
        )
        membership.refresh_from_db()
        result = accounts.membership_set_active(
            actor=world["admin"],
            membership=membership,
            active=True,
            expected_version=membership.version,
        )
        assert isinstance(result, RoleGrantRequest)
        membership.refresh_from_db()
        assert not membership.is_active
        grant_request_approve(actor=admin2, request_id=result.pk)
        membership.refresh_from_db()
        assert membership.is_active
        assert list(membership.interventions.all()) == [world.intervention]

    def test_new_account_with_a_data_role_waits_for_approval(
        self, world: World, as_persona: Persona
    ) -> None:
        client = as_persona("admin")
        response = client.post(
            reverse("manage:user_create"),
            {
                "username": "nykomling",
                "first_name": "Ny",
                "last_name": "Komling",
                "email": "ny@testby.se",
                "password1": "korrekt-hast-batteri-9",
                "password2": "korrekt-hast-batteri-9",
                "role": Role.COACH,
            },
            follow=True,
        )
        html = response.content.decode()
        assert "väntar nu på att en annan person godkänner" in html
        user = User.objects.get(username="nykomling")
        assert not user.memberships.exists()
        assert RoleGrantRequest.objects.get().user == user
        # The account is still the administrator's to see while the role waits.
        assert "nykomling" in client.get(reverse("manage:user_list")).content.decode()
        detail = client.get(reverse("manage:user_detail", args=[user.pk])).content.decode()
        assert "Roller som väntar på godkännande" in detail


class TestNamedApprovers:
    def test_only_named_approvers_decide(self, world: World, admin2: User) -> None:
        chef = UserFactory(username="chef", first_name="Förbundschef")
        MembershipFactory(user=chef, forbund=world.forbund, role=Role.STYRGRUPP)
        world.forbund.role_grant_approvers.add(chef)
        request = _request(world, "styrgrupp", Role.COACH)
        with pytest.raises(ValidationError):
            grant_request_approve(actor=admin2, request_id=request.pk)
        chef_client = login_verified(Client(), chef)
        assert "styrgrupp" in chef_client.get(LIST).content.decode()
        chef_client.post(reverse("manage:grant_request_approve", args=[request.pk]))
        request.refresh_from_db()
        assert request.decision == GrantDecision.APPROVED
        assert request.decided_by == chef
        approval = AuditEvent.objects.get(detail__startswith="Behörighet godkänd")
        assert (approval.actor, approval.role) == (chef, "")

    def test_single_admin_without_approver_is_told(self, as_persona: Persona) -> None:
        html = as_persona("admin").get(LIST).content.decode()
        assert "har bara en förbundsadministratör och ingen utsedd godkännare" in html

    def test_no_warning_with_two_admins(self, as_persona: Persona, admin2: User) -> None:
        html = as_persona("admin").get(LIST).content.decode()
        assert "ingen utsedd godkännare" not in html


class TestGranskareIsNotCombined:
    @pytest.mark.parametrize("persona", ["coach", "insatsansvarig", "handlaggare"])
    def test_no_granskare_for_someone_working_with_participants(
        self, world: World, persona: str
    ) -> None:
        with pytest.raises(ValidationError, match="får inte samtidigt arbeta med deltagare"):
            _request(world, persona, Role.GRANSKARE)
        assert not RoleGrantRequest.objects.exists()
        assert len(_refusals()) == 1

    @pytest.mark.parametrize("role", [Role.COACH, Role.INSATSANSVARIG])
    def test_no_participant_role_for_a_granskare(self, world: World, role: str) -> None:
        with pytest.raises(ValidationError, match="Personen är granskare"):
            _request(world, "granskare", role)
        assert len(_refusals()) == 1

    def test_pending_request_counts_too(self, world: World, admin2: User) -> None:
        _request(world, "styrgrupp", Role.COACH)
        with pytest.raises(ValidationError):
            _request(world, "styrgrupp", Role.GRANSKARE)

    def test_other_forbund_does_not_count(self, world: World) -> None:
        # The outsider's förbund is another förbund: being coach here does not stop it.
        MembershipFactory(user=world["coach"], forbund=world.other_forbund, role=Role.STYRGRUPP)
        result = accounts.membership_add(
            actor=world["outsider"],
            user=world["coach"],
            forbund=world.other_forbund,
            role=Role.GRANSKARE,
        )
        assert isinstance(result, RoleGrantRequest)


class TestWhoReachesTheApprovalPage:
    @pytest.mark.parametrize(
        "persona", ["insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "nobody"]
    )
    def test_others_get_404(self, world: World, as_persona: Persona, persona: str) -> None:
        request = _request(world, "styrgrupp", Role.COACH)
        client = as_persona(persona)
        assert client.get(LIST).status_code == 404
        for name in ["manage:grant_request_approve", "manage:grant_request_refuse"]:
            url = reverse(name, args=[request.pk])
            assert client.post(url, {"reason": "x"}).status_code == 404
        request.refresh_from_db()
        assert request.decision == GrantDecision.PENDING

    def test_other_forbunds_requests_are_404(self, world: World, as_persona: Persona) -> None:
        request = _request(world, "styrgrupp", Role.COACH)
        client = as_persona("outsider")
        page = client.get(LIST)
        assert page.status_code == 200
        assert "styrgrupp" not in page.content.decode()
        for name in ["manage:grant_request_approve", "manage:grant_request_refuse"]:
            url = reverse(name, args=[request.pk])
            assert client.post(url, {"reason": "x"}).status_code == 404
        request.refresh_from_db()
        assert request.decision == GrantDecision.PENDING

    def test_actions_refuse_get(self, world: World, as_persona: Persona, admin2: User) -> None:
        request = _request(world, "styrgrupp", Role.COACH)
        client = login_verified(Client(), admin2)
        for name in ["manage:grant_request_approve", "manage:grant_request_refuse"]:
            assert client.get(reverse(name, args=[request.pk])).status_code == 405
