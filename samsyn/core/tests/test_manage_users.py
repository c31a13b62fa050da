"""Users and memberships: create, edit, roles, (de)activation, two-factor reset."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.models import Membership, RoleGrantRequest, User
from samsyn.core.roles import Role
from samsyn.core.services import accounts
from samsyn.core.services.role_grants import grant_request_approve
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory, UserFactory
from samsyn.core.versioning import STALE_EDIT_MESSAGE
from samsyn.testing.queries import QueryCount

CREATE = reverse("manage:user_create")


def _user_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "kim.coach",
        "first_name": "Kim",
        "last_name": "Karlsson",
        "email": "kim@testdalen.se",
        "role": Role.COACH,
    }
    data.update(overrides)
    return data


def _detail(user: User) -> str:
    return reverse("manage:user_detail", args=[user.pk])


def _approve_all(world: World) -> None:
    """A second förbundsadministratör approves every pending role (issue #11, item 1)."""
    second = UserFactory(username="admin2")
    MembershipFactory(user=second, forbund=world.forbund, role=Role.FORBUNDSADMIN)
    for request in RoleGrantRequest.objects.filter(decision="pending"):
        grant_request_approve(actor=second, request_id=request.pk)


def _membership_of(user: User, role: Role) -> Membership:
    return Membership.objects.get(user=user, role=role)


# --- create -------------------------------------------------------------------------------


def test_create_user_with_first_role(as_persona: Callable[[str], Client], world: World) -> None:
    data = _user_data(interventions=[world.intervention.pk], party=world.kommun.pk)
    response = as_persona("admin").post(CREATE, data)
    user = User.objects.get(username="kim.coach")
    # The administrator sees the activation link once; the account has no usable password.
    assert response.status_code == 200
    assert "/aktivera/" in response.content.decode()
    assert not user.has_usable_password()
    # A coach sees personal data: the role waits for a second administrator.
    assert not user.memberships.exists()
    _approve_all(world)
    membership = user.memberships.get()
    assert (membership.forbund, membership.role, membership.party) == (
        world.forbund,
        Role.COACH,
        world.kommun,
    )
    assert list(membership.interventions.all()) == [world.intervention]
    events = AuditEvent.objects.filter(action="create", forbund=world.forbund).order_by("id")
    assert [(e.object_type, e.detail) for e in events] == [
        ("core.User", "Konto skapat"),
        ("core.RoleGrantRequest", "Behörighet begärd: Coach/handledare för kim.coach"),
        ("core.User", "Aktiveringslänk skapad"),
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"role": Role.HANDLAGGARE}, "En handläggare måste höra till en part. Välj vilken."),
        ({"username": "COACH"}, "Användarnamnet är upptaget. Välj ett annat."),
        ({"username": "kim coach"}, "Användarnamnet får bara innehålla"),
        ({"party": "other"}, "alternativen i listan"),
        ({"interventions": "other"}, "alternativen i listan"),
        (
            {"role": Role.STYRGRUPP, "interventions": "own"},
            "Rollen gäller alltid hela förbundet och kan inte begränsas till vissa insatser.",
        ),
        ({"role": "superhjalte"}, "alternativen i listan"),
    ],
)
def test_bad_user_input_is_refused_in_swedish(
    as_persona: Callable[[str], Client],
    world: World,
    overrides: dict[str, object],
    message: str,
) -> None:
    replacements = {
        "other": {"party": world.other_party.pk, "interventions": world.other_intervention.pk},
        "own": {"interventions": world.intervention.pk},
    }
    for key, value in list(overrides.items()):
        if value in replacements:
            overrides[key] = replacements[value][key]
    users_before = User.objects.count()
    response = as_persona("admin").post(CREATE, _user_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == users_before
    assert not AuditEvent.objects.filter(action="create").exists()


def test_services_check_party_and_interventions_forbund(world: World) -> None:
    common: dict[str, Any] = {
        "actor": world["admin"],
        "forbund": world.forbund,
        "username": "ny",
        "first_name": "Ny",
        "last_name": "Person",
        "email": "ny@testdalen.se",
        "base_url": "https://samsyn.example",
    }
    with pytest.raises(ValidationError) as error:
        accounts.user_create(**common, role=Role.HANDLAGGARE, party=world.other_party)
    assert error.value.message_dict["party"] == ["Parten hör inte till förbundet."]
    with pytest.raises(ValidationError) as error:
        accounts.user_create(**common, role=Role.COACH, interventions=[world.other_intervention])
    assert error.value.message_dict["interventions"] == [
        "En av insatserna hör inte till förbundet."
    ]
    with pytest.raises(Http404):
        accounts.user_create(**{**common, "actor": world["outsider"]}, role=Role.COACH)
    assert not User.objects.filter(username="ny").exists()


# --- edit ---------------------------------------------------------------------------------


def _edit_data(user: User, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "version": user.version,
    }
    data.update(overrides)
    return data


def test_edit_user_is_versioned_and_audited(
    as_persona: Callable[[str], Client], world: World
) -> None:
    coach = world["coach"]
    client = as_persona("admin")
    url = reverse("manage:user_edit", args=[coach.pk])
    assert client.post(url, _edit_data(coach, last_name="Andersson")).status_code == 302
    coach.refresh_from_db()
    assert (coach.last_name, coach.version) == ("Andersson", 2)
    event = AuditEvent.objects.get(action="update", object_type="core.User")
    assert (event.detail, event.forbund_id) == ("Konto ändrat", world.forbund.pk)

    stale = client.post(url, _edit_data(coach, last_name="Berg", version=1))
    assert str(STALE_EDIT_MESSAGE) in stale.content.decode()
    coach.refresh_from_db()
    assert (coach.last_name, coach.version) == ("Andersson", 2)


def test_edit_to_taken_username_is_refused(
    as_persona: Callable[[str], Client], world: World
) -> None:
    coach = world["coach"]
    url = reverse("manage:user_edit", args=[coach.pk])
    response = as_persona("admin").post(url, _edit_data(coach, username="Outsider"))
    assert "Användarnamnet är upptaget. Välj ett annat." in response.content.decode()
    coach.refresh_from_db()
    assert coach.username == "coach"


# --- memberships --------------------------------------------------------------------------


def test_add_role_then_duplicate_is_refused(
    as_persona: Callable[[str], Client], world: World
) -> None:
    coach = world["coach"]
    client = as_persona("admin")
    url = reverse("manage:membership_add", args=[coach.pk])
    data = {"role": Role.HANDLAGGARE, "party": world.fk.pk}
    assert client.post(url, data).status_code == 302
    waiting = client.post(url, data)
    assert "Det finns redan en begäran om den rollen" in waiting.content.decode()
    _approve_all(world)
    added = _membership_of(coach, Role.HANDLAGGARE)
    assert (added.party, added.forbund, added.is_active) == (world.fk, world.forbund, True)

    again = client.post(url, data)
    assert "Användaren har redan den rollen i förbundet." in again.content.decode()
    assert coach.memberships.count() == 2


def test_handlaggare_needs_party_of_the_forbund(
    as_persona: Callable[[str], Client], world: World
) -> None:
    coach = world["coach"]
    url = reverse("manage:membership_add", args=[coach.pk])
    client = as_persona("admin")
    response = client.post(url, {"role": Role.HANDLAGGARE})
    assert "En handläggare måste höra till en part. Välj vilken." in response.content.decode()
    response = client.post(url, {"role": Role.HANDLAGGARE, "party": world.other_party.pk})
    assert "alternativen i listan" in response.content.decode()
    assert coach.memberships.count() == 1
    with pytest.raises(ValidationError):
        accounts.membership_add(
            actor=world["admin"],
            user=coach,
            forbund=world.forbund,
            role=Role.HANDLAGGARE,
            party=world.other_party,
        )


def test_deactivate_and_readd_role(as_persona: Callable[[str], Client], world: World) -> None:
    coach = world["coach"]
    membership = _membership_of(coach, Role.COACH)
    client = as_persona("admin")
    url = reverse("manage:membership_deactivate", args=[coach.pk, membership.pk])
    assert client.post(url, {"version": membership.version}).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert Membership.objects.filter(pk=membership.pk).exists()

    # Adding the same role again brings the old membership back instead of a second row.
    add = reverse("manage:membership_add", args=[coach.pk])
    assert client.post(add, {"role": Role.COACH}).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active  # waits for a second administrator
    _approve_all(world)
    membership.refresh_from_db()
    assert membership.is_active
    assert coach.memberships.count() == 1
    details = AuditEvent.objects.filter(object_type="core.Membership").order_by("id")
    assert [e.detail for e in details] == ["Roll inaktiverad: Coach/handledare"]


def test_stale_role_deactivation_is_refused(
    as_persona: Callable[[str], Client], world: World
) -> None:
    coach = world["coach"]
    membership = _membership_of(coach, Role.COACH)
    url = reverse("manage:membership_deactivate", args=[coach.pk, membership.pk])
    response = as_persona("admin").post(url, {"version": 99}, follow=True)
    assert str(STALE_EDIT_MESSAGE) in response.content.decode()
    membership.refresh_from_db()
    assert membership.is_active


def test_admin_cannot_remove_the_last_admin_role(
    as_persona: Callable[[str], Client], world: World
) -> None:
    admin = world["admin"]
    membership = _membership_of(admin, Role.FORBUNDSADMIN)
    client = as_persona("admin")
    url = reverse("manage:membership_deactivate", args=[admin.pk, membership.pk])
    response = client.post(url, {"version": membership.version}, follow=True)
    assert "Förbundet måste ha minst en aktiv förbundsadministratör." in response.content.decode()
    membership.refresh_from_db()
    assert membership.is_active

    # With a colleague as administrator the role can go, and the pages go with it.
    MembershipFactory(forbund=world.forbund, role=Role.FORBUNDSADMIN)
    response = client.post(url, {"version": membership.version})
    assert response["Location"] == reverse("core:start")
    membership.refresh_from_db()
    assert not membership.is_active
    assert client.get(reverse("manage:user_list")).status_code == 404


def test_admin_of_another_forbund_cannot_touch_our_roles(world: World) -> None:
    membership = _membership_of(world["coach"], Role.COACH)
    with pytest.raises(Http404):
        accounts.membership_set_active(
            actor=world["outsider"], membership=membership, active=False, expected_version=1
        )
    with pytest.raises(Http404):
        accounts.membership_add(
            actor=world["outsider"],
            user=world["coach"],
            forbund=world.other_forbund,
            role=Role.STYRGRUPP,
        )
    assert world["coach"].memberships.count() == 1


# --- the account as a whole ---------------------------------------------------------------


def test_deactivate_and_reactivate_account(
    as_persona: Callable[[str], Client], world: World
) -> None:
    coach = world["coach"]
    client = as_persona("admin")
    url = reverse("manage:user_deactivate", args=[coach.pk])
    assert client.post(url, {"version": coach.version}).status_code == 302
    coach.refresh_from_db()
    assert not coach.is_active
    assert coach.memberships.get().is_active  # the roles are kept for a reactivation
    # An open session of the deactivated account ends at its next request.
    assert as_persona("coach").get(reverse("core:start")).status_code == 302
    client.post(reverse("manage:user_reactivate", args=[coach.pk]), {"version": coach.version})
    coach.refresh_from_db()
    assert coach.is_active
    details = AuditEvent.objects.filter(object_type="core.User", action="update").order_by("id")
    assert [e.detail for e in details] == ["Konto inaktiverat", "Konto återaktiverat"]


def test_admin_cannot_deactivate_itself(as_persona: Callable[[str], Client], world: World) -> None:
    admin = world["admin"]
    url = reverse("manage:user_deactivate", args=[admin.pk])
    response = as_persona("admin").post(url, {"version": admin.version}, follow=True)
    assert "Du kan inte inaktivera ditt eget konto." in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_account_with_roles_elsewhere_is_only_partly_ours(
    as_persona: Callable[[str], Client], world: World
) -> None:
    coach = world["coach"]
    MembershipFactory(user=coach, forbund=world.other_forbund, role=Role.STYRGRUPP)
    TOTPDevice.objects.create(user=coach, name="telefon", confirmed=True)
    client = as_persona("admin")
    page = client.get(_detail(coach)).content.decode()
    assert "Kontot har också roller i förbund som du inte administrerar." in page
    assert reverse("manage:user_deactivate", args=[coach.pk]) not in page

    blocked = "Kontot har också roller i förbund som du inte administrerar."
    for name in ["manage:user_deactivate", "manage:user_two_factor_reset"]:
        response = client.post(reverse(name, args=[coach.pk]), {"version": 1}, follow=True)
        assert blocked in response.content.decode()
    response = client.post(reverse("manage:user_edit", args=[coach.pk]), _edit_data(coach))
    assert blocked in response.content.decode()
    coach.refresh_from_db()
    assert coach.is_active and coach.version == 1
    assert TOTPDevice.objects.filter(user=coach).exists()

    # The role in our own förbund is still ours to remove.
    own = _membership_of(coach, Role.COACH)
    url = reverse("manage:membership_deactivate", args=[coach.pk, own.pk])
    assert client.post(url, {"version": own.version}).status_code == 302
    own.refresh_from_db()
    assert not own.is_active
    assert _membership_of(coach, Role.STYRGRUPP).is_active


def test_reset_two_factor(as_persona: Callable[[str], Client], world: World) -> None:
    coach = world["coach"]
    TOTPDevice.objects.create(user=coach, name="telefon", confirmed=True)
    url = reverse("manage:user_two_factor_reset", args=[coach.pk])
    response = as_persona("admin").post(url)
    assert response.status_code == 200
    assert "/aktivera/" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coach).exists()
    event = AuditEvent.objects.get(object_type="core.User", detail="Tvåfaktor återställd")
    assert event.actor == world["admin"]


def test_account_services_refuse_outsider(world: World) -> None:
    coach = world["coach"]
    TOTPDevice.objects.create(user=coach, name="telefon", confirmed=True)
    with pytest.raises(Http404):
        accounts.user_set_active(
            actor=world["outsider"], user=coach, active=False, expected_version=1
        )
    with pytest.raises(Http404):
        accounts.user_two_factor_reset(
            actor=world["outsider"], user=coach, base_url="https://samsyn.example"
        )
    with pytest.raises(Http404):
        accounts.user_update(
            actor=world["outsider"],
            user=coach,
            expected_version=1,
            username="kapad",
            first_name="K",
            last_name="K",
            email="k@example.se",
        )
    coach.refresh_from_db()
    assert (
        coach.is_active
        and coach.username == "coach"
        and TOTPDevice.objects.filter(user=coach).exists()
    )


# --- lists and details --------------------------------------------------------------------


def test_user_list_shows_roles_and_two_factor(
    as_persona: Callable[[str], Client], world: World
) -> None:
    TOTPDevice.objects.create(user=world["coach"], name="telefon", confirmed=True)
    content = as_persona("admin").get(reverse("manage:user_list")).content.decode()
    assert "Handläggare (remittent), Testby kommun" in content
    assert "Förbundsadministratör" in content
    assert "handlaggare@example.se" in content
    assert content.count("<td>Ja</td>") == 2  # the coach and the admin's own test device


def test_user_detail_logs_the_view(as_persona: Callable[[str], Client], world: World) -> None:
    coach = world["coach"]
    response = as_persona("admin").get(_detail(coach))
    assert "Testinsatsen" in response.content.decode()
    event = AuditEvent.objects.get(action="view", object_type="core.User")
    assert (event.object_id, event.forbund_id) == (str(coach.pk), world.forbund.pk)


def _add_users(world: World, count: int) -> None:
    intervention = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    for index in range(count):
        user = UserFactory()
        MembershipFactory(
            user=user, forbund=world.forbund, role=Role.COACH, interventions=[intervention]
        )
        MembershipFactory(
            user=user, forbund=world.forbund, role=Role.HANDLAGGARE, party=world.kommun
        )
        if index % 2:
            TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)


def test_user_list_queries_do_not_grow(
    as_persona: Callable[[str], Client],
    world: World,
    assert_query_count: QueryCount,
) -> None:
    client = as_persona("admin")
    url = reverse("manage:user_list")
    _add_users(world, 3)
    with assert_query_count(12):
        client.get(url)
    _add_users(world, 27)
    with assert_query_count(12):
        response = client.get(url)
    assert response.content.decode().count("/forvaltning/anvandare/") >= 30
