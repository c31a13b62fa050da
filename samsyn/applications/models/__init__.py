from samsyn.applications.models.applications import (
    Application,
    ApplicationAttachment,
    ApplicationBudgetLine,
    ApplicationGoal,
    ApplicationKind,
    ApplicationSignature,
    ApplicationStatus,
    ApplicationYear,
    ChangeKind,
    DecisionOutcome,
    NoteKind,
    PreparationNote,
)
from samsyn.applications.models.calls import Call
from samsyn.applications.models.claims import ClaimStatus, PaymentClaim
from samsyn.applications.models.decisions import (
    DecidingBody,
    Decision,
    DecisionYear,
    DeviationReport,
    DeviationStatus,
)

__all__ = [
    "Application",
    "ApplicationAttachment",
    "ApplicationBudgetLine",
    "ApplicationGoal",
    "ApplicationKind",
    "ApplicationSignature",
    "ApplicationStatus",
    "ApplicationYear",
    "Call",
    "ChangeKind",
    "ClaimStatus",
    "DecidingBody",
    "Decision",
    "DecisionOutcome",
    "DecisionYear",
    "DeviationReport",
    "DeviationStatus",
    "NoteKind",
    "PaymentClaim",
    "PreparationNote",
]
