"""Who reaches the employer bank (företagsbank), and the reads of it.

The bank belongs to a förbund (an employer may name one team within it). It is reached by
the förbund's administrator and by the insatsansvarig and coaches of the förbund's IPS or
Supported Employment interventions. Styrgrupp sees only the aggregated job-development page;
everyone else (handläggare, granskare, other förbund) gets 404.

A contact for a named participant shows the participant only to those who may see the
registration (samsyn/participants/selectors/scoping.py); others see "en deltagare" without identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import ShownParticipant, audit_record
from samsyn.core.models import Forbund, Membership, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbund_ids_for
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.ips.models import (
    Employer,
    EmployerAgreement,
    EmployerContact,
    EmployerContactPerson,
    SniSection,
)
from samsyn.participants.models import Registration
from samsyn.participants.selectors.scoping import registrations_visible_to

IPS_METHODS = frozenset({"ips", "supported_employment"})
STAFF_ROLES = (Role.INSATSANSVARIG, Role.COACH)
MAX_SEARCH_LENGTH = 100


def is_ips(intervention: Intervention) -> bool:
    return bool(IPS_METHODS & set(intervention.methods or []))


def ips_interventions_visible_to(user: User, *roles: Role) -> list[Intervention]:
    """The IPS/SE interventions the user reaches in ``roles`` (one query).

    ``methods`` is a JSON list, and JSON containment is not portable to SQLite, so the
    (few) reachable interventions are filtered here rather than in SQL.
    """
    reachable = interventions_visible_to(user, *roles).select_related("forbund").order_by("name")
    return [intervention for intervention in reachable if is_ips(intervention)]


@dataclass(frozen=True)
class BankAccess:
    """The förbund whose bank the user reaches, with the role it acts in (for the audit)."""

    roles: dict[int, str] = field(default_factory=dict)
    ips_interventions: tuple[Intervention, ...] = ()

    @property
    def forbund_ids(self) -> list[int]:
        return list(self.roles)

    def role_in(self, forbund_id: int) -> str:
        if forbund_id not in self.roles:
            raise Http404
        return self.roles[forbund_id]


def bank_access(user: User) -> BankAccess:
    """Two queries: the administered förbund and the IPS interventions of the staff roles."""
    if not user.is_authenticated or not user.is_active:
        return BankAccess()
    roles: dict[int, str] = {}
    staff = ips_interventions_visible_to(user, *STAFF_ROLES)
    led = {i.pk for i in ips_interventions_visible_to(user, Role.INSATSANSVARIG)} if staff else {}
    for intervention in staff:
        role = Role.INSATSANSVARIG if intervention.pk in led else Role.COACH
        if roles.get(intervention.forbund_id) != Role.INSATSANSVARIG.value:
            roles[intervention.forbund_id] = role.value
    for forbund_id in forbund_ids_for(user, Role.FORBUNDSADMIN).values_list(
        "forbund_id", flat=True
    ):
        roles[forbund_id] = Role.FORBUNDSADMIN.value
    return BankAccess(roles=roles, ips_interventions=tuple(staff))


def employers_visible_to(user: User, *, access: BankAccess | None = None) -> QuerySet[Employer]:
    access = access or bank_access(user)
    return Employer.objects.filter(forbund_id__in=access.forbund_ids)


def bank_municipalities(access: BankAccess) -> list[str]:
    """The municipality codes of the employers in the reached banks (one query)."""
    return list(
        Employer.objects.filter(forbund_id__in=access.forbund_ids)
        .order_by()
        .values_list("municipality_code", flat=True)
        .distinct()
    )


def bank_forbund_get(*, access: BankAccess, forbund_id: int) -> Forbund:
    """A förbund whose bank the actor reaches (a new employer goes there); 404 otherwise."""
    if forbund_id not in access.roles:
        raise Http404
    return Forbund.objects.get(pk=forbund_id)


@dataclass(frozen=True)
class EmployerFilters:
    search: str = ""
    sni_section: str = ""
    municipality_code: str = ""
    include_removed: bool = False


def clean_filters(
    *, search: str = "", sni_section: str = "", municipality_code: str = "", removed: str = ""
) -> tuple[EmployerFilters, list[str]]:
    """Query parameters as filters; unknown values are dropped with a Swedish message."""
    problems: list[str] = []
    if sni_section and sni_section not in SniSection.values:
        problems.append(_("Okänd bransch: filtret på bransch används inte."))
        sni_section = ""
    if municipality_code and not (len(municipality_code) == 4 and municipality_code.isdigit()):
        problems.append(_("En kommunkod har fyra siffror: filtret på kommun används inte."))
        municipality_code = ""
    filters = EmployerFilters(
        search=search.strip()[:MAX_SEARCH_LENGTH],
        sni_section=sni_section,
        municipality_code=municipality_code,
        include_removed=removed == "1",
    )
    return filters, problems


def employer_list(
    *, actor: User, filters: EmployerFilters, access: BankAccess | None = None
) -> QuerySet[Employer]:
    """The employers of the actor's banks matching ``filters`` (one query when evaluated).

    Each carries ``last_contact``: the date of its latest logged contact (None without one),
    aggregated in the same query. Only the date is shown, never who the contact was about.
    """
    employers = (
        employers_visible_to(actor, access=access)
        .select_related("forbund", "team")
        .annotate(last_contact=Max("contacts__contacted_on"))
    )
    if not filters.include_removed:
        employers = employers.filter(removed_on__isnull=True)
    if filters.search:
        employers = employers.filter(
            Q(name__icontains=filters.search)
            | Q(organisationsnummer__icontains=filters.search)
            | Q(description__icontains=filters.search)
        )
    if filters.sni_section:
        employers = employers.filter(sni_section=filters.sni_section)
    if filters.municipality_code:
        employers = employers.filter(municipality_code=filters.municipality_code)
    return employers.order_by("name", "id")


def employer_get(*, actor: User, employer_id: int, access: BankAccess | None = None) -> Employer:
    employer = (
        employers_visible_to(actor, access=access)
        .select_related("forbund", "team")
        .filter(pk=employer_id)
        .first()
    )
    if employer is None:
        raise Http404
    return employer


def employer_detail(*, actor: User, employer_id: int) -> Employer:
    """The employer with its contact people, agreements and history prefetched."""
    employer = employer_get(actor=actor, employer_id=employer_id)
    people = EmployerContactPerson.objects.order_by("-is_active", "id")
    agreements = EmployerAgreement.objects.order_by("-agreed_on", "-id")
    prefetch_related_objects(
        [employer],
        Prefetch("contact_people", queryset=people),
        Prefetch("agreements", queryset=agreements),
        Prefetch("events", queryset=employer.events.select_related("actor")),
    )
    return employer


def contact_person_get(*, actor: User, employer: Employer, person_id: int) -> EmployerContactPerson:
    person = employer.contact_people.filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


def agreement_get(*, actor: User, employer: Employer, agreement_id: int) -> EmployerAgreement:
    agreement = employer.agreements.filter(pk=agreement_id).first()
    if agreement is None:
        raise Http404
    return agreement


def agreement_document_get(
    *, actor: User, access: BankAccess, employer_id: int, agreement_id: int
) -> EmployerAgreement:
    """An agreement with a document, for download: 404 without one; the opening is audited."""
    employer = employer_get(actor=actor, employer_id=employer_id, access=access)
    agreement = agreement_get(actor=actor, employer=employer, agreement_id=agreement_id)
    if not agreement.document:
        raise Http404
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        forbund=employer.forbund,
        role=access.role_in(employer.forbund_id),
        obj=agreement,
        detail="Överenskommelsens dokument öppnat",
    )
    return agreement


# --- contacts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactRow:
    contact: EmployerContact
    # The participant's name, only when the actor may see the registration.
    participant: str
    registration_id: int | None
    hidden_participant: bool


def _rows(actor: User, contacts: QuerySet[EmployerContact]) -> list[ContactRow]:
    """Contacts with the participant shown only to those who see the registration."""
    contacts = contacts.select_related(
        "employer", "coach", "intervention", "registration__person"
    ).order_by("-contacted_on", "-id")
    listed = list(contacts)
    named = {c.registration_id for c in listed if c.registration_id is not None}
    visible = (
        set(registrations_visible_to(actor).filter(id__in=named).values_list("id", flat=True))
        if named
        else set()
    )
    rows = []
    for contact in listed:
        registration = contact.registration
        shown = registration is not None and registration.pk in visible
        rows.append(
            ContactRow(
                contact=contact,
                participant=registration.person.display_name if shown and registration else "",
                registration_id=registration.pk if shown and registration else None,
                hidden_participant=registration is not None and not shown,
            )
        )
    return rows


def participants_shown(rows: list[ContactRow]) -> list[ShownParticipant]:
    """The participants a list of contacts names (only those the actor may see), for the log."""
    return [
        ShownParticipant(
            participant_ref=row.contact.registration.person.pseudonym,
            forbund_id=row.contact.employer.forbund_id,
            intervention_id=row.contact.registration.intervention_id,
            obj=row.contact.registration,
        )
        for row in rows
        if row.registration_id is not None and row.contact.registration is not None
    ]


def contacts_of_employer(*, actor: User, employer: Employer) -> list[ContactRow]:
    return _rows(actor, EmployerContact.objects.filter(employer=employer))


def contacts_of_coach(*, actor: User, limit: int = 200) -> list[ContactRow]:
    """ "Mina kontakter": the actor's own contacts in the banks it reaches."""
    access = bank_access(actor)
    contacts = EmployerContact.objects.filter(
        coach=actor, employer__forbund_id__in=access.forbund_ids
    )
    newest = contacts.order_by("-contacted_on", "-id").values_list("id", flat=True)[:limit]
    return _rows(actor, EmployerContact.objects.filter(id__in=list(newest)))


def contacts_of_registration(*, actor: User, registration_id: int) -> list[ContactRow]:
    """The contacts for one participant: only for those who may see the participant (404).

    The caller audits the view (registration_get in the participants app does).
    """
    if not registrations_visible_to(actor).filter(pk=registration_id).exists():
        raise Http404
    return _rows(actor, EmployerContact.objects.filter(registration_id=registration_id))


def contact_interventions(actor: User) -> list[Intervention]:
    """IPS/SE interventions in which the actor works as coach or insatsansvarig."""
    return list(bank_access(actor).ips_interventions)


def coaches_of(intervention: Intervention) -> QuerySet[User]:
    """Users holding an active coach membership that reaches ``intervention``."""
    memberships = Membership.objects.filter(
        role=Role.COACH, is_active=True, forbund_id=intervention.forbund_id
    ).filter(Q(interventions=intervention) | Q(interventions__isnull=True))
    return User.objects.filter(id__in=memberships.values("user_id"), is_active=True)


@dataclass(frozen=True)
class ContactChoices:
    """What a new contact with an employer may name: the actor's IPS/SE interventions of the
    employer's förbund, their coaches (and the actor) and the open registrations it sees."""

    interventions: list[Intervention]
    coaches: QuerySet[User]
    registrations: QuerySet[Registration]


def contact_choices(*, actor: User, employer: Employer) -> ContactChoices:
    """404 when the actor works in no IPS/SE intervention of the employer's förbund."""
    access = bank_access(actor)
    interventions = [i for i in access.ips_interventions if i.forbund_id == employer.forbund_id]
    if not interventions:
        raise Http404
    coach_ids: list[int] = []
    for intervention in interventions:
        coach_ids.extend(coaches_of(intervention).values_list("id", flat=True))
    coaches = User.objects.filter(id__in=[actor.pk, *coach_ids]).order_by("first_name", "last_name")
    registrations = (
        registrations_visible_to(actor)
        .filter(intervention_id__in=[i.pk for i in interventions], end_date__isnull=True)
        .select_related("person", "intervention")
        .order_by("start_date", "id")
    )
    return ContactChoices(interventions, coaches, registrations)
