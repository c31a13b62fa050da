"""IPS pages: a registration's career profile (karriärprofil) and benefits counselling."""

from django.urls import URLPattern, path

from samsyn.ips import views_career as views

career_patterns: list[URLPattern] = [
    path(
        "deltagare/<int:registration_pk>/karriarprofil/",
        views.career_profile,
        name="career_profile",
    ),
    path(
        "deltagare/<int:registration_pk>/karriarprofil/andra/",
        views.career_profile_edit,
        name="career_profile_edit",
    ),
    path(
        "deltagare/<int:registration_pk>/karriarprofil/bidragsradgivning/ny/",
        views.counselling_create,
        name="career_counselling_create",
    ),
    path(
        "deltagare/<int:registration_pk>/karriarprofil/bidragsradgivning/<int:record_pk>/",
        views.counselling_edit,
        name="career_counselling_edit",
    ),
]
