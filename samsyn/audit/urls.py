from django.urls import path

from samsyn.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("export/", views.event_export, name="event_export"),
    path("granskningar/", views.review_list, name="review_list"),
    path("granskningar/ny/", views.review_create, name="review_create"),
    path("granskningar/<int:pk>/", views.review_detail, name="review_detail"),
]
