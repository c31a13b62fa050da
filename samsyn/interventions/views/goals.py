"""The goals of an intervention: target vs actual for everyone who sees the intervention;
adding, changing and removing goals for its förbundsadministratör and insatsansvarig."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.web.confirm import confirm_delete_page, delete_confirmed, undo_hint
from samsyn.core.web.stale import conflict_if_stale
from samsyn.interventions.forms.goals import GoalDeleteForm, GoalEditForm, GoalForm
from samsyn.interventions.selectors.goals import managed_goal_get, managed_goal_intervention
from samsyn.interventions.selectors.goals_page import goals_page
from samsyn.interventions.services.goals import goal_create, goal_delete, goal_update
from samsyn.interventions.views.common import acting_user, add_service_errors, refuse


@require_GET
def goal_list(request: HttpRequest, pk: int) -> HttpResponse:
    page = goals_page(
        actor=acting_user(request),
        intervention_id=pk,
        fran=request.GET.get("fran", ""),
        till=request.GET.get("till", ""),
        quick=request.GET.get("rapportperiod", ""),
    )
    context = {"page": page, "intervention": page.intervention}
    return render(request, "interventions/goals.html", context)


@require_http_methods(["GET", "POST"])
def goal_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_goal_intervention(actor=actor, intervention_id=pk)
    form = GoalForm(request.POST or None, intervention=intervention)
    if request.method == "POST" and form.is_valid():
        try:
            goal_create(actor=actor, intervention=intervention, fields=form.goal_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Målet är tillagt."))
            return redirect("interventions:goals", pk=intervention.pk)
    context = {"form": form, "intervention": intervention, "goal": None}
    return render(request, "interventions/goal_form.html", context)


@require_http_methods(["GET", "POST"])
def goal_edit_view(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    actor = acting_user(request)
    goal = managed_goal_get(actor=actor, intervention_id=pk, goal_id=goal_pk)
    form = (
        GoalEditForm(request.POST, intervention=goal.intervention)
        if request.method == "POST"
        else GoalEditForm.for_goal(goal)
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal_update(
                actor=actor,
                goal=goal,
                fields=form.goal_fields(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Målet är ändrat."))
            return redirect("interventions:goals", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: managed_goal_get(actor=actor, intervention_id=pk, goal_id=goal_pk),
        saved=lambda saved: GoalEditForm.for_goal(saved).initial,
        discard_url=request.path,
    )
    context = {"form": form, "intervention": goal.intervention, "goal": goal, "conflict": conflict}
    return render(request, "interventions/goal_form.html", context)


@require_POST
def goal_delete_view(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    actor = acting_user(request)
    goal = managed_goal_get(actor=actor, intervention_id=pk, goal_id=goal_pk)
    if not delete_confirmed(request):
        question = _("Vill du ta bort målet %(label)s?") % {"label": goal.label or goal.metric_id}
        cancel = reverse("interventions:goals", args=[pk])
        return confirm_delete_page(request, question=question, cancel_url=cancel, restorable=True)
    form = GoalDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Målet kunde inte tas bort. Ladda om sidan och försök igen."))
        return redirect("interventions:goals", pk=pk)
    try:
        goal_delete(actor=actor, goal=goal, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Målet är borttaget.") + " " + undo_hint())
    return redirect("interventions:goals", pk=pk)
