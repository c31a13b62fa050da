"""What happens during a registration: phases, activities, ladder steps, indicator ratings,
follow-up meetings, job and study starts, the follow-up a year after exit and the IPS
employer contacts (the largest tables, through the row writer)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from samsyn.ips.models import EmployerContact
from samsyn.participants.models import (
    Activity,
    FollowUpMeeting,
    IndicatorRating,
    PhaseChange,
    PostExitFollowUp,
    StepRecord,
    WorkStart,
)
from samsyn.site.synthetic.draw import Drawn
from samsyn.site.synthetic.interventions import InterventionWorld
from samsyn.site.synthetic.options import (
    ACTIVITIES_PER_REGISTRATION,
    INCOME_AFTER,
    OCCUPATION_AFTER,
    pick,
)
from samsyn.site.synthetic.writer import RowWriter, json_value

_HOURS = tuple(
    Decimal(h) for h in ("0.50", "1.00", "1.00", "1.50", "2.00", "2.00", "3.00", "4.00", "6.00")
)
_WORK_FORMS = (
    ("osubventionerad", 0.4),
    ("lonebidrag", 0.25),
    ("nystartsjobb", 0.15),
    ("timanstallning", 0.15),
    ("introduktionsjobb", 0.05),
)
_STUDY_FORMS = (
    ("komvux", 0.5),
    ("yrkesutbildning", 0.25),
    ("folkhogskola", 0.2),
    ("hogskola", 0.05),
)
_CONTACT_KINDS = (("besok", 0.6), ("telefon", 0.3), ("digitalt", 0.1))
_DAY = datetime.timedelta(days=1)


_PHASECHANGE_FIELDS = (
    "registration_id",
    "phase_id",
    "entered_on",
    "recorded_by_id",
)

_ACTIVITY_FIELDS = (
    "registration_id",
    "forbund_id",
    "activity_type_id",
    "held_on",
    "hours",
    "provider",
    "note",
    "recorded_by_id",
)

_STEPRECORD_FIELDS = (
    "registration_id",
    "forbund_id",
    "step_id",
    "recorded_on",
    "recorded_by_id",
)

_INDICATORRATING_FIELDS = (
    "registration_id",
    "forbund_id",
    "indicator_id",
    "rated_on",
    "score",
)

_FOLLOWUPMEETING_FIELDS = (
    "registration_id",
    "held_on",
    "participants_present",
    "note",
    "next_due",
    "recorded_by_id",
)

_WORKSTART_FIELDS = (
    "registration_id",
    "kind",
    "form",
    "employer",
    "start_date",
    "end_date",
    "hours_per_week",
    "competitive",
    "daily_activity_placement",
    "held_confirmed_on",
)

_POSTEXITFOLLOWUP_FIELDS = (
    "registration_id",
    "months_after",
    "due_on",
    "done_on",
    "reached",
    "occupation",
    "income_sources",
    "note",
)

_EMPLOYERCONTACT_FIELDS = (
    "employer_id",
    "coach_id",
    "intervention_id",
    "registration_id",
    "contacted_on",
    "kind",
    "purpose",
    "outcome",
    "next_step",
    "next_step_on",
    "created_at",
)


def _day(start: datetime.date, offset: int) -> datetime.date:
    return start + datetime.timedelta(days=offset)


class JourneyRows:
    def __init__(self, writer: RowWriter, today: datetime.date) -> None:
        self.writer = writer
        self.today = today
        w = writer
        self.phases = w.table(PhaseChange, _PHASECHANGE_FIELDS)
        self.activities = w.table(Activity, _ACTIVITY_FIELDS)
        self.steps = w.table(StepRecord, _STEPRECORD_FIELDS)
        self.ratings = w.table(IndicatorRating, _INDICATORRATING_FIELDS)
        self.follow_ups = w.table(FollowUpMeeting, _FOLLOWUPMEETING_FIELDS)
        self.starts = w.table(WorkStart, _WORKSTART_FIELDS)
        self.post_exit = w.table(PostExitFollowUp, _POSTEXITFOLLOWUP_FIELDS)
        self.contacts = w.table(EmployerContact, _EMPLOYERCONTACT_FIELDS)

    def phase_changes(self, rng: random.Random, world: InterventionWorld, d: Drawn) -> int | None:
        """Phases entered in order; an ended registration reaches the last. Returns the
        current phase."""
        phases = world.phase_ids
        if not phases:
            return None
        until = d.end or self.today
        span = (until - d.start).days
        reached = len(phases) if d.end else 1 + min(len(phases) - 2, span // 120)
        for position in range(reached):
            entered = (
                d.end
                if d.end and position == len(phases) - 1
                else _day(d.start, span * position // len(phases))
            )
            self.writer.add(self.phases, (d.registration_id, phases[position], entered, d.coach_id))
        return phases[reached - 1]

    def activities_of(self, rng: random.Random, world: InterventionWorld, d: Drawn) -> None:
        types = world.activity_type_ids
        if not types:
            return
        span = ((d.end or self.today) - d.start).days
        for _ in range(rng.randint(*ACTIVITIES_PER_REGISTRATION)):
            self.writer.add(
                self.activities,
                (
                    d.registration_id,
                    world.intervention.forbund_id,
                    rng.choice(types),
                    _day(d.start, rng.randint(0, span)),
                    rng.choice(_HOURS),
                    "",
                    "",
                    d.coach_id,
                ),
            )

    def steps_of(self, rng: random.Random, world: InterventionWorld, d: Drawn) -> None:
        """Ladder positions: a first rating at start, then mostly upward moves."""
        ladder = world.ladder_ids
        if not ladder:
            return
        span = ((d.end or self.today) - d.start).days
        position = rng.randint(0, min(2, len(ladder) - 1))
        self.writer.add(
            self.steps,
            (
                d.registration_id,
                world.intervention.forbund_id,
                ladder[position],
                d.start,
                d.coach_id,
            ),
        )
        moves = rng.randint(0, 3) if span > 30 else 0
        for move in range(1, moves + 1):
            position = max(0, min(len(ladder) - 1, position + rng.choice((1, 1, 1, 0, -1))))
            self.writer.add(
                self.steps,
                (
                    d.registration_id,
                    world.intervention.forbund_id,
                    ladder[position],
                    _day(d.start, span * move // moves),
                    d.coach_id,
                ),
            )

    def ratings_of(self, rng: random.Random, world: InterventionWorld, d: Drawn) -> None:
        """BIP's indicators every three months, drifting upward."""
        if not world.indicator_ids:
            return
        until = d.end or self.today
        level = {pk: rng.randint(1, 3) for pk in world.indicator_ids}
        day = d.start
        while day <= until:
            for pk in world.indicator_ids:
                self.writer.add(
                    self.ratings,
                    (d.registration_id, world.intervention.forbund_id, pk, day, level[pk]),
                )
                level[pk] = max(1, min(5, level[pk] + rng.choice((0, 0, 1, 1, -1))))
            day += datetime.timedelta(days=91)

    def follow_ups_of(
        self, rng: random.Random, world: InterventionWorld, d: Drawn
    ) -> datetime.date | None:
        """Meetings on the intervention's interval; returns the next one due (ongoing)."""
        interval = datetime.timedelta(weeks=world.intervention.follow_up_interval_weeks)
        until = d.end or self.today
        day = d.start + interval
        next_due = day
        while day <= until:
            if rng.random() < 0.9:
                next_due = day + interval
                self.writer.add(
                    self.follow_ups,
                    (
                        d.registration_id,
                        day,
                        "deltagare, coach, handläggare",
                        "",
                        next_due,
                        d.coach_id,
                    ),
                )
            day += interval
        return None if d.end else next_due

    def work_start(self, rng: random.Random, world: InterventionWorld, d: Drawn) -> None:
        if d.outcome in ("arbete", "studier", "arbete_studier"):
            assert d.end is not None
            start = max(d.start, d.end - datetime.timedelta(days=rng.randint(0, 60)))
        elif world.is_ips and d.end is None and rng.random() < 0.3:
            start = _day(d.start, rng.randint(0, (self.today - d.start).days))
        else:
            return
        kind = "studier" if d.outcome == "studier" else "arbete"
        form = pick(rng, _STUDY_FORMS if kind == "studier" else _WORK_FORMS)
        competitive = kind == "arbete" and form in ("osubventionerad", "timanstallning")
        held = min(self.today, start + datetime.timedelta(days=100)) if rng.random() < 0.6 else None
        self.writer.add(
            self.starts,
            (
                d.registration_id,
                kind,
                form,
                "Arbetsgivare AB" if kind == "arbete" else "Komvux",
                start,
                None,
                Decimal(rng.choice((10, 20, 30, 40))),
                competitive,
                "",
                held,
            ),
        )

    def post_exit_of(self, rng: random.Random, d: Drawn) -> None:
        """The follow-up a year after exit (and half a year for some), for identified people
        only: nobody can call an anonymous one."""
        if d.end is None or d.anonymous or not d.counts:
            return
        for months, share in ((12, 1.0), (6, 0.3)):
            if rng.random() >= share:
                continue
            due = d.end + datetime.timedelta(days=months * 365 // 12)
            done = (
                None
                if due > self.today or rng.random() < 0.2
                else min(self.today, due + datetime.timedelta(days=rng.randint(0, 30)))
            )
            reached = None if done is None else rng.random() < 0.85
            occupation = OCCUPATION_AFTER.get(d.outcome, "ingen") if reached else ""
            sources = [pick(rng, INCOME_AFTER[d.outcome])] if reached else []
            self.writer.add(
                self.post_exit,
                (
                    d.registration_id,
                    months,
                    due,
                    done,
                    reached,
                    occupation,
                    json_value(sources),
                    "",
                ),
            )

    def employer_contacts(
        self, rng: random.Random, world: InterventionWorld, d: Drawn, employers: list[int]
    ) -> None:
        """IPS: the first face-to-face employer contact within about a month, then more."""
        if not world.is_ips or not employers or d.coach_id is None:
            return
        until = d.end or self.today
        day = d.start + datetime.timedelta(days=rng.randint(3, 45))
        while day <= until:
            created = datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
            self.writer.add(
                self.contacts,
                (
                    rng.choice(employers),
                    d.coach_id,
                    world.intervention.pk,
                    d.registration_id,
                    day,
                    pick(rng, _CONTACT_KINDS),
                    "Jobbmatchning",
                    "",
                    "",
                    None,
                    created,
                ),
            )
            day += datetime.timedelta(days=rng.randint(14, 60))
