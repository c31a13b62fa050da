"""Storing an import: every row or nothing, without duplicating people or registrations.

A person is matched on the förbund and the personnummer's blind index; a registration on
person, intervention and start date. Rows that match are skipped as "redan importerad", so
importing the same file twice changes nothing the second time. Everything is written with
bulk inserts, so 10 000 rows take seconds (bench/test_bench_import.py).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.context import current_origin
from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.services import audit_record
from samsyn.core.integrity import breaks_unique_rule, broken_rule
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention, Orientation, Phase
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.audit import acting_role
from samsyn.participants.importing.parsing import ImportRow, RowError
from samsyn.participants.importing.validation import (
    CleanRow,
    ImportContext,
    RowWarning,
    validate_rows,
)
from samsyn.participants.models import (
    ExitReason,
    IncomeMoment,
    Person,
    PhaseChange,
    PostExitFollowUp,
    Registration,
    RegistrationIncome,
)
from samsyn.participants.services.codes import assign_codes, is_code_clash
from samsyn.participants.services.exit import POST_EXIT_MONTHS, add_months

AUDIT_DETAIL = "Import"
SYSTEM_ACTOR = "system:import_participants"
_BATCH = 1000
_LOOKUP_CHUNK = 500
_Key = TypeVar("_Key", str, int)


@dataclass(frozen=True)
class SkippedRow:
    row: int

    def __str__(self) -> str:
        return f"rad {self.row}: redan importerad"


@dataclass
class ImportResult:
    imported: int = 0
    persons_created: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def interventions_importable_by(user: User) -> QuerySet[Intervention]:
    """Individinriktade interventions the user may import into: as their insatsansvarig, or
    as förbundsadministratör of their förbund."""
    return interventions_visible_to(user, Role.INSATSANSVARIG, Role.FORBUNDSADMIN).filter(
        orientation=Orientation.INDIVIDINRIKTAD
    )


def _check_allowed(actor: User | None, intervention: Intervention) -> None:
    if actor is not None:
        reachable = interventions_visible_to(actor, Role.INSATSANSVARIG, Role.FORBUNDSADMIN)
        if not reachable.filter(pk=intervention.pk).exists():
            raise Http404
    if not intervention.is_individual:
        raise ValidationError(
            _(
                "Insatsen %(name)s är strukturövergripande och har inga inskrivningar. "
                "Bara individinriktade insatser kan ta emot en import."
            )
            % {"name": intervention.name},
            code="orientation",
        )


@transaction.atomic
def import_registrations(
    *,
    actor: User | None,
    intervention: Intervention,
    rows: Sequence[ImportRow],
    today: datetime.date | None = None,
    actor_username: str = SYSTEM_ACTOR,
) -> ImportResult:
    """Check every row, then store them all, or nothing if any row has an error.

    ``actor`` is None when the import runs from the command line; the audit log then names
    ``actor_username``. Raises Http404 when ``actor`` may not import into ``intervention``
    and ValidationError when the intervention cannot take registrations.
    """
    _check_allowed(actor, intervention)
    context = ImportContext.for_intervention(intervention, today=today)
    clean_rows, errors, warnings = validate_rows(rows, context)
    result = ImportResult(errors=errors, warnings=warnings)
    if errors:
        return result
    plan = _plan(intervention, clean_rows)
    if plan.errors:
        result.errors = plan.errors
        return result
    result.skipped = plan.skipped
    if not plan.items:
        return result
    _store_with_fresh_codes(intervention, plan, actor=actor, actor_username=actor_username)
    result.imported = len(plan.items)
    result.persons_created = len(plan.new_persons)
    return result


# A fresh set of codes is drawn when a concurrent registration took one of them between
# the look-up and the insert; losing that race three times in a row does not happen.
_CODE_RACE_RETRIES = 3


def _store_with_fresh_codes(
    intervention: Intervention, plan: _Plan, *, actor: User | None, actor_username: str
) -> None:
    """Store the plan in one savepoint; redraw the codes if a concurrent registration took
    one of them meanwhile. Any other broken database rule is named, and nothing is kept."""
    for attempt in range(_CODE_RACE_RETRIES):
        try:
            with transaction.atomic():
                _store(intervention, plan, actor=actor, actor_username=actor_username)
            return
        except IntegrityError as error:
            if is_code_clash(error) and attempt + 1 < _CODE_RACE_RETRIES:
                _forget_saved(plan.new_persons)
                continue
            raise ValidationError(_integrity_message(error), code="integrity") from None


def _forget_saved(persons: list[Person]) -> None:
    """After a rollback the persons are not in the database, whatever their pk says."""
    for person in persons:
        person.pk = None
        person._state.adding = True


def _integrity_message(error: IntegrityError) -> str:
    if breaks_unique_rule(
        error,
        name="person_unique_personnummer",
        table=Person._meta.db_table,
        columns=("forbund_id", "personnummer_index"),
    ):
        # Only another import or registration of the same personnummer can do this.
        return _(
            "Någon annan registrerade samtidigt några av filens personer i samma förbund. "
            "Inget sparades; försök igen."
        )
    if is_code_clash(error):
        return _(
            "Det gick inte att ge alla nya deltagare en ledig kod. Inget sparades; försök igen."
        )
    return _(
        "Databasen godtog inte importen (regeln %(rule)s bröts). Inget sparades. "
        "Kontakta förvaltningen med regelns namn."
    ) % {"rule": broken_rule(error) or _("okänd")}


Period = tuple[datetime.date, datetime.date | None]


@dataclass
class _Plan:
    new_persons: list[Person] = field(default_factory=list)
    items: list[tuple[CleanRow, Person]] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _chunks(values: Sequence[_Key]) -> Iterable[Sequence[_Key]]:
    for start in range(0, len(values), _LOOKUP_CHUNK):
        yield values[start : start + _LOOKUP_CHUNK]


def _existing_persons(intervention: Intervention, indexes: list[str]) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for chunk in _chunks(indexes):
        persons = Person.objects.filter(
            forbund_id=intervention.forbund_id, personnummer_index__in=chunk
        ).only("id", "pseudonym", "personnummer_index")
        found.update({person.personnummer_index: person for person in persons})
    return found


def _existing_periods(intervention: Intervention, person_ids: list[int]) -> dict[int, list[Period]]:
    periods: dict[int, list[Period]] = {}
    for chunk in _chunks(person_ids):
        rows = (
            Registration.objects.filter(intervention=intervention, person_id__in=chunk)
            .order_by()
            .values_list("person_id", "start_date", "end_date")
        )
        for person_id, start, end in rows:
            periods.setdefault(person_id, []).append((start, end))
    return periods


def _existing_anonymous(intervention: Intervention) -> Counter[tuple[object, ...]]:
    return Counter(
        Registration.objects.filter(intervention=intervention, person__is_anonymous=True)
        .order_by()
        .values_list("start_date", "person__gender", "person__birth_year")
    )


def _new_person(intervention: Intervention, row: CleanRow) -> Person:
    pnr = row.personnummer
    return Person(
        forbund_id=intervention.forbund_id,
        is_anonymous=pnr is None,
        personnummer=pnr.digits if pnr else "",
        personnummer_index=row.blind_index,
        first_name=row.first_name,
        last_name=row.last_name,
        gender=row.gender,
        birth_year=row.birth_year,
        home_municipality_code=row.municipality_code,
    )


def _overlaps(period: Period, others: Iterable[Period]) -> Period | None:
    """The first of ``others`` that shares a day with ``period`` (open ends run forever)."""
    start, end = period
    for other in others:
        if start <= (other[1] or datetime.date.max) and other[0] <= (end or datetime.date.max):
            return other
    return None


def _overlap_error(row: CleanRow, other: Period) -> RowError:
    return RowError(
        row.number,
        "startdatum",
        _(
            "Personen har redan en inskrivning i insatsen som överlappar denna "
            "(startdatum %(start)s). En person kan bara vara inskriven en gång i taget."
        )
        % {"start": other[0].isoformat()},
    )


class _Planner:
    """Decides row by row: skip (already there), new person, or known person."""

    def __init__(self, intervention: Intervention, rows: list[CleanRow]) -> None:
        self.intervention = intervention
        indexes = sorted({row.blind_index for row in rows if row.blind_index})
        self.persons = _existing_persons(intervention, indexes)
        self.periods: dict[str, list[Period]] = {index: [] for index in indexes}
        existing = _existing_periods(intervention, sorted(p.pk for p in self.persons.values()))
        for index, person in self.persons.items():
            self.periods[index] = existing.get(person.pk, [])
        self.anonymous = _existing_anonymous(intervention)
        self.plan = _Plan()

    def add(self, row: CleanRow) -> None:
        if row.is_anonymous:
            self._add_anonymous(row)
            return
        periods = self.periods[row.blind_index]
        if any(start == row.start_date for start, _end in periods):
            self.plan.skipped.append(SkippedRow(row.number))
            return
        if (other := _overlaps((row.start_date, row.end_date), periods)) is not None:
            self.plan.errors.append(_overlap_error(row, other))
            return
        periods.append((row.start_date, row.end_date))
        person = self.persons.get(row.blind_index)
        if person is None:
            person = self.persons[row.blind_index] = _new_person(self.intervention, row)
            self.plan.new_persons.append(person)
        self.plan.items.append((row, person))

    def _add_anonymous(self, row: CleanRow) -> None:
        if self.anonymous[row.anonymous_signature] > 0:
            self.anonymous[row.anonymous_signature] -= 1
            self.plan.skipped.append(SkippedRow(row.number))
            return
        person = _new_person(self.intervention, row)
        self.plan.new_persons.append(person)
        self.plan.items.append((row, person))


def _plan(intervention: Intervention, rows: list[CleanRow]) -> _Plan:
    """Which rows create what; rows already in the database are skipped."""
    planner = _Planner(intervention, rows)
    for row in rows:
        planner.add(row)
    return planner.plan


def _registration(
    intervention: Intervention, row: CleanRow, person: Person, first_phase: Phase | None
) -> Registration:
    ongoing = row.end_date is None
    return Registration(
        person=person,
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


def _store(
    intervention: Intervention, plan: _Plan, *, actor: User | None, actor_username: str
) -> None:
    """Write the plan one batch of rows at a time, so the model objects in memory never
    exceed one batch whatever the size of the file."""
    assign_codes(plan.new_persons)
    first_phase = intervention.phases.order_by("order").first()
    role = acting_role(actor=actor, intervention=intervention) if actor else ""
    for start in range(0, len(plan.items), _BATCH):
        batch = plan.items[start : start + _BATCH]
        # A person on two rows of one batch is inserted once; one from an earlier batch has a pk.
        unsaved = {id(person): person for _row, person in batch if person.pk is None}
        Person.objects.bulk_create(list(unsaved.values()))
        pairs = [
            (row, _registration(intervention, row, person, first_phase)) for row, person in batch
        ]
        Registration.objects.bulk_create([registration for _row, registration in pairs])
        RegistrationIncome.objects.bulk_create(list(_incomes(pairs)))
        if first_phase is not None:
            PhaseChange.objects.bulk_create(
                [
                    PhaseChange(
                        registration=registration,
                        phase=first_phase,
                        entered_on=row.start_date,
                        recorded_by=actor,
                    )
                    for row, registration in pairs
                ]
            )
        PostExitFollowUp.objects.bulk_create(list(_post_exit_follow_ups(pairs)))
        _audit_batch(intervention, pairs, actor=actor, actor_username=actor_username, role=role)
    audit_record(
        actor=actor,
        actor_username=actor_username,
        action=AuditAction.CREATE,
        intervention=intervention,
        role=role,
        detail=f"Import av inskrivningar från fil: {len(plan.items)} nya",
    )


def _incomes(pairs: list[tuple[CleanRow, Registration]]) -> Iterable[RegistrationIncome]:
    for row, registration in pairs:
        for moment, sources in (
            (IncomeMoment.BEFORE, row.income_before),
            (IncomeMoment.AFTER, row.income_after),
        ):
            for source in sources:
                yield RegistrationIncome(registration=registration, moment=moment, source=source)


def _post_exit_follow_ups(
    pairs: list[tuple[CleanRow, Registration]],
) -> Iterable[PostExitFollowUp]:
    """The 6- and 12-month calls after exit; never for a registration that should not exist."""
    for row, registration in pairs:
        if row.end_date is None or row.exit_reason == ExitReason.FELREGISTRERING:
            continue
        for months in POST_EXIT_MONTHS:
            yield PostExitFollowUp(
                registration=registration,
                months_after=months,
                due_on=add_months(row.end_date, months),
            )


def _audit_batch(
    intervention: Intervention,
    pairs: list[tuple[CleanRow, Registration]],
    *,
    actor: User | None,
    actor_username: str,
    role: str,
) -> None:
    """One create event per registration, as audit_record would write it, in bulk."""
    origin = current_origin()
    username = (actor.get_username() if actor else actor_username)[:150]
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=actor,
                actor_username=username,
                role=role,
                forbund_id=intervention.forbund_id,
                intervention=intervention,
                participant_ref=registration.person.pseudonym,
                action=AuditAction.CREATE,
                object_type=Registration._meta.label,
                object_id=str(registration.pk),
                detail=AUDIT_DETAIL,
                ip_address=origin.ip_address,
                request_id=origin.request_id,
            )
            for _row, registration in pairs
        ]
    )
