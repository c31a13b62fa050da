"""Pages of applications (/ansokningar/): the list, the application as a readable document,
the sections form, submit and withdraw. The budget, years, goals, signatures and attachments
are in views/application_parts.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.applications.forms.applications import ApplicationForm
from samsyn.applications.models import ApplicationKind, ApplicationStatus
from samsyn.applications.selectors import applications as selectors
from samsyn.applications.selectors.applications import ApplicationFilters
from samsyn.applications.selectors.calls import calls_visible_to
from samsyn.applications.services import applications as services
from samsyn.applications.views.common import posted_version, refused, saved
from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor
from samsyn.core.web.stale import conflict_if_stale

TEMPLATES = "applications/application/"


def _int(value: str | None, low: int, high: int) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def _filters(query: QueryDict) -> ApplicationFilters:
    """The list's filters; anything unknown is ignored (never an error page)."""
    status = query.get("status", "")
    kind = query.get("typ", "")
    return ApplicationFilters(
        status=status if status in ApplicationStatus.values else "",
        kind=kind if kind in ApplicationKind.values else "",
        call_id=_int(query.get("utlysning"), 1, 2**31 - 1),
        year=_int(query.get("ar"), 2000, 2100),
    )


@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    staff, applicant = selectors.is_staff(user), selectors.is_applicant(user)
    not_found_unless(staff or applicant or selectors.is_decision_reader(user))
    filters = _filters(request.GET)
    context = {
        "applications": selectors.application_list(actor=user, filters=filters),
        "filters": filters,
        "staff": staff,
        "applicant": applicant,
        "statuses": ApplicationStatus.choices,
        "kinds": ApplicationKind.choices,
        "calls": calls_visible_to(user).order_by("-opens_on"),
    }
    return render(request, TEMPLATES + "list.html", context)


@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.application_page(actor=actor(request), application_id=pk)
    context = {"page": page, "application": page.application, "summary": page.summary}
    return render(request, TEMPLATES + "detail.html", context)


def _form(request: HttpRequest, application: object | None = None) -> ApplicationForm:
    user = actor(request)
    choices = {
        "parties": selectors.applicant_party_choices(actor=user),
        "partner_choices": selectors.partner_party_choices(actor=user),
        "calls": selectors.call_choices(actor=user, current=application),  # type: ignore[arg-type]
    }
    if request.method == "POST":
        return ApplicationForm(request.POST, **choices)
    initial = ApplicationForm.initial_of(application) if application else {}  # type: ignore[arg-type]
    if application is None and request.GET.get("utlysning"):
        initial["call"] = request.GET["utlysning"]
    return ApplicationForm(initial=initial, **choices)


@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    not_found_unless(selectors.is_applicant(user))
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        created: list[int] = []

        def save() -> object:
            application = services.application_create(
                actor=user, fields=form.application_fields(), party_id=form.party_id()
            )
            created.append(application.pk)
            return application

        if saved(request, form, save, _("Ansökan är sparad som utkast.")):
            return redirect("applications:application_detail", pk=created[0])
    return render(request, TEMPLATES + "form.html", {"form": form, "title": _("Ny ansökan")})


@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    page = selectors.application_page(actor=user, application_id=pk)
    not_found_unless(page.can_write)
    application = page.application
    form = _form(request, application)
    form.fields.pop("party", None)
    if request.method == "POST" and form.is_valid():

        def save() -> object:
            return services.application_update(
                actor=user,
                application_id=pk,
                expected_version=form.cleaned_data["version"] or 0,
                fields=form.application_fields(),
            )

        if saved(request, form, save, _("Utkastet är sparat.")):
            return redirect("applications:application_detail", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: selectors.application_page(actor=user, application_id=pk).application,
        saved=ApplicationForm.initial_of,
        discard_url=request.path,
        forbund_of=lambda now: now.forbund_id,
    )
    context = {
        "form": form,
        "title": _("Ändra ansökan"),
        "application": application,
        "conflict": conflict,
    }
    return render(request, TEMPLATES + "form.html", context)


@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.application_submit(
            actor=actor(request), application_id=pk, expected_version=posted_version(request)
        )
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, _("Ansökan är inskickad till förbundet."))
    return redirect("applications:application_detail", pk=pk)


@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.application_withdraw(
            actor=actor(request), application_id=pk, expected_version=posted_version(request)
        )
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, _("Ansökan är återkallad."))
    return redirect("applications:application_detail", pk=pk)
