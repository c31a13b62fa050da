"""Demo career profiles and benefits counselling for the first participants of Exempeldalen's
IPS intervention (samsyn/core/demo_data.py IPS_SLUG).

Idempotent: a registration that already has a career profile, or any counselling record,
keeps what it has (someone may have changed it while trying the demo), so a second run
creates nothing. The answers are invented, in the words a participant might use.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import IPS_SLUG, SEED_ACTOR
from samsyn.core.models import Forbund
from samsyn.ips.models import BenefitsCounselling, CareerProfile
from samsyn.participants.models import Registration

# One profile per participant, in registration order.
PROFILES: tuple[dict[str, Any], ...] = (
    {
        "interests": "Matlagning och att baka. Det är roligt att se att andra tycker om maten.",
        "interests_in_common": "Att göra något med händerna som blir färdigt.",
        "interests_in_jobs": "Restaurangkök, bageri, storkök på en skola.",
        "in_five_years": "Bor kvar i stan, jobbar i ett kök på dagtid och mår bättre.",
        "ordinary_day": "Laga lunch\nPromenad med hunden\nHandla\nStäda",
        "life_goals": "Ett eget jobb och egen lön.",
        "wanted_help": "Att du följer med på första mötet med arbetsgivaren.",
        "work_history": "Diskare på restaurang 2018–2019. Praktik i skolkök.",
        "education_history": "Gymnasiet, restaurangprogrammet (ej fullföljt).",
        "strengths": "Noggrann, tycker om rutiner.",
        "preferred_occupations": ["5120", "9412", "7612"],
        "preferred_industries": ["I", "C"],
        "preferred_municipalities": ["1780"],
        "preferred_hours_per_week": 20,
        "disclosure": "Att jag behöver tydliga instruktioner. Inget om diagnosen.",
    },
    {
        "interests": "Bilar och motorer, datorspel.",
        "interests_in_common": "Att förstå hur saker fungerar.",
        "interests_in_jobs": "Verkstad, däckfirma, lager med truck.",
        "in_five_years": "Har körkort och jobbar heltid på en verkstad.",
        "ordinary_day": "Spela med kompisar\nSkruva på mopeden\nSova länge\nMöten",
        "life_goals": "Köpa en egen bil.",
        "wanted_help": "Hjälp att hitta arbetsgivare och att förklara för dem varför jag söker.",
        "work_history": "Sommarjobb på lager.",
        "education_history": "Grundskola, truckkort A+B.",
        "strengths": "Praktisk, lär mig snabbt genom att göra.",
        "preferred_occupations": ["7231", "4322", "8344"],
        "preferred_industries": ["G", "H"],
        "preferred_municipalities": ["1780", "1715"],
        "preferred_hours_per_week": 40,
        "disclosure": "Får berätta att jag varit sjukskriven, inte varför.",
    },
    {
        "interests": "Djur och natur, särskilt hästar.",
        "interests_in_common": "Lugna miljöer och att ta hand om någon.",
        "interests_in_jobs": "Stall, djurpensionat, trädgård.",
        "in_five_years": "Jobbar med djur några dagar i veckan.",
        "ordinary_day": "Stallet\nSkogspromenad\nLaga mat\nTelefonsamtal",
        "life_goals": "Att orka mer och ha en egen häst.",
        "wanted_help": "Ta det i lugn takt; ring hellre än mejla.",
        "work_history": "Praktik på djurpensionat.",
        "education_history": "Naturbruksgymnasium.",
        "strengths": "Tålmodig och pålitlig.",
        "preferred_occupations": ["6121", "6122", "6113"],
        "preferred_industries": ["A", "S"],
        "preferred_municipalities": ["1780", "1761"],
        "preferred_hours_per_week": 15,
        "disclosure": "Inget om hälsan.",
    },
)
# Counselling given by these parties' kind, where the demo förbund has one.
COUNSELLING_NOTES = (
    "Genomgång av hur lön påverkar aktivitetsersättningen.",
    "Vad händer med försörjningsstödet vid en timanställning?",
    "Erbjuden; deltagaren vill vänta tills ett jobb är på gång.",
)


def _registrations(forbund: Forbund) -> list[Registration]:
    return list(
        Registration.objects.filter(intervention__forbund=forbund, intervention__slug=IPS_SLUG)
        .select_related("intervention", "coach")
        .order_by("start_date", "id")[: len(PROFILES)]
    )


def _counselling(registration: Registration, index: int) -> BenefitsCounselling:
    # Nothing is dated ahead of today, whenever the demo is seeded.
    today = timezone.localdate()
    offered = min(registration.start_date + datetime.timedelta(days=14), today)
    given = min(offered + datetime.timedelta(days=7), today) if index < 2 else None
    party = registration.intervention.forbund.parties.filter(is_active=True).order_by("pk").first()
    return BenefitsCounselling.objects.create(
        registration=registration,
        offered_on=offered,
        given_on=given,
        given_by="Budget- och skuldrådgivningen" if given else "",
        given_by_party=party if given else None,
        note=COUNSELLING_NOTES[index],
        recorded_by=registration.coach,
    )


@transaction.atomic
def seed_career(forbund: Forbund) -> Counter[str]:
    """Create the missing demo career profiles and counselling records; counts per kind."""
    created: Counter[str] = Counter()
    for index, registration in enumerate(_registrations(forbund)):
        before = sum(created.values())
        if not CareerProfile.objects.filter(registration=registration).exists():
            CareerProfile.objects.create(
                registration=registration, updated_by=registration.coach, **PROFILES[index]
            )
            created["career_profiles"] += 1
        if not BenefitsCounselling.objects.filter(registration=registration).exists():
            _counselling(registration, index)
            created["benefits_counselling"] += 1
        if sum(created.values()) > before:
            # In the name of the participant's coach, as the journeys are recorded.
            audit_record(
                actor=registration.coach,
                actor_username=SEED_ACTOR,
                role="coach" if registration.coach else "",
                action=AuditAction.CREATE,
                intervention=registration.intervention,
                participant_ref=registration.person.pseudonym if registration.coach else "",
                detail="Demodata: karriärprofil och bidragsrådgivning",
            )
    return created
