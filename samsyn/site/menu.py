"""The main menu: one definition per role, merged for a user with several roles.

Each role lists its items (``ROLE_MENUS``); a membership adds what its own rights open (the
"sökande" right opens "Ansökningar"; IPS items only where the role reaches IPS work). A user
with several memberships, in one förbund or several, gets the union of their items in the
order of ``MENU_ORDER``, each item once. Everything is computed from the memberships the
context processor has already loaded (one query with their named interventions), so the
menu costs no query of its own. See docs/menus.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.urls import ResolverMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samsyn.core.models import Membership
from samsyn.core.roles import Role
from samsyn.ips.selectors.employers import is_ips


@dataclass(frozen=True)
class MenuItem:
    """One entry of the main menu.

    ``current`` lists patterns (``fnmatch``) of the view names on which the item is the
    current page, e.g. ``"collaboration:*"`` for every page of the collaboration app.
    ``yields_to`` names an item that replaces this one when both would be shown.
    """

    key: str
    label: Promise
    url_name: str
    current: tuple[str, ...]
    yields_to: str = ""

    def is_current(self, match: ResolverMatch | None) -> bool:
        if match is None or not match.view_name:
            return False
        return any(fnmatchcase(match.view_name, pattern) for pattern in self.current)


@dataclass(frozen=True)
class MenuEntry:
    """An item as the template renders it."""

    key: str
    label: str
    url: str
    current: bool


START = MenuItem("start", _("Start"), "core:start", ("core:start",))
PARTIES = MenuItem("parties", _("Parter"), "manage:party_list", ("manage:party_list",))
TEAMS = MenuItem("teams", _("Team"), "manage:team_list", ("manage:team_list",))
INTERVENTIONS = MenuItem(
    "interventions", _("Insatser"), "interventions:list", ("interventions:list",)
)
USERS = MenuItem("users", _("Användare"), "manage:user_list", ("manage:user_list",))
REGISTER_EXTRACT = MenuItem(
    "register_extract", _("Registerutdrag"), "lifecycle:register_extract", ("lifecycle:*",)
)
CASELOAD = MenuItem(
    "caseload", _("Ärendelista"), "participants:caseload", ("participants:caseload",)
)
REFERRALS = MenuItem(
    "referrals", _("Anvisningar"), "participants:referral_list", ("participants:referral_list",)
)
MY_REFERRALS = MenuItem(
    "my_referrals",
    _("Mina anvisningar"),
    "participants:referral_mine",
    ("participants:referral_mine",),
)
EMPLOYER_BANK = MenuItem(
    "employer_bank", _("Företagsbanken"), "ips:employer_list", ("ips:employer_*",)
)
JOB_DEVELOPMENT = MenuItem(
    "job_development", _("Jobbutveckling"), "ips:job_development", ("ips:job_development",)
)
COLLABORATION = MenuItem(
    "collaboration", _("Samverkan"), "collaboration:team_list", ("collaboration:*",)
)
REPORTS = MenuItem(
    "reports", _("Rapporter"), "reporting:forbund_overview", ("reporting:forbund_*",)
)
APPLICATIONS = MenuItem(
    "applications", _("Ansökningar"), "applications:application_list", ("applications:*",)
)
# Without the sökande right the insatsansvarig still claims its interventions' money.
CLAIMS = MenuItem(
    "claims",
    _("Rekvisitioner"),
    "applications:claims",
    ("applications:*",),
    yields_to="applications",
)
AUDIT = MenuItem("audit", _("Logggranskning"), "audit:event_list", ("audit:event_list",))
ACCOUNT = MenuItem("account", _("Mitt konto"), "core:account", ("core:account",))

# The order of the merged menu.
MENU_ORDER: tuple[MenuItem, ...] = (
    START,
    PARTIES,
    TEAMS,
    INTERVENTIONS,
    USERS,
    REGISTER_EXTRACT,
    CASELOAD,
    REFERRALS,
    MY_REFERRALS,
    EMPLOYER_BANK,
    JOB_DEVELOPMENT,
    COLLABORATION,
    REPORTS,
    APPLICATIONS,
    CLAIMS,
    AUDIT,
    ACCOUNT,
)
_POSITION = {item.key: index for index, item in enumerate(MENU_ORDER)}

# Every signed-in user: the start page and the account.
COMMON: tuple[MenuItem, ...] = (START, ACCOUNT)

# The items of each role. IPS items (``IPS_ITEMS``) are kept only where the membership
# reaches IPS work (``_reaches_ips``).
ROLE_MENUS: dict[Role, tuple[MenuItem, ...]] = {
    Role.FORBUNDSADMIN: (
        PARTIES,
        TEAMS,
        INTERVENTIONS,
        USERS,
        REGISTER_EXTRACT,
        COLLABORATION,
        REPORTS,
        APPLICATIONS,
    ),
    Role.INSATSANSVARIG: (
        CASELOAD,
        REFERRALS,
        EMPLOYER_BANK,
        JOB_DEVELOPMENT,
        COLLABORATION,
        CLAIMS,
    ),
    Role.COACH: (CASELOAD, REFERRALS, EMPLOYER_BANK, JOB_DEVELOPMENT, COLLABORATION),
    # The handläggare's caseload lists the people they referred (CASELOAD_ROLES).
    Role.HANDLAGGARE: (CASELOAD, MY_REFERRALS, COLLABORATION),
    Role.STYRGRUPP: (REPORTS, APPLICATIONS),
    Role.GRANSKARE: (AUDIT,),
}
IPS_ITEMS = frozenset({EMPLOYER_BANK.key, JOB_DEVELOPMENT.key})


def _reaches_ips(membership: Membership) -> bool:
    """Whether the membership may reach IPS/Supported Employment work, judged from its
    prefetched interventions: a membership limited to named interventions reaches IPS work
    when one of them is an IPS intervention; one covering the whole förbund may (what the
    förbund runs is not loaded here, so the item is shown and the page says the rest)."""
    named = list(membership.interventions.all())
    return not named or any(is_ips(intervention) for intervention in named)


def items_for_membership(membership: Membership) -> list[MenuItem]:
    """The items one membership opens."""
    items = [
        item
        for item in ROLE_MENUS.get(Role(membership.role), ())
        if item.key not in IPS_ITEMS or _reaches_ips(membership)
    ]
    if membership.may_apply:
        items.append(APPLICATIONS)
    return items


def menu_items(memberships: Iterable[Membership]) -> list[MenuItem]:
    """The merged menu of all the user's memberships: each item once, in ``MENU_ORDER``."""
    chosen = {item.key: item for item in COMMON}
    for membership in memberships:
        chosen.update((item.key, item) for item in items_for_membership(membership))
    shown = [item for item in chosen.values() if item.yields_to not in chosen]
    return sorted(shown, key=lambda item: _POSITION[item.key])


def main_menu(memberships: Iterable[Membership], match: ResolverMatch | None) -> list[MenuEntry]:
    """The entries the base layout renders; the first item matching the page is current."""
    entries: list[MenuEntry] = []
    found = False
    for item in menu_items(memberships):
        current = not found and item.is_current(match)
        found = found or current
        entries.append(MenuEntry(item.key, str(item.label), reverse(item.url_name), current))
    return entries
