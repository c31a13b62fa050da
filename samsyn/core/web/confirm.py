"""Every delete asks first (#15 item 10).

A delete stays one POST (with its CSRF token) to its own URL, but it only deletes when the POST
carries ``confirm=1``. A POST without it — the delete button of a list, pressed in a browser
without JavaScript — gets a confirmation page that posts the same fields again with
``confirm=1``, or lets the user go back; nothing is deleted. With JavaScript the button opens
the same question as a native ``<dialog>`` on the page (samsyn/static/samsyn/js/samsyn.js) and
adds ``confirm=1`` itself. See docs/deleting.md.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from samsyn.core.models import RESTORE_DAYS

CONFIRM_FIELD = "confirm"
# The fields of the delete form that the confirmation page must not post again itself.
_NOT_REPEATED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


def delete_confirmed(request: HttpRequest) -> bool:
    """True when the POST says the user confirmed the delete."""
    return request.POST.get(CONFIRM_FIELD) == "1"


def confirm_delete_page(
    request: HttpRequest, *, question: str, cancel_url: str, restorable: bool = False
) -> HttpResponse:
    """The page that asks before a delete: the question, a danger "Ta bort" that posts the
    request's fields again with ``confirm=1`` to the same URL, and "Avbryt" back to the list."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_REPEATED
        for value in values
    ]
    context = {
        "question": question,
        "cancel_url": cancel_url,
        "fields": fields,
        "action": request.path,
        "restorable": restorable,
        "restore_days": RESTORE_DAYS,
    }
    return render(request, "includes/confirm_delete_page.html", context)


def undo_hint() -> str:
    """Said after a delete that can be undone from the object's "Borttaget" page."""
    return _("Du kan ångra det under Borttaget i %(days)s dagar.") % {"days": RESTORE_DAYS}


def ask_first(
    request: HttpRequest, *, name: str, cancel_url: str, restorable: bool = False
) -> HttpResponse | None:
    """The confirmation page for a delete ("Vill du ta bort <name>?"; ``restorable``: it can
    be undone for 30 days, else it cannot), or None when the POST is confirmed and the view
    may delete."""
    if delete_confirmed(request):
        return None
    question = _("Vill du ta bort %(name)s?") % {"name": name}
    return confirm_delete_page(
        request, question=question, cancel_url=cancel_url, restorable=restorable
    )
