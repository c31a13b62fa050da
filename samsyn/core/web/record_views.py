"""One generic view for a form on a record that belongs to an owner (a participant's
registration): the journey forms of ``participants`` and the career forms of ``ips``.

A GET shows the form: the whole page, or for htmx only the form fragment. A POST validates
the form and calls the service; on success it says so with a message and goes back to the
owner's page (for htmx: 204 with ``HX-Redirect``), and when the service refuses the input
with a ValidationError the form is shown again with the errors. The scoped loader decides
404 (outside scope) and 403 (read-only); the service checks permission again and writes the
audit event, so this view never queries or logs anything itself.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views import View

from samsyn.audit.selectors.changes import last_change_of
from samsyn.core.web.forms import call_service
from samsyn.core.web.htmx import htmx_redirect, is_htmx
from samsyn.core.web.stale import StaleConflict, form_is_stale, stale_conflict

OwnerT = TypeVar("OwnerT")
Text = str | Promise


class RecordFormView(View, Generic[OwnerT], metaclass=ABCMeta):
    """Show, validate and save a form for a record of an owner.

    Set ``form_class``, ``template_name``, ``url_name`` (the view's own URL name, whose
    keyword arguments are this view's), the texts, and implement :meth:`load_owner` (the
    scoped loader), :meth:`save` (the service call) and :meth:`get_success_url`. With a
    ``fragment_template_name`` the view speaks htmx; without one it ignores the header.
    """

    http_method_names = ["get", "post"]  # anything else (HEAD, OPTIONS too) is 405

    form_class: type[forms.Form]
    template_name: str
    fragment_template_name: str | None = None
    url_name: str
    owner_context_name = "registration"
    title: Text = ""
    submit: Text = ""
    success_message: Text = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.form_response()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.form_response()

    # --- What a concrete view provides ---------------------------------------------------

    @abstractmethod
    def load_owner(self) -> OwnerT:
        """The owner the acting user may change: Http404 outside scope, PermissionDenied
        when read-only. Logs the view on a GET when opening the form shows personal data."""

    @abstractmethod
    def save(self, owner: OwnerT, record: Any, form: Any) -> object:
        """Call the service with the valid form's data; it raises ValidationError to refuse."""

    @abstractmethod
    def get_success_url(self, owner: OwnerT) -> str:
        """Where a saved form goes back to: the owner's page."""

    def load_record(self, owner: OwnerT) -> Any:
        """The record being edited (scoped to ``owner``, Http404 if absent); None to create."""
        return None

    def get_initial(self, owner: OwnerT, record: Any) -> dict[str, Any]:
        return {}

    def get_form_kwargs(self, owner: OwnerT, record: Any) -> dict[str, Any]:
        """Extra keyword arguments of the form (choices limited to the owner's förbund...)."""
        return {}

    def get_title(self, record: Any) -> Text:
        return self.title

    def get_notice(self, form: Any) -> Text:
        """A reason the form cannot be used at all (shown instead of it); '' when it can."""
        return ""

    def get_back_url(self, owner: OwnerT) -> str:
        return self.get_success_url(owner)

    def audit_read(self, owner: OwnerT) -> None:
        """Log that the user read ``owner``'s record, as opening the form (a GET) does.

        Called when a stale save shows the saved version. The default logs nothing."""

    def saved_record(self, owner: OwnerT) -> Any:
        """The record as saved now (for who saved it last); the scoped loader by default."""
        return self.load_record(owner)

    def get_htmx_redirect_url(self, owner: OwnerT) -> str:
        return self.get_success_url(owner)

    # --- The flow ------------------------------------------------------------------------

    def form_response(self) -> HttpResponse:
        owner = self.load_owner()
        record = self.load_record(owner)
        form = self.form_class(
            self.request.POST or None,
            initial=self.get_initial(owner, record),
            **self.get_form_kwargs(owner, record),
        )
        notice = self.get_notice(form)
        if (
            not notice
            and self.request.method == "POST"
            and form.is_valid()
            and call_service(form, lambda: self.save(owner, record, form))
        ):
            return self.succeeded(owner)
        conflict = self.conflict(owner, form) if form.is_bound and form_is_stale(form) else None
        return self.render_form(owner, record, form, notice, conflict)

    def conflict(self, owner: OwnerT, form: Any) -> StaleConflict:
        """The stale save's comparison: the saved record, read (and logged) as a GET reads it."""
        saved = self.saved_record(owner)
        self.audit_read(owner)
        change = last_change_of(saved) if saved is not None else None
        return stale_conflict(
            form,
            saved=self.get_initial(owner, saved),
            saved_by=change.by if change else "",
            saved_at=change.at if change else None,
            discard_url=reverse(self.url_name, kwargs=self.kwargs),
        )

    def speaks_htmx(self) -> bool:
        return self.fragment_template_name is not None and is_htmx(self.request)

    def succeeded(self, owner: OwnerT) -> HttpResponse:
        messages.success(self.request, str(self.success_message))
        if self.speaks_htmx():
            return htmx_redirect(self.get_htmx_redirect_url(owner))
        return redirect(self.get_success_url(owner))

    def render_form(
        self,
        owner: OwnerT,
        record: Any,
        form: Any,
        notice: Text,
        conflict: StaleConflict | None = None,
    ) -> HttpResponse:
        fragment = self.speaks_htmx()
        context = {
            "notice": notice,
            self.owner_context_name: owner,
            "form": form,
            "title": self.get_title(record),
            "submit": _("Spara min version") if conflict else self.submit,
            "conflict": conflict,
            "action": reverse(self.url_name, kwargs=self.kwargs),
            "back_url": self.get_back_url(owner),
            "fragment": fragment,
        }
        template = self.fragment_template_name if fragment else self.template_name
        return render(self.request, template or self.template_name, context)
