"""Registrations: the list the caller may see, one registration, registering a person, and
the choices (parties, coaches, phases, steps, activity types) the other bodies refer to."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from samsyn.core.models import Party, Team, User
from samsyn.core.personnummer import Personnummer
from samsyn.interventions.models import Intervention
from samsyn.participants.api import schemas as s
from samsyn.participants.api.common import (
    ObjectId,
    SlugPath,
    actor_of,
    criteria_facts,
    fields_renamed,
    invalid,
    maybe_one_of,
    one_of,
    parties_of,
    warnings_response,
)
from samsyn.participants.api.presenters import (
    as_named,
    as_ordered,
    registration_out,
    registration_summary,
)
from samsyn.participants.models import Registration
from samsyn.participants.selectors.caseload import list_view_audit, may_see_caseload
from samsyn.participants.selectors.consents import consent_list_for
from samsyn.participants.selectors.intake import (
    active_parties,
    active_teams,
    coaches_for,
    forbund_parties,
    is_intervention_staff,
    referral_interventions_for,
    referring_parties_for,
    registration_interventions_for,
)
from samsyn.participants.selectors.journey import active_activity_types, indicators_of
from samsyn.participants.selectors.referrals import referral_get
from samsyn.participants.selectors.registrations import registration_get, registration_list_for
from samsyn.participants.services.consent import ConsentTerms, RecipientTerm
from samsyn.participants.services.journey_access import can_write_journey
from samsyn.participants.services.persons import PersonDetails
from samsyn.participants.services.referrals import EligibilityNotAcknowledged
from samsyn.participants.services.registration import (
    Baseline,
    DirectRegistration,
    registration_create_direct,
    registration_create_from_referral,
)

router = Router(tags=["inskrivningar"])

PERSON_FIELDS = ("personnummer", "first_name", "last_name", "gender", "birth_year")
BASELINE_FIELDS = (
    "start_date",
    "coach",
    "incomes_before",
    "occupation_before",
    "education_level",
    "months_outside_labour_market",
    "current_at_parties",
)
CONSENT_FIELDS = ("parties", "valid_from", "valid_to", "document")
DIRECT_ONLY = ("intervention", "person", "referring_party", "team", "reason", "consent")
# Service field name -> the name in the request body.
FIELD_NAMES = {
    **{name: f"person.{name}" for name in (*PERSON_FIELDS, "home_municipality_code")},
    **{name: f"baseline.{name}" for name in BASELINE_FIELDS},
    **{name: f"consent.{name}" for name in CONSENT_FIELDS},
}


@router.get(
    "/registrations",
    response={200: s.RegistrationPageOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Inskrivningar som du får se",
    description="The registrations in the caller's scope (a coach's caseload, an "
    "insatsansvarig's interventions, a handläggare's own referrals while the consent "
    "covers its party), newest start first. One view event per participant returned.",
)
def registration_list(
    request: HttpRequest, filters: Query[s.RegistrationFilters]
) -> s.RegistrationPageOut:
    actor = actor_of(request)
    if not may_see_caseload(actor=actor):
        raise Http404
    today = timezone.localdate()
    registrations = registration_list_for(
        actor=actor, today=today, intervention_slug=filters.intervention, ongoing=filters.ongoing
    )
    count = registrations.count()
    rows = list(registrations[filters.offset : filters.offset + filters.limit])
    list_view_audit(actor=actor, detail="Inskrivningar listade (API)", shown=rows)
    return s.RegistrationPageOut(
        count=count,
        limit=filters.limit,
        offset=filters.offset,
        items=[registration_summary(registration, today) for registration in rows],
    )


@router.get(
    "/registrations/{registration_id}",
    response={200: s.RegistrationOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="En inskrivning",
    description="Person (identity only when not anonymous; the personnummer always masked), "
    "baseline, current phase, next follow-up and exit. Logged as a view of the participant.",
)
def registration_detail(request: HttpRequest, registration_id: ObjectId) -> s.RegistrationOut:
    actor = actor_of(request)
    registration = registration_get(actor=actor, registration_id=registration_id)
    return registration_out(
        registration,
        can_write=can_write_journey(actor=actor, registration=registration),
        today=timezone.localdate(),
    )


@router.post(
    "/registrations",
    response={201: s.RegistrationOut, 404: s.ErrorOut, 409: s.ErrorOut, 422: s.WarningsOut},
    summary="Skriv in en person",
    description="From an accepted referral (`referral`, optionally `consent_id`; without a "
    "consent the person is registered anonymously) or directly (`intervention`, `person`, "
    "`referring_party`, `reason`, `consent`). Eligibility warnings of a direct registration "
    "give 422 with `warnings` unless `acknowledge_warnings` is true. Staff only.",
)
def registration_create(
    request: HttpRequest, payload: s.RegistrationIn
) -> Status[s.RegistrationOut] | Status[s.WarningsOut]:
    actor = actor_of(request)
    try:
        with fields_renamed(FIELD_NAMES | {"consent": "consent_id"}):
            if payload.referral is not None:
                registration = _from_referral(actor, payload, payload.referral)
            else:
                registration = _direct(actor, payload)
    except EligibilityNotAcknowledged as error:
        return warnings_response(error)
    out = registration_out(registration, can_write=True, today=timezone.localdate())
    return Status(201, out)


def _baseline(intervention: Intervention, data: s.BaselineIn) -> Baseline:
    coach = maybe_one_of(
        coaches_for(intervention=intervention),
        data.coach,
        field="baseline.coach",
        message=_("Välj en coach som arbetar i insatsen."),
    )
    return Baseline(
        start_date=data.start_date,
        coach=coach,
        incomes_before=[str(source) for source in data.incomes_before],
        occupation_before=str(data.occupation_before or ""),
        education_level=str(data.education_level),
        months_outside_labour_market=data.months_outside_labour_market,
        current_at_parties=parties_of(
            forbund_id=intervention.forbund_id,
            ids=data.current_at_parties,
            field="baseline.current_at_parties",
        ),
    )


def _from_referral(actor: User, payload: s.RegistrationIn, referral_id: int) -> Registration:
    given = sorted(set(DIRECT_ONLY) & payload.model_fields_set)
    if given:
        message = _("Anges bara vid direkt inskrivning, inte med en anvisning.")
        raise invalid(given[0], message)
    referral = referral_get(actor=actor, referral_id=referral_id, audit=False)
    if not is_intervention_staff(actor=actor, intervention_id=referral.intervention_id):
        raise Http404
    consent = None
    if payload.consent_id is not None:
        consents = consent_list_for(
            actor=actor, person=referral.person, intervention=referral.intervention
        )
        consent = next((c for c in consents if c.pk == payload.consent_id), None)
        if consent is None:
            raise invalid("consent_id", _("Välj ett av personens samtycken till insatsen."))
    baseline = _baseline(referral.intervention, payload.baseline)
    return registration_create_from_referral(
        actor=actor, referral=referral, consent=consent, baseline=baseline
    )


def person_details(data: s.PersonIn) -> PersonDetails:
    return PersonDetails(
        personnummer=Personnummer(data.personnummer) if data.personnummer else None,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        gender=str(data.gender or ""),
        birth_year=data.birth_year,
        home_municipality_code=data.home_municipality_code.strip(),
        anonymous=data.identity == "anonym",
        protected_identity=data.identity == "skyddad",
    )


def _direct(actor: User, payload: s.RegistrationIn) -> Registration:
    if payload.consent_id is not None:
        raise invalid("consent_id", _("Anges bara vid inskrivning från en anvisning."))
    missing = [
        name for name in ("intervention", "person", "referring_party") if not getattr(payload, name)
    ]
    if missing:
        raise invalid(missing[0], _("Uppgiften saknas."))
    assert payload.intervention and payload.person and payload.referring_party
    intervention = (
        registration_interventions_for(actor=actor).filter(slug=payload.intervention).first()
    )
    if intervention is None:
        raise Http404
    forbund_id = intervention.forbund_id
    consent = None
    if payload.consent is not None:
        consent = ConsentTerms(
            parties=parties_of(
                forbund_id=forbund_id, ids=payload.consent.parties, field="consent.parties"
            ),
            recipients=[
                RecipientTerm(category=r.category, name=r.name) for r in payload.consent.recipients
            ],
            valid_from=payload.consent.valid_from,
            valid_to=payload.consent.valid_to,
        )
    entry = DirectRegistration(
        intervention=intervention,
        person=person_details(payload.person),
        referring_party=referring_party_of(forbund_id=forbund_id, pk=payload.referring_party),
        reason=payload.reason,
        baseline=_baseline(intervention, payload.baseline),
        consent=consent,
        team=active_team(forbund_id=forbund_id, pk=payload.team),
        acknowledge_warnings=payload.acknowledge_warnings,
        criteria=criteria_facts(payload.criteria, ()),
    )
    return registration_create_direct(actor=actor, entry=entry)


def referring_party_of(*, forbund_id: int, pk: int) -> Party:
    return one_of(
        forbund_parties(forbund_id=forbund_id),
        pk,
        field="referring_party",
        message=_("Okänd part: välj bland förbundets parter."),
    )


def active_team(*, forbund_id: int, pk: int | None) -> Team | None:
    return maybe_one_of(
        active_teams(forbund_id=forbund_id),
        pk,
        field="team",
        message=_("Okänt team: välj ett av förbundets team."),
    )


@router.get(
    "/interventions/{slug}/choices",
    response={200: s.ChoicesOut, 404: s.ErrorOut},
    summary="Val för anvisning och deltagarens väg i en insats",
    description="The ids the other request bodies refer to: parties (and those the caller "
    "may refer for), teams, coaches (staff only), phases, ladder steps, activity types. "
    "For a handläggare, insatsansvarig or coach of the intervention.",
)
def intervention_choices(request: HttpRequest, slug: SlugPath) -> s.ChoicesOut:
    actor = actor_of(request)
    intervention = referral_interventions_for(actor=actor).filter(slug=slug).first()
    if intervention is None:
        raise Http404
    staff = is_intervention_staff(actor=actor, intervention_id=intervention.pk)
    parties = active_parties(forbund_id=intervention.forbund_id)
    referring = referring_parties_for(actor=actor, intervention=intervention)
    teams = active_teams(forbund_id=intervention.forbund_id)
    coaches = list(coaches_for(intervention=intervention)) if staff else []
    activity_types = active_activity_types(intervention=intervention)
    return s.ChoicesOut(
        intervention=intervention.slug,
        referring_parties=[as_named(party) for party in referring.order_by("name")],
        parties=[as_named(party) for party in parties.order_by("name")],
        teams=[as_named(team) for team in teams.order_by("name")],
        coaches=[as_named(coach) for coach in coaches],
        phases=[as_ordered(phase) for phase in intervention.phases.order_by("order")],
        ladder_steps=[as_ordered(step) for step in intervention.ladder_steps.order_by("order")],
        activity_types=[as_named(kind) for kind in activity_types],
        indicators=[
            as_ordered(indicator) for indicator in indicators_of(intervention_id=intervention.pk)
        ],
    )
