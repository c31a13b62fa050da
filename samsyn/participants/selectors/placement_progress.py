"""Progress in IPS for one registration: employer contacts, job and study starts, time in
work or studies (docs/participants-journey.md, "Progress in IPS").

IPS measures a person's progress by what happens on the labour market, never by
prevocational steps (seed 000: "arbetsplacering föregår utbildning"; seed 003: "istället för
att stegvis träna förmågan"). The participant page of an IPS or Supported Employment
intervention therefore shows these figures first, beside the intervention's IPS milestones.

Employer contacts belong to the ips app, above this one: it registers how to count a
registration's contacts (``register_employer_contacts``, in ``IpsConfig.ready``). The starts
are the ones the participant page has already loaded, so the figures cost one query at most.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from samsyn.participants.models import Registration, WorkStart
from samsyn.participants.models.choices import StartKind


@dataclass(frozen=True)
class EmployerContacts:
    """Contacts naming the registration, dated on or after its start."""

    count: int
    first_on: datetime.date | None


EmployerContactsOf = Callable[[Registration], EmployerContacts]
_CONTACT_SOURCES: list[EmployerContactsOf] = []


def register_employer_contacts(source: EmployerContactsOf) -> None:
    """Called from the ips app's ``ready``; registering the same source twice is a no-op."""
    if source not in _CONTACT_SOURCES:
        _CONTACT_SOURCES.append(source)


@dataclass(frozen=True)
class PlacementProgress:
    # None when no app counts employer contacts (the ips app is not installed).
    employer_contacts: int | None
    first_contact_on: datetime.date | None
    days_to_first_contact: int | None
    job_starts: int
    competitive_job_starts: int
    study_starts: int
    # Calendar days in work or studies up to the exit or today; overlapping starts once.
    days_in_work_or_studies: int
    # In work or studies today, or on the day of the exit.
    in_work_or_studies: bool

    @property
    def weeks_in_work_or_studies(self) -> int:
        return self.days_in_work_or_studies // 7


def _days_covered(starts: Iterable[WorkStart], until: datetime.date) -> tuple[int, bool]:
    """Days from each start to its end (or ``until``), overlaps counted once; and whether a
    start covers ``until``."""
    spans = sorted(
        (start.start_date, min(start.end_date or until, until))
        for start in starts
        if start.start_date <= until
    )
    days, reached = 0, None
    covers = False
    for first, last in spans:
        covers = covers or last >= until
        if reached is not None and first <= reached:
            first = reached + datetime.timedelta(days=1)
        if last >= first:
            days += (last - first).days + 1
            reached = last if reached is None else max(reached, last)
    return days, covers


def placement_progress(
    registration: Registration, starts: list[WorkStart], today: datetime.date
) -> PlacementProgress | None:
    """The figures for a registration of an IPS-way intervention; None for any other."""
    if not registration.intervention.follows_ips:
        return None
    contacts = None
    for source in _CONTACT_SOURCES:
        contacts = source(registration)
    first_on = contacts.first_on if contacts is not None else None
    until = min(registration.end_date or today, today)
    jobs = [start for start in starts if start.kind == StartKind.ARBETE]
    days, covers = _days_covered(starts, until)
    return PlacementProgress(
        employer_contacts=contacts.count if contacts is not None else None,
        first_contact_on=first_on,
        days_to_first_contact=(first_on - registration.start_date).days if first_on else None,
        job_starts=len(jobs),
        competitive_job_starts=sum(1 for start in jobs if start.competitive),
        study_starts=sum(1 for start in starts if start.kind == StartKind.STUDIER),
        days_in_work_or_studies=days,
        in_work_or_studies=covers,
    )
