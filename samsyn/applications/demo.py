"""Demo calls and applications for Exempeldalen (issue #12, item 7).

The insatsansvarig demo account (Björn Sandberg, Region Exempeldalen) gets the "sökande"
right, so it writes Region Exempeldalen's applications. The förbund has an open call, a
draft application to it and a submitted application (status inskickad) modelled on seed 003
(an IPS start-up with a process leader at 50 %, training, travel and information material;
the partner signs beside the owner). Dates count from the day the demo is seeded.

Idempotent: the call and the applications are found by förbund and title/name; a second
run changes nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.utils import timezone

from samsyn.applications.models import (
    Application,
    ApplicationBudgetLine,
    ApplicationSignature,
    ApplicationStatus,
    ApplicationYear,
    Call,
)
from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import SEED_ACTOR
from samsyn.core.models import Forbund, Membership, Party, User

APPLICANT_USERNAME = "insatsansvarig"
CALL_TITLE = "Utlysning: insatser för unga vuxna utanför arbetsmarknaden"
DRAFT_NAME = "Unga vuxna i arbete (utkast)"
SUBMITTED_NAME = "Stöd till arbete enligt IPS i Sjötorp"
SECTIONS = {
    "contact_name": "Björn Sandberg",
    "contact_email": "bjorn.sandberg@exempeldalen.example",
    "purpose": "Att erbjuda personer med psykisk ohälsa ett långsiktigt stöd att finna, få "
    "och behålla arbete eller studier.",
    "goals_text": "Starta arbetslivsinriktad rehabilitering enligt IPS med hög programtrohet.",
    "background": "Många med psykisk ohälsa vill och kan arbeta men saknar stöd.",
    "target_group": "Personer med allvarlig psykisk ohälsa, aktuella i psykiatrin och boende i "
    "Sjötorp, som saknar arbetsgivare och vill arbeta.",
    "method": "IPS enligt de åtta principerna, följt med programtrohetsskalan.",
    "methods": ["ips"],
    "implementation": "Insatsen genomförs till största del med ordinarie resurser.",
    "follow_up": "Löpande uppföljning, rapporter till förbundet och programtrohetsmätning.",
    "anchoring": "Ansökan är framtagen tillsammans med kommunen och förbundets processledare.",
    "lokus_discussed": True,
}


def _audit(obj: Any, forbund: Forbund) -> None:
    audit_record(
        actor=None,
        actor_username=SEED_ACTOR,
        action=AuditAction.CREATE,
        forbund=forbund,
        obj=obj,
        detail=f"Demodata: {obj}",
    )


def _grant_applicant_right(forbund: Forbund) -> Membership | None:
    membership = (
        Membership.objects.filter(
            user__username=APPLICANT_USERNAME, forbund=forbund, party__isnull=False
        )
        .select_related("party", "user")
        .first()
    )
    if membership is not None and not membership.may_apply:
        membership.may_apply = True
        membership.save(update_fields=["may_apply"])
        # Logged as part of creating the demo, not as a change of the role itself (the
        # role's own event is core's), so the seed's events stay one per created record.
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.CREATE,
            forbund=forbund,
            detail=f"Demodata: rätt att söka medel för {membership.user.username}",
        )
    return membership


def _call(forbund: Forbund, admin: User, today: datetime.date, made: Counter[str]) -> Call:
    call = Call.objects.filter(forbund=forbund, title=CALL_TITLE).first()
    if call is None:
        call = Call.objects.create(
            forbund=forbund,
            title=CALL_TITLE,
            funds="Samverkansinsatser som hjälper unga vuxna 18–29 år närmare arbete eller "
            "studier, med minst två av förbundets parter.",
            criteria="Samverkan mellan parterna, tydlig målgrupp, mätbara mål och en plan för "
            "implementering i ordinarie verksamhet.",
            form_instructions="Bifoga en detaljerad budget per år och kostnadsslag.",
            opens_on=today - datetime.timedelta(days=30),
            deadline=today + datetime.timedelta(days=60),
            total_amount=Decimal("1500000.00"),
            is_published=True,
            created_by=admin,
        )
        _audit(call, forbund)
        made["utlysningar"] += 1
    return call


def _lines(application: Application, region: Party, year: int) -> None:
    salary = {"category": "loner", "fte_percent": Decimal(50)}
    rows: list[dict[str, Any]] = [
        {
            **salary,
            "year": year,
            "description": "Processledare",
            "amount": Decimal(300000),
            "period_from": datetime.date(year, 1, 1),
            "period_to": datetime.date(year, 12, 31),
        },
        {
            "year": year,
            "category": "kompetensutveckling",
            "description": "IPS-utbildning",
            "amount": Decimal(100000),
        },
        {"year": year, "category": "resor", "amount": Decimal(50000)},
        {
            **salary,
            "year": year + 1,
            "description": "Processledare",
            "amount": Decimal(300000),
            "period_from": datetime.date(year + 1, 1, 1),
            "period_to": datetime.date(year + 1, 12, 31),
        },
        {"year": year + 1, "category": "informationsmaterial", "amount": Decimal(30000)},
    ]
    for row in rows:
        ApplicationBudgetLine.objects.create(
            application=application, forbund_amount=row["amount"], **row
        )
    # The region's own contribution in kind: a psychiatry team member's time (seed 003).
    ApplicationBudgetLine.objects.create(
        application=application,
        year=year,
        category="loner",
        description="Arbetstid i psykiatrins team",
        fte_percent=Decimal(10),
        period_from=datetime.date(year, 1, 1),
        period_to=datetime.date(year, 12, 31),
        amount=Decimal(60000),
        in_kind_amount=Decimal(60000),
        cofinancing_party=region,
    )


def _application(
    forbund: Forbund, membership: Membership, name: str, fields: dict[str, Any]
) -> tuple[Application, bool]:
    existing = Application.objects.filter(forbund=forbund, name=name).first()
    if existing is not None:
        return existing, False
    assert membership.party is not None
    application = Application.objects.create(
        forbund=forbund,
        applicant_party=membership.party,
        created_by=membership.user,
        name=name,
        **fields,
    )
    _audit(application, forbund)
    return application, True


def seed_applications(forbund: Forbund) -> Counter[str]:
    """Create what is missing of the demo's calls and applications."""
    made: Counter[str] = Counter()
    membership = _grant_applicant_right(forbund)
    admin = User.objects.filter(username="admin").first()
    if membership is None or membership.party is None or admin is None:
        return made
    today = timezone.localdate()
    call = _call(forbund, admin, today, made)
    region = membership.party
    partner = Party.objects.filter(forbund=forbund, name="Sjötorps kommun").first()
    _draft, created = _application(
        forbund, membership, DRAFT_NAME, {"call": call, "purpose": "Utkast: syftet skrivs."}
    )
    made["ansökningar"] += int(created)
    year = today.year + 1
    fields = {
        **SECTIONS,
        "status": ApplicationStatus.SUBMITTED,
        "submitted_on": today - datetime.timedelta(days=5),
        "planned_start": datetime.date(year, 1, 1),
        "planned_end": datetime.date(year + 1, 12, 31),
    }
    submitted, created = _application(forbund, membership, SUBMITTED_NAME, fields)
    if created:
        made["ansökningar"] += 1
        _lines(submitted, region, year)
        ApplicationYear.objects.create(application=submitted, year=year, planned_participants=15)
        ApplicationYear.objects.create(
            application=submitted, year=year + 1, planned_participants=20
        )
        signers = [(region, "Björn Sandberg", "Verksamhetschef")]
        if partner is not None:
            submitted.partner_parties.set([partner])
            signers.append((partner, "Karin Ås", "Socialchef"))
        for party, signer, title in signers:
            ApplicationSignature.objects.create(
                application=submitted,
                party=party,
                signer_name=signer,
                signer_title=title,
                signed_on=today - datetime.timedelta(days=6),
            )
    return made
