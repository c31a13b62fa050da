"""Retention (gallring) of participants' personal data, and erasure on request.

Rules (docs/data-lifecycle.md):

- An ended registration whose last entry (the latest date of any of its records) is more
  than ``Forbund.retention_years`` old has its free text, documents and contact details
  cleared; its dates, codes and choices stay, so every statistic is unchanged.
- A declined referral, or one that never led to a registration, is cleared
  ``Forbund.referral_retention_months`` after its decision (or its referral date if none).
- A person's identity (personnummer, blind index, names, phone, e-mail) is cleared once
  every registration and referral of the person in the förbund is cleared; gender, birth
  year and home municipality stay.
- Every cleared registration and referral leaves an audit event naming the person's
  pseudonymous code only, and every run leaves a summary event. Audit events themselves and
  frozen period reports are never touched.

``retention_plan`` is the dry run; ``retention_execute`` clears what the plan lists.
Erasure (GDPR Art. 17) goes through the same clearing (services/erasure.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import DateField, F, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.services.events import audit_record, audit_records_bulk
from samsyn.core.models import Forbund
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    Consent,
    ConsentRecipient,
    FollowUpMeeting,
    IndicatorRating,
    JournalNote,
    ParticipantContact,
    Person,
    PhaseChange,
    PostExitFollowUp,
    Referral,
    Registration,
    StepRecord,
    SubGoal,
    WorkStart,
    WorkWishCheck,
)
from samsyn.participants.personal_data import latest_date, registered_holders

RETENTION_ACTOR = "system:apply_retention"
ERASURE_ACTOR_DETAIL = "Radering på begäran (art. 17)"

# What clearing removes in this app, for the dry-run list (the holders add their own).
PARTICIPANT_DATA_CLEARED = (
    "personnummer, namn, telefon och e-post (när alla personens akter är gallrade); "
    "avslutsplan, handlingsplanens och delmålens text, aktiviteters anteckning och utförare, "
    "uppföljningsmötens anteckning och närvarande, journalanteckningar, arbetsgivare och "
    "skola vid starter, anteckningar vid uppföljning efter avslut, mottagare och syfte i "
    "kontaktloggen, uppföljning av årlig fråga, samtyckets mottagare och underskrivna "
    "blankett (filen raderas), remissens anledning och motivering"
)


@dataclass(frozen=True)
class PlannedRegistration:
    registration_id: int
    person_id: int
    pseudonym: str
    intervention: str
    end_date: datetime.date
    last_entry: datetime.date


@dataclass(frozen=True)
class PlannedReferral:
    referral_id: int
    person_id: int
    pseudonym: str
    intervention: str
    status: str
    basis: datetime.date


@dataclass
class RetentionPlan:
    """The dry-run list: what a run on ``today`` would clear in ``forbund`` and why."""

    forbund: Forbund
    today: datetime.date
    registration_cutoff: datetime.date
    referral_cutoff: datetime.date
    registrations: list[PlannedRegistration] = field(default_factory=list)
    referrals: list[PlannedReferral] = field(default_factory=list)
    # Pseudonyms of the persons whose identity is cleared as well.
    persons: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.registrations or self.referrals or self.persons)

    @property
    def cleared_items(self) -> list[str]:
        return [PARTICIPANT_DATA_CLEARED] + [holder.cleared for holder in registered_holders()]


@dataclass(frozen=True)
class RetentionResult:
    registrations: int
    referrals: int
    persons: int
    records: int


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def last_entry_expression() -> Greatest:
    """The latest date of any record of a registration, as one SQL expression.

    Every part falls back to the registration's own end (or start) date, so NULLs never
    reach GREATEST (which SQLite and PostgreSQL treat differently)."""
    own = Coalesce(F("end_date"), F("start_date"))
    parts: list[Subquery] = [
        latest_date(Activity, "held_on"),
        latest_date(FollowUpMeeting, "held_on"),
        latest_date(JournalNote, TruncDate("written_at")),
        latest_date(PhaseChange, "entered_on"),
        latest_date(StepRecord, "recorded_on"),
        latest_date(IndicatorRating, "rated_on"),
        latest_date(WorkStart, "start_date"),
        latest_date(WorkStart, "end_date"),
        latest_date(PostExitFollowUp, "done_on"),
        latest_date(ParticipantContact, "contacted_on"),
        latest_date(WorkWishCheck, "asked_on"),
        latest_date(ActionPlan, "agreed_on"),
        latest_date(SubGoal, "reached_on", via="plan__registration"),
    ]
    for holder in registered_holders():
        parts.extend(holder.last_entries())
    return Greatest(
        own,
        *(Coalesce(part, own, output_field=DateField()) for part in parts),
        output_field=DateField(),
    )


def _due_registrations(forbund: Forbund, cutoff: datetime.date) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(
            intervention__forbund=forbund,
            end_date__isnull=False,
            personal_data_cleared_on__isnull=True,
        )
        .annotate(last_entry=last_entry_expression())
        .filter(last_entry__lt=cutoff)
        .select_related("person", "intervention")
        .order_by("end_date", "id")
    )


def _due_referrals(forbund: Forbund, cutoff: datetime.date) -> QuerySet[Referral]:
    # Declined, still pending, or accepted without a registration: never registered.
    return (
        Referral.objects.filter(
            intervention__forbund=forbund,
            registration__isnull=True,
            personal_data_cleared_on__isnull=True,
        )
        .annotate(basis=Coalesce("decided_on", "referred_on"))
        .filter(basis__lt=cutoff)
        .select_related("person", "intervention")
        .order_by("basis", "id")
    )


def _persons_left_without_records(
    person_ids: set[int], registration_ids: set[int], referral_ids: set[int]
) -> list[Person]:
    """The persons every registration and referral of whom is cleared, or would be by
    clearing ``registration_ids`` and ``referral_ids`` (three queries, whatever the size)."""
    open_registrations = Registration.objects.filter(
        person_id__in=person_ids, personal_data_cleared_on__isnull=True
    ).exclude(pk__in=registration_ids)
    open_referrals = (
        Referral.objects.filter(person_id__in=person_ids, personal_data_cleared_on__isnull=True)
        .exclude(pk__in=referral_ids)
        .exclude(registration__in=registration_ids)
    )
    blocked = set(open_registrations.values_list("person_id", flat=True)) | set(
        open_referrals.values_list("person_id", flat=True)
    )
    return list(
        Person.objects.filter(
            pk__in=person_ids - blocked, identity_cleared_on__isnull=True, is_anonymous=False
        ).order_by("id")
    )


def retention_plan(*, forbund: Forbund, today: datetime.date) -> RetentionPlan:
    """The dry run: which registrations, referrals and identities a run would clear."""
    plan = RetentionPlan(
        forbund=forbund,
        today=today,
        registration_cutoff=years_before(today, forbund.retention_years),
        referral_cutoff=months_before(today, forbund.referral_retention_months),
    )
    for registration in _due_registrations(forbund, plan.registration_cutoff):
        assert registration.end_date is not None
        plan.registrations.append(
            PlannedRegistration(
                registration_id=registration.pk,
                person_id=registration.person_id,
                pseudonym=registration.person.pseudonym,
                intervention=registration.intervention.name,
                end_date=registration.end_date,
                last_entry=registration.last_entry,  # type: ignore[attr-defined]
            )
        )
    for referral in _due_referrals(forbund, plan.referral_cutoff):
        plan.referrals.append(
            PlannedReferral(
                referral_id=referral.pk,
                person_id=referral.person_id,
                pseudonym=referral.person.pseudonym,
                intervention=referral.intervention.name,
                status=referral.get_status_display(),
                basis=referral.basis,  # type: ignore[attr-defined]
            )
        )
    person_ids = {item.person_id for item in plan.registrations} | {
        item.person_id for item in plan.referrals
    }
    persons = _persons_left_without_records(
        person_ids,
        {item.registration_id for item in plan.registrations},
        {item.referral_id for item in plan.referrals},
    )
    plan.persons = [person.pseudonym for person in persons]
    return plan


@transaction.atomic
def retention_execute(*, forbund: Forbund, today: datetime.date) -> RetentionResult:
    """Clear what ``retention_plan`` lists for ``today`` and log it (pseudonyms only)."""
    plan = retention_plan(forbund=forbund, today=today)
    result = personal_data_clear(
        forbund=forbund,
        today=today,
        registration_ids=[item.registration_id for item in plan.registrations],
        referral_ids=[item.referral_id for item in plan.referrals],
        detail="Gallring",
        actor_username=RETENTION_ACTOR,
    )
    audit_record(
        actor=None,
        actor_username=RETENTION_ACTOR,
        action=AuditAction.DELETE,
        forbund=forbund,
        detail=(
            f"Gallring {today.isoformat()}: {result.registrations} inskrivningar, "
            f"{result.referrals} anvisningar, {result.persons} identiteter, "
            f"{result.records} poster rensade"
        ),
    )
    return result


def personal_data_clear(
    *,
    forbund: Forbund,
    today: datetime.date,
    registration_ids: Sequence[int],
    referral_ids: Sequence[int],
    detail: str,
    actor_username: str,
    actor_id: int | None = None,
) -> RetentionResult:
    """Clear the free text, documents and contact details of these registrations and
    referrals, and the identity of every person left with nothing uncleared. The caller
    holds the transaction and has checked that the rows belong to ``forbund``."""
    registrations = list(
        Registration.objects.filter(pk__in=registration_ids, intervention__forbund=forbund)
        .select_related("person", "intervention")
        .order_by("id")
    )
    referrals = list(
        Referral.objects.filter(pk__in=referral_ids, intervention__forbund=forbund)
        .select_related("person", "intervention")
        .order_by("id")
    )
    reg_ids = [registration.pk for registration in registrations]
    ref_ids = [referral.pk for referral in referrals]
    person_ids = {row.person_id for row in registrations} | {row.person_id for row in referrals}
    persons = _persons_left_without_records(person_ids, set(reg_ids), set(ref_ids))
    records = _clear_registrations(reg_ids, today) + _clear_referrals(ref_ids, reg_ids, today)
    for holder in registered_holders():
        records += holder.clear(reg_ids)
    records += _clear_identities([person.pk for person in persons], today)
    rows: list[Registration | Referral] = [*registrations, *referrals]
    events = [
        _event(
            forbund=forbund,
            row=row,
            detail=f"{detail}: fritext, dokument och kontaktuppgifter borttagna",
            actor_username=actor_username,
            actor_id=actor_id,
        )
        for row in rows
    ]
    events += [
        AuditEvent(
            actor_id=actor_id,
            actor_username=actor_username,
            forbund=forbund,
            participant_ref=person.pseudonym,
            action=AuditAction.DELETE,
            object_type=Person._meta.label,
            object_id=str(person.pk),
            detail=f"{detail}: personnummer, namn och kontaktuppgifter borttagna",
        )
        for person in persons
    ]
    audit_records_bulk(events)
    return RetentionResult(
        registrations=len(registrations),
        referrals=len(referrals),
        persons=len(persons),
        records=records,
    )


def _event(
    *,
    forbund: Forbund,
    row: Registration | Referral,
    detail: str,
    actor_username: str,
    actor_id: int | None,
) -> AuditEvent:
    return AuditEvent(
        actor_id=actor_id,
        actor_username=actor_username,
        forbund=forbund,
        intervention=row.intervention,
        participant_ref=row.person.pseudonym,
        action=AuditAction.DELETE,
        object_type=row._meta.label,
        object_id=str(row.pk),
        detail=detail[:255],
    )


def _bump() -> dict[str, Any]:
    # A form rendered before the clearing must not write the old text back.
    return {"version": F("version") + 1}


def _clear_registrations(ids: Sequence[int], today: datetime.date) -> int:
    if not ids:
        return 0
    by_registration = {"registration_id__in": ids}
    changed = Registration.objects.filter(pk__in=ids).update(
        exit_plan="", personal_data_cleared_on=today, **_bump()
    )
    changed += ActionPlan.objects.filter(**by_registration).update(description="", **_bump())
    changed += SubGoal.objects.filter(plan__registration_id__in=ids).update(
        description="", **_bump()
    )
    changed += Activity.objects.filter(**by_registration).update(note="", provider="")
    changed += FollowUpMeeting.objects.filter(**by_registration).update(
        note="", participants_present=""
    )
    changed += JournalNote.objects.filter(**by_registration).update(text="")
    changed += WorkStart.objects.filter(**by_registration).update(employer="")
    changed += PostExitFollowUp.objects.filter(**by_registration).update(note="")
    changed += ParticipantContact.objects.filter(**by_registration).update(
        recipient_name="", purpose=""
    )
    changed += WorkWishCheck.objects.filter(**by_registration).update(follow_up="")
    consent_ids = Registration.objects.filter(pk__in=ids, consent__isnull=False).values_list(
        "consent_id", flat=True
    )
    return changed + _clear_consents(list(consent_ids))


def _clear_consents(ids: Sequence[int]) -> int:
    """Delete the signed forms' files and the named recipients; the parties and dates stay."""
    if not ids:
        return 0
    for consent in Consent.objects.filter(pk__in=ids).exclude(document=""):
        consent.document.delete(save=False)
    changed = Consent.objects.filter(pk__in=ids).update(document="", **_bump())
    return changed + ConsentRecipient.objects.filter(consent_id__in=ids).update(name="")


def _clear_referrals(
    ids: Sequence[int], registration_ids: Sequence[int], today: datetime.date
) -> int:
    """The referrals due on their own, and those that led to the cleared registrations."""
    rows = Referral.objects.filter(Q(pk__in=ids) | Q(registration__in=registration_ids))
    if not ids and not registration_ids:
        return 0
    return rows.update(reason="", decision_reason="", personal_data_cleared_on=today, **_bump())


def _clear_identities(person_ids: Sequence[int], today: datetime.date) -> int:
    if not person_ids:
        return 0
    consent_ids = Consent.objects.filter(person_id__in=person_ids).values_list("pk", flat=True)
    changed = _clear_consents(list(consent_ids))
    return changed + Person.objects.filter(pk__in=person_ids).update(
        personnummer="",
        personnummer_index="",
        first_name="",
        last_name="",
        phone="",
        email="",
        identity_cleared_on=today,
    )
