"""The JSON API at /api/v1/. Each app contributes a router from its own api.py.

The OpenAPI document at /api/v1/openapi.json is public: it describes the endpoints and holds
no data. ninja's interactive docs page is switched off because it loads Swagger UI from a
CDN with inline script, which the Content-Security-Policy forbids; any OpenAPI viewer can
read the document instead.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver

from samsyn.api.auth import api_auth
from samsyn.api.errors import install_error_handlers
from samsyn.api.openapi import SamsynNinjaAPI
from samsyn.applications.api import router as applications_router
from samsyn.assessments.api import router as assessments_router
from samsyn.collaboration.api import router as collaboration_router
from samsyn.core.api.account import router as core_router
from samsyn.ips.api import router as ips_router
from samsyn.participants.api import router as participants_router
from samsyn.surveys.api import router as surveys_router

API_NAMESPACE = "api"

api = SamsynNinjaAPI(
    title="Samsyn API",
    version="1",
    description=(
        "Samsyns JSON-API. Autentisera med en personlig API-nyckel: "
        "`Authorization: Bearer <nyckel>`. Nycklar skapas under Mitt konto."
    ),
    auth=api_auth,
    urls_namespace=API_NAMESPACE,
    docs_url=None,
)
install_error_handlers(api)
api.add_router("/", core_router)
api.add_router("/", participants_router)
api.add_router("/", ips_router)
api.add_router("/", assessments_router)
api.add_router("/", surveys_router)
api.add_router("/", applications_router)
api.add_router("/", collaboration_router)


def _open_to_anonymous(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """The API answers 401 itself, so the log-in redirect middleware must let it through."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _open_to_anonymous(pattern.url_patterns)
        else:
            pattern.callback = login_not_required(pattern.callback)
    return patterns


# A (patterns, app_name) pair for include(): ninja reverses "api:api-root" to build the
# OpenAPI document, so the patterns must be mounted under the "api" namespace.
api_urlpatterns = (_open_to_anonymous(api.urls[0]), API_NAMESPACE)
