"""The demo's way through an intervention: plan, phases, activities, steps, ratings,
follow-up meetings, notes, job and study starts, exit and the follow-ups after exit.

Everything goes through the participant services, acting as the person's coach (or the
insatsansvarig where only the lead may act), so the demo is validated and audited like real
work. Dates are in the past, which the services accept for recorded events.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal

from django.utils import timezone

from samsyn.interventions.models import LadderStep, Phase
from samsyn.participants.demo import lss
from samsyn.participants.demo.cast import Kind, Stage, Story
from samsyn.participants.demo.world import DemoWorld
from samsyn.participants.models import (
    ExitReason,
    IncomeSource,
    JournalNote,
    Occupation,
    Outcome,
    OverallGoal,
    Recommendation,
    Registration,
    SubGoalStatus,
)
from samsyn.participants.services.activities import activity_create
from samsyn.participants.services.consent import consent_withdraw
from samsyn.participants.services.exit import ExitData, registration_exit
from samsyn.participants.services.followups import follow_up_meeting_create
from samsyn.participants.services.notes import journal_note_create
from samsyn.participants.services.phases import phase_change_create
from samsyn.participants.services.plan import action_plan_save, sub_goal_create
from samsyn.participants.services.post_exit import post_exit_follow_up_record
from samsyn.participants.services.progression import (
    indicator_ratings_create,
    step_record_create,
)
from samsyn.participants.services.starts import work_start_create

MAX_ACTIVITIES = 6
ACTIVITY_INTERVAL_DAYS = 28
MAX_MEETINGS = 8
RATING_INTERVAL_WEEKS = 12
# IPS places first and supports on the job (seed 000: "arbetsplacering föregår utbildning"):
# its activities are the IPS activity types, never arbetsträning or praktik.
IPS_FOLLOW_ALONG = ("Fortlöpande stöd i arbete eller studier", "IPS-coach")
ACTIVITIES = {
    Kind.IPS: (
        ("Karriärprofil", "IPS-coach"),
        ("Arbetsgivarkontakt", "IPS-coach"),
        ("Bidrags- och ekonomisk rådgivning", "IPS-coach"),
        ("Jobbmatchning", "IPS-coach"),
        ("Studie- och yrkesvägledning", "Arbetsförmedlingen"),
    ),
    Kind.STEPS: (
        ("Motiverande samtal", "Coach"),
        ("Gruppaktivitet", "Steg för steg"),
        ("Social träning", "Steg för steg"),
        ("Friskvård", "Friskvårdscentrum Älvby"),
        ("Arbetsträning", "Älvby Second hand"),
    ),
    Kind.INVENTORY: (
        ("Kartläggning", "Resursinventerare"),
        ("Arbetsprövning", "Granberga arbetsmarknadsenhet"),
        ("Psykologutredning", "Region Exempeldalen"),
        ("Läkarbedömning", "Region Exempeldalen"),
    ),
}
NOTES = (
    "Första samtalet. Personen berättade om sin situation och vad hen vill förändra. Vi kom "
    "överens om att träffas varje vecka den första tiden.",
    "Har kommit till alla träffar. Sömnen är bättre och hen orkar mer på förmiddagarna.",
    "Pratade om tidigare arbeten och vad som fungerade bra. Intresse för lager och handel.",
    "Ställde in två träffar på grund av mående. Kontakt med vården är tagen.",
)
# (description, weeks after the start, responsible party): the first is the early one, the
# second the one that can run late.
SUB_GOALS = (
    ("Kartlägga förmågor, intressen och hinder tillsammans med coachen", 6, None),
    ("Pröva arbetsträning eller praktik i minst tio timmar i veckan", 16, "alvby"),
    ("Söka arbete eller studier med stöd av Arbetsförmedlingen", 30, "af"),
)
# IPS: the career profile, employers met within the first month, then a job with support.
IPS_SUB_GOALS = (
    ("Göra karriärprofilen: intressen, styrkor och vilka arbeten som lockar", 3, None),
    ("Träffa arbetsgivare inom lager och handel tillsammans med IPS-coachen", 5, None),
    ("Börja ett vanligt arbete eller studier, med fortsatt stöd av IPS-coachen", 26, "af"),
)
PLAN_TEXT = (
    "Målet är egen försörjning. Vi börjar med struktur i vardagen och prövar sedan arbete i "
    "liten skala."
)
IPS_PLAN_TEXT = (
    "Målet är ett vanligt arbete. Vi gör karriärprofilen och börjar söka arbete direkt, utifrån "
    "deltagarens egna önskemål; stödet fortsätter när arbetet har börjat."
)
AFTER_EXIT = {
    Outcome.ARBETE: ((IncomeSource.LON,), Occupation.ARBETAR),
    Outcome.STUDIER: ((IncomeSource.STUDIEMEDEL,), Occupation.STUDERAR),
    Outcome.ARBETE_OCH_STUDIER: ((IncomeSource.LON, IncomeSource.STUDIEMEDEL), Occupation.STUDERAR),
    Outcome.ARBETSSOKANDE: ((IncomeSource.AKTIVITETSSTOD,), Occupation.ARBETSSOKANDE),
    Outcome.ANNAN_PART: ((IncomeSource.SJUKPENNING,), Occupation.INGEN),
    Outcome.SJUKERSATTNING: ((IncomeSource.SJUKERSATTNING,), Occupation.INGEN),
    Outcome.OVRIGT: ((IncomeSource.FORSORJNINGSSTOD,), Occupation.INGEN),
}
RECOMMENDATIONS = {
    Outcome.ARBETE: Recommendation.ARBETSFORBEREDANDE,
    Outcome.STUDIER: Recommendation.ARBETSFORBEREDANDE,
    Outcome.ARBETE_OCH_STUDIER: Recommendation.ARBETSFORBEREDANDE,
    Outcome.ARBETSSOKANDE: Recommendation.ARBETSFORBEREDANDE,
    Outcome.ANNAN_PART: Recommendation.FORTSATT_REHABILITERING,
    Outcome.SJUKERSATTNING: Recommendation.SJUKERSATTNING,
    Outcome.OVRIGT: Recommendation.AKTIVITET,
}
EXIT_PLANS = {
    Outcome.ARBETSSOKANDE: "Fortsatt stöd från Arbetsförmedlingen i matchning mot arbete.",
    Outcome.ANNAN_PART: "Regionens rehabilitering tar över; överlämning hölls med deltagaren.",
    Outcome.SJUKERSATTNING: "Ansökan om sjukersättning görs med stöd av handläggaren på FK.",
    Outcome.OVRIGT: "Kontakt med socialtjänsten i den nya hemkommunen är förmedlad.",
}


def _days(n: float) -> datetime.timedelta:
    return datetime.timedelta(days=round(n))


def _every(first: datetime.date, step_days: int, until: datetime.date) -> Iterator[datetime.date]:
    day = first
    while day <= until:
        yield day
        day += datetime.timedelta(days=step_days)


class Journey:
    """One registration's story after intake, told through the services."""

    def __init__(self, world: DemoWorld, story: Story, registration: Registration) -> None:
        self.world = world
        self.story = story
        self.registration = registration
        self.coach = world.coach_of(story)
        self.start = registration.start_date
        self.end = world.end_of(story) if story.stage is Stage.EXITED else None
        # Events happen until the exit, or until today while the registration goes on.
        self.until = self.end or world.today
        self.weeks = (self.until - self.start).days / 7

    @property
    def succeeds(self) -> bool:
        """Reached work or studies (or is on the way there, with a start)."""
        return self.story.outcome in (Outcome.ARBETE, Outcome.STUDIER) or (
            self.story.start is not None
        )

    @property
    def progresses(self) -> bool:
        """Moves up the ladder and the ratings. People who left without getting closer to
        work are the demo's exits without a step forward (see progress.py)."""
        if self.succeeds or self.story.outcome == Outcome.ARBETSSOKANDE:
            return True
        return self.end is None and self.story.number % 2 == 1

    def tell(self) -> None:
        if self.story.reason == ExitReason.FELREGISTRERING:
            self.exit()
            return
        self.notes()
        self.plan()
        self.phases()
        self.activities()
        self.steps()
        self.ratings()
        self.meetings()
        self.work_start()
        if self.end is not None:
            self.exit()
            self.post_exit()
        if self.story.withdrawn_weeks_ago is not None:
            self.withdraw_consent()

    # --- plan and phases ----------------------------------------------------------------

    def plan(self) -> None:
        agreed_on = self.start + _days(14)
        if agreed_on > self.until:
            return  # the first weeks: no plan written yet
        goals: dict[Outcome | None, OverallGoal] = {
            Outcome.STUDIER: OverallGoal.STUDIER,
            Outcome.ANNAN_PART: OverallGoal.RATT_PART,
            Outcome.SJUKERSATTNING: OverallGoal.RATT_PART,
            Outcome.OVRIGT: OverallGoal.NARMARE_SJALVFORSORJNING,
        }
        goal = goals.get(self.story.outcome, OverallGoal.ARBETE)
        action_plan_save(
            actor=self.coach,
            registration=self.registration,
            overall_goal=goal,
            agreed_on=agreed_on,
            agreed_by_participant=True,
            agreed_by_referrer=self.story.number % 3 != 0,
            description=IPS_PLAN_TEXT if self.ips else PLAN_TEXT,
            expected_version=None,
        )
        for description, weeks, party in self.sub_goals:
            self._sub_goal(description, weeks, party)

    @property
    def ips(self) -> bool:
        return self.world.kind is Kind.IPS

    @property
    def sub_goals(self) -> tuple[tuple[str, int, str | None], ...]:
        return IPS_SUB_GOALS if self.ips else SUB_GOALS

    def _sub_goal(self, description: str, weeks: int, party: str | None) -> None:
        target = self.start + _days(weeks * 7)
        reached_on = target - _days(10 if weeks > 3 else 4)
        late = self.story.overdue and weeks == self.sub_goals[1][1]
        if late:
            status, reached = SubGoalStatus.PAGAR, None  # past its target date, still open
        elif (
            reached_on <= self.until
            and self.progresses
            and (weeks <= self.sub_goals[0][1] or self.succeeds)
        ):
            status, reached = SubGoalStatus.UPPNATT, reached_on
        elif self.end is not None:
            status, reached = SubGoalStatus.EJ_UPPNATT, None
        elif target - _days(weeks * 4) <= self.until:
            status, reached = SubGoalStatus.PAGAR, None
        else:
            status, reached = SubGoalStatus.EJ_PABORJAT, None
        sub_goal_create(
            actor=self.coach,
            registration=self.registration,
            description=description,
            target_date=target,
            responsible_party=self.world.parties[party] if party else None,
            status=status,
            reached_on=reached,
        )

    def phases(self) -> None:
        """Kartläggning from the start (recorded at registration), then onwards."""
        phases = self.world.phases
        if self.ips and len(phases) == 5:
            self._record_phases(self._ips_phase_changes(phases))
            return
        if len(phases) < 2:
            return
        changes = [(self.start + _days(21), phases[1])]
        if self.story.start is not None and len(phases) > 2:
            changes.append((self._work_start_date() - _days(14), phases[2]))
        if self.end is not None:
            changes.append((self.end, phases[-1]))
        self._record_phases(changes)

    def _ips_phase_changes(self, phases: list[Phase]) -> list[tuple[datetime.date, Phase]]:
        """Engagement at the start, the career profile in the first week, job search from
        the third (the first employer contact within 30 days), then in work with
        follow-along support from the day the job starts, and the exit."""
        changes = [(self.start + _days(7), phases[1]), (self.start + _days(21), phases[2])]
        if self.story.start is not None:
            changes.append((self._work_start_date(), phases[3]))
        if self.end is not None:
            changes.append((self.end, phases[-1]))
        return changes

    def _record_phases(self, changes: list[tuple[datetime.date, Phase]]) -> None:
        for day, phase in changes:
            if self.start < day <= self.until:
                phase_change_create(
                    actor=self.coach, registration=self.registration, phase=phase, entered_on=day
                )

    # --- what happens week by week ------------------------------------------------------

    def activities(self) -> None:
        kinds = ACTIVITIES[self.world.kind]
        days = list(_every(self.start + _days(7), ACTIVITY_INTERVAL_DAYS, self.until))
        days = days[-MAX_ACTIVITIES:]
        in_work = self._work_start_date() if self.story.start is not None else None
        for index, day in enumerate(days):
            name, provider = kinds[(index + self.story.number) % len(kinds)]
            if self.ips and in_work is not None and day >= in_work:
                name, provider = IPS_FOLLOW_ALONG  # support on the job, as long as needed
            activity_type = self.world.activity_types.get(name)
            if activity_type is None:
                continue
            activity_create(
                actor=self.coach,
                registration=self.registration,
                activity_type=activity_type,
                held_on=day,
                hours=Decimal(2 + (index + self.story.number) % 3) / Decimal(1 if index else 2),
                provider=provider,
                note="Gick bra." if index % 3 == 0 else "",
            )

    def steps(self) -> None:
        ladder = self.world.ladder
        if self.ips and len(ladder) == 5:
            self._ips_steps(ladder)
            return
        if len(ladder) < 3:
            return  # an intervention whose ladder someone cut down: no steps to tell
        step = min(1 + self.story.number % 3, len(ladder) - 2)  # rungs 2 to 4
        days = list(_every(self.start + _days(7), 84, self.until))
        for index, day in enumerate(days):
            if index and self.progresses:
                step = min(step + 1, len(ladder) - 2)
            step_record_create(
                actor=self.coach, registration=self.registration, step=ladder[step], recorded_on=day
            )
        if self.end is not None and self.succeeds:
            step_record_create(
                actor=self.coach,
                registration=self.registration,
                step=ladder[-1],
                recorded_on=self.end,
            )

    def _ips_steps(self, ladder: list[LadderStep]) -> None:
        """IPS milestones, never prevocational steps: engaged, searching, an employer met for
        the person, a job or studies started, kept for 13 weeks. People who left without
        getting closer to work stay on the first rung."""
        steps = [(self.start + _days(7), ladder[0])]
        if self.progresses:
            steps += [(self.start + _days(21), ladder[1]), (self.start + _days(35), ladder[2])]
        if self.story.start is not None:
            begun = self._work_start_date()
            steps += [(begun, ladder[3]), (begun + _days(91), ladder[4])]
        for day, step in sorted(steps, key=lambda pair: pair[0]):
            if self.start <= day <= self.until:
                step_record_create(
                    actor=self.coach, registration=self.registration, step=step, recorded_on=day
                )

    def ratings(self) -> None:
        indicators = self.world.indicators
        if not indicators:
            return
        days = list(_every(self.start + _days(14), RATING_INTERVAL_WEEKS * 7, self.until))[:4]
        for index, day in enumerate(days):
            rise = index if self.progresses else 0
            scores = {
                indicator.pk: max(1, min(5, 2 + (position + self.story.number) % 2 + rise))
                for position, indicator in enumerate(indicators)
            }
            indicator_ratings_create(
                actor=self.coach, registration=self.registration, rated_on=day, scores=scores
            )

    def meetings(self) -> None:
        interval = self.world.intervention.follow_up_interval_weeks * 7
        last = self.until - _days(1) if self.end else self.until
        if self.story.overdue:
            last = self.world.today - _days(interval + 14)  # the latest were missed
        days = list(_every(self.start + _days(interval), interval, last))[-MAX_MEETINGS:]
        for day in days:
            follow_up_meeting_create(
                actor=self.coach,
                registration_id=self.registration.pk,
                held_on=day,
                participants_present="Deltagaren, coach, handläggare",
                note="Genomgång av handlingsplanen och delmålen.",
                today=self.world.today,
            )

    def notes(self) -> None:
        days = [self.start + _days(2)]
        if self.weeks > 6:
            days.append(self.start + _days(self.weeks * 7 / 2))
        for index, day in enumerate(days):
            note = journal_note_create(
                actor=self.coach,
                registration=self.registration,
                text=NOTES[(index * 2 + self.story.number) % len(NOTES)],
            )
            # A note is dated when it is written; the demo's were written back then.
            written = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))
            JournalNote.objects.filter(pk=note.pk).update(written_at=written)

    def _work_start_date(self) -> datetime.date:
        if self.end is not None:
            return self.start + _days((self.end - self.start).days * 0.7)
        return max(self.start + _days(28), self.world.today - _days(21))

    def work_start(self) -> None:
        start = self.story.start
        if start is None:
            return
        work_start_create(
            actor=self.coach,
            registration_id=self.registration.pk,
            kind=start.kind,
            form=start.form,
            employer=start.employer,
            start_date=self._work_start_date(),
            hours_per_week=Decimal(start.hours_per_week),
            competitive=start.competitive,
            daily_activity_placement=lss.placement(self.world, self.story),
        )

    # --- exit and afterwards ------------------------------------------------------------

    def exit(self) -> None:
        story, end = self.story, self.end
        assert story.reason is not None and end is not None
        data = ExitData(end_date=end, reason=story.reason)
        if story.reason != ExitReason.FELREGISTRERING:
            assert story.outcome is not None
            incomes, occupation = AFTER_EXIT[story.outcome]
            recommendation = ""
            if self.world.intervention.uses_resursinventering:
                recommendation = RECOMMENDATIONS[story.outcome]
            data = ExitData(
                end_date=end,
                reason=story.reason,
                income_sources_after=list(incomes),
                occupation_after=occupation,
                outcome=story.outcome,
                exit_plan=EXIT_PLANS.get(story.outcome, ""),
                recommendation=recommendation,
            )
        self.registration.refresh_from_db(fields=["version"])
        registration_exit(
            actor=self.coach,
            registration_id=self.registration.pk,
            expected_version=self.registration.version,
            data=data,
            today=self.world.today,
        )

    def post_exit(self) -> None:
        assert self.story.outcome is not None
        incomes, occupation = AFTER_EXIT[self.story.outcome]
        for follow_up in self.registration.post_exit_follow_ups.order_by("months_after"):
            if follow_up.months_after not in self.story.post_exit_recorded:
                continue
            reached = not self.story.post_exit_unreached
            post_exit_follow_up_record(
                actor=self.coach,
                registration_id=self.registration.pk,
                follow_up_id=follow_up.pk,
                done_on=min(follow_up.due_on + _days(5), self.world.today),
                reached=reached,
                occupation=occupation if reached else "",
                income_sources=list(incomes) if reached else [],
                note="Telefonsamtal." if reached else "Sökt tre gånger utan svar.",
                today=self.world.today,
            )

    def withdraw_consent(self) -> None:
        consent = self.registration.consent
        weeks = self.story.withdrawn_weeks_ago
        if consent is None or weeks is None:
            return
        consent.refresh_from_db()
        consent_withdraw(
            actor=self.world.lead,
            consent=consent,
            withdrawn_on=max(self.world.weeks_ago(weeks), consent.valid_from),
            expected_version=consent.version,
        )


def tell(world: DemoWorld, story: Story, registration: Registration) -> None:
    Journey(world, story, registration).tell()
