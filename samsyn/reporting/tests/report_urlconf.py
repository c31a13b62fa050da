"""The project's URLs with the period report pages included under /rapporter/.

Used by the period report tests through ``pytest.mark.urls`` until
samsyn/reporting/urls.py includes ``report_patterns`` itself; then it is the project's
own URL configuration unchanged.
"""

from typing import Any

from django.urls import include, path

from samsyn import urls as root
from samsyn.reporting import urls as reporting_urls
from samsyn.reporting.urls_reports import report_patterns

_INCLUDED = any(getattr(p, "name", None) == "report_list" for p in reporting_urls.urlpatterns)

urlpatterns: list[Any]
if _INCLUDED:
    urlpatterns = list(root.urlpatterns)
else:
    urlpatterns = [
        *(p for p in root.urlpatterns if str(getattr(p, "pattern", "")) != "rapporter/"),
        path(
            "rapporter/",
            include(([*reporting_urls.urlpatterns, *report_patterns], "reporting")),
        ),
    ]
