"""Model fields whose values are encrypted at rest (see samsyn/core/crypto.py)."""

from __future__ import annotations

from typing import Any

from django.db import models

from samsyn.core import crypto


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext bound to its column; empty stays empty.

    Encrypted values cannot be filtered or ordered in SQL. Search by an exact value through a
    blind-index column next to it; never use these fields as report dimensions.
    """

    def _context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.attname}"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value, context=self._context())

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value), context=self._context())
