"""Pages of payment claims (/ansokningar/rekvisitioner/): the list, a new claim beside the
förbund-funded costs of the year, the claim with its next step (submit, decide, pay).
Thin: selectors read, services write and refuse; no ORM here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.applications.forms.claims import ClaimForm, DecisionForm, PaymentForm, VersionForm
from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.selectors.claims import (
    claim_form_page,
    claim_get,
    claim_list_page,
    claimable_intervention_get,
    may_claim,
    may_decide,
)
from samsyn.applications.services.claims import (
    claim_create,
    claim_decide,
    claim_delete,
    claim_pay,
    claim_submit,
    claim_update,
)
from samsyn.core.models import User
from samsyn.core.web.confirm import ask_first, undo_hint
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.requests import actor as acting_user
from samsyn.core.web.stale import conflict_if_stale


def _year(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) == 4 else None


def _detail(claim_id: int) -> HttpResponse:
    return redirect("applications:claim_detail", claim_id)


def _staff_claim(actor: User, claim_pk: int) -> PaymentClaim:
    """The claim for a decision or payment: 404 outside scope, 403 for its claimants."""
    claim = claim_get(actor=actor, claim_id=claim_pk)
    if not may_decide(actor, claim):
        raise PermissionDenied
    return claim


def _refuse(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_GET
def claim_list(request: HttpRequest) -> HttpResponse:
    page = claim_list_page(actor=acting_user(request), status=request.GET.get("status", ""))
    context = {"page": page, "statuses": ClaimStatus.choices}
    return render(request, "applications/claims/list.html", context)


@require_http_methods(["GET", "POST"])
def claim_create_view(request: HttpRequest, intervention_id: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = claimable_intervention_get(actor=actor, intervention_id=intervention_id)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = claim_create(
                actor=actor, intervention_id=intervention.pk, fields=form.claim_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rekvisitionen är sparad som utkast."))
            return _detail(claim.pk)
    year = _year(request.GET.get("ar"))
    chosen = getattr(form, "cleaned_data", {}).get("period_from")
    if chosen:
        year = chosen.year
    page = claim_form_page(intervention=intervention, year=year)
    return render(request, "applications/claims/form.html", {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
def claim_edit(request: HttpRequest, claim_pk: int) -> HttpResponse:
    actor = acting_user(request)
    claim = claim_get(actor=actor, claim_id=claim_pk)
    form = ClaimForm(request.POST) if request.method == "POST" else ClaimForm.for_claim(claim)
    if request.method == "POST" and form.is_valid():
        try:
            claim_update(
                actor=actor,
                claim_id=claim.pk,
                fields=form.claim_fields(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rekvisitionen är ändrad."))
            return _detail(claim.pk)
    elif claim.status != ClaimStatus.DRAFT or not may_claim(actor, claim.intervention_id):
        messages.error(request, _("Bara ett utkast kan ändras, och bara av insatsens ägare."))
        return _detail(claim.pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: claim_get(actor=actor, claim_id=claim_pk),
        saved=lambda now: ClaimForm.for_claim(now).initial,
        discard_url=request.path,
    )
    page = claim_form_page(intervention=claim.intervention, year=claim.year)
    context = {"form": form, "page": page, "claim": claim, "conflict": conflict}
    return render(request, "applications/claims/form.html", context)


@require_GET
def claim_detail(request: HttpRequest, claim_pk: int) -> HttpResponse:
    actor = acting_user(request)
    claim = claim_get(actor=actor, claim_id=claim_pk)
    can_claim = claim.status == ClaimStatus.DRAFT and may_claim(actor, claim.intervention_id)
    staff = may_decide(actor, claim)
    context = {
        "claim": claim,
        "can_claim": can_claim,
        "decision_form": DecisionForm(initial={"version": claim.version})
        if staff and claim.status == ClaimStatus.SUBMITTED
        else None,
        "payment_form": PaymentForm(
            initial={"version": claim.version, "paid_amount": claim.approved_amount}
        )
        if staff and claim.status in (ClaimStatus.APPROVED, ClaimStatus.ADJUSTED)
        else None,
    }
    return render(request, "applications/claims/detail.html", context)


@require_POST
def claim_submit_view(request: HttpRequest, claim_pk: int) -> HttpResponse:
    actor = acting_user(request)
    claim = claim_get(actor=actor, claim_id=claim_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ladda om sidan och försök igen."))
        return _detail(claim.pk)
    try:
        claim_submit(actor=actor, claim_id=claim.pk, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("Rekvisitionen är inskickad till förbundet."))
    return _detail(claim.pk)


@require_POST
def claim_delete_view(request: HttpRequest, claim_pk: int) -> HttpResponse:
    actor = acting_user(request)
    claim = claim_get(actor=actor, claim_id=claim_pk)
    cancel = reverse("applications:claim_detail", args=[claim.pk])
    asked = ask_first(request, name=_("utkastet"), cancel_url=cancel, restorable=True)
    if asked is not None:
        return asked
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ladda om sidan och försök igen."))
        return _detail(claim.pk)
    try:
        claim_delete(actor=actor, claim_id=claim.pk, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        _refuse(request, error)
        return _detail(claim.pk)
    messages.success(request, _("Utkastet är borttaget.") + " " + undo_hint())
    return redirect("applications:claims")


def _staff_step(
    request: HttpRequest,
    claim_pk: int,
    form: DecisionForm | PaymentForm,
    form_key: str,
    act: Callable[[User, int, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """The förbund staff's decision or payment on a claim: the service's refusal is shown in
    the form on the claim's page, nothing saved; success goes back to the claim."""
    actor = acting_user(request)
    claim = _staff_claim(actor, claim_pk)
    if form.is_valid():
        try:
            act(actor, claim.pk, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return _detail(claim.pk)
    context = {"claim": claim, "can_claim": False, "decision_form": None, "payment_form": None}
    return render(request, "applications/claims/detail.html", {**context, form_key: form})


@require_POST
def claim_decide_view(request: HttpRequest, claim_pk: int) -> HttpResponse:
    def act(actor: User, claim_id: int, data: dict[str, Any]) -> object:
        return claim_decide(
            actor=actor,
            claim_id=claim_id,
            outcome=data["outcome"],
            approved_amount=data["approved_amount"],
            reason=data["reason"],
            expected_version=data["version"],
        )

    form = DecisionForm(request.POST)
    return _staff_step(request, claim_pk, form, "decision_form", act, _("Beslutet är sparat."))


@require_POST
def claim_pay_view(request: HttpRequest, claim_pk: int) -> HttpResponse:
    def act(actor: User, claim_id: int, data: dict[str, Any]) -> object:
        return claim_pay(
            actor=actor,
            claim_id=claim_id,
            paid_amount=data["paid_amount"],
            paid_on=data["paid_on"],
            expected_version=data["version"],
        )

    form = PaymentForm(request.POST)
    done = _("Utbetalningen är registrerad.")
    return _staff_step(request, claim_pk, form, "payment_form", act, done)
