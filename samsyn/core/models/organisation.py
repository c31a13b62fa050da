"""The organisation: förbund (the tenant), its parties, its teams and their members."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.core.orgnr import validate_organisationsnummer
from samsyn.core.versioning import Versioned

# The limits a förbund may choose for small-count suppression (samsyn.stats.suppression has
# the same ALLOWED_LIMITS; a test keeps them equal). Seed 000 and DOMAIN.md: "< 5".
SMALL_COUNT_LIMITS = (3, 5)


class Forbund(Versioned):
    """A samordningsförbund: the tenant every other record belongs to."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnamn"), max_length=60, unique=True)
    organisationsnummer = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        blank=True,
        validators=[validate_organisationsnummer],
    )
    retention_years = models.PositiveSmallIntegerField(
        _("gallringsfrist (år)"),
        default=5,
        help_text=_("Akter gallras så här många år efter sista anteckningen."),
    )
    # Counts below this limit are hidden in figures for an audience without access to
    # personal data (samsyn/stats/suppression.py, docs/small-numbers.md). Changed only by
    # the förbundsadministratör (core.services.organisation.forbund_set_small_count_limit).
    small_count_limit = models.PositiveSmallIntegerField(
        _("gräns för små antal"),
        default=5,
        choices=[(3, _("3 (antal 1–2 döljs)")), (5, _("5 (antal 1–4 döljs)"))],
    )
    role_grant_approvers = models.ManyToManyField(
        "core.User",
        blank=True,
        related_name="approves_role_grants_in",
        verbose_name=_("godkännare av behörigheter"),
        help_text=_(
            "Om någon anges får bara de godkänna roller som ser personuppgifter eller loggen. "
            "Annars godkänner en annan förbundsadministratör."
        ),
    )
    referral_retention_months = models.PositiveSmallIntegerField(
        _("gallringsfrist för anvisningar (månader)"),
        default=12,
        help_text=_(
            "Avböjda anvisningar och anvisningar som aldrig ledde till inskrivning gallras så här "
            "många månader efter beslut eller anvisningsdatum."
        ),
    )

    class Meta:
        verbose_name = _("samordningsförbund")
        verbose_name_plural = _("samordningsförbund")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartyKind(models.TextChoices):
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
    KOMMUN = "kommun", _("Kommun")
    REGION = "region", _("Region")


class Party(Versioned):
    """A member of the förbund (part): the state agencies, a kommun or the region."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.PROTECT, related_name="parties", verbose_name=_("förbund")
    )
    kind = models.CharField(_("typ av part"), max_length=32, choices=PartyKind.choices)
    name = models.CharField(_("namn"), max_length=200)
    organisationsnummer = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        validators=[validate_organisationsnummer],
    )
    municipality_code = models.CharField(
        _("kommunkod"), max_length=4, blank=True, help_text=_("Fyra siffror, bara för kommuner.")
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["forbund", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["forbund", "name"], name="party_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamKind(models.TextChoices):
    TRISAM = "trisam", _("Trisam-team")
    SAMVERKANSTEAM = "samverkansteam", _("Samverkansteam")
    ARENASAMVERKAN = "arenasamverkan", _("Arenasamverkan")
    RESURSTEAM = "resursteam", _("Resursteam")
    OPERATIV_ARBETSGRUPP = "operativ_arbetsgrupp", _("Operativ arbetsgrupp")
    IPS_TEAM = "ips_team", _("IPS-team")
    STYRGRUPP = "styrgrupp", _("Styrgrupp")
    LOKUS = "lokus", _("LOKUS")


class Team(Versioned):
    """A named group that meets, with members from the parties."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.PROTECT, related_name="teams", verbose_name=_("förbund")
    )
    kind = models.CharField(_("typ av team"), max_length=32, choices=TeamKind.choices)
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    meeting_interval_weeks = models.PositiveSmallIntegerField(
        _("mötesintervall (veckor)"), null=True, blank=True
    )
    is_active = models.BooleanField(_("aktivt"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("team")
        ordering = ["forbund", "name"]
        constraints = [
            models.UniqueConstraint(fields=["forbund", "name"], name="team_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A seat in a team, held for a party by a user or by someone without a log-in.

    People without a log-in are still staff of a party; their name and contact details are
    encrypted like every other identifying field.
    """

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="team_seats", verbose_name=_("part")
    )
    user = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="team_seats",
        verbose_name=_("användare"),
    )
    name = EncryptedTextField(_("namn"), blank=True)
    email = EncryptedTextField(_("e-post"), blank=True)
    phone = EncryptedTextField(_("telefon"), blank=True)
    function = models.CharField(_("funktion"), max_length=120, blank=True)
    # The team's coordinator plans meetings, takes attendance and approves the minutes
    # (docs/collaboration.md). Only a seat held by a user can coordinate.
    is_coordinator = models.BooleanField(_("samordnare"), default=False)

    class Meta:
        verbose_name = _("teammedlem")
        verbose_name_plural = _("teammedlemmar")
        ordering = ["team", "party", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"],
                condition=models.Q(user__isnull=False),
                name="teammember_unique_user",
            ),
            models.CheckConstraint(
                condition=models.Q(is_coordinator=False) | models.Q(user__isnull=False),
                name="teammember_coordinator_is_user",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user is not None:
            return self.user.get_full_name() or self.user.username
        return self.name
