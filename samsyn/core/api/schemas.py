"""The shapes core's API answers with: the signed-in user, their roles and their tokens."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


class MembershipOut(Schema):
    forbund: str
    forbund_slug: str
    role: str
    role_label: str
    party: str | None
    interventions: list[str]


class MeOut(Schema):
    username: str
    first_name: str
    last_name: str
    email: str
    memberships: list[MembershipOut]


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
