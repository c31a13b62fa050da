"""Identities for the synthetic people: valid personnummer, their blind index and names
encrypted exactly as ``samsyn.core.crypto`` stores them.

``crypto.encrypt`` builds a new AES-GCM object for every value; here one object per key
seals every value of a column, which is what makes a quarter of a million identified people
affordable (about 10 µs a value instead of about 40). The stored form is the same
``enc1:<key id>:<base64 of nonce + ciphertext>``, with the column's associated data, so the
application decrypts these values like any other (a test opens them through the model).
Nonces are random, as in the application: the ciphertexts differ from run to run while the
plaintexts are deterministic by seed.
"""

from __future__ import annotations

import base64
import os
import random

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import models

from samsyn.core import crypto
from samsyn.core.fields import EncryptedTextField
from samsyn.core.luhn import luhn_check_digit
from samsyn.core.personnummer import Personnummer, personnummer_blind_index


class ColumnSealer:
    """Encrypts values for one encrypted column of one model."""

    def __init__(self, model: type[models.Model], field_name: str) -> None:
        field = model._meta.get_field(field_name)
        assert isinstance(field, EncryptedTextField)
        ring = crypto.keyring()
        self._aead = AESGCM(ring.keys[ring.primary_id])
        self._prefix = f"{crypto.PREFIX}:{ring.primary_id}:"
        self._context = field.encryption_context.encode("utf-8")

    def seal(self, plaintext: str) -> str:
        if not plaintext:
            return ""
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode("utf-8"), self._context)
        return self._prefix + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def personnummer_for(
    rng: random.Random, *, birth_year: int, gender: str, taken: set[str]
) -> Personnummer:
    """A valid personnummer of ``birth_year`` whose gender digit matches ``gender``, not in
    ``taken`` (the numbers already used in the förbund; the new one is added)."""
    while True:
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        serial = rng.randint(0, 99)
        gender_digit = rng.choice("02468" if gender == "kvinna" else "13579")
        nine = f"{birth_year % 100:02d}{month:02d}{day:02d}{serial:02d}{gender_digit}"
        digits = f"{birth_year // 100:02d}{nine}{luhn_check_digit(nine)}"
        if digits not in taken:
            taken.add(digits)
            return Personnummer(digits)


def blind_index_of(pnr: Personnummer) -> str:
    return personnummer_blind_index(pnr)
