"""API endpoints for the signed-in user and the organisation."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from samsyn.core.api.schemas import ApiTokenOut, MembershipOut, MeOut
from samsyn.core.models import ApiToken
from samsyn.core.selectors.accounts import membership_list_for_user
from samsyn.core.selectors.api_tokens import api_token_list
from samsyn.core.services.api_tokens import api_token_revoke

router = Router(tags=["konto"])


@router.get(
    "/me",
    response=MeOut,
    summary="Den inloggade användaren och dess roller",
    operation_id="samsyn_core_api_me",
)
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


@router.get(
    "/tokens",
    response=list[ApiTokenOut],
    summary="Mina API-nycklar",
    description="Nycklarnas namn och början, aldrig själva nyckeln. Nya nycklar skapas under "
    "Mitt konto, inte här, så att en läckt nyckel inte kan skapa fler.",
    operation_id="samsyn_core_api_token_list",
)
def token_list(request: HttpRequest) -> list[ApiToken]:
    return api_token_list(user=request.auth)  # type: ignore[attr-defined]  # set by django-ninja's auth


@router.delete(
    "/tokens/{token_id}",
    response={204: None},
    summary="Återkalla en av mina API-nycklar",
    description="En nyckel som inte är din, eller redan är återkallad, ger 404.",
    operation_id="samsyn_core_api_token_revoke",
)
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    api_token_revoke(user=request.auth, token_id=token_id)  # type: ignore[attr-defined]  # set by django-ninja's auth
    return Status(204, None)
