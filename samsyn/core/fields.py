"""Model fields whose values are encrypted at rest (see samsyn/core/crypto.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact

from samsyn.core import crypto


class _EmptyOnlyExact(Exact):
    """``field=""`` still works; any other equality test would silently never match.

    Each encryption uses a fresh nonce, so comparing a ciphertext in SQL with a newly
    encrypted value is always false. Failing loudly beats an empty result that looks real.
    """

    def get_prep_lookup(self) -> Any:
        if self.rhs != "":
            raise FieldError(
                f"{self.lhs.output_field.name} is encrypted and cannot be compared in SQL; "
                "look it up through a blind index instead."
            )
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext bound to its column; empty stays empty.

    Encrypted values cannot be filtered or ordered in SQL: only ``isnull`` and an equality
    test against ``""`` are allowed, any other lookup raises FieldError. Search by an exact
    value through a blind-index column next to it; never use these fields as report
    dimensions.
    """

    @property
    def encryption_context(self) -> str:
        """The associated data that binds a ciphertext to this model's column."""
        return f"{self.model._meta.label_lower}.{self.attname}"

    def _context(self) -> str:
        return self.encryption_context

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return _EmptyOnlyExact
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value, context=self.encryption_context)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value), context=self.encryption_context)
