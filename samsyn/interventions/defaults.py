"""What a new intervention starts with, in Swedish as the seeds name them."""

from django.utils.translation import gettext_lazy as _

DEFAULT_PHASES = (_("Kartläggning"), _("Aktivitet"), _("Prövning"), _("Avslut"))

# About seven rungs from "not current for work-oriented efforts" to "work or studies".
DEFAULT_LADDER = (
    _("Ej aktuell för arbetsinriktade insatser"),
    _("Stabiliserande och motiverande insatser"),
    _("Kartläggning och utredning av arbetsförmåga"),
    _("Arbetsförberedande aktivitet"),
    _("Arbetsträning eller praktik"),
    _("Aktivt arbetssökande eller matchning"),
    _("Arbete eller studier"),
)

# BIP's progression indicators, rated 1–5 every three months.
BIP_INDICATORS = (
    _("Hantera hälsan"),
    _("Hantera vardagen"),
    _("Tro på att få ett arbete"),
    _("Kunskap om arbetsmarknaden"),
    _("Jobbsökarbeteende"),
    _("Samarbetsförmåga"),
    _("Handläggarens tro på arbete"),
)

DEFAULT_ACTIVITY_TYPES = (
    _("Motiverande samtal"),
    _("Kartläggning"),
    _("Gruppaktivitet"),
    _("Social träning"),
    _("Friskvård"),
    _("Arbetsprövning"),
    _("Arbetsträning"),
    _("Praktik"),
    _("Studiebesök"),
    _("Studie- och yrkesvägledning"),
    _("Bidrags- och ekonomisk rådgivning"),
    _("Psykologutredning"),
    _("Läkarbedömning"),
    _("Arbetsgivarkontakt"),
)
