"""Which database rule an IntegrityError broke, on PostgreSQL and SQLite alike.

A service that catches an IntegrityError must tell the user what happened, not guess: a
clash on one unique rule (a concurrent request took the same value) needs another message
than a clash on another, and a rule nobody expected must be named, not hidden behind a
message about something else.
"""

from __future__ import annotations

import re

from django.db import IntegrityError

# SQLite: "UNIQUE constraint failed: participants_person.pseudonym" or
# "CHECK constraint failed: person_anonymous_has_no_identity".
_SQLITE = re.compile(r"(?:UNIQUE|CHECK|NOT NULL|FOREIGN KEY) constraint failed: ?(?P<what>.*)$")


def broken_rule(error: IntegrityError) -> str:
    """The constraint's name (PostgreSQL), or the table.column list or check name the
    database reported (SQLite); empty when the driver says neither."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return str(name)
    match = _SQLITE.search(str(cause or error))
    return match.group("what").strip() if match else ""


def breaks_unique_column(error: IntegrityError, *, table: str, column: str) -> bool:
    """Whether ``error`` is a clash on the single-column unique rule of ``table.column``.

    PostgreSQL names a ``unique=True`` column's rule ``<table>_<column>_key``; SQLite reports
    ``<table>.<column>``.
    """
    rule = broken_rule(error)
    return rule in (f"{table}_{column}_key", f"{table}.{column}")


def breaks_unique_rule(
    error: IntegrityError, *, name: str, table: str, columns: tuple[str, ...]
) -> bool:
    """Whether ``error`` is a clash on the named unique rule over ``columns`` of ``table``
    (PostgreSQL reports the name, SQLite the columns)."""
    rule = broken_rule(error)
    return rule == name or rule == ", ".join(f"{table}.{column}" for column in columns)
