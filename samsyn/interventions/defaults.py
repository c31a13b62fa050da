"""What a new intervention starts with, in Swedish as the seeds name them.

An intervention's methods choose its **structure template**: the phases, the progression
ladder and the activity types it starts with (docs/interventions.md, "Structure by method").
IPS and Supported Employment place first and train on the job (seed 000: "arbetsplacering
föregår utbildning"; seed 003: a quick contact with working life "istället för att stegvis
träna förmågan"), so they get their own template without prevocational steps; every other
method keeps the step-by-step template of REBUS (seed 002).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samsyn.interventions.models import ActivityApproach, follows_ips

DEFAULT_PHASES = (_("Kartläggning"), _("Aktivitet"), _("Prövning"), _("Avslut"))

# About seven rungs from "not current for work-oriented efforts" to "work or studies".
DEFAULT_LADDER = (
    _("Ej aktuell för arbetsinriktade insatser"),
    _("Stabiliserande och motiverande insatser"),
    _("Kartläggning och utredning av arbetsförmåga"),
    _("Arbetsförberedande aktivitet"),
    _("Arbetsträning eller praktik"),
    _("Aktivt arbetssökande eller matchning"),
    _("Arbete eller studier"),
)

# BIP's progression indicators, rated 1–5 every three months.
BIP_INDICATORS = (
    _("Hantera hälsan"),
    _("Hantera vardagen"),
    _("Tro på att få ett arbete"),
    _("Kunskap om arbetsmarknaden"),
    _("Jobbsökarbeteende"),
    _("Samarbetsförmåga"),
    _("Handläggarens tro på arbete"),
)

DEFAULT_ACTIVITY_TYPES = (
    _("Motiverande samtal"),
    _("Kartläggning"),
    _("Gruppaktivitet"),
    _("Social träning"),
    _("Friskvård"),
    _("Arbetsprövning"),
    _("Arbetsträning"),
    _("Praktik"),
    _("Studiebesök"),
    _("Studie- och yrkesvägledning"),
    _("Bidrags- och ekonomisk rådgivning"),
    _("Psykologutredning"),
    _("Läkarbedömning"),
    _("Arbetsgivarkontakt"),
)

# The default activity types that train or test the ability to work before a job: offered in
# step-by-step interventions only, never in an IPS one. Everything else of
# DEFAULT_ACTIVITY_TYPES is offered in every intervention.
TRAIN_THEN_PLACE_ACTIVITY_TYPES = (
    _("Kartläggning"),
    _("Social träning"),
    _("Arbetsprövning"),
    _("Arbetsträning"),
    _("Praktik"),
)

# IPS: engagement and the career profile, then job search at once (the first face-to-face
# employer contact within 30 days), then work or studies with follow-along support for as
# long as it is needed (seed 001 principles 6 and 8, seed 003 principles 2 and 5), then exit.
IPS_PHASES = (
    _("Inskrivning och engagemang"),
    _("Karriärprofil"),
    _("Jobbsökande och arbetsgivarkontakter"),
    _("I arbete eller studier med fortlöpande stöd"),
    _("Avslut"),
)

# Milestones of the job search itself, not of prevocational training: each rung is a fact the
# IPS records show (employer contacts, a job or study start, time in it).
IPS_LADDER = (
    _("Engagemang och karriärprofil"),
    _("Aktivt jobbsökande"),
    _("Arbetsgivarkontakt för deltagaren"),
    _("Arbete eller studier påbörjade"),
    _("Behållit arbete eller studier i minst 13 veckor"),
)

# The activities of an IPS team (seed 001: career profile, "konsultation och vägledning i
# ekonomi och försörjning", relations with employers; seed 003: "bidragsrådgivning", study
# and vocational guidance, integration with the psychiatric team). Offered in IPS and
# Supported Employment interventions only; the shared ones of DEFAULT_ACTIVITY_TYPES
# (employer contact, study and vocational guidance, benefits counselling, …) come too.
IPS_ACTIVITY_TYPES = (
    _("Karriärprofil"),
    _("Jobbmatchning"),
    _("Jobbsökande med coach"),
    _("Fortlöpande stöd i arbete eller studier"),
    _("Samverkan med behandlingsteamet"),
)


@dataclass(frozen=True)
class StructureTemplate:
    """What an intervention of one way of working starts with."""

    key: str
    phases: tuple[Promise, ...]
    ladder: tuple[Promise, ...]
    # The way whose activity types the intervention offers besides the shared ones.
    approach: str


STEPWISE_TEMPLATE = StructureTemplate(
    key="stegvis",
    phases=DEFAULT_PHASES,
    ladder=DEFAULT_LADDER,
    approach=ActivityApproach.STEGVIS,
)
IPS_TEMPLATE = StructureTemplate(
    key="ips",
    phases=IPS_PHASES,
    ladder=IPS_LADDER,
    approach=ActivityApproach.IPS,
)


def structure_template_for(methods: Iterable[str] | None) -> StructureTemplate:
    """IPS or Supported Employment among the methods: the IPS template; otherwise the
    step-by-step one (also for an intervention that combines IPS with, say, BIP: IPS decides
    the way, BIP adds its indicators)."""
    return IPS_TEMPLATE if follows_ips(methods) else STEPWISE_TEMPLATE


def activity_type_catalogue() -> list[tuple[Promise, str]]:
    """Every default activity type with the way it belongs to, as (name, approach)."""
    stepwise = {str(name) for name in TRAIN_THEN_PLACE_ACTIVITY_TYPES}
    shared = [
        (name, ActivityApproach.STEGVIS if str(name) in stepwise else ActivityApproach.ALLA)
        for name in DEFAULT_ACTIVITY_TYPES
    ]
    return [*shared, *((name, ActivityApproach.IPS) for name in IPS_ACTIVITY_TYPES)]
