"""A "Borttaget" page: the rows deleted from one object in the last 30 days, with "Ångra" to
put one back (docs/deleting.md). Core's generic page and the intervention's own page both
answer through ``deleted_response``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samsyn.core.forms.deleted import RestoreForm
from samsyn.core.selectors.deleted import deleted_page
from samsyn.core.services.deleted import deleted_restore
from samsyn.core.web.requests import actor


def deleted_response(request: HttpRequest, *, scope: str, scope_id: int) -> HttpResponse:
    """GET lists the entries, POST ``entry`` restores one (404 for anyone who may not)."""
    user = actor(request)
    page = deleted_page(actor=user, scope=scope, scope_id=scope_id)
    if request.method == "POST":
        form = RestoreForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Välj en borttagen rad att återställa."))
            return redirect(request.path)
        try:
            entry = deleted_restore(
                actor=user, scope=scope, scope_id=scope_id, entry_id=form.cleaned_data["entry"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(label)s är återställd.") % {"label": entry.label})
        return redirect(request.path)
    return render(request, "core/deleted.html", {"page": page})
