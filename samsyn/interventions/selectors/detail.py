"""Reads of the intervention page, starting from interventions_visible_to.

The page is for everyone who can see the intervention; the participants app adds its
figures and, for an insatsansvarig or a coach, the participants they may see
(page_sections.py, filled in ParticipantsConfig.ready).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from samsyn.core.models import Membership, Party, User
from samsyn.core.roles import ROLES_SEEING_EXACT_FIGURES, Role
from samsyn.interventions.models import Capacity, Intervention, Method
from samsyn.interventions.page_sections import ShownSection, Viewer, shown_sections
from samsyn.interventions.scoping import FORBUND_WIDE_ROLES, interventions_visible_to

ADMIN = Role.FORBUNDSADMIN


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
