"""The organisation: förbund (the tenant), its parties and teams, and the people who log in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.core.orgnr import validate_organisationsnummer
from samsyn.core.roles import ROLES_SEEING_PERSONAL_DATA, Role
from samsyn.core.versioning import Versioned


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
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user is not None:
            return self.user.get_full_name() or self.user.username
        return self.name


class User(AbstractUser):
    """A person who logs in. What they may see comes from their memberships."""

    is_demo_account = models.BooleanField(
        _("demokonto"),
        default=False,
        help_text=_("Får logga in utan tvåfaktorsinloggning när demoläget är på."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["last_name", "first_name", "username"]

    def active_memberships(self) -> models.QuerySet[Membership]:
        return self.memberships.filter(is_active=True, forbund__isnull=False)

    @property
    def needs_two_factor(self) -> bool:
        """True when any active role of the user can reach personal data."""
        if self.is_superuser or self.is_staff:
            return True
        return self.active_memberships().filter(role__in=ROLES_SEEING_PERSONAL_DATA).exists()


class Membership(Versioned):
    """One role of a user in one förbund, optionally for one party and named interventions."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("användare")
    )
    forbund = models.ForeignKey(
        Forbund, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("förbund")
    )
    role = models.CharField(_("roll"), max_length=32, choices=Role.choices)
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("part"),
    )
    interventions = models.ManyToManyField(
        "interventions.Intervention",
        blank=True,
        related_name="memberships",
        verbose_name=_("begränsad till insatser"),
        help_text=_("Lämna tomt för att rollen ska gälla alla förbundets insatser."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("roll i förbund")
        verbose_name_plural = _("roller i förbund")
        ordering = ["forbund", "role"]
        constraints = [
            # Two constraints because SQLite has no NULLS NOT DISTINCT.
            models.UniqueConstraint(
                fields=["user", "forbund", "role", "party"],
                condition=models.Q(party__isnull=False),
                name="membership_unique_role_party",
            ),
            models.UniqueConstraint(
                fields=["user", "forbund", "role"],
                condition=models.Q(party__isnull=True),
                name="membership_unique_role",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.get_role_display()}, {self.forbund}"
        return f"{label} ({self.party})" if self.party_id else label


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash is stored; the token is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("användare")
    )
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(_("början av nyckeln"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
