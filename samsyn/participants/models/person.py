"""The person behind one or more registrations, identified or anonymous."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.participants.models.choices import Gender

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_pseudonym() -> str:
    """A short code that names the person in logs and minutes without identifying them."""
    return "D-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(7))


class Person(models.Model):
    """A participant. Identifying fields are encrypted; report dimensions are not.

    An anonymous person (no consent, or protected identity) has no identifying data at all:
    only gender and, on the registration, the year of entry.
    """

    forbund = models.ForeignKey("core.Forbund", on_delete=models.PROTECT, related_name="persons")
    pseudonym = models.CharField(_("kod"), max_length=12, unique=True, default=new_pseudonym)
    is_anonymous = models.BooleanField(_("anonymt registrerad"), default=False)
    protected_identity = models.BooleanField(_("skyddade personuppgifter"), default=False)
    personnummer = EncryptedTextField(_("personnummer"), blank=True)
    # HMAC of the 12 digits, for exact look-up and for matching re-imports.
    personnummer_index = models.CharField(max_length=64, blank=True, db_index=True)
    first_name = EncryptedTextField(_("förnamn"), blank=True)
    last_name = EncryptedTextField(_("efternamn"), blank=True)
    phone = EncryptedTextField(_("telefon"), blank=True)
    email = EncryptedTextField(_("e-post"), blank=True)
    gender = models.CharField(_("kön"), max_length=8, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("födelseår"), null=True, blank=True)
    home_municipality_code = models.CharField(_("hemkommun"), max_length=4, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when retention or an approved erasure removed the identity (docs/data-lifecycle.md).
    identity_cleared_on = models.DateField(_("identitet gallrad"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "personnummer_index"],
                condition=~models.Q(personnummer_index=""),
                name="person_unique_personnummer",
            ),
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False)
                | (models.Q(personnummer="") & models.Q(personnummer_index="")),
                name="person_anonymous_has_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def display_name(self) -> str:
        """Name for staff who may see identities; the code for anonymous people."""
        if self.is_anonymous:
            return str(_("Anonym deltagare %(code)s") % {"code": self.pseudonym})
        name = f"{self.first_name} {self.last_name}".strip()
        return name or self.pseudonym
