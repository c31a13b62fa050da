"""Consent pages: record (for a referral's person or a registration), withdraw, download."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.core.models import User
from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor
from samsyn.core.web.stale import conflict_if_stale, fresh_values
from samsyn.participants.forms.intake import ConsentForm, ConsentWithdrawForm
from samsyn.participants.models import Consent, Referral, Registration
from samsyn.participants.selectors.consents import (
    consent_get,
    consent_shown,
    latest_referral_for,
    latest_registration_of,
)
from samsyn.participants.selectors.intake import is_intervention_staff, party_choices
from samsyn.participants.selectors.referrals import referral_get
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.audit import CONSENT_DOCUMENT_REFUSED_DETAIL
from samsyn.participants.services.consent import (
    consent_create,
    consent_document_open,
    consent_withdraw,
)
from samsyn.participants.views.intake import (
    done,
    participant_url,
    render_form,
    show_errors,
)


def _consent_page(
    request: HttpRequest,
    *,
    referral: Referral | None,
    registration: Registration | None,
    back_url: str,
) -> HttpResponse:
    user = actor(request)
    owner = registration or referral
    assert owner is not None
    intervention = owner.intervention
    not_found_unless(is_intervention_staff(actor=user, intervention_id=intervention.pk))
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        parties=party_choices(intervention=intervention),
    )
    if request.method == "POST" and form.is_valid():
        try:
            consent_create(
                actor=user, terms=form.terms(), referral=referral, registration=registration
            )
        except ValidationError as error:
            show_errors([form], error, {"recipients": "parties"})
        else:
            return done(request, back_url, _("Samtycket är registrerat."))
    context = {
        "form": form,
        "person": owner.person,
        "intervention": intervention,
        "back_url": back_url,
        "action_url": request.path,
    }
    return render_form(request, "consent_form.html", context)


@require_http_methods(["GET", "POST"])
def consent_create_for_referral(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get(actor=actor(request), referral_id=pk, audit=request.method == "GET")
    registration = getattr(referral, "registration", None)
    back_url = (
        participant_url(registration)
        if registration
        else reverse("participants:referral_detail", args=[referral.pk])
    )
    return _consent_page(request, referral=referral, registration=None, back_url=back_url)


@require_http_methods(["GET", "POST"])
def consent_create_for_registration(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_get(
        actor=actor(request), registration_id=pk, audit=request.method == "GET"
    )
    return _consent_page(
        request,
        referral=None,
        registration=registration,
        back_url=participant_url(registration),
    )


def _withdrawable(user: User, pk: int) -> Consent | None:
    """The consent as saved now, unless someone withdrew it meanwhile (then the form has
    nothing left to do and the service's message stays)."""
    consent = consent_get(actor=user, consent_id=pk)
    return consent if consent.withdrawn_on is None else None


def _back_url_for(request: HttpRequest, consent: Consent) -> str:
    registration = latest_registration_of(consent=consent)
    if registration is not None:
        return participant_url(registration)
    referral = latest_referral_for(actor=actor(request), consent=consent)
    if referral is not None:
        return reverse("participants:referral_detail", args=[referral.pk])
    return reverse("participants:referral_list")


@require_http_methods(["GET", "POST"])
def consent_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    consent = consent_get(actor=user, consent_id=pk)
    back_url = _back_url_for(request, consent)
    if consent.withdrawn_on is not None:
        return done(request, back_url, _("Samtycket är redan återkallat."))
    form = ConsentWithdrawForm(
        request.POST if request.method == "POST" else None,
        initial={"version": consent.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            consent_withdraw(
                actor=user,
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            show_errors([form], error, {})
        else:
            return done(request, back_url, _("Samtycket är återkallat."))
    # The page logs that it shows the consent (below), on a stale post as on a GET.
    conflict = conflict_if_stale(
        form,
        reload=lambda: _withdrawable(user, pk),
        saved=lambda saved: fresh_values(ConsentWithdrawForm(initial={"version": saved.version})),
        discard_url=request.path,
    )
    consent_shown(actor=user, consent=consent)
    context = {"form": form, "consent": consent, "back_url": back_url, "conflict": conflict}
    return render_form(request, "consent_withdraw.html", context)


@require_GET
def consent_download(request: HttpRequest, pk: int) -> FileResponse:
    user = actor(request)
    consent = consent_get(actor=user, consent_id=pk, refused_detail=CONSENT_DOCUMENT_REFUSED_DETAIL)
    handle, content_type, filename = consent_document_open(actor=user, consent=consent)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
