"""IPS endpoints of the JSON API: outcomes.

``GET /api/v1/ips/interventions/{id}/outcomes?fran=YYYY-MM-DD&till=YYYY-MM-DD`` answers the
summary of samsyn/ips/selectors/outcomes_summary.py (shape in its docstring, definitions in
docs/ips-outcomes.md) under the page's rules: admin, insatsansvarig and coaches see exact
figures and the per-coach rows, the styrgrupp suppressed figures only; everyone else and
interventions without IPS / Supported Employment get 404. Without ``fran`` and ``till`` the
period is the page's default (the current report quarter); a malformed, reversed or
out-of-range date, or only one of them, is a 422 with a Swedish field error.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from samsyn.interventions.forms.period_picker import MAX_INPUT, pick_period
from samsyn.ips.selectors.outcomes_page import outcomes_for, outcomes_intervention
from samsyn.ips.selectors.summary_types import IpsOutcomesSummary
from samsyn.participants.api.common import ObjectId, actor_of
from samsyn.participants.api.schemas import ErrorOut, InvalidOut
from samsyn.stats.periods import Period

router = Router(tags=["IPS"])


def _date(field: str, text: str) -> datetime.date:
    try:
        return Period.parse(text[:MAX_INPUT], text[:MAX_INPUT]).start
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def requested_period(fran: str | None, till: str | None) -> Period | None:
    """The period asked for, ``None`` for the default; ValidationError (422) otherwise."""
    if not fran and not till:
        return None
    if not fran or not till:
        missing = "fran" if not fran else "till"
        raise ValidationError({missing: [_("Ange både från- och till-datum.")]})
    start, end = _date("fran", fran), _date("till", till)
    try:
        return Period(start, end)
    except ValidationError as error:
        raise ValidationError({"till": error.messages}) from error


@router.get(
    "/ips/interventions/{intervention_id}/outcomes",
    response={200: dict[str, Any], 404: ErrorOut, 422: InvalidOut},
    summary="IPS-resultat för en insats och period",
    description="Active caseload, employment rate among those out of work, job starts, days "
    "to first job, jobs held after 13 weeks and follow-along, by gender, per coach and IPS "
    "team (not for the styrgrupp, whose small counts are suppressed) and per quarter. "
    "Aggregates only; see docs/ips-outcomes.md.",
)
def intervention_outcomes(
    request: HttpRequest,
    intervention_id: ObjectId,
    fran: str | None = None,
    till: str | None = None,
) -> IpsOutcomesSummary:
    actor = actor_of(request)
    # Scope first: an intervention outside it is 404 whatever the dates say.
    intervention = outcomes_intervention(actor=actor, intervention_id=intervention_id)
    period = requested_period(fran, till) or pick_period(intervention, {}).period
    return outcomes_for(actor=actor, intervention_id=intervention_id, period=period)
