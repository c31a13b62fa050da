"""Step movement: where on the ladder the person stands, and indicator ratings 1–5.

Whether this adds up to a "step forward" is decided in samsyn/participants/selectors/progress.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.interventions.models import LadderStep, ProgressionIndicator
from samsyn.participants.models import IndicatorRating, Registration, StepRecord
from samsyn.participants.services.journey_access import (
    audit_journey,
    ensure_journey_writer,
    event_date_error,
)

MIN_SCORE = 1
MAX_SCORE = 5


@transaction.atomic
def step_record_create(
    *,
    actor: User,
    registration: Registration,
    step: LadderStep,
    recorded_on: datetime.date,
) -> StepRecord:
    """Record the ladder step the person stands on, on a date."""
    ensure_journey_writer(actor=actor, registration=registration)
    errors: dict[str, str] = {}
    if step.intervention_id != registration.intervention_id:
        errors["step"] = _("Välj ett av stegen på insatsens stege.")
    date_error = event_date_error(registration, recorded_on)
    if date_error:
        errors["recorded_on"] = date_error
    if errors:
        raise ValidationError(errors)
    record = StepRecord.objects.create(
        registration=registration,
        forbund_id=registration.intervention.forbund_id,
        step=step,
        recorded_on=recorded_on,
        recorded_by=actor,
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=record,
        detail=f"Steg {step.order} registrerat",
    )
    return record


def indicators_for(registration: Registration) -> list[ProgressionIndicator]:
    return list(
        ProgressionIndicator.objects.filter(intervention_id=registration.intervention_id).order_by(
            "order", "name", "id"
        )
    )


def _validate_scores(
    registration: Registration,
    indicators: list[ProgressionIndicator],
    scores: Mapping[int, int],
    rated_on: datetime.date,
) -> None:
    if not indicators:
        raise ValidationError(_("Insatsen har inga progressionsindikatorer att skatta."))
    errors: dict[str, str] = {}
    date_error = event_date_error(registration, rated_on)
    if date_error:
        errors["rated_on"] = date_error
    known = {indicator.pk for indicator in indicators}
    if set(scores) - known:
        raise ValidationError(_("Skattningen gäller en indikator som inte hör till insatsen."))
    for indicator in indicators:
        score = scores.get(indicator.pk)
        if score is None or not MIN_SCORE <= score <= MAX_SCORE:
            errors[f"indicator_{indicator.pk}"] = _("Skatta från 1 till 5.")
    already = IndicatorRating.objects.filter(registration=registration, rated_on=rated_on)
    if "rated_on" not in errors and already.exists():
        errors["rated_on"] = _("Det finns redan en skattning det här datumet.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_ratings_create(
    *,
    actor: User,
    registration: Registration,
    rated_on: datetime.date,
    scores: Mapping[int, int],
) -> list[IndicatorRating]:
    """Rate every indicator of the intervention (1–5) on one date: one measurement.

    All indicators are rated together, so the mean of one measurement can be compared with
    the mean of another (see progress.py). One measurement per date.
    """
    ensure_journey_writer(actor=actor, registration=registration)
    indicators = indicators_for(registration)
    _validate_scores(registration, indicators, scores, rated_on)
    ratings = IndicatorRating.objects.bulk_create(
        IndicatorRating(
            registration=registration,
            forbund_id=registration.intervention.forbund_id,
            indicator=indicator,
            rated_on=rated_on,
            score=scores[indicator.pk],
        )
        for indicator in indicators
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        detail=f"Skattning av {len(ratings)} indikatorer {rated_on.isoformat()}",
    )
    return ratings
