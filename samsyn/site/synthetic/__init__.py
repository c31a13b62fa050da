"""Synthetic data at national scale for benchmarks (``manage.py generate_synthetic``).

Deterministic by seed: the same options give the same rows (ciphertexts aside, whose nonces
are random as in the application). The small tables (förbund, parties, users, interventions
and their structure) go through the ORM and the application's own structure defaults; the
large ones (people, registrations and everything that happens during them) through
``RowWriter``: PostgreSQL's COPY, batched inserts on SQLite. docs/performance.md,
"Synthetic data", describes what is made and how long it takes.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import transaction

from samsyn.core.models import Membership
from samsyn.core.roles import Role
from samsyn.participants.models import ActionPlan, Consent, Person, Referral, Registration
from samsyn.site.synthetic.draw import draw_registration, pseudonym
from samsyn.site.synthetic.interventions import InterventionWorld, interventions_create
from samsyn.site.synthetic.journeys import JourneyRows
from samsyn.site.synthetic.methods import (
    employers_create,
    fidelity_reviews,
    meetings,
    period_reports,
    surveys,
)
from samsyn.site.synthetic.options import SyntheticOptions
from samsyn.site.synthetic.organisation import forbund_create, run_tag, teams_create
from samsyn.site.synthetic.participants import ParticipantRows
from samsyn.site.synthetic.writer import RowWriter

__all__ = ["SyntheticOptions", "generate_synthetic"]

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    """No progress output. (Progress is for the developer running a benchmark, in English
    like the bench's own output, not user-facing text.)"""


class _Run:
    def __init__(self, options: SyntheticOptions, progress: Progress) -> None:
        self.options = options
        self.rng = random.Random(options.seed)
        # Codes come from their own stream: a code redrawn because an earlier run took it
        # must not shift every later draw.
        self.code_rng = random.Random(f"codes-{options.seed}")
        self.progress = progress
        self.started = time.perf_counter()
        self.writer = RowWriter()
        self.people = ParticipantRows(self.writer, options.today)
        self.journeys = JourneyRows(self.writer, options.today)
        self.taken_codes = set(Person.objects.values_list("pseudonym", flat=True))
        self.handlaggare: dict[int, int] = {}
        self.employers: dict[int, list[int]] = {}

    def say(self, message: str) -> None:
        self.progress(f"[{time.perf_counter() - self.started:6.1f} s] {message}")

    def registrations_of(self, world: InterventionWorld) -> None:
        count = world.registrations
        writer, rng, today = self.writer, self.rng, self.options.today
        first_person = writer.next_ids(Person, count)
        first_registration = writer.next_ids(Registration, count)
        first_referral = writer.next_ids(Referral, count)
        first_plan = writer.next_ids(ActionPlan, count)
        employers = self.employers.get(world.forbund.forbund.pk, [])
        for index in range(count):
            d = draw_registration(
                rng,
                world,
                index=index,
                person_id=first_person + index,
                registration_id=first_registration + index,
                today=today,
            )
            self.people.person(rng, world, d, pseudonym(self.code_rng, self.taken_codes))
            self.people.referral(rng, world, d, first_referral + index, self.handlaggare)
            consent_id = None if d.anonymous else writer.new_id(Consent)
            if consent_id is not None:
                self.people.consent(rng, world, d, consent_id)
            phase_id = self.journeys.phase_changes(rng, world, d)
            next_due = self.journeys.follow_ups_of(rng, world, d)
            self.people.registration(
                rng,
                world,
                d,
                referral_id=first_referral + index,
                consent_id=consent_id,
                phase_id=phase_id,
                next_due=next_due,
            )
            self.people.plan(rng, world, d, first_plan + index)
            self.journeys.activities_of(rng, world, d)
            self.journeys.steps_of(rng, world, d)
            self.journeys.ratings_of(rng, world, d)
            self.journeys.work_start(rng, world, d)
            self.journeys.post_exit_of(rng, d)
            self.journeys.employer_contacts(rng, world, d, employers)


@transaction.atomic
def generate_synthetic(options: SyntheticOptions, *, progress: Progress = _quiet) -> dict[str, int]:
    """Generate the data set; returns the rows written per table."""
    run = _Run(options, progress)
    rng, today = run.rng, options.today
    tag = run_tag(options.seed)
    forbund = forbund_create(rng, count=options.forbund, tag=tag)
    interventions = interventions_create(rng, options, forbund, tag)
    with_ips = {w.forbund.forbund.pk for w in interventions if w.is_ips and w.registrations}
    teams_create(forbund, with_ips=with_ips)
    run.say(f"{len(forbund)} förbund, {len(interventions)} interventions with their staff")
    run.handlaggare = dict(
        Membership.objects.filter(
            forbund__in=[w.forbund for w in forbund], role=Role.HANDLAGGARE
        ).values_list("party_id", "user_id")
    )
    for world in forbund:
        ips = sum(w.registrations for w in interventions if w.forbund is world and w.is_ips)
        run.employers[world.forbund.pk] = employers_create(rng, world, ips, today)
    done = 0
    reported = 0
    for intervention in interventions:
        if intervention.registrations:
            run.registrations_of(intervention)
            done += intervention.registrations
            if done - reported >= options.registrations // 10 or done == options.registrations:
                run.say(f"{done} of {options.registrations} registrations")
                reported = done
    fidelity_reviews(run.writer, rng, interventions, today)
    for world in forbund:
        meetings(run.writer, rng, world, today)
        surveys(run.writer, rng, world, [w for w in interventions if w.forbund is world], today)
    period_reports(rng, interventions, today)
    counts = run.writer.finish()
    run.say("done")
    return counts
