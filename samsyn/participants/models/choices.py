"""The coded values of a participant's way, with the codes the import file uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    KVINNA = "kvinna", _("Kvinna")
    MAN = "man", _("Man")


class IncomeSource(models.TextChoices):
    LON = "lon", _("Lön")
    SJUKPENNING = "sjukpenning", _("Sjukpenning/rehabiliteringspenning")
    AKTIVITETSERSATTNING = "aktivitetsersattning", _("Aktivitetsersättning")
    SJUKERSATTNING = "sjukersattning", _("Sjukersättning")
    A_KASSA = "a_kassa", _("A-kassa")
    AKTIVITETSSTOD = "aktivitetsstod", _("Aktivitetsstöd/utvecklingsersättning")
    ETABLERINGSERSATTNING = "etableringsersattning", _("Etableringsersättning")
    FORSORJNINGSSTOD = "forsorjningsstod", _("Försörjningsstöd")
    STUDIEMEDEL = "studiemedel", _("Studiemedel")
    # Paid by the municipality to people in LSS daglig verksamhet (seed 001).
    HABILITERINGSERSATTNING = "habiliteringsersattning", _("Habiliteringsersättning")
    ANNAN = "annan", _("Annan försörjning")
    INGEN = "ingen", _("Ingen offentlig försörjning")


class Occupation(models.TextChoices):
    ARBETAR = "arbetar", _("Arbetar")
    STUDERAR = "studerar", _("Studerar")
    ARBETSSOKANDE = "arbetssokande", _("Aktivt arbetssökande")
    INGEN = "ingen", _("Ingen sysselsättning")


class EducationLevel(models.TextChoices):
    FORGYMNASIAL = "forgymnasial", _("Förgymnasial")
    GYMNASIAL = "gymnasial", _("Gymnasial")
    EFTERGYMNASIAL = "eftergymnasial", _("Eftergymnasial")
    OKAND = "okand", _("Okänd")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på beslut")
    ACCEPTED = "accepted", _("Antagen")
    DECLINED = "declined", _("Avböjd")


class OverallGoal(models.TextChoices):
    ARBETE = "arbete", _("Arbete")
    STUDIER = "studier", _("Studier")
    NARMARE_SJALVFORSORJNING = "narmare_sjalvforsorjning", _("Närmare egen försörjning")
    RATT_PART = "ratt_part", _("Rätt insats hos rätt part")


class SubGoalStatus(models.TextChoices):
    EJ_PABORJAT = "ej_paborjat", _("Ej påbörjat")
    PAGAR = "pagar", _("Pågår")
    UPPNATT = "uppnatt", _("Uppnått")
    EJ_UPPNATT = "ej_uppnatt", _("Ej uppnått")


class StartKind(models.TextChoices):
    ARBETE = "arbete", _("Arbete")
    STUDIER = "studier", _("Studier")


class StartForm(models.TextChoices):
    OSUBVENTIONERAD = "osubventionerad", _("Osubventionerad anställning")
    LONEBIDRAG = "lonebidrag", _("Lönebidrag/lönestöd")
    NYSTARTSJOBB = "nystartsjobb", _("Nystartsjobb")
    INTRODUKTIONSJOBB = "introduktionsjobb", _("Introduktionsjobb")
    TIMANSTALLNING = "timanstallning", _("Timanställning")
    TRYGGHETSANSTALLNING = "trygghetsanstallning", _("Trygghetsanställning")
    KOMVUX = "komvux", _("Komvux")
    YRKESUTBILDNING = "yrkesutbildning", _("Yrkesutbildning")
    FOLKHOGSKOLA = "folkhogskola", _("Folkhögskola")
    SARVUX = "sarvux", _("Särvux")
    HOGSKOLA = "hogskola", _("Högskola")


class ExitReason(models.TextChoices):
    FULLFOLJT = "fullfoljt", _("Fullföljt")
    AVBRUTIT = "avbrutit", _("Avbrutit")
    FLYTTAT = "flyttat", _("Flyttat")
    SJUKDOM = "sjukdom", _("Sjukdom")
    ANNAN_INSATS = "annan_insats", _("Till annan insats")
    # Never counted in any statistic: the registration should not have existed.
    FELREGISTRERING = "felregistrering", _("Felregistrering")


class Outcome(models.TextChoices):
    ARBETE = "arbete", _("Arbete")
    STUDIER = "studier", _("Studier")
    # Both at once (DOMAIN.md, Reporting: "outcomes at exit (work, studies, both, …)").
    ARBETE_OCH_STUDIER = "arbete_studier", _("Arbete och studier")
    ARBETSSOKANDE = "arbetssokande", _("Aktivt arbetssökande")
    ANNAN_PART = "annan_part", _("Annan insats hos part")
    SJUKERSATTNING = "sjukersattning", _("Sjukersättning")
    OVRIGT = "ovrigt", _("Övrigt")


class Recommendation(models.TextChoices):
    ARBETSFORBEREDANDE = "arbetsforberedande", _("Arbetsförberedande insatser")
    AKTIVITET = "aktivitet", _("Aktivitet/sysselsättning för att stabilisera förmågan")
    FORTSATT_REHABILITERING = (
        "fortsatt_rehabilitering",
        _("Fortsatta utredande/rehabiliterande insatser"),
    )
    SJUKERSATTNING = "sjukersattning", _("Ansökan om sjukersättning")


class IncomeMoment(models.TextChoices):
    BEFORE = "fore", _("Före insatsen")
    AFTER = "efter", _("Vid avslut")


class RecipientCategory(models.TextChoices):
    """Who else than the förbund's parties a consent may let the staff contact (seed 001)."""

    TIDIGARE_ARBETSGIVARE = "tidigare_arbetsgivare", _("Tidigare arbetsgivare eller arbetsplats")
    ARBETSGIVARE = "arbetsgivare", _("Arbetsgivare")
    PRAKTIKPLATS = "praktikplats", _("Praktikplats")
    SKOLA = "skola", _("Skola eller utbildning")
    KOMMUNAL_ENHET = "kommunal_enhet", _("Kommunal enhet (t.ex. IFO, LSS-handläggare)")


class DailyActivityPlacement(models.TextChoices):
    """What happens to an LSS daily-activity placement at a job or study start (seed 001)."""

    BEHALLS = "behalls", _("Platsen på daglig verksamhet behålls")
    VILANDE = "vilande", _("Platsen på daglig verksamhet är vilande")
    LAMNAS = "lamnas", _("Platsen på daglig verksamhet lämnas")


class WorkWish(models.TextChoices):
    """The yearly answer to "vill du arbeta?" in daily activity (seed 001)."""

    JA = "ja", _("Ja, vill arbeta")
    KANSKE = "kanske", _("Vet inte än")
    NEJ = "nej", _("Nej, inte nu")
