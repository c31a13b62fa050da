"""Pages of a registration's career profile (karriärprofil) and benefits counselling.

Reads go through samsyn/ips/selectors/career.py (404 outside scope or outside IPS/Supported
Employment, every read logged), writes through samsyn/ips/services/career.py. The referring
handläggare sees the page but gets 403 with the reason on the forms.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from samsyn.core.web.record_views import RecordFormView
from samsyn.core.web.requests import actor
from samsyn.ips.forms.career import CareerProfileForm, CounsellingForm
from samsyn.ips.models import BenefitsCounselling
from samsyn.ips.selectors import career as selectors
from samsyn.ips.services import career as services
from samsyn.participants.models import Registration
from samsyn.participants.services.journey_access import READ_ONLY_MESSAGE, can_write_journey

View = Callable[..., HttpResponseBase]


def career_view(view: View) -> View:
    """A refused write is 403 with the Swedish reason (login is required site-wide)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
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


def _page_url(registration: Registration) -> str:
    return reverse("ips:career_profile", args=[registration.pk])


class CareerFormView(RecordFormView[Registration]):
    """A form of the career profile page: a plain page (no htmx), back to the profile."""

    template_name = "ips/career/form.html"

    def load_owner(self) -> Registration:
        """404 outside scope or outside IPS/SE, 403 read-only. A GET of a form shows the
        person and the profile, so it is logged as a read; a POST is logged by the service."""
        user = actor(self.request)
        registration_pk = self.kwargs["registration_pk"]
        registration = selectors.career_registration_get(
            actor=user, registration_id=registration_pk, audit=False
        )
        if not can_write_journey(actor=user, registration=registration):
            raise PermissionDenied(READ_ONLY_MESSAGE)
        if self.request.method == "GET":
            self.audit_read(registration)
        return registration

    def audit_read(self, owner: Registration) -> None:
        selectors.career_registration_get(actor=actor(self.request), registration_id=owner.pk)

    def get_success_url(self, owner: Registration) -> str:
        return _page_url(owner)

    def get_back_url(self, owner: Registration) -> str:
        return _page_url(owner)


@career_view
@require_GET
def career_profile(request: HttpRequest, registration_pk: int) -> HttpResponse:
    page = selectors.career_page_get(actor=actor(request), registration_id=registration_pk)
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


class CareerProfileEdit(CareerFormView):
    form_class = CareerProfileForm
    url_name = "ips:career_profile_edit"
    title = _("Karriärprofil")
    submit = _("Spara karriärprofilen")
    success_message = _("Karriärprofilen är sparad.")

    def get_initial(self, owner: Registration, record: None) -> dict[str, Any]:
        return _profile_initial(owner)

    def saved_record(self, owner: Registration) -> Any:
        return selectors.career_profile_of(owner)

    def save(self, owner: Registration, record: None, form: Any) -> object:
        return services.career_profile_save(
            actor=actor(self.request),
            registration=owner,
            data=form.to_input(),
            expected_version=form.cleaned_data["version"],
        )


class CounsellingCreate(CareerFormView):
    form_class = CounsellingForm
    url_name = "ips:career_counselling_create"
    title = _("Ny bidragsrådgivning")
    submit = _("Spara bidragsrådgivningen")
    success_message = _("Bidragsrådgivningen är registrerad.")

    def get_initial(self, owner: Registration, record: Any) -> dict[str, Any]:
        return {"offered_on": timezone.localdate()}

    def get_form_kwargs(self, owner: Registration, record: Any) -> dict[str, Any]:
        return {"forbund_id": owner.intervention.forbund_id}

    def get_success_url(self, owner: Registration) -> str:
        return _page_url(owner) + "#bidragsradgivning"

    def save(self, owner: Registration, record: Any, form: Any) -> object:
        return services.benefits_counselling_create(
            actor=actor(self.request), registration=owner, data=form.to_input()
        )


class CounsellingEdit(CounsellingCreate):
    url_name = "ips:career_counselling_edit"
    title = _("Ändra bidragsrådgivning")
    submit = _("Spara ändringen")
    success_message = _("Bidragsrådgivningen är ändrad.")

    def load_record(self, owner: Registration) -> BenefitsCounselling:
        return selectors.benefits_counselling_get(
            registration=owner, record_id=self.kwargs["record_pk"]
        )

    def get_initial(self, owner: Registration, record: BenefitsCounselling) -> dict[str, Any]:
        return {
            "offered_on": record.offered_on,
            "given_on": record.given_on,
            "given_by": record.given_by,
            "given_by_party": record.given_by_party_id,
            "note": record.note,
            "version": record.version,
        }

    def get_form_kwargs(self, owner: Registration, record: BenefitsCounselling) -> dict[str, Any]:
        return {
            "forbund_id": owner.intervention.forbund_id,
            "current_party_id": record.given_by_party_id,
        }

    def save(self, owner: Registration, record: BenefitsCounselling, form: Any) -> object:
        version = form.cleaned_data["version"]
        return services.benefits_counselling_update(
            actor=actor(self.request),
            registration=owner,
            record=record,
            data=form.to_input(),
            expected_version=version if version is not None else -1,
        )


career_profile_edit = career_view(CareerProfileEdit.as_view())
counselling_create = career_view(CounsellingCreate.as_view())
counselling_edit = career_view(CounsellingEdit.as_view())
