"""Fidelity review pages: the reviews of an intervention with the trend, one review with its
scores and action plan, the score sheet, the PDF report and the förbund's scale."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.interventions.views.common import acting_user, add_service_errors, refuse
from samsyn.ips import fidelity as selectors
from samsyn.ips.fidelity_pdf import render_review_pdf
from samsyn.ips.forms_fidelity import ActionForm, ItemForm, ReviewForm, ScoreSheetForm, VersionForm
from samsyn.ips.models.fidelity import FidelityAction, FidelityScore
from samsyn.ips.services import fidelity as services


@require_GET
def review_list(request: HttpRequest, pk: int) -> HttpResponse:
    intervention, access = selectors.fidelity_intervention_get(
        actor=acting_user(request), intervention_id=pk
    )
    rows = selectors.review_rows(intervention, access)
    points = selectors.trend(rows)
    context = {
        "intervention": intervention,
        "rows": rows,
        "points": points,
        "chart": selectors.trend_chart(points),
        "can_manage": access is selectors.Access.MANAGE,
    }
    return render(request, "ips/fidelity/list.html", context)


@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = selectors.managed_intervention_get(actor=actor, intervention_id=pk)
    form = ReviewForm(request.POST or None, forbund_id=intervention.forbund_id)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.fidelity_review_create(
                actor=actor, intervention=intervention, fields=form.review_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Mätningen är skapad."))
            return redirect("ips:fidelity_detail", pk=review.pk)
    context = {"form": form, "intervention": intervention, "review": None}
    return render(request, "ips/fidelity/review_form.html", context)


@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    review, _access = selectors.fidelity_review_get(actor=actor, review_id=pk, manage=True)
    forbund_id = review.intervention.forbund_id
    if request.method == "POST":
        form = ReviewForm(request.POST, forbund_id=forbund_id)
        if form.is_valid():
            try:
                services.fidelity_review_update(
                    actor=actor,
                    review=review,
                    fields=form.review_fields(),
                    expected_version=form.cleaned_data["version"] or 0,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Mätningen är ändrad."))
                return redirect("ips:fidelity_detail", pk=review.pk)
    else:
        form = ReviewForm.for_review(review)
    context = {"form": form, "intervention": review.intervention, "review": review}
    return render(request, "ips/fidelity/review_form.html", context)


@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review, access = selectors.fidelity_review_get(actor=acting_user(request), review_id=pk)
    scores = selectors.review_scores(review)
    context = {
        "review": review,
        "intervention": review.intervention,
        "scores": scores,
        "result": selectors.result_of(FidelityScore.objects.filter(review=review)),
        "actions": FidelityAction.objects.filter(review=review).select_related("item"),
        "can_manage": access is selectors.Access.MANAGE,
        "is_draft": review.status != "klar",
        "evidence_names": services.EVIDENCE_SOURCES,
    }
    return render(request, "ips/fidelity/detail.html", context)


@require_http_methods(["GET", "POST"])
def review_scores(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    review, _access = selectors.fidelity_review_get(actor=actor, review_id=pk, manage=True)
    scores = selectors.review_scores(review)
    initial = {"version": review.version}
    form = ScoreSheetForm(request.POST or None, initial=initial, scores=scores)
    if request.method == "POST" and form.is_valid():
        try:
            services.fidelity_scores_set(
                actor=actor,
                review=review,
                scores=form.score_fields(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Poängen är sparade."))
            return redirect("ips:fidelity_detail", pk=review.pk)
    context = {"form": form, "review": review, "intervention": review.intervention}
    return render(request, "ips/fidelity/scores.html", context)


@require_POST
def review_complete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    review, _access = selectors.fidelity_review_get(actor=actor, review_id=pk, manage=True)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ladda om sidan och försök igen."))
        return redirect("ips:fidelity_detail", pk=pk)
    try:
        services.fidelity_review_complete(
            actor=actor, review=review, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Mätningen är markerad som klar."))
    return redirect("ips:fidelity_detail", pk=pk)


def _action_form_page(request: HttpRequest, pk: int, action_pk: int | None) -> HttpResponse:
    actor = acting_user(request)
    review, _access = selectors.fidelity_review_get(actor=actor, review_id=pk, manage=True)
    items = services.weak_items(review)
    action = None
    if action_pk is not None:
        action = get_object_or_404(
            FidelityAction.objects.filter(review=review).select_related("item"), pk=action_pk
        )
        action.review = review
    if request.method == "POST":
        form = ActionForm(request.POST, items=items)
    elif action is not None:
        form = ActionForm.for_action(action, items)
    else:
        form = ActionForm(items=items)
    if request.method == "POST" and form.is_valid():
        try:
            if action is None:
                services.fidelity_action_create(
                    actor=actor, review=review, fields=form.action_fields()
                )
            else:
                services.fidelity_action_update(
                    actor=actor,
                    action=action,
                    fields=form.action_fields(),
                    expected_version=form.cleaned_data["version"] or 0,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Åtgärden är sparad."))
            return redirect("ips:fidelity_detail", pk=review.pk)
    context = {
        "form": form,
        "review": review,
        "intervention": review.intervention,
        "action": action,
    }
    return render(request, "ips/fidelity/action_form.html", context)


@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _action_form_page(request, pk, None)


@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    return _action_form_page(request, pk, action_pk)


@require_GET
def review_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    review, _access = selectors.fidelity_review_get(actor=actor, review_id=pk)
    pdf = render_review_pdf(review)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        forbund=review.intervention.forbund,
        intervention=review.intervention,
        obj=review,
        detail="Rapport om programtrohetsmätning (PDF)",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"programtrohet-{review.intervention.slug}-{review.reviewed_on.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _administered_forbund(request: HttpRequest):
    forbund = forbunds_administered_by(acting_user(request)).order_by("id").first()
    if forbund is None:
        raise Http404
    return forbund


@require_GET
def scale_detail(request: HttpRequest) -> HttpResponse:
    forbund = _administered_forbund(request)
    scale = services.fidelity_scale_ensure(forbund=forbund)
    items = scale.items.order_by("number")
    return render(request, "ips/fidelity/scale.html", {"scale": scale, "items": items})


@require_http_methods(["GET", "POST"])
def scale_item_edit(request: HttpRequest, key: str) -> HttpResponse:
    actor = acting_user(request)
    forbund = _administered_forbund(request)
    scale = services.fidelity_scale_ensure(forbund=forbund)
    item = get_object_or_404(scale.items.select_related("scale"), key=key)
    form = ItemForm(request.POST) if request.method == "POST" else ItemForm.for_item(item)
    if request.method == "POST" and form.is_valid():
        try:
            services.fidelity_item_update(
                actor=actor,
                forbund=forbund,
                item_key=key,
                fields=form.item_fields(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Punkten är ändrad. Skalan har fått en ny version."))
            return redirect("ips:fidelity_scale")
    return render(request, "ips/fidelity/item_form.html", {"form": form, "item": item})
