"""IPS pages at /ips/: career profiles, the employer bank, job development, IPS outcomes and
fidelity reviews."""

from django.urls import URLPattern

from samsyn.ips.urls_career import career_patterns
from samsyn.ips.urls_employers import employers_patterns
from samsyn.ips.urls_fidelity import fidelity_patterns
from samsyn.ips.urls_outcomes import outcomes_patterns

app_name = "ips"

urlpatterns: list[URLPattern] = [
    *career_patterns,
    *employers_patterns,
    *outcomes_patterns,
    *fidelity_patterns,
]
