"""Demo beredning and decisions for Exempeldalen (issue #12), through the services so the
audit log and the intervention they create look as they would in use:

- an application under beredning, with an internal comment and a question the applicant
  answered;
- a granted application that became an intervention, modelled on seed 003 (IPS, two years:
  650 000 and 400 000 kr from the förbund, plus the region's own work in kind), granted with
  seed 003's conditions;
- a refused application;
- a change application (more money) granted, and a continuation decision for a third year;
- a deviation report, acknowledged by the förbund.

Idempotent: each application is found by its name and each report by its title; what exists
is left alone, so a second run changes nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samsyn.applications.models import (
    Application,
    ApplicationBudgetLine,
    ApplicationGoal,
    ApplicationYear,
    DeviationReport,
)
from samsyn.applications.services.changes import ChangeFields, change_application_create
from samsyn.applications.services.decisions import (
    DecisionFields,
    decision_record,
    requested_per_year,
)
from samsyn.applications.services.deviations import (
    DeviationFields,
    ResponseFields,
    deviation_report_create,
    deviation_respond,
)
from samsyn.applications.services.preparation import (
    preparation_answer_add,
    preparation_note_add,
    preparation_start,
)
from samsyn.core.models import Forbund, Membership, Party, User
from samsyn.core.roles import Role

PREPARED = "Arbetsträning i Granberga"
GRANTED = "IPS i Exempeldalen – stöd till arbete"
REFUSED = "Friskvårdsgrupper för unga vuxna"
DEVIATION = "Processledaren på föräldraledighet"
# Seed 003, "Kostnader": the conditions every grant carries.
CONDITIONS = (
    "De i beslut beviljade medlen utgör ett maxbelopp, och grund för ersättning är faktiskt "
    "upparbetade kostnader. Styrelsens beslut om finansiering av samverkansinsatser gäller "
    "under förutsättning att förbundet beviljas medel från medlemsorganisationerna framöver."
)
# A minimal PDF (the minutes): its signature is what the upload check reads.
MINUTES_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# (category, description, förbund's money, own work in kind, FTE %) per year; seed 003.
SEED_003_BUDGET = {
    0: (
        ("loner", "Processledare 50 %", 300_000, 60_000, 50),
        ("kompetensutveckling", "IPS-utbildning och handledning", 100_000, 0, None),
        ("resor", "Resor", 50_000, 0, None),
        ("informationsmaterial", "Informationsmaterial", 30_000, 0, None),
        ("utvardering", "Utvärdering", 20_000, 0, None),
        ("ovrigt", "Vikarier, nätverk och övriga uppstartskostnader", 150_000, 0, None),
    ),
    1: (
        ("loner", "Processledare 50 %", 300_000, 60_000, 50),
        ("ovrigt", "Övriga uppstartskostnader", 100_000, 0, None),
    ),
}


def _people(forbund: Forbund) -> tuple[User, User, Party]:
    """The förbund's administrator, and an applicant with the party it applies for: the
    first "sökande" of the förbund, or else the demo insatsansvarig for the region (who
    gets the right; the IPS intervention is the region's psychiatry's)."""
    admin = Membership.objects.filter(forbund=forbund, role=Role.FORBUNDSADMIN, is_active=True)
    applicant = (
        Membership.objects.filter(forbund=forbund, may_apply=True, is_active=True)
        .select_related("user", "party")
        .order_by("id")
        .first()
    )
    if applicant is None:
        applicant = (
            Membership.objects.filter(
                forbund=forbund, role=Role.INSATSANSVARIG, party__isnull=False, is_active=True
            )
            .select_related("user", "party")
            .order_by("id")
            .first()
        )
        assert applicant is not None, "the demo staff are seeded first"
        Membership.objects.filter(pk=applicant.pk).update(may_apply=True)
    assert applicant.party is not None
    return admin.select_related("user").order_by("id").first().user, applicant.user, applicant.party  # type: ignore[union-attr]


def _application(
    forbund: Forbund,
    applicant: User,
    party: Party,
    name: str,
    start: datetime.date,
    **values: object,
) -> Application:
    application = Application.objects.create(
        forbund=forbund,
        status="inskickad",
        applicant_party=party,
        created_by=applicant,
        submitted_on=start - datetime.timedelta(days=120),
        name=name,
        planned_start=start,
        planned_end=datetime.date(start.year + 1, 12, 31),
        orientation="individinriktad",
        **values,
    )
    partners = forbund.parties.exclude(pk=party.pk).filter(kind="kommun").order_by("name")[:1]
    application.partner_parties.set(partners)
    return application


def _budget(application: Application, first_year: int) -> None:
    for offset, lines in SEED_003_BUDGET.items():
        year = first_year + offset
        for category, description, forbund_money, in_kind, fte in lines:
            ApplicationBudgetLine.objects.create(
                application=application,
                year=year,
                category=category,
                description=description,
                fte_percent=Decimal(fte) if fte else None,
                period_from=datetime.date(year, 1, 1) if fte else None,
                period_to=datetime.date(year, 12, 31) if fte else None,
                amount=Decimal(forbund_money + in_kind),
                forbund_amount=Decimal(forbund_money),
                in_kind_amount=Decimal(in_kind),
                cofinancing_party=application.applicant_party if in_kind else None,
            )
        ApplicationYear.objects.create(application=application, year=year, planned_participants=25)
    ApplicationGoal.objects.create(
        application=application,
        metric_id="share_women",
        comparison="at_least",
        target=50,
        label="Minst hälften kvinnor",
    )


def _decide(
    admin: User,
    application: Application,
    decided_on: datetime.date,
    paragraph: str,
    **values: object,
) -> None:
    application.refresh_from_db()
    totals = requested_per_year(application)  # grant what was asked of the förbund
    fields = {
        "body": "styrelse",
        "decided_on": decided_on,
        "paragraph": paragraph,
        "outcome": "beviljad",
        "motivation": "Insatsen är väl förankrad hos parterna.",
        "years": totals,
        **values,
    }
    decision_record(
        actor=admin,
        application=application,
        fields=DecisionFields(**fields),  # type: ignore[arg-type]
        minutes=SimpleUploadedFile("protokoll.pdf", MINUTES_PDF, content_type="application/pdf"),
    )


def _seed_prepared(
    forbund: Forbund, admin: User, applicant: User, party: Party, start: datetime.date
) -> int:
    if Application.objects.filter(forbund=forbund, name=PREPARED).exists():
        return 0
    application = _application(
        forbund,
        applicant,
        party,
        PREPARED,
        start,
        purpose="Arbetsträning i grupp.",
        target_group="Unga vuxna med försörjningsstöd.",
        methods=["mi_stegforflyttning"],
    )
    _budget(application, start.year)
    preparation_start(actor=admin, application=application)
    preparation_note_add(
        actor=admin,
        application=application,
        kind="kommentar",
        text="Liknar insatsen i Sjötorp; jämför kostnaden per deltagare innan förslaget.",
    )
    preparation_note_add(
        actor=admin,
        application=application,
        kind="fraga",
        text="Hur många av deltagarna räknar ni med från Granberga respektive Älvby?",
    )
    preparation_answer_add(
        actor=applicant,
        application=application,
        text="Ungefär två tredjedelar från Granberga och en tredjedel från Älvby.",
    )
    return 1


def _seed_granted(
    forbund: Forbund, admin: User, applicant: User, party: Party, start: datetime.date
) -> Application:
    found = Application.objects.filter(forbund=forbund, name=GRANTED).first()
    if found is not None:
        return found
    application = _application(
        forbund,
        applicant,
        party,
        GRANTED,
        start,
        purpose="Att erbjuda personer med psykisk sjukdom ett långsiktigt stöd att finna, få "
        "och behålla arbete eller studier, enligt IPS-modellen (seed 003).",
        target_group="Personer med allvarlig psykisk sjukdom, aktuella i psykiatrin och "
        "boende i förbundets kommuner, utan arbetsgivare att återgå till.",
        methods=["ips"],
        contact_name="Irene Exempel",
    )
    _budget(application, start.year)
    preparation_start(actor=admin, application=application)
    _decide(
        admin,
        application,
        start - datetime.timedelta(days=30),
        "14",
        outcome="beviljad_villkor",
        conditions=CONDITIONS,
    )
    application.refresh_from_db()
    return application


def _seed_refused(
    forbund: Forbund, admin: User, applicant: User, party: Party, start: datetime.date
) -> None:
    if Application.objects.filter(forbund=forbund, name=REFUSED).exists():
        return
    application = _application(
        forbund,
        applicant,
        party,
        REFUSED,
        start,
        purpose="Friskvård i grupp.",
    )
    _budget(application, start.year)
    _decide(
        admin,
        application,
        start - datetime.timedelta(days=30),
        "15",
        body="au",
        outcome="avslagen",
        years={},
        motivation="Ligger utanför förbundets uppdrag: insatsen leder inte mot arbete "
        "eller studier.",
    )


def _seed_changes(admin: User, applicant: User, granted: Application) -> int:
    intervention = granted.intervention
    if intervention is None or intervention.applications.exclude(kind="ny").exists():
        return 0
    year = intervention.start_date.year
    decided_on = min(timezone.localdate(), intervention.start_date + datetime.timedelta(days=60))
    change = change_application_create(
        actor=applicant,
        intervention=intervention,
        fields=ChangeFields(
            kind="andring",
            description="Fler anvisade än väntat: en extra IPS-coach på deltid.",
            change_kinds=("medel",),
            amounts={year + 1: Decimal(100_000)},
        ),
    )
    _decide(admin, change, max(decided_on, granted.decision.decided_on), "22", body="au")
    intervention.refresh_from_db()
    continuation = change_application_create(
        actor=applicant,
        intervention=intervention,
        fields=ChangeFields(
            kind="fortsattning",
            description="Fortsättning ett tredje år medan IPS förs in i ordinarie verksamhet.",
            amounts={year + 2: Decimal(300_000)},
            planned_participants=25,
        ),
    )
    _decide(admin, continuation, max(decided_on, granted.decision.decided_on), "31")
    return 2


def _seed_deviation(admin: User, applicant: User, granted: Application) -> int:
    intervention = granted.intervention
    if (
        intervention is None
        or DeviationReport.objects.filter(intervention=intervention, title=DEVIATION).exists()
    ):
        return 0
    report = deviation_report_create(
        actor=applicant,
        intervention=intervention,
        fields=DeviationFields(
            title=DEVIATION,
            description="Processledaren är föräldraledig i fyra månader; en vikarie tar över.",
            proposed_action="Vikarien går IPS-utbildningen; inga ändrade kostnader.",
            reported_on=min(
                timezone.localdate(), intervention.start_date + datetime.timedelta(days=90)
            ),
        ),
    )
    deviation_respond(
        actor=admin,
        report=report,
        expected_version=report.version,
        fields=ResponseFields(
            status="kvitterad", response="Tack, förbundet har noterat vikariatet."
        ),
    )
    return 1


def seed_decisions(forbund: Forbund) -> Counter[str]:
    """Beredning, decisions, a change, a continuation and a deviation report for the demo."""
    created: Counter[str] = Counter()
    admin, applicant, party = _people(forbund)
    start = datetime.date(timezone.localdate().year, 1, 1)
    created["applications"] += _seed_prepared(forbund, admin, applicant, party, start)
    before = Application.objects.filter(forbund=forbund).count()
    granted = _seed_granted(forbund, admin, applicant, party, start)
    _seed_refused(forbund, admin, applicant, party, start)
    created["applications"] += Application.objects.filter(forbund=forbund).count() - before
    created["applications"] += _seed_changes(admin, applicant, granted)
    created["deviation_reports"] += _seed_deviation(admin, applicant, granted)
    return created
