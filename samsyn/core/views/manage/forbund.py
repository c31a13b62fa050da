"""The förbund's own settings: today the limit for small-count suppression."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samsyn.core.forms.manage import SmallCountLimitForm
from samsyn.core.selectors import manage as selectors
from samsyn.core.services import organisation
from samsyn.core.views.manage.common import acting_user, refuse


@require_GET
def forbund_settings(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = selectors.administered_forbund_list(actor=actor)
    rows = [
        (
            forbund,
            SmallCountLimitForm(
                initial={
                    "small_count_limit": forbund.small_count_limit,
                    "version": forbund.version,
                },
                auto_id=f"id_{forbund.pk}_%s",
            ),
        )
        for forbund in forbunds
    ]
    return render(request, "core/manage/forbund_settings.html", {"rows": rows})


@require_POST
def forbund_small_count_limit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    forbund = selectors.administered_forbund_get(actor=actor, forbund_id=pk)
    form = SmallCountLimitForm(request.POST)
    if not form.is_valid():
        errors = [str(message) for messages_ in form.errors.values() for message in messages_]
        messages.error(request, " ".join(errors))
        return redirect("manage:forbund_settings")
    try:
        organisation.forbund_set_small_count_limit(
            actor=actor,
            forbund=forbund,
            limit=form.cleaned_data["small_count_limit"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(
            request,
            _("Gränsen för små antal i %(name)s är nu %(limit)s.")
            % {"name": forbund.name, "limit": forbund.small_count_limit},
        )
    return redirect("manage:forbund_settings")
