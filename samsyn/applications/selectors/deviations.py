"""Deviation reports the user may see: the förbund's staff all of their förbund, the
insatsansvarig and applicants of the owner party those of their interventions (open first)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from samsyn.applications.models import DeviationReport, DeviationStatus
from samsyn.applications.selectors.access import claimable_interventions, staff_forbund_ids
from samsyn.core.models import User

# Open reports first: not yet answered, then answered and going on, then closed.
_OPEN_FIRST = Case(
    When(status=DeviationStatus.REPORTED, then=Value(0)),
    When(status=DeviationStatus.CLOSED, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


def deviations_visible_to(actor: User) -> QuerySet[DeviationReport]:
    return DeviationReport.objects.filter(
        Q(intervention__forbund_id__in=staff_forbund_ids(actor))
        | Q(intervention_id__in=claimable_interventions(actor).values("id"))
    )


def may_use_deviations(actor: User) -> bool:
    return staff_forbund_ids(actor).exists() or claimable_interventions(actor).exists()


def deviation_list(*, actor: User) -> QuerySet[DeviationReport]:
    if not may_use_deviations(actor):
        raise Http404
    return (
        deviations_visible_to(actor)
        .select_related("intervention", "follow_up_application")
        .annotate(open_order=_OPEN_FIRST)
        .order_by("open_order", "-reported_on", "-id")
    )


def deviation_get(*, actor: User, report_id: int) -> DeviationReport:
    found = (
        deviations_visible_to(actor)
        .filter(pk=report_id)
        .select_related(
            "intervention", "intervention__forbund", "follow_up_application", "reported_by"
        )
        .first()
    )
    if found is None:
        raise Http404
    return found


def may_respond(actor: User, report: DeviationReport) -> bool:
    return staff_forbund_ids(actor).filter(forbund_id=report.intervention.forbund_id).exists()


def deviation_for_change(
    *, actor: User, intervention_id: int, raw_id: str
) -> DeviationReport | None:
    """The deviation report (``?avvikelse=<id>``) a change application follows, if the user
    sees it and it concerns the same intervention; None otherwise."""
    if not raw_id.isdigit() or len(raw_id) > 9:
        return None
    return (
        deviations_visible_to(actor).filter(pk=int(raw_id), intervention_id=intervention_id).first()
    )


def follow_up_choices(report: DeviationReport) -> list[tuple[int, str]]:
    """The intervention's change and continuation applications, newest first."""
    return list(
        report.intervention.applications.exclude(kind="ny")
        .order_by("-id")
        .values_list("pk", "name")
    )
