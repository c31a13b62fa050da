"""Everything the participant page shows, read for one actor with a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samsyn.core.models import User
from samsyn.interventions.models import LadderStep
from samsyn.participants.charts import ChartPoint, indicator_svg, step_path_svg
from samsyn.participants.models import (
    ActionPlan,
    Consent,
    Person,
    PostExitFollowUp,
    Registration,
    SubGoal,
)
from samsyn.participants.selectors.placement_progress import (
    PlacementProgress,
    placement_progress,
)
from samsyn.participants.selectors.progress import step_forward
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.selectors.timeline import (
    TimelineEvent,
    audit_notes_listed,
    load_sources,
    rating_measurements,
    timeline_build,
)
from samsyn.participants.services.journey_access import can_write_journey


@dataclass(frozen=True)
class ConsentStatus:
    code: str  # active, withdrawn, expired, pending, none
    text: str


@dataclass(frozen=True)
class ChartRow:
    day: datetime.date
    value: str
    label: str


@dataclass
class ParticipantPage:
    registration: Registration
    person_label: str
    masked_personnummer: str
    consent: ConsentStatus
    follow_up_overdue: bool
    can_write: bool
    shows_notes: bool
    events: list[TimelineEvent]
    plan: ActionPlan | None
    sub_goals: list[SubGoal]
    step_forward: bool | None
    # IPS and Supported Employment: employer contacts, starts, time in work (else None).
    placement: PlacementProgress | None
    step_chart: SafeString
    step_rows: list[ChartRow]
    indicator_chart: SafeString
    indicator_rows: list[ChartRow]
    post_exit_pending: list[PostExitFollowUp]


def masked_personnummer(person: Person) -> str:
    """``19850312-XXXX``: enough to tell people apart on screen, not enough to identify."""
    digits = "".join(ch for ch in person.personnummer if ch.isdigit())
    if person.is_anonymous or len(digits) not in (10, 12):
        return ""
    return f"{digits[:-4]}-XXXX"


def consent_status(consent: Consent | None, person: Person, today: datetime.date) -> ConsentStatus:
    if consent is None:
        if person.is_anonymous:
            return ConsentStatus("none", _("Inget samtycke – registrerad anonymt"))
        return ConsentStatus("none", _("Inget samtycke registrerat"))
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        return ConsentStatus(
            "withdrawn",
            _("Återkallat %(day)s") % {"day": date_format(consent.withdrawn_on, "Y-m-d")},
        )
    if consent.valid_from > today:
        return ConsentStatus(
            "pending", _("Gäller från %(day)s") % {"day": date_format(consent.valid_from, "Y-m-d")}
        )
    if consent.valid_to is not None and consent.valid_to < today:
        return ConsentStatus(
            "expired",
            _("Upphörde %(day)s") % {"day": date_format(consent.valid_to, "Y-m-d")},
        )
    if consent.valid_to is not None:
        return ConsentStatus(
            "active",
            _("Gäller till och med %(day)s") % {"day": date_format(consent.valid_to, "Y-m-d")},
        )
    return ConsentStatus("active", _("Gäller tills vidare"))


def _step_chart(registration: Registration, records: list) -> tuple[SafeString, list[ChartRow]]:
    ladder = [
        (step.order, step.name)
        for step in LadderStep.objects.filter(intervention_id=registration.intervention_id)
    ]
    points = [ChartPoint(day=r.recorded_on, value=r.step.order, label=r.step.name) for r in records]
    rows = [ChartRow(p.day, str(int(p.value)), p.label) for p in points]
    return step_path_svg(points=points, ladder=ladder), rows


def _indicator_chart(ratings: list) -> tuple[SafeString, list[ChartRow]]:
    points = []
    for day, measurement in rating_measurements(ratings):
        mean = sum(rating.score for rating in measurement) / len(measurement)
        detail = ", ".join(f"{r.indicator.name} {r.score}" for r in measurement)
        points.append(ChartPoint(day=day, value=mean, label=detail))
    rows = [ChartRow(p.day, f"{p.value:.1f}".replace(".", ","), p.label) for p in points]
    return indicator_svg(points=points), rows


def _consent_of(registration: Registration, loaded: list[Consent]) -> Consent | None:
    """The registration's consent, from the rows already loaded for the timeline if there."""
    for consent in loaded:
        if consent.pk == registration.consent_id:
            return consent
    return registration.consent


def participant_page_get(
    *, actor: User, registration_id: int, today: datetime.date | None = None
) -> ParticipantPage:
    """The page of one registration; 404 outside scope. Logs the view (and notes listed)."""
    today = today or timezone.localdate()
    registration = registration_get(actor=actor, registration_id=registration_id)
    can_write = can_write_journey(actor=actor, registration=registration)
    sources = load_sources(registration, include_staff_only=can_write, today=today)
    audit_notes_listed(actor=actor, registration=registration, notes=sources.notes)
    person = registration.person
    step_chart, step_rows = _step_chart(registration, sources.step_records)
    indicator_chart, indicator_rows = _indicator_chart(sources.ratings)
    due = registration.next_follow_up_due
    return ParticipantPage(
        registration=registration,
        person_label=person.display_name,
        masked_personnummer=masked_personnummer(person),
        consent=consent_status(_consent_of(registration, sources.consents), person, today),
        follow_up_overdue=bool(due and registration.is_ongoing and due < today),
        can_write=can_write,
        shows_notes=can_write,
        events=timeline_build(sources, today=today),
        plan=sources.plan,
        sub_goals=sources.sub_goals,
        step_forward=step_forward(registration),
        placement=placement_progress(registration, sources.work_starts, today),
        step_chart=step_chart,
        step_rows=step_rows,
        indicator_chart=indicator_chart,
        indicator_rows=indicator_rows,
        post_exit_pending=[f for f in sources.post_exit if f.done_on is None],
    )


def action_plan_of(registration: Registration) -> ActionPlan | None:
    """The plan of a registration already reached through ``registration_get``."""
    return ActionPlan.objects.filter(registration=registration).first()


def sub_goal_get(*, registration: Registration, sub_goal_id: int) -> SubGoal:
    """A sub-goal of the registration's plan, or 404 (never one of another registration)."""
    sub_goal = (
        SubGoal.objects.filter(plan__registration=registration, pk=sub_goal_id)
        .select_related("responsible_party")
        .first()
    )
    if sub_goal is None:
        raise Http404
    return sub_goal
