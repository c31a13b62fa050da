"""The intervention's eligibility rules, checked at referral and at registration.

A breach never stops anyone: it is a Swedish warning that the person saving must
acknowledge (``Referral.warnings_acknowledged_by``). Imports of past registrations are
checked too but only warn. The exclusions are free text that no code can evaluate; they are
shown next to the warnings so the person deciding reads them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention, InterventionStatus


@dataclass(frozen=True)
class EligibilityFacts:
    """What is known about the person when the rules are checked."""

    on: datetime.date
    birth_year: int | None = None
    birth_date: datetime.date | None = None
    parties_current: int = 0


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


def eligibility_warnings(*, intervention: Intervention, facts: EligibilityFacts) -> list[str]:
    """Each rule the person does not meet, as a Swedish sentence (empty when eligible)."""
    checks = (_age_warning, _intake_warning, _status_warning, _parties_warning)
    return [warning for check in checks if (warning := check(intervention, facts))]
