"""PostgreSQL declarative partitioning of a table by förbund (docs/performance.md, "Beyond
one machine"; the command is ``manage.py partition_by_forbund``).

The DDL is built from the Django model alone, so the plan is the same on every database and
is tested on SQLite too; only PostgreSQL runs it. For each table, in one transaction:

1. a partitioned twin ``<table>__partitioned`` with the same columns, defaults and checks
   (``LIKE … INCLUDING DEFAULTS INCLUDING CONSTRAINTS``), partitioned by ``forbund_id``:
   by HASH into a fixed number of partitions (no upkeep when a förbund is added), or by
   LIST with one partition per förbund and a DEFAULT partition for förbund added later;
2. every row copied into it, the old table dropped and the twin renamed to its name;
3. the id drawn from a sequence of its own, as a plain column default, continuing after the
   highest id (the old table's identity sequence goes with it);
4. the primary key ``(id, forbund_id)``: PostgreSQL requires the partition key in every
   unique constraint of a partitioned table. Django keeps treating ``id`` as the primary
   key; ids stay unique because one sequence draws them all, but no constraint enforces
   ``id`` alone any longer;
5. the indexes and foreign keys Django made for the model, again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import names_digest, truncate_name

PARTITION_KEY = "forbund_id"
MAX_NAME = 63  # PostgreSQL's identifier length (NAMEDATALEN - 1)

Scheme = Literal["hash", "list"]


class NotPartitionable(Exception):
    """The model has something the plan cannot carry over to a partitioned table."""


@dataclass(frozen=True)
class TablePlan:
    table: str
    partitions: tuple[str, ...]
    statements: tuple[str, ...]


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _name(table: str, columns: Sequence[str], suffix: str = "") -> str:
    """Django's naming of an index or a constraint (table, columns, digest, suffix),
    shortened with a digest of its own where PostgreSQL would cut it."""
    digest = names_digest(table, *columns, length=8)
    name = f"{table}_{'_'.join(columns)}_{digest}{suffix}"
    return truncate_name(name, MAX_NAME)


def _partitions(
    table: str, scheme: Scheme, modulus: int, forbund_ids: Sequence[int]
) -> list[tuple[str, str]]:
    """(name, bound) of each partition."""
    if scheme == "hash":
        return [
            (f"{table}_p{remainder}", f"FOR VALUES WITH (MODULUS {modulus}, REMAINDER {remainder})")
            for remainder in range(modulus)
        ]
    named = [(f"{table}_f{pk}", f"FOR VALUES IN ({int(pk)})") for pk in sorted(set(forbund_ids))]
    return [*named, (f"{table}_default", "DEFAULT")]


def _indexes(model: type[models.Model], table: str) -> list[str]:
    statements = []
    for field in model._meta.concrete_fields:
        indexed = bool(getattr(field, "db_index", False))
        if indexed and not field.primary_key and not field.unique:
            column = str(field.column)
            name = _name(table, [column])
            statements.append(f"CREATE INDEX {q(name)} ON {q(table)} ({q(column)})")
        elif field.unique and not field.primary_key:
            raise NotPartitionable(f"{table}.{field.column} is unique on its own")
    for index in model._meta.indexes:
        if index.expressions or index.condition is not None or index.include or index.opclasses:
            raise NotPartitionable(f"{table}: index {index.name} is not a plain column index")
        columns = []
        for field_name in index.fields:
            descending = field_name.startswith("-")
            column = str(model._meta.get_field(field_name.lstrip("-")).column)  # type: ignore[union-attr]
            columns.append(q(column) + (" DESC" if descending else ""))
        statements.append(f"CREATE INDEX {q(str(index.name))} ON {q(table)} ({', '.join(columns)})")
    return statements


def _foreign_keys(model: type[models.Model], table: str) -> list[str]:
    statements = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or not field.db_constraint:  # type: ignore[attr-defined]
            continue
        target = field.target_field
        column, to_column = str(field.column), str(target.column)
        to_table = target.model._meta.db_table
        name = _name(table, [column], f"_fk_{to_table}_{to_column}")
        statements.append(
            f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} FOREIGN KEY ({q(column)}) "
            f"REFERENCES {q(to_table)} ({q(to_column)}) DEFERRABLE INITIALLY DEFERRED"
        )
    return statements


def _check_model(model: type[models.Model]) -> None:
    meta = model._meta
    if meta.pk is None or meta.pk.column != "id" or not isinstance(meta.pk, models.AutoField):
        raise NotPartitionable(f"{meta.db_table} has no auto id")
    if PARTITION_KEY not in {field.column for field in meta.concrete_fields}:
        raise NotPartitionable(f"{meta.db_table} has no {PARTITION_KEY}")
    if meta.related_objects:
        # A foreign key to a partitioned table must name the whole (id, forbund_id) key.
        raise NotPartitionable(f"{meta.db_table} is referred to by other tables")
    for constraint in meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            raise NotPartitionable(f"{meta.db_table}: {constraint.name} is not a check")


def table_plan(
    model: type[models.Model],
    *,
    scheme: Scheme = "hash",
    modulus: int = 8,
    forbund_ids: Sequence[int] = (),
) -> TablePlan:
    """The DDL turning ``model``'s table into one partitioned by ``forbund_id``."""
    _check_model(model)
    if scheme == "hash" and not 1 <= modulus <= 1024:
        raise NotPartitionable("the number of hash partitions must be 1–1024")
    table = model._meta.db_table
    twin = f"{table}__partitioned"
    sequence = f"{table}_id_seq"
    partitions = _partitions(table, scheme, modulus, forbund_ids)
    statements = [
        f"LOCK TABLE {q(table)} IN ACCESS EXCLUSIVE MODE",
        f"CREATE TABLE {q(twin)} (LIKE {q(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
        f"INCLUDING STORAGE) PARTITION BY {scheme.upper()} ({q(PARTITION_KEY)})",
        *(f"CREATE TABLE {q(name)} PARTITION OF {q(twin)} {bound}" for name, bound in partitions),
        # Identifiers only, from the models, quoted: nothing from outside goes into the SQL.
        f"INSERT INTO {q(twin)} SELECT * FROM {q(table)}",  # noqa: S608
        f"DROP TABLE {q(table)}",
        f"ALTER TABLE {q(twin)} RENAME TO {q(table)}",
        f"CREATE SEQUENCE {q(sequence)} AS bigint OWNED BY {q(table)}.{q('id')}",
        f"SELECT setval('{q(sequence)}', "  # noqa: S608
        f"COALESCE((SELECT max({q('id')}) FROM {q(table)}), 0) + 1, false)",
        f"ALTER TABLE {q(table)} ALTER COLUMN {q('id')} SET DEFAULT nextval('{q(sequence)}')",
        f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(table + '_pkey')} "
        f"PRIMARY KEY ({q('id')}, {q(PARTITION_KEY)})",
        *_indexes(model, table),
        *_foreign_keys(model, table),
    ]
    return TablePlan(
        table=table,
        partitions=tuple(name for name, _ in partitions),
        statements=tuple(statements),
    )


def partitioned_tables(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The partitioned tables of a PostgreSQL database and their strategy (``hash``/``list``);
    none elsewhere."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, p.partstrat FROM pg_partitioned_table p "
            "JOIN pg_class c ON c.oid = p.partrelid "
            "WHERE pg_table_is_visible(c.oid)"
        )
        strategies = {"h": "hash", "l": "list", "r": "range"}
        return {name: strategies[strategy] for name, strategy in cursor.fetchall()}


def apply_plans(connection: BaseDatabaseWrapper, plans: Sequence[TablePlan]) -> list[str]:
    """Run the plans on PostgreSQL in one transaction (all tables or none); a table that is
    partitioned already is left alone. The tables done."""
    if connection.vendor != "postgresql":
        raise NotPartitionable("declarative partitioning needs PostgreSQL")
    done = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Foreign-key checks now, not at commit: PostgreSQL refuses to drop a table with
        # checks still pending (only when called inside a transaction that wrote to it).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        already = partitioned_tables(connection)
        for plan in plans:
            if plan.table in already:
                continue
            for statement in plan.statements:
                cursor.execute(statement)
            done.append(plan.table)
    return done
