"""Pages for personal API tokens: create one (shown once), renew one and revoke one.

The list of tokens is part of the account page (templates/api/token_section.html).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from samsyn.api.forms.tokens import ApiTokenCreateForm
from samsyn.core.services.api_tokens import api_token_create, api_token_renew, api_token_revoke
from samsyn.core.web.requests import actor


@never_cache
@require_http_methods(["GET", "POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(user=actor(request), name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Rendered, not redirected: the token exists only in this response.
            return render(request, "api/token_created.html", {"token": token, "raw_token": raw})
    return render(request, "api/token_create.html", {"form": form})


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = api_token_revoke(user=actor(request), token_id=token_id)
    messages.success(
        request,
        _("API-nyckeln ”%(name)s” är återkallad och fungerar inte längre.") % {"name": token.name},
    )
    return redirect("core:account")


@require_POST
def token_renew(request: HttpRequest, token_id: int) -> HttpResponse:
    token = api_token_renew(user=actor(request), token_id=token_id)
    messages.success(
        request,
        _("API-nyckeln ”%(name)s” är förnyad och fungerar till %(date)s.")
        % {"name": token.name, "date": date_format(localtime(token.expires_at), "Y-m-d")},
    )
    return redirect("core:account")
