"""Personal API tokens: only a hash is stored, the token itself is shown once."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.models.accounts import User

# How long a token works after it is created or renewed (docs/security/login-and-api.md).
TOKEN_LIFETIME = datetime.timedelta(days=90)


def token_expiry_from_now() -> datetime.datetime:
    """The default end of a token's life; for tokens that existed before expiry was
    introduced, the migration gives them this lifetime counted from the migration."""
    return timezone.now() + TOKEN_LIFETIME


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
    expires_at = models.DateTimeField(_("går ut"), default=token_expiry_from_now)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
