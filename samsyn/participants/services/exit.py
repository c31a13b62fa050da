"""Exit (avslut, step 11) and its undo.

An exit records the date, the reason, the status after (income sources and occupation), the
outcome, the plan agreed when the outcome is neither work nor studies, the recommendation of
a resursinventering, and whether the person took a step forward. It books the phone
follow-ups 6 and 12 months later, except for a felregistrering (such a registration should
never have existed, is excluded from every statistic, ``Registration.objects.countable()``,
and is not followed up) and for an anonymous registration (nobody can call a person whose
identity and contact details were never stored).

The outcome must agree with the occupation after (``OCCUPATIONS_FOR_OUTCOME``): an exit with
the outcome "arbete" and the occupation "ingen sysselsättning" is refused.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.core.versioning import save_versioned
from samsyn.participants.models import (
    ExitReason,
    IncomeMoment,
    IncomeSource,
    Occupation,
    Outcome,
    PostExitFollowUp,
    Recommendation,
    Registration,
    RegistrationIncome,
)
from samsyn.participants.selectors import progress
from samsyn.participants.services.audit import audit_participant
from samsyn.participants.services.followups import (
    is_intervention_lead,
    registration_for_write,
)

POST_EXIT_MONTHS = (6, 12)
# Outcomes after which no agreed plan is needed: the person got where the work aimed.
OUTCOMES_WITHOUT_PLAN = frozenset({Outcome.ARBETE, Outcome.STUDIER, Outcome.ARBETE_OCH_STUDIER})
# The occupations after the intervention that agree with each outcome (docs/participants-
# followup.md, "Outcome and occupation after"). Work or studies as the outcome exactly when the
# person works or studies afterwards, so the participant report's occupation after and the
# share to work or studies count the same people.
OCCUPATIONS_FOR_OUTCOME: dict[str, frozenset[str]] = {
    Outcome.ARBETE: frozenset({Occupation.ARBETAR}),
    Outcome.STUDIER: frozenset({Occupation.STUDERAR}),
    Outcome.ARBETE_OCH_STUDIER: frozenset({Occupation.ARBETAR, Occupation.STUDERAR}),
    Outcome.ARBETSSOKANDE: frozenset({Occupation.ARBETSSOKANDE}),
    Outcome.ANNAN_PART: frozenset({Occupation.ARBETSSOKANDE, Occupation.INGEN}),
    Outcome.SJUKERSATTNING: frozenset({Occupation.ARBETSSOKANDE, Occupation.INGEN}),
    Outcome.OVRIGT: frozenset({Occupation.ARBETSSOKANDE, Occupation.INGEN}),
}
EXIT_FIELDS = [
    "end_date",
    "exit_reason",
    "occupation_after",
    "outcome",
    "exit_plan",
    "recommendation",
    "step_forward",
    "next_follow_up_due",
]
ONLY_LEAD_MAY_UNDO = gettext_lazy("Bara insatsansvarig kan ångra ett avslut.")


@dataclass(frozen=True)
class ExitData:
    """What the coach records at exit. Codes are those of ``participants.models.choices``."""

    end_date: datetime.date
    reason: str
    income_sources_after: list[str] = field(default_factory=list)
    occupation_after: str = ""
    outcome: str = ""
    exit_plan: str = ""
    recommendation: str = ""
    step_forward: bool | None = None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def computed_step_forward(registration: Registration) -> bool | None:
    """The rule of ``samsyn/participants/selectors/progress.py`` (None when nothing is
    recorded)."""
    result = progress.step_forward(registration)
    return None if result is None else bool(result)


def outcome_contradiction(*, outcome: str, occupation_after: str) -> str | None:
    """The Swedish message when ``outcome`` contradicts ``occupation_after``; None when they
    agree or either is missing or unknown (those have their own messages)."""
    allowed = OCCUPATIONS_FOR_OUTCOME.get(outcome)
    if allowed is None or occupation_after not in Occupation.values or occupation_after in allowed:
        return None
    return _(
        "Resultatet vid avslut ”%(outcome)s” stämmer inte med sysselsättningen efter insatsen "
        "(”%(occupation)s”). Med det resultatet ska sysselsättningen vara: %(allowed)s."
    ) % {
        "outcome": Outcome(outcome).label,
        "occupation": Occupation(occupation_after).label,
        "allowed": ", ".join(
            str(label).lower() for code, label in Occupation.choices if code in allowed
        ),
    }


def _unknown_codes(values: Iterable[str], allowed: Iterable[str]) -> bool:
    return bool(set(values) - set(allowed))


def _date_errors(
    *, registration: Registration, data: ExitData, today: datetime.date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.end_date > today:
        errors["end_date"] = _("Slutdatum kan inte vara i framtiden.")
    elif data.end_date < registration.start_date:
        errors["end_date"] = _("Slutdatum kan inte vara före startdatum (%(date)s).") % {
            "date": registration.start_date.isoformat()
        }
    if data.reason not in ExitReason.values:
        errors["reason"] = _("Välj en avslutsorsak.")
    return errors


def _status_errors(*, data: ExitData, required: bool) -> dict[str, str]:
    """Status after and outcome: required unless the registration was a mistake."""
    errors: dict[str, str] = {}
    if _unknown_codes(data.income_sources_after, IncomeSource.values):
        errors["income_sources_after"] = _("Okänd försörjningskod.")
    elif required and not data.income_sources_after:
        errors["income_sources_after"] = _("Ange minst en försörjning efter insatsen.")
    if data.occupation_after and data.occupation_after not in Occupation.values:
        errors["occupation_after"] = _("Okänd sysselsättning.")
    elif required and not data.occupation_after:
        errors["occupation_after"] = _("Ange sysselsättning efter insatsen.")
    if data.outcome and data.outcome not in Outcome.values:
        errors["outcome"] = _("Okänt resultat vid avslut.")
    elif required and not data.outcome:
        errors["outcome"] = _("Ange resultatet vid avslut.")
    elif contradiction := outcome_contradiction(
        outcome=data.outcome, occupation_after=data.occupation_after
    ):
        errors["outcome"] = contradiction
    elif required and data.outcome not in OUTCOMES_WITHOUT_PLAN and not data.exit_plan.strip():
        errors["exit_plan"] = _(
            "Beskriv den överenskomna planen när resultatet vid avslut varken är arbete "
            "eller studier."
        )
    return errors


def _recommendation_errors(
    *, registration: Registration, data: ExitData, required: bool
) -> dict[str, str]:
    if not registration.intervention.uses_resursinventering:
        if data.recommendation:
            return {
                "recommendation": _(
                    "Rekommendation anges bara i insatser som använder resursinventering."
                )
            }
        return {}
    if data.recommendation and data.recommendation not in Recommendation.values:
        return {"recommendation": _("Okänd rekommendation.")}
    if required and not data.recommendation:
        return {"recommendation": _("Ange resursinventeringens rekommendation.")}
    return {}


def validate_exit(
    *, registration: Registration, data: ExitData, today: datetime.date
) -> bool | None:
    """Raise ValidationError for bad exit data; return the step forward to store."""
    errors = _date_errors(registration=registration, data=data, today=today)
    required = data.reason != ExitReason.FELREGISTRERING
    errors |= _status_errors(data=data, required=required)
    errors |= _recommendation_errors(registration=registration, data=data, required=required)
    step_forward = data.step_forward
    if step_forward is None and required:
        step_forward = computed_step_forward(registration)
        if step_forward is None:
            errors["step_forward"] = _("Ange om deltagaren har gjort en stegförflyttning.")
    if errors:
        raise ValidationError(errors)
    return step_forward


def is_followed_up_after_exit(registration: Registration) -> bool:
    """Whether an exit books the phone follow-ups: never after a felregistrering, and never
    for an anonymous registration, whose person nobody can call (no name, no contact
    details; docs/participants-followup.md)."""
    return (
        registration.exit_reason != ExitReason.FELREGISTRERING
        and not registration.person.is_anonymous
    )


def _book_post_exit_follow_ups(registration: Registration) -> None:
    assert registration.end_date is not None
    PostExitFollowUp.objects.bulk_create(
        PostExitFollowUp(
            registration=registration,
            months_after=months,
            due_on=add_months(registration.end_date, months),
        )
        for months in POST_EXIT_MONTHS
    )


def _store_income_after(registration: Registration, sources: Iterable[str]) -> None:
    registration.incomes.filter(moment=IncomeMoment.AFTER).delete()
    RegistrationIncome.objects.bulk_create(
        RegistrationIncome(registration=registration, moment=IncomeMoment.AFTER, source=source)
        for source in sorted(set(sources))
    )


@transaction.atomic
def registration_exit(
    *,
    actor: User,
    registration_id: int,
    expected_version: int,
    data: ExitData,
    today: datetime.date | None = None,
) -> Registration:
    """End an ongoing registration. A stale version is refused and nothing changes."""
    registration = registration_for_write(actor=actor, registration_id=registration_id)
    if not registration.is_ongoing:
        raise ValidationError(_("Inskrivningen är redan avslutad."), code="ended")
    step_forward = validate_exit(
        registration=registration, data=data, today=today or timezone.localdate()
    )
    registration.end_date = data.end_date
    registration.exit_reason = data.reason
    registration.occupation_after = data.occupation_after
    registration.outcome = data.outcome
    registration.exit_plan = data.exit_plan.strip()
    registration.recommendation = data.recommendation
    registration.step_forward = step_forward
    registration.next_follow_up_due = None
    save_versioned(registration, expected_version=expected_version, fields=EXIT_FIELDS)
    _store_income_after(registration, data.income_sources_after)
    if is_followed_up_after_exit(registration):
        _book_post_exit_follow_ups(registration)
    audit_participant(
        actor=actor,
        action=AuditAction.UPDATE,
        person=registration.person,
        intervention=registration.intervention,
        obj=registration,
        detail=f"Avslut ({data.reason})",
    )
    return registration


@transaction.atomic
def registration_exit_undo(
    *, actor: User, registration_id: int, expected_version: int
) -> Registration:
    """Reopen an ended registration (insatsansvarig only), e.g. after an exit by mistake.

    Refused once a post-exit follow-up has been recorded: its answers would lose their
    meaning, and they must not be deleted.
    """
    registration = registration_for_write(actor=actor, registration_id=registration_id)
    if not is_intervention_lead(actor=actor, registration=registration):
        raise PermissionDenied(ONLY_LEAD_MAY_UNDO)
    if registration.is_ongoing:
        raise ValidationError(_("Inskrivningen är inte avslutad."), code="ongoing")
    if registration.post_exit_follow_ups.filter(done_on__isnull=False).exists():
        raise ValidationError(
            _("En efteruppföljning är redan registrerad, så avslutet kan inte ångras."),
            code="followed_up",
        )
    latest = registration.follow_ups.order_by("-held_on", "-id").first()
    for name in EXIT_FIELDS:
        setattr(registration, name, None if name in {"end_date", "step_forward"} else "")
    registration.next_follow_up_due = latest.next_due if latest is not None else None
    save_versioned(registration, expected_version=expected_version, fields=EXIT_FIELDS)
    registration.incomes.filter(moment=IncomeMoment.AFTER).delete()
    registration.post_exit_follow_ups.all().delete()
    audit_participant(
        actor=actor,
        action=AuditAction.UPDATE,
        person=registration.person,
        intervention=registration.intervention,
        obj=registration,
        detail="Avslut ångrat",
    )
    return registration
