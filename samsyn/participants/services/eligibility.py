"""The intervention's eligibility rules, checked at referral and at registration.

Two kinds (docs/participants-intake.md):

- The structured criteria the seeds name (LSS decision on daglig verksamhet, long-term
  försörjningsstöd, current in psychiatry, income paid by one of the referring parties) are
  hard: a referral that does not meet one is refused with a Swedish message, nothing saved.
- Everything else is a Swedish warning that the person saving must acknowledge
  (``Referral.warnings_acknowledged_by``): age, intake period, parties current, full places in
  the person's municipality, a home outside the intervention's municipalities.

Imports of past registrations are checked for the warnings only. The exclusions are free text
that no code can evaluate; they are shown next to the warnings so the person deciding reads
them.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from samsyn.core.kommuner import MUNICIPALITIES
from samsyn.core.models import PartyKind
from samsyn.interventions.models import Capacity, Intervention, InterventionStatus
from samsyn.participants.models import IncomeSource, Registration

# Which kind of party pays each income source. Lön, a-kassa, studiemedel and the rest are
# paid by nobody in the förbund (seed 002: "Deltagare i projektet skall ha sin försörjning
# hos någon av de anvisande parterna").
PAYING_PARTY: dict[str, str] = {
    IncomeSource.SJUKPENNING: PartyKind.FORSAKRINGSKASSAN,
    IncomeSource.AKTIVITETSERSATTNING: PartyKind.FORSAKRINGSKASSAN,
    IncomeSource.SJUKERSATTNING: PartyKind.FORSAKRINGSKASSAN,
    IncomeSource.AKTIVITETSSTOD: PartyKind.ARBETSFORMEDLINGEN,
    IncomeSource.ETABLERINGSERSATTNING: PartyKind.ARBETSFORMEDLINGEN,
    IncomeSource.FORSORJNINGSSTOD: PartyKind.KOMMUN,
    IncomeSource.HABILITERINGSERSATTNING: PartyKind.KOMMUN,
}


@dataclass(frozen=True)
class Places:
    """Places and ongoing registrations in one municipality of the intervention."""

    places: int
    occupied: int


@dataclass(frozen=True)
class CriteriaFacts:
    """What the referrer states about the structured criteria."""

    lss_daily_activity: bool = False
    long_term_forsorjningsstod: bool = False
    current_in_psychiatry: bool = False
    income_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class EligibilityFacts:
    """What is known about the person when the rules are checked."""

    on: datetime.date
    birth_year: int | None = None
    birth_date: datetime.date | None = None
    parties_current: int = 0
    home_municipality_code: str = ""
    # Per municipality code of the intervention; None when not looked up (imports, tests).
    places: Mapping[str, Places] | None = None
    criteria: CriteriaFacts = field(default_factory=CriteriaFacts)
    # The kinds of party that may refer to the intervention (the förbund's active parties).
    referring_kinds: Collection[str] = ()


def age_on(facts: EligibilityFacts) -> int | None:
    """Age in whole years on ``facts.on``; from the year alone when the date is unknown."""
    if facts.birth_date is not None:
        born = facts.birth_date
        had_birthday = (facts.on.month, facts.on.day) >= (born.month, born.day)
        return facts.on.year - born.year - (0 if had_birthday else 1)
    if facts.birth_year is not None:
        return facts.on.year - facts.birth_year
    return None


def _age_warning(intervention: Intervention, facts: EligibilityFacts) -> str | None:
    age = age_on(facts)
    if age is None or intervention.min_age <= age <= intervention.max_age:
        return None
    return _("Personen är %(age)d år. Insatsen tar emot personer från %(min)d till %(max)d år.") % {
        "age": age,
        "min": intervention.min_age,
        "max": intervention.max_age,
    }


def _intake_warning(intervention: Intervention, facts: EligibilityFacts) -> str | None:
    last = intervention.last_intake_date
    if last is None or facts.on <= last:
        return None
    return _("Sista intagsdag för insatsen var %(date)s.") % {"date": last.isoformat()}


def _status_warning(intervention: Intervention, facts: EligibilityFacts) -> str | None:
    if intervention.status == InterventionStatus.PAGAENDE:
        if intervention.end_date is not None and facts.on > intervention.end_date:
            return _("Insatsen slutade %(date)s.") % {"date": intervention.end_date.isoformat()}
        return None
    return _("Insatsen pågår inte (status: %(status)s).") % {
        "status": intervention.get_status_display()
    }


def _parties_warning(intervention: Intervention, facts: EligibilityFacts) -> str | None:
    required = intervention.min_parties_current
    if facts.parties_current >= required:
        return None
    return _(
        "Personen ska vara aktuell hos minst %(required)d parter för insatsen, "
        "men är aktuell hos %(count)d."
    ) % {"required": required, "count": facts.parties_current}


def _municipality_name(code: str) -> str:
    return MUNICIPALITIES.get(code, code)


def _places_warning(intervention: Intervention, facts: EligibilityFacts) -> str | None:
    """Seed 002: 17/17/6 places "skall i första hand erbjudas men platserna kan fyllas
    utifrån behov" – full places warn, never refuse."""
    code = facts.home_municipality_code
    if facts.places is None or not code or code not in facts.places:
        return None
    here = facts.places[code]
    if here.occupied < here.places:
        return None
    return _(
        "Platserna för %(municipality)s är fulla: %(occupied)d pågående deltagare på "
        "%(places)d platser."
    ) % {
        "municipality": _municipality_name(code),
        "occupied": here.occupied,
        "places": here.places,
    }


def _area_warning(intervention: Intervention, facts: EligibilityFacts) -> str | None:
    """Seed 003: "boende i Enköpings kommun"; the area is the municipalities with places."""
    code = facts.home_municipality_code
    if not facts.places or not code or code in facts.places:
        return None
    return _("Personen bor i %(municipality)s, utanför insatsens område (%(area)s).") % {
        "municipality": _municipality_name(code),
        "area": ", ".join(sorted(_municipality_name(c) for c in facts.places)),
    }


def eligibility_warnings(*, intervention: Intervention, facts: EligibilityFacts) -> list[str]:
    """Each rule the person does not meet, as a Swedish sentence (empty when eligible)."""
    checks = (
        _age_warning,
        _intake_warning,
        _status_warning,
        _parties_warning,
        _places_warning,
        _area_warning,
    )
    return [warning for check in checks if (warning := check(intervention, facts))]


def _income_refusal(intervention: Intervention, facts: EligibilityFacts) -> str | None:
    sources = facts.criteria.income_sources
    if not sources:
        return _(
            "Ange personens försörjning: insatsen kräver att den kommer från en av de "
            "anvisande parterna."
        )
    paid_by = {PAYING_PARTY.get(source) for source in sources}
    if paid_by & set(facts.referring_kinds):
        return None
    return _(
        "Insatsen kräver att personens försörjning kommer från en av de anvisande parterna "
        "(Försäkringskassan, Arbetsförmedlingen eller kommunen). Försörjningen som angetts "
        "betalas inte av någon av dem."
    )


def eligibility_refusals(*, intervention: Intervention, facts: EligibilityFacts) -> dict[str, str]:
    """The structured criteria the person does not meet, keyed by the fact's field."""
    refusals: dict[str, str] = {}
    criteria = facts.criteria
    if intervention.requires_lss_daily_activity and not criteria.lss_daily_activity:
        refusals["has_lss_daily_activity"] = _(
            "Insatsen kräver ett LSS-beslut om daglig verksamhet."
        )
    if intervention.requires_long_term_forsorjningsstod and not (
        criteria.long_term_forsorjningsstod
    ):
        refusals["has_long_term_forsorjningsstod"] = _(
            "Insatsen kräver att personen har långvarigt försörjningsstöd."
        )
    if intervention.requires_current_in_psychiatry and not criteria.current_in_psychiatry:
        refusals["current_in_psychiatry"] = _(
            "Insatsen kräver att personen är aktuell i psykiatrin."
        )
    if intervention.requires_income_from_party:
        refusal = _income_refusal(intervention, facts)
        if refusal:
            refusals["income_sources"] = refusal
    return refusals


def places_by_municipality(*, intervention: Intervention) -> dict[str, Places]:
    """The intervention's places per municipality with the ongoing registrations of people
    living there (two queries, whatever the number of rows)."""
    capacities = dict(
        Capacity.objects.filter(intervention=intervention).values_list(
            "municipality_code", "places"
        )
    )
    if not capacities:
        return {}
    occupied = dict(
        Registration.objects.countable()
        .ongoing()
        .filter(intervention=intervention, person__home_municipality_code__in=capacities)
        .order_by()
        .values_list("person__home_municipality_code")
        .annotate(people=Count("person", distinct=True, filter=Q(person__isnull=False)))
    )
    return {
        code: Places(places=places, occupied=occupied.get(code, 0))
        for code, places in capacities.items()
    }
