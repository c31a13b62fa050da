"""Core's models, one module per area; every model is importable from here for Django."""

from samsyn.core.models.accounts import Membership, User
from samsyn.core.models.activation import (
    ENROLLING_PURPOSES,
    ActivationLink,
    LinkPurpose,
    RecoveryCode,
    RecoveryDevice,
)
from samsyn.core.models.api_tokens import ApiToken
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
    "ActivationLink",
    "ApiToken",
    "Forbund",
    "LinkPurpose",
    "Membership",
    "Party",
    "PartyKind",
    "RecoveryCode",
    "RecoveryDevice",
    "Team",
    "TeamKind",
    "TeamMember",
    "User",
]
