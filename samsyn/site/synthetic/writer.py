"""Fast row writing for the synthetic data: PostgreSQL ``COPY`` for the big tables, batched
``executemany`` inserts on SQLite (which only needs to work at test sizes).

Rows are tuples of database-ready values for named model fields. Ids are handed out by the
writer itself (from the table's current maximum), so rows of one table can point at rows of
another before anything is written; the foreign keys of Django's tables are deferred to the
end of the transaction on both engines, so the order of flushes does not matter. After the
last flush the id sequences of PostgreSQL are moved past the ids used.
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import IntegrityError, connection, models

# Rows buffered per table before they are written: large enough that one COPY carries many
# rows, small enough that the national set never holds a whole table in memory.
FLUSH_ROWS = 50_000


@dataclass
class _Table:
    name: str
    columns: tuple[str, ...]
    # Numbered by a sequence: the ids of this run start at ``first_id``.
    has_id: bool
    first_id: int
    # The writer numbers the rows itself (the caller gives no id).
    auto_id: bool
    # (column, referenced table, referenced column) of each foreign key written.
    references: tuple[tuple[str, str, str], ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    written: int = 0


class RowWriter:
    """Buffers rows per table and writes them in large batches."""

    def __init__(self) -> None:
        self._tables: dict[str, _Table] = {}
        self._next_id: dict[str, int] = {}
        self.is_postgresql = connection.vendor == "postgresql"

    def next_ids(self, model: type[models.Model], count: int) -> int:
        """Reserve ``count`` ids of ``model``'s table; returns the first."""
        table = model._meta.db_table
        if table not in self._next_id:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608
                self._next_id[table] = int(cursor.fetchone()[0]) + 1
        first = self._next_id[table]
        self._next_id[table] = first + count
        return first

    def new_id(self, model: type[models.Model]) -> int:
        return self.next_ids(model, 1)

    def table(self, model: type[models.Model], fields: Sequence[str]) -> str:
        """Declare the fields (attnames) of a table. With ``id`` first the caller gives the
        ids (reserved with ``next_ids``); without it the writer numbers the rows, so every
        row of this run has an id from ``first_id`` on and the checks look at those only."""
        name = model._meta.db_table
        if name not in self._tables:
            columns = tuple("id" if f == "id" else _column(model, f) for f in fields)
            _check_complete(model, columns)
            # A UUID key has no sequence: the caller gives it, nothing is numbered or moved.
            pk = model._meta.pk
            numbered = pk is not None and pk.get_internal_type().endswith("AutoField")
            auto_id = numbered and "id" not in fields
            self._tables[name] = _Table(
                name,
                ("id", *columns) if auto_id else columns,
                has_id=numbered,
                first_id=self.next_ids(model, 0) if numbered else 0,
                auto_id=auto_id,
                references=_references(model, columns),
            )
        return name

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        buffer = self._tables[table]
        if buffer.auto_id:
            number = self._next_id[table]
            self._next_id[table] = number + 1
            row = (number, *row)
        buffer.rows.append(row)
        if len(buffer.rows) >= FLUSH_ROWS:
            self._flush(buffer)

    def add_many(self, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
        for row in rows:
            self.add(table, row)

    def finish(self) -> dict[str, int]:
        """Write what is buffered, check the references, move the id sequences; the rows
        written per table."""
        for buffer in self._tables.values():
            self._flush(buffer)
        if self.is_postgresql:
            if self._unchecked:
                self._check_references()
            self._move_sequences()
            self._analyze()
        else:
            # SQLite checks deferred keys only at the commit of the outermost transaction;
            # check now, so a dangling id fails here on both engines.
            connection.check_constraints(table_names=list(self._tables))
        return {name: buffer.written for name, buffer in self._tables.items()}

    @cached_property
    def _unchecked(self) -> bool:
        """Whether COPY may skip the row-by-row foreign-key triggers.

        PostgreSQL checks each copied row's foreign keys with a trigger, queued to the
        commit (Django's keys are deferred): for the national set that is some 12 million
        single look-ups at commit, minutes on this machine. A superuser (the bench's
        database user) can switch the triggers off for the copy
        (``session_replication_role = replica``); the references are then checked after the
        last copy, one anti-join per foreign key (``_check_references``), which fails the
        whole transaction on a dangling id just as the triggers would."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
        return bool(row and row[0])

    def _check_references(self) -> None:
        with connection.cursor() as cursor:
            for buffer in self._tables.values():
                for column, target, target_column in buffer.references:
                    # Only this run's rows: a run on top of the national set checks its
                    # own rows, not the millions before it.
                    own = f"child.id >= {buffer.first_id} AND " if buffer.has_id else ""
                    cursor.execute(
                        f'SELECT COUNT(*) FROM "{buffer.name}" AS child '  # noqa: S608
                        f'WHERE {own}child."{column}" IS NOT NULL AND NOT EXISTS ('
                        f'SELECT 1 FROM "{target}" AS parent '
                        f'WHERE parent."{target_column}" = child."{column}")'
                    )
                    dangling = cursor.fetchone()[0]
                    if dangling:
                        raise IntegrityError(
                            f"{buffer.name}.{column}: {dangling} rows point at no {target}"
                        )

    def _flush(self, buffer: _Table) -> None:
        if not buffer.rows:
            return
        if self.is_postgresql:
            self._copy(buffer)
        else:
            self._insert(buffer)
        buffer.written += len(buffer.rows)
        buffer.rows = []

    def _copy(self, buffer: _Table) -> None:
        columns = ", ".join(f'"{column}"' for column in buffer.columns)
        with connection.cursor() as cursor:
            if self._unchecked:
                cursor.execute("SET LOCAL session_replication_role = replica")
            raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
            with raw.copy(f'COPY "{buffer.name}" ({columns}) FROM STDIN') as copy:
                for row in buffer.rows:
                    copy.write_row(row)
            if self._unchecked:
                cursor.execute("SET LOCAL session_replication_role = origin")

    def _insert(self, buffer: _Table) -> None:
        columns = ", ".join(f'"{column}"' for column in buffer.columns)
        marks = ", ".join(["%s"] * len(buffer.columns))
        sql = f'INSERT INTO "{buffer.name}" ({columns}) VALUES ({marks})'  # noqa: S608
        rows = [tuple(_sqlite_value(value) for value in row) for row in buffer.rows]
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 2000):
                cursor.executemany(sql, rows[start : start + 2000])

    def _analyze(self) -> None:
        """Fresh planner statistics for the tables just filled: without them the first
        queries after a load of millions of rows are planned for empty tables (autovacuum
        analyses them only later)."""
        with connection.cursor() as cursor:
            for buffer in self._tables.values():
                cursor.execute(f'ANALYZE "{buffer.name}"')

    def _move_sequences(self) -> None:
        with connection.cursor() as cursor:
            for buffer in self._tables.values():
                if not buffer.has_id:
                    continue
                highest = f'(SELECT COALESCE(MAX(id), 1) FROM "{buffer.name}")'  # noqa: S608
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), {highest})",
                    [f'"{buffer.name}"'],
                )


def _references(
    model: type[models.Model], columns: tuple[str, ...]
) -> tuple[tuple[str, str, str], ...]:
    found = []
    for model_field in model._meta.concrete_fields:
        if model_field.is_relation and model_field.column in columns:
            target = model_field.target_field  # type: ignore[attr-defined]
            found.append((str(model_field.column), target.model._meta.db_table, str(target.column)))
    return tuple(found)


def _column(model: type[models.Model], attname: str) -> str:
    model_field = model._meta.get_field(attname.removesuffix("_id"))
    assert isinstance(model_field, models.Field) and model_field.column is not None
    return model_field.column


def _check_complete(model: type[models.Model], columns: tuple[str, ...]) -> None:
    """Every column that has no default in the database must be written (Django keeps
    defaults in Python): fail at once, not at the first COPY."""
    missing = [
        str(f.column)
        for f in model._meta.concrete_fields
        if f.column not in columns and not f.null and not f.primary_key
    ]
    if missing:
        raise ValueError(f"{model._meta.db_table}: no value for {', '.join(missing)}")


def _sqlite_value(value: Any) -> Any:
    """What SQLite stores for a value, as Django's own SQLite backend writes it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


def json_value(value: Any) -> str:
    """A JSONField's value as both engines take it in raw SQL."""
    return json.dumps(value, ensure_ascii=False)
