"""Pages of a registration's career profile (karriärprofil) and benefits counselling.

Reads go through samsyn/ips/career.py (404 outside scope or outside IPS/Supported
Employment, every read logged), writes through samsyn/ips/services/career.py. The referring
handläggare sees the page but gets 403 with the reason on the forms.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.core.manage.common import add_service_errors
from samsyn.core.models import User
from samsyn.ips import career as selectors
from samsyn.ips.forms_career import CareerProfileForm, CounsellingForm
from samsyn.ips.services import career as services
from samsyn.participants.models import Registration
from samsyn.participants.services.journey_access import READ_ONLY_MESSAGE, can_write_journey

View = Callable[..., HttpResponse]


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def career_view(view: View) -> View:
    """A refused write is 403 with the Swedish reason (login is required site-wide)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as denied:
            return render(
                request,
                "ips/career/forbidden.html",
                {
                    "message": str(denied) or str(READ_ONLY_MESSAGE),
                    "registration_id": kwargs.get("registration_pk"),
                },
                status=403,
            )

    return wrapper


def _writable(request: HttpRequest, registration_pk: int) -> Registration:
    """404 outside scope or outside IPS/SE, 403 read-only. A GET of a form shows the person
    and the profile, so it is logged as a read; a POST is logged by the service."""
    actor = _actor(request)
    registration = selectors.career_registration_get(
        actor=actor, registration_id=registration_pk, audit=False
    )
    if not can_write_journey(actor=actor, registration=registration):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    if request.method == "GET":
        selectors.career_registration_get(actor=actor, registration_id=registration_pk)
    return registration


def _page_url(registration: Registration) -> str:
    return reverse("ips:career_profile", args=[registration.pk])


def _call(form: forms.Form, service: Callable[[], object]) -> bool:
    try:
        service()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def _form_page(
    request: HttpRequest, registration: Registration, form: forms.Form, **context: Any
) -> HttpResponse:
    return render(
        request,
        "ips/career/form.html",
        {
            "registration": registration,
            "form": form,
            "back_url": _page_url(registration),
            **context,
        },
    )


@career_view
@require_GET
def career_profile(request: HttpRequest, registration_pk: int) -> HttpResponse:
    page = selectors.career_page_get(actor=_actor(request), registration_id=registration_pk)
    return render(
        request,
        "ips/career/profile.html",
        {"page": page, "registration": page.registration, "profile": page.profile},
    )


def _profile_initial(registration: Registration) -> dict[str, Any]:
    profile = selectors.career_profile_of(registration)
    if profile is None:
        return {}
    names = [*services.TEXT_FIELDS, *services.PREFERENCE_FIELDS, "version"]
    return {name: getattr(profile, name) for name in names}


@career_view
@require_http_methods(["GET", "POST"])
def career_profile_edit(request: HttpRequest, registration_pk: int) -> HttpResponse:
    registration = _writable(request, registration_pk)
    form = CareerProfileForm(request.POST or None, initial=_profile_initial(registration))
    if (
        request.method == "POST"
        and form.is_valid()
        and _call(
            form,
            lambda: services.career_profile_save(
                actor=_actor(request),
                registration=registration,
                data=form.to_input(),
                expected_version=form.cleaned_data["version"],
            ),
        )
    ):
        messages.success(request, _("Karriärprofilen är sparad."))
        return redirect(_page_url(registration))
    return _form_page(
        request,
        registration,
        form,
        title=_("Karriärprofil"),
        submit=_("Spara karriärprofilen"),
        action=reverse("ips:career_profile_edit", args=[registration_pk]),
    )


@career_view
@require_http_methods(["GET", "POST"])
def counselling_create(request: HttpRequest, registration_pk: int) -> HttpResponse:
    registration = _writable(request, registration_pk)
    form = CounsellingForm(
        request.POST or None,
        initial={"offered_on": timezone.localdate()},
        forbund_id=registration.intervention.forbund_id,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _call(
            form,
            lambda: services.benefits_counselling_create(
                actor=_actor(request), registration=registration, data=form.to_input()
            ),
        )
    ):
        messages.success(request, _("Bidragsrådgivningen är registrerad."))
        return redirect(_page_url(registration) + "#bidragsradgivning")
    return _form_page(
        request,
        registration,
        form,
        title=_("Ny bidragsrådgivning"),
        submit=_("Spara bidragsrådgivningen"),
        action=reverse("ips:career_counselling_create", args=[registration_pk]),
    )


@career_view
@require_http_methods(["GET", "POST"])
def counselling_edit(request: HttpRequest, registration_pk: int, record_pk: int) -> HttpResponse:
    registration = _writable(request, registration_pk)
    record = selectors.benefits_counselling_get(registration=registration, record_id=record_pk)
    initial = {
        "offered_on": record.offered_on,
        "given_on": record.given_on,
        "given_by": record.given_by,
        "given_by_party": record.given_by_party_id,
        "note": record.note,
        "version": record.version,
    }
    form = CounsellingForm(
        request.POST or None,
        initial=initial,
        forbund_id=registration.intervention.forbund_id,
        current_party_id=record.given_by_party_id,
    )
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        if _call(
            form,
            lambda: services.benefits_counselling_update(
                actor=_actor(request),
                registration=registration,
                record=record,
                data=form.to_input(),
                expected_version=version if version is not None else -1,
            ),
        ):
            messages.success(request, _("Bidragsrådgivningen är ändrad."))
            return redirect(_page_url(registration) + "#bidragsradgivning")
    return _form_page(
        request,
        registration,
        form,
        title=_("Ändra bidragsrådgivning"),
        submit=_("Spara ändringen"),
        action=reverse("ips:career_counselling_edit", args=[registration_pk, record_pk]),
    )
