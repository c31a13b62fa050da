"""Management reads of interventions, each starting from interventions_visible_to: limited
to the interventions of förbund the actor administers (404 for anyone else)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Membership, Party, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to

ADMIN = Role.FORBUNDSADMIN
STAFF_ROLES = (Role.INSATSANSVARIG, Role.COACH, Role.HANDLAGGARE)


def managed_interventions(*, actor: User) -> QuerySet[Intervention]:
    return interventions_visible_to(actor, ADMIN)


def intervention_admin_list(*, actor: User) -> list[Intervention]:
    """The interventions of the förbund the actor administers; 404 for anyone else."""
    if not forbunds_administered_by(actor).exists():
        raise Http404
    return list(
        managed_interventions(actor=actor)
        .select_related("forbund", "owner_party")
        .order_by("forbund__name", "name")
    )


def intervention_get_managed(*, actor: User, intervention_id: int) -> Intervention:
    interventions = managed_interventions(actor=actor).select_related("forbund", "owner_party")
    return get_object_or_404(interventions, pk=intervention_id)


def party_choices(
    *, actor: User, forbund_ids: list[int], keep_for: Intervention | None = None
) -> QuerySet[Party]:
    """Parties an administrator may pick as owner or partner: the active ones, and when
    editing, those the intervention already has even if deactivated since."""
    administered = forbunds_administered_by(actor).filter(pk__in=forbund_ids).values("pk")
    wanted = Q(is_active=True)
    if keep_for is not None:
        wanted |= Q(pk=keep_for.owner_party_id) | Q(partner_interventions=keep_for)
    chosen = Party.objects.filter(wanted, forbund_id__in=administered).values("pk")
    return (
        Party.objects.filter(pk__in=chosen)
        .select_related("forbund")
        .order_by("forbund__name", "kind", "name")
    )


def require_managed(actor: User, intervention: Intervention) -> None:
    if not managed_interventions(actor=actor).filter(pk=intervention.pk).exists():
        raise Http404


def staff_list(*, actor: User, intervention: Intervention) -> list[Membership]:
    """Active memberships that reach the intervention: named on it, or covering all of the
    förbund's interventions. Staff names are personal data, so the read is logged."""
    require_managed(actor, intervention)
    named = Membership.interventions.through.objects.filter(membership_id=OuterRef("pk"))
    reaching = Membership.objects.filter(
        Q(interventions=intervention) | Q(interventions__isnull=True),
        forbund_id=intervention.forbund_id,
        role__in=STAFF_ROLES,
        is_active=True,
    ).values("pk")
    memberships: list[Membership] = list(
        Membership.objects.filter(pk__in=reaching)
        .select_related("user", "party")
        .annotate(limited=Exists(named))
        .order_by("role", "user__last_name", "user__first_name", "user__username")
    )
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        forbund=intervention.forbund,
        intervention=intervention,
        role=ADMIN.value,
        obj=intervention,
        detail="Insatsens personal visad",
    )
    return memberships
