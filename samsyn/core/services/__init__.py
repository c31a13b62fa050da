"""Writes behind the förbundsadministratör's pages: parties, teams and members, users, roles.

Every function is keyword-only and atomic, checks that the actor administers the förbund of
the object (anything else is a 404, so other förbund's records stay invisible), validates with
Swedish messages (a ``ValidationError`` keyed by form field, nothing written), and leaves an
audit event. Edits of versioned records go through ``save_versioned`` so a stale form is
refused instead of overwriting someone else's change.
"""

from samsyn.core.services.accounts import (
    membership_add,
    membership_set_active,
    user_create,
    user_set_active,
    user_two_factor_reset,
    user_update,
)
from samsyn.core.services.organisation import (
    party_create,
    party_set_active,
    party_update,
    team_create,
    team_member_add,
    team_member_remove,
    team_update,
)

__all__ = [
    "membership_add",
    "membership_set_active",
    "party_create",
    "party_set_active",
    "party_update",
    "team_create",
    "team_member_add",
    "team_member_remove",
    "team_update",
    "user_create",
    "user_set_active",
    "user_two_factor_reset",
    "user_update",
]
