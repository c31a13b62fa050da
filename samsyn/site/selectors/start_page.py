"""What the start page offers each role: the places its work happens."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from samsyn.core.models import Forbund, Membership, User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to


@dataclass
class StartLink:
    label: str
    url: str
    description: str = ""


@dataclass
class StartSection:
    forbund: Forbund
    roles: list[str] = field(default_factory=list)
    links: list[StartLink] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)


_ROLE_INTRO = {
    Role.FORBUNDSADMIN: lambda: _("Du administrerar förbundets parter, team och användare."),
    Role.INSATSANSVARIG: lambda: _("Du leder insatser och ser alla deras deltagare."),
    Role.COACH: lambda: _("Du arbetar med deltagarna i din ärendelista."),
    Role.HANDLAGGARE: lambda: _(
        "Du ser de personer du har anvisat, så länge deras samtycke gäller."
    ),
    Role.STYRGRUPP: lambda: _("Du ser förbundets insatser och sammanställda resultat."),
    Role.GRANSKARE: lambda: _("Du granskar loggen över vem som tagit del av personuppgifter."),
}


def _links_for(role: str) -> list[StartLink]:
    if role == Role.FORBUNDSADMIN:
        return [
            StartLink(_("Parter"), reverse("manage:party_list"), _("Förbundets medlemmar")),
            StartLink(_("Team"), reverse("manage:team_list"), _("Team och deras medlemmar")),
            StartLink(_("Användare"), reverse("manage:user_list"), _("Konton och roller")),
            StartLink(
                _("Förbundets inställningar"),
                reverse("manage:forbund_settings"),
                _("Gräns för små antal i rapporter"),
            ),
            StartLink(_("Insatser"), reverse("interventions:list"), _("Skapa och ändra insatser")),
            StartLink(
                _("Importera inskrivningar"),
                reverse("participants:import"),
                _("Flytta in deltagare från kalkylark eller SUS-uttag"),
            ),
        ]
    if role == Role.GRANSKARE:
        return [
            StartLink(
                _("Logggranskning"),
                reverse("audit:event_list"),
                _("Sök i loggen, dra stickprov och dokumentera granskningen"),
            )
        ]
    if role == Role.INSATSANSVARIG:
        return [
            *_links_for(Role.COACH),
            StartLink(
                _("Uppföljningar att göra"),
                reverse("participants:followups_due"),
                _("Uppföljningsmöten per coach, försenade och de närmaste två veckorna"),
            ),
            StartLink(
                _("Importera inskrivningar"),
                reverse("participants:import"),
                _("Flytta in deltagare från kalkylark eller SUS-uttag"),
            ),
        ]
    if role == Role.COACH:
        return [
            StartLink(
                _("Min ärendelista"),
                reverse("participants:caseload"),
                _("Dina deltagare, nästa uppföljning och det som är försenat"),
            ),
            StartLink(
                _("Efteruppföljningar att göra"),
                reverse("participants:post_exit_due"),
                _("Uppföljningar 6 och 12 månader efter avslut"),
            ),
            StartLink(
                _("Anvisningar"),
                reverse("participants:referral_list"),
                _("Anvisningar som väntar på beslut, samtycke och inskrivning"),
            ),
        ]
    if role == Role.HANDLAGGARE:
        return [
            StartLink(
                _("Ny anvisning"),
                reverse("participants:referral_create_start"),
                _("Anvisa en person till en insats"),
            ),
            StartLink(
                _("Mina anvisningar"),
                reverse("participants:referral_mine"),
                _("Personer du har anvisat och anvisningarnas status"),
            ),
        ]
    return []


def start_sections_for(*, user: User, memberships: list[Membership]) -> list[StartSection]:
    """One section per förbund, listing the user's roles, links and interventions there."""
    sections: dict[int, StartSection] = {}
    for membership in memberships:
        section = sections.setdefault(
            membership.forbund_id, StartSection(forbund=membership.forbund)
        )
        section.roles.append(_ROLE_INTRO[Role(membership.role)]())
        for link in _links_for(membership.role):
            if link.url not in {existing.url for existing in section.links}:
                section.links.append(link)
    interventions = interventions_visible_to(user).select_related("forbund").order_by("name")
    for intervention in interventions:
        if intervention.forbund_id in sections:
            sections[intervention.forbund_id].interventions.append(intervention)
    return list(sections.values())
