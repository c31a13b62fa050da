"""The distribution of recommendations of an intervention in the JSON API
(/api/v1/interventions/<id>/recommendations): the same selector as the page, 404 outside
the audience, suppressed for the styrgrupp. See docs/resource-inventory.md.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from samsyn.assessments.api import schemas as s
from samsyn.assessments.selectors.distribution import Distribution, recommendation_distribution
from samsyn.participants.api.common import ObjectId, actor_of
from samsyn.participants.api.schemas import ErrorOut, InvalidOut

router = Router(tags=["Resursinventering"])
COLUMNS = ("kvinna", "man", "total")


class PeriodQuery(Schema):
    fran: str = Field("", max_length=32, description="First day, YYYY-MM-DD.")
    till: str = Field("", max_length=32, description="Last day, YYYY-MM-DD.")


def _distribution_out(page: Distribution) -> s.DistributionOut:
    return s.DistributionOut(
        intervention_id=page.intervention.pk,
        fran=page.pick.period.start,
        till=page.pick.period.end,
        suppressed=not page.exact,
        tracks=[
            s.TrackOut(
                code=row.code,
                label=row.label,
                counts=dict(zip(COLUMNS, row.counts, strict=True)),
                shares=dict(zip(COLUMNS, row.shares, strict=True)),
            )
            for row in page.rows
        ],
        total=dict(zip(COLUMNS, page.total, strict=True)),
        ongoing=page.ongoing,
        attendance_share=page.attendance,
    )


@router.get(
    "/interventions/{intervention_id}/recommendations",
    response={200: s.DistributionOut, 404: ErrorOut, 422: InvalidOut},
    summary="Rekommendationer per spår",
    description="Registrations ended in the period with a recommendation, per track and "
    "gender (the metrics share_recommendation_<code>). Without `fran`/`till` the current "
    "quarter of the report schedule. Suppressed (< 5) for the styrgrupp.",
    operation_id="samsyn_assessments_api_recommendations_get",
)
def recommendations_get(
    request: HttpRequest, intervention_id: ObjectId, period: Query[PeriodQuery]
) -> s.DistributionOut:
    params = {"fran": period.fran, "till": period.till}
    page = recommendation_distribution(
        actor=actor_of(request), intervention_id=intervention_id, params=params
    )
    if page.pick.error:
        raise ValidationError({"fran": page.pick.error})
    return _distribution_out(page)
