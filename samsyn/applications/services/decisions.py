"""The decision on an application, recorded by the förbund's staff as the deciding body made
it: body, date, paragraph, outcome, conditions, motivation, the granted maximum per year and
the minutes. A decision is final: changing it needs a new (change) application.

A granted new application becomes its intervention in the same transaction
(``grant.grant_apply``); a granted change or continuation changes the intervention. Bad input
is refused with Swedish messages and changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.applications.models import (
    Application,
    ApplicationKind,
    ApplicationStatus,
    DecidingBody,
    Decision,
    DecisionOutcome,
    DecisionYear,
)
from samsyn.applications.selectors.access import staff_forbund_ids
from samsyn.applications.services.grant import grant_apply
from samsyn.applications.services.preparation import (
    APPLICANT_ROLE,
    audit_application,
    require_staff,
)
from samsyn.audit.models import AuditAction
from samsyn.core.files.sniffing import DOCX, PDF, document_kind, sniff_upload
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.versioning import save_versioned
from samsyn.interventions.services.money.common import amount_error, format_amount

MAX_PARAGRAPH = 20
MAX_TEXT = 10000
DECIDABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_PREPARATION)
MINUTES_KINDS = (PDF, DOCX)


@dataclass(frozen=True)
class DecisionFields:
    body: str
    decided_on: datetime.date | None
    paragraph: str
    outcome: str
    conditions: str = ""
    motivation: str = ""
    # The granted maximum per year of the application (the förbund's money only).
    years: Mapping[int, Decimal | None] = field(default_factory=dict)
    # The staff confirm a year granted above what the application asked of the förbund.
    confirm_over_request: bool = False


def requested_per_year(application: Application) -> dict[int, Decimal]:
    """What the application asks of the förbund per year (summed in SQL); every year of the
    application, also one without money, is a key."""
    requested = {
        row["year"]: row["total"] or Decimal(0)
        for row in application.budget_lines.order_by()
        .values("year")
        .annotate(total=Sum("forbund_amount"))
    }
    for year in application.years.values_list("year", flat=True):
        requested.setdefault(year, Decimal(0))
    return dict(sorted(requested.items()))


def _check_head(fields: DecisionFields, errors: dict[str, list[str]]) -> None:
    if fields.body not in DecidingBody.values:
        errors["body"] = [_("Ange vilket organ som fattade beslutet.")]
    if fields.decided_on is None:
        errors["decided_on"] = [_("Ange beslutsdatum.")]
    elif fields.decided_on > timezone.localdate():
        errors["decided_on"] = [_("Beslutsdatum kan inte ligga i framtiden.")]
    paragraph = fields.paragraph.strip().lstrip("§").strip()
    if not paragraph:
        errors["paragraph"] = [_("Ange protokollets paragraf, till exempel 14.")]
    elif len(paragraph) > MAX_PARAGRAPH:
        errors["paragraph"] = [_("Paragrafen får vara högst 20 tecken.")]
    if fields.outcome not in DecisionOutcome.values:
        errors["outcome"] = [_("Välj beslut: beviljad, beviljad med villkor eller avslagen.")]
    elif (
        fields.outcome == DecisionOutcome.GRANTED_WITH_CONDITIONS and not fields.conditions.strip()
    ):
        errors["conditions"] = [_("Skriv villkoren för ett beslut som beviljas med villkor.")]
    for name in ("conditions", "motivation"):
        if len(getattr(fields, name)) > MAX_TEXT:
            errors[name] = [_("Texten får vara högst 10 000 tecken.")]


def _check_years(
    fields: DecisionFields, requested: dict[int, Decimal], errors: dict[str, list[str]]
) -> dict[int, Decimal]:
    """The granted amount per year: one per year of the application, ≥ 0, not above what
    was asked of the förbund unless the staff confirm it, and more than 0 in all."""
    if fields.outcome == DecisionOutcome.REFUSED:
        if any(amount for amount in fields.years.values()):
            errors["years"] = [_("Ett avslag beviljar inga medel: lämna beloppen tomma.")]
        return {}
    granted: dict[int, Decimal] = {}
    unknown = sorted(set(fields.years) - set(requested))
    if unknown:
        errors["years"] = [
            _("Ansökan gäller inte år %(years)s.") % {"years": ", ".join(map(str, unknown))}
        ]
    over = []
    for year, asked in requested.items():
        amount = fields.years.get(year)
        name = f"year_{year}"
        if message := amount_error(amount):
            errors[name] = [message]
            continue
        assert amount is not None
        granted[year] = amount
        if amount > asked:
            over.append(year)
    if over and not fields.confirm_over_request:
        errors["confirm_over_request"] = [
            _(
                "Beviljat belopp för %(years)s är högre än vad ansökan begär av förbundet. "
                "Bekräfta att beslutet beviljar mer än det sökta."
            )
            % {"years": ", ".join(map(str, over))}
        ]
    if not errors and requested and sum(granted.values()) <= 0:
        errors["years"] = [_("Ett beviljande beslut ska bevilja ett belopp större än 0 kr.")]
    return granted


def _sniff_minutes(minutes: UploadedFile | None) -> str:
    if minutes is None:
        return ""
    try:
        kind = sniff_upload(
            minutes,
            accept=MINUTES_KINDS,
            refusal=_("Protokollet ska vara en PDF eller en Word-fil (DOCX)."),
        )
    except ValidationError as error:
        raise ValidationError({"minutes": error.messages}) from None
    return kind.extension


@transaction.atomic
def decision_record(
    *,
    actor: User,
    application: Application,
    fields: DecisionFields,
    minutes: UploadedFile | None = None,
) -> Decision:
    """Record the decision; a granted one becomes (or changes) the intervention."""
    require_staff(actor, application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == ApplicationStatus.DECIDED or hasattr(application, "decision"):
        raise ValidationError(
            _(
                "Ansökan är redan beslutad. Ett beslut ändras inte i efterhand: "
                "en ändring kräver en ny ansökan om ändring."
            ),
            code="decided",
        )
    if application.status not in DECIDABLE:
        raise ValidationError(
            _("Ansökan kan beslutas när den är inskickad eller under beredning."), code="state"
        )
    errors: dict[str, list[str]] = {}
    _check_head(fields, errors)
    requested = requested_per_year(application)
    if (
        not requested
        and application.kind == ApplicationKind.NEW
        and fields.outcome
        in (
            DecisionOutcome.GRANTED,
            DecisionOutcome.GRANTED_WITH_CONDITIONS,
        )
    ):
        errors["years"] = [_("Ansökan har ingen budget per år att bevilja medel för.")]
    # A change of period or target group alone asks for no money: nothing to grant per year.
    granted = _check_years(fields, requested, errors)
    if errors:
        raise ValidationError(errors)
    extension = _sniff_minutes(minutes)
    assert fields.decided_on is not None
    decision = Decision.objects.create(
        application=application,
        body=fields.body,
        decided_on=fields.decided_on,
        paragraph=fields.paragraph.strip().lstrip("§").strip(),
        outcome=fields.outcome,
        conditions=fields.conditions.strip(),
        motivation=fields.motivation.strip(),
        recorded_by=actor,
    )
    DecisionYear.objects.bulk_create(
        DecisionYear(decision=decision, year=year, granted_amount=amount)
        for year, amount in granted.items()
    )
    if minutes is not None:
        decision.minutes.save(f"protokoll{extension}", minutes, save=False)
        Decision.objects.filter(pk=decision.pk).update(minutes=decision.minutes.name)
    application.status = ApplicationStatus.DECIDED
    changed = ["status"]
    if decision.is_granted:
        intervention = grant_apply(actor=actor, decision=decision)
        application.intervention = intervention
        changed.append("intervention")
    save_versioned(application, expected_version=application.version, fields=changed)
    total = format_amount(sum(granted.values(), Decimal(0)))
    audit_application(
        actor=actor,
        role=Role.FORBUNDSADMIN.value,
        action=AuditAction.CREATE,
        application=application,
        obj=decision,
        detail=f"Beslut {decision.outcome} {decision.decided_on} § {decision.paragraph}, "
        f"beviljat {total} kr",
    )
    return decision


def _reader_role(actor: User, decision: Decision) -> str:
    forbund_id = decision.application.forbund_id
    if staff_forbund_ids(actor).filter(forbund_id=forbund_id).exists():
        return Role.FORBUNDSADMIN.value
    if (
        decision.application.applicant_party_id
        and actor.memberships.filter(
            forbund_id=forbund_id, may_apply=True, party_id=decision.application.applicant_party_id
        ).exists()
    ):
        return APPLICANT_ROLE
    return Role.STYRGRUPP.value


def minutes_open(*, actor: User, decision: Decision) -> tuple[File, str, str]:
    """Open the minutes for download (the caller has found the decision through
    ``decision_get``): (file, content type, download name). Logged as an export."""
    if not decision.minutes:
        raise Http404
    try:
        handle = decision.minutes.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = document_kind(handle)
    if kind not in MINUTES_KINDS:
        handle.close()
        raise Http404
    audit_application(
        actor=actor,
        role=_reader_role(actor, decision),
        action=AuditAction.EXPORT,
        application=decision.application,
        obj=decision,
        detail=f"Protokoll hämtat: beslut {decision.pk}",
    )
    suffix = PurePath(decision.minutes.name or "").suffix or kind.extension
    return handle, kind.content_type, f"protokoll-{decision.decided_on:%Y-%m-%d}{suffix}"
