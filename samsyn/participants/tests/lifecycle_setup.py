"""A person with a full, old file for the retention and register-extract tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile

from samsyn.conftest import World
from samsyn.core.personnummer import parse_personnummer, personnummer_blind_index
from samsyn.interventions.models import ActivityType
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    Consent,
    ConsentRecipient,
    FollowUpMeeting,
    JournalNote,
    Person,
    Referral,
    Registration,
    WorkStart,
)
from samsyn.participants.tests.factories import (
    ConsentFactory,
    PersonFactory,
    ReferralFactory,
    RegistrationFactory,
)

D = datetime.date
PNR = "19121212-1212"
TODAY = D(2033, 3, 1)
ENDED = D(2027, 6, 30)


@dataclass
class OldFile:
    person: Person
    registration: Registration
    referral: Referral
    consent: Consent
    activity: Activity
    note: JournalNote
    work_start: WorkStart


def identified_person(world: World, pnr: str = PNR, **fields: object) -> Person:
    parsed = parse_personnummer(pnr)
    values: dict[str, object] = {
        "forbund": world.forbund,
        "personnummer": parsed.digits,
        "personnummer_index": personnummer_blind_index(parsed),
        "first_name": "Tolvan",
        "last_name": "Tolvansson",
        "phone": "070-1234567",
        "email": "tolvan@example.se",
        "gender": parsed.legal_gender,
        "birth_year": parsed.birth_year,
        "home_municipality_code": "1780",
    }
    values.update(fields)
    return PersonFactory(**values)


def old_file(
    world: World, *, ended: datetime.date = ENDED, person: Person | None = None
) -> OldFile:
    """An ended registration with text everywhere, last entry on ``ended``."""
    person = person or identified_person(world)
    referral = ReferralFactory(
        intervention=world.intervention,
        person=person,
        referring_party=world.kommun,
        referred_on=D(2027, 1, 10),
        status="accepted",
        decision_reason="Uppfyller kriterierna.",
    )
    consent = ConsentFactory(
        person=person, intervention=world.intervention, valid_from=D(2027, 1, 20)
    )
    consent.document.save("blankett.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    ConsentRecipient.objects.create(consent=consent, category="arbetsgivare", name="Bageriet AB")
    registration = RegistrationFactory(
        intervention=world.intervention,
        person=person,
        referral=referral,
        consent=consent,
        start_date=D(2027, 2, 1),
        end_date=ended,
        exit_reason="fullfoljt",
        outcome="arbete",
        exit_plan="Fortsatt kontakt med vårdcentralen.",
    )
    ActionPlan.objects.create(
        registration=registration,
        overall_goal="arbete",
        agreed_on=D(2027, 2, 10),
        description="Arbete på bageri.",
    )
    kind, _ = ActivityType.objects.get_or_create(forbund=world.forbund, name="Samtal")
    activity = Activity.objects.create(
        registration=registration,
        activity_type=kind,
        held_on=D(2027, 3, 1),
        hours=1,
        provider="Vårdcentralen Norr",
        note="Pratade om sömnen.",
    )
    FollowUpMeeting.objects.create(
        registration=registration,
        held_on=D(2027, 4, 1),
        participants_present="Tolvan, FK",
        note="Mår bättre.",
        next_due=D(2027, 6, 1),
    )
    note = JournalNote.objects.create(
        registration=registration, author=world["coach"], text="Känslig anteckning."
    )
    JournalNote.objects.filter(pk=note.pk).update(
        written_at=datetime.datetime(2027, 5, 1, 10, tzinfo=datetime.UTC)
    )
    work_start = WorkStart.objects.create(
        registration=registration,
        kind="arbete",
        form="osubventionerad",
        employer="Bageriet AB",
        start_date=D(2027, 6, 1),
    )
    return OldFile(person, registration, referral, consent, activity, note, work_start)
