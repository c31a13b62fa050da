"""Reads for the intake forms: who is staff of an intervention, which interventions one may
refer to or register in, and the parties, teams and coaches to choose from."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from samsyn.core.models import Membership, Party, Team, User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention, InterventionStatus, Orientation
from samsyn.interventions.scoping import interventions_visible_to


def is_intervention_staff(*, actor: User, intervention_id: int) -> bool:
    """Insatsansvarig or coach of the intervention: may decide, consent and register."""
    staff = interventions_visible_to(actor, Role.INSATSANSVARIG, Role.COACH)
    return staff.filter(pk=intervention_id).exists()


def referral_interventions_for(*, actor: User) -> QuerySet[Intervention]:
    """Individinriktade interventions the actor may refer to (or register in, as staff)."""
    roles = (Role.HANDLAGGARE, Role.INSATSANSVARIG, Role.COACH)
    return (
        interventions_visible_to(actor, *roles)
        .filter(orientation=Orientation.INDIVIDINRIKTAD)
        .exclude(status=InterventionStatus.AVSLUTAD)
        .select_related("forbund")
        .order_by("name")
    )


def registration_interventions_for(*, actor: User) -> QuerySet[Intervention]:
    """Interventions where the actor may register a person directly (staff only)."""
    return (
        interventions_visible_to(actor, Role.INSATSANSVARIG, Role.COACH)
        .filter(orientation=Orientation.INDIVIDINRIKTAD)
        .exclude(status=InterventionStatus.AVSLUTAD)
        .select_related("forbund")
        .order_by("name")
    )


def referring_parties_for(*, actor: User, intervention: Intervention) -> QuerySet[Party]:
    """The parties ``actor`` may refer for: any active party of the förbund for the
    intervention's staff (entering a team's referral), otherwise the handläggare's own."""
    parties = Party.objects.filter(forbund_id=intervention.forbund_id, is_active=True)
    if is_intervention_staff(actor=actor, intervention_id=intervention.pk):
        return parties
    own = Membership.objects.filter(
        user=actor,
        is_active=True,
        role=Role.HANDLAGGARE,
        forbund_id=intervention.forbund_id,
    ).filter(Q(interventions__isnull=True) | Q(interventions=intervention))
    return parties.filter(id__in=own.values("party_id"))


def coaches_for(*, intervention: Intervention) -> QuerySet[User]:
    """Active users holding the coach role for the intervention."""
    memberships = Membership.objects.filter(
        is_active=True, role=Role.COACH, forbund_id=intervention.forbund_id
    ).filter(Q(interventions__isnull=True) | Q(interventions=intervention))
    return User.objects.filter(is_active=True, id__in=memberships.values("user_id")).order_by(
        "first_name", "last_name", "username"
    )


def forbund_parties(*, forbund_id: int) -> QuerySet[Party]:
    """Every party of the förbund, active or not (the ids a record may refer to)."""
    return Party.objects.filter(forbund_id=forbund_id)


def parties_with_ids(*, forbund_id: int, ids: set[int]) -> list[Party]:
    """The förbund's parties among ``ids``, by id; another förbund's party is left out."""
    return list(Party.objects.filter(forbund_id=forbund_id, pk__in=ids).order_by("pk"))


def active_parties(*, forbund_id: int) -> QuerySet[Party]:
    return Party.objects.filter(forbund_id=forbund_id, is_active=True)


def party_choices(*, intervention: Intervention) -> QuerySet[Party]:
    """The active parties of the intervention's förbund, as the intake forms list them."""
    return active_parties(forbund_id=intervention.forbund_id).order_by("kind", "name")


def active_teams(*, forbund_id: int) -> QuerySet[Team]:
    return Team.objects.filter(forbund_id=forbund_id, is_active=True)


def team_choices(*, intervention: Intervention) -> QuerySet[Team]:
    return active_teams(forbund_id=intervention.forbund_id).order_by("name")
