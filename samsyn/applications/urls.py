"""Pages of calls, applications, decisions, payment claims and deviation reports."""

from django.urls import path

from samsyn.applications.views import application_parts as parts
from samsyn.applications.views import (
    applications,
    calls,
    claims,
    decisions,
    deviations,
    forbund_budget,
    preparation,
    utilisation,
)

app_name = "applications"

urlpatterns: list = [
    path("", applications.application_list, name="application_list"),
    path("ny/", applications.application_create, name="application_create"),
    path("<int:pk>/", applications.application_detail, name="application_detail"),
    path("<int:pk>/andra/", applications.application_edit, name="application_edit"),
    path("<int:pk>/skicka-in/", applications.application_submit, name="application_submit"),
    path("<int:pk>/aterkalla/", applications.application_withdraw, name="application_withdraw"),
    path("<int:pk>/budget/ny/", parts.budget_line_add, name="budget_line_add"),
    path("<int:pk>/budget/<int:app_line_pk>/", parts.budget_line_edit, name="budget_line_edit"),
    path(
        "<int:pk>/budget/<int:app_line_pk>/ta-bort/",
        parts.budget_line_delete,
        name="budget_line_delete",
    ),
    path("<int:pk>/deltagare/", parts.year_set, name="year_set"),
    path("<int:pk>/mal/ny/", parts.goal_add, name="goal_add"),
    path("<int:pk>/mal/<int:app_goal_pk>/ta-bort/", parts.goal_delete, name="goal_delete"),
    path("<int:pk>/underskrifter/ny/", parts.signature_add, name="signature_add"),
    path("<int:pk>/bilagor/ny/", parts.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/bilagor/<int:attachment_pk>/",
        parts.attachment_download,
        name="attachment_download",
    ),
    path("utlysningar/", calls.call_list, name="call_list"),
    path("utlysningar/ny/", calls.call_create, name="call_create"),
    path("utlysningar/<int:pk>/", calls.call_detail, name="call_detail"),
    path("utlysningar/<int:pk>/andra/", calls.call_edit, name="call_edit"),
    path("utlysningar/<int:pk>/publicera/", calls.call_publish, name="call_publish"),
    path("utlysningar/<int:pk>/stang/", calls.call_close, name="call_close"),
    # Beredning (docs/applications-decisions.md)
    path("beredning/", preparation.preparation_list, name="preparation_list"),
    path("<int:pk>/beredning/", preparation.preparation_detail, name="preparation"),
    path(
        "<int:pk>/beredning/starta/", preparation.preparation_start_view, name="preparation_start"
    ),
    path(
        "<int:pk>/beredning/anteckning/",
        preparation.preparation_note_view,
        name="preparation_note",
    ),
    path("<int:pk>/beredning/forslag/", preparation.recommendation_view, name="recommendation"),
    path("<int:pk>/fragor/", preparation.questions_view, name="questions"),
    # Decisions
    path("<int:pk>/beslut/", decisions.decision_create, name="decision_create"),
    path("beslut/", decisions.decision_list_view, name="decision_list"),
    path("beslut/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("beslut/<int:pk>/protokoll/", decisions.decision_minutes, name="decision_minutes"),
    # Change and continuation applications, deviation reports
    path("insats/<int:pk>/andring/", deviations.change_create, name="change_create"),
    path("insats/<int:pk>/avvikelse/", deviations.deviation_create, name="deviation_create"),
    path("avvikelser/", deviations.deviation_list_view, name="deviation_list"),
    path("avvikelser/<int:pk>/", deviations.deviation_detail, name="deviation_detail"),
    path("avvikelser/<int:pk>/svar/", deviations.deviation_respond_view, name="deviation_respond"),
]

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

urlpatterns += claim_patterns
