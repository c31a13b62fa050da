"""The methods' and the förbund's own records: the employer bank, IPS fidelity reviews, team
meetings with attendance, survey answers and draft period reports."""

from __future__ import annotations

import datetime
import random
import uuid

from samsyn.collaboration.models import Attendance, Meeting
from samsyn.interventions.periods import quarterly_periods
from samsyn.ips.models import Employer, FidelityItem, FidelityReview, FidelityScore, SniSection
from samsyn.ips.services.fidelity import fidelity_scale_ensure
from samsyn.reporting.models import PeriodReport
from samsyn.site.synthetic.interventions import InterventionWorld
from samsyn.site.synthetic.organisation import ForbundWorld, orgnr
from samsyn.site.synthetic.writer import RowWriter
from samsyn.surveys.models import Answer, Question, Response, Survey
from samsyn.surveys.services.instruments import example_instrument_load

_EVIDENCE = '["mis", "intervju"]'


_FIDELITYREVIEW_FIELDS = (
    "id",
    "version",
    "intervention_id",
    "team_id",
    "scale_id",
    "reviewed_on",
    "kind",
    "reviewers",
    "status",
    "summary",
    "created_by_id",
    "completed_at",
)

_FIDELITYSCORE_FIELDS = (
    "review_id",
    "item_id",
    "score",
    "evidence_sources",
    "comment",
    "proposed_score",
    "proposed_evidence",
)

_MEETING_FIELDS = (
    "id",
    "version",
    "team_id",
    "date",
    "start_time",
    "place",
    "link",
    "kind",
    "status",
    "agenda",
    "series",
    "minutes",
    "minutes_approved_on",
    "minutes_approved_by_id",
    "created_by_id",
)

_ATTENDANCE_FIELDS = (
    "id",
    "meeting_id",
    "party_id",
    "present",
    "note",
)

_ATTENDANCE_MEMBERS_THROUGH_FIELDS = (
    "attendance_id",
    "teammember_id",
)

_RESPONSE_FIELDS = (
    "id",
    "survey_id",
    "answered_on",
    "channel",
)

_ANSWER_FIELDS = (
    "response_id",
    "question_id",
    "step",
    "choice_id",
    "yes_no",
    "free_text",
)


def employers_create(
    rng: random.Random, world: ForbundWorld, ips_registrations: int, today: datetime.date
) -> list[int]:
    """The förbund's employer bank: 20 employers and one more per 20 IPS participants
    (Landskrona's bank grew from 30 to 42, seed 001), added over the last three years."""
    count = min(20 + ips_registrations // 20, 400)
    sections = [s.value for s in SniSection if s.value not in ("T", "U")]
    rows = Employer.objects.bulk_create(
        Employer(
            forbund=world.forbund,
            organisationsnummer=orgnr(f"55{world.index % 100:02d}{n // 1000 % 100:02d}", n),
            name=f"Arbetsgivare {n} AB",
            sni_section=rng.choice(sections),
            municipality_code=rng.choice(world.municipality_codes),
            added_on=today - datetime.timedelta(days=rng.randint(0, 3 * 365)),
        )
        for n in range(1, count + 1)
    )
    return [row.pk for row in rows]


def fidelity_reviews(
    writer: RowWriter, rng: random.Random, worlds: list[InterventionWorld], today: datetime.date
) -> None:
    """Two reviews a year of every IPS intervention, scored on all 25 items, improving."""
    reviews = writer.table(FidelityReview, _FIDELITYREVIEW_FIELDS)
    scores = writer.table(FidelityScore, _FIDELITYSCORE_FIELDS)
    items_of: dict[int, tuple[int, list[int]]] = {}
    for world in worlds:
        if not world.is_ips:
            continue
        forbund = world.forbund.forbund
        if forbund.pk not in items_of:
            scale = fidelity_scale_ensure(forbund=forbund)
            items_of[forbund.pk] = (
                scale.pk,
                list(
                    FidelityItem.objects.filter(scale=scale)
                    .order_by("number")
                    .values_list("id", flat=True)
                ),
            )
        scale_id, items = items_of[forbund.pk]
        day = world.intervention.start_date + datetime.timedelta(days=180)
        level = rng.uniform(2.5, 3.5)
        while day <= min(today, world.intervention.end_date or today):
            review_id = writer.new_id(FidelityReview)
            done = datetime.datetime.combine(day, datetime.time(15), tzinfo=datetime.UTC)
            writer.add(
                reviews,
                (
                    review_id,
                    1,
                    world.intervention.pk,
                    None,
                    scale_id,
                    day,
                    rng.choice(("intern", "extern")),
                    "Extern granskare\nIPS-samordnare",
                    "klar",
                    "",
                    world.lead.pk,
                    done,
                ),
            )
            for item_id in items:
                score = max(1, min(5, round(rng.gauss(level, 0.8))))
                writer.add(scores, (review_id, item_id, score, _EVIDENCE, "", None, ""))
            level = min(4.8, level + rng.uniform(0, 0.4))
            day += datetime.timedelta(days=182)


def meetings(
    writer: RowWriter, rng: random.Random, world: ForbundWorld, today: datetime.date
) -> None:
    """Two years of each team's meetings on its cadence (held, a few cancelled) and the next
    two planned; attendance of every member party at a held meeting."""
    table = writer.table(Meeting, _MEETING_FIELDS)
    attendance = writer.table(Attendance, _ATTENDANCE_FIELDS)
    members = writer.table(Attendance.members.through, _ATTENDANCE_MEMBERS_THROUGH_FIELDS)
    for team in world.teams:
        interval = datetime.timedelta(weeks=team.meeting_interval_weeks or 4)
        day = today - datetime.timedelta(days=2 * 365)
        while day <= today + 2 * interval:
            meeting_id = writer.new_id(Meeting)
            past = day < today
            status = ("installt" if rng.random() < 0.05 else "genomfort") if past else "planerat"
            held = status == "genomfort"
            approved = (
                day + datetime.timedelta(days=7)
                if held and day + datetime.timedelta(days=7) <= today
                else None
            )
            writer.add(
                table,
                (
                    meeting_id,
                    1,
                    team.pk,
                    day,
                    datetime.time(9),
                    "Förbundets kansli",
                    "",
                    "ordinarie",
                    status,
                    "",
                    None,
                    "Protokoll fört." if held else "",
                    approved,
                    world.admin.pk if approved else None,
                    world.admin.pk,
                ),
            )
            if held:
                for seat in world.team_members.get(team.pk, []):
                    attendance_id = writer.new_id(Attendance)
                    present = rng.random() < 0.85
                    writer.add(attendance, (attendance_id, meeting_id, seat.party_id, present, ""))
                    if present:
                        writer.add(members, (attendance_id, seat.pk))
            day += interval


def surveys(
    writer: RowWriter,
    rng: random.Random,
    world: ForbundWorld,
    interventions: list[InterventionWorld],
    today: datetime.date,
) -> None:
    """A yearly participant survey of the förbund's individual interventions, answered by
    about one in five participants of the year, mostly positively."""
    individual = [w for w in interventions if w.registrations]
    if not individual:
        return
    instrument = example_instrument_load(actor=None)
    questions = list(
        Question.objects.filter(instrument=instrument, groups__group="deltagare_pagaende")
        .exclude(kind="fritext")
        .prefetch_related("scale_steps", "choices")
        .order_by("order", "id")
    )
    responses = writer.table(Response, _RESPONSE_FIELDS)
    answers = writer.table(Answer, _ANSWER_FIELDS)
    expected = sum(w.registrations for w in individual)
    for year in (today.year - 2, today.year - 1):
        survey = Survey.objects.create(
            forbund=world.forbund,
            name=f"Deltagarenkät {year}",
            instrument=instrument,
            respondent_group="deltagare_pagaende",
            period_from=datetime.date(year, 1, 1),
            period_to=datetime.date(year, 12, 31),
            target_answers=max(1, expected // 10),
            status="stangd",
        )
        survey.interventions.set([w.intervention for w in individual])
        for _ in range(max(1, expected // 10)):
            # Random as in the application: a key must not tell the order of answers.
            response_id = uuid.uuid4()
            writer.add(
                responses,
                (
                    response_id,
                    survey.pk,
                    datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    rng.choice(("webb", "papper")),
                ),
            )
            for question in questions:
                writer.add(answers, (response_id, question.pk, *_answer(rng, question)))


def _answer(rng: random.Random, question: Question) -> tuple[object, ...]:
    """(step, choice, yes/no, free text) of one answer, leaning to the positive end."""
    if question.kind == "skala":
        values = sorted(step.value for step in question.scale_steps.all())
        return (
            values[min(len(values) - 1, int(rng.triangular(0, len(values), len(values))))],
            None,
            None,
            "",
        )
    if question.kind == "val":
        return (None, rng.choice(list(question.choices.all())).pk, None, "")
    return (None, None, rng.random() < 0.75, "")


def period_reports(
    rng: random.Random, worlds: list[InterventionWorld], today: datetime.date
) -> None:
    """A draft report of the last ended quarter of every running individual intervention."""
    rows = []
    for world in worlds:
        intervention = world.intervention
        if not world.registrations:
            continue
        ended = [
            p
            for p in quarterly_periods(intervention.start_date, intervention.end_date, until=today)
            if p.date_to < today
        ]
        if not ended:
            continue
        period = ended[-1]
        rows.append(
            PeriodReport(
                intervention=intervention,
                kind="kvartal",
                number=period.number,
                title=str(period.label),
                period_from=period.date_from,
                period_to=period.date_to,
                created_by=world.lead,
            )
        )
    PeriodReport.objects.bulk_create(rows)
