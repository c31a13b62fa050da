"""Fidelity review pages: the reviews of an intervention with the trend, one review with its
scores and action plan, the score sheet, the PDF report and the förbund's scale."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.web.stale import conflict_if_stale, fresh_values
from samsyn.interventions.views.common import acting_user, add_service_errors, refuse
from samsyn.ips.documents.fidelity import review_pdf_export
from samsyn.ips.forms.fidelity import ActionForm, ItemForm, ReviewForm, ScoreSheetForm, VersionForm
from samsyn.ips.models import FidelityReview
from samsyn.ips.selectors import fidelity as selectors
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


def _managed_review(request: HttpRequest, pk: int) -> FidelityReview:
    """The review as saved now, read as the managing pages read it (404 otherwise)."""
    review, _access = selectors.fidelity_review_get(
        actor=acting_user(request), review_id=pk, manage=True
    )
    return review


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
    conflict = conflict_if_stale(
        form,
        reload=lambda: _managed_review(request, pk),
        saved=lambda saved: ReviewForm.for_review(saved).initial,
        discard_url=request.path,
    )
    context = {
        "form": form,
        "intervention": review.intervention,
        "review": review,
        "conflict": conflict,
    }
    return render(request, "ips/fidelity/review_form.html", context)


@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review, access = selectors.fidelity_review_get(actor=acting_user(request), review_id=pk)
    scores = selectors.review_scores(review)
    context = {
        "review": review,
        "intervention": review.intervention,
        "scores": scores,
        "result": selectors.review_result(review),
        "actions": selectors.review_actions(review),
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
    conflict = conflict_if_stale(
        form,
        reload=lambda: _managed_review(request, pk),
        saved=lambda saved: fresh_values(
            ScoreSheetForm(
                initial={"version": saved.version}, scores=selectors.review_scores(saved)
            )
        ),
        discard_url=request.path,
    )
    context = {
        "form": form,
        "review": review,
        "intervention": review.intervention,
        "conflict": conflict,
    }
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
        action = selectors.review_action_get(review=review, action_id=action_pk)
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
    conflict = None
    if action_pk is not None:
        conflict = conflict_if_stale(
            form,
            reload=lambda: selectors.review_action_get(
                review=_managed_review(request, pk), action_id=action_pk
            ),
            saved=lambda saved: ActionForm.for_action(saved, items).initial,
            discard_url=request.path,
        )
    context = {
        "form": form,
        "review": review,
        "intervention": review.intervention,
        "action": action,
        "conflict": conflict,
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
    pdf = review_pdf_export(actor=actor, review=review)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"programtrohet-{review.intervention.slug}-{review.reviewed_on.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def scale_detail(request: HttpRequest) -> HttpResponse:
    forbund = selectors.administered_forbund_get(acting_user(request))
    scale = services.fidelity_scale_ensure(forbund=forbund)
    items = selectors.scale_items(scale)
    return render(request, "ips/fidelity/scale.html", {"scale": scale, "items": items})


@require_http_methods(["GET", "POST"])
def scale_item_edit(request: HttpRequest, key: str) -> HttpResponse:
    actor = acting_user(request)
    forbund = selectors.administered_forbund_get(actor)
    scale = services.fidelity_scale_ensure(forbund=forbund)
    item = selectors.scale_item_get(scale=scale, key=key)
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
    # The scale version is what goes stale: who saved the newest one, and its text of the item.
    conflict = conflict_if_stale(
        form,
        reload=lambda: services.fidelity_scale_ensure(forbund=forbund),
        saved=lambda saved: (
            ItemForm.for_item(selectors.scale_item_get(scale=saved, key=key)).initial
        ),
        discard_url=request.path,
    )
    context = {"form": form, "item": item, "conflict": conflict}
    return render(request, "ips/fidelity/item_form.html", context)
