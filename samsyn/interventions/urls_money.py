"""Budget, financing, actual costs and annual plans of an intervention (/insatser/<pk>/ekonomi/),
and the förbund's administration costs (/insatser/administration/).

urls.py includes these before its last "<slug:slug>/" pattern, so "administration/" is never
read as an intervention's slug."""

from django.urls import URLPattern, path

from samsyn.interventions.views import money

ECONOMY = "<int:pk>/ekonomi/"

money_patterns: list[URLPattern] = [
    path(ECONOMY, money.money_overview, name="money"),
    path(f"{ECONOMY}budget/ny/", money.budget_create, name="money_budget_create"),
    path(f"{ECONOMY}budget/<int:line_pk>/andra/", money.budget_edit, name="money_budget_edit"),
    path(
        f"{ECONOMY}budget/<int:line_pk>/ta-bort/",
        money.budget_delete,
        name="money_budget_delete",
    ),
    path(
        f"{ECONOMY}finansiering/ny/",
        money.financing_create_view,
        name="money_financing_create",
    ),
    path(
        f"{ECONOMY}finansiering/<int:financing_pk>/andra/",
        money.financing_edit_view,
        name="money_financing_edit",
    ),
    path(
        f"{ECONOMY}finansiering/<int:financing_pk>/ta-bort/",
        money.financing_delete_view,
        name="money_financing_delete",
    ),
    path(f"{ECONOMY}utfall/", money.cost_form, name="money_cost"),
    path(f"{ECONOMY}utfall/ta-bort/", money.cost_delete, name="money_cost_delete"),
    path(f"{ECONOMY}utfall/import/", money.cost_import, name="money_import"),
    path(f"{ECONOMY}arsplan/<int:year>/", money.plan_form, name="money_plan"),
    path(f"{ECONOMY}arsplan/<int:year>/ta-bort/", money.plan_delete, name="money_plan_delete"),
    path("administration/", money.administration_list, name="money_administration"),
    path(
        "administration/ny/",
        money.administration_create,
        name="money_administration_create",
    ),
    path(
        "administration/<int:cost_pk>/andra/",
        money.administration_edit,
        name="money_administration_edit",
    ),
    path(
        "administration/<int:cost_pk>/ta-bort/",
        money.administration_delete,
        name="money_administration_delete",
    ),
]
