"""Pages of calls, applications, decisions, payment claims and deviation reports."""

from django.urls import path

from samsyn.applications.views import claims, forbund_budget, utilisation

app_name = "applications"

CLAIM = "rekvisitioner/<int:claim_pk>/"
INCOME = "medlemsbidrag/<int:forbund_pk>/<int:year>/"

# Payment claims, utilisation, the förbund's budget and member income (docs/applications-claims.md,
# docs/forbund-budget.md).
claim_patterns = [
    path("rekvisitioner/", claims.claim_list, name="claims"),
    path(
        "rekvisitioner/ny/<int:intervention_id>/",
        claims.claim_create_view,
        name="claim_create",
    ),
    path(CLAIM, claims.claim_detail, name="claim_detail"),
    path(f"{CLAIM}andra/", claims.claim_edit, name="claim_edit"),
    path(f"{CLAIM}skicka-in/", claims.claim_submit_view, name="claim_submit"),
    path(f"{CLAIM}ta-bort/", claims.claim_delete_view, name="claim_delete"),
    path(f"{CLAIM}beslut/", claims.claim_decide_view, name="claim_decide"),
    path(f"{CLAIM}utbetalning/", claims.claim_pay_view, name="claim_pay"),
    path("utnyttjande/", utilisation.utilisation, name="utilisation"),
    path("forbund/<int:forbund_pk>/budget/", forbund_budget.budget_page, name="forbund_budget"),
    path(
        "forbund/<int:forbund_pk>/budget.xlsx",
        forbund_budget.budget_xlsx,
        name="forbund_budget_xlsx",
    ),
    path("medlemsbidrag/", forbund_budget.income_list, name="forbund_income"),
    path(INCOME, forbund_budget.income_edit, name="forbund_income_edit"),
    path(f"{INCOME}ta-bort/", forbund_budget.income_delete, name="forbund_income_delete"),
]

urlpatterns: list = [*claim_patterns]
