"""What the applications app shows on the intervention page: the förbund's money of the
intervention per year (granted, claimed, approved, paid, remaining). Registered in
``ApplicationsConfig.ready``: interventions sits below applications and does not import it
(ARCHITECTURE.md, "Layout")."""

from __future__ import annotations

from dataclasses import dataclass

from samsyn.applications.selectors.access import claimable_interventions
from samsyn.applications.selectors.utilisation import UtilisationRow, utilisation_rows
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention
from samsyn.interventions.page_sections import PageSection, Slot, Viewer, register_section

READER_ROLES = frozenset({Role.FORBUNDSADMIN, Role.STYRGRUPP, Role.INSATSANSVARIG})


@dataclass(frozen=True)
class UtilisationSection:
    intervention_id: int
    rows: list[UtilisationRow]
    can_claim: bool
    # The claim list is for claimants and the förbund's staff.
    can_list: bool


def utilisation_section(viewer: Viewer) -> UtilisationSection | None:
    """The section for the förbund's staff, the styrgrupp and the intervention's claimants;
    None for everyone else (a coach, a handläggare who does not apply for the owner)."""
    intervention = viewer.intervention
    can_claim = Role.INSATSANSVARIG in viewer.roles or (
        claimable_interventions(viewer.actor).filter(pk=intervention.pk).exists()
    )
    if not can_claim and not viewer.roles & READER_ROLES:
        return None
    rows = utilisation_rows(Intervention.objects.filter(pk=intervention.pk))
    staff = Role.FORBUNDSADMIN in viewer.roles
    return UtilisationSection(intervention.pk, rows, can_claim, can_claim or staff)


def register() -> None:
    register_section(
        PageSection(
            name="utilisation",
            slot=Slot.END,
            template="applications/claims/intervention_section.html",
            build=utilisation_section,
        )
    )
