"""Reads for beredning and decisions, each starting from what the acting user may see
(``selectors/access.py``): the staff's preparation queue and page, the applicant's questions,
the decisions (staff, styrgrupp, the applicant's own) and the intervention page's section
"Beslut och ansökningar". Outside scope is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from samsyn.applications.models import (
    Application,
    ApplicationStatus,
    Decision,
    NoteKind,
    PreparationNote,
)
from samsyn.applications.selectors.access import (
    applications_visible_to,
    claimable_interventions,
    decision_reader_forbund_ids,
    staff_forbund_ids,
)
from samsyn.applications.services.decisions import requested_per_year
from samsyn.applications.services.preparation import OPEN_STATUSES, is_applicant_of
from samsyn.core.models import User
from samsyn.interventions.models import Grant
from samsyn.interventions.page_sections import Viewer

# Questions and answers are the applicant's to see; comments are the förbund's only.
APPLICANT_NOTE_KINDS = (NoteKind.QUESTION, NoteKind.ANSWER)


def is_staff(actor: User) -> bool:
    return staff_forbund_ids(actor).exists()


def preparation_queue(*, actor: User) -> QuerySet[Application]:
    """Applications waiting for beredning or a decision, oldest submission first."""
    if not is_staff(actor):
        raise Http404
    return (
        Application.objects.filter(
            forbund_id__in=staff_forbund_ids(actor), status__in=OPEN_STATUSES
        )
        .select_related("applicant_party", "intervention")
        .order_by("submitted_on", "id")
    )


def staff_application_get(*, actor: User, application_id: int) -> Application:
    found = (
        Application.objects.filter(pk=application_id, forbund_id__in=staff_forbund_ids(actor))
        .select_related("forbund", "applicant_party", "intervention")
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class PreparationPage:
    application: Application
    notes: list[PreparationNote]
    requested: dict[int, Decimal]
    decision: Decision | None
    can_decide: bool


def preparation_page(*, actor: User, application_id: int) -> PreparationPage:
    application = staff_application_get(actor=actor, application_id=application_id)
    notes = list(application.notes.select_related("author"))
    decision = Decision.objects.filter(application=application).first()
    decidable = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_PREPARATION)
    return PreparationPage(
        application=application,
        notes=notes,
        requested=requested_per_year(application),
        decision=decision,
        can_decide=decision is None and application.status in decidable,
    )


@dataclass(frozen=True)
class QuestionsPage:
    application: Application
    notes: list[PreparationNote]
    can_answer: bool


def questions_page(*, actor: User, application_id: int) -> QuestionsPage:
    """The questions the förbund asked and the answers: for the applicant and the staff."""
    application = (
        applications_visible_to(actor)
        .filter(pk=application_id)
        .select_related("applicant_party")
        .first()
    )
    if application is None:
        raise Http404
    applicant = is_applicant_of(actor, application)
    if (
        not applicant
        and not staff_forbund_ids(actor).filter(forbund_id=application.forbund_id).exists()
    ):
        raise Http404
    notes = list(application.notes.filter(kind__in=APPLICANT_NOTE_KINDS).select_related("author"))
    return QuestionsPage(
        application=application,
        notes=notes,
        can_answer=applicant and application.status == ApplicationStatus.RETURNED,
    )


def decisions_visible_to(actor: User) -> QuerySet[Decision]:
    """Decisions of the applications the user may open (staff: all of the förbund;
    styrgrupp: all decided; an applicant: the party's own)."""
    return Decision.objects.filter(
        application__in=applications_visible_to(actor),
        application__status=ApplicationStatus.DECIDED,
    )


def decision_list(*, actor: User) -> QuerySet[Decision]:
    if not decision_reader_forbund_ids(actor).exists() and not decisions_visible_to(actor).exists():
        raise Http404
    return (
        decisions_visible_to(actor)
        .select_related("application", "application__applicant_party", "application__intervention")
        .annotate(granted_total=Sum("years__granted_amount"))
        .order_by("-decided_on", "-id")
    )


def decision_get(*, actor: User, decision_id: int) -> Decision:
    found = (
        decisions_visible_to(actor)
        .filter(pk=decision_id)
        .select_related(
            "application",
            "application__applicant_party",
            "application__intervention",
            "recorded_by",
        )
        .prefetch_related("years")
        .first()
    )
    if found is None:
        raise Http404
    return found


# --- the intervention page's section --------------------------------------------------------


@dataclass(frozen=True)
class InterventionDecisions:
    intervention_id: int
    applications: list[Application]
    grants: list[Grant]
    granted_total: Decimal
    may_apply_for_change: bool


def intervention_section(viewer: Viewer) -> InterventionDecisions | None:
    """The intervention's applications and decisions the viewer may see, and its grants,
    for the förbund's staff and styrgrupp and for those who may apply for a change."""
    actor, intervention = viewer.actor, viewer.intervention
    reader = decision_reader_forbund_ids(actor).filter(forbund_id=intervention.forbund_id).exists()
    claimant = claimable_interventions(actor).filter(pk=intervention.pk).exists()
    if not reader and not claimant:
        return None
    applications = list(
        applications_visible_to(actor)
        .filter(Q(intervention=intervention))
        .select_related("decision")
        .order_by("created_at", "id")
    )
    grants = list(Grant.objects.filter(intervention=intervention).order_by("year"))
    return InterventionDecisions(
        intervention_id=intervention.pk,
        applications=applications,
        grants=grants,
        granted_total=sum((grant.amount for grant in grants), Decimal(0)),
        may_apply_for_change=claimant,
    )
