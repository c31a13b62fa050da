"""Reads of applications: the list (applicants: their party's; the förbund's staff: all of
the förbund's, with filters) and the application as a readable document with seed 003's
budget summary, computed in SQL. Scope is ``selectors/access.py``; outside it is 404."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from samsyn.applications.models import (
    Application,
    ApplicationBudgetLine,
    ApplicationSignature,
    ApplicationStatus,
)
from samsyn.applications.selectors.access import (
    applicant_memberships,
    applications_visible_to,
    decision_reader_forbund_ids,
    is_staff_of,
    may_write_application,
    staff_forbund_ids,
)
from samsyn.applications.selectors.calls import open_calls_for_applicant
from samsyn.applications.services.common import Errors
from samsyn.applications.services.submission import submission_errors
from samsyn.core.models import Party, User
from samsyn.interventions.selectors.goals import metric_choices

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal(0), output_field=MONEY)
CENT = Decimal("0.01")
WITHDRAWABLE = {"utkast", "inskickad", "beredning", "komplettering"}


@dataclass(frozen=True)
class ApplicationFilters:
    status: str = ""
    kind: str = ""
    call_id: int | None = None
    year: int | None = None


def _line_total(column: str) -> Subquery:
    lines = (
        ApplicationBudgetLine.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum(column))
        .values("total")
    )
    return Subquery(lines, output_field=MONEY)


def application_list(*, actor: User, filters: ApplicationFilters) -> QuerySet[Application]:
    """The applications the actor sees, each with its total cost and the förbund's part
    (two subqueries, so the page's query count does not grow with the rows)."""
    applications = applications_visible_to(actor)
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.kind:
        applications = applications.filter(kind=filters.kind)
    if filters.call_id is not None:
        applications = applications.filter(call_id=filters.call_id)
    if filters.year is not None:
        in_year = ApplicationBudgetLine.objects.filter(
            application=OuterRef("pk"), year=filters.year
        )
        applications = applications.filter(Exists(in_year))
    return (
        applications.select_related("applicant_party", "call", "forbund")
        .annotate(
            total_amount=Coalesce(_line_total("amount"), ZERO),
            forbund_amount=Coalesce(_line_total("forbund_amount"), ZERO),
        )
        .order_by("-created_at", "-id")
    )


def is_applicant(user: User) -> bool:
    return applicant_memberships(user).exists()


def is_staff(user: User) -> bool:
    return staff_forbund_ids(user).exists()


@dataclass(frozen=True)
class SummaryRow:
    year: int | None
    party: str
    forbund: Decimal
    own_money: Decimal
    in_kind: Decimal
    other: Decimal
    total: Decimal

    @property
    def cofinancing(self) -> Decimal:
        return self.own_money + self.in_kind


@dataclass(frozen=True)
class BudgetSummary:
    """Seed 003's "Budgetsammanställning": per year and paying party, what is to be claimed
    from the förbund, the parties' own financing and the total; then per year and in all."""

    rows: list[SummaryRow]
    years: list[SummaryRow]
    total: SummaryRow | None


SUMS = {
    "forbund": Sum("forbund_amount"),
    "own_money": Sum("own_money_amount"),
    "in_kind": Sum("in_kind_amount"),
    "other": Sum(F("sold_places_amount") + F("other_amount")),
    "total": Sum("amount"),
}


def _row(values: Mapping[str, Any], year: int | None, party: str) -> SummaryRow:
    return SummaryRow(
        year=year,
        party=party,
        # Two decimals on every database (SQLite's sums drop them).
        **{name: Decimal(values[name] or 0).quantize(CENT) for name in SUMS},
    )


def budget_summary(application: Application, party_names: dict[int, str]) -> BudgetSummary:
    """Three aggregate queries. A line without a co-financing party is the applicant's
    (seed 003 puts the förbund's money on the huvudinsatsägare's row)."""
    lines = ApplicationBudgetLine.objects.filter(application=application).order_by()
    by_party = (
        lines.annotate(
            payer=Coalesce("cofinancing_party_id", Value(application.applicant_party_id))
        )
        .values("year", "payer")
        .annotate(**SUMS)
        .order_by("year", "payer")
    )
    rows = [_row(v, v["year"], party_names.get(v["payer"], "")) for v in by_party]
    per_year = lines.values("year").annotate(**SUMS).order_by("year")
    years = [_row(v, v["year"], "") for v in per_year]
    overall = lines.aggregate(**SUMS)
    total = _row(overall, None, "") if overall["total"] is not None else None
    return BudgetSummary(rows=rows, years=years, total=total)


@dataclass
class ApplicationPage:
    application: Application
    summary: BudgetSummary
    can_write: bool
    can_withdraw: bool
    is_staff: bool
    missing: Errors = field(default_factory=dict)
    # The applicant of the application's party (answers the förbund's questions).
    is_own: bool = False
    # Whether the viewer reads decisions (staff, styrgrupp, the applicant's party).
    reads_decision: bool = False


def application_get(*, actor: User, application_id: int) -> Application:
    application = (
        applications_visible_to(actor)
        .select_related(
            "applicant_party", "call", "forbund", "intervention", "created_by", "decision"
        )
        .prefetch_related(
            Prefetch("partner_parties", queryset=Party.objects.order_by("name")),
            Prefetch(
                "budget_lines",
                queryset=ApplicationBudgetLine.objects.select_related("cofinancing_party"),
            ),
            "years",
            "goals",
            "attachments",
            Prefetch("signatures", queryset=_signatures()),
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise Http404
    return application


def _signatures() -> QuerySet[ApplicationSignature]:
    return ApplicationSignature.objects.select_related("party")


def application_page(*, actor: User, application_id: int) -> ApplicationPage:
    """The application as a document, with what would stop its submission (for a draft)."""
    application = application_get(actor=actor, application_id=application_id)
    names = {party.pk: party.name for party in application.partner_parties.all()}
    names[application.applicant_party_id] = application.applicant_party.name
    can_write = may_write_application(actor, application)
    metric_names = dict(metric_choices())
    for goal in application.goals.all():
        goal.metric_name = metric_names.get(goal.metric_id, goal.metric_id)  # type: ignore[attr-defined]
    own = applicant_memberships(actor).filter(party_id=application.applicant_party_id).exists()
    return ApplicationPage(
        application=application,
        summary=budget_summary(application, names),
        can_write=can_write,
        can_withdraw=own and application.status in WITHDRAWABLE,
        is_staff=is_staff_of(actor, application.forbund_id),
        missing=submission_errors(application) if can_write else {},
        is_own=own,
        # Only a decided application has a decision to show; ask no more than needed.
        reads_decision=application.status == ApplicationStatus.DECIDED
        and (own or is_decision_reader(actor)),
    )


def is_submitted(application: Application) -> bool:
    return application.status != ApplicationStatus.DRAFT


# --- choices for the forms ------------------------------------------------------------------


def applicant_party_choices(*, actor: User) -> list[tuple[int, str]]:
    """The parties the actor applies for (one per membership with the right)."""
    rows = (
        applicant_memberships(actor).values_list("party_id", "party__name").order_by("party__name")
    )
    return list(dict.fromkeys(rows))


def partner_party_choices(*, actor: User) -> list[tuple[int, str]]:
    """Active parties of the applicant's förbund, as samverkansparter."""
    forbund_ids = applicant_memberships(actor).values("forbund_id")
    parties = Party.objects.filter(forbund_id__in=forbund_ids, is_active=True).order_by("name")
    return list(parties.values_list("pk", "name"))


def application_party_choices(application: Application) -> list[tuple[int, str]]:
    """The applicant party and the partners (who sign and co-finance)."""
    partners = [(party.pk, party.name) for party in application.partner_parties.all()]
    return [(application.applicant_party_id, application.applicant_party.name), *partners]


def call_choices(*, actor: User, current: Application | None = None) -> list[tuple[int, str]]:
    """Open calls of the applicant's förbund, and the application's own call even if it has
    closed since (so the form can show it)."""
    choices = [(call.pk, call.title) for call in open_calls_for_applicant(actor=actor)]
    call = current.call if current is not None else None
    if call is not None and call.pk not in {pk for pk, _title in choices}:
        choices.insert(0, (call.pk, call.title))
    return choices


def is_decision_reader(user: User) -> bool:
    """The styrgrupp reads decided applications (selectors/access.py)."""
    return decision_reader_forbund_ids(user).exists()
