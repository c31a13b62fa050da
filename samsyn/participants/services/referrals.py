"""Referral (inremittering): made by a handläggare for its party, or entered by the
intervention's staff on a team's behalf; decided by the insatsansvarig or a coach."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, Team, User
from samsyn.core.versioning import save_versioned
from samsyn.interventions.models import Intervention
from samsyn.participants.models import IncomeSource, Referral, ReferralStatus
from samsyn.participants.selectors.intake import (
    is_intervention_staff,
    party_choices,
    referral_interventions_for,
    referring_parties_for,
)
from samsyn.participants.services.audit import audit_participant
from samsyn.participants.services.eligibility import (
    CriteriaFacts,
    EligibilityFacts,
    eligibility_refusals,
    eligibility_warnings,
    places_by_municipality,
)
from samsyn.participants.services.persons import (
    PersonDetails,
    person_resolve,
    validate_person_details,
)

ACKNOWLEDGE_MESSAGE = gettext_lazy(
    "Personen uppfyller inte alla villkor för insatsen. Läs varningarna och kryssa i att du "
    "har tagit del av dem för att spara ändå."
)


class EligibilityNotAcknowledged(ValidationError):
    """The rules gave warnings and nobody acknowledged them; nothing was saved."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__({"acknowledge_warnings": [ACKNOWLEDGE_MESSAGE]}, code="warnings")
        self.warnings = warnings


def facts_for(
    *,
    intervention: Intervention,
    details: PersonDetails,
    on: datetime.date,
    parties_current: int,
    criteria: CriteriaFacts,
) -> EligibilityFacts:
    pnr = details.personnummer
    return EligibilityFacts(
        on=on,
        birth_year=pnr.birth_year if pnr else details.birth_year,
        birth_date=pnr.birth_date if pnr else None,
        parties_current=parties_current,
        # With protected identity the municipality is not kept (services/persons.py).
        home_municipality_code="" if details.protected_identity else details.home_municipality_code,
        places=places_by_municipality(intervention=intervention),
        criteria=criteria,
        referring_kinds=set(
            party_choices(intervention=intervention).values_list("kind", flat=True)
        ),
    )


def check_eligibility(
    *, intervention: Intervention, facts: EligibilityFacts, acknowledged: bool
) -> list[str]:
    """Refuse (ValidationError) when a structured criterion is not met; otherwise the
    warnings, raising EligibilityNotAcknowledged when there are some to confirm."""
    refusals = eligibility_refusals(intervention=intervention, facts=facts)
    if refusals:
        raise ValidationError(refusals, code="not_eligible")
    warnings = eligibility_warnings(intervention=intervention, facts=facts)
    if warnings and not acknowledged:
        raise EligibilityNotAcknowledged(warnings)
    return warnings


def _validate_referral(
    *,
    actor: User,
    intervention: Intervention,
    referring_party: Party,
    team: Team | None,
    reason: str,
    current_at_parties: Sequence[Party],
    referred_on: datetime.date,
) -> None:
    errors: dict[str, str] = {}
    if not referring_parties_for(actor=actor, intervention=intervention).filter(
        pk=referring_party.pk
    ):
        errors["referring_party"] = _("Välj en part som du får anvisa för.")
    if team is not None and (team.forbund_id != intervention.forbund_id or not team.is_active):
        errors["team"] = _("Okänt team: välj ett av förbundets team.")
    if any(party.forbund_id != intervention.forbund_id for party in current_at_parties):
        errors["current_at_parties"] = _("Okänd part: välj bland förbundets parter.")
    if not reason.strip():
        errors["reason"] = _("Beskriv varför personen anvisas.")
    if referred_on > timezone.localdate():
        errors["referred_on"] = _("Anvisningsdatumet kan inte ligga i framtiden.")
    if errors:
        raise ValidationError(errors)


def _validate_incomes(sources: Sequence[str]) -> None:
    if not set(sources) <= set(IncomeSource.values):
        raise ValidationError({"income_sources": _("Okänd försörjning.")})


@transaction.atomic
def referral_create(
    *,
    actor: User,
    intervention: Intervention,
    referring_party: Party,
    person: PersonDetails,
    reason: str,
    current_at_parties: Sequence[Party] = (),
    team: Team | None = None,
    referred_on: datetime.date | None = None,
    acknowledge_warnings: bool = False,
    accepted: bool = False,
    criteria: CriteriaFacts | None = None,
) -> Referral:
    """Refer a person to an intervention.

    ``accepted`` is for the staff's direct registration: the referral is decided at once.
    Raises EligibilityNotAcknowledged when rules are broken and not acknowledged.
    """
    if not referral_interventions_for(actor=actor).filter(pk=intervention.pk).exists():
        raise Http404
    if accepted and not is_intervention_staff(actor=actor, intervention_id=intervention.pk):
        raise PermissionDenied
    referred_on = referred_on or timezone.localdate()
    _validate_referral(
        actor=actor,
        intervention=intervention,
        referring_party=referring_party,
        team=team,
        reason=reason,
        current_at_parties=current_at_parties,
        referred_on=referred_on,
    )
    validate_person_details(person)
    criteria = criteria or CriteriaFacts()
    _validate_incomes(criteria.income_sources)
    facts = facts_for(
        intervention=intervention,
        details=person,
        on=referred_on,
        parties_current=len(current_at_parties),
        criteria=criteria,
    )
    warnings = check_eligibility(
        intervention=intervention, facts=facts, acknowledged=acknowledge_warnings
    )
    referral = Referral.objects.create(
        intervention=intervention,
        person=person_resolve(forbund=intervention.forbund, details=person),
        referring_party=referring_party,
        referred_by=actor,
        team=team,
        referred_on=referred_on,
        reason=reason.strip(),
        has_lss_daily_activity=criteria.lss_daily_activity,
        has_long_term_forsorjningsstod=criteria.long_term_forsorjningsstod,
        current_in_psychiatry=criteria.current_in_psychiatry,
        income_sources=sorted(set(criteria.income_sources)),
        eligibility_warnings=warnings,
        warnings_acknowledged_by=actor if warnings else None,
        status=ReferralStatus.ACCEPTED if accepted else ReferralStatus.PENDING,
        decided_on=timezone.localdate() if accepted else None,
        decided_by=actor if accepted else None,
    )
    referral.current_at_parties.set(current_at_parties)
    _audit_created(actor=actor, referral=referral)
    return referral


def _audit_created(*, actor: User, referral: Referral) -> None:
    detail = "Anvisning skapad"
    if referral.eligibility_warnings:
        detail += f", {len(referral.eligibility_warnings)} varningar bekräftade"
    audit_participant(
        actor=actor,
        action=AuditAction.CREATE,
        person=referral.person,
        intervention=referral.intervention,
        obj=referral,
        detail=detail,
    )


@transaction.atomic
def referral_decide(
    *,
    actor: User,
    referral: Referral,
    accept: bool,
    reason: str,
    expected_version: int,
) -> Referral:
    """Accept or decline a pending referral; declining needs a reason."""
    if not is_intervention_staff(actor=actor, intervention_id=referral.intervention_id):
        raise PermissionDenied(_("Bara insatsens personal kan besluta om anvisningar."))
    if referral.status != ReferralStatus.PENDING:
        raise ValidationError(_("Anvisningen är redan beslutad."), code="decided")
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError(
            {"decision_reason": _("Ange varför anvisningen avböjs.")}, code="reason_required"
        )
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.decision_reason = reason
    referral.decided_on = timezone.localdate()
    referral.decided_by = actor
    save_versioned(
        referral,
        expected_version=expected_version,
        fields=["status", "decision_reason", "decided_on", "decided_by"],
    )
    audit_participant(
        actor=actor,
        action=AuditAction.UPDATE,
        person=referral.person,
        intervention=referral.intervention,
        obj=referral,
        detail="Anvisning antagen" if accept else "Anvisning avböjd",
    )
    return referral
