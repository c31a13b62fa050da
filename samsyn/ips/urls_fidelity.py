"""IPS pages: fidelity reviews (programtrohetsmätningar) and the förbund's fidelity scale."""

from django.urls import URLPattern, path

from samsyn.ips import views_fidelity as views

fidelity_patterns: list[URLPattern] = [
    path("programtrohet/insats/<int:pk>/", views.review_list, name="fidelity_list"),
    path("programtrohet/insats/<int:pk>/ny/", views.review_create, name="fidelity_create"),
    path("programtrohet/<int:pk>/", views.review_detail, name="fidelity_detail"),
    path("programtrohet/<int:pk>/andra/", views.review_edit, name="fidelity_edit"),
    path("programtrohet/<int:pk>/poang/", views.review_scores, name="fidelity_scores"),
    path("programtrohet/<int:pk>/klar/", views.review_complete, name="fidelity_complete"),
    path("programtrohet/<int:pk>/pdf/", views.review_pdf, name="fidelity_pdf"),
    path("programtrohet/<int:pk>/atgard/ny/", views.action_create, name="fidelity_action_create"),
    path(
        "programtrohet/<int:pk>/atgard/<int:action_pk>/",
        views.action_edit,
        name="fidelity_action_edit",
    ),
    path("programtrohet/skala/", views.scale_detail, name="fidelity_scale"),
    path("programtrohet/skala/<slug:key>/", views.scale_item_edit, name="fidelity_scale_item"),
]
