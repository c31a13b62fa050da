"""The participant page: one timeline of everything that happened, newest first.

Each kind of event is read with one query (joins included), so the page costs the same
number of queries whether the person has three activities or three hundred. The builders
below turn rows into ``TimelineEvent``s; ``timeline_build`` merges and sorts them.

Journal notes and consent records are shown only to the intervention's staff (those who may
write the journey, see services/journey_access.py); the referring handläggare sees the
rest. Listing notes writes an audit event of its own.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samsyn.core.models import User
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    Consent,
    FollowUpMeeting,
    IndicatorRating,
    JournalNote,
    PhaseChange,
    PostExitFollowUp,
    Referral,
    ReferralStatus,
    Registration,
    StepRecord,
    SubGoal,
    SubGoalStatus,
    WorkStart,
)
from samsyn.participants.services.audit import audit_participant_records_read

# Order of kinds on the same day, earliest first (the timeline shows them reversed).
KIND_ORDER = {
    "referral": 0,
    "decision": 1,
    "consent": 2,
    "registration": 3,
    "phase": 4,
    "plan": 5,
    "activity": 6,
    "step": 7,
    "rating": 8,
    "subgoal": 9,
    "followup": 10,
    "note": 11,
    "start": 12,
    "consent_end": 13,
    "exit": 14,
    "post_exit": 15,
}


@dataclass(frozen=True)
class TimelineEvent:
    day: datetime.date
    kind: str
    label: str
    title: str
    details: tuple[str, ...] = ()
    by: str = ""
    moment: datetime.datetime | None = None
    ident: int = 0

    @property
    def sort_key(self) -> tuple[datetime.date, int, str, int]:
        stamp = self.moment.isoformat() if self.moment else ""
        return (self.day, KIND_ORDER.get(self.kind, 99), stamp, self.ident)


@dataclass
class TimelineSources:
    """The rows a timeline is built from, each list loaded with one query."""

    registration: Registration
    referral: Referral | None = None
    consents: list[Consent] = field(default_factory=list)
    phase_changes: list[PhaseChange] = field(default_factory=list)
    plan: ActionPlan | None = None
    sub_goals: list[SubGoal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    step_records: list[StepRecord] = field(default_factory=list)
    ratings: list[IndicatorRating] = field(default_factory=list)
    follow_ups: list[FollowUpMeeting] = field(default_factory=list)
    notes: list[JournalNote] = field(default_factory=list)
    work_starts: list[WorkStart] = field(default_factory=list)
    post_exit: list[PostExitFollowUp] = field(default_factory=list)


def user_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _day(value: datetime.date) -> str:
    return date_format(value, "Y-m-d")


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _("okänt")
    return _("ja") if value else _("nej")


def load_sources(
    registration: Registration, *, include_staff_only: bool, today: datetime.date | None = None
) -> TimelineSources:
    """Read every event source of ``registration`` with a fixed number of queries."""
    sources = TimelineSources(registration=registration)
    if registration.referral_id is not None:
        sources.referral = (
            Referral.objects.select_related("referring_party", "team", "referred_by", "decided_by")
            .filter(pk=registration.referral_id)
            .first()
        )
    if include_staff_only:
        sources.consents = list(
            Consent.objects.filter(
                person_id=registration.person_id, intervention_id=registration.intervention_id
            ).prefetch_related("parties")
        )
        sources.notes = list(
            JournalNote.objects.filter(registration=registration).select_related("author")
        )
    sources.phase_changes = list(
        PhaseChange.objects.filter(registration=registration).select_related("phase", "recorded_by")
    )
    sources.plan = ActionPlan.objects.filter(registration=registration).first()
    if sources.plan is not None:
        sources.sub_goals = list(
            SubGoal.objects.filter(plan=sources.plan).select_related("responsible_party")
        )
    sources.activities = list(
        Activity.objects.filter(registration=registration).select_related(
            "activity_type", "recorded_by"
        )
    )
    sources.step_records = list(
        StepRecord.objects.filter(registration=registration).select_related("step", "recorded_by")
    )
    sources.ratings = list(
        IndicatorRating.objects.filter(registration=registration).select_related("indicator")
    )
    sources.follow_ups = list(
        FollowUpMeeting.objects.filter(registration=registration).select_related("recorded_by")
    )
    sources.work_starts = list(WorkStart.objects.filter(registration=registration))
    sources.post_exit = list(PostExitFollowUp.objects.filter(registration=registration))
    return sources


def _referral_events(referral: Referral | None) -> Iterable[TimelineEvent]:
    if referral is None:
        return
    details = [referral.reason] if referral.reason else []
    if referral.team is not None:
        details.append(_("Team: %(team)s") % {"team": referral.team.name})
    yield TimelineEvent(
        day=referral.referred_on,
        kind="referral",
        label=_("Anvisning"),
        title=_("Anvisad av %(party)s") % {"party": referral.referring_party.name},
        details=tuple(details),
        by=user_name(referral.referred_by),
        ident=referral.pk,
    )
    if referral.decided_on is not None and referral.status != ReferralStatus.PENDING:
        yield TimelineEvent(
            day=referral.decided_on,
            kind="decision",
            label=_("Beslut"),
            title=_("Anvisningen: %(status)s") % {"status": referral.get_status_display()},
            details=(referral.decision_reason,) if referral.decision_reason else (),
            by=user_name(referral.decided_by),
            ident=referral.pk,
        )


def _consent_events(consents: list[Consent], today: datetime.date) -> Iterable[TimelineEvent]:
    for consent in consents:
        parties = ", ".join(party.name for party in consent.parties.all())
        details = [_("Parter: %(parties)s") % {"parties": parties or _("inga")}]
        if consent.valid_to is not None:
            details.append(_("Gäller till %(day)s") % {"day": _day(consent.valid_to)})
        yield TimelineEvent(
            day=consent.valid_from,
            kind="consent",
            label=_("Samtycke"),
            title=_("Samtycke lämnat"),
            details=tuple(details),
            ident=consent.pk,
        )
        if consent.withdrawn_on is not None:
            yield TimelineEvent(
                day=consent.withdrawn_on,
                kind="consent_end",
                label=_("Samtycke"),
                title=_("Samtycket återkallat"),
                ident=consent.pk,
            )
        elif consent.valid_to is not None and consent.valid_to < today:
            yield TimelineEvent(
                day=consent.valid_to,
                kind="consent_end",
                label=_("Samtycke"),
                title=_("Samtycket upphörde att gälla"),
                ident=consent.pk,
            )


def _registration_events(registration: Registration) -> Iterable[TimelineEvent]:
    details = []
    if registration.coach is not None:
        details.append(_("Coach: %(name)s") % {"name": user_name(registration.coach)})
    yield TimelineEvent(
        day=registration.start_date,
        kind="registration",
        label=_("Inskrivning"),
        title=_("Inskriven i %(intervention)s") % {"intervention": registration.intervention.name},
        details=tuple(details),
        ident=registration.pk,
    )
    if registration.end_date is None:
        return
    exit_details = [
        _("Resultat vid avslut: %(outcome)s")
        % {"outcome": registration.get_outcome_display() or "–"},
        _("Sysselsättning efter: %(occupation)s")
        % {"occupation": registration.get_occupation_after_display() or "–"},
    ]
    if registration.recommendation:
        exit_details.append(
            _("Rekommendation: %(value)s") % {"value": registration.get_recommendation_display()}
        )
    if registration.step_forward is not None:
        exit_details.append(
            _("Stegförflyttning: %(value)s") % {"value": _yes_no(registration.step_forward)}
        )
    yield TimelineEvent(
        day=registration.end_date,
        kind="exit",
        label=_("Avslut"),
        title=_("Avslutad: %(reason)s") % {"reason": registration.get_exit_reason_display() or "–"},
        details=tuple(exit_details),
        ident=registration.pk,
    )


def _plan_events(plan: ActionPlan | None, sub_goals: list[SubGoal]) -> Iterable[TimelineEvent]:
    if plan is None:
        return
    yield TimelineEvent(
        day=plan.agreed_on,
        kind="plan",
        label=_("Handlingsplan"),
        title=_("Handlingsplan överenskommen: %(goal)s")
        % {"goal": plan.get_overall_goal_display()},
        details=(
            _("Deltagaren överens: %(value)s") % {"value": _yes_no(plan.agreed_by_participant)},
            _("Remittenten överens: %(value)s") % {"value": _yes_no(plan.agreed_by_referrer)},
        ),
        ident=plan.pk,
    )
    for sub_goal in sub_goals:
        if sub_goal.status == SubGoalStatus.UPPNATT and sub_goal.reached_on is not None:
            yield TimelineEvent(
                day=sub_goal.reached_on,
                kind="subgoal",
                label=_("Delmål"),
                title=_("Delmål uppnått"),
                details=(sub_goal.description,),
                ident=sub_goal.pk,
            )


def _phase_events(changes: list[PhaseChange]) -> Iterable[TimelineEvent]:
    for change in changes:
        yield TimelineEvent(
            day=change.entered_on,
            kind="phase",
            label=_("Fas"),
            title=_("Ny fas: %(phase)s") % {"phase": change.phase.name},
            by=user_name(change.recorded_by),
            ident=change.pk,
        )


def _hours(hours: Decimal, *, per_week: bool = False) -> str:
    """ "1 timme", "1,5 timmar": the singular only for exactly one (ngettext wants a whole
    number, so a fraction is passed as a plural count)."""
    count = 1 if hours == 1 else 2
    if per_week:
        text = ngettext("%(hours)s timme per vecka", "%(hours)s timmar per vecka", count)
    else:
        text = ngettext("%(hours)s timme", "%(hours)s timmar", count)
    return text % {"hours": number_format(hours.normalize())}


def _activity_events(activities: list[Activity]) -> Iterable[TimelineEvent]:
    for activity in activities:
        details = [_hours(activity.hours)]
        if activity.provider:
            details.append(_("Utförare: %(provider)s") % {"provider": activity.provider})
        if activity.note:
            details.append(activity.note)
        yield TimelineEvent(
            day=activity.held_on,
            kind="activity",
            label=_("Aktivitet"),
            title=activity.activity_type.name,
            details=tuple(details),
            by=user_name(activity.recorded_by),
            ident=activity.pk,
        )


def _step_events(records: list[StepRecord]) -> Iterable[TimelineEvent]:
    for record in records:
        yield TimelineEvent(
            day=record.recorded_on,
            kind="step",
            label=_("Steg"),
            title=_("Steg %(order)s: %(name)s")
            % {"order": record.step.order, "name": record.step.name},
            by=user_name(record.recorded_by),
            ident=record.pk,
        )


def rating_measurements(
    ratings: list[IndicatorRating],
) -> list[tuple[datetime.date, list[IndicatorRating]]]:
    """Ratings grouped into measurements (one per date), oldest first."""
    by_day: dict[datetime.date, list[IndicatorRating]] = defaultdict(list)
    for rating in ratings:
        by_day[rating.rated_on].append(rating)
    return sorted(by_day.items())


def _rating_events(ratings: list[IndicatorRating]) -> Iterable[TimelineEvent]:
    for day, measurement in rating_measurements(ratings):
        mean = sum(rating.score for rating in measurement) / len(measurement)
        yield TimelineEvent(
            day=day,
            kind="rating",
            label=_("Skattning"),
            title=_("Indikatorer skattade, medelvärde %(mean)s") % {"mean": number_format(mean, 1)},
            details=tuple(f"{rating.indicator.name}: {rating.score}" for rating in measurement),
            ident=min(rating.pk for rating in measurement),
        )


def _follow_up_events(meetings: list[FollowUpMeeting]) -> Iterable[TimelineEvent]:
    for meeting in meetings:
        details = []
        if meeting.participants_present:
            details.append(_("Närvarande: %(who)s") % {"who": meeting.participants_present})
        if meeting.note:
            details.append(meeting.note)
        details.append(_("Nästa uppföljning: %(day)s") % {"day": _day(meeting.next_due)})
        yield TimelineEvent(
            day=meeting.held_on,
            kind="followup",
            label=_("Uppföljning"),
            title=_("Uppföljningsmöte"),
            details=tuple(details),
            by=user_name(meeting.recorded_by),
            ident=meeting.pk,
        )


def _note_events(notes: list[JournalNote]) -> Iterable[TimelineEvent]:
    for note in notes:
        moment = timezone.localtime(note.written_at)
        yield TimelineEvent(
            day=moment.date(),
            kind="note",
            label=_("Journalanteckning"),
            title=_("Journalanteckning %(time)s") % {"time": moment.strftime("%H:%M")},
            details=(note.text,),
            by=user_name(note.author),
            moment=moment,
            ident=note.pk,
        )


def _start_events(starts: list[WorkStart]) -> Iterable[TimelineEvent]:
    for start in starts:
        details = []
        if start.employer:
            details.append(start.employer)
        if start.hours_per_week is not None:
            details.append(_hours(start.hours_per_week, per_week=True))
        if start.competitive:
            details.append(_("Konkurrensutsatt arbete"))
        if start.end_date is not None:
            details.append(_("Till och med %(day)s") % {"day": _day(start.end_date)})
        if start.held_confirmed_on is not None:
            details.append(_("Bekräftat kvar %(day)s") % {"day": _day(start.held_confirmed_on)})
        title = _("Arbetsstart") if start.kind == "arbete" else _("Studiestart")
        yield TimelineEvent(
            day=start.start_date,
            kind="start",
            label=title,
            title=f"{title}: {start.get_form_display()}",
            details=tuple(details),
            ident=start.pk,
        )


def _post_exit_events(follow_ups: list[PostExitFollowUp]) -> Iterable[TimelineEvent]:
    for follow_up in follow_ups:
        if follow_up.done_on is None:
            continue
        details = [_("Nådd: %(value)s") % {"value": _yes_no(follow_up.reached)}]
        if follow_up.occupation:
            details.append(
                _("Sysselsättning: %(value)s") % {"value": follow_up.get_occupation_display()}
            )
        yield TimelineEvent(
            day=follow_up.done_on,
            kind="post_exit",
            label=_("Uppföljning efter avslut"),
            title=_("Uppföljning %(months)s månader efter avslut")
            % {"months": follow_up.months_after},
            details=tuple(details),
            ident=follow_up.pk,
        )


def timeline_build(
    sources: TimelineSources, *, today: datetime.date | None = None
) -> list[TimelineEvent]:
    """Every event of the registration, newest first. Runs no queries."""
    today = today or timezone.localdate()
    events: list[TimelineEvent] = [
        *_referral_events(sources.referral),
        *_consent_events(sources.consents, today),
        *_registration_events(sources.registration),
        *_phase_events(sources.phase_changes),
        *_plan_events(sources.plan, sources.sub_goals),
        *_activity_events(sources.activities),
        *_step_events(sources.step_records),
        *_rating_events(sources.ratings),
        *_follow_up_events(sources.follow_ups),
        *_note_events(sources.notes),
        *_start_events(sources.work_starts),
        *_post_exit_events(sources.post_exit),
    ]
    return sorted(events, key=lambda event: event.sort_key, reverse=True)


def audit_notes_listed(
    *, actor: User, registration: Registration, notes: Sequence[JournalNote], via: str = ""
) -> None:
    """Reading journal notes is logged on its own, as patient records require: one view event
    per note shown, naming the note (object type and id), in one insert. Every event carries
    the same description with the number of notes read together."""
    audit_participant_records_read(
        actor=actor,
        person=registration.person,
        intervention=registration.intervention,
        records=notes,
        detail=f"Visade journalanteckningar ({len(notes)} st){via}",
    )
