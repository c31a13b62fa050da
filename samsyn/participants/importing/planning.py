"""Deciding, row by row, what an import does: skip, new person, or a known person.

A person is matched on the förbund and the personnummer's blind index; a registration on
person, intervention and start date. Rows that match are skipped as "redan importerad", so
importing the same file twice changes nothing the second time.

The planner works a batch of rows at a time and keeps nothing between batches but the
import's counts: for each batch it asks the database for the batch's people and their
registrations in the intervention, which include what earlier batches of the same import have
written (inside its transaction). So a person on rows far apart is found again, an overlap
with an earlier row is seen, and memory stays at one batch (docs/import.md, "Performance").
Only the intervention's anonymous registrations from before the import are read once
(``AnonymousRegistrations``): their number depends on the database, not on the file.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention
from samsyn.participants.importing.parsing import RowError
from samsyn.participants.importing.validation import CleanRow
from samsyn.participants.models import Person, Registration

Period = tuple[datetime.date, datetime.date | None]


@dataclass(frozen=True)
class SkippedRow:
    row: int

    def __str__(self) -> str:
        return f"rad {self.row}: redan importerad"


@dataclass
class PersonRef:
    """A person the import registers: already stored (``pk`` set) or still to insert."""

    pk: int | None
    pseudonym: str
    unsaved: Person | None = None


def anonymous_registrations(intervention: Intervention) -> Counter[tuple[object, ...]]:
    """The signatures of the intervention's anonymous registrations before the import: a
    re-imported anonymous row is recognised by one of them (see CleanRow)."""
    return Counter(
        Registration.objects.filter(intervention=intervention, person__is_anonymous=True)
        .order_by()
        .values_list("start_date", "person__gender", "person__birth_year")
    )


def new_person(intervention: Intervention, row: CleanRow) -> Person:
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


class Planner:
    """Decides, batch by batch in file order, what each row does."""

    def __init__(self, intervention: Intervention, anonymous: Counter[tuple[object, ...]]) -> None:
        self.intervention = intervention
        self.anonymous = Counter(anonymous)
        self.skipped: list[SkippedRow] = []
        self.errors: list[RowError] = []
        self.persons_created = 0

    def plan(self, rows: Sequence[CleanRow]) -> list[tuple[CleanRow, PersonRef]]:
        """The rows of one batch that register someone, each with its person."""
        indexes = sorted({row.blind_index for row in rows if row.blind_index})
        persons = self._stored_persons(indexes)
        periods = self._stored_periods(persons)
        planned: list[tuple[CleanRow, PersonRef]] = []
        for row in rows:
            if row.is_anonymous:
                person = self._anonymous(row)
            else:
                person = self._identified(row, persons, periods.setdefault(row.blind_index, []))
            if person is not None:
                planned.append((row, person))
        return planned

    def _identified(
        self, row: CleanRow, persons: dict[str, PersonRef], periods: list[Period]
    ) -> PersonRef | None:
        if any(start == row.start_date for start, _end in periods):
            # The file has each personnummer and start date once (check_rows), so an equal
            # start is a registration from before: the row was imported already.
            self.skipped.append(SkippedRow(row.number))
            return None
        if (other := _overlaps((row.start_date, row.end_date), periods)) is not None:
            self.errors.append(_overlap_error(row, other))
            return None
        periods.append((row.start_date, row.end_date))
        person = persons.get(row.blind_index)
        if person is None:
            person = persons[row.blind_index] = self._new(row)
        return person

    def _anonymous(self, row: CleanRow) -> PersonRef | None:
        if self.anonymous[row.anonymous_signature] > 0:
            self.anonymous[row.anonymous_signature] -= 1
            self.skipped.append(SkippedRow(row.number))
            return None
        return self._new(row)

    def _new(self, row: CleanRow) -> PersonRef:
        self.persons_created += 1
        return PersonRef(None, "", unsaved=new_person(self.intervention, row))

    def _stored_persons(self, indexes: Sequence[str]) -> dict[str, PersonRef]:
        found = Person.objects.filter(
            forbund_id=self.intervention.forbund_id, personnummer_index__in=indexes
        ).values_list("pk", "pseudonym", "personnummer_index")
        return {index: PersonRef(pk, pseudonym) for pk, pseudonym, index in found}

    def _stored_periods(self, persons: dict[str, PersonRef]) -> dict[str, list[Period]]:
        index_of = {ref.pk: index for index, ref in persons.items() if ref.pk is not None}
        rows = (
            Registration.objects.filter(intervention=self.intervention, person_id__in=index_of)
            .order_by()
            .values_list("person_id", "start_date", "end_date")
        )
        periods: dict[str, list[Period]] = {}
        for person_id, start, end in rows:
            periods.setdefault(index_of[person_id], []).append((start, end))
        return periods
