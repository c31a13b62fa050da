"""The applications area's index: which of its list pages the acting user may open.

Each rule is the one the page itself applies before answering 404 (the selectors named
beside it), so a link shown here never leads to a 404. A constant number of queries: one
for the user's memberships in the area's roles, one each for the claimable interventions
and (only for a user who neither prepares nor reads decisions) the party's decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from samsyn.applications.selectors.access import claimable_interventions
from samsyn.applications.selectors.decisions import decisions_visible_to
from samsyn.core.models import Forbund, Membership, User
from samsyn.core.roles import Role


@dataclass(frozen=True)
class AreaLink:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class _Rights:
    staff: bool  # förbundsadministratör: prepares, decides, approves (preparation_queue)
    applicant: bool  # the "sökande" right (applications.is_applicant)
    reader_forbunds: list[Forbund]  # staff and styrgrupp (decision_reader_forbund_ids)
    claims: bool  # claimable_interventions: insatsansvarig or applicant of the owner party


def _rights(user: User) -> _Rights:
    if not user.is_authenticated or not user.is_active:
        return _Rights(False, False, [], False)
    memberships = list(
        Membership.objects.filter(user=user, is_active=True, forbund__isnull=False)
        .select_related("forbund")
        .order_by("forbund__name")
    )
    staff = any(m.role == Role.FORBUNDSADMIN for m in memberships)
    applicant = any(m.may_apply and m.party_id for m in memberships)
    readers: dict[int, Forbund] = {}
    for membership in memberships:
        if membership.role in (Role.FORBUNDSADMIN, Role.STYRGRUPP):
            readers.setdefault(membership.forbund_id, membership.forbund)
    claims = bool(memberships) and claimable_interventions(user).exists()
    return _Rights(staff, applicant, list(readers.values()), claims)


def _budget_links(rights: _Rights) -> list[AreaLink]:
    many = len(rights.reader_forbunds) > 1
    return [
        AreaLink(
            "forbund_budget",
            _("Förbundets budget: %(name)s") % {"name": forbund.name}
            if many
            else _("Förbundets budget"),
            reverse("applications:forbund_budget", args=[forbund.pk]),
        )
        for forbund in rights.reader_forbunds
    ]


def area_links(*, actor: User) -> list[AreaLink]:
    """The area's pages the actor may open, in the order of the förbund's year."""
    rights = _rights(actor)
    readers = bool(rights.reader_forbunds)
    decisions = readers or (rights.applicant and decisions_visible_to(actor).exists())
    shown = [
        ("call_list", _("Utlysningar"), rights.staff or rights.applicant),
        ("application_list", _("Ansökningar"), rights.applicant or readers),
        ("preparation_list", _("Beredning"), rights.staff),
        ("decision_list", _("Beslut"), decisions),
        ("deviation_list", _("Avvikelser"), rights.staff or rights.claims),
        ("claims", _("Rekvisitioner"), rights.staff or rights.claims),
        ("utilisation", _("Utnyttjande"), readers or rights.claims),
    ]
    links = [
        AreaLink(name, label, reverse(f"applications:{name}")) for name, label, ok in shown if ok
    ]
    links += _budget_links(rights)
    if rights.staff:
        links.append(
            AreaLink("forbund_income", _("Medlemsbidrag"), reverse("applications:forbund_income"))
        )
    return links
