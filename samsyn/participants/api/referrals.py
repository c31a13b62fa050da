"""Referrals: make one (with the eligibility warnings), list them, decide one."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.participants.api import schemas as s
from samsyn.participants.api.common import (
    ObjectId,
    actor_of,
    conflicts,
    criteria_facts,
    fields_renamed,
    parties_of,
    warnings_response,
)
from samsyn.participants.api.presenters import referral_out
from samsyn.participants.api.registrations import (
    FIELD_NAMES,
    active_team,
    person_details,
    referring_party_of,
)
from samsyn.participants.models import Referral
from samsyn.participants.selectors.intake import (
    referral_interventions_for,
    registration_interventions_for,
)
from samsyn.participants.selectors.referrals import (
    referral_get,
    referral_list_for_staff,
    referral_list_mine,
)
from samsyn.participants.selectors.registrations import audit_list_view
from samsyn.participants.services import referrals as referral_services
from samsyn.participants.services.referrals import EligibilityNotAcknowledged

router = Router(tags=["anvisningar"])
PERSON_NAMES = {name: path for name, path in FIELD_NAMES.items() if path.startswith("person.")}


@router.post(
    "/referrals",
    response={201: s.ReferralOut, 404: s.ErrorOut, 422: s.WarningsOut},
    summary="Anvisa en person till en insats",
    description="For a handläggare (for its own party) or the intervention's staff (for any "
    "party, on a team's behalf). When the person does not meet the intervention's rules, the "
    "answer is 422 with `warnings` and nothing is saved; send the same body with "
    '`"acknowledge_warnings": true` to save anyway. An unknown intervention is 404.',
)
def referral_create(
    request: HttpRequest, payload: s.ReferralIn
) -> Status[s.ReferralOut] | Status[s.WarningsOut]:
    actor = actor_of(request)
    intervention = referral_interventions_for(actor=actor).filter(slug=payload.intervention).first()
    if intervention is None:
        raise Http404
    forbund_id = intervention.forbund_id
    try:
        with fields_renamed(PERSON_NAMES):
            referral = referral_services.referral_create(
                actor=actor,
                intervention=intervention,
                referring_party=referring_party_of(
                    forbund_id=forbund_id, pk=payload.referring_party
                ),
                team=active_team(forbund_id=forbund_id, pk=payload.team),
                person=person_details(payload.person),
                reason=payload.reason,
                current_at_parties=parties_of(
                    forbund_id=forbund_id,
                    ids=payload.current_at_parties,
                    field="current_at_parties",
                ),
                referred_on=payload.referred_on,
                acknowledge_warnings=payload.acknowledge_warnings,
                criteria=criteria_facts(payload.criteria, payload.income_sources),
            )
    except EligibilityNotAcknowledged as error:
        return warnings_response(error)
    return Status(201, referral_out(referral))


def _listed(
    actor: User, filters: s.ReferralFilters
) -> tuple[QuerySet[Referral], list[Intervention], str]:
    """The staff's referrals, or the caller's own (``mine``, and always for a handläggare),
    with the interventions and description the caller logs the list under."""
    status = filters.status or ""
    staff_interventions = list(registration_interventions_for(actor=actor))
    if staff_interventions and not filters.mine:
        return (
            referral_list_for_staff(actor=actor, status=status),
            staff_interventions,
            "Lista över anvisningar visad (API)",
        )
    interventions = list(referral_interventions_for(actor=actor))
    if not interventions:
        raise Http404
    return (
        referral_list_mine(actor=actor, status=status),
        interventions,
        "Mina anvisningar visade (API)",
    )


@router.get(
    "/referrals",
    response={200: s.ReferralPageOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Anvisningar",
    description="For the intervention's staff the referrals of their interventions (oldest "
    "first); for a handläggare, or with `mine=true`, the referrals the caller made that it "
    "may still see (newest first). One view event per participant returned.",
)
def referral_list(request: HttpRequest, filters: Query[s.ReferralFilters]) -> s.ReferralPageOut:
    actor = actor_of(request)
    referrals, interventions, detail = _listed(actor, filters)
    if filters.intervention:
        referrals = referrals.filter(intervention__slug=filters.intervention)
    count = referrals.count()
    rows = list(
        referrals.select_related("registration").prefetch_related("current_at_parties")[
            filters.offset : filters.offset + filters.limit
        ]
    )
    # One event per person in the answer (one insert); an empty page names nobody.
    audit_list_view(actor=actor, interventions=interventions, detail=detail, shown=rows)
    return s.ReferralPageOut(
        count=count,
        limit=filters.limit,
        offset=filters.offset,
        items=[referral_out(referral) for referral in rows],
    )


@router.post(
    "/referrals/{referral_id}/decision",
    response={
        200: s.ReferralOut,
        403: s.ErrorOut,
        404: s.ErrorOut,
        409: s.ErrorOut,
        422: s.InvalidOut,
    },
    summary="Anta eller avböj en anvisning",
    description="For the intervention's insatsansvarig and coaches. Declining needs a "
    "`reason`. `version` is the referral's version as read: a stale one, or a referral "
    "already decided, is 409 and nothing changes.",
)
def referral_decide(
    request: HttpRequest, referral_id: ObjectId, payload: s.DecisionIn
) -> s.ReferralOut:
    actor = actor_of(request)
    referral = referral_get(actor=actor, referral_id=referral_id, audit=False)
    with conflicts("decided"), fields_renamed({"decision_reason": "reason"}):
        referral_services.referral_decide(
            actor=actor,
            referral=referral,
            accept=payload.accept,
            reason=payload.reason,
            expected_version=payload.version,
        )
    return referral_out(referral)
