"""Reads behind the förbundsadministratör's pages, always starting from core.selectors.scoping.

Everything here is limited to the förbund the acting user administers: a record of another
förbund is not in the queryset, so the pages answer 404 and never reveal that it exists.
Opening a team roster or a user's account reads personal data of staff, so those two reads
leave a view event in the access log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import (
    Forbund,
    Membership,
    Party,
    RoleGrantRequest,
    Team,
    TeamMember,
    User,
)
from samsyn.core.roles import Role
from samsyn.core.selectors.accounts import login_is_locked
from samsyn.core.selectors.intervention_scope import interventions_by_name, interventions_visible_to
from samsyn.core.selectors.role_grants import pending_grants_for_user
from samsyn.core.selectors.scoping import (
    ForbundIds,
    forbund_ids_for,
    forbunds_administered_by,
    memberships_visible_to,
    parties_visible_to,
    team_members_visible_to,
    teams_visible_to,
    users_visible_to,
)

ADMIN = Role.FORBUNDSADMIN


def _administered_ids(actor: User) -> ForbundIds:
    return forbund_ids_for(actor, ADMIN)


# --- the actor's förbund ------------------------------------------------------------------


def administered_forbund_list(*, actor: User) -> list[Forbund]:
    """The förbund the actor administers; a 404 when there is none, so the management pages
    do not exist for anyone else."""
    forbunds = list(forbunds_administered_by(actor).order_by("name"))
    if not forbunds:
        raise Http404
    return forbunds


def administered_forbund_get(*, actor: User, forbund_id: int) -> Forbund:
    """A förbund the actor administers; a 404 for any other."""
    return get_object_or_404(forbunds_administered_by(actor), pk=forbund_id)


def administers(*, actor: User, forbund_id: int) -> bool:
    return forbunds_administered_by(actor).filter(pk=forbund_id).exists()


# --- parties ------------------------------------------------------------------------------


def party_list(*, actor: User) -> QuerySet[Party]:
    return (
        parties_visible_to(actor)
        .filter(forbund_id__in=_administered_ids(actor))
        .select_related("forbund")
        .order_by("forbund__name", "kind", "name")
    )


def party_get(*, actor: User, party_id: int) -> Party:
    return get_object_or_404(party_list(actor=actor), pk=party_id)


def active_party_choices(*, actor: User, forbund_id: int | None = None) -> QuerySet[Party]:
    parties = party_list(actor=actor).filter(is_active=True)
    if forbund_id is not None:
        parties = parties.filter(forbund_id=forbund_id)
    return parties


def intervention_choices(*, actor: User) -> QuerySet[Any]:
    return (
        interventions_visible_to(actor, ADMIN)
        .filter(forbund_id__in=_administered_ids(actor))
        .select_related("forbund")
        .order_by("forbund__name", "name")
    )


# --- teams --------------------------------------------------------------------------------


def team_list(*, actor: User) -> QuerySet[Team]:
    return (
        teams_visible_to(actor)
        .filter(forbund_id__in=_administered_ids(actor))
        .select_related("forbund")
        .annotate(member_count=Count("members"))
        .order_by("forbund__name", "name")
    )


def team_get(*, actor: User, team_id: int) -> Team:
    teams = teams_visible_to(actor).filter(forbund_id__in=_administered_ids(actor))
    return get_object_or_404(teams.select_related("forbund"), pk=team_id)


def team_member_list(*, actor: User, team: Team) -> list[TeamMember]:
    """The team's roster with contact details; reading it is logged."""
    members = list(
        team_members_visible_to(actor)
        .filter(team=team)
        .select_related("user", "party")
        .order_by("party__name", "id")
    )
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        forbund=team.forbund,
        role=ADMIN.value,
        obj=team,
        detail="Teammedlemmar visade",
    )
    return members


def team_member_get(*, actor: User, team: Team, member_id: int) -> TeamMember:
    members = team_members_visible_to(actor).filter(team=team).select_related("team__forbund")
    return get_object_or_404(members, pk=member_id)


def team_member_user_choices(*, actor: User, team: Team) -> QuerySet[User]:
    """Active accounts with an active role in the team's förbund."""
    roles = Membership.objects.filter(
        user=OuterRef("pk"), forbund_id=team.forbund_id, is_active=True
    )
    return managed_user_queryset(actor=actor).filter(Exists(roles), is_active=True)


# --- users and memberships ----------------------------------------------------------------


def managed_user_queryset(*, actor: User) -> QuerySet[User]:
    """Accounts with a role (active or not) in a förbund the actor administers."""
    in_administered = Membership.objects.filter(
        user=OuterRef("pk"), forbund_id__in=_administered_ids(actor)
    )
    # An account created with a role that waits for approval has no membership yet.
    asked_for = RoleGrantRequest.objects.filter(
        user=OuterRef("pk"), forbund_id__in=_administered_ids(actor)
    )
    return users_visible_to(actor).filter(Exists(in_administered) | Exists(asked_for))


def is_managed_user(*, actor: User, user: User) -> bool:
    return managed_user_queryset(actor=actor).filter(pk=user.pk).exists()


def _managed_memberships(actor: User) -> QuerySet[Membership]:
    return (
        memberships_visible_to(actor)
        .filter(forbund_id__in=_administered_ids(actor))
        .select_related("forbund", "party")
        .order_by("forbund__name", "-is_active", "role")
    )


def user_list(*, actor: User) -> QuerySet[User]:
    """Accounts of the actor's förbund with their active roles there and whether they have
    enrolled a second factor, in a fixed number of queries."""
    active_roles = _managed_memberships(actor).filter(is_active=True)
    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        managed_user_queryset(actor=actor)
        .annotate(two_factor_enrolled=Exists(enrolled))
        .prefetch_related(Prefetch("memberships", active_roles, to_attr="managed_roles"))
        .order_by("last_name", "first_name", "username")
    )


def user_get(*, actor: User, user_id: int) -> User:
    return get_object_or_404(managed_user_queryset(actor=actor), pk=user_id)


def account_blocker(*, actor: User, user: User) -> str:
    """Why the actor may not change the account as a whole ('' when it may).

    A person can hold roles in several förbund with one account. Each förbund's administrator
    manages the roles in its own förbund; deactivating, renaming or resetting the account
    itself would also act in the other förbund, so it needs an administrator of all of them.
    """
    if (user.is_superuser or user.is_staff) and not actor.is_superuser:
        return _("Kontot är ett driftkonto och hanteras av systemförvaltningen.")
    elsewhere = Membership.objects.filter(user=user, is_active=True).exclude(
        forbund_id__in=_administered_ids(actor)
    )
    if elsewhere.exists():
        return _(
            "Kontot har också roller i förbund som du inte administrerar. Du kan ändra "
            "rollerna i ditt förbund, men själva kontot ändras av en administratör för "
            "alla förbund där det har roller."
        )
    return ""


@dataclass
class UserDetail:
    user: User
    memberships: list[Membership]
    has_two_factor: bool
    has_roles_elsewhere: bool
    account_blocker: str
    login_locked: bool
    pending_grants: list[RoleGrantRequest]


def user_detail(*, actor: User, user_id: int) -> UserDetail:
    """One account with its roles in the actor's förbund; reading it is logged."""
    user = user_get(actor=actor, user_id=user_id)
    memberships = list(
        _managed_memberships(actor)
        .filter(user=user)
        .prefetch_related(Prefetch("interventions", interventions_by_name()))
    )
    elsewhere = Membership.objects.filter(user=user, is_active=True).exclude(
        forbund_id__in=_administered_ids(actor)
    )
    for forbund in {m.forbund_id: m.forbund for m in memberships}.values():
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            forbund=forbund,
            role=ADMIN.value,
            obj=user,
            detail="Användarkonto visat",
        )
    return UserDetail(
        user=user,
        memberships=memberships,
        has_two_factor=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        has_roles_elsewhere=elsewhere.exists(),
        account_blocker=account_blocker(actor=actor, user=user),
        login_locked=login_is_locked(user=user),
        pending_grants=pending_grants_for_user(actor=actor, user=user),
    )


def membership_get(*, actor: User, user: User, membership_id: int) -> Membership:
    memberships = _managed_memberships(actor).filter(user=user).select_related("user")
    return get_object_or_404(memberships, pk=membership_id)
