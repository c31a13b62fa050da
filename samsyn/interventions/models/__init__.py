"""Models of the interventions app: the intervention and its structure, goals, money,
trainings and implementation plan."""

from samsyn.interventions.models.finance import (
    ActualCost,
    AdministrationCost,
    AnnualPlan,
    BudgetLine,
    CostCategory,
    Financing,
    FundingSource,
)
from samsyn.interventions.models.intervention import (
    ActivityType,
    Capacity,
    Goal,
    GoalComparison,
    GoalGender,
    Intervention,
    InterventionStatus,
    LadderStep,
    Method,
    Orientation,
    Phase,
    ProgressionIndicator,
)
from samsyn.interventions.models.report_periods import ReportPeriodKind, StoredReportPeriod
from samsyn.interventions.models.training import (
    ImplementationItem,
    ImplementationStatus,
    Training,
    TrainingAttendance,
    TrainingRole,
)

__all__ = [
    "ActivityType",
    "ActualCost",
    "AdministrationCost",
    "AnnualPlan",
    "BudgetLine",
    "Capacity",
    "CostCategory",
    "Financing",
    "FundingSource",
    "Goal",
    "GoalComparison",
    "GoalGender",
    "ImplementationItem",
    "ImplementationStatus",
    "Intervention",
    "InterventionStatus",
    "LadderStep",
    "Method",
    "Orientation",
    "Phase",
    "ProgressionIndicator",
    "ReportPeriodKind",
    "StoredReportPeriod",
    "Training",
    "TrainingAttendance",
    "TrainingRole",
]
