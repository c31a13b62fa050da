"""Writing planned rows, one batch at a time, with bulk inserts and their audit events.

A batch is at most ``BATCH`` rows: its new people get codes (``assign_codes``), then people,
registrations, incomes, the first phase, the after-exit follow-ups and one audit event per
registration are inserted in bulk. Nothing of a batch stays in memory after it is written:
later batches find its people and registrations in the database (planning.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from samsyn.audit.context import current_origin
from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.services.events import audit_record, audit_records_bulk
from samsyn.core.models import User
from samsyn.interventions.models import Intervention, Phase
from samsyn.participants.importing.planning import PersonRef
from samsyn.participants.importing.validation import CleanRow
from samsyn.participants.models import (
    ExitReason,
    IncomeMoment,
    Person,
    PhaseChange,
    PostExitFollowUp,
    Registration,
    RegistrationIncome,
)
from samsyn.participants.services.audit import acting_role
from samsyn.participants.services.codes import assign_codes
from samsyn.participants.services.exit import POST_EXIT_MONTHS, add_months

AUDIT_DETAIL = "Import"
# Rows planned and written together; also the size of the planner's look-ups (``__in`` lists
# stay well below SQLite's limit on query parameters).
BATCH = 500

Pair = tuple[CleanRow, Registration]


class BatchWriter:
    """Writes planned rows a batch at a time and counts them."""

    def __init__(
        self, intervention: Intervention, *, actor: User | None, actor_username: str
    ) -> None:
        self.intervention = intervention
        self.actor = actor
        self.actor_username = actor_username
        self.role = acting_role(actor=actor, intervention=intervention) if actor else ""
        self.first_phase: Phase | None = intervention.phases.order_by("order").first()
        self.stored = 0

    def write(self, planned: list[tuple[CleanRow, PersonRef]]) -> None:
        if not planned:
            return
        self._insert_persons(planned)
        pairs = [
            (row, _registration(self.intervention, row, person, self.first_phase))
            for row, person in planned
        ]
        Registration.objects.bulk_create([registration for _row, registration in pairs])
        RegistrationIncome.objects.bulk_create(list(_incomes(pairs)))
        if self.first_phase is not None:
            PhaseChange.objects.bulk_create(list(self._first_phases(pairs)))
        PostExitFollowUp.objects.bulk_create(list(_post_exit_follow_ups(pairs)))
        self._audit(pairs, [person for _row, person in planned])
        self.stored += len(pairs)

    def finish(self) -> None:
        """The one summary event for the file."""
        audit_record(
            actor=self.actor,
            actor_username=self.actor_username,
            action=AuditAction.CREATE,
            intervention=self.intervention,
            role=self.role,
            detail=f"Import av inskrivningar från fil: {self.stored} nya",
        )

    def _insert_persons(self, planned: list[tuple[CleanRow, PersonRef]]) -> None:
        # A new person on two rows of one batch is inserted once.
        refs = {id(ref): ref for _row, ref in planned if ref.unsaved is not None}
        persons = [ref.unsaved for ref in refs.values() if ref.unsaved is not None]
        assign_codes(persons)
        Person.objects.bulk_create(persons)
        for ref in refs.values():
            assert ref.unsaved is not None  # selected above
            ref.pk, ref.pseudonym, ref.unsaved = ref.unsaved.pk, ref.unsaved.pseudonym, None

    def _first_phases(self, pairs: list[Pair]) -> Iterable[PhaseChange]:
        assert self.first_phase is not None  # checked by the caller
        for row, registration in pairs:
            yield PhaseChange(
                registration=registration,
                phase=self.first_phase,
                entered_on=row.start_date,
                recorded_by=self.actor,
            )

    def _audit(self, pairs: list[Pair], persons: list[PersonRef]) -> None:
        """One create event per registration, as audit_record would write it, in bulk."""
        origin = current_origin()
        username = (self.actor.get_username() if self.actor else self.actor_username)[:150]
        audit_records_bulk(
            [
                AuditEvent(
                    actor=self.actor,
                    actor_username=username,
                    role=self.role,
                    forbund_id=self.intervention.forbund_id,
                    intervention=self.intervention,
                    participant_ref=person.pseudonym,
                    action=AuditAction.CREATE,
                    object_type=Registration._meta.label,
                    object_id=str(registration.pk),
                    detail=AUDIT_DETAIL,
                    ip_address=origin.ip_address,
                    request_id=origin.request_id,
                )
                for (_row, registration), person in zip(pairs, persons, strict=True)
            ]
        )


def _registration(
    intervention: Intervention, row: CleanRow, person: PersonRef, first_phase: Phase | None
) -> Registration:
    assert person.pk is not None  # BatchWriter inserts new people first
    ongoing = row.end_date is None
    return Registration(
        person_id=person.pk,
        intervention=intervention,
        referring_party_id=row.referring_party_id,
        start_date=row.start_date,
        occupation_before=row.occupation_before,
        education_level=row.education_level,
        current_phase=first_phase,
        next_follow_up_due=(
            row.start_date + datetime.timedelta(weeks=intervention.follow_up_interval_weeks)
            if ongoing
            else None
        ),
        end_date=row.end_date,
        exit_reason=row.exit_reason,
        occupation_after=row.occupation_after,
        outcome=row.outcome,
        recommendation=row.recommendation,
        step_forward=row.step_forward,
    )


def _incomes(pairs: list[Pair]) -> Iterable[RegistrationIncome]:
    for row, registration in pairs:
        for moment, sources in (
            (IncomeMoment.BEFORE, row.income_before),
            (IncomeMoment.AFTER, row.income_after),
        ):
            for source in sources:
                yield RegistrationIncome(registration=registration, moment=moment, source=source)


def _post_exit_follow_ups(pairs: list[Pair]) -> Iterable[PostExitFollowUp]:
    """The 6- and 12-month calls after exit; never for a registration that should not exist,
    and never for an anonymous one, whose person nobody can call (as ``services/exit.py``)."""
    for row, registration in pairs:
        if (
            row.end_date is None
            or row.exit_reason == ExitReason.FELREGISTRERING
            or row.is_anonymous
        ):
            continue
        for months in POST_EXIT_MONTHS:
            yield PostExitFollowUp(
                registration=registration,
                months_after=months,
                due_on=add_months(row.end_date, months),
            )
