"""Intake pages: referrals (create, lists, decision). Consent and registration pages are in
views/consents.py and views/registrations.py; shared helpers live here.

Forms are htmx-friendly: a GET with ``HX-Request`` returns just the form fragment, a
successful POST answers 204 with ``HX-Redirect`` (a plain redirect without JavaScript).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.core.models import User
from samsyn.core.web.htmx import htmx_redirect, is_htmx
from samsyn.core.web.http import found_or_404, not_found_unless
from samsyn.core.web.requests import actor
from samsyn.core.web.stale import conflict_if_stale, fresh_values
from samsyn.interventions.models import Intervention
from samsyn.participants import referral_origins
from samsyn.participants.forms.intake import (
    AcknowledgeForm,
    IdentityForm,
    ReferralDecisionForm,
    ReferralForm,
)
from samsyn.participants.models import Referral, ReferralStatus, Registration
from samsyn.participants.selectors.consents import consent_list_for
from samsyn.participants.selectors.intake import (
    is_intervention_staff,
    party_choices,
    referral_interventions_for,
    referring_parties_for,
    registration_interventions_for,
    team_choices,
)
from samsyn.participants.selectors.referrals import (
    referral_get,
    referral_list_for_staff,
    referral_list_mine,
)
from samsyn.participants.selectors.registrations import audit_list_view
from samsyn.participants.services import referrals as referral_services
from samsyn.participants.services.referrals import EligibilityNotAcknowledged

TEMPLATES = "participants/intake/"
PAGE_SIZE = 50
PARTICIPANT_PAGE_NAMES = (
    "participants:registration_detail",
    "participants:detail",
    "participants:participant_detail",
)


# --- Shared helpers ----------------------------------------------------------------------


def participant_url(registration: Registration) -> str:
    """The participant page (owned by the journey pages); the first name that resolves."""
    for name in PARTICIPANT_PAGE_NAMES:
        try:
            return reverse(name, args=[registration.pk])
        except NoReverseMatch:
            continue
    return reverse("participants:referral_list")


def done(request: HttpRequest, url: str, message: str) -> HttpResponse:
    """After a successful save: go to ``url`` (htmx: 204 + HX-Redirect)."""
    messages.success(request, message)
    if is_htmx(request):
        return htmx_redirect(url)
    return redirect(url)


def render_form(
    request: HttpRequest, page: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """The whole page, or (for htmx) only its form fragment ``_<page>``."""
    template = f"{TEMPLATES}_{page}" if is_htmx(request) else f"{TEMPLATES}{page}"
    return render(request, template, context, status=status)


def show_errors(forms: list[Form], error: ValidationError, aliases: dict[str, str]) -> None:
    """Put a service's errors on the form that has the field (``aliases`` renames fields);
    anything else becomes a form-wide error of the first form."""
    if not hasattr(error, "error_dict"):
        forms[0].add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        name = aliases.get(field, field)
        target = next((form for form in forms if name in form.fields), None)
        if target is None or field == NON_FIELD_ERRORS:
            forms[0].add_error(None, field_errors)
        else:
            target.add_error(name, field_errors)


def intervention_for(*, actor: User, intervention_id: int, staff_only: bool) -> Intervention:
    choices = (
        registration_interventions_for(actor=actor)
        if staff_only
        else referral_interventions_for(actor=actor)
    )
    return found_or_404(choices.filter(pk=intervention_id).first())


def choose_intervention(
    request: HttpRequest, *, interventions: list[Intervention], target: str, title: str
) -> HttpResponse:
    """Step one of a form that needs an intervention: pick it (skipped when only one)."""
    if len(interventions) == 1:
        return redirect(target, intervention_id=interventions[0].pk)
    context = {"interventions": interventions, "target": target, "title": title}
    return render(request, f"{TEMPLATES}choose_intervention.html", context)


# --- Referral: create ----------------------------------------------------------------------


@require_GET
def referral_create_start(request: HttpRequest) -> HttpResponse:
    interventions = list(referral_interventions_for(actor=actor(request)))
    return choose_intervention(
        request,
        interventions=interventions,
        target="participants:referral_create",
        title=_("Ny anvisning"),
    )


def _referral_forms(
    request: HttpRequest, *, actor: User, intervention: Intervention
) -> tuple[IdentityForm, ReferralForm, AcknowledgeForm]:
    data = request.POST if request.method == "POST" else None
    referral_form = ReferralForm(
        data,
        parties=party_choices(intervention=intervention),
        referring_parties=referring_parties_for(actor=actor, intervention=intervention),
        teams=team_choices(intervention=intervention),
    )
    return IdentityForm(data), referral_form, AcknowledgeForm(data)


def _create_referral(
    user: User,
    intervention: Intervention,
    data: dict[str, Any],
    identity: IdentityForm,
    details: ReferralForm,
    acknowledge: AcknowledgeForm,
) -> Referral:
    return referral_services.referral_create(
        actor=user,
        intervention=intervention,
        referring_party=data["referring_party"],
        team=data["team"],
        person=identity.person_details(),
        reason=data["reason"],
        current_at_parties=list(data["current_at_parties"]),
        referred_on=data["referred_on"],
        acknowledge_warnings=acknowledge.cleaned_data["acknowledge_warnings"],
        criteria=details.criteria(),
    )


@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, intervention_id: int) -> HttpResponse:
    user = actor(request)
    intervention = intervention_for(actor=user, intervention_id=intervention_id, staff_only=False)
    identity, details, acknowledge = _referral_forms(request, actor=user, intervention=intervention)
    warnings: list[str] = []
    if request.method == "POST" and all(f.is_valid() for f in (identity, details, acknowledge)):
        data = details.cleaned_data
        try:
            # The referral and the link to where it came from (a team's case) are saved
            # together: a refused link creates no referral.
            with transaction.atomic():
                referral = _create_referral(
                    user, intervention, data, identity, details, acknowledge
                )
                referral_origins.link_origins(actor=user, referral=referral, query=request.GET)
        except EligibilityNotAcknowledged as error:
            warnings = error.warnings
            show_errors([acknowledge], error, {})
        except ValidationError as error:
            show_errors([identity, details, acknowledge], error, {})
        else:
            return done(
                request,
                reverse("participants:referral_detail", args=[referral.pk]),
                _("Anvisningen är skickad."),
            )
    context = {
        "intervention": intervention,
        "forms": [details, identity],
        "identity_form": identity,
        "details_form": details,
        "acknowledge_form": acknowledge,
        "warnings": warnings,
        "origin_query": referral_origins.origin_query(request.GET),
    }
    return render_form(request, "referral_form.html", context)


# --- Referral: lists -----------------------------------------------------------------------


def _query(**filters: str | int) -> str:
    """The list's filters as a query string prefix for the page links (``a=b&``)."""
    return urlencode(filters) + "&"


def _status_filter(request: HttpRequest, default: str) -> str:
    status = request.GET.get("status", default)
    return status if status in ReferralStatus.values else ""


@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    """Referrals to decide, for the intervention's staff (pending first by default)."""
    user = actor(request)
    interventions = list(registration_interventions_for(actor=user))
    if not interventions:
        if referral_interventions_for(actor=user).exists():
            return redirect("participants:referral_mine")
        raise Http404
    status = _status_filter(request, ReferralStatus.PENDING)
    chosen = request.GET.get("insats", "")
    intervention_id = int(chosen) if chosen.isdigit() else None
    referrals = referral_list_for_staff(actor=user, status=status, intervention_id=intervention_id)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("sida"))
    audit_list_view(
        actor=user, interventions=interventions, detail="Lista över anvisningar visad", shown=page
    )
    context = {
        "page": page,
        "status": status,
        "statuses": ReferralStatus.choices,
        "interventions": interventions,
        "intervention_id": intervention_id,
        "query": _query(status=status, insats=intervention_id or ""),
    }
    return render(request, f"{TEMPLATES}referral_list.html", context)


@require_GET
def referral_mine(request: HttpRequest) -> HttpResponse:
    """'Mina anvisningar': the referrals the user made, with their status."""
    user = actor(request)
    not_found_unless(referral_interventions_for(actor=user).exists())
    status = _status_filter(request, "")
    referrals = referral_list_mine(actor=user, status=status)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("sida"))
    interventions = [referral.intervention for referral in page]
    if interventions:
        audit_list_view(
            actor=user, interventions=interventions, detail="Mina anvisningar visade", shown=page
        )
    context = {
        "page": page,
        "status": status,
        "statuses": ReferralStatus.choices,
        "query": _query(status=status),
    }
    return render(request, f"{TEMPLATES}referral_mine.html", context)


# --- Referral: detail and decision ---------------------------------------------------------


@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    referral = referral_get(actor=user, referral_id=pk)
    staff = is_intervention_staff(actor=user, intervention_id=referral.intervention_id)
    consents = (
        consent_list_for(actor=user, person=referral.person, intervention=referral.intervention)
        if staff
        else []
    )
    registration = getattr(referral, "registration", None)
    context = {
        "referral": referral,
        "is_staff": staff,
        "consents": consents,
        "registration": registration,
        "registration_url": participant_url(registration) if registration else "",
        "current_parties": list(referral.current_at_parties.all()),
        "decision_form": _decision_form(referral) if staff else None,
        "origins": referral_origins.describe_origins(referral=referral),
    }
    return render(request, f"{TEMPLATES}referral_detail.html", context)


def _decide_form_referral(user: User, pk: int) -> Referral | None:
    referral = referral_get(actor=user, referral_id=pk)
    return referral if referral.status == ReferralStatus.PENDING else None


def _decision_form(referral: Referral, data: Any = None) -> ReferralDecisionForm | None:
    if referral.status != ReferralStatus.PENDING:
        return None
    return ReferralDecisionForm(data, initial={"version": referral.version})


@require_http_methods(["GET", "POST"])
def referral_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    referral = referral_get(actor=user, referral_id=pk, audit=request.method == "GET")
    not_found_unless(is_intervention_staff(actor=user, intervention_id=referral.intervention_id))
    form = _decision_form(referral, request.POST if request.method == "POST" else None)
    if form is None:
        messages.info(request, _("Anvisningen är redan beslutad."))
        return redirect("participants:referral_detail", pk=referral.pk)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == ReferralDecisionForm.ACCEPT
        try:
            referral_services.referral_decide(
                actor=user,
                referral=referral,
                accept=accept,
                reason=form.cleaned_data["decision_reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            show_errors([form], error, {})
        else:
            if accept:
                url = reverse("participants:referral_register", args=[referral.pk])
                return done(request, url, _("Anvisningen är antagen. Skriv in personen."))
            url = reverse("participants:referral_list")
            return done(request, url, _("Anvisningen är avböjd."))
    # The referral as saved now, read (and logged) as opening the form reads it; once
    # decided by someone else there is nothing left to decide, and the message stays.
    conflict = conflict_if_stale(
        form,
        reload=lambda: _decide_form_referral(user, pk),
        saved=lambda saved: fresh_values(ReferralDecisionForm(initial={"version": saved.version})),
        discard_url=request.path,
    )
    context = {"referral": referral, "form": form, "conflict": conflict}
    return render_form(request, "referral_decide.html", context)
