"""Reads behind the intervention pages, each starting from interventions_visible_to.

Management reads are limited to the interventions of förbund the actor administers (404 for
anyone else). The intervention page is for everyone who can see the intervention; the
participants app adds its figures and, for an insatsansvarig or a coach, the participants
they may see (page_sections.py, filled in ParticipantsConfig.ready).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Membership, Party, User
from samsyn.core.roles import ROLES_SEEING_EXACT_FIGURES, Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.interventions.models import ActivityType, Capacity, Intervention, Method
from samsyn.interventions.page_sections import ShownSection, Viewer, shown_sections
from samsyn.interventions.scoping import FORBUND_WIDE_ROLES, interventions_visible_to
from samsyn.interventions.structure import StructureItem, StructureSpec, in_use_condition, items_of

ADMIN = Role.FORBUNDSADMIN
STAFF_ROLES = (Role.INSATSANSVARIG, Role.COACH, Role.HANDLAGGARE)


# --- management ---------------------------------------------------------------------------


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


def structure_item_list(*, actor: User, intervention: Intervention, spec: StructureSpec) -> list:
    _require_managed(actor, intervention)
    return list(items_of(spec, intervention.pk).annotate(in_use=in_use_condition(spec)))


def structure_item_get(
    *, actor: User, intervention: Intervention, spec: StructureSpec, item_id: int
) -> StructureItem:
    _require_managed(actor, intervention)
    items = items_of(spec, intervention.pk).select_related("intervention__forbund")
    return get_object_or_404(items, pk=item_id)


def capacity_list(*, actor: User, intervention: Intervention) -> list[Capacity]:
    _require_managed(actor, intervention)
    return list(intervention.capacities.order_by("municipality_code"))


def capacity_get(*, actor: User, intervention: Intervention, capacity_id: int) -> Capacity:
    _require_managed(actor, intervention)
    capacities = intervention.capacities.select_related("intervention__forbund")
    return get_object_or_404(capacities, pk=capacity_id)


def activity_type_list(*, actor: User, intervention: Intervention) -> list[ActivityType]:
    _require_managed(actor, intervention)
    return list(ActivityType.objects.filter(forbund_id=intervention.forbund_id).order_by("name"))


def activity_type_get(
    *, actor: User, intervention: Intervention, activity_type_id: int
) -> ActivityType:
    _require_managed(actor, intervention)
    types = ActivityType.objects.filter(forbund_id=intervention.forbund_id)
    return get_object_or_404(types.select_related("forbund"), pk=activity_type_id)


def _require_managed(actor: User, intervention: Intervention) -> None:
    if not managed_interventions(actor=actor).filter(pk=intervention.pk).exists():
        raise Http404


def staff_list(*, actor: User, intervention: Intervention) -> list[Membership]:
    """Active memberships that reach the intervention: named on it, or covering all of the
    förbund's interventions. Staff names are personal data, so the read is logged."""
    _require_managed(actor, intervention)
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


# --- the intervention page ----------------------------------------------------------------


def viewer_roles(*, actor: User, intervention: Intervention) -> frozenset[str]:
    """The actor's roles that reach this intervention."""
    roles = Membership.objects.filter(
        Q(role__in=FORBUND_WIDE_ROLES)
        | Q(interventions__isnull=True)
        | Q(interventions=intervention),
        user=actor,
        is_active=True,
        forbund_id=intervention.forbund_id,
    ).values_list("role", flat=True)
    return frozenset(roles)


@dataclass
class InterventionPage:
    intervention: Intervention
    roles: frozenset[str]
    # What the apps above contribute (page_sections.py): ``{slot: [section, …]}``.
    sections: dict[str, list[ShownSection]]

    @property
    def can_manage(self) -> bool:
        return ADMIN in self.roles

    def data_of(self, name: str) -> object | None:
        """What the section ``name`` shows, or None when this viewer does not get it."""
        for shown in self.sections.values():
            for section in shown:
                if section.name == name:
                    return section.data
        return None

    @property
    def method_labels(self) -> list[str]:
        chosen = set(self.intervention.methods or [])
        return [str(label) for code, label in Method.choices if code in chosen]


def _visible_intervention(actor: User, *, pk: int | None, slug: str | None) -> Intervention:
    interventions = (
        interventions_visible_to(actor)
        .select_related("forbund", "owner_party")
        .prefetch_related(
            Prefetch("partner_parties", Party.objects.order_by("name")),
            Prefetch("capacities", Capacity.objects.order_by("municipality_code")),
        )
    )
    lookup = {"pk": pk} if pk is not None else {"slug": slug}
    return get_object_or_404(interventions, **lookup)


def intervention_page(
    *,
    actor: User,
    pk: int | None = None,
    slug: str | None = None,
    page_number: str | None = None,
    include_ended: bool = False,
) -> InterventionPage:
    """Facts for everyone who can see the intervention, and what the registered sections
    show this viewer (the participants app: figures for everyone, the participants only
    for an insatsansvarig or coach). 404 outside the actor's scope."""
    intervention = _visible_intervention(actor, pk=pk, slug=slug)
    roles = viewer_roles(actor=actor, intervention=intervention)
    viewer = Viewer(
        actor=actor,
        intervention=intervention,
        roles=roles,
        # Small counts are hidden from audiences without access to personal data.
        suppress=not (roles & ROLES_SEEING_EXACT_FIGURES),
        page_number=page_number,
        include_ended=include_ended,
    )
    return InterventionPage(
        intervention=intervention,
        roles=roles,
        sections=shown_sections(viewer),
    )
