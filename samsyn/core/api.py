"""API endpoints for the signed-in user and the organisation."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from samsyn.core.api_tokens import api_token_list, api_token_revoke
from samsyn.core.models import ApiToken
from samsyn.core.selectors import membership_list_for_user

router = Router(tags=["konto"])


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


@router.get("/me", response=MeOut, summary="Den inloggade användaren och dess roller")
def me(request: HttpRequest) -> MeOut:
    user = request.auth  # type: ignore[attr-defined]  # set by django-ninja's auth
    memberships = membership_list_for_user(user=user)
    return MeOut(
        username=user.username,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        memberships=[
            MembershipOut(
                forbund=m.forbund.name,
                forbund_slug=m.forbund.slug,
                role=m.role,
                role_label=str(m.get_role_display()),
                party=m.party.name if m.party else None,
                interventions=[i.slug for i in m.interventions.all()],
            )
            for m in memberships
        ],
    )


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@router.get(
    "/tokens",
    response=list[ApiTokenOut],
    summary="Mina API-nycklar",
    description="Nycklarnas namn och början, aldrig själva nyckeln. Nya nycklar skapas under "
    "Mitt konto, inte här, så att en läckt nyckel inte kan skapa fler.",
)
def token_list(request: HttpRequest) -> list[ApiToken]:
    return api_token_list(user=request.auth)  # type: ignore[attr-defined]  # set by django-ninja's auth


@router.delete(
    "/tokens/{token_id}",
    response={204: None},
    summary="Återkalla en av mina API-nycklar",
    description="En nyckel som inte är din, eller redan är återkallad, ger 404.",
)
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    api_token_revoke(user=request.auth, token_id=token_id)  # type: ignore[attr-defined]  # set by django-ninja's auth
    return Status(204, None)
