"""The access and change log (HSLF-FS 2016:40 4:9): who did what with whose data, when.

Rows are only ever inserted. Database triggers (see migration 0003) refuse UPDATE and DELETE,
so neither a bug nor a careless shell session can rewrite history. References to users,
förbund and interventions are kept without foreign-key constraints: the log must outlive
whatever it points at, and a cascading delete would be an UPDATE or DELETE here.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.roles import Role


class AuditAction(models.TextChoices):
    VIEW = "view", _("Visning")
    CREATE = "create", _("Skapande")
    UPDATE = "update", _("Ändring")
    DELETE = "delete", _("Borttagning")
    EXPORT = "export", _("Export")
    PRINT = "print", _("Utskrift")
    LOGIN = "login", _("Inloggning")
    LOGIN_FAILED = "login_failed", _("Misslyckad inloggning")
    LOGOUT = "logout", _("Utloggning")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    # The user name as it was, so the log reads right even if the account is renamed.
    actor_username = models.CharField(_("användarnamn"), max_length=150, blank=True)
    role = models.CharField(_("roll"), max_length=32, blank=True)
    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("förbund"),
    )
    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("insats"),
    )
    # A pseudonymous reference to the participant (never a personnummer or a name).
    participant_ref = models.CharField(
        _("deltagarreferens"), max_length=64, blank=True, db_index=True
    )
    action = models.CharField(_("händelse"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("objekttyp"), max_length=100, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    detail = models.CharField(_("beskrivning"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    request_id = models.CharField(_("anrops-id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["forbund", "occurred_at"], name="audit_forbund_time"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    @property
    def role_label(self) -> str:
        """The role's display name; an unknown (e.g. retired) role shows as stored."""
        return str(Role(self.role).label) if self.role in Role.values else self.role

    @property
    def object_label(self) -> str:
        """The object as "<verbose name> <id>", without touching the database."""
        if not self.object_type:
            return ""
        try:
            name = str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            name = self.object_type
        return f"{name} {self.object_id}".strip()
