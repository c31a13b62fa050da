"""Pages for follow-ups, job and study starts, exit, post-exit follow-ups and the caseload.

Thin views: parse a form, call a service from ``participants.services`` or a selector from
``participants.selectors.caseload``/``.registrations``, render. Forms open in place on the
participant page with htmx (a GET with ``HX-Request`` returns only the form) and work as
plain pages without JavaScript. Out of scope is 404; a read-only viewer (the referring
handläggare) gets 403 with a Swedish explanation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.models import User
from samsyn.core.views.manage.common import posted_version
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.htmx import htmx_redirect, is_htmx
from samsyn.core.web.http import found_or_404, not_found_unless
from samsyn.core.web.requests import actor
from samsyn.core.web.stale import conflict_if_stale, fresh_values
from samsyn.participants.exit_offers import exit_offers
from samsyn.participants.forms.followup import (
    CaseloadFilterForm,
    ExitForm,
    FollowUpMeetingForm,
    PostExitFollowUpForm,
    WorkStartForm,
    WorkStartStatusForm,
)
from samsyn.participants.models import IncomeSource, PostExitFollowUp, Registration
from samsyn.participants.selectors import caseload as caseload_selectors
from samsyn.participants.selectors.caseload_search import caseload_audit_detail
from samsyn.participants.selectors.followups import (
    incomes_after_exit,
    post_exit_follow_up_of,
    work_start_of,
    work_starts_of,
)
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.exit import (
    computed_step_forward,
    registration_exit,
    registration_exit_undo,
)
from samsyn.participants.services.followups import (
    ENDED_MESSAGE,
    follow_up_meeting_create,
    is_intervention_lead,
)
from samsyn.participants.services.journey_access import READ_ONLY_MESSAGE, can_write_journey
from samsyn.participants.services.post_exit import post_exit_follow_up_record
from samsyn.participants.services.starts import work_start_create, work_start_status_record

PAGE_SIZE = 50
TEMPLATES = "participants/followup/"
INCOME_LABELS = dict(IncomeSource.choices)


def participant_url(registration: Registration) -> str:
    """The participant page (one timeline of the registration, in the journey pages)."""
    return reverse("participants:registration_detail", args=[registration.pk])


def _done(request: HttpRequest, registration: Registration, message: str) -> HttpResponse:
    """After a successful save: back to the participant page (htmx: 204 + HX-Redirect)."""
    messages.success(request, message)
    url = participant_url(registration)
    if is_htmx(request):
        # No fragment here: from the participant page itself, a URL that differs only by
        # its fragment would scroll instead of reloading, leaving the old timeline shown.
        return htmx_redirect(url)
    return redirect(url + "#tidslinje")


def _refused(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    context = {"message": message, "status": status}
    return render(request, TEMPLATES + "refused.html", context, status=status)


def _form_page(
    request: HttpRequest, registration: Registration, form: Any, **context: Any
) -> HttpResponse:
    context |= {
        "registration": registration,
        "form": form,
        "participant_url": participant_url(registration),
    }
    if is_htmx(request):
        return render(request, TEMPLATES + "_form.html", context | {"fragment": True})
    return render(request, TEMPLATES + "form_page.html", context)


def _writable(request: HttpRequest, pk: int) -> Registration | HttpResponse:
    """The registration, or the 403 page for a reader who may not change it (404 otherwise).

    Opening a form shows the person's name, so a GET is logged as a view; a POST is logged
    by the service that writes.
    """
    user = actor(request)
    registration = registration_get(actor=user, registration_id=pk, audit=request.method == "GET")
    if not can_write_journey(actor=user, registration=registration):
        return _refused(request, str(READ_ONLY_MESSAGE), status=403)
    return registration


def _journey_form(
    request: HttpRequest,
    pk: int,
    *,
    make_form: Callable[[Registration], Any],
    save: Callable[[Registration, Any], None],
    success: str,
    **context: Any,
) -> HttpResponse:
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    if not registration.is_ongoing:
        return _refused(request, str(ENDED_MESSAGE), status=409)
    form = make_form(registration)
    if request.method == "POST" and form.is_valid():
        try:
            save(registration, form)
        except PermissionDenied as error:
            return _refused(request, str(error) or str(READ_ONLY_MESSAGE), status=403)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, registration, success)
    return _form_page(request, registration, form, **context)


@require_http_methods(["GET", "POST"])
def followup_create(request: HttpRequest, pk: int) -> HttpResponse:
    def save(registration: Registration, form: FollowUpMeetingForm) -> None:
        data = form.cleaned_data
        follow_up_meeting_create(
            actor=actor(request),
            registration_id=registration.pk,
            held_on=data["held_on"],
            participants_present=form.participants_present(),
            note=data["note"],
            next_due=data["next_due"],
        )

    return _journey_form(
        request,
        pk,
        make_form=lambda r: FollowUpMeetingForm(request.POST or None, registration=r),
        save=save,
        success=_("Uppföljningsmötet är registrerat."),
        title=_("Nytt uppföljningsmöte"),
        action=reverse("participants:followup_create", args=[pk]),
        submit=_("Spara uppföljningen"),
    )


@require_http_methods(["GET", "POST"])
def workstart_create(request: HttpRequest, pk: int) -> HttpResponse:
    def save(registration: Registration, form: WorkStartForm) -> None:
        work_start_create(
            actor=actor(request), registration_id=registration.pk, **form.service_values()
        )

    return _journey_form(
        request,
        pk,
        make_form=lambda r: WorkStartForm(request.POST or None),
        save=save,
        success=_("Starten är registrerad."),
        title=_("Ny arbets- eller studiestart"),
        action=reverse("participants:workstart_create", args=[pk]),
        submit=_("Spara starten"),
    )


@require_http_methods(["GET", "POST"])
def workstart_status(request: HttpRequest, pk: int, start_id: int) -> HttpResponse:
    """Still held on a day, or ended: recordable after exit too (docs/ips-outcomes.md)."""
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    start = found_or_404(work_start_of(registration=registration, work_start_id=start_id))
    form = WorkStartStatusForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            work_start_status_record(
                actor=actor(request),
                registration_id=registration.pk,
                work_start_id=start.pk,
                held_on=form.cleaned_data["held_on"],
                end_date=form.cleaned_data["end_date"],
            )
        except PermissionDenied as error:
            return _refused(request, str(error) or str(READ_ONLY_MESSAGE), status=403)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, registration, _("Arbetet eller studierna är uppdaterade."))
    title = _("Uppdatera %(start)s från %(day)s") % {
        "start": start.employer or start.get_form_display(),
        "day": start.start_date.isoformat(),
    }
    return _form_page(
        request,
        registration,
        form,
        title=title,
        action=reverse("participants:workstart_status", args=[pk, start.pk]),
        submit=_("Spara"),
    )


@require_http_methods(["GET", "POST"])
def exit_view(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    user = actor(request)
    if not registration.is_ongoing:
        return _ended_page(request, registration)
    form = ExitForm(
        request.POST or None,
        registration=registration,
        computed=computed_step_forward(registration),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration_exit(
                actor=user,
                registration_id=registration.pk,
                expected_version=form.cleaned_data["version"],
                data=form.exit_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, registration, _("Inskrivningen är avslutad."))
    # Logged as a read of the person, as opening the form (a GET) is.
    conflict = conflict_if_stale(
        form,
        reload=lambda: _ongoing(user, pk),
        saved=lambda saved: fresh_values(
            ExitForm(registration=saved, computed=computed_step_forward(saved))
        ),
        discard_url=reverse("participants:exit", args=[pk]),
    )
    context = {
        "title": _("Avsluta inskrivningen"),
        "action": reverse("participants:exit", args=[pk]),
        "submit": _("Spara min version") if conflict else _("Avsluta inskrivningen"),
        "conflict": conflict,
    }
    return _form_page(request, registration, form, **context)


def _ongoing(user: User, pk: int) -> Registration | None:
    """The registration as saved now, read and logged as opening the exit form is; None
    when someone ended it meanwhile (nothing left to compare with the exit form)."""
    registration = registration_get(actor=user, registration_id=pk)
    return registration if registration.is_ongoing else None


def _ended_page(request: HttpRequest, registration: Registration) -> HttpResponse:
    context = {
        "registration": registration,
        "incomes_after": incomes_after_exit(registration=registration),
        "may_undo": is_intervention_lead(actor=actor(request), registration=registration),
        "participant_url": participant_url(registration),
        # E.g. the exit form of a participant survey, from the apps above (a registry).
        "exit_offers": exit_offers(
            actor=actor(request), intervention_id=registration.intervention_id
        ),
    }
    # Posting an exit again is a conflict; looking at the exit is not.
    status = 409 if request.method == "POST" else 200
    return render(request, TEMPLATES + "exit_done.html", context, status=status)


@require_POST
def exit_undo(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    registration = registration_get(actor=user, registration_id=pk, audit=False)
    try:
        registration_exit_undo(
            actor=user, registration_id=registration.pk, expected_version=posted_version(request)
        )
    except PermissionDenied as error:
        return _refused(request, str(error), status=403)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("participants:exit", pk=registration.pk)
    return _done(request, registration, _("Avslutet är ångrat. Inskrivningen pågår igen."))


def _post_exit_follow_up(registration: Registration, followup_id: int) -> PostExitFollowUp:
    return found_or_404(post_exit_follow_up_of(registration=registration, follow_up_id=followup_id))


@require_http_methods(["GET", "POST"])
def post_exit_record(request: HttpRequest, pk: int, followup_id: int) -> HttpResponse:
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    follow_up = _post_exit_follow_up(registration, followup_id)
    if follow_up.done_on is not None and request.method == "GET":
        context = {
            "registration": registration,
            "follow_up": follow_up,
            "income_labels": [INCOME_LABELS.get(code, code) for code in follow_up.income_sources],
            "participant_url": participant_url(registration),
        }
        return render(request, TEMPLATES + "post_exit_done.html", context)
    form = PostExitFollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post_exit_follow_up_record(
                actor=actor(request),
                registration_id=registration.pk,
                follow_up_id=follow_up.pk,
                **form.service_values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, registration, _("Efteruppföljningen är registrerad."))
    context = {
        "title": _("Uppföljning %(months)d månader efter avslut")
        % {"months": follow_up.months_after},
        "action": reverse("participants:post_exit_record", args=[pk, follow_up.pk]),
        "submit": _("Spara efteruppföljningen"),
        "follow_up": follow_up,
        # Ask about each job too: whether it is still held is what IPS retention needs.
        "jobs": [
            (start, reverse("participants:workstart_status", args=[pk, start.pk]))
            for start in work_starts_of(registration=registration, kind="arbete")
        ],
    }
    return _form_page(request, registration, form, **context)


@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    not_found_unless(caseload_selectors.may_see_caseload(actor=user))
    form = CaseloadFilterForm(
        request.GET or None,
        interventions=caseload_selectors.caseload_interventions(actor=user),
        phases=caseload_selectors.caseload_phases(actor=user),
    )
    filters = form.filters()
    registrations = caseload_selectors.caseload_list(actor=user, filters=filters)
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    for registration in page:
        registration.page_url = participant_url(registration)  # type: ignore[attr-defined]
    # A search is logged like the list, as a search: never with what was searched for.
    detail = caseload_audit_detail(filters.search)
    caseload_selectors.list_view_audit(actor=user, detail=detail, shown=page)
    context = {
        "filter_form": form,
        "active_filters": form.active_filters(),
        "page_obj": page,
        "summary": caseload_selectors.caseload_summary(actor=user),
        "is_staff": caseload_selectors.may_see_due_lists(actor=user),
    }
    return render(request, "participants/caseload.html", context)


@require_GET
def followups_due(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    not_found_unless(caseload_selectors.may_see_due_lists(actor=user))
    groups = caseload_selectors.follow_ups_due_by_coach(actor=user)
    caseload_selectors.list_view_audit(
        actor=user,
        detail="Uppföljningar att göra",
        shown=[registration for group in groups for registration in group.registrations],
        roles=caseload_selectors.STAFF_ROLES,
    )
    context = {"groups": groups, "within_days": caseload_selectors.FOLLOW_UPS_DUE_WITHIN_DAYS}
    return render(request, TEMPLATES + "followups_due.html", context)


@require_GET
def post_exit_due(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    not_found_unless(caseload_selectors.may_see_due_lists(actor=user))
    follow_ups = caseload_selectors.post_exit_due_list(actor=user)
    page = Paginator(follow_ups, PAGE_SIZE).get_page(request.GET.get("page"))
    caseload_selectors.list_view_audit(
        actor=user,
        detail="Efteruppföljningar att göra",
        shown=[follow_up.registration for follow_up in page],
        roles=caseload_selectors.STAFF_ROLES,
    )
    context = {"page_obj": page, "within_days": caseload_selectors.POST_EXIT_DUE_WITHIN_DAYS}
    return render(request, TEMPLATES + "post_exit_due.html", context)
