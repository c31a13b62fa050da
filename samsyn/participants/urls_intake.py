"""Intake: referral, decision, consent and registration (journey steps 1–3)."""

from django.urls import URLPattern, path

from samsyn.participants import views_intake as referrals
from samsyn.participants import views_intake_consent as consents
from samsyn.participants import views_intake_registration as registrations

urlpatterns: list[URLPattern] = [
    path("remisser/", referrals.referral_list, name="referral_list"),
    path("remisser/mina/", referrals.referral_mine, name="referral_mine"),
    path("remisser/ny/", referrals.referral_create_start, name="referral_create_start"),
    path(
        "remisser/ny/<int:intervention_id>/",
        referrals.referral_create,
        name="referral_create",
    ),
    path("remisser/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    path("remisser/<int:pk>/beslut/", referrals.referral_decide, name="referral_decide"),
    path(
        "remisser/<int:pk>/samtycke/",
        consents.consent_create_for_referral,
        name="referral_consent_create",
    ),
    path(
        "remisser/<int:pk>/inskrivning/",
        registrations.registration_create_from_referral_view,
        name="referral_register",
    ),
    path(
        "inskrivningar/ny/",
        registrations.registration_create_start,
        name="registration_create_start",
    ),
    path(
        "inskrivningar/ny/<int:intervention_id>/",
        registrations.registration_create_direct_view,
        name="registration_create",
    ),
    path(
        "<int:pk>/samtycke/ny/",
        consents.consent_create_for_registration,
        name="registration_consent_create",
    ),
    path(
        "samtycken/<int:pk>/aterkalla/",
        consents.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("samtycken/<int:pk>/blankett/", consents.consent_download, name="consent_download"),
]
