from django.urls import path

from samsyn.audit.views import events, reviews

app_name = "audit"

urlpatterns = [
    path("", events.event_list, name="event_list"),
    path("export/", events.event_export, name="event_export"),
    path("granskningar/", reviews.review_list, name="review_list"),
    path("granskningar/ny/", reviews.review_create, name="review_create"),
    path("granskningar/<int:pk>/", reviews.review_detail, name="review_detail"),
]
