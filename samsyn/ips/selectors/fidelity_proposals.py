"""Scores Samsyn proposes for a fidelity review from its own data (docs/ips-fidelity.md).

Each proposal is a score (or ``None`` when the data cannot tell) and a Swedish sentence
saying what it was computed from. They are stored beside the reviewers' score when the
review is created and never overwrite it. Every figure is one aggregate query; the number of
queries is constant.

The limits are the anchors of the published IPS Supported Employment Fidelity Scale (Becker,
Swanson, Reese, Bond, McLeman; revised 2008, 25 items), item by item in docs/ips-fidelity.md.
``on`` is the review date.

- caseload_size: the active caseload on ``on`` (the IPS outcomes' population: started, not
  ended, not felregistrering, with a contact in the 28 days ending on ``on``) of registrations
  that have a coach, divided by the number of those coaches.
  ≤ 20 → 5, 21–25 → 4, 26–30 → 3, 31–40 → 2, ≥ 41 → 1.
- job_development_frequency: face-to-face employer contacts of the intervention in the four
  weeks before ``on`` (``on`` − 28 … ``on`` − 1) per coach and week; coaches are those with
  active registrations on ``on`` (or, if none, those who logged a contact).
  ≥ 6 → 5, ≥ 5 → 4, ≥ 4 → 3, ≥ 2 → 2, < 2 → 1.
- rapid_job_search: the **average** days from the start of registrations started in the 12
  months up to ``on`` to their first face-to-face employer contact, as of ``on``
  (``samsyn/ips/selectors/first_contact.py``: the one definition; those without a contact by
  ``on`` count their days up to ``on``). ≤ 30 → 5, 31–60 → 4, 61–150 → 3, 151–270 → 2,
  ≥ 271 → 1.
- diversity_employers: distinct employer names (case-insensitive) among competitive job
  starts in the 12 months up to ``on`` that name one, over those starts.
  ≥ 85 % → 5, 73–84 % → 4, 60–72 % → 3, 50–59 % → 2, < 50 % → 1.
- diversity_job_types: no proposal: a job start records its employment form, not the kind of
  work (occupation), so Samsyn cannot tell how varied the jobs are.
- competitive_jobs: share of the job starts (kind arbete) in the 12 months up to ``on`` that
  are competitive. ≥ 95 % → 5, 85–94 % → 4, 75–84 % → 3, 64–74 % → 2, < 64 % → 1.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention
from samsyn.ips.models.employers import ContactKind, EmployerContact
from samsyn.ips.selectors.first_contact import contacted_by, days_until, with_first_contact
from samsyn.ips.selectors.outcomes import active_caseload, contact_annotations
from samsyn.participants.models import Registration, WorkStart
from samsyn.participants.models.choices import StartKind

YEAR_DAYS = 365
CONTACT_WEEKS = 4
# The anchors of the published scale (docs/ips-fidelity.md has the source of each).
CASELOAD_LIMITS = (20, 25, 30, 40)  # at most, per employment specialist
CONTACT_LIMITS = (6, 5, 4, 2)  # at least, face-to-face contacts per specialist and week
RAPID_SEARCH_LIMITS = (30, 60, 150, 270)  # at most, average days to first face-to-face contact
DIVERSITY_LIMITS = (85, 73, 60, 50)  # at least, percent
COMPETITIVE_LIMITS = (95, 85, 75, 64)  # at least, percent


@dataclass(frozen=True)
class Proposal:
    score: int | None
    evidence: str


def score_at_most(value: float, limits: Sequence[float]) -> int:
    """5 when ``value`` ≤ limits[0], 4 when ≤ limits[1], … and 1 above the last limit."""
    for index, limit in enumerate(limits):
        if value <= limit:
            return 5 - index
    return 1


def score_at_least(value: float, limits: Sequence[float]) -> int:
    """5 when ``value`` ≥ limits[0], 4 when ≥ limits[1], … and 1 below the last limit."""
    for index, limit in enumerate(limits):
        if value >= limit:
            return 5 - index
    return 1


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _caseload(intervention: Intervention, on: datetime.date) -> tuple[Proposal, int]:
    # The active caseload, the same population as the IPS outcomes' (docs/ips-outcomes.md).
    row = (
        Registration.objects.countable()
        .order_by()
        .filter(intervention=intervention, coach__isnull=False, start_date__lte=on)
        .annotate(**contact_annotations(on))
        .filter(active_caseload(on))
        .aggregate(registrations=Count("id", distinct=True), coaches=Count("coach", distinct=True))
    )
    coaches, registrations = row["coaches"] or 0, row["registrations"] or 0
    if not coaches:
        return Proposal(None, _("Inga aktiva inskrivningar med coach på datumet.")), 0
    per_coach = registrations / coaches
    evidence = _(
        "%(registrations)s aktiva inskrivningar (inskrivna, inte avslutade, med kontakt de "
        "senaste 28 dagarna) hos %(coaches)s coacher: %(per_coach)s per coach."
    ) % {"registrations": registrations, "coaches": coaches, "per_coach": _number(per_coach)}
    # Whole participants: 20.5 per coach is above 20.
    return Proposal(score_at_most(per_coach, CASELOAD_LIMITS), evidence), coaches


def _contacts(intervention: Intervention, on: datetime.date, coaches: int) -> Proposal:
    first = on - datetime.timedelta(days=CONTACT_WEEKS * 7)
    row = EmployerContact.objects.filter(
        intervention=intervention,
        kind=ContactKind.FACE_TO_FACE,
        contacted_on__gte=first,
        contacted_on__lt=on,
    ).aggregate(contacts=Count("id"), coaches=Count("coach", distinct=True))
    contacts = row["contacts"] or 0
    coaches = coaches or row["coaches"] or 0
    if not coaches:
        return Proposal(None, _("Inga coacher med aktiva inskrivningar eller kontakter."))
    per_week = contacts / coaches / CONTACT_WEEKS
    evidence = _(
        "%(contacts)s personliga arbetsgivarmöten under fyra veckor (%(first)s–%(last)s) "
        "för %(coaches)s coacher: %(per_week)s per coach och vecka."
    ) % {
        "contacts": contacts,
        "first": first.isoformat(),
        "last": (on - datetime.timedelta(days=1)).isoformat(),
        "coaches": coaches,
        "per_week": _number(per_week),
    }
    return Proposal(score_at_least(per_week, CONTACT_LIMITS), evidence)


def _rapid_search(intervention: Intervention, on: datetime.date) -> Proposal:
    since = on - datetime.timedelta(days=YEAR_DAYS)
    started = with_first_contact(
        Registration.objects.countable()
        .order_by()
        .filter(intervention=intervention, start_date__range=(since, on))
    )
    row = started.aggregate(
        count=Count("id"),
        waiting=Count("id", filter=~contacted_by(on)),
        average=Avg(days_until(on)),
    )
    if not row["count"]:
        return Proposal(None, _("Inga inskrivningar har startat under de senaste tolv månaderna."))
    average = row["average"].total_seconds() / 86400
    evidence = _(
        "I genomsnitt %(average)s dagar från inskrivning till första personliga möte med en "
        "arbetsgivare, för %(count)s inskrivningar som startat under de senaste tolv "
        "månaderna (%(waiting)s utan möte än, räknade till datumet)."
    ) % {"average": _number(average), "count": row["count"], "waiting": row["waiting"]}
    # Whole days: an average of 30.5 is above 30.
    return Proposal(score_at_most(average, RAPID_SEARCH_LIMITS), evidence)


def _job_starts(intervention: Intervention, on: datetime.date) -> dict[str, int]:
    since = on - datetime.timedelta(days=YEAR_DAYS)
    named = Q(competitive=True) & ~Q(employer="")
    return WorkStart.objects.filter(
        registration__in=Registration.objects.countable().filter(intervention=intervention),
        kind=StartKind.ARBETE,
        start_date__range=(since, on),
    ).aggregate(
        n_jobs=Count("id"),
        n_competitive=Count("id", filter=Q(competitive=True)),
        n_named=Count("id", filter=named),
        n_employers=Count(Lower(Trim(F("employer"))), filter=named, distinct=True),
    )


def _diversity_employers(jobs: dict[str, int]) -> Proposal:
    named, employers = jobs["n_named"] or 0, jobs["n_employers"] or 0
    if not named:
        return Proposal(None, _("Inga konkurrensutsatta jobb med arbetsgivare senaste året."))
    percent = 100 * employers / named
    evidence = _(
        "%(employers)s olika arbetsgivare för %(jobs)s konkurrensutsatta jobb senaste året "
        "(%(percent)s %%)."
    ) % {"employers": employers, "jobs": named, "percent": _number(percent)}
    return Proposal(score_at_least(round(percent, 6), DIVERSITY_LIMITS), evidence)


def _competitive(jobs: dict[str, int]) -> Proposal:
    total, competitive = jobs["n_jobs"] or 0, jobs["n_competitive"] or 0
    if not total:
        return Proposal(None, _("Inga jobbstarter under de senaste tolv månaderna."))
    percent = 100 * competitive / total
    evidence = _(
        "%(competitive)s av %(jobs)s jobbstarter senaste året är konkurrensutsatta "
        "(%(percent)s %%)."
    ) % {"competitive": competitive, "jobs": total, "percent": _number(percent)}
    return Proposal(score_at_least(round(percent, 6), COMPETITIVE_LIMITS), evidence)


def fidelity_proposals(intervention: Intervention, on: datetime.date) -> dict[str, Proposal]:
    """Proposed scores by item key, from four queries whatever the amount of data."""
    caseload, coaches = _caseload(intervention, on)
    jobs = _job_starts(intervention, on)
    return {
        "caseload_size": caseload,
        "job_development_frequency": _contacts(intervention, on, coaches),
        "rapid_job_search": _rapid_search(intervention, on),
        "diversity_employers": _diversity_employers(jobs),
        "diversity_job_types": Proposal(
            None,
            _(
                "Inget förslag: en jobbstart anger anställningsform men inte vilket slags "
                "arbete det är, så variationen kan inte räknas fram."
            ),
        ),
        "competitive_jobs": _competitive(jobs),
    }


__all__ = ["Proposal", "fidelity_proposals", "score_at_least", "score_at_most"]
