"""IPS pages at /ips/: career profiles, the employer bank, job development, IPS outcomes and
fidelity reviews."""

from django.urls import URLPattern, path

from samsyn.ips.views import career, employers, fidelity, job_development, outcomes

app_name = "ips"

# A registration's career profile (karriärprofil) and benefits counselling.
career_patterns: list[URLPattern] = [
    path(
        "deltagare/<int:registration_pk>/karriarprofil/",
        career.career_profile,
        name="career_profile",
    ),
    path(
        "deltagare/<int:registration_pk>/karriarprofil/andra/",
        career.career_profile_edit,
        name="career_profile_edit",
    ),
    path(
        "deltagare/<int:registration_pk>/karriarprofil/bidragsradgivning/ny/",
        career.counselling_create,
        name="career_counselling_create",
    ),
    path(
        "deltagare/<int:registration_pk>/karriarprofil/bidragsradgivning/<int:record_pk>/",
        career.counselling_edit,
        name="career_counselling_edit",
    ),
]

# The employer bank (företagsbank), the contact log and job development.
employers_patterns: list[URLPattern] = [
    path("foretagsbank/", employers.employer_list, name="employer_list"),
    path("foretagsbank/ny/", employers.employer_create, name="employer_create"),
    path("foretagsbank/<int:pk>/", employers.employer_detail, name="employer_detail"),
    path("foretagsbank/<int:pk>/andra/", employers.employer_edit, name="employer_edit"),
    path("foretagsbank/<int:pk>/ta-bort/", employers.employer_remove, name="employer_remove"),
    path(
        "foretagsbank/<int:pk>/kontaktpersoner/ny/",
        employers.person_create,
        name="employer_person_create",
    ),
    path(
        "foretagsbank/<int:pk>/kontaktpersoner/<int:person_pk>/",
        employers.person_edit,
        name="employer_person_edit",
    ),
    path(
        "foretagsbank/<int:pk>/overenskommelser/ny/",
        employers.agreement_create,
        name="employer_agreement_create",
    ),
    path(
        "foretagsbank/<int:pk>/overenskommelser/<int:agreement_pk>/",
        employers.agreement_edit,
        name="employer_agreement_edit",
    ),
    path(
        "foretagsbank/<int:pk>/overenskommelser/<int:agreement_pk>/dokument/",
        employers.agreement_document,
        name="employer_agreement_document",
    ),
    path(
        "foretagsbank/<int:pk>/kontakter/ny/",
        employers.contact_create,
        name="employer_contact_create",
    ),
    path(
        "foretagsbank/<int:pk>/forslag/",
        employers.employer_suggestions,
        name="employer_suggestions",
    ),
    path("kontakter/mina/", employers.contact_mine, name="contact_mine"),
    path(
        "kontakter/deltagare/<int:registration_pk>/",
        employers.contact_participant,
        name="contact_participant",
    ),
    path("jobbutveckling/", job_development.job_development, name="job_development"),
]

outcomes_patterns: list[URLPattern] = [
    path("resultat/<int:pk>/", outcomes.outcomes, name="outcomes"),
]

# Fidelity reviews (programtrohetsmätningar) and the förbund's fidelity scale.
fidelity_patterns: list[URLPattern] = [
    path("programtrohet/insats/<int:pk>/", fidelity.review_list, name="fidelity_list"),
    path("programtrohet/insats/<int:pk>/ny/", fidelity.review_create, name="fidelity_create"),
    path("programtrohet/<int:pk>/", fidelity.review_detail, name="fidelity_detail"),
    path("programtrohet/<int:pk>/andra/", fidelity.review_edit, name="fidelity_edit"),
    path("programtrohet/<int:pk>/poang/", fidelity.review_scores, name="fidelity_scores"),
    path("programtrohet/<int:pk>/klar/", fidelity.review_complete, name="fidelity_complete"),
    path("programtrohet/<int:pk>/pdf/", fidelity.review_pdf, name="fidelity_pdf"),
    path(
        "programtrohet/<int:pk>/atgard/ny/",
        fidelity.action_create,
        name="fidelity_action_create",
    ),
    path(
        "programtrohet/<int:pk>/atgard/<int:action_pk>/",
        fidelity.action_edit,
        name="fidelity_action_edit",
    ),
    path("programtrohet/skala/", fidelity.scale_detail, name="fidelity_scale"),
    path("programtrohet/skala/<slug:key>/", fidelity.scale_item_edit, name="fidelity_scale_item"),
]

urlpatterns: list[URLPattern] = [
    *career_patterns,
    *employers_patterns,
    *outcomes_patterns,
    *fidelity_patterns,
]
