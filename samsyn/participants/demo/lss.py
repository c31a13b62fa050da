"""Seed 001's participant in the demo: a young adult in LSS daily activity (Landskrona's
"Ett riktigt jobb"), in the IPS intervention.

Referred by the municipality with an LSS decision on daglig verksamhet and
habiliteringsersättning plus aktivitetsersättning; the consent also names an earlier
workplace and the LSS-handläggare ("kontakta tidigare arbetsplatser, praktiker, skolor och
arbetsgivare"); the coach logs a contact with the LSS-handläggare, asks the yearly "vill du
arbeta?" (yes, with a follow-up), and the study start gives up the daily-activity place
("Deltagare 25 år går vidare till en yrkesutbildning som svetsare. Insatsen daglig
verksamhet avslutad."). Aktivitetsersättning ends four months ahead, so the due list flags it.
"""

from __future__ import annotations

import datetime

from samsyn.participants.demo.cast import Story, is_lss_story
from samsyn.participants.demo.world import DemoWorld
from samsyn.participants.models import DailyActivityPlacement, IncomeSource, Registration
from samsyn.participants.services.consent import RecipientTerm
from samsyn.participants.services.contacts import ContactEntry, participant_contact_create
from samsyn.participants.services.eligibility import CriteriaFacts
from samsyn.participants.services.lss import work_wish_record

LSS_INCOMES = (IncomeSource.HABILITERINGSERSATTNING, IncomeSource.AKTIVITETSERSATTNING)
LSS_UNIT = "LSS-handläggare, Älvby kommun"
LSS_RECIPIENTS = (
    RecipientTerm(category="tidigare_arbetsgivare", name="Älvby Second hand"),
    RecipientTerm(category="kommunal_enhet", name=LSS_UNIT),
    RecipientTerm(category="skola", name="Komvux Exempeldalen"),
)
LSS_PLACEMENT = DailyActivityPlacement.LAMNAS


def is_lss(world: DemoWorld, story: Story) -> bool:
    return is_lss_story(story, world.kind)


def criteria(world: DemoWorld, story: Story, incomes: tuple[str, ...]) -> CriteriaFacts:
    """The facts stated at referral: the LSS ones for seed 001's participant."""
    if is_lss(world, story):
        return CriteriaFacts(lss_daily_activity=True, income_sources=LSS_INCOMES)
    return CriteriaFacts(income_sources=incomes)


def recipients(world: DemoWorld, story: Story) -> tuple[RecipientTerm, ...]:
    return LSS_RECIPIENTS if is_lss(world, story) else ()


def placement(world: DemoWorld, story: Story) -> str:
    return LSS_PLACEMENT if is_lss(world, story) else ""


def after_journey(world: DemoWorld, story: Story, registration: Registration) -> None:
    if not is_lss(world, story):
        return
    coach = world.coach_of(story)
    contacted_on = max(registration.start_date, world.today - datetime.timedelta(days=60))
    participant_contact_create(
        actor=coach,
        registration=registration,
        entry=ContactEntry(
            contacted_on=contacted_on,
            purpose="Planera inför studiestart: säga upp platsen på daglig verksamhet.",
            category="kommunal_enhet",
            name=LSS_UNIT,
        ),
    )
    asked_on = max(registration.start_date, world.today - datetime.timedelta(days=300))
    work_wish_record(
        actor=coach,
        registration=registration,
        asked_on=asked_on,
        answer="ja",
        follow_up="Karriärprofil med IPS-coach; studiebesök på yrkesutbildning.",
        follow_up_on=asked_on + datetime.timedelta(days=30),
    )
