"""The IPS outcome metrics (IPS-resultat), defined with the primitives of
``samsyn.stats.metrics`` and registered in its one registry (``IpsConfig.ready``) by the
source in ``samsyn/ips/selectors/outcomes.py``, which computes them in SQL. They apply to
interventions running IPS or Supported Employment only. The definitions are those of
docs/ips-outcomes.md.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samsyn.stats.metrics import Kind, MetricDefinition

_REGISTRATIONS = _("Ingen nämnare: ett antal inskrivningar.")
_JOBS = _("Ingen nämnare: ett antal arbeten.")

IPS_METRICS: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        "caseload_active",
        _("Aktiv ärendemängd"),
        _(
            "Inskrivningar som pågår periodens sista dag och har haft en kontakt (aktivitet, "
            "uppföljningsmöte eller arbetsgivarkontakt för deltagaren) under de 28 dagar som "
            "slutar den dagen. Gränsen är 20 per coach."
        ),
        _REGISTRATIONS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "out_of_work_active",
        _("Aktiva utan arbete vid start"),
        _(
            "Av den aktiva ärendemängden (inskrivna och inte avslutade periodens sista dag, med "
            "kontakt de senaste 28 dagarna): de vars sysselsättning före insatsen inte var "
            "”arbetar”. De som redan arbetade räknas inte."
        ),
        _REGISTRATIONS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "in_competitive_job",
        _("I konkurrensutsatt arbete"),
        _(
            "Av de aktiva utan arbete vid start: de som hade ett konkurrensutsatt arbete "
            "någon dag i perioden."
        ),
        _REGISTRATIONS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "employment_rate",
        _("Andel i arbete"),
        _("I konkurrensutsatt arbete delat med aktiva utan arbete vid start."),
        _("Aktiva utan arbete vid start"),
        Kind.SHARE,
        numerator_key="in_competitive_job",
        denominator_key="out_of_work_active",
    ),
    MetricDefinition(
        "job_starts",
        _("Påbörjade konkurrensutsatta arbeten"),
        _("Konkurrensutsatta arbeten som började i perioden; en person kan ha flera."),
        _JOBS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "job_starts_first",
        _("Första arbete påbörjat"),
        _(
            "Inskrivningar vars första konkurrensutsatta arbete (det tidigaste som började "
            "på eller efter inskrivningens startdatum) började i perioden."
        ),
        _REGISTRATIONS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "job_starts_noncompetitive",
        _("Påbörjade andra arbeten"),
        _("Arbeten som inte är konkurrensutsatta (t.ex. skyddat arbete) som började i perioden."),
        _JOBS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "median_days_to_first_job",
        _("Mediantid till första arbete (dagar)"),
        _(
            "Medianen av dagar från inskrivningens start till första konkurrensutsatta arbete, "
            "över dem vars första arbete började i perioden."
        ),
        _("Första arbete påbörjat"),
        Kind.MEDIAN,
        denominator_key="job_starts_first",  # the median is taken over these
    ),
    MetricDefinition(
        "jobs_13w_base",
        _("Arbeten påbörjade minst 13 veckor före periodens slut"),
        _("Konkurrensutsatta arbeten som började minst 91 dagar före periodens sista dag."),
        _JOBS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "jobs_13w_held",
        _("Arbeten kvar efter 13 veckor"),
        _(
            "Av dem: arbeten som någon har registrerat som kvar minst 91 dagar efter start: "
            "ett slutdatum då eller senare, eller en kontroll (vid en kontakt, ett "
            "uppföljningsmöte eller uppföljningen efter avslut) som visar att deltagaren var "
            "kvar då. Ett arbete utan slutdatum räknas inte som kvar bara för det."
        ),
        _JOBS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "jobs_13w_unknown",
        _("Arbeten med okänt läge efter 13 veckor"),
        _(
            "Av arbetena påbörjade minst 13 veckor före periodens slut: de som varken har "
            "ett slutdatum eller en kontroll som visar att deltagaren var kvar efter 91 dagar. "
            "De räknas inte som kvar; registrera en kontroll eller ett slutdatum på starten."
        ),
        _JOBS,
        Kind.COUNT,
    ),
    MetricDefinition(
        "jobs_13w_share",
        _("Andel arbeten kvar efter 13 veckor"),
        _(
            "Arbeten kvar efter 13 veckor delat med arbeten påbörjade minst 13 veckor före. "
            "Arbeten med okänt läge ingår i nämnaren men inte i täljaren."
        ),
        _("Arbeten påbörjade minst 13 veckor före periodens slut"),
        Kind.SHARE,
        numerator_key="jobs_13w_held",
        denominator_key="jobs_13w_base",
    ),
    MetricDefinition(
        "follow_along",
        _("I arbete med fortsatt stöd"),
        _(
            "Tidsobegränsat stöd: inskrivningar som pågår periodens sista dag och som den "
            "dagen har ett konkurrensutsatt arbete."
        ),
        _REGISTRATIONS,
        Kind.COUNT,
    ),
)
IPS_METRICS_BY_ID: dict[str, MetricDefinition] = {metric.id: metric for metric in IPS_METRICS}
# The counts behind the metrics: over registrations, and over work starts.
REGISTRATION_COUNTS = (
    "caseload_active",
    "out_of_work_active",
    "in_competitive_job",
    "job_starts_first",
    "follow_along",
)
JOB_COUNTS = (
    "job_starts",
    "job_starts_noncompetitive",
    "jobs_13w_base",
    "jobs_13w_held",
    "jobs_13w_unknown",
)
COUNT_IDS = REGISTRATION_COUNTS + JOB_COUNTS
