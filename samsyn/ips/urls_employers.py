"""IPS pages: the employer bank (företagsbank), the contact log and job development."""

from django.urls import URLPattern, path

from samsyn.ips import views_employers as views

employers_patterns: list[URLPattern] = [
    path("foretagsbank/", views.employer_list, name="employer_list"),
    path("foretagsbank/ny/", views.employer_create, name="employer_create"),
    path("foretagsbank/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("foretagsbank/<int:pk>/andra/", views.employer_edit, name="employer_edit"),
    path("foretagsbank/<int:pk>/ta-bort/", views.employer_remove, name="employer_remove"),
    path(
        "foretagsbank/<int:pk>/kontaktpersoner/ny/",
        views.person_create,
        name="employer_person_create",
    ),
    path(
        "foretagsbank/<int:pk>/kontaktpersoner/<int:person_pk>/",
        views.person_edit,
        name="employer_person_edit",
    ),
    path(
        "foretagsbank/<int:pk>/overenskommelser/ny/",
        views.agreement_create,
        name="employer_agreement_create",
    ),
    path(
        "foretagsbank/<int:pk>/overenskommelser/<int:agreement_pk>/",
        views.agreement_edit,
        name="employer_agreement_edit",
    ),
    path(
        "foretagsbank/<int:pk>/overenskommelser/<int:agreement_pk>/dokument/",
        views.agreement_document,
        name="employer_agreement_document",
    ),
    path(
        "foretagsbank/<int:pk>/kontakter/ny/",
        views.contact_create,
        name="employer_contact_create",
    ),
    path("foretagsbank/<int:pk>/forslag/", views.employer_suggestions, name="employer_suggestions"),
    path("kontakter/mina/", views.contact_mine, name="contact_mine"),
    path(
        "kontakter/deltagare/<int:registration_pk>/",
        views.contact_participant,
        name="contact_participant",
    ),
    path("jobbutveckling/", views.job_development, name="job_development"),
]
