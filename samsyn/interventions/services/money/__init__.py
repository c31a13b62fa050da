"""Writes for the money of interventions and förbund: budget lines, financing, actual costs
(entered or imported), annual plans and the förbund's administration costs. Each checks the
actor's role inside (404 otherwise), validates with Swedish messages and is audited."""

from samsyn.interventions.services.money.administration import (
    AdministrationCostFields,
    administration_cost_create,
    administration_cost_delete,
    administration_cost_update,
)
from samsyn.interventions.services.money.budget import (
    BudgetLineFields,
    annual_plan_delete,
    annual_plan_set,
    budget_line_create,
    budget_line_delete,
    budget_line_update,
)
from samsyn.interventions.services.money.common import (
    MONEY_MANAGER_ROLES,
    can_manage_money,
    format_amount,
    parse_amount,
    parse_month,
)
from samsyn.interventions.services.money.costs import (
    ActualCostFields,
    ImportResult,
    actual_cost_delete,
    actual_cost_set,
    actual_costs_import,
    clean_actual_cost,
)
from samsyn.interventions.services.money.financing import (
    FinancingFields,
    financing_create,
    financing_delete,
    financing_update,
)
from samsyn.interventions.services.money.importing import ImportOutcome, import_actual_costs

__all__ = [
    "MONEY_MANAGER_ROLES",
    "ActualCostFields",
    "AdministrationCostFields",
    "BudgetLineFields",
    "FinancingFields",
    "ImportOutcome",
    "ImportResult",
    "actual_cost_delete",
    "actual_cost_set",
    "actual_costs_import",
    "administration_cost_create",
    "administration_cost_delete",
    "administration_cost_update",
    "annual_plan_delete",
    "annual_plan_set",
    "budget_line_create",
    "budget_line_delete",
    "budget_line_update",
    "can_manage_money",
    "clean_actual_cost",
    "financing_create",
    "financing_delete",
    "financing_update",
    "format_amount",
    "import_actual_costs",
    "parse_amount",
    "parse_month",
]
