"""Deciding, row by row, what an import does: skip, new person, or a known person.

A person is matched on the förbund and the personnummer's blind index; a registration on
person, intervention and start date. Rows that match are skipped as "redan importerad", so
importing the same file twice changes nothing the second time.

The planner keeps only keys, never the rows: what the database already holds (loaded once,
as a :class:`Snapshot`) and, per person of the file, the periods seen so far. So its memory
grows by tens of bytes a row, while the rows themselves are read, planned and stored one
batch at a time (docs/import.md, "Performance").
"""

from __future__ import annotations

import copy
import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention
from samsyn.participants.importing.parsing import RowError
from samsyn.participants.importing.validation import CleanRow
from samsyn.participants.models import Person, Registration

Period = tuple[datetime.date, datetime.date | None]
_LOOKUP_CHUNK = 500
_Key = TypeVar("_Key", str, int)


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


@dataclass
class Snapshot:
    """What the database holds for the file's people, read once before planning."""

    persons: dict[str, PersonRef] = field(default_factory=dict)
    periods: dict[str, list[Period]] = field(default_factory=dict)
    anonymous: Counter[tuple[object, ...]] = field(default_factory=Counter)

    @classmethod
    def load(cls, intervention: Intervention, indexes: Iterable[str]) -> Snapshot:
        snapshot = cls()
        wanted = sorted(set(indexes))
        for chunk in _chunks(wanted):
            found = Person.objects.filter(
                forbund_id=intervention.forbund_id, personnummer_index__in=chunk
            ).values_list("pk", "pseudonym", "personnummer_index")
            for pk, pseudonym, index in found:
                snapshot.persons[index] = PersonRef(pk, pseudonym)
        index_of = {ref.pk: index for index, ref in snapshot.persons.items()}
        for chunk_ids in _chunks(sorted(pk for pk in index_of if pk is not None)):
            rows = (
                Registration.objects.filter(intervention=intervention, person_id__in=chunk_ids)
                .order_by()
                .values_list("person_id", "start_date", "end_date")
            )
            for person_id, start, end in rows:
                snapshot.periods.setdefault(index_of[person_id], []).append((start, end))
        snapshot.anonymous = Counter(
            Registration.objects.filter(intervention=intervention, person__is_anonymous=True)
            .order_by()
            .values_list("start_date", "person__gender", "person__birth_year")
        )
        return snapshot


def _chunks(values: Sequence[_Key]) -> Iterable[Sequence[_Key]]:
    for start in range(0, len(values), _LOOKUP_CHUNK):
        yield values[start : start + _LOOKUP_CHUNK]


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
    """Decides row by row, in file order, from a private copy of the snapshot."""

    def __init__(self, intervention: Intervention, snapshot: Snapshot) -> None:
        self.intervention = intervention
        self.persons = dict(snapshot.persons)
        self.periods = copy.deepcopy(snapshot.periods)
        self.anonymous = Counter(snapshot.anonymous)
        self.skipped: list[SkippedRow] = []
        self.errors: list[RowError] = []
        self.persons_created = 0

    def add(self, row: CleanRow) -> PersonRef | None:
        """The person ``row`` registers, or None when the row is skipped or wrong."""
        if row.is_anonymous:
            return self._add_anonymous(row)
        periods = self.periods.setdefault(row.blind_index, [])
        if any(start == row.start_date for start, _end in periods):
            self.skipped.append(SkippedRow(row.number))
            return None
        if (other := _overlaps((row.start_date, row.end_date), periods)) is not None:
            self.errors.append(_overlap_error(row, other))
            return None
        periods.append((row.start_date, row.end_date))
        person = self.persons.get(row.blind_index)
        if person is None:
            person = self.persons[row.blind_index] = self._new(row)
        return person

    def _add_anonymous(self, row: CleanRow) -> PersonRef | None:
        if self.anonymous[row.anonymous_signature] > 0:
            self.anonymous[row.anonymous_signature] -= 1
            self.skipped.append(SkippedRow(row.number))
            return None
        return self._new(row)

    def _new(self, row: CleanRow) -> PersonRef:
        self.persons_created += 1
        return PersonRef(None, "", unsaved=new_person(self.intervention, row))
