"""API endpoints for the signed-in user and the organisation."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

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
    user = request.auth  # type: ignore[attr-defined]
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
