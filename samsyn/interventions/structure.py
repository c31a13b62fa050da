"""The three ordered lists an intervention defines for its participants' way.

Phases (Kartläggning → … → Avslut), the progression ladder and the progression indicators
share one set of pages and services; this module says what differs between them: the
model, the words on the page and what counts as "in use" (an item in use cannot be removed,
because the participants' history points at it).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
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


def in_use_condition(spec: StructureSpec) -> Exists | ExpressionWrapper:
    """An expression, for ``annotate``, that is true when an item is referenced."""
    from samsyn.participants.models import IndicatorRating, PhaseChange, Registration, StepRecord

    if spec.kind == StructureKind.PHASES:
        current = Registration.objects.filter(current_phase=OuterRef("pk"))
        changes = PhaseChange.objects.filter(phase=OuterRef("pk"))
        return ExpressionWrapper(
            Q(Exists(current)) | Q(Exists(changes)), output_field=BooleanField()
        )
    if spec.kind == StructureKind.LADDER:
        return Exists(StepRecord.objects.filter(step=OuterRef("pk")))
    return Exists(IndicatorRating.objects.filter(indicator=OuterRef("pk")))


def items_of(spec: StructureSpec, intervention_id: int) -> QuerySet[StructureItem]:
    return spec.model.objects.filter(intervention_id=intervention_id).order_by("order", "id")
