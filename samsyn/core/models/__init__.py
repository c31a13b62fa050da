"""Core's models, one module per area; every model is importable from here for Django."""

from samsyn.core.models.accounts import GrantDecision, Membership, RoleGrantRequest, User
from samsyn.core.models.activation import (
    ENROLLING_PURPOSES,
    ActivationLink,
    LinkPurpose,
    RecoveryCode,
    RecoveryDevice,
)
from samsyn.core.models.api_tokens import ApiToken
from samsyn.core.models.deleted import RESTORE_DAYS, RESTORE_PERIOD, DeletedRecord
from samsyn.core.models.organisation import (
    Forbund,
    Party,
    PartyKind,
    Team,
    TeamKind,
    TeamMember,
)

__all__ = [
    "ENROLLING_PURPOSES",
    "RESTORE_DAYS",
    "RESTORE_PERIOD",
    "ActivationLink",
    "ApiToken",
    "DeletedRecord",
    "Forbund",
    "GrantDecision",
    "LinkPurpose",
    "Membership",
    "Party",
    "PartyKind",
    "RecoveryCode",
    "RecoveryDevice",
    "RoleGrantRequest",
    "Team",
    "TeamKind",
    "TeamMember",
    "User",
]
