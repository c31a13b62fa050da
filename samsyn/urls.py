from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from samsyn.api.urls import api_urlpatterns
from samsyn.core.urls import MANAGE_NAMESPACE, manage_urlpatterns
from samsyn.participants.urls import LIFECYCLE_NAMESPACE, lifecycle_urlpatterns

urlpatterns = [
    path("", include("samsyn.site.urls")),
    path("forvaltning/", include((manage_urlpatterns, MANAGE_NAMESPACE))),
    path("forvaltning/", include((lifecycle_urlpatterns, LIFECYCLE_NAMESPACE))),
    path("logg/", include("samsyn.audit.urls")),
    path("insatser/", include("samsyn.interventions.urls")),
    path("deltagare/", include("samsyn.participants.urls")),
    path("rapporter/", include("samsyn.reporting.urls")),
    path("ips/", include("samsyn.ips.urls")),
    path("resursinventering/", include("samsyn.assessments.urls")),
    path("ansokningar/", include("samsyn.applications.urls")),
    path("enkater/", include("samsyn.surveys.urls")),
    # The public answering page: a short path to type from paper.
    path("enkat/", include("samsyn.surveys.public_urls")),
    path("samverkan/", include("samsyn.collaboration.urls")),
    path("api/v1/", include(api_urlpatterns)),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("django-admin/", admin.site.urls),
]
