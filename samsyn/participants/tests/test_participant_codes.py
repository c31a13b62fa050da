"""Participant codes never fail a registration or an import (issue 17).

Each test forces the clash that random codes make by chance: a generator that returns a
code already taken before a free one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from samsyn.core.integrity import broken_rule
from samsyn.core.personnummer import parse_personnummer
from samsyn.participants.importing import storing
from samsyn.participants.importing.service import import_registrations
from samsyn.participants.importing.storing import BatchWriter
from samsyn.participants.models import Gender, Person, Registration
from samsyn.participants.services import codes
from samsyn.participants.services.codes import (
    CodeSpaceExhausted,
    assign_codes,
    is_code_clash,
    person_create,
)
from samsyn.participants.services.persons import PersonDetails, person_resolve
from samsyn.participants.tests.import_helpers import (
    WOMAN,
    anonymous_row,
    ended_row,
    good_row,
    rows_of,
)

TAKEN = "D-TAKEN22"


def _sequence(*first: str) -> Iterator[str]:
    """The codes in ``first``, then fresh ones."""
    yield from first
    number = 0
    while True:
        number += 1
        yield f"D-FREE{number:03d}"


@pytest.fixture
def clashing_codes(monkeypatch: pytest.MonkeyPatch, world) -> list[str]:
    """A person holds TAKEN; the generator returns TAKEN first, and records every draw."""
    Person.objects.create(forbund=world.forbund, pseudonym=TAKEN, gender=Gender.KVINNA)
    drawn: list[str] = []
    source = _sequence(TAKEN, TAKEN)

    def draw() -> str:
        drawn.append(next(source))
        return drawn[-1]

    monkeypatch.setattr(codes, "code_source", draw)
    return drawn


def test_one_registration_retries_a_taken_code(world, clashing_codes) -> None:
    person = person_resolve(
        forbund=world.forbund,
        details=PersonDetails(personnummer=parse_personnummer(WOMAN), first_name="Alva"),
    )
    assert person.pseudonym == "D-FREE001"
    assert clashing_codes == [TAKEN, TAKEN, "D-FREE001"]
    assert Person.objects.filter(pseudonym=TAKEN).count() == 1


def test_anonymous_registration_retries_a_taken_code(world, clashing_codes) -> None:
    person = person_resolve(
        forbund=world.forbund,
        details=PersonDetails(anonymous=True, gender=Gender.MAN, birth_year=1990),
    )
    assert person.pseudonym == "D-FREE001"


def test_bulk_import_redraws_taken_codes(world, clashing_codes) -> None:
    result = import_registrations(
        actor=None,
        intervention=world.intervention,
        rows=rows_of(good_row(), ended_row(), anonymous_row()),
    )
    assert result.ok, result.errors
    assert result.persons_created == 3
    codes_now = set(Person.objects.exclude(pseudonym=TAKEN).values_list("pseudonym", flat=True))
    assert len(codes_now) == 3 and TAKEN not in codes_now
    assert Registration.objects.count() == 3


def test_codes_in_one_batch_never_repeat(world, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _sequence("D-SAME0001", "D-SAME0001", "D-SAME0001")
    monkeypatch.setattr(codes, "code_source", lambda: next(source))
    persons = [Person(forbund=world.forbund, gender=Gender.MAN) for _ in range(3)]
    assign_codes(persons)
    assert [p.pseudonym for p in persons] == ["D-SAME0001", "D-FREE001", "D-FREE002"]


def test_a_broken_generator_is_loud(world, monkeypatch: pytest.MonkeyPatch) -> None:
    Person.objects.create(forbund=world.forbund, pseudonym=TAKEN, gender=Gender.KVINNA)
    monkeypatch.setattr(codes, "code_source", lambda: TAKEN)
    with pytest.raises(CodeSpaceExhausted):
        person_create(forbund=world.forbund, gender=Gender.MAN)


def test_import_that_loses_a_race_for_a_code_retries(world, monkeypatch) -> None:
    """A concurrent registration takes a code between the look-up and the insert."""
    real_assign = storing.assign_codes
    calls: list[int] = []

    def assign_after_a_race(persons: list[Person]) -> None:
        real_assign(persons)
        calls.append(len(persons))
        if len(calls) == 1:  # the other registration commits the first person's code now
            Person.objects.create(
                forbund=world.forbund, pseudonym=persons[0].pseudonym, gender=Gender.MAN
            )

    monkeypatch.setattr(storing, "assign_codes", assign_after_a_race)
    result = import_registrations(
        actor=None, intervention=world.intervention, rows=rows_of(good_row(), ended_row())
    )
    assert result.ok and result.imported == 2
    assert calls == [2, 2]
    assert Registration.objects.count() == 2


def _integrity_error(make: Callable[[], object]) -> IntegrityError:
    """A real IntegrityError from the database in use, rolled back at once."""
    try:
        with transaction.atomic():
            make()
    except IntegrityError as error:
        return error
    raise AssertionError("no IntegrityError")


def test_clash_on_a_personnummer_says_someone_else_registered(world, monkeypatch) -> None:
    other = Person.objects.create(forbund=world.forbund, personnummer_index="x", gender="man")
    error = _integrity_error(
        lambda: Person.objects.create(forbund=world.forbund, personnummer_index="x", gender="man")
    )
    assert not is_code_clash(error)
    monkeypatch.setattr(BatchWriter, "write", _raiser(error))
    with pytest.raises(ValidationError) as raised:
        import_registrations(actor=None, intervention=world.intervention, rows=rows_of(good_row()))
    assert "Någon annan registrerade samtidigt" in raised.value.messages[0]
    assert list(Person.objects.all()) == [other]


def test_any_other_broken_rule_is_named(world, monkeypatch) -> None:
    error = _integrity_error(
        lambda: Person.objects.create(
            forbund=world.forbund, is_anonymous=True, personnummer_index="y", gender="man"
        )
    )
    assert "person_anonymous_has_no_identity" in broken_rule(error)
    monkeypatch.setattr(BatchWriter, "write", _raiser(error))
    with pytest.raises(ValidationError) as raised:
        import_registrations(actor=None, intervention=world.intervention, rows=rows_of(good_row()))
    message = raised.value.messages[0]
    assert "person_anonymous_has_no_identity" in message
    assert "samtidigt" not in message
    assert not Person.objects.exists()


def test_a_taken_code_is_recognised_on_this_database(world) -> None:
    Person.objects.create(forbund=world.forbund, pseudonym=TAKEN, gender=Gender.KVINNA)
    error = _integrity_error(
        lambda: Person.objects.create(forbund=world.forbund, pseudonym=TAKEN, gender="man")
    )
    assert is_code_clash(error)


def _raiser(error: IntegrityError):
    """A batch write that inserts a person, then breaks a rule: nothing may remain."""

    def write(writer: BatchWriter, planned: list[object]) -> None:
        Person.objects.create(forbund_id=writer.intervention.forbund_id, gender=Gender.MAN)
        raise error

    return write
