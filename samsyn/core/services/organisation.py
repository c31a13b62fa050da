"""Writes for the förbund's organisation: parties, teams and team members."""

from __future__ import annotations

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Forbund, Party, PartyKind, Team, TeamKind, TeamMember, User
from samsyn.core.models.organisation import SMALL_COUNT_LIMITS
from samsyn.core.orgnr import normalize_organisationsnummer
from samsyn.core.services._common import (
    Errors,
    already_taken,
    audit,
    raise_if,
    require_administers,
    save_unique,
)
from samsyn.core.versioning import save_versioned

_MUNICIPALITY_CODE = re.compile(r"^\d{4}$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{5,30}$")


# --- the förbund's settings ---------------------------------------------------------------


@transaction.atomic
def forbund_set_small_count_limit(
    *, actor: User, forbund: Forbund, limit: int, expected_version: int
) -> Forbund:
    """Set the limit under which counts are hidden from audiences without access to personal
    data (3 or 5). Only the förbund's administrator; the audit event names old and new."""
    require_administers(actor, forbund.pk)
    if limit not in SMALL_COUNT_LIMITS:
        raise ValidationError({"small_count_limit": [_("Gränsen kan bara vara 3 eller 5.")]})
    old = forbund.small_count_limit
    forbund.small_count_limit = limit
    save_versioned(forbund, expected_version=expected_version, fields=["small_count_limit"])
    audit(
        actor,
        AuditAction.UPDATE,
        forbund,
        forbund,
        f"Gräns för små antal ändrad från {old} till {limit}",
    )
    return forbund


# --- parties ------------------------------------------------------------------------------


def _clean_party(
    *,
    forbund_id: int,
    kind: str,
    name: str,
    organisationsnummer: str,
    municipality_code: str,
    exclude_pk: int | None = None,
) -> dict[str, str]:
    errors: Errors = {}
    name = name.strip()
    code = municipality_code.strip()
    if not name:
        errors["name"] = [_("Ange partens namn.")]
    elif already_taken(
        Party.objects.filter(forbund_id=forbund_id, name__iexact=name), exclude_pk=exclude_pk
    ):
        errors["name"] = [_("Det finns redan en part med det namnet i förbundet.")]
    if kind not in PartyKind.values:
        errors["kind"] = [_("Välj vilken typ av part det är.")]
    orgnr = ""
    try:
        orgnr = normalize_organisationsnummer(organisationsnummer)
    except ValidationError as error:
        errors["organisationsnummer"] = list(error.messages)
    if kind == PartyKind.KOMMUN and not _MUNICIPALITY_CODE.match(code):
        errors["municipality_code"] = [
            _("En kommun ska ha en kommunkod med fyra siffror, till exempel 1780.")
        ]
    elif kind != PartyKind.KOMMUN and code:
        errors["municipality_code"] = [_("Kommunkod anges bara för kommuner.")]
    raise_if(errors)
    return {
        "kind": kind,
        "name": name,
        "organisationsnummer": orgnr,
        "municipality_code": code,
    }


@transaction.atomic
def party_create(
    *,
    actor: User,
    forbund: Forbund,
    kind: str,
    name: str,
    organisationsnummer: str,
    municipality_code: str = "",
) -> Party:
    require_administers(actor, forbund.pk)
    values = _clean_party(
        forbund_id=forbund.pk,
        kind=kind,
        name=name,
        organisationsnummer=organisationsnummer,
        municipality_code=municipality_code,
    )
    party = Party(forbund=forbund, **values)
    save_unique(party.save, field="name", message=_("Det finns redan en part med det namnet."))
    audit(actor, AuditAction.CREATE, forbund, party, "Part skapad")
    return party


@transaction.atomic
def party_update(
    *,
    actor: User,
    party: Party,
    expected_version: int,
    kind: str,
    name: str,
    organisationsnummer: str,
    municipality_code: str = "",
) -> Party:
    require_administers(actor, party.forbund_id)
    values = _clean_party(
        forbund_id=party.forbund_id,
        kind=kind,
        name=name,
        organisationsnummer=organisationsnummer,
        municipality_code=municipality_code,
        exclude_pk=party.pk,
    )
    for field, value in values.items():
        setattr(party, field, value)

    def save() -> None:
        save_versioned(party, expected_version=expected_version, fields=list(values))

    save_unique(save, field="name", message=_("Det finns redan en part med det namnet."))
    audit(actor, AuditAction.UPDATE, party.forbund, party, "Part ändrad")
    return party


@transaction.atomic
def party_set_active(*, actor: User, party: Party, active: bool, expected_version: int) -> Party:
    """Deactivate or reactivate a party. Parties are never deleted: history points at them."""
    require_administers(actor, party.forbund_id)
    party.is_active = active
    save_versioned(party, expected_version=expected_version, fields=["is_active"])
    detail = "Part återaktiverad" if active else "Part inaktiverad"
    audit(actor, AuditAction.UPDATE, party.forbund, party, detail)
    return party


# --- teams --------------------------------------------------------------------------------


def _clean_team(
    *, forbund_id: int, kind: str, name: str, exclude_pk: int | None = None
) -> dict[str, str]:
    errors: Errors = {}
    name = name.strip()
    if not name:
        errors["name"] = [_("Ange teamets namn.")]
    elif already_taken(
        Team.objects.filter(forbund_id=forbund_id, name__iexact=name), exclude_pk=exclude_pk
    ):
        errors["name"] = [_("Det finns redan ett team med det namnet i förbundet.")]
    if kind not in TeamKind.values:
        errors["kind"] = [_("Välj vilken typ av team det är.")]
    raise_if(errors)
    return {"kind": kind, "name": name}


@transaction.atomic
def team_create(
    *,
    actor: User,
    forbund: Forbund,
    kind: str,
    name: str,
    description: str = "",
    meeting_interval_weeks: int | None = None,
) -> Team:
    require_administers(actor, forbund.pk)
    values = _clean_team(forbund_id=forbund.pk, kind=kind, name=name)
    team = Team(
        forbund=forbund,
        description=description.strip(),
        meeting_interval_weeks=meeting_interval_weeks,
        **values,
    )
    save_unique(team.save, field="name", message=_("Det finns redan ett team med det namnet."))
    audit(actor, AuditAction.CREATE, forbund, team, "Team skapat")
    return team


@transaction.atomic
def team_update(
    *,
    actor: User,
    team: Team,
    expected_version: int,
    kind: str,
    name: str,
    description: str = "",
    meeting_interval_weeks: int | None = None,
    is_active: bool = True,
) -> Team:
    require_administers(actor, team.forbund_id)
    values = _clean_team(forbund_id=team.forbund_id, kind=kind, name=name, exclude_pk=team.pk)
    team.kind = values["kind"]
    team.name = values["name"]
    team.description = description.strip()
    team.meeting_interval_weeks = meeting_interval_weeks
    team.is_active = is_active
    fields = ["kind", "name", "description", "meeting_interval_weeks", "is_active"]

    def save() -> None:
        save_versioned(team, expected_version=expected_version, fields=fields)

    save_unique(save, field="name", message=_("Det finns redan ett team med det namnet."))
    audit(actor, AuditAction.UPDATE, team.forbund, team, "Team ändrat")
    return team


def _clean_member(
    *, team: Team, party: Party, user: User | None, name: str, email: str, phone: str
) -> Errors:
    errors: Errors = {}
    if party.forbund_id != team.forbund_id:
        errors["party"] = [_("Parten hör inte till teamets förbund.")]
    elif not party.is_active:
        errors["party"] = [_("Parten är inaktiv.")]
    if user is None and not name:
        errors[NON_FIELD_ERRORS] = [
            _("Välj en användare, eller fyll i namnet på en person utan inloggning.")
        ]
    if user is not None and (name or email or phone):
        errors[NON_FIELD_ERRORS] = [
            _("Namn, e-post och telefon fylls bara i för en person utan inloggning.")
        ]
    if user is not None:
        in_forbund = user.memberships.filter(forbund_id=team.forbund_id, is_active=True).exists()
        if not in_forbund or not user.is_active:
            errors["user"] = [_("Användaren har ingen aktiv roll i teamets förbund.")]
        elif team.members.filter(user=user).exists():
            errors["user"] = [_("Användaren är redan medlem i teamet.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Ange en giltig e-postadress, till exempel namn@kommun.se.")]
    if phone and not _PHONE.match(phone):
        errors["phone"] = [_("Ange telefonnumret med siffror, till exempel 070-123 45 67.")]
    return errors


@transaction.atomic
def team_member_add(
    *,
    actor: User,
    team: Team,
    party: Party,
    function: str = "",
    user: User | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
) -> TeamMember:
    """Seat a user of the förbund, or a person without a log-in, in a team for a party."""
    require_administers(actor, team.forbund_id)
    name, email, phone = name.strip(), email.strip(), phone.strip()
    raise_if(_clean_member(team=team, party=party, user=user, name=name, email=email, phone=phone))
    member = TeamMember(
        team=team,
        party=party,
        user=user,
        name=name,
        email=email,
        phone=phone,
        function=function.strip()[:120],
    )
    save_unique(member.save, field="user", message=_("Användaren är redan medlem i teamet."))
    audit(actor, AuditAction.CREATE, team.forbund, member, f"Teammedlem tillagd i team {team.pk}")
    return member


@transaction.atomic
def team_member_set_coordinator(*, actor: User, member: TeamMember, is_coordinator: bool) -> None:
    """Make a seat the team's coordinator, or not (docs/collaboration.md): the coordinator
    plans the team's meetings, takes attendance and approves the minutes. Only a seat held by
    a user can coordinate; a team may have more than one coordinator (a stand-in)."""
    team = member.team
    require_administers(actor, team.forbund_id)
    if is_coordinator and member.user_id is None:
        raise ValidationError(
            _(
                "Bara en medlem med inloggning kan vara samordnare. "
                "Lägg till personen som användare först."
            )
        )
    if member.is_coordinator == is_coordinator:
        return
    TeamMember.objects.filter(pk=member.pk).update(is_coordinator=is_coordinator)
    member.is_coordinator = is_coordinator
    detail = "Samordnare utsedd" if is_coordinator else "Samordnaruppdrag borttaget"
    audit(actor, AuditAction.UPDATE, team.forbund, member, f"{detail} i team {team.pk}")


@transaction.atomic
def team_member_remove(*, actor: User, member: TeamMember) -> None:
    team = member.team
    require_administers(actor, team.forbund_id)
    # Logged before the delete so the event keeps the member's id.
    audit(
        actor, AuditAction.DELETE, team.forbund, member, f"Teammedlem borttagen ur team {team.pk}"
    )
    member.delete()
