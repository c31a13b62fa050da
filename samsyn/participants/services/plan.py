"""The action plan (handlingsplan) and its sub-goals (delmål).

Both are versioned: a form carries the version it was rendered with and a save against a
newer row is refused with STALE_EDIT_MESSAGE, changing nothing.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.core.versioning import StaleEditError, save_versioned
from samsyn.participants.models import (
    ActionPlan,
    OverallGoal,
    Registration,
    SubGoal,
    SubGoalStatus,
)
from samsyn.participants.services.journey_access import (
    audit_journey,
    ensure_journey_writer,
    event_date_error,
)

DESCRIPTION_MAX_LENGTH = 4000
SUB_GOAL_MAX_LENGTH = 1000

_PLAN_FIELDS = [
    "overall_goal",
    "agreed_on",
    "agreed_by_participant",
    "agreed_by_referrer",
    "description",
]
_SUB_GOAL_FIELDS = ["description", "target_date", "responsible_party", "status", "reached_on"]


def _validate_plan(
    registration: Registration, *, overall_goal: str, agreed_on: datetime.date, description: str
) -> None:
    errors: dict[str, str] = {}
    if overall_goal not in OverallGoal.values:
        errors["overall_goal"] = _("Välj ett av de övergripande målen i listan.")
    date_error = event_date_error(registration, agreed_on)
    if date_error:
        errors["agreed_on"] = date_error
    if len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("Beskrivningen får vara högst %(max)d tecken.") % {
            "max": DESCRIPTION_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_plan_save(
    *,
    actor: User,
    registration: Registration,
    overall_goal: str,
    agreed_on: datetime.date,
    agreed_by_participant: bool,
    agreed_by_referrer: bool,
    description: str,
    expected_version: int | None,
) -> ActionPlan:
    """Create the registration's plan, or update it when ``expected_version`` is current.

    ``expected_version`` is None for a form that was rendered before any plan existed; if
    someone created one meanwhile, the save is stale and refused.
    """
    ensure_journey_writer(actor=actor, registration=registration)
    description = description.strip()
    _validate_plan(
        registration, overall_goal=overall_goal, agreed_on=agreed_on, description=description
    )
    values = {
        "overall_goal": overall_goal,
        "agreed_on": agreed_on,
        "agreed_by_participant": agreed_by_participant,
        "agreed_by_referrer": agreed_by_referrer,
        "description": description,
    }
    plan = ActionPlan.objects.filter(registration=registration).first()
    if plan is None:
        if expected_version is not None:
            raise StaleEditError()
        try:
            with transaction.atomic():
                plan = ActionPlan.objects.create(registration=registration, **values)
        except IntegrityError as error:  # created by someone else a moment ago
            raise StaleEditError() from error
        audit_journey(
            actor=actor,
            registration=registration,
            action=AuditAction.CREATE,
            obj=plan,
            detail="Handlingsplan skapad",
        )
        return plan
    if expected_version is None:
        raise StaleEditError()
    for name, value in values.items():
        setattr(plan, name, value)
    save_versioned(plan, expected_version=expected_version, fields=_PLAN_FIELDS)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.UPDATE,
        obj=plan,
        detail="Handlingsplan ändrad",
    )
    return plan


def _validate_sub_goal(
    registration: Registration,
    *,
    description: str,
    responsible_party: Party | None,
    status: str,
    reached_on: datetime.date | None,
    previous_party_id: int | None = None,
) -> None:
    errors: dict[str, str] = {}
    if not description:
        errors["description"] = _("Beskriv delmålet.")
    elif len(description) > SUB_GOAL_MAX_LENGTH:
        errors["description"] = _("Delmålet får vara högst %(max)d tecken.") % {
            "max": SUB_GOAL_MAX_LENGTH
        }
    if responsible_party is not None and (
        responsible_party.forbund_id != registration.intervention.forbund_id
        or (not responsible_party.is_active and responsible_party.pk != previous_party_id)
    ):
        errors["responsible_party"] = _("Välj en av förbundets aktiva parter.")
    if status not in SubGoalStatus.values:
        errors["status"] = _("Välj en status i listan.")
    # A date given with another status is dropped (see _reached_on), not an error: the
    # form keeps showing the old date when someone moves a sub-goal back to "pågår".
    if (
        status == SubGoalStatus.UPPNATT
        and reached_on is not None
        and reached_on > timezone.localdate()
    ):
        errors["reached_on"] = _("Datumet kan inte ligga i framtiden.")
    if errors:
        raise ValidationError(errors)


def _reached_on(status: str, reached_on: datetime.date | None) -> datetime.date | None:
    """A reached sub-goal always has a date (today unless given); others never have one."""
    if status != SubGoalStatus.UPPNATT:
        return None
    return reached_on or timezone.localdate()


def _plan_of(registration: Registration) -> ActionPlan:
    plan = ActionPlan.objects.filter(registration=registration).first()
    if plan is None:
        raise ValidationError(_("Skriv handlingsplanen först; delmålen hör till den."))
    return plan


@transaction.atomic
def sub_goal_create(
    *,
    actor: User,
    registration: Registration,
    description: str,
    target_date: datetime.date | None,
    responsible_party: Party | None,
    status: str = SubGoalStatus.EJ_PABORJAT,
    reached_on: datetime.date | None = None,
) -> SubGoal:
    ensure_journey_writer(actor=actor, registration=registration)
    plan = _plan_of(registration)
    description = description.strip()
    _validate_sub_goal(
        registration,
        description=description,
        responsible_party=responsible_party,
        status=status,
        reached_on=reached_on,
    )
    sub_goal = SubGoal.objects.create(
        plan=plan,
        description=description,
        target_date=target_date,
        responsible_party=responsible_party,
        status=status,
        reached_on=_reached_on(status, reached_on),
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=sub_goal,
        detail="Delmål skapat",
    )
    return sub_goal


@transaction.atomic
def sub_goal_update(
    *,
    actor: User,
    registration: Registration,
    sub_goal: SubGoal,
    expected_version: int,
    description: str,
    target_date: datetime.date | None,
    responsible_party: Party | None,
    status: str,
    reached_on: datetime.date | None = None,
) -> SubGoal:
    ensure_journey_writer(actor=actor, registration=registration)
    if not SubGoal.objects.filter(pk=sub_goal.pk, plan__registration=registration).exists():
        raise Http404
    description = description.strip()
    _validate_sub_goal(
        registration,
        description=description,
        responsible_party=responsible_party,
        status=status,
        reached_on=reached_on,
        previous_party_id=sub_goal.responsible_party_id,
    )
    # Keep the date it was first reached when the status stays "uppnått".
    if status == SubGoalStatus.UPPNATT and reached_on is None:
        reached_on = sub_goal.reached_on
    sub_goal.description = description
    sub_goal.target_date = target_date
    sub_goal.responsible_party = responsible_party
    sub_goal.status = status
    sub_goal.reached_on = _reached_on(status, reached_on)
    save_versioned(sub_goal, expected_version=expected_version, fields=_SUB_GOAL_FIELDS)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.UPDATE,
        obj=sub_goal,
        detail="Delmål ändrat",
    )
    return sub_goal
