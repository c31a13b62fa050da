"""The three ordered lists an intervention defines for its participants' way.

Phases (Kartläggning → … → Avslut), the progression ladder and the progression indicators
share one set of pages and services; this module says what differs between them: the
model, the words on the page and what counts as "in use" (an item in use cannot be removed,
because the participants' history points at it; the participants app registers which of its
rows point at an item, ``register_references``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, Q, QuerySet, Value
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samsyn.interventions.models import LadderStep, Phase, ProgressionIndicator

StructureItem = Phase | LadderStep | ProgressionIndicator


class StructureKind(StrEnum):
    PHASES = "faser"
    LADDER = "stegen"
    INDICATORS = "indikatorer"


@dataclass(frozen=True)
class StructureText:
    title: Promise
    intro: Promise
    item: Promise
    add_label: Promise
    empty_name: Promise
    duplicate: Promise
    in_use: Promise
    last_one: Promise
    added: Promise
    removed: Promise


@dataclass(frozen=True)
class StructureSpec:
    kind: StructureKind
    model: type[StructureItem]
    related_name: str
    max_length: int
    # At least this many items must remain (an intervention needs a phase and a ladder).
    minimum: int
    # The log is kept in Swedish whatever language the page is in.
    audit_name: str
    text: StructureText

    @property
    def url_name(self) -> str:
        """The list page's URL name in the "interventions" namespace ("phases", …)."""
        return self.kind.name.lower()


SPECS = {
    StructureKind.PHASES: StructureSpec(
        kind=StructureKind.PHASES,
        model=Phase,
        related_name="phases",
        max_length=100,
        minimum=1,
        audit_name="Fas",
        text=StructureText(
            title=_("Faser"),
            intro=_(
                "Faserna som deltagarna går igenom, i ordning. En fas som någon deltagare "
                "har varit i kan inte tas bort, men den kan byta namn."
            ),
            item=_("Fas"),
            add_label=_("Ny fas"),
            empty_name=_("Ange fasens namn."),
            duplicate=_("Insatsen har redan en fas med det namnet."),
            in_use=_("Fasen används av deltagare och kan inte tas bort."),
            last_one=_("Insatsen måste ha minst en fas."),
            added=_("Fasen är tillagd."),
            removed=_("Fasen är borttagen."),
        ),
    ),
    StructureKind.LADDER: StructureSpec(
        kind=StructureKind.LADDER,
        model=LadderStep,
        related_name="ladder_steps",
        max_length=150,
        minimum=1,
        audit_name="Steg",
        text=StructureText(
            title=_("Stegen"),
            intro=_(
                "Progressionsstegen från längst bort till närmast arbete eller studier. Ett "
                "högre steg är närmare arbete eller studier. Ett steg som använts i en "
                "deltagares bedömning kan inte tas bort."
            ),
            item=_("Steg"),
            add_label=_("Nytt steg"),
            empty_name=_("Ange stegets namn."),
            duplicate=_("Stegen har redan ett steg med det namnet."),
            in_use=_("Steget används i deltagares bedömningar och kan inte tas bort."),
            last_one=_("Stegen måste ha minst ett steg."),
            added=_("Steget är tillagt."),
            removed=_("Steget är borttaget."),
        ),
    ),
    StructureKind.INDICATORS: StructureSpec(
        kind=StructureKind.INDICATORS,
        model=ProgressionIndicator,
        related_name="indicators",
        max_length=150,
        minimum=0,
        audit_name="Indikator",
        text=StructureText(
            title=_("Progressionsindikatorer"),
            intro=_(
                "Områden som skattas 1–5 över tid, till exempel BIP:s indikatorer. En "
                "indikator som skattats för någon deltagare kan inte tas bort."
            ),
            item=_("Indikator"),
            add_label=_("Ny indikator"),
            empty_name=_("Ange indikatorns namn."),
            duplicate=_("Insatsen har redan en indikator med det namnet."),
            in_use=_("Indikatorn har skattningar och kan inte tas bort."),
            last_one=_("Indikatorn kan inte tas bort."),
            added=_("Indikatorn är tillagd."),
            removed=_("Indikatorn är borttagen."),
        ),
    ),
}


def spec_for(kind: str) -> StructureSpec:
    return SPECS[StructureKind(kind)]


def spec_of(item: StructureItem) -> StructureSpec:
    for spec in SPECS.values():
        if isinstance(item, spec.model):
            return spec
    raise TypeError(type(item))


# Querysets of rows that reference an item (``OuterRef("pk")``), per kind: the apps that keep
# such rows (participants: phases, step records, ratings) register them in ``AppConfig.ready``.
ReferencesOf = Callable[[], QuerySet[Any]]
_REFERENCES: dict[StructureKind, list[ReferencesOf]] = {kind: [] for kind in StructureKind}


def register_references(kind: StructureKind, *references: ReferencesOf) -> None:
    """Rows of an upper app that keep an item in use; registering twice is a no-op."""
    known = _REFERENCES[kind]
    known.extend(reference for reference in references if reference not in known)


def in_use_condition(spec: StructureSpec) -> Exists | ExpressionWrapper | Value:
    """An expression, for ``annotate``, that is true when an item is referenced."""
    exists = [Exists(reference()) for reference in _REFERENCES[spec.kind]]
    if not exists:
        return Value(False, output_field=BooleanField())
    if len(exists) == 1:
        return exists[0]
    return ExpressionWrapper(
        reduce(operator.or_, (Q(condition) for condition in exists)), output_field=BooleanField()
    )


def items_of(spec: StructureSpec, intervention_id: int) -> QuerySet[StructureItem]:
    return spec.model.objects.filter(intervention_id=intervention_id).order_by("order", "id")
