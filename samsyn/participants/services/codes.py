"""Participant codes that never fail a registration or an import.

A code is ``D-`` and 7 characters from 32 symbols: about 3.4·10¹⁰ values, drawn at random so
a code says nothing about when or where a person was registered. Random draws clash: by the
birthday bound a 100 000-row import meets an existing code about once in eight imports into
a förbund of 300 000 people. So a code is never just drawn: it is drawn, checked against the
codes already taken, and drawn again on a clash; and the insert that still loses a race to a
concurrent registration is retried with a fresh code (issue 17, docs/participants-journey.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction

from samsyn.core.integrity import breaks_unique_column
from samsyn.participants.models import Person
from samsyn.participants.models.person import new_pseudonym

# Draws before giving up. With 3.4·10¹⁰ values and at most millions taken, the chance that
# one draw clashes is below 10⁻⁴, so twenty clashes in a row do not happen: reaching the
# limit means the generator is broken, and that must be loud.
MAX_DRAWS = 20
_LOOKUP_CHUNK = 500

CodeSource = Callable[[], str]


class CodeSpaceExhausted(RuntimeError):
    """The generator kept returning taken codes (a bug, never bad luck)."""


# The generator in use; a test replaces it with one that returns taken codes first.
code_source: CodeSource = new_pseudonym


def _draw(avoid: set[str]) -> str:
    for _attempt in range(MAX_DRAWS):
        code = code_source()
        if code not in avoid:
            return code
    raise CodeSpaceExhausted(f"no new participant code after {MAX_DRAWS} draws")


def is_code_clash(error: IntegrityError) -> bool:
    return breaks_unique_column(error, table=Person._meta.db_table, column="pseudonym")


def person_create(**fields: Any) -> Person:
    """Insert a new person with a fresh code, retrying when the code is taken."""
    for _attempt in range(MAX_DRAWS):
        person = Person(pseudonym=_draw(set()), **fields)
        try:
            with transaction.atomic():
                person.save(force_insert=True)
        except IntegrityError as error:
            if not is_code_clash(error):
                raise
            continue
        return person
    raise CodeSpaceExhausted(f"no free participant code after {MAX_DRAWS} draws")


def _taken(codes: Sequence[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(codes), _LOOKUP_CHUNK):
        chunk = codes[start : start + _LOOKUP_CHUNK]
        taken.update(
            Person.objects.filter(pseudonym__in=chunk)
            .order_by()
            .values_list("pseudonym", flat=True)
        )
    return taken


def assign_codes(persons: Iterable[Person]) -> None:
    """Give every person a code that no other person in the list and none in the database
    has. Costs one look-up per 500 codes, plus one per round of redraws (rarely any)."""
    pending = list(persons)
    used: set[str] = set()
    for _round in range(MAX_DRAWS):
        for person in pending:
            code = _draw(used)
            person.pseudonym = code
            used.add(code)
        taken = _taken([person.pseudonym for person in pending])
        pending = [person for person in pending if person.pseudonym in taken]
        if not pending:
            return
    raise CodeSpaceExhausted(f"no free participant codes after {MAX_DRAWS} rounds")
