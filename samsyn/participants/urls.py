"""Participant pages under /deltagare/: intake (referral, decision, consent, registration),
the participant page and journey forms, follow-ups and exit, the caseload, and the import of
registrations from a file (under /deltagare/import/)."""

from django.urls import URLPattern, path

from samsyn.participants.views import (
    consents,
    contacts,
    followup,
    imports,
    intake,
    journey,
    lifecycle,
    registrations,
)

app_name = "participants"

intake_patterns: list[URLPattern] = [
    path("remisser/", intake.referral_list, name="referral_list"),
    path("remisser/mina/", intake.referral_mine, name="referral_mine"),
    path("remisser/ny/", intake.referral_create_start, name="referral_create_start"),
    path(
        "remisser/ny/<int:intervention_id>/",
        intake.referral_create,
        name="referral_create",
    ),
    path("remisser/<int:pk>/", intake.referral_detail, name="referral_detail"),
    path("remisser/<int:pk>/beslut/", intake.referral_decide, name="referral_decide"),
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

# The participant page and the journey forms (plan, phases, activities, steps, notes).
journey_patterns: list[URLPattern] = [
    path("<int:pk>/", journey.registration_detail, name="registration_detail"),
    path("<int:pk>/handlingsplan/", journey.plan_edit, name="plan_edit"),
    path("<int:pk>/delmal/nytt/", journey.subgoal_create, name="subgoal_create"),
    path("<int:pk>/delmal/<int:sub_goal_pk>/", journey.subgoal_edit, name="subgoal_edit"),
    path("<int:pk>/fas/", journey.phase_change, name="phase_change"),
    path("<int:pk>/aktivitet/ny/", journey.activity_create, name="activity_create"),
    path("<int:pk>/steg/", journey.step_record_create, name="step_record_create"),
    path("<int:pk>/skattning/", journey.indicator_rating_create, name="indicator_rating_create"),
    path("<int:pk>/anteckning/ny/", journey.note_create, name="note_create"),
]

# Follow-ups, job and study starts, exit, post-exit follow-ups and the caseload.
followup_patterns: list[URLPattern] = [
    path("arendelista/", followup.caseload, name="caseload"),
    path("uppfoljningar-att-gora/", followup.followups_due, name="followups_due"),
    path("efteruppfoljningar/", followup.post_exit_due, name="post_exit_due"),
    path("<int:pk>/uppfoljning/ny/", followup.followup_create, name="followup_create"),
    path("<int:pk>/start/ny/", followup.workstart_create, name="workstart_create"),
    path(
        "<int:pk>/start/<int:start_id>/status/",
        followup.workstart_status,
        name="workstart_status",
    ),
    path("<int:pk>/avslut/", followup.exit_view, name="exit"),
    path("<int:pk>/avslut/angra/", followup.exit_undo, name="exit_undo"),
    path(
        "<int:pk>/efteruppfoljning/<int:followup_id>/",
        followup.post_exit_record,
        name="post_exit_record",
    ),
]

# The contact log (checked against the consent) and LSS daily activity.
contact_patterns: list[URLPattern] = [
    path("<int:pk>/kontakter/", contacts.contact_log, name="contact_log"),
    path("<int:pk>/vill-du-arbeta/", contacts.work_wish, name="work_wish"),
    path("daglig-verksamhet/", contacts.daily_activity_due, name="daily_activity_due"),
]

# Import of registrations from a file.
import_patterns: list[URLPattern] = [
    path("import/", imports.import_page, name="import"),
    path("import/mall.<str:fmt>", imports.import_template, name="import_template"),
]

urlpatterns: list[URLPattern] = [
    *intake_patterns,
    *journey_patterns,
    *followup_patterns,
    *contact_patterns,
    *import_patterns,
]

# The förbundsadministratör's life-cycle pages, mounted at /forvaltning/ by samsyn.urls in
# their own ``lifecycle`` namespace (docs/data-lifecycle.md).
LIFECYCLE_NAMESPACE = "lifecycle"
lifecycle_urlpatterns: list[URLPattern] = [
    path("registerutdrag/", lifecycle.register_extract, name="register_extract"),
    path("radering/", lifecycle.erasure_list, name="erasure_list"),
    path(
        "radering/<int:pk>/<str:decision>/",
        lifecycle.erasure_decide,
        name="erasure_decide",
    ),
]
