"""People, referrals, consents and registrations with their baseline and exit (the large
tables, through the row writer)."""

from __future__ import annotations

import datetime
import random

from samsyn.participants.models import (
    ActionPlan,
    Consent,
    Person,
    Referral,
    Registration,
    RegistrationIncome,
    SubGoal,
)
from samsyn.site.synthetic.draw import Drawn
from samsyn.site.synthetic.interventions import InterventionWorld
from samsyn.site.synthetic.options import (
    FIRST_NAMES,
    INCOME_AFTER,
    LAST_NAMES,
    OCCUPATION_AFTER,
    pick,
)
from samsyn.site.synthetic.sealing import ColumnSealer, blind_index_of, personnummer_for
from samsyn.site.synthetic.writer import RowWriter, json_value

_OVERALL_GOALS = (
    ("arbete", 0.5),
    ("studier", 0.15),
    ("narmare_sjalvforsorjning", 0.25),
    ("ratt_part", 0.1),
)
_SUB_GOALS = (
    "Komma igång med regelbundna aktiviteter",
    "Pröva arbete på en arbetsplats",
    "Ta körkort",
    "Söka fem arbeten i månaden",
    "Läsa in gymnasiebehörighet",
    "Hitta en hållbar dygnsrytm",
)


_PERSON_FIELDS = (
    "id",
    "forbund_id",
    "pseudonym",
    "is_anonymous",
    "protected_identity",
    "personnummer",
    "personnummer_index",
    "first_name",
    "last_name",
    "phone",
    "email",
    "gender",
    "birth_year",
    "home_municipality_code",
    "created_at",
    "identity_cleared_on",
)

_REFERRAL_FIELDS = (
    "id",
    "version",
    "intervention_id",
    "person_id",
    "referring_party_id",
    "referred_by_id",
    "team_id",
    "referred_on",
    "reason",
    "has_lss_daily_activity",
    "has_long_term_forsorjningsstod",
    "current_in_psychiatry",
    "income_sources",
    "status",
    "decision_reason",
    "decided_on",
    "decided_by_id",
    "eligibility_warnings",
    "warnings_acknowledged_by_id",
    "personal_data_cleared_on",
)

_CONSENT_FIELDS = (
    "id",
    "version",
    "person_id",
    "intervention_id",
    "valid_from",
    "valid_to",
    "withdrawn_on",
    "document",
    "document_type",
    "recorded_by_id",
    "created_at",
)

_CONSENT_PARTIES_THROUGH_FIELDS = (
    "consent_id",
    "party_id",
)

_REGISTRATION_FIELDS = (
    "id",
    "version",
    "person_id",
    "intervention_id",
    "referral_id",
    "consent_id",
    "referring_party_id",
    "coach_id",
    "start_date",
    "occupation_before",
    "education_level",
    "months_outside_labour_market",
    "current_phase_id",
    "next_follow_up_due",
    "end_date",
    "exit_reason",
    "occupation_after",
    "outcome",
    "exit_plan",
    "recommendation",
    "step_forward",
    "created_at",
    "personal_data_cleared_on",
)

_REGISTRATION_CURRENT_AT_PARTIES_THROUGH_FIELDS = (
    "registration_id",
    "party_id",
)

_REGISTRATIONINCOME_FIELDS = (
    "registration_id",
    "moment",
    "source",
)

_ACTIONPLAN_FIELDS = (
    "id",
    "version",
    "registration_id",
    "overall_goal",
    "agreed_on",
    "agreed_by_participant",
    "agreed_by_referrer",
    "description",
)

_SUBGOAL_FIELDS = (
    "version",
    "plan_id",
    "description",
    "target_date",
    "responsible_party_id",
    "status",
    "reached_on",
)


def _at_nine(day: datetime.date) -> datetime.datetime:
    """Nine in the morning in Stockholm in winter (08:00 UTC): when a row was recorded."""
    return datetime.datetime.combine(day, datetime.time(8), tzinfo=datetime.UTC)


class ParticipantRows:
    """Writes the person and registration rows of drawn registrations."""

    def __init__(self, writer: RowWriter, today: datetime.date) -> None:
        self.writer = writer
        self.today = today
        self.personnummer_taken: dict[int, set[str]] = {}
        self.seal_pnr = ColumnSealer(Person, "personnummer")
        self.seal_first = ColumnSealer(Person, "first_name")
        self.seal_last = ColumnSealer(Person, "last_name")
        self.seal_sub_goal = ColumnSealer(SubGoal, "description")
        w = writer
        self.persons = w.table(Person, _PERSON_FIELDS)
        self.referrals = w.table(Referral, _REFERRAL_FIELDS)
        self.consents = w.table(Consent, _CONSENT_FIELDS)
        self.consent_parties = w.table(Consent.parties.through, _CONSENT_PARTIES_THROUGH_FIELDS)
        self.registrations = w.table(Registration, _REGISTRATION_FIELDS)
        self.current_at = w.table(
            Registration.current_at_parties.through, _REGISTRATION_CURRENT_AT_PARTIES_THROUGH_FIELDS
        )
        self.incomes = w.table(RegistrationIncome, _REGISTRATIONINCOME_FIELDS)
        self.plans = w.table(ActionPlan, _ACTIONPLAN_FIELDS)
        self.sub_goals = w.table(SubGoal, _SUBGOAL_FIELDS)

    def person(self, rng: random.Random, world: InterventionWorld, d: Drawn, code: str) -> None:
        forbund_id = world.forbund.forbund.pk
        pnr_sealed = index = first = last = ""
        if not d.anonymous:
            taken = self.personnummer_taken.setdefault(forbund_id, set())
            pnr = personnummer_for(rng, birth_year=d.birth_year, gender=d.gender, taken=taken)
            pnr_sealed = self.seal_pnr.seal(pnr.digits)
            index = blind_index_of(pnr)
            first = self.seal_first.seal(rng.choice(FIRST_NAMES[d.gender]))
            last = self.seal_last.seal(rng.choice(LAST_NAMES))
        self.writer.add(
            self.persons,
            (
                d.person_id,
                forbund_id,
                code,
                d.anonymous,
                False,
                pnr_sealed,
                index,
                first,
                last,
                "",
                "",
                d.gender,
                d.birth_year,
                d.municipality,
                _at_nine(d.start),
                None,
            ),
        )

    def referral(
        self,
        rng: random.Random,
        world: InterventionWorld,
        d: Drawn,
        referral_id: int,
        handlaggare: dict[int, int],
    ) -> None:
        referred_on = d.start - datetime.timedelta(days=rng.randint(7, 45))
        self.writer.add(
            self.referrals,
            (
                referral_id,
                1,
                world.intervention.pk,
                d.person_id,
                d.referring_party_id,
                handlaggare.get(d.referring_party_id),
                None,
                referred_on,
                "",
                False,
                False,
                False,
                json_value(d.income_before),
                "accepted",
                "",
                d.start,
                world.lead.pk,
                "[]",
                None,
                None,
            ),
        )

    def consent(
        self, rng: random.Random, world: InterventionWorld, d: Drawn, consent_id: int
    ) -> None:
        valid_to = d.start + datetime.timedelta(days=3 * 365)
        withdrawn = (
            d.start + datetime.timedelta(days=rng.randint(30, 200)) if rng.random() < 0.02 else None
        )
        self.writer.add(
            self.consents,
            (
                consent_id,
                1,
                d.person_id,
                world.intervention.pk,
                d.start,
                valid_to,
                withdrawn,
                "",
                "",
                d.coach_id,
                _at_nine(d.start),
            ),
        )
        parties = {d.referring_party_id, world.intervention.owner_party_id}
        for party_id in sorted(parties):
            self.writer.add(self.consent_parties, (consent_id, party_id))

    def registration(
        self,
        rng: random.Random,
        world: InterventionWorld,
        d: Drawn,
        *,
        referral_id: int,
        consent_id: int | None,
        phase_id: int | None,
        next_due: datetime.date | None,
    ) -> None:
        occupation_after = ""
        if d.end and d.counts:
            occupation_after = OCCUPATION_AFTER.get(
                d.outcome, rng.choice(("ingen", "arbetssokande"))
            )
        self.writer.add(
            self.registrations,
            (
                d.registration_id,
                1,
                d.person_id,
                world.intervention.pk,
                referral_id,
                consent_id,
                d.referring_party_id,
                d.coach_id,
                d.start,
                d.occupation_before,
                d.education,
                rng.randint(0, 120),
                phase_id,
                next_due,
                d.end,
                d.exit_reason,
                occupation_after,
                d.outcome,
                "",
                d.recommendation,
                None,
                _at_nine(d.start),
                None,
            ),
        )
        self._parties_and_incomes(rng, world, d)

    def _parties_and_incomes(self, rng: random.Random, world: InterventionWorld, d: Drawn) -> None:
        """The parties the person is current at, and the income sources before and after."""
        current = {d.referring_party_id} | {
            p.pk
            for p in rng.sample(world.forbund.parties, k=min(2, len(world.forbund.parties)))
            if rng.random() < 0.5
        }
        for party_id in sorted(current):
            self.writer.add(self.current_at, (d.registration_id, party_id))
        for source in d.income_before:
            self.writer.add(self.incomes, (d.registration_id, "fore", source))
        if d.end and d.counts:
            self.writer.add(
                self.incomes, (d.registration_id, "efter", pick(rng, INCOME_AFTER[d.outcome]))
            )

    def plan(self, rng: random.Random, world: InterventionWorld, d: Drawn, plan_id: int) -> None:
        agreed = d.start + datetime.timedelta(days=rng.randint(7, 30))
        self.writer.add(
            self.plans,
            (
                plan_id,
                1,
                d.registration_id,
                pick(rng, _OVERALL_GOALS),
                agreed,
                True,
                rng.random() < 0.8,
                "",
            ),
        )
        for _ in range(rng.randint(1, 3)):
            target = agreed + datetime.timedelta(days=rng.randint(60, 240))
            status, reached = self._sub_goal_status(rng, d, target)
            self.writer.add(
                self.sub_goals,
                (
                    1,
                    plan_id,
                    self.seal_sub_goal.seal(rng.choice(_SUB_GOALS)),
                    target,
                    d.referring_party_id,
                    status,
                    reached,
                ),
            )

    def _sub_goal_status(
        self, rng: random.Random, d: Drawn, target: datetime.date
    ) -> tuple[str, datetime.date | None]:
        until = d.end or self.today
        if target > until:
            return rng.choice(("ej_paborjat", "pagar")), None
        roll = rng.random()
        if roll < 0.55:
            return "uppnatt", min(target, until)
        return ("ej_uppnatt", None) if roll < 0.8 else ("pagar", None)
