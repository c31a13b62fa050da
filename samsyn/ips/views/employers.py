"""Pages of the employer bank and the contact log (thin: parse, call a selector or service,
render). Scope and permission live in samsyn/ips/selectors/employers.py and the services;
everything outside them is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.kommuner import municipality_name
from samsyn.core.models import Forbund, User
from samsyn.core.web.confirm import ask_first
from samsyn.core.web.stale import conflict_if_stale
from samsyn.interventions.municipalities import municipality_label
from samsyn.interventions.views.common import acting_user, add_service_errors, refuse
from samsyn.ips.forms.employers import (
    AgreementEditForm,
    AgreementForm,
    ContactForm,
    ContactPersonEditForm,
    ContactPersonForm,
    EmployerEditForm,
    EmployerForm,
    EmployerRemoveForm,
)
from samsyn.ips.models import Employer, SniSection
from samsyn.ips.selectors import employers as selectors
from samsyn.ips.selectors.suggestions import suggestions_for_employer, suggestions_for_participant
from samsyn.ips.services import contacts as contact_services
from samsyn.ips.services import employers as services
from samsyn.participants.models import Registration
from samsyn.participants.selectors.caseload import list_view_audit


def _form_page(request: HttpRequest, form: object, **context: object) -> HttpResponse:
    return render(request, "ips/employers/form.html", {"form": form, **context})


def _access(actor: User) -> selectors.BankAccess:
    access = selectors.bank_access(actor)
    if not access.roles:
        raise Http404
    return access


@require_GET
def employer_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    access = _access(actor)
    filters, problems = selectors.clean_filters(
        search=request.GET.get("q", ""),
        sni_section=request.GET.get("bransch", ""),
        municipality_code=request.GET.get("kommun", ""),
        removed=request.GET.get("borttagna", ""),
    )
    employers = list(selectors.employer_list(actor=actor, filters=filters, access=access))
    municipalities = sorted(
        {code: municipality_label(code) for code in selectors.bank_municipalities(access)}.items(),
        key=lambda item: item[1],
    )
    context = {
        "employers": employers,
        "filters": filters,
        "problems": problems,
        "sni_choices": SniSection.choices,
        "municipalities": municipalities,
        # The municipality's name, not its code (an unknown code is shown as it is).
        "rows": [
            (employer, municipality_name(employer.municipality_code)) for employer in employers
        ],
    }
    return render(request, "ips/employers/list.html", context)


def _target_forbund(request: HttpRequest, access: selectors.BankAccess) -> Forbund:
    """The förbund a new employer goes into: the only one, or ?forbund= among several."""
    ids = access.forbund_ids
    wanted = request.GET.get("forbund") or request.POST.get("forbund") or ""
    chosen = int(wanted) if wanted.isdigit() and int(wanted) in ids else ids[0]
    return selectors.bank_forbund_get(access=access, forbund_id=chosen)


@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbund = _target_forbund(request, _access(actor))
    form = EmployerForm(request.POST or None, forbund=forbund)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.employer_create(
                actor=actor, forbund=forbund, fields=form.employer_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Arbetsgivaren är tillagd i företagsbanken."))
            return redirect("ips:employer_detail", pk=employer.pk)
    return _form_page(request, form, heading=_("Lägg till arbetsgivare"), employer=None)


@require_GET
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_detail(actor=actor, employer_id=pk)
    contacts = selectors.contacts_of_employer(actor=actor, employer=employer)
    if any(row.registration_id for row in contacts):
        list_view_audit(
            actor=actor,
            detail=f"Arbetsgivarkontakter listade (arbetsgivare {pk})",
            shown=selectors.participants_shown(contacts),
        )
    context = {
        "employer": employer,
        "municipality": municipality_label(employer.municipality_code),
        "contacts": contacts,
        "remove_form": EmployerRemoveForm(initial={"version": employer.version}),
        "can_log": bool(selectors.bank_access(actor).ips_interventions),
    }
    return render(request, "ips/employers/detail.html", context)


@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_get(actor=actor, employer_id=pk)
    if request.method == "POST":
        form = EmployerEditForm(request.POST, forbund=employer.forbund)
    else:
        form = EmployerEditForm.for_employer(employer)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(
                actor=actor,
                employer=employer,
                fields=form.employer_fields(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Arbetsgivaren är ändrad."))
            return redirect("ips:employer_detail", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: selectors.employer_get(actor=actor, employer_id=pk),
        saved=lambda saved: EmployerEditForm.for_employer(saved).initial,
        discard_url=request.path,
    )
    if conflict is not None:  # the page shows the saved employer, not the refused one
        employer = conflict.saved_record
    heading = _("Ändra arbetsgivare")
    return _form_page(request, form, heading=heading, employer=employer, conflict=conflict)


@require_POST
def employer_remove(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_get(actor=actor, employer_id=pk)
    name = _("%(name)s ur företagsbanken") % {"name": employer.name}
    cancel = reverse("ips:employer_detail", args=[pk])
    if (asked := ask_first(request, name=name, cancel_url=cancel)) is not None:
        return asked
    form = EmployerRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Arbetsgivaren kunde inte tas bort. Kontrollera datumet."))
        return redirect("ips:employer_detail", pk=pk)
    try:
        services.employer_remove(
            actor=actor,
            employer=employer,
            removed_on=form.cleaned_data.get("removed_on"),
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Arbetsgivaren är borttagen ur företagsbanken."))
    return redirect("ips:employer_detail", pk=pk)


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_get(actor=actor, employer_id=pk)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_person_create(
                actor=actor, employer=employer, fields=form.person_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Kontaktpersonen är tillagd."))
            return redirect("ips:employer_detail", pk=pk)
    return _form_page(request, form, heading=_("Lägg till kontaktperson"), employer=employer)


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_get(actor=actor, employer_id=pk)
    person = selectors.contact_person_get(actor=actor, employer=employer, person_id=person_pk)
    is_post = request.method == "POST"
    form = (
        ContactPersonEditForm(request.POST) if is_post else ContactPersonEditForm.for_person(person)
    )
    if is_post and form.is_valid():
        try:
            services.contact_person_update(
                actor=actor,
                person=person,
                fields=form.person_fields(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Kontaktpersonen är ändrad."))
            return redirect("ips:employer_detail", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: selectors.contact_person_get(
            actor=actor, employer=employer, person_id=person_pk
        ),
        saved=lambda saved: ContactPersonEditForm.for_person(saved).initial,
        discard_url=request.path,
        logged_on=lambda saved: employer,  # a contact person's changes are logged on it
    )
    heading = _("Ändra kontaktperson")
    return _form_page(request, form, heading=heading, employer=employer, conflict=conflict)


@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_get(actor=actor, employer_id=pk)
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_create(
                actor=actor,
                employer=employer,
                fields=form.agreement_fields(),
                document=form.cleaned_data.get("document"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Överenskommelsen är sparad."))
            return redirect("ips:employer_detail", pk=pk)
    heading = _("Lägg till överenskommelse")
    return _form_page(request, form, heading=heading, employer=employer, multipart=True)


@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_get(actor=actor, employer_id=pk)
    agreement = selectors.agreement_get(actor=actor, employer=employer, agreement_id=agreement_pk)
    if request.method == "POST":
        form = AgreementEditForm(request.POST, request.FILES)
    else:
        form = AgreementEditForm.for_agreement(agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(
                actor=actor,
                agreement=agreement,
                fields=form.agreement_fields(),
                expected_version=form.cleaned_data["version"] or 0,
                document=form.cleaned_data.get("document"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Överenskommelsen är ändrad."))
            return redirect("ips:employer_detail", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: selectors.agreement_get(
            actor=actor, employer=employer, agreement_id=agreement_pk
        ),
        saved=lambda saved: AgreementEditForm.for_agreement(saved).initial,
        discard_url=request.path,
        logged_on=lambda saved: employer,  # an agreement's changes are logged on it
    )
    heading = _("Ändra överenskommelse")
    return _form_page(
        request, form, heading=heading, employer=employer, multipart=True, conflict=conflict
    )


@require_GET
def agreement_document(request: HttpRequest, pk: int, agreement_pk: int) -> FileResponse:
    actor = acting_user(request)
    access = _access(actor)
    agreement = selectors.agreement_document_get(
        actor=actor, access=access, employer_id=pk, agreement_id=agreement_pk
    )
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=agreement.document_type or "application/octet-stream",
        as_attachment=True,
        filename=agreement.document_name or "overenskommelse",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _contact_form(
    request: HttpRequest, actor: User, employer: Employer
) -> tuple[ContactForm, list[Registration]]:
    """The contact form and the participants its menu names (evaluated once, for the log)."""
    choices = selectors.contact_choices(actor=actor, employer=employer)
    registrations = list(choices.registrations)
    form = ContactForm(
        request.POST or None,
        interventions=choices.interventions,
        coaches=choices.coaches,
        registrations=choices.registrations,
    )
    return form, registrations


@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_get(actor=actor, employer_id=pk)
    form, named = _contact_form(request, actor, employer)
    if request.method == "POST" and form.is_valid():
        try:
            contact_services.contact_create(actor=actor, fields=form.contact_fields(employer.pk))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Kontakten är registrerad."))
            return redirect("ips:employer_detail", pk=pk)
    # The participant menu shows names: each one is logged as seen.
    if named:
        list_view_audit(
            actor=actor,
            detail=f"Deltagare att välja för arbetsgivarkontakt (arbetsgivare {pk})",
            shown=named,
        )
    return _form_page(request, form, heading=_("Registrera kontakt"), employer=employer)


@require_GET
def contact_mine(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    _access(actor)
    rows = selectors.contacts_of_coach(actor=actor)
    if any(row.registration_id for row in rows):
        list_view_audit(
            actor=actor,
            detail="Mina arbetsgivarkontakter listade",
            shown=selectors.participants_shown(rows),
        )
    return render(request, "ips/employers/contacts_mine.html", {"contacts": rows})


@require_GET
def contact_participant(request: HttpRequest, registration_pk: int) -> HttpResponse:
    """The contacts and employer suggestions for one participant (linked from their page)."""
    actor = acting_user(request)
    result = suggestions_for_participant(actor=actor, registration_id=registration_pk)
    rows = selectors.contacts_of_registration(actor=actor, registration_id=registration_pk)
    context = {"registration": result.registration, "contacts": rows, "result": result}
    return render(request, "ips/employers/participant.html", context)


@require_GET
def employer_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    employer = selectors.employer_get(actor=actor, employer_id=pk)
    suggestions = suggestions_for_employer(actor=actor, employer_id=pk)
    context = {"employer": employer, "suggestions": suggestions}
    return render(request, "ips/employers/suggestions.html", context)
