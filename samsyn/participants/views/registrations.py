"""Registration pages: from an accepted referral, or directly by the intervention's staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.core.models import User
from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor
from samsyn.interventions.models import Intervention
from samsyn.participants.forms.intake import (
    AcknowledgeForm,
    BaselineForm,
    ConsentChoiceForm,
    ConsentForm,
    IdentityForm,
    IdentityMode,
    ReferralForm,
)
from samsyn.participants.models import ReferralStatus
from samsyn.participants.selectors.consents import consent_list_for
from samsyn.participants.selectors.intake import (
    coaches_for,
    is_intervention_staff,
    party_choices,
    registration_interventions_for,
    team_choices,
)
from samsyn.participants.selectors.referrals import referral_get
from samsyn.participants.services.referrals import EligibilityNotAcknowledged
from samsyn.participants.services.registration import (
    Baseline,
    DirectRegistration,
    registration_create_direct,
    registration_create_from_referral,
)
from samsyn.participants.views.intake import (
    choose_intervention,
    done,
    intervention_for,
    participant_url,
    render_form,
    show_errors,
)


def _baseline_form(
    request: HttpRequest, *, actor: User, intervention: Intervention, initial: dict | None = None
) -> BaselineForm:
    coaches = coaches_for(intervention=intervention)
    return BaselineForm(
        request.POST if request.method == "POST" else None,
        parties=party_choices(intervention=intervention),
        coaches=coaches,
        default_coach=actor if coaches.filter(pk=actor.pk).exists() else None,
        initial=initial,
    )


def _baseline(form: BaselineForm) -> Baseline:
    data = form.cleaned_data
    return Baseline(
        start_date=data["start_date"],
        coach=data["coach"],
        incomes_before=list(data["incomes_before"]),
        occupation_before=data["occupation_before"],
        education_level=data["education_level"],
        months_outside_labour_market=data["months_outside_labour_market"],
        current_at_parties=list(data["current_at_parties"]),
    )


@require_http_methods(["GET", "POST"])
def registration_create_from_referral_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    referral = referral_get(actor=user, referral_id=pk, audit=request.method == "GET")
    not_found_unless(is_intervention_staff(actor=user, intervention_id=referral.intervention_id))
    registration = getattr(referral, "registration", None)
    if registration is not None:
        return redirect(participant_url(registration))
    if referral.status != ReferralStatus.ACCEPTED:
        messages.info(request, _("Anta anvisningen innan personen skrivs in."))
        return redirect("participants:referral_detail", pk=referral.pk)
    consents = consent_list_for(
        actor=user, person=referral.person, intervention=referral.intervention
    )
    data = request.POST if request.method == "POST" else None
    consent_form = ConsentChoiceForm(data, consents=consents)
    initial = {"current_at_parties": [party.pk for party in referral.current_at_parties.all()]}
    baseline = _baseline_form(
        request, actor=user, intervention=referral.intervention, initial=initial
    )
    if request.method == "POST" and consent_form.is_valid() and baseline.is_valid():
        try:
            registration = registration_create_from_referral(
                actor=user,
                referral=referral,
                consent=consent_form.chosen(),
                baseline=_baseline(baseline),
            )
        except ValidationError as error:
            show_errors([baseline, consent_form], error, {})
        else:
            return done(request, participant_url(registration), _("Personen är inskriven."))
    context = {
        "referral": referral,
        "intervention": referral.intervention,
        "consent_form": consent_form,
        "baseline_form": baseline,
        "has_consent": bool(consent_form.consents),
    }
    return render_form(request, "registration_form.html", context)


@require_GET
def registration_create_start(request: HttpRequest) -> HttpResponse:
    interventions = list(registration_interventions_for(actor=actor(request)))
    not_found_unless(interventions)
    return choose_intervention(
        request,
        interventions=interventions,
        target="participants:registration_create",
        title=_("Ny inskrivning"),
    )


def _direct_entry(
    intervention: Intervention,
    identity: IdentityForm,
    source: ReferralForm,
    consent: ConsentForm | None,
    baseline: BaselineForm,
    acknowledge: AcknowledgeForm,
) -> DirectRegistration:
    return DirectRegistration(
        intervention=intervention,
        person=identity.person_details(),
        referring_party=source.cleaned_data["referring_party"],
        team=source.cleaned_data["team"],
        reason=source.cleaned_data["reason"],
        baseline=_baseline(baseline),
        consent=consent.terms() if consent is not None else None,
        acknowledge_warnings=acknowledge.cleaned_data["acknowledge_warnings"],
        criteria=source.criteria(),
    )


@require_http_methods(["GET", "POST"])
def registration_create_direct_view(request: HttpRequest, intervention_id: int) -> HttpResponse:
    user = actor(request)
    intervention = intervention_for(actor=user, intervention_id=intervention_id, staff_only=True)
    posted = request.method == "POST"
    data = request.POST if posted else None
    identity = IdentityForm(data)
    source = ReferralForm(
        data,
        parties=party_choices(intervention=intervention),
        referring_parties=party_choices(intervention=intervention),
        teams=team_choices(intervention=intervention),
        with_current_parties=False,
    )
    consent = ConsentForm(
        data, request.FILES if posted else None, parties=party_choices(intervention=intervention)
    )
    baseline = _baseline_form(request, actor=user, intervention=intervention)
    acknowledge = AcknowledgeForm(data)
    warnings: list[str] = []
    forms = [identity, source, baseline, acknowledge]
    if posted and all(form.is_valid() for form in forms):
        # The consent section counts only for a person identified by personnummer.
        needs_consent = identity.cleaned_data["identity"] == IdentityMode.PERSONNUMMER
        if not needs_consent or consent.is_valid():
            entry = _direct_entry(
                intervention,
                identity,
                source,
                consent if needs_consent else None,
                baseline,
                acknowledge,
            )
            try:
                registration = registration_create_direct(actor=user, entry=entry)
            except EligibilityNotAcknowledged as error:
                warnings = error.warnings
                show_errors([acknowledge], error, {})
            except ValidationError as error:
                show_errors(
                    [identity, source, consent, baseline, acknowledge],
                    error,
                    {"income_sources": "incomes_before", "recipients": "parties"},
                )
            else:
                return done(request, participant_url(registration), _("Personen är inskriven."))
    elif posted and request.POST.get("identity") == IdentityMode.PERSONNUMMER:
        consent.is_valid()  # show its errors together with the others
    context = {
        "intervention": intervention,
        "identity_form": identity,
        "source_form": source,
        "consent_form": consent,
        "baseline_form": baseline,
        "acknowledge_form": acknowledge,
        "warnings": warnings,
    }
    return render_form(request, "registration_direct.html", context)
