"""What the participants app contributes to the intervention pages (registered in
``ParticipantsConfig.ready``; interventions sits below participants and does not import it).

- the intervention page's figures (samsyn/participants/selectors/intervention_figures.py),
  for everyone who sees the page, suppressed for audiences without access to personal data;
- its list of participants, only for an insatsansvarig or a coach, logged with one event per
  participant shown (one insert per page view);
- the rows that keep a phase, a ladder step or an indicator in use, so it cannot be removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, QuerySet

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import ShownParticipant, audit_participants_shown, audit_record
from samsyn.core.roles import Role
from samsyn.interventions.page_sections import PageSection, Slot, Viewer, register_section
from samsyn.interventions.structure import StructureKind, register_references
from samsyn.participants.models import (
    IndicatorRating,
    PhaseChange,
    Registration,
    StepRecord,
)
from samsyn.participants.selectors.intervention_figures import (
    InterventionFigures,
    intervention_figures,
)
from samsyn.participants.selectors.scoping import registrations_visible_to

LIST_ROLES = frozenset({Role.INSATSANSVARIG, Role.COACH})
PARTICIPANTS_PER_PAGE = 50


@dataclass(frozen=True)
class ParticipantList:
    participants: Page
    include_ended: bool


def figures_section(viewer: Viewer) -> InterventionFigures:
    return intervention_figures(intervention=viewer.intervention, suppress=viewer.suppress)


def participant_list_section(viewer: Viewer) -> ParticipantList | None:
    """The participants the actor may see, for an insatsansvarig or coach; None otherwise."""
    list_roles = sorted(viewer.roles & LIST_ROLES)
    if not list_roles:
        return None
    intervention = viewer.intervention
    registrations = (
        registrations_visible_to(viewer.actor)
        .filter(intervention=intervention)
        .select_related("person", "coach", "current_phase")
        .order_by("-start_date", "-id")
    )
    if not viewer.include_ended:
        registrations = registrations.filter(end_date__isnull=True)
    page = Paginator(registrations, PARTICIPANTS_PER_PAGE).get_page(viewer.page_number)
    # One event per participant on the page (one insert), so "who saw person X" finds it;
    # an empty page is logged as one event naming no participant.
    written = audit_participants_shown(
        actor=viewer.actor,
        role=list_roles[-1],
        detail="Deltagarlista",
        shown=[
            ShownParticipant(
                participant_ref=registration.person.pseudonym,
                forbund_id=intervention.forbund_id,
                intervention_id=intervention.pk,
                obj=registration,
            )
            for registration in page
        ],
    )
    if not written:
        audit_record(
            actor=viewer.actor,
            action=AuditAction.VIEW,
            forbund=intervention.forbund,
            intervention=intervention,
            role=list_roles[-1],
            detail="Deltagarlista",
        )
    return ParticipantList(participants=page, include_ended=viewer.include_ended)


def _in_current_phase() -> QuerySet[Registration]:
    return Registration.objects.filter(current_phase=OuterRef("pk"))


def _phase_changes() -> QuerySet[PhaseChange]:
    return PhaseChange.objects.filter(phase=OuterRef("pk"))


def _step_records() -> QuerySet[StepRecord]:
    return StepRecord.objects.filter(step=OuterRef("pk"))


def _indicator_ratings() -> QuerySet[IndicatorRating]:
    return IndicatorRating.objects.filter(indicator=OuterRef("pk"))


def register() -> None:
    register_section(
        PageSection(
            name="figures",
            slot=Slot.FIGURES,
            template="participants/intervention_figures.html",
            build=figures_section,
        )
    )
    register_section(
        PageSection(
            name="participants",
            slot=Slot.END,
            template="participants/intervention_participants.html",
            build=participant_list_section,
        )
    )
    register_references(StructureKind.PHASES, _in_current_phase, _phase_changes)
    register_references(StructureKind.LADDER, _step_records)
    register_references(StructureKind.INDICATORS, _indicator_ratings)
