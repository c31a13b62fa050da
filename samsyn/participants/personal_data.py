"""What the apps above participants hold about a registration (a registry).

Retention (services/retention.py) and the register extract (selectors/register_extract.py)
must reach every record that describes a participant, including the IPS career profile and
the resource inventory, which live in apps above this one. Those apps register a
``PersonalDataHolder`` in their ``AppConfig.ready``; this app iterates the registry without
importing them (docs/development.md, "Layers"; docs/data-lifecycle.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import DateField, Max, OuterRef, Subquery

# Fields never shown in an extract: keys, versions and the encrypted look-up index.
_HIDDEN_FIELDS = {"id", "version", "personnummer_index"}


@dataclass(frozen=True)
class ExtractRecord:
    """One record as (field name, Swedish label, value) triples."""

    title: str
    fields: tuple[tuple[str, str, str], ...]

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "fields": {name: value for name, _, value in self.fields}}


@dataclass(frozen=True)
class ExtractSection:
    """A kind of record held about a person (e.g. journal notes), with every such record."""

    key: str
    title: str
    records: list[ExtractRecord] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "records": [record.as_json() for record in self.records],
        }


@dataclass(frozen=True)
class PersonalDataHolder:
    """An app's part of a registration's personal data."""

    name: str
    # What retention clears in this app, in Swedish, for the dry-run list and the docs.
    cleared: str
    # Date expressions correlated with a Registration (``OuterRef("pk")``): the latest entry
    # this app keeps for it. NULL when there is none.
    last_entries: Callable[[], Sequence[Subquery]]
    # Clears the free text and deletes the files of these registrations' records, keeping
    # dates, codes and choices. Returns the number of records changed.
    clear: Callable[[Sequence[int]], int]
    # Everything this app holds about these registrations, for the register extract.
    extract: Callable[[Sequence[int]], list[ExtractSection]]


_HOLDERS: dict[str, PersonalDataHolder] = {}


def register_holder(holder: PersonalDataHolder) -> None:
    _HOLDERS[holder.name] = holder


def registered_holders() -> list[PersonalDataHolder]:
    return list(_HOLDERS.values())


def latest_date(
    model: type[models.Model], date_expression: Any, *, via: str = "registration"
) -> Subquery:
    """The latest ``date_expression`` of ``model``'s rows that point at the outer
    registration through ``via``, as a correlated subquery (one SQL per query, not per row)."""
    rows = (
        model._default_manager.filter(**{via: OuterRef("pk")})
        .order_by()
        .values(via)
        .annotate(latest=Max(date_expression))
        .values("latest")[:1]
    )
    return Subquery(rows, output_field=DateField())


# Records whose names are built from other rows (a registration is "person in
# intervention"): an extract shows their id, so naming them costs no query.
_SHOWN_BY_ID = {
    "participants.Person",
    "participants.Registration",
    "participants.Referral",
    "participants.Consent",
    "participants.ActionPlan",
    "assessments.ResourceInventory",
}


def _related_display(instance: models.Model, model_field: models.Field[Any, Any]) -> str:
    """A foreign key's row by name when the caller selected it, else by id (no query)."""
    raw = getattr(instance, model_field.attname)
    if raw is None:
        return ""
    related_model = model_field.related_model
    label = related_model._meta.label if isinstance(related_model, type) else ""
    # Set only when select_related (or an earlier access) loaded the row.
    cached = model_field.name in instance._state.fields_cache
    if label in _SHOWN_BY_ID or not cached:
        return str(raw)
    return str(getattr(instance, model_field.name))


def _display(instance: models.Model, model_field: models.Field[Any, Any]) -> str:
    if model_field.is_relation:
        return _related_display(instance, model_field)
    if model_field.choices:
        display = getattr(instance, f"get_{model_field.name}_display")
        return str(display())
    value = getattr(instance, model_field.name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime.datetime | datetime.date | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    if isinstance(value, list | dict):
        return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return str(value)


def record_of(
    instance: models.Model, *, title: str = "", skip: Sequence[str] = ()
) -> ExtractRecord:
    """Every concrete field of ``instance`` except keys and ``skip``, labelled in Swedish.

    Foreign keys show the related row's name (a party, an activity type, a user), so callers
    select_related what they pass in."""
    triples = []
    for model_field in instance._meta.concrete_fields:
        if model_field.name in _HIDDEN_FIELDS or model_field.name in skip:
            continue
        triples.append(
            (model_field.name, str(model_field.verbose_name), _display(instance, model_field))
        )
    return ExtractRecord(title=title or str(instance._meta.verbose_name), fields=tuple(triples))


def section_of(
    key: str, title: str, rows: Sequence[models.Model], *, skip: Sequence[str] = ()
) -> ExtractSection:
    return ExtractSection(
        key=key, title=title, records=[record_of(row, title=title, skip=skip) for row in rows]
    )
