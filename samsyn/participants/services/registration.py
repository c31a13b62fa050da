"""Registration (inregistrering): the start of a person's time in an intervention.

Two ways in: from an accepted referral, or directly by the intervention's staff (which
records an accepted referral at the same time, so eligibility and the referring party are
kept the same way). Without a consent the registration is anonymous: the person's identity
is erased or a new anonymous person is used (see services/persons.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, Team, User
from samsyn.interventions.models import Intervention
from samsyn.participants.models import (
    Consent,
    EducationLevel,
    IncomeMoment,
    IncomeSource,
    Occupation,
    Person,
    PhaseChange,
    Referral,
    ReferralStatus,
    Registration,
    RegistrationIncome,
)
from samsyn.participants.selectors.intake import coaches_for, is_intervention_staff
from samsyn.participants.selectors.scoping import referrals_visible_to
from samsyn.participants.services.audit import audit_participant
from samsyn.participants.services.consent import (
    ConsentTerms,
    consent_store,
    validate_consent_terms,
)
from samsyn.participants.services.eligibility import CriteriaFacts
from samsyn.participants.services.persons import (
    PersonDetails,
    person_without_identity,
    validate_person_details,
)
from samsyn.participants.services.referrals import referral_create

ONGOING_MESSAGE = gettext_lazy("Personen har redan en pågående inskrivning i den här insatsen.")


@dataclass(frozen=True)
class Baseline:
    """Status at start (DOMAIN.md step 3)."""

    start_date: datetime.date
    coach: User | None = None
    incomes_before: Sequence[str] = ()
    occupation_before: str = ""
    education_level: str = EducationLevel.OKAND
    months_outside_labour_market: int | None = None
    current_at_parties: Sequence[Party] = ()


def validate_baseline(*, intervention: Intervention, baseline: Baseline) -> None:
    errors: dict[str, str] = {}
    if baseline.start_date < intervention.start_date:
        errors["start_date"] = _("Startdatumet ligger före insatsens start (%(date)s).") % {
            "date": intervention.start_date.isoformat()
        }
    elif baseline.start_date > timezone.localdate() + datetime.timedelta(days=90):
        errors["start_date"] = _("Startdatumet kan ligga högst 90 dagar fram i tiden.")
    if baseline.coach is not None and not coaches_for(intervention=intervention).filter(
        pk=baseline.coach.pk
    ):
        errors["coach"] = _("Välj en coach som arbetar i insatsen.")
    incomes = set(baseline.incomes_before)
    if not incomes:
        errors["incomes_before"] = _("Välj minst en försörjning före insatsen.")
    elif not incomes <= set(IncomeSource.values):
        errors["incomes_before"] = _("Okänd försörjning.")
    elif IncomeSource.INGEN in incomes and len(incomes) > 1:
        errors["incomes_before"] = _(
            "Ingen offentlig försörjning kan inte kombineras med andra försörjningskällor."
        )
    if baseline.occupation_before and baseline.occupation_before not in Occupation.values:
        errors["occupation_before"] = _("Okänd sysselsättning.")
    if baseline.education_level not in EducationLevel.values:
        errors["education_level"] = _("Okänd utbildningsnivå.")
    months = baseline.months_outside_labour_market
    if months is not None and not 0 <= months <= 600:
        errors["months_outside_labour_market"] = _("Ange ett antal månader mellan 0 och 600.")
    if any(party.forbund_id != intervention.forbund_id for party in baseline.current_at_parties):
        errors["current_at_parties"] = _("Okänd part: välj bland förbundets parter.")
    if errors:
        raise ValidationError(errors)


def _ensure_not_ongoing(*, person: Person, intervention: Intervention) -> None:
    Person.objects.select_for_update().filter(pk=person.pk).first()
    ongoing = Registration.objects.filter(
        person=person, intervention=intervention, end_date__isnull=True
    )
    if ongoing.exists():
        raise ValidationError(ONGOING_MESSAGE, code="ongoing")


def _usable_consent(*, consent: Consent, referral: Referral) -> None:
    if consent.person_id != referral.person_id or consent.intervention_id != (
        referral.intervention_id
    ):
        raise ValidationError({"consent": _("Välj ett av personens samtycken till insatsen.")})
    today = timezone.localdate()
    ended = consent.valid_to is not None and consent.valid_to < today
    if consent.withdrawn_on is not None or ended:
        raise ValidationError(
            {
                "consent": _(
                    "Samtycket gäller inte längre. Registrera ett nytt samtycke eller skriv "
                    "in personen anonymt."
                )
            }
        )


def _write_registration(
    *,
    actor: User,
    referral: Referral,
    person: Person,
    consent: Consent | None,
    baseline: Baseline,
) -> Registration:
    intervention = referral.intervention
    _ensure_not_ongoing(person=person, intervention=intervention)
    first_phase = intervention.phases.order_by("order").first()
    registration = Registration.objects.create(
        person=person,
        intervention=intervention,
        referral=referral,
        consent=consent,
        referring_party_id=referral.referring_party_id,
        coach=baseline.coach,
        start_date=baseline.start_date,
        occupation_before=baseline.occupation_before,
        education_level=baseline.education_level,
        months_outside_labour_market=baseline.months_outside_labour_market,
        current_phase=first_phase,
        next_follow_up_due=baseline.start_date
        + datetime.timedelta(weeks=intervention.follow_up_interval_weeks),
    )
    registration.current_at_parties.set(baseline.current_at_parties)
    RegistrationIncome.objects.bulk_create(
        RegistrationIncome(registration=registration, moment=IncomeMoment.BEFORE, source=source)
        for source in sorted(set(baseline.incomes_before))
    )
    if first_phase is not None:
        PhaseChange.objects.create(
            registration=registration,
            phase=first_phase,
            entered_on=baseline.start_date,
            recorded_by=actor,
        )
    detail = "Inskrivning skapad" + ("" if consent else ", anonym (utan samtycke)")
    audit_participant(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        intervention=intervention,
        obj=registration,
        detail=detail,
    )
    return registration


@transaction.atomic
def registration_create_from_referral(
    *,
    actor: User,
    referral: Referral,
    consent: Consent | None,
    baseline: Baseline,
) -> Registration:
    """Register the person of an accepted referral; anonymous when ``consent`` is None."""
    if not referrals_visible_to(actor).filter(pk=referral.pk).exists():
        raise Http404
    if not is_intervention_staff(actor=actor, intervention_id=referral.intervention_id):
        raise Http404
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Bara en antagen anvisning kan leda till inskrivning."))
    if Registration.objects.filter(referral=referral).exists():
        raise ValidationError(_("Anvisningen har redan lett till en inskrivning."))
    validate_baseline(intervention=referral.intervention, baseline=baseline)
    if consent is not None:
        _usable_consent(consent=consent, referral=referral)
    person = referral.person
    if consent is None or person.protected_identity:
        person = person_without_identity(person=person, referral=referral)
    return _write_registration(
        actor=actor, referral=referral, person=person, consent=consent, baseline=baseline
    )


@dataclass(frozen=True)
class DirectRegistration:
    """A registration entered by the staff without a prior referral in Samsyn."""

    intervention: Intervention
    person: PersonDetails
    referring_party: Party
    reason: str
    baseline: Baseline
    consent: ConsentTerms | None = None
    team: Team | None = None
    acknowledge_warnings: bool = False
    # The structured criteria's facts; the income sources are the baseline's.
    criteria: CriteriaFacts = field(default_factory=CriteriaFacts)


def _validate_direct(entry: DirectRegistration) -> None:
    errors: dict[str, list[str]] = {}
    for check in (
        lambda: validate_person_details(entry.person),
        lambda: validate_baseline(intervention=entry.intervention, baseline=entry.baseline),
        lambda: (
            entry.consent
            and validate_consent_terms(intervention=entry.intervention, terms=entry.consent)
        ),
    ):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if entry.consent is None and not entry.person.without_identity:
        errors.setdefault("personnummer", []).append(
            _(
                "Utan samtycke skrivs personen in anonymt. Fyll i samtycket eller välj "
                "anonym inskrivning."
            )
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def registration_create_direct(*, actor: User, entry: DirectRegistration) -> Registration:
    """Register a person directly: an accepted referral, the consent (if any) and the
    registration, all or nothing."""
    if not is_intervention_staff(actor=actor, intervention_id=entry.intervention.pk):
        raise Http404
    _validate_direct(entry)
    referral = referral_create(
        actor=actor,
        intervention=entry.intervention,
        referring_party=entry.referring_party,
        person=entry.person,
        reason=entry.reason,
        current_at_parties=entry.baseline.current_at_parties,
        team=entry.team,
        referred_on=min(entry.baseline.start_date, timezone.localdate()),
        acknowledge_warnings=entry.acknowledge_warnings,
        accepted=True,
        criteria=replace(
            entry.criteria, income_sources=tuple(sorted(set(entry.baseline.incomes_before)))
        ),
    )
    _ensure_not_ongoing(person=referral.person, intervention=entry.intervention)
    consent = None
    if entry.consent is not None:
        consent = consent_store(
            actor=actor,
            person=referral.person,
            intervention=entry.intervention,
            terms=entry.consent,
        )
    return _write_registration(
        actor=actor,
        referral=referral,
        person=referral.person,
        consent=consent,
        baseline=entry.baseline,
    )
