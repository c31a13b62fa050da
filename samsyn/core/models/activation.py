"""One-time links (activation, two-factor reset, password reset) and recovery codes.

Only hashes are stored: the raw link token and the raw recovery codes are shown (or e-mailed)
once and never kept.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from samsyn.core.models.accounts import User


class LinkPurpose(models.TextChoices):
    ACTIVATE = "activate", _("Aktivering av nytt konto")
    RESET_TWO_FACTOR = "reset_2fa", _("Ny tvåfaktorsinloggning")
    PASSWORD_RESET = "password_reset", _("Nytt lösenord")


# The purposes that end with a new password AND a new authenticator; while one is open the
# account cannot sign in with its password alone.
ENROLLING_PURPOSES = (LinkPurpose.ACTIVATE, LinkPurpose.RESET_TWO_FACTOR)


class ActivationLink(models.Model):
    """A one-time link for one account and one purpose; only the token's hash is stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="activation_links", verbose_name=_("användare")
    )
    purpose = models.CharField(_("syfte"), max_length=20, choices=LinkPurpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    expires_at = models.DateTimeField(_("giltig till"))
    used_at = models.DateTimeField(_("använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ogiltigförklarad"), null=True, blank=True)

    class Meta:
        verbose_name = _("engångslänk")
        verbose_name_plural = _("engångslänkar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.user}"

    @staticmethod
    def hash_token(raw_token: str) -> str:
        return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()

    @property
    def is_open(self) -> bool:
        """Neither used nor replaced by a newer link (it may still have expired)."""
        return self.used_at is None and self.revoked_at is None

    @property
    def is_usable(self) -> bool:
        return self.is_open and self.expires_at > timezone.now()


class RecoveryDevice(ThrottlingMixin, Device):
    """django-otp device for the one-time recovery codes, usable instead of the TOTP code.

    A django-otp device so that a session signed in with a recovery code is 'verified' in the
    same way as one signed in with a TOTP code (django_otp.login), and so that guessing is
    throttled like TOTP (OTP_RECOVERY_THROTTLE_FACTOR).
    """

    class Meta(Device.Meta):
        verbose_name = _("återställningskoder")
        verbose_name_plural = _("återställningskoder")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token: str) -> bool:
        verify_allowed, _ignored = self.verify_is_allowed()
        if not verify_allowed:
            return False
        code = self.codes.filter(code_hash=RecoveryCode.hash_code(token), used_at=None).first()
        if code is None:
            self.throttle_increment()
            return False
        code.used_at = timezone.now()
        code.save(update_fields=["used_at"])
        self.throttle_reset()
        return True


class RecoveryCode(models.Model):
    """One recovery code; only its hash is stored, and it works once."""

    device = models.ForeignKey(RecoveryDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("återställningskod")
        verbose_name_plural = _("återställningskoder")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"

    @staticmethod
    def normalise(code: str) -> str:
        return "".join(code.split()).replace("-", "").upper()

    @classmethod
    def hash_code(cls, code: str) -> str:
        return hashlib.sha256(cls.normalise(code).encode("ascii", "ignore")).hexdigest()
