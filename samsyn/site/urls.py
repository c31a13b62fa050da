"""The ``core`` URL namespace at the site's root: the start page and the API token pages of
the account, which need apps above core, with core's own pages (samsyn.core.urls).

One namespace, so ``core:start``, ``core:login`` and ``core:api_token_create`` keep their
names; Django keeps only one include per namespace, hence one module that lists them all."""

from django.urls import path

from samsyn.api.views import tokens as api_token_views
from samsyn.core import urls as core_urls
from samsyn.site.views import start

app_name = core_urls.app_name

urlpatterns = [
    path("", start.start, name="start"),
    *core_urls.urlpatterns,
    path("konto/api-nycklar/ny/", api_token_views.token_create, name="api_token_create"),
    path(
        "konto/api-nycklar/<int:token_id>/aterkalla/",
        api_token_views.token_revoke,
        name="api_token_revoke",
    ),
    path(
        "konto/api-nycklar/<int:token_id>/fornya/",
        api_token_views.token_renew,
        name="api_token_renew",
    ),
]
