"""The demo's way in: referral, decision, consent and registration, through the services."""

from __future__ import annotations

import datetime

from samsyn.core.personnummer import parse_personnummer
from samsyn.participants.demo import lss
from samsyn.participants.demo.cast import (
    INCOME_COUNT,
    REASON_COUNT,
    Identity,
    Stage,
    Story,
    identity_of,
    income_index,
    is_young_adult,
)
from samsyn.participants.demo.world import DemoWorld, consent_document
from samsyn.participants.models import (
    Consent,
    EducationLevel,
    IncomeSource,
    Occupation,
    Person,
    Referral,
    Registration,
)
from samsyn.participants.services.consent import ConsentTerms, consent_create
from samsyn.participants.services.persons import (
    PersonDetails,
    person_resolve,
    validate_person_details,
)
from samsyn.participants.services.referrals import referral_create, referral_decide
from samsyn.participants.services.registration import (
    Baseline,
    registration_create_from_referral,
)

REASONS = (
    "Långvarig sjukskrivning med oro och nedstämdhet. Vill tillbaka till arbete men vet inte "
    "hur; behöver stöd från flera parter samtidigt.",
    "Har varit utan arbete i flera år och har försörjningsstöd. Behöver kartläggning av "
    "arbetsförmågan och stöd att pröva arbete.",
    "Ung vuxen utan fullständiga gymnasiebetyg. Motiverad men behöver stöd i vardagen för "
    "att komma vidare till studier eller arbete.",
    "Aktivitetsersättning som snart upphör. Behöver en plan mot arbete eller studier och "
    "samordning mellan Försäkringskassan och regionen.",
    "Återkommande kortare sjukskrivningar och svårt att behålla anställningar. Vill få "
    "stöd att hitta och behålla ett arbete som passar.",
)
assert len(REASONS) == REASON_COUNT and REASONS[2].startswith("Ung vuxen")
INCOMES_BEFORE = (
    (IncomeSource.FORSORJNINGSSTOD,),
    (IncomeSource.SJUKPENNING,),
    (IncomeSource.AKTIVITETSERSATTNING,),
    (IncomeSource.AKTIVITETSSTOD, IncomeSource.FORSORJNINGSSTOD),
    (IncomeSource.SJUKERSATTNING,),
    (IncomeSource.INGEN,),
)
assert len(INCOMES_BEFORE) == INCOME_COUNT
assert INCOMES_BEFORE[2] == (IncomeSource.AKTIVITETSERSATTNING,)
EDUCATION = (
    EducationLevel.GYMNASIAL,
    EducationLevel.FORGYMNASIAL,
    EducationLevel.GYMNASIAL,
    EducationLevel.EFTERGYMNASIAL,
    EducationLevel.OKAND,
)
DAYS_FROM_REFERRAL_TO_START = 21
DAYS_FROM_REFERRAL_TO_DECISION = 7


def incomes_before(world: DemoWorld, story: Story) -> tuple[str, ...]:
    """The story's income before; where the intervention demands an income paid by one of
    the referring parties (seed 002), "ingen offentlig försörjning" becomes försörjningsstöd,
    or the referral would be refused."""
    incomes = tuple(INCOMES_BEFORE[income_index(story)])
    if world.intervention.requires_income_from_party and IncomeSource.INGEN in incomes:
        return (IncomeSource.FORSORJNINGSSTOD,)
    if is_young_adult(story, world.kind):
        # Under 30 the ersättning for a lasting loss of work capacity is aktivitetsersättning.
        return tuple(
            IncomeSource.AKTIVITETSERSATTNING if income == IncomeSource.SJUKERSATTNING else income
            for income in incomes
        )
    return incomes


def person_details(world: DemoWorld, story: Story) -> PersonDetails:
    person = identity_of(
        story, kind=world.kind, kind_index=world.kind_index, referred_on=referred_on(world, story)
    )
    if story.identity is Identity.PROTECTED:
        return PersonDetails(
            gender=person.gender, birth_year=person.birth_year, protected_identity=True
        )
    return PersonDetails(
        personnummer=parse_personnummer(person.personnummer),
        first_name=person.first_name,
        last_name=person.last_name,
        home_municipality_code=person.home_municipality_code,
    )


def _mark_person(world: DemoWorld, story: Story, details: PersonDetails) -> None:
    """Create the person first with the story's code, so every audit event names it.

    A person with protected identity cannot be found again (nothing identifies it) and
    keeps the random code the service gives it.
    """
    if details.protected_identity:
        return
    validate_person_details(details)
    person = person_resolve(forbund=world.intervention.forbund, details=details)
    Person.objects.filter(pk=person.pk).update(pseudonym=story.key(world.letter))


def referred_on(world: DemoWorld, story: Story) -> datetime.date:
    if story.stage in (Stage.PENDING, Stage.DECLINED, Stage.ACCEPTED):
        return world.weeks_ago(story.weeks_ago) - datetime.timedelta(days=story.number % 3)
    start = world.start_of(story) - datetime.timedelta(days=DAYS_FROM_REFERRAL_TO_START)
    return max(start, world.intervention.start_date)


def refer(world: DemoWorld, story: Story) -> Referral:
    actor, party = world.referrer_of(story)
    details = person_details(world, story)
    _mark_person(world, story, details)
    return referral_create(
        actor=actor,
        intervention=world.intervention,
        referring_party=party,
        person=details,
        reason=REASONS[story.number % len(REASONS)],
        current_at_parties=[world.parties[key] for key in story.current_at],
        team=world.team_of(story),
        referred_on=referred_on(world, story),
        # Rules a person breaks are kept on the referral as acknowledged warnings.
        acknowledge_warnings=True,
        criteria=lss.criteria(world, story, incomes_before(world, story)),
    )


def decide(world: DemoWorld, story: Story, referral: Referral) -> datetime.date:
    """Accept or decline; the decision is dated back to when it would have been made."""
    accept = story.stage is not Stage.DECLINED
    referral_decide(
        actor=world.lead,
        referral=referral,
        accept=accept,
        reason=story.decline_reason,
        expected_version=referral.version,
    )
    decided_on = min(
        referral.referred_on + datetime.timedelta(days=DAYS_FROM_REFERRAL_TO_DECISION),
        world.today,
    )
    # The service dates a decision today; the demo's history happened over months.
    Referral.objects.filter(pk=referral.pk).update(decided_on=decided_on)
    return decided_on


def record_consent(
    world: DemoWorld, story: Story, referral: Referral, valid_from: datetime.date
) -> Consent | None:
    if story.identity is not Identity.CONSENT:
        return None
    # Most consents hold until further notice; some for two years.
    valid_to = valid_from + datetime.timedelta(days=730) if story.number % 3 == 0 else None
    terms = ConsentTerms(
        parties=[world.parties[key] for key in story.consent_parties],
        valid_from=valid_from,
        valid_to=valid_to,
        document=consent_document(),
        recipients=lss.recipients(world, story),
    )
    return consent_create(actor=world.coach_of(story), terms=terms, referral=referral)


def register(
    world: DemoWorld, story: Story, referral: Referral, consent: Consent | None
) -> Registration:
    coach = world.coach_of(story)
    baseline = Baseline(
        start_date=world.start_of(story),
        coach=coach,
        incomes_before=lss.LSS_INCOMES
        if lss.is_lss(world, story)
        else incomes_before(world, story),
        occupation_before=Occupation.ARBETSSOKANDE if story.number % 4 == 0 else Occupation.INGEN,
        education_level=EDUCATION[story.number % len(EDUCATION)],
        months_outside_labour_market=12 + (story.number * 7) % 96,
        current_at_parties=[world.parties[key] for key in story.current_at],
    )
    return registration_create_from_referral(
        actor=coach, referral=referral, consent=consent, baseline=baseline
    )


def intake(world: DemoWorld, story: Story) -> Registration | None:
    """Everything up to the registration; None for a story that stops before it."""
    referral = refer(world, story)
    if story.stage is Stage.PENDING:
        return None
    decided_on = decide(world, story, referral)
    if story.stage is Stage.DECLINED:
        return None
    consent = record_consent(world, story, referral, decided_on)
    if story.stage is Stage.ACCEPTED:
        return None
    return register(world, story, referral, consent)
