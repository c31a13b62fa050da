"""The people who log in and their roles (memberships) in the förbund."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.models.organisation import Forbund, Party
from samsyn.core.roles import ROLES_SEEING_PERSONAL_DATA, Role
from samsyn.core.versioning import Versioned


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django-otp devices
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
    # The "sökande" right (issue #12): may write and submit funding applications on behalf of
    # the membership's party. It reveals no personal data, so it needs no second approval.
    may_apply = models.BooleanField(
        _("sökande"),
        default=False,
        help_text=_("Får skriva och skicka in ansökningar om medel för sin part."),
    )
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
            models.CheckConstraint(
                condition=models.Q(may_apply=False) | models.Q(party__isnull=False),
                name="membership_applicant_has_party",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.get_role_display()}, {self.forbund}"
        return f"{label} ({self.party})" if self.party_id else label


class GrantDecision(models.TextChoices):
    PENDING = "pending", _("Väntar på beslut")
    APPROVED = "approved", _("Godkänd")
    REFUSED = "refused", _("Avslagen")


class RoleGrantRequest(models.Model):
    """A role that one administrator asked for and a second person approves or refuses.

    Roles that see personal data or the log (samsyn.core.roles.ROLES_NEEDING_APPROVAL) become a
    membership only on approval. Rows are never deleted: they are the record of who asked,
    who decided and why. ``decided_by`` is empty on an approved row that the demo seeding
    created as already approved.
    """

    forbund = models.ForeignKey(
        Forbund, on_delete=models.PROTECT, related_name="role_grant_requests"
    )
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="role_grant_requests",
        verbose_name=_("användare"),
    )
    role = models.CharField(_("roll"), max_length=32, choices=Role.choices)
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    interventions = models.ManyToManyField(
        "interventions.Intervention", blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("begärd"), auto_now_add=True)
    decision = models.CharField(
        _("beslut"), max_length=16, choices=GrantDecision.choices, default=GrantDecision.PENDING
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    reason = models.TextField(_("motivering"), blank=True)
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("begäran om roll")
        verbose_name_plural = _("begäranden om roller")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # One open request per role and user in a förbund (SQLite: two constraints).
            models.UniqueConstraint(
                fields=["user", "forbund", "role", "party"],
                condition=models.Q(decision="pending", party__isnull=False),
                name="rolegrant_one_pending_party",
            ),
            models.UniqueConstraint(
                fields=["user", "forbund", "role"],
                condition=models.Q(decision="pending", party__isnull=True),
                name="rolegrant_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.user} ({self.get_decision_display()})"
