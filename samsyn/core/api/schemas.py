"""The shapes core's API answers with: the signed-in user, their roles and their tokens, and
the error bodies every app's routes share (produced by samsyn/api/errors.py)."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


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
    expires_at: datetime = Field(
        description="When the token stops working unless its owner renews it (Mitt konto)."
    )


# --- Errors (documented in OpenAPI; produced by samsyn/api/errors.py) -----------------------


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str
    code: str


class InvalidOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


class WarningsOut(InvalidOut):
    """A 422 of a write that checks eligibility: ``warnings`` is present only when the input
    is valid but breaks eligibility rules that must be acknowledged; other invalid input gets
    the plain ``InvalidOut`` body without it."""

    warnings: list[str] = Field(
        default_factory=list,
        description="The eligibility rules the person does not meet. Present only when the "
        "rules must be acknowledged; missing for other invalid input.",
    )
