"""Core's part of the demo (``manage.py seed_demo``): the förbund, its parties, the demo
users with their roles, and the teams, from the constants in ``demo_data.py`` and
``demo_teams.py``. ``samsyn.site.demo`` runs this and every other app's step in order.

Seeding is idempotent: every record is looked up by its natural key (förbund slug, party
name, team name, username, ...) and only created when missing. Records that exist are left
as they are, so what someone changed while trying the demo survives the next ``make run``,
with two exceptions: demo users get their README password, their demo-account flag and their
active status back, so the README logins always work; and a role seeded before an
intervention existed is given it once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import (
    DEMO_STAFF_WITHOUT_LOGIN,
    DEMO_USERS,
    FORBUND_NAME,
    FORBUND_ORGANISATIONSNUMMER,
    FORBUND_SLUG,
    PARTIES,
    SEED_ACTOR,
    DemoSeedConflict,
    DemoUserSpec,
    SeedSummary,
)
from samsyn.core.demo_teams import TEAMS
from samsyn.core.models import (
    Forbund,
    Membership,
    Party,
    Team,
    TeamMember,
    User,
)
from samsyn.core.services.role_grants import (
    grant_approver_name,
    grant_record_preapproved,
    needs_approval,
)

ModelT = TypeVar("ModelT", bound=models.Model)


def ensure_seeded(
    model: type[ModelT],
    summary: SeedSummary,
    kind: str,
    *,
    lookup: dict[str, Any],
    defaults: dict[str, Any],
    forbund: Forbund | None,
    intervention_of: Callable[[ModelT], Any] | None = None,
) -> tuple[ModelT, bool]:
    """Find ``model`` by its natural key or create it, validated and audited.

    ``intervention_of`` names the intervention the audit event of a new record belongs to.
    """
    instance = model._default_manager.filter(**lookup).first()
    created = instance is None
    if instance is None:
        instance = model(**lookup, **defaults)
        instance.full_clean()
        instance.save()
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.CREATE,
            forbund=forbund or (instance if isinstance(instance, Forbund) else None),
            intervention=intervention_of(instance) if intervention_of else None,
            obj=instance,
            detail=f"Demodata: {instance}",
        )
    summary.count(kind, created=created)
    return instance, created


def seed_forbund(summary: SeedSummary) -> tuple[Forbund, dict[str, Party]]:
    """The förbund and its parties (by ``PartySpec.key``)."""
    forbund, _created = ensure_seeded(
        Forbund,
        summary,
        "forbund",
        lookup={"slug": FORBUND_SLUG},
        defaults={"name": FORBUND_NAME, "organisationsnummer": FORBUND_ORGANISATIONSNUMMER},
        forbund=None,
    )
    return forbund, _seed_parties(forbund, summary)


# The demo user who approves roles (Forbund.role_grant_approvers).
GRANT_APPROVER = "styrgrupp"


def seed_staff(
    forbund: Forbund,
    parties: dict[str, Party],
    interventions: Mapping[str, models.Model],
    summary: SeedSummary,
) -> dict[str, User]:
    """The demo users and the colleagues without a log-in, their roles in the förbund (limited
    to the named interventions, by slug) and the teams; returns the users by username."""
    users: dict[str, User] = {}
    for spec in DEMO_USERS:
        users[spec.username] = _seed_user(spec, forbund, summary)
        _seed_membership(spec, users[spec.username], forbund, parties, interventions, summary)
    for spec in DEMO_STAFF_WITHOUT_LOGIN:
        users[spec.username] = _seed_staff_without_login(spec, forbund, summary)
        _seed_membership(spec, users[spec.username], forbund, parties, interventions, summary)
    _seed_teams(forbund, parties, users, summary)
    # Roles that see personal data need a second person's approval (issue #11, item 1); the
    # demo förbund has one administrator, so the styrgrupp member approves.
    grant_approver_name(actor=None, forbund=forbund, user=users[GRANT_APPROVER])
    return users


def _seed_parties(forbund: Forbund, summary: SeedSummary) -> dict[str, Party]:
    return {
        spec.key: ensure_seeded(
            Party,
            summary,
            "parties",
            lookup={"forbund": forbund, "name": spec.name},
            defaults={
                "kind": spec.kind,
                "organisationsnummer": spec.organisationsnummer,
                "municipality_code": spec.municipality_code,
            },
            forbund=forbund,
        )[0]
        for spec in PARTIES
    }


def _existing_demo_user(spec: DemoUserSpec) -> User | None:
    user = User.objects.filter(username=spec.username).first()
    if user is not None and not user.is_demo_account:
        # Never take over a real account that happens to share a demo user name.
        raise DemoSeedConflict(
            _("Användaren %(username)s finns redan och är inget demokonto; den lämnas orörd.")
            % {"username": spec.username}
        )
    return user


def _create_demo_user(
    spec: DemoUserSpec, forbund: Forbund, *, password: str | None, detail: str
) -> User:
    """A new demo account: with the README's password, or (None) one that cannot log in."""
    user = User(
        username=spec.username,
        first_name=spec.first_name,
        last_name=spec.last_name,
        email=spec.email,
        is_demo_account=True,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(
        actor=None,
        actor_username=SEED_ACTOR,
        action=AuditAction.CREATE,
        forbund=forbund,
        obj=user,
        detail=detail,
    )
    return user


def _seed_user(spec: DemoUserSpec, forbund: Forbund, summary: SeedSummary) -> User:
    user = _existing_demo_user(spec)
    if user is None:
        summary.count("users", created=True)
        return _create_demo_user(
            spec, forbund, password=spec.password, detail=f"Demokonto: {spec.username}"
        )
    summary.count("users", created=False)
    if not user.is_active or not user.check_password(spec.password):
        # check_password is read-only unless the hash needs upgrading; reset what the README
        # promises and nothing else, and only when it differs.
        user.is_active = True
        user.set_password(spec.password)
        user.save(update_fields=["is_active", "password"])
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.UPDATE,
            forbund=forbund,
            obj=user,
            detail=f"Demokonto återställt: {spec.username}",
        )
        summary.passwords_reset.append(spec.username)
    return user


def _seed_staff_without_login(spec: DemoUserSpec, forbund: Forbund, summary: SeedSummary) -> User:
    """A colleague who appears in the demo (as a coach, say) but cannot log in."""
    user = _existing_demo_user(spec)
    summary.count("colleagues", created=user is None)
    if user is None:
        user = _create_demo_user(
            spec, forbund, password=None, detail=f"Demokollega utan inloggning: {spec.username}"
        )
    return user


def _seed_membership(
    spec: DemoUserSpec,
    user: User,
    forbund: Forbund,
    parties: dict[str, Party],
    interventions: Mapping[str, models.Model],
    summary: SeedSummary,
) -> None:
    party = parties[spec.party] if spec.party else None
    membership, created = ensure_seeded(
        Membership,
        summary,
        "memberships",
        lookup={"user": user, "forbund": forbund, "role": spec.role, "party": party},
        defaults={},
        forbund=forbund,
    )
    # By primary key: core names the intervention model only by its label.
    wanted: list[int] = [interventions[slug].pk for slug in spec.interventions]
    if created:
        membership.interventions.set(wanted)
        if needs_approval(membership.role):
            grant_record_preapproved(membership=membership, note="Demodata")
        return
    limited_to = set(membership.interventions.values_list("pk", flat=True))
    missing = [pk for pk in wanted if pk not in limited_to]
    if limited_to and missing:
        # A role seeded before an intervention existed gets it: the demo journeys need it.
        membership.interventions.add(*missing)
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.UPDATE,
            forbund=forbund,
            obj=membership,
            detail=f"Demoroll utökad: {spec.username}",
        )
        summary.completed.append(spec.username)
    if not membership.is_active:
        # The README promises every role; a deactivated demo role comes back.
        Membership.objects.filter(pk=membership.pk).update(
            is_active=True, version=models.F("version") + 1
        )


def _seed_teams(
    forbund: Forbund, parties: dict[str, Party], users: dict[str, User], summary: SeedSummary
) -> None:
    for spec in TEAMS:
        team, _created = ensure_seeded(
            Team,
            summary,
            "teams",
            lookup={"forbund": forbund, "name": spec.name},
            defaults={
                "kind": spec.kind,
                "description": spec.description,
                "meeting_interval_weeks": spec.meeting_interval_weeks,
            },
            forbund=forbund,
        )
        for member in spec.members:
            # A seat is known by its user, or (names being encrypted) by party and function.
            lookup: dict[str, Any] = {"team": team}
            if member.user:
                lookup["user"] = users[member.user]
            else:
                lookup.update(user=None, party=parties[member.party], function=member.function)
            defaults: dict[str, Any] = {
                "party": parties[member.party],
                "function": member.function,
                "name": member.name,
                "email": member.email,
                "phone": member.phone,
            }
            for key in lookup:
                defaults.pop(key, None)
            seat, _created = ensure_seeded(
                TeamMember,
                summary,
                "team_members",
                lookup=lookup,
                defaults={**defaults, "is_coordinator": member.coordinator},
                forbund=forbund,
            )
            if member.coordinator and not seat.is_coordinator:
                # A seat seeded before coordinators existed becomes the coordinator.
                TeamMember.objects.filter(pk=seat.pk).update(is_coordinator=True)
