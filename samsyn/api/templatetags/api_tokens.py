"""Template access to the signed-in user's API tokens, for the section on the account page."""

from __future__ import annotations

from django import template

from samsyn.api.forms.tokens import ApiTokenCreateForm
from samsyn.core.models import ApiToken, User
from samsyn.core.selectors.api_tokens import api_token_list

register = template.Library()


@register.simple_tag
def api_tokens_of(user: User) -> list[ApiToken]:
    return api_token_list(user=user)


@register.simple_tag
def api_token_form() -> ApiTokenCreateForm:
    return ApiTokenCreateForm()
