"""Requests to erase a person's data now (GDPR Art. 17), approved by a second administrator."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på godkännande")
    APPROVED = "approved", _("Godkänd och genomförd")
    REFUSED = "refused", _("Avslagen")


class ErasureRequest(Versioned):
    """One administrator asks that a person's data be cleared; another approves or refuses.

    The request names the person by the pseudonymous code only, so the list of requests
    shows no identity and the row survives the clearing it asks for."""

    forbund = models.ForeignKey(
        "core.Forbund", on_delete=models.PROTECT, related_name="erasure_requests"
    )
    person = models.ForeignKey(
        "participants.Person", on_delete=models.PROTECT, related_name="erasure_requests"
    )
    reason = models.CharField(_("skäl"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("begärd"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)

    class Meta:
        verbose_name = _("begäran om radering")
        verbose_name_plural = _("begäranden om radering")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("requested_by")),
                name="erasure_decided_by_another_admin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_status_display()}"
