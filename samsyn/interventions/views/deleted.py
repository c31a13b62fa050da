"""/insatser/<pk>/borttaget/: what was deleted from the intervention's economy and goals in the
last 30 days, with "Ångra" to put it back (docs/deleting.md)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samsyn.interventions.forms.deleted import RestoreForm
from samsyn.interventions.selectors.deleted import deleted_page
from samsyn.interventions.services.deleted import deleted_restore
from samsyn.interventions.views.common import acting_user, refuse


@require_http_methods(["GET", "POST"])
def deleted_list(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    page = deleted_page(actor=actor, intervention_id=pk)
    if request.method == "POST":
        form = RestoreForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Välj en borttagen rad att återställa."))
            return redirect("interventions:deleted", pk=pk)
        try:
            entry = deleted_restore(
                actor=actor, intervention=page.intervention, entry_id=form.cleaned_data["entry"]
            )
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(request, _("%(label)s är återställd.") % {"label": entry.label})
        return redirect("interventions:deleted", pk=pk)
    return render(request, "interventions/deleted.html", {"page": page})
