"""Rows to response bodies. Nothing here queries on its own except where noted: the callers
load what a list needs with ``select_related``/``prefetch_related`` so lists stay constant.

The full personnummer is never given out by the API: a person is shown with the masked
number (``19850312-XXXX``) as on the participant page, and an anonymous person with
neither name nor number.
"""

from __future__ import annotations

import datetime

from samsyn.core.models import Party, Team, User
from samsyn.interventions.models import ActivityType, LadderStep, Phase, ProgressionIndicator
from samsyn.participants.api import followup_schemas as fs
from samsyn.participants.api import schemas as s
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    FollowUpMeeting,
    IncomeMoment,
    Person,
    PhaseChange,
    PostExitFollowUp,
    Referral,
    Registration,
    StepRecord,
    SubGoal,
    WorkStart,
)
from samsyn.participants.selectors.journey_page import consent_status, masked_personnummer
from samsyn.participants.selectors.timeline import user_name


def as_named(thing: Party | Team | User | ActivityType) -> s.NamedOut:
    name = user_name(thing) if isinstance(thing, User) else thing.name
    return s.NamedOut(id=thing.pk, name=name)


def named(thing: Party | Team | User | None) -> s.NamedOut | None:
    return None if thing is None else as_named(thing)


def as_ordered(thing: Phase | LadderStep | ProgressionIndicator) -> s.OrderedOut:
    return s.OrderedOut(id=thing.pk, name=thing.name, order=thing.order)


def ordered(thing: Phase | LadderStep | None) -> s.OrderedOut | None:
    return None if thing is None else as_ordered(thing)


def _full_name(person: Person) -> str | None:
    if person.is_anonymous:
        return None
    return f"{person.first_name} {person.last_name}".strip() or None


def person_summary(person: Person) -> s.PersonSummaryOut:
    return s.PersonSummaryOut(
        pseudonym=person.pseudonym, anonymous=person.is_anonymous, name=_full_name(person)
    )


def person_out(person: Person) -> s.PersonOut:
    identified = not person.is_anonymous
    return s.PersonOut(
        pseudonym=person.pseudonym,
        anonymous=person.is_anonymous,
        name=_full_name(person),
        protected_identity=person.protected_identity,
        first_name=person.first_name if identified else None,
        last_name=person.last_name if identified else None,
        personnummer_masked=masked_personnummer(person) or None,
        gender=person.gender,
        birth_year=person.birth_year,
        home_municipality_code=person.home_municipality_code,
    )


def _overdue(registration: Registration, today: datetime.date) -> bool:
    due = registration.next_follow_up_due
    return bool(due and registration.is_ongoing and due < today)


def registration_summary(
    registration: Registration, today: datetime.date
) -> s.RegistrationSummaryOut:
    """Needs person, intervention, coach and current_phase selected."""
    return s.RegistrationSummaryOut(
        id=registration.pk,
        person=person_summary(registration.person),
        intervention=registration.intervention.slug,
        coach=named(registration.coach),
        start_date=registration.start_date,
        end_date=registration.end_date,
        ongoing=registration.is_ongoing,
        current_phase=ordered(registration.current_phase),
        next_follow_up_due=registration.next_follow_up_due,
        follow_up_overdue=_overdue(registration, today),
    )


def _exit(registration: Registration, incomes_after: list[str]) -> s.ExitOut | None:
    if registration.end_date is None:
        return None
    return s.ExitOut(
        end_date=registration.end_date,
        reason=registration.exit_reason,
        incomes_after=incomes_after,
        occupation_after=registration.occupation_after,
        outcome=registration.outcome,
        exit_plan=registration.exit_plan,
        recommendation=registration.recommendation,
        step_forward=registration.step_forward,
    )


def registration_out(
    registration: Registration, *, can_write: bool, today: datetime.date
) -> s.RegistrationOut:
    """One registration in full (a handful of queries: incomes, parties, phase, consent)."""
    incomes: dict[str, list[str]] = {IncomeMoment.BEFORE: [], IncomeMoment.AFTER: []}
    for moment, source in registration.incomes.order_by("source").values_list("moment", "source"):
        incomes.setdefault(moment, []).append(source)
    person = registration.person
    return s.RegistrationOut(
        id=registration.pk,
        version=registration.version,
        person=person_out(person),
        intervention=registration.intervention.slug,
        referral_id=registration.referral_id,
        referring_party=named(registration.referring_party),
        coach=named(registration.coach),
        start_date=registration.start_date,
        baseline=s.BaselineOut(
            incomes_before=incomes[IncomeMoment.BEFORE],
            occupation_before=registration.occupation_before,
            education_level=registration.education_level,
            months_outside_labour_market=registration.months_outside_labour_market,
            current_at_parties=[
                as_named(party) for party in registration.current_at_parties.order_by("name")
            ],
        ),
        current_phase=ordered(registration.current_phase),
        next_follow_up_due=registration.next_follow_up_due,
        consent=_consent(registration, person, today),
        exit=_exit(registration, incomes[IncomeMoment.AFTER]),
        can_write=can_write,
    )


def _consent(
    registration: Registration, person: Person, today: datetime.date
) -> s.ConsentStatusOut:
    status = consent_status(registration.consent, person, today)
    return s.ConsentStatusOut(status=status.code, text=str(status.text))


def referral_out(referral: Referral) -> s.ReferralOut:
    """Needs person, intervention, parties, team, referred_by, registration selected and
    current_at_parties prefetched."""
    registration = getattr(referral, "registration", None)
    return s.ReferralOut(
        id=referral.pk,
        version=referral.version,
        intervention=referral.intervention.slug,
        status=referral.status,
        referred_on=referral.referred_on,
        referring_party=s.NamedOut(
            id=referral.referring_party_id, name=referral.referring_party.name
        ),
        team=named(referral.team),
        referred_by=named(referral.referred_by),
        reason=referral.reason,
        person=person_summary(referral.person),
        current_at_parties=[as_named(party) for party in referral.current_at_parties.all()],
        has_lss_daily_activity=referral.has_lss_daily_activity,
        has_long_term_forsorjningsstod=referral.has_long_term_forsorjningsstod,
        current_in_psychiatry=referral.current_in_psychiatry,
        income_sources=list(referral.income_sources or []),
        eligibility_warnings=[str(w) for w in referral.eligibility_warnings or []],
        decision_reason=referral.decision_reason,
        decided_on=referral.decided_on,
        registration_id=registration.pk if registration is not None else None,
    )


def sub_goal_out(sub_goal: SubGoal) -> s.SubGoalOut:
    return s.SubGoalOut(
        id=sub_goal.pk,
        version=sub_goal.version,
        description=sub_goal.description,
        target_date=sub_goal.target_date,
        responsible_party=named(sub_goal.responsible_party),
        status=sub_goal.status,
        reached_on=sub_goal.reached_on,
    )


def plan_out(
    registration: Registration, plan: ActionPlan | None, sub_goals: list[SubGoal]
) -> s.PlanOut:
    return s.PlanOut(
        registration_id=registration.pk,
        version=plan.version if plan else None,
        overall_goal=plan.overall_goal if plan else None,
        agreed_on=plan.agreed_on if plan else None,
        agreed_by_participant=bool(plan and plan.agreed_by_participant),
        agreed_by_referrer=bool(plan and plan.agreed_by_referrer),
        description=plan.description if plan else "",
        sub_goals=[sub_goal_out(sub_goal) for sub_goal in sub_goals],
    )


def activity_out(activity: Activity) -> s.ActivityOut:
    return s.ActivityOut(
        id=activity.pk,
        activity_type=s.NamedOut(id=activity.activity_type_id, name=activity.activity_type.name),
        held_on=activity.held_on,
        hours=float(activity.hours),
        provider=activity.provider,
        note=activity.note,
        recorded_by=user_name(activity.recorded_by),
    )


def phase_change_out(change: PhaseChange) -> s.PhaseChangeOut:
    return s.PhaseChangeOut(
        id=change.pk, phase=as_ordered(change.phase), entered_on=change.entered_on
    )


def step_record_out(record: StepRecord) -> s.StepRecordOut:
    return s.StepRecordOut(
        id=record.pk, step=as_ordered(record.step), recorded_on=record.recorded_on
    )


def follow_up_out(meeting: FollowUpMeeting) -> fs.FollowUpOut:
    return fs.FollowUpOut(
        id=meeting.pk,
        held_on=meeting.held_on,
        participants_present=meeting.participants_present,
        note=meeting.note,
        next_due=meeting.next_due,
        recorded_by=user_name(meeting.recorded_by),
    )


def due_follow_up_out(registration: Registration) -> fs.DueFollowUpOut:
    assert registration.next_follow_up_due is not None
    return fs.DueFollowUpOut(
        registration_id=registration.pk,
        person=person_summary(registration.person),
        intervention=registration.intervention.slug,
        coach=named(registration.coach),
        next_follow_up_due=registration.next_follow_up_due,
        overdue=bool(getattr(registration, "follow_up_overdue", False)),
    )


def work_start_out(start: WorkStart) -> fs.WorkStartOut:
    return fs.WorkStartOut(
        id=start.pk,
        kind=start.kind,
        form=start.form,
        employer=start.employer,
        start_date=start.start_date,
        end_date=start.end_date,
        hours_per_week=float(start.hours_per_week) if start.hours_per_week is not None else None,
        competitive=start.competitive,
        daily_activity_placement=start.daily_activity_placement,
        held_confirmed_on=start.held_confirmed_on,
    )


def post_exit_out(follow_up: PostExitFollowUp, today: datetime.date) -> fs.PostExitOut:
    """Needs registration, its person and intervention selected."""
    registration = follow_up.registration
    return fs.PostExitOut(
        id=follow_up.pk,
        registration_id=registration.pk,
        person=person_summary(registration.person),
        intervention=registration.intervention.slug,
        months_after=follow_up.months_after,
        due_on=follow_up.due_on,
        overdue=follow_up.done_on is None and follow_up.due_on < today,
        done_on=follow_up.done_on,
        reached=follow_up.reached,
        occupation=follow_up.occupation,
        income_sources=list(follow_up.income_sources or []),
        note=follow_up.note,
    )
